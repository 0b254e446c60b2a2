/**
 * Missive's rate-limit headers → the IETF draft names that Truto and most clients read.
 * Missive sends `X-RateLimit-Reset` as a UTC epoch (Missive "Rate Limits" page); the draft
 * (draft-ietf-httpapi-ratelimit-headers) wants seconds until reset. Pure: no runtime imports.
 */

export interface NormalizedRateLimitHeaders {
  'ratelimit-limit'?: string;
  'ratelimit-remaining'?: string;
  'ratelimit-reset'?: string;
  'retry-after'?: string;
}

/** Below this a Reset value cannot be an epoch (it would predate 2001), so it is already a delta. */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;
/** Above this a Reset value is an epoch in milliseconds. */
const EPOCH_MILLIS_FLOOR = 1_000_000_000_000;

type HeaderSource = Headers | Record<string, string | undefined>;

function read(source: HeaderSource, ...names: string[]): string | undefined {
  for (const name of names) {
    if (source instanceof Headers) {
      const v = source.get(name);
      if (v !== null) return v;
    } else {
      for (const [key, value] of Object.entries(source)) {
        if (key.toLowerCase() === name && value !== undefined) return value;
      }
    }
  }
  return undefined;
}

/** A non-negative decimal number, or undefined for anything else (malformed values are dropped). */
function parseNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (!/^\d{1,16}(\.\d{1,6})?$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/** Seconds until reset from either an epoch (seconds or milliseconds) or an already-delta value; never negative. */
export function resetToDeltaSeconds(value: number, nowMs: number): number {
  if (value >= EPOCH_MILLIS_FLOOR) return Math.max(0, Math.ceil((value - nowMs) / 1000));
  if (value >= EPOCH_SECONDS_FLOOR) return Math.max(0, Math.ceil(value - nowMs / 1000));
  return Math.max(0, Math.ceil(value));
}

/** `Retry-After` is either delta seconds or an HTTP date (RFC 9110 §10.2.3); returns seconds, or undefined. */
export function parseRetryAfter(raw: string | undefined, nowMs: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = parseNumber(raw);
  if (n !== undefined) return Math.ceil(n);
  if (!/[a-z]/i.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Maps upstream headers to `ratelimit-limit|remaining|reset` (delta seconds) and `retry-after`; drops malformed values. */
export function normalizeRateLimitHeaders(source: HeaderSource, nowMs: number): NormalizedRateLimitHeaders {
  const out: NormalizedRateLimitHeaders = {};
  const limit = parseNumber(read(source, 'x-ratelimit-limit', 'ratelimit-limit'));
  if (limit !== undefined) out['ratelimit-limit'] = String(Math.floor(limit));
  const remaining = parseNumber(read(source, 'x-ratelimit-remaining', 'ratelimit-remaining'));
  if (remaining !== undefined) out['ratelimit-remaining'] = String(Math.floor(remaining));
  const reset = parseNumber(read(source, 'x-ratelimit-reset', 'ratelimit-reset'));
  if (reset !== undefined) out['ratelimit-reset'] = String(resetToDeltaSeconds(reset, nowMs));
  const retryAfter = parseRetryAfter(read(source, 'retry-after'), nowMs);
  if (retryAfter !== undefined) out['retry-after'] = String(retryAfter);
  return out;
}

/** The wait to tell a model after a 429: Retry-After, else the reset delta, else `fallback`; at least 1 second. */
export function retryAfterSeconds(headers: NormalizedRateLimitHeaders, fallback = 1): number {
  const fromRetry = headers['retry-after'] === undefined ? undefined : Number(headers['retry-after']);
  const fromReset = headers['ratelimit-reset'] === undefined ? undefined : Number(headers['ratelimit-reset']);
  const seconds = fromRetry ?? fromReset ?? fallback;
  return Math.max(1, Math.ceil(seconds));
}
