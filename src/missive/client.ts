/**
 * The tools' way to Missive: account governor → fetchMissive (deadline) → parsed JSON, status
 * and normalized rate-limit headers, with every failure mapped to a result a model can act on.
 * Writes are never retried; nothing here retries at all (each retry would also spend budget).
 */
import { redactSecrets } from '../log';
import type { AcquireResult, ReleaseObservation } from '../durable/rate-governor';
import { normalizeRateLimitHeaders, retryAfterSeconds } from './rate-limit-headers';
import { toolFailure, type FailureKind } from './results';
import type { ToolContext, ToolOutcome, UpstreamOutcome } from './tool-definition';
import { fetchMissive, readUpstreamText, UpstreamTimeoutError, type UpstreamRequest } from './upstream';

export interface CallOptions {
  /** What a 404 means for this call, e.g. `conversation "abc"`. */
  notFound?: string;
  timeoutMs?: number;
}

export type MissiveCall =
  | { ok: true; status: number; data: unknown; upstream: UpstreamOutcome }
  | { ok: false; kind: FailureKind; status: number | null; outcome: ToolOutcome };

/** The Durable Object RPC surface the client needs (implemented by AccountAuthority). */
export interface UpstreamGovernorRpc {
  acquireUpstreamSlot(serverId: string, nowMs?: number): Promise<AcquireResult>;
  releaseUpstreamSlot(permit: string, observed?: ReleaseObservation): Promise<void>;
}

/** How long a call may wait for a concurrency slot before failing fast. */
const CONCURRENCY_WAIT_BUDGET_MS = 5_000;

export const UNAVAILABLE_MESSAGE = 'Missive is unavailable, try again later.';

function governorFor(ctx: ToolContext): UpstreamGovernorRpc {
  const ns = ctx.env.ACCOUNT_AUTHORITY;
  return ns.get(ns.idFromName(ctx.accountId));
}

function rateLimitedOutcome(seconds: number, upstream?: UpstreamOutcome): ToolOutcome {
  return toolFailure(
    'rate_limited',
    `Missive's rate limit for this account is reached. Wait ${seconds} seconds (retry_after_seconds: ${seconds}) and call the tool again.`,
    { retry_after_seconds: seconds },
    upstream,
  );
}

/** Waits for a slot in the account's budget; concurrency waits briefly, spent windows fail fast. */
async function acquireSlot(
  ctx: ToolContext,
  governor: UpstreamGovernorRpc,
): Promise<{ ok: true; permit: string | null } | { ok: false; outcome: ToolOutcome }> {
  const started = Date.now();
  for (;;) {
    let answer: AcquireResult;
    try {
      // The object's own clock, not this isolate's: one clock for every server of the account.
      answer = await governor.acquireUpstreamSlot(ctx.serverId);
    } catch (err) {
      // Missive enforces its own limits; a governor outage must not take every tool down.
      ctx.log.warn('governor.unavailable', { error: err instanceof Error ? err.message : String(err) });
      return { ok: true, permit: null };
    }
    if (answer.ok) return { ok: true, permit: answer.permit };
    const waited = Date.now() - started;
    if (answer.reason !== 'concurrency' || waited + answer.retryAfterMs > CONCURRENCY_WAIT_BUDGET_MS) {
      ctx.log.info('governor.denied', { reason: answer.reason, retry_after_seconds: answer.retryAfterSeconds });
      return {
        ok: false,
        // No `upstream`: Missive was not called, so there is no upstream status to report.
        outcome: rateLimitedOutcome(answer.retryAfterSeconds),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(20, answer.retryAfterMs))));
  }
}

/**
 * Missive's own explanation from an error body, trimmed and scrubbed of anything credential-shaped and
 * of `secret` (the account's Missive token: it has no fixed shape, so the patterns alone may miss it).
 */
export function upstreamReason(body: string, secret?: string): string | null {
  let text = (secret ? body.split(secret).join('[redacted]') : body).trim();
  if (text === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    const pick = (v: unknown): string | null => {
      if (typeof v === 'string') return v;
      if (Array.isArray(v)) return v.map(pick).filter(Boolean).join('; ') || null;
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        return pick(o.message) ?? pick(o.error) ?? pick(o.errors) ?? pick(o.detail) ?? pick(o.reason);
      }
      return null;
    };
    const found = pick(parsed);
    if (found) text = found;
    else if (parsed && typeof parsed === 'object') text = JSON.stringify(parsed);
  } catch {
    // not JSON: keep the raw text, it is trimmed below
  }
  if (/<html|<!doctype/i.test(text)) return null;
  return redactSecrets(text.replace(/\s+/g, ' ')).slice(0, 400);
}

