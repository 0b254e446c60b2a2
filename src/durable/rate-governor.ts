/**
 * The account-wide Missive budget (Missive "Rate Limits" page: 5 concurrent requests, 300 per
 * minute, 900 per 15 minutes, per token) and each server's share of it. Every MCP server of one
 * integrated account shares one Missive token, so the account's Durable Object holds one governor
 * for all of them; a request must fit both the account's windows and its own server's.
 * Pure: the clock is passed in; what must survive the object's eviction goes to a `GovernorJournal`.
 */
import type { GovernorJournal } from '../storage/governor-journal';
import { WindowLog, QUARTER_HOUR_MS } from './window-log';

export interface RateBudget {
  concurrent: number;
  perMinute: number;
  perQuarterHour: number;
}

export const MISSIVE_RATE_BUDGET: RateBudget = { concurrent: 5, perMinute: 300, perQuarterHour: 900 };

/** The longest an upstream 429 blocks the account: Missive's longest window. */
const MAX_UPSTREAM_BLOCK_SECONDS = 900;
/** A 429 without Retry-After blocks this long: a short pause, not a guess at Missive's window. */
const DEFAULT_UPSTREAM_BLOCK_SECONDS = 1;

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

export type AcquireDenial = 'concurrency' | 'minute' | 'quarter_hour' | 'upstream';

export type AcquireResult =
  { ok: true; permit: string } | { ok: false; reason: AcquireDenial; retryAfterSeconds: number; retryAfterMs: number };

/** What the caller learned from Missive, so a 429 from upstream blocks the whole account until it lifts. */
export interface ReleaseObservation {
  rateLimited?: boolean;
  /** Missive's own `Retry-After` (seconds), if it sent one; nothing else decides how long a 429 blocks. */
  retryAfterSeconds?: number;
  /**
   * The permit was taken ahead of time (the MCP live check takes it with a tools/call) and the call
   * never reached Missive (hidden tool, invalid arguments, refused bearer): its start leaves the
   * minute and 15-minute windows too, so refused calls do not spend the account's Missive budget.
   */
  refund?: boolean;
}

/**
 * Sliding-window logs (the account's and one per server) plus the in-flight permits. A permit
 * expires on its own after `permitTtlMs` (longer than the upstream deadline), so a caller that
 * crashed before releasing cannot hold a concurrency slot for ever.
 */
export class RateGovernor {
  private readonly account = new WindowLog();
  private readonly servers = new Map<string, WindowLog>();
  /** Permit → its server, when it expires on its own and when it was admitted (the start a refund removes). */
  private readonly inFlight = new Map<string, { serverId: string; expiresAt: number; start: number }>();
  private blockedUntil = 0;
  private counter = 0;

  constructor(
    private readonly budget: RateBudget = MISSIVE_RATE_BUDGET,
    private readonly permitTtlMs = 20_000,
    private readonly journal?: GovernorJournal,
    now: number = Date.now(),
  ) {
    if (!journal) return;
    const saved = journal.load(now - QUARTER_HOUR_MS);
    this.blockedUntil = saved.blockedUntil;
    for (const p of saved.permits) {
      this.account.add(p.start);
      this.serverLog(p.serverId).add(p.start);
      if (p.inFlight) this.inFlight.set(p.permit, { serverId: p.serverId, expiresAt: p.expiresAt, start: p.start });
    }
  }

  /** The account's budget (every server's share lies inside it). */
  get accountBudget(): RateBudget {
    return this.budget;
  }

  /** Admits one upstream request of `serverId` at `now` (ms) within `share`, or says how long to wait. */
  acquire(now: number, serverId = '', share: RateBudget = this.budget): AcquireResult {
    this.prune(now);
    if (now < this.blockedUntil) return this.deny('upstream', this.blockedUntil - now);
    const server = this.serverLog(serverId);
    const windowed = this.account.check(now, this.budget) ?? server.check(now, share);
    if (windowed) return this.deny(windowed.reason, windowed.waitMs);
    const accountFull = this.inFlight.size >= this.budget.concurrent;
    if (accountFull || this.inFlightOf(serverId) >= share.concurrent) {
      let soonest = Infinity;
      for (const p of this.inFlight.values()) {
        if (accountFull || p.serverId === serverId) soonest = Math.min(soonest, p.expiresAt);
      }
      // Usually a slot frees within a fraction of a second, long before the permit expires.
      return this.deny('concurrency', Math.min(1000, Math.max(1, soonest - now)));
    }
    this.counter += 1;
    // Unique across the object's lives: permits restored from the journal keep their ids.
    const permit = `${now.toString(36)}.${this.counter.toString(36)}.${crypto.randomUUID().slice(0, 8)}`;
    const record = { serverId, expiresAt: now + this.permitTtlMs, start: now };
    this.account.add(now);
    server.add(now);
    this.inFlight.set(permit, record);
    this.journal?.admitted({ permit, ...record, inFlight: true });
    return { ok: true, permit };
  }

  /** Frees a concurrency slot (unknown or expired permits are ignored); records an upstream 429; refunds unused permits. */
  release(permit: string, now: number, observed: ReleaseObservation = {}): void {
    const held = this.inFlight.get(permit);
    this.inFlight.delete(permit);
    const refunded = held !== undefined && observed.refund === true;
    if (held && refunded) {
      this.account.remove(held.start);
      this.servers.get(held.serverId)?.remove(held.start);
    }
    if (held) this.journal?.released(permit, refunded);
    if (observed.rateLimited) {
      // Missive's 429 is about the account's token: it blocks every server, for as long as Missive said.
      const given = observed.retryAfterSeconds ?? DEFAULT_UPSTREAM_BLOCK_SECONDS;
      const seconds = Math.max(1, Math.min(MAX_UPSTREAM_BLOCK_SECONDS, Math.ceil(given)));
      const until = now + seconds * 1000;
      if (until > this.blockedUntil) {
        this.blockedUntil = until;
        this.journal?.blocked(until);
      }
    }
  }

  /** Current usage of the account, or of one server, for tests and diagnostics. */
  snapshot(
    now: number,
    serverId?: string,
  ): { inFlight: number; lastMinute: number; lastQuarterHour: number; blockedForMs: number } {
    this.prune(now);
    const log = serverId === undefined ? this.account : (this.servers.get(serverId) ?? new WindowLog());
    return {
      inFlight: serverId === undefined ? this.inFlight.size : this.inFlightOf(serverId),
      lastMinute: log.inMinute(now),
      lastQuarterHour: log.size,
      blockedForMs: Math.max(0, this.blockedUntil - now),
    };
  }

  private inFlightOf(serverId: string): number {
    let n = 0;
    for (const p of this.inFlight.values()) if (p.serverId === serverId) n += 1;
    return n;
  }

  private serverLog(serverId: string): WindowLog {
    let log = this.servers.get(serverId);
    if (!log) {
      log = new WindowLog();
      this.servers.set(serverId, log);
    }
    return log;
  }

  private prune(now: number): void {
    if (this.account.prune(now) > 0) {
      for (const [id, log] of this.servers) {
        log.prune(now);
        if (log.size === 0) this.servers.delete(id);
      }
      this.journal?.pruned(now - QUARTER_HOUR_MS);
    }
    for (const [permit, held] of this.inFlight) {
      if (held.expiresAt <= now) this.inFlight.delete(permit);
    }
  }

  private deny(reason: AcquireDenial, waitMs: number): AcquireResult {
    const retryAfterMs = Math.max(1, Math.ceil(waitMs));
    return { ok: false, reason, retryAfterMs, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }
}
