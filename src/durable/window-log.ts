/**
 * A sliding-window log of request start times (epoch ms), ascending: how many starts fall in the
 * last minute and the last 15 minutes, and when the window frees again. Pure; the clock is passed in.
 */

export const MINUTE_MS = 60_000;
export const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/** Per-minute and per-15-minute ceilings a log is checked against. */
export interface WindowLimits {
  perMinute: number;
  perQuarterHour: number;
}

export type WindowDenial = { reason: 'minute' | 'quarter_hour'; waitMs: number };

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

export class WindowLog {
  private readonly starts: number[] = [];

  /** Starts within the last 15 minutes (after the last prune). */
  get size(): number {
    return this.starts.length;
  }

  /** Records a start; kept sorted even if a caller's clock steps back. */
  add(t: number): void {
    const last = this.starts[this.starts.length - 1];
    if (last === undefined || t >= last) this.starts.push(t);
    else this.starts.splice(firstAfter(this.starts, t), 0, t);
  }

  /** Removes one start at `t` (a refund); equal times are interchangeable. */
  remove(t: number): void {
    const i = this.starts.lastIndexOf(t);
    if (i >= 0) this.starts.splice(i, 1);
  }

  /** Drops starts at or before `now - 15 min`; returns how many were dropped. */
  prune(now: number): number {
    const drop = firstAfter(this.starts, now - QUARTER_HOUR_MS);
    if (drop > 0) this.starts.splice(0, drop);
    return drop;
  }

  /** Starts within the last minute. */
  inMinute(now: number): number {
    return this.starts.length - firstAfter(this.starts, now - MINUTE_MS);
  }

  /** Why one more start at `now` would exceed `limits` and how long until it would not; null if it fits. */
  check(now: number, limits: WindowLimits): WindowDenial | null {
    const n = this.starts.length;
    if (n >= limits.perQuarterHour) {
      const oldest = this.starts[n - limits.perQuarterHour] ?? now;
      return { reason: 'quarter_hour', waitMs: oldest + QUARTER_HOUR_MS - now };
    }
    // The last minute is a suffix of the sorted log, found by binary search (no scan, no copy).
    if (this.inMinute(now) >= limits.perMinute) {
      const oldest = this.starts[n - limits.perMinute] ?? now;
      return { reason: 'minute', waitMs: oldest + MINUTE_MS - now };
    }
    return null;
  }
}
