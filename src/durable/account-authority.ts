/**
 * One Durable Object per integrated account (`idFromName(accountId)`): the authority on which of
 * its MCP servers are live, the expiry alarm, the account's sealed record (defaults and the
 * still-encrypted Missive credential) and the account's Missive rate budget. The MCP
 * endpoint calls `authorize` once per request (live check + account + a permit for tools/call),
 * so revocation and rotation take effect on the next request, whatever KV still holds elsewhere.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env';
import { createLogger } from '../log';
import { authModeOf } from '../missive/server-config';
import { ApprovalNonces } from '../storage/approval-nonces';
import { AuditOutbox } from '../storage/audit-outbox';
import { RefusedCallCounter, type RefusedCallCounts } from '../storage/refused-calls';
import { AuthorityStore, type AuthorityServer } from '../storage/authority-store';
import { markMcpServerExpired } from '../storage/mcp-servers';
import { insertToolCalls, TOOL_CALLS_PER_STATEMENT } from '../storage/tool-calls';
import { deleteTokenIndex } from '../storage/token-index';
import type { SealedAccount } from '../storage/accounts';
import type {
  AuthorityAuthorization,
  AuthorityLiveServer,
  AuthorityPatch,
  AuthorityRegistration,
  RetiredToken,
  ToolCallFinish,
} from './authority';
import { SqlGovernorJournal } from '../storage/governor-journal';
import { shareFor } from './fair-share';
import { RateGovernor, rateBudgetFromVar, type AcquireResult, type ReleaseObservation } from './rate-governor';

const toMs = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** How long an audit row may wait in the outbox before the alarm writes it to D1. */
export const AUDIT_FLUSH_DELAY_MS = 2_000;
/** After a failed flush (D1 unavailable), the next attempt waits this long; the rows stay queued. */
export const AUDIT_FLUSH_RETRY_MS = 30_000;
/** Statements per flush: under the 50 queries a free-plan invocation may make; the rest flush next time. */
const AUDIT_FLUSH_MAX_STATEMENTS = 20;
const toIso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class AccountAuthority extends DurableObject<Bindings> {
  private readonly authority: AuthorityStore;
  private readonly outbox: AuditOutbox;
  private readonly refused: RefusedCallCounter;
  private readonly approvals: ApprovalNonces;
  /** Not before this time (epoch ms) is a flush retried after a D1 failure. */
  private flushNotBefore = 0;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.authority = new AuthorityStore(ctx.storage.sql);
    this.outbox = new AuditOutbox(ctx.storage.sql);
    this.refused = new RefusedCallCounter(ctx.storage.sql);
    this.approvals = new ApprovalNonces(ctx.storage.sql);
  }

  /** How many of `serverId`'s calls were refused before Missive, per kind. */
  async refusedCalls(serverId: string): Promise<RefusedCallCounts> {
    return this.refused.counts(serverId);
  }

  /** Uses an approval's nonce: true once, false for a replay (tools/call approvals, src/mcp/approval.ts). */
  async consumeApproval(nonce: string, expiresAtMs: number, nowMs: number = Date.now()): Promise<boolean> {
    return this.approvals.consume(nonce, expiresAtMs, nowMs);
  }

  // Authority: live servers, revocation, rotation, expiry.

  /** Records a newly minted server as active and schedules its expiry. */
  async registerServer(reg: AuthorityRegistration): Promise<void> {
    this.authority.upsert({
      id: reg.id,
      accountId: reg.accountId,
      tenantId: reg.tenantId,
      name: reg.name,
      config: reg.config,
      tokenHash: reg.tokenHash,
      hmacVersion: reg.hmacVersion,
      status: 'active',
      expiresAtMs: toMs(reg.expiresAt),
    });
    await this.scheduleAlarm();
  }

  /** Applies a name/config/expiry change to an active server; false if it is not active or already expired. */
  async updateServer(serverId: string, patch: AuthorityPatch, nowMs: number = Date.now()): Promise<boolean> {
    const current = this.authority.get(serverId);
    if (!current || current.status !== 'active') return false;
    // Past its expiry but not yet swept by the alarm: dead already, so a new expires_at must not revive it.
    if (current.expiresAtMs !== null && current.expiresAtMs <= nowMs) return false;
    this.authority.upsert({
      ...current,
      name: patch.name ?? current.name,
      config: patch.config ?? current.config,
      expiresAtMs: patch.expiresAt === undefined ? current.expiresAtMs : toMs(patch.expiresAt),
    });
    await this.scheduleAlarm();
    return true;
  }

  /** Swaps the token hash of an active server; returns the retired hash, or null if not active. */
  async rotateServer(serverId: string, next: { tokenHash: string; hmacVersion: number }): Promise<RetiredToken | null> {
    const current = this.authority.get(serverId);
    if (!current || current.status !== 'active') return null;
    this.authority.upsert({ ...current, tokenHash: next.tokenHash, hmacVersion: next.hmacVersion });
    return { serverId, tokenHash: current.tokenHash, hmacVersion: current.hmacVersion };
  }

  /** Revokes one server; returns its token hash if it was active (idempotent). */
  async revokeServer(serverId: string): Promise<RetiredToken | null> {
    const current = this.authority.get(serverId);
    if (!current || current.status !== 'active') return null;
    this.authority.setStatus(serverId, 'revoked');
    await this.scheduleAlarm();
    return { serverId, tokenHash: current.tokenHash, hmacVersion: current.hmacVersion };
  }

  /**
   * Revokes every active server of the account (account deletion). With the account, also erases
   * the sealed credential kept here and marks the account deleted, so no late backfill restores it.
   */
  async revokeAll(account?: { id: string; tenantId: string; deletedAt: string }): Promise<RetiredToken[]> {
    if (account) this.authority.eraseAccount(account.id, account.tenantId, account.deletedAt);
    const active = this.authority.listActive();
    for (const s of active) this.authority.setStatus(s.id, 'revoked');
    await this.scheduleAlarm();
    return active.map((s) => ({ serverId: s.id, tokenHash: s.tokenHash, hmacVersion: s.hmacVersion }));
  }

  /**
   * Keeps the account's sealed record (link, PATCH, or a lazy backfill from D1); an older copy than
   * the one held, or any copy after a delete, is ignored. Returns whether it was stored.
   */
  async putAccount(account: SealedAccount): Promise<boolean> {
    return this.authority.putAccount(account);
  }

  /**
   * The MCP hot path in one call: the live check (as `checkLive`), the account's sealed record and,
   * for a tools/call (`wantPermit`), a governor permit, so a request needs one round trip to this
   * object before Missive. The caller releases the permit after its answer, with `refund` when the
   * call never reached Missive. No permit is taken for a deleted account, nor for a server whose
   * callers also need a bearer (`api_token` or `oauth`: it is not checked yet).
   */
  async authorize(
    serverId: string,
    tokenHash: string,
    nowMs: number = Date.now(),
    opts: { wantPermit?: boolean } = {},
  ): Promise<AuthorityAuthorization | null> {
    const server = await this.checkLive(serverId, tokenHash, nowMs);
    if (!server) return null;
    const account = this.authority.getAccount(server.accountId);
    const erased = account !== null && account.credentialsCiphertext === null;
    // A server that also needs a bearer (API token or OAuth access token) gets no permit here: the bearer is checked after
    // this call, and a caller holding only the URL must not occupy the account's Missive slots (its
    // tool calls acquire their own permit once the bearer has passed).
    const wantPermit = opts.wantPermit === true && !erased && authModeOf(server.config) === 'url';
    // The object's own clock for the governor, as acquireUpstreamSlot: one clock for every server of the account.
    const permit = wantPermit
      ? this.upstreamGovernor.acquire(
          Date.now(),
          server.id,
          shareFor(this.upstreamGovernor.accountBudget, server.config.rate_limit),
        )
      : null;
    return { server, account, permit };
  }

  /**
   * The live-check of the MCP hot path: active, not past `expires_at` at `nowMs` (so a late alarm
   * never extends a life), and presenting the current token hash (so a rotated token dies at once).
   */
  async checkLive(
    serverId: string,
    tokenHash: string,
    nowMs: number = Date.now(),
  ): Promise<AuthorityLiveServer | null> {
    const s = this.authority.get(serverId);
    if (!s || s.status !== 'active' || s.tokenHash !== tokenHash) return null;
    if (s.expiresAtMs !== null && s.expiresAtMs <= nowMs) return null;
    return {
      id: s.id,
      accountId: s.accountId,
      tenantId: s.tenantId,
      name: s.name,
      config: s.config,
      expiresAt: toIso(s.expiresAtMs),
    };
  }

  /**
   * One alarm for two jobs: the expiry sweep, and writing the audit outbox to D1. Both are
   * idempotent, so a re-run (the runtime retries a failed alarm) or a second alarm is harmless.
   */
  override async alarm(): Promise<void> {
    const now = Date.now();
    await this.sweepDue(now);
    try {
      await this.writeAuditBatch();
      this.flushNotBefore = 0;
    } catch (err) {
      // D1 unavailable: the rows stay in the outbox (durable) and are retried later, not in a tight loop.
      this.flushNotBefore = now + AUDIT_FLUSH_RETRY_MS;
      createLogger({ object_id: this.ctx.id.toString() }, this.env.LOG_LEVEL).error('authority.audit_flush_failed', {
        queued: this.outbox.size(),
        retry_at: new Date(this.flushNotBefore).toISOString(),
        error: err instanceof Error ? err.message : String(err),
      });
    }
    await this.scheduleAlarm();
  }

  /**
   * Expiry sweep: for each active server past its expiry, delete its KV entry, mark it expired in
   * D1, then mark it expired here. Every step is idempotent; a failure leaves the server `active`
   * here and it is picked up again, while `checkLive` already refuses it by time.
   */
  async sweepExpired(nowMs: number): Promise<string[]> {
    const swept = await this.sweepDue(nowMs);
    await this.scheduleAlarm();
    return swept;
  }

  private async sweepDue(nowMs: number): Promise<string[]> {
    const due: AuthorityServer[] = this.authority.listDue(nowMs);
    const nowIso = new Date(nowMs).toISOString();
    for (const s of due) {
      await deleteTokenIndex(this.env.TOKEN_INDEX, s.hmacVersion, s.tokenHash);
      await markMcpServerExpired(this.env.DB, s.id, nowIso);
      this.authority.setStatus(s.id, 'expired');
    }
    return due.map((s) => s.id);
  }

  // After a tool call: the permit's release and the audit row, in one round trip.

  /**
   * What the MCP endpoint does after a tools/call's answer, in one call: frees the governor permit
   * (a refund when Missive was never reached) and queues the call's audit rows in the outbox, which
   * the alarm writes to D1 within AUDIT_FLUSH_DELAY_MS (or at once when an admin reads the log).
   */
  async finishToolCall(finish: ToolCallFinish, nowMs: number = Date.now()): Promise<void> {
    if (finish.permit) this.upstreamGovernor.release(finish.permit.permit, nowMs, finish.permit.observed);
    for (const r of finish.refused ?? []) this.refused.add(r.serverId, r.kind, nowMs);
    if (finish.audit.length === 0) return;
    const wasEmpty = this.outbox.isEmpty();
    this.outbox.append(finish.audit, nowMs);
    // A non-empty outbox already has its alarm at or before its oldest row's deadline.
    if (wasEmpty) await this.scheduleAlarm();
  }

  /**
   * Writes every queued audit row to D1 now (the admin API calls it before listing a server's calls,
   * so the log it shows is complete). Returns how many rows were written; throws if D1 fails.
   */
  async flushAudit(): Promise<number> {
    let written = 0;
    for (let n = await this.writeAuditBatch(); n > 0; n = await this.writeAuditBatch()) written += n;
    this.flushNotBefore = 0;
    await this.scheduleAlarm();
    return written;
  }

  /** Moves up to one batch of the outbox to D1; returns the number of rows moved. */
  private async writeAuditBatch(): Promise<number> {
    const rows = this.outbox.peek(TOOL_CALLS_PER_STATEMENT * AUDIT_FLUSH_MAX_STATEMENTS);
    if (rows.length === 0) return 0;
    await insertToolCalls(this.env.DB, rows);
    this.outbox.remove(rows.map((r) => r.id));
    return rows.length;
  }

  /** Points the alarm at the earliest of: the next expiry among active servers, the outbox's flush time. */
  private async scheduleAlarm(): Promise<void> {
    const expiry = this.authority.earliestExpiry();
    const oldest = this.outbox.oldestQueuedAt();
    const flushAt = oldest === null ? null : Math.max(oldest + AUDIT_FLUSH_DELAY_MS, this.flushNotBefore);
    const next = expiry === null ? flushAt : flushAt === null ? expiry : Math.min(expiry, flushAt);
    if (next === null) {
      await this.ctx.storage.deleteAlarm();
      return;
    }
    const current = await this.ctx.storage.getAlarm();
    if (current !== next) await this.ctx.storage.setAlarm(next);
  }

  /**
   * The Missive budget shared by every MCP server of this account, with each server's own share
   * inside it (src/durable/rate-governor.ts, fair-share.ts). Its windows are journaled in this
   * object's storage, so eviction does not hand out a fresh budget. `MISSIVE_GOVERNOR_BUDGET`
   * (unset in production) raises it for benchmarks only.
   */
  readonly upstreamGovernor = new RateGovernor(
    rateBudgetFromVar(this.env.MISSIVE_GOVERNOR_BUDGET),
    undefined,
    new SqlGovernorJournal(this.ctx.storage.sql),
  );

  /** Admits one Missive request for `serverId` within its share, or says how long to wait; never waits itself. */
  async acquireUpstreamSlot(serverId: string, nowMs: number = Date.now()): Promise<AcquireResult> {
    const share = shareFor(this.upstreamGovernor.accountBudget, this.authority.get(serverId)?.config.rate_limit);
    return this.upstreamGovernor.acquire(nowMs, serverId, share);
  }

  /** Frees `permit`'s concurrency slot; an upstream 429 blocks the whole account for Missive's Retry-After. */
  async releaseUpstreamSlot(
    permit: string,
    observed: ReleaseObservation = {},
    nowMs: number = Date.now(),
  ): Promise<void> {
    this.upstreamGovernor.release(permit, nowMs, observed);
  }
}
