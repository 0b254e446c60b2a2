/**
 * Missive's per-token rate limits (https://missiveapp.com/help/api-documentation/rate-limits):
 * 5 concurrent requests, 300 per minute, 900 per 15 minutes. The window maths is pure (it takes
 * `now`), and the state is a plain object the store owns.
 */

export interface RateLimits {
  concurrent: number;
  perMinute: number;
  perQuarterHour: number;
  minuteWindowMs: number;
  quarterHourWindowMs: number;
}

/** Per-token state: start times (ms) of admitted requests inside the longest window, and in-flight count. */
export interface TokenRateState {
  admitted: number[];
  inFlight: number;
  /**
   * Highest in-flight count including the arriving request, even when it was refused: above the
   * concurrency limit means a client tried to exceed it.
   */
  maxConcurrencyAttempted: number;
  /** Highest number admitted in flight at once (never above the concurrency limit). */
  maxConcurrencyAdmitted: number;
}

export interface RateHeaders {
  limit: number;
  remaining: number;
  /** UTC epoch seconds when the reported window frees a slot. */
  resetEpochSeconds: number;
}

export type RateDecision =
  | { ok: true; headers: RateHeaders }
  | { ok: false; reason: 'concurrency' | 'minute' | 'quarter_hour'; headers: RateHeaders; retryAfterSeconds: number };

/** A fresh state for a token. */
export function newTokenRateState(): TokenRateState {
  return { admitted: [], inFlight: 0, maxConcurrencyAttempted: 0, maxConcurrencyAdmitted: 0 };
}

function windowStats(
  admitted: number[],
  now: number,
  windowMs: number,
  limit: number,
): RateHeaders & { used: number; resetMs: number } {
  const inside = admitted.filter((t) => t > now - windowMs);
  const oldest = inside[0];
  const resetMs = oldest === undefined ? now + windowMs : oldest + windowMs;
  return {
    used: inside.length,
    resetMs,
    limit,
    remaining: Math.max(0, limit - inside.length),
    resetEpochSeconds: Math.ceil(resetMs / 1000),
  };
}

/**
 * Decides whether a request may start now. On success it records the request (admitted and in
 * flight); the caller must call `finishRequest` when the response is done. Refused requests are
 * not counted against the windows.
 */
export function admitRequest(state: TokenRateState, limits: RateLimits, now: number): RateDecision {
  state.admitted = state.admitted.filter((t) => t > now - Math.max(limits.minuteWindowMs, limits.quarterHourWindowMs));
  state.maxConcurrencyAttempted = Math.max(state.maxConcurrencyAttempted, state.inFlight + 1);
  const minute = windowStats(state.admitted, now, limits.minuteWindowMs, limits.perMinute);
  const quarter = windowStats(state.admitted, now, limits.quarterHourWindowMs, limits.perQuarterHour);
  const strip = ({ limit, remaining, resetEpochSeconds }: RateHeaders): RateHeaders => ({
    limit,
    remaining,
    resetEpochSeconds,
  });
  const retryAfter = (h: { resetMs: number }): number => Math.max(1, Math.ceil((h.resetMs - now) / 1000));
  if (minute.used >= limits.perMinute) {
    return { ok: false, reason: 'minute', headers: strip(minute), retryAfterSeconds: retryAfter(minute) };
  }
  if (quarter.used >= limits.perQuarterHour) {
    return { ok: false, reason: 'quarter_hour', headers: strip(quarter), retryAfterSeconds: retryAfter(quarter) };
  }
  if (state.inFlight >= limits.concurrent) {
    const headers = { ...strip(minute), resetEpochSeconds: Math.ceil(now / 1000) + 1 };
    return { ok: false, reason: 'concurrency', headers, retryAfterSeconds: 1 };
  }
  state.admitted.push(now);
  state.inFlight++;
  state.maxConcurrencyAdmitted = Math.max(state.maxConcurrencyAdmitted, state.inFlight);
  // report the window with the fewest remaining requests, counting this one
  const after = [
    windowStats(state.admitted, now, limits.minuteWindowMs, limits.perMinute),
    windowStats(state.admitted, now, limits.quarterHourWindowMs, limits.perQuarterHour),
  ].sort((a, b) => a.remaining - b.remaining)[0];
  return { ok: true, headers: strip(after ?? minute) };
}

/** Marks one admitted request of this token as finished. */
export function finishRequest(state: TokenRateState): void {
  state.inFlight = Math.max(0, state.inFlight - 1);
}