function failure(
  kind: FailureKind,
  status: number | null,
  message: string,
  upstream?: UpstreamOutcome,
  extra: Record<string, unknown> = {},
): MissiveCall {
  return {
    ok: false,
    kind,
    status,
    outcome: toolFailure(kind, message, status === null ? extra : { status, ...extra }, upstream),
  };
}

/** Maps an upstream status that is not 2xx to the failure a model can act on. */
function mapFailure(
  status: number,
  body: string,
  upstream: UpstreamOutcome,
  opts: CallOptions,
  secret: string,
): MissiveCall {
  const reason = upstreamReason(body, secret);
  if (status === 429) {
    const seconds = retryAfterSeconds(upstream.rateLimitHeaders);
    return { ok: false, kind: 'rate_limited', status, outcome: rateLimitedOutcome(seconds, upstream) };
  }
  if (status === 404) {
    const what = opts.notFound ?? 'the requested Missive resource';
    return failure(
      'not_found',
      status,
      `Not found: ${what} does not exist or is not visible to this account.`,
      upstream,
    );
  }
  if (status === 401) {
    return failure(
      'credential_rejected',
      status,
      "Missive rejected this account's credential. Ask an administrator to relink the Missive account.",
      upstream,
    );
  }
  if (status === 403) {
    return failure(
      'forbidden',
      status,
      `Missive refused this operation for this account's credential${reason ? `: ${reason}` : ''}. ` +
        'The Missive user may lack the permission (some operations need an organization admin), or the credential was revoked; ask an administrator to relink the Missive account if it keeps happening.',
      upstream,
    );
  }
  if (status >= 500) return failure('unavailable', status, UNAVAILABLE_MESSAGE, upstream);
  return failure(
    'rejected',
    status,
    `Missive rejected the request${reason ? `: ${reason}` : ` (HTTP ${status})`}. Fix the arguments and try again.`,
    upstream,
  );
}

/** Calls Missive once through the account's governor; never throws for upstream problems. */
export async function callMissive(
  ctx: ToolContext,
  req: UpstreamRequest,
  opts: CallOptions = {},
): Promise<MissiveCall> {
  const governor = governorFor(ctx);
  // A permit taken with the live check (ToolContext.prepaid) saves a round trip to the object; the
  // endpoint releases it after the answer. Later requests of the same call acquire their own.
  const prepaid = ctx.prepaid && !ctx.prepaid.claimed ? ctx.prepaid : null;
  if (prepaid) prepaid.claimed = true;
  const slot = prepaid ? { ok: true as const, permit: null } : await acquireSlot(ctx, governor);
  if (!slot.ok) return { ok: false, kind: 'rate_limited', status: null, outcome: slot.outcome };
  const started = Date.now();
  let observed: ReleaseObservation = {};
  try {
    let res: Response;
    try {
      res = await fetchMissive(ctx.env, ctx.missiveToken, req, opts.timeoutMs);
    } catch (err) {
      const timedOut = err instanceof UpstreamTimeoutError;
      ctx.log.warn('missive.request_failed', { method: req.method, timed_out: timedOut, ms: Date.now() - started });
      return failure('unavailable', null, UNAVAILABLE_MESSAGE);
    }
    const upstream: UpstreamOutcome = {
      status: res.status,
      rateLimitHeaders: { ...normalizeRateLimitHeaders(res.headers, Date.now()) },
    };
    const text = await readUpstreamText(res);
    ctx.log.debug('missive.request', { method: req.method, status: res.status, ms: Date.now() - started });
    if (res.status === 429) {
      // The governor blocks the account for Missive's own Retry-After only, not a window's reset.
      const given = upstream.rateLimitHeaders['retry-after'];
      observed = { rateLimited: true, retryAfterSeconds: given === undefined ? undefined : Number(given) };
    }
    if (text === null) return failure('unavailable', res.status, UNAVAILABLE_MESSAGE, upstream);
    if (res.status < 200 || res.status >= 300) return mapFailure(res.status, text, upstream, opts, ctx.missiveToken);
    if (text.trim() === '') return { ok: true, status: res.status, data: null, upstream };
    try {
      return { ok: true, status: res.status, data: JSON.parse(text) as unknown, upstream };
    } catch {
      ctx.log.warn('missive.unreadable_answer', { method: req.method, status: res.status });
      return failure(
        'unavailable',
        res.status,
        'Missive returned an answer that could not be read; try again later.',
        upstream,
      );
    }
  } finally {
    if (prepaid) prepaid.observed = observed;
    else if (slot.permit !== null) {
      await governor.releaseUpstreamSlot(slot.permit, observed).catch((err: unknown) => {
        ctx.log.warn('governor.release_failed', { error: err instanceof Error ? err.message : String(err) });
      });
    }
  }
}
