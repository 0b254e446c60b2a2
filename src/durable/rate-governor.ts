/**
 * The account-wide Missive budget (Missive "Rate Limits" page: 5 concurrent requests, 300 per
 * minute, 900 per 15 minutes, per token). Every MCP server of one integrated account shares one
 * Missive token, so the account's Durable Object holds one governor for all of them.
 * Pure: the clock is passed in, nothing here touches the runtime.
 */

export interface RateBudget {
  concurrent: number;
  perMinute: number;
  perQuarterHour: number;
}

export const MISSIVE_RATE_BUDGET: RateBudget = { concurrent: 5, perMinute: 300, perQuarterHour: 900 };

/**
 * The budget from the optional `MISSIVE_GOVERNOR_BUDGET` var ("concurrent,perMinute,perQuarterHour",
 * e.g. "1000,1000000,1000000"). Only benchmarks set it (`wrangler dev --var`), to measure the
 * gateway rather than the governor; unset, empty or malformed means Missive's documented budget.
 */
export function rateBudgetFromVar(raw: string | undefined): RateBudget {
  const m = /^\s*([1-9][0-9]{0,8})\s*,\s*([1-9][0-9]{0,8})\s*,\s*([1-9][0-9]{0,8})\s*$/.exec(raw ?? '');
  if (!m) return MISSIVE_RATE_BUDGET;
  return { concurrent: Number(m[1]), perMinute: Number(m[2]), perQuarterHour: Number(m[3]) };
}

const MINUTE_MS = 60_000;
const QUARTER_HOUR_MS = 15 * MINUTE_MS;

export type AcquireDenial = 'concurrency' | 'minute' | 'quarter_hour' | 'upstream';

export type AcquireResult =
  { ok: true; permit: string } | { ok: false; reason: AcquireDenial; retryAfterSeconds: number; retryAfterMs: number };

/** What the caller learned from Missive, so a 429 from upstream blocks the whole account until it lifts. */
export interface ReleaseObservation {
  rateLimited?: boolean;
  retryAfterSeconds?: number;
  /**
   * The permit was taken ahead of time (the MCP live check takes it with a tools/call) and the call
   * never reached Missive (hidden tool, invalid arguments, refused bearer): its start leaves the
   * minute and 15-minute windows too, so refused calls do not spend the account's Missive budget.
   */
  refund?: boolean;
}

/** Index of the first entry of the ascending `sorted` that is greater than `t` (its length if none). */
function firstAfter(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Sliding-window log plus a set of in-flight permits. A permit expires on its own after
 * `permitTtlMs` (longer than the upstream deadline), so a caller that crashed before releasing
 * cannot hold a concurrency slot for ever.
 */
export class RateGovernor {
  /** Start times of admitted requests within the last 15 minutes, oldest first. */
  private readonly starts: number[] = [];
  /** Permit → when it expires on its own and when it was admitted (the start a refund removes). */
  private readonly inFlight = new Map<string, { expiresAt: number; start: number }>();
  private blockedUntil = 0;
  private counter = 0;

  constructor(
    private readonly budget: RateBudget = MISSIVE_RATE_BUDGET,
    private readonly permitTtlMs = 20_000,
  ) {}

  /** Admits one upstream request at `now` (ms) or says how long to wait. */
  acquire(now: number): AcquireResult {
    this.prune(now);
    if (now < this.blockedUntil) return this.deny('upstream', this.blockedUntil - now);
    if (this.starts.length >= this.budget.perQuarterHour) {
      const oldest = this.starts[this.starts.length - this.budget.perQuarterHour] ?? now;
      return this.deny('quarter_hour', oldest + QUARTER_HOUR_MS - now);
    }
    // `starts` is sorted: the last minute is a suffix, found by binary search (no scan, no copy;
    // the log holds up to perQuarterHour entries, far more when a benchmark raises the budget).
    const inMinute = this.starts.length - firstAfter(this.starts, now - MINUTE_MS);
    if (inMinute >= this.budget.perMinute) {
      const oldest = this.starts[this.starts.length - this.budget.perMinute] ?? now;
      return this.deny('minute', oldest + MINUTE_MS - now);
    }
    if (this.inFlight.size >= this.budget.concurrent) {
      const soonest = Math.min(...[...this.inFlight.values()].map((p) => p.expiresAt));
      // Usually a slot frees within a fraction of a second, long before the permit expires.
      return this.deny('concurrency', Math.min(1000, Math.max(1, soonest - now)));
    }
    this.counter += 1;
    const permit = `${now.toString(36)}.${this.counter.toString(36)}`;
    this.starts.push(now);
    this.inFlight.set(permit, { expiresAt: now + this.permitTtlMs, start: now });
    return { ok: true, permit };
  }

  /** Frees a concurrency slot (unknown or expired permits are ignored); records an upstream 429; refunds unused permits. */
  release(permit: string, now: number, observed: ReleaseObservation = {}): void {
    const held = this.inFlight.get(permit);
    this.inFlight.delete(permit);
    if (held && observed.refund) {
      // `starts` is sorted; any entry with the same time is equivalent, so drop the last one.
      const i = this.starts.lastIndexOf(held.start);
      if (i >= 0) this.starts.splice(i, 1);
    }
    if (observed.rateLimited) {
      const seconds = Math.max(1, Math.min(900, Math.ceil(observed.retryAfterSeconds ?? 1)));
      this.blockedUntil = Math.max(this.blockedUntil, now + seconds * 1000);
    }
  }

  /** Current usage, for tests and diagnostics. */
  snapshot(now: number): { inFlight: number; lastMinute: number; lastQuarterHour: number; blockedForMs: number } {
    this.prune(now);
    return {
      inFlight: this.inFlight.size,
      lastMinute: this.starts.length - firstAfter(this.starts, now - MINUTE_MS),
      lastQuarterHour: this.starts.length,
      blockedForMs: Math.max(0, this.blockedUntil - now),
    };
  }

  private prune(now: number): void {
    const horizon = now - QUARTER_HOUR_MS;
    let drop = 0;
    while (drop < this.starts.length && (this.starts[drop] ?? now) <= horizon) drop += 1;
    if (drop > 0) this.starts.splice(0, drop);
    for (const [permit, held] of this.inFlight) {
      if (held.expiresAt <= now) this.inFlight.delete(permit);
    }
  }

  private deny(reason: AcquireDenial, waitMs: number): AcquireResult {
    const retryAfterMs = Math.max(1, Math.ceil(waitMs));
    return { ok: false, reason, retryAfterMs, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }
}
