/**
 * Work that runs after the answer is ready (`waitUntil`): one authority call that releases the
 * governor permit and queues the audit rows, and the throttled `last_used_at` write.
 */
import type { Context } from 'hono';
import { authorityFor } from '../durable/authority-client';
import type { AppEnv } from '../env';
import { touchServerLastUsed } from '../storage/mcp-servers';
import { insertToolCalls } from '../storage/tool-calls';
import { lastUsedThrottle } from './last-used';
import type { AfterAnswer, McpRequestContext } from './request-context';

/** Runs promises after the response when the runtime allows it; errors are logged, never thrown. */
export function afterAnswerOf(c: Context<AppEnv>): AfterAnswer {
  let waitUntil: ((p: Promise<unknown>) => void) | undefined;
  try {
    const ctx = c.executionCtx;
    waitUntil = ctx.waitUntil.bind(ctx);
  } catch {
    // No ExecutionContext (e.g. app.request in a unit test): the promise still runs, unawaited.
    waitUntil = undefined;
  }
  return (what, promise) => {
    const guarded = promise.catch((err: unknown) => {
      c.get('log').warn('mcp.background_failed', { what, error: err instanceof Error ? err.message : String(err) });
    });
    if (waitUntil) waitUntil(guarded);
    else void guarded;
  };
}

/**
 * One round trip to the authority: the permit's concurrency slot is freed with what Missive said
 * (a 429 blocks the account), or refunded when the call never reached Missive, and the audit rows
 * are queued there for D1. If the authority cannot be reached, the rows are written to D1 directly
 * so the audit log loses nothing (the permit then lapses on its own).
 */
export async function finishToolCall(ctx: McpRequestContext): Promise<void> {
  const { prepaid, audit } = ctx;
  const refused = ctx.refused.map((kind) => ({ serverId: ctx.auth.server.id, kind }));
  const permit = prepaid
    ? { permit: prepaid.permit, observed: prepaid.claimed ? prepaid.observed : { refund: true } }
    : undefined;
  try {
    await authorityFor(ctx.env, ctx.auth.server.accountId).finishToolCall({ permit, audit, refused });
  } catch (err) {
    await insertToolCalls(ctx.env.DB, audit);
    throw err;
  }
}

/** Schedules the release and audit hand-off when this request took a permit or wrote audit rows. */
export function scheduleFinish(ctx: McpRequestContext): void {
  if (ctx.prepaid || ctx.audit.length > 0 || ctx.refused.length > 0)
    ctx.afterAnswer('finish_tool_call', finishToolCall(ctx));
}

/** At most once a minute per server and isolate, `last_used_at` is written after the answer. */
export function scheduleLastUsed(ctx: McpRequestContext): void {
  const id = ctx.auth.server.id;
  const now = ctx.now();
  if (!lastUsedThrottle.shouldWrite(id, now)) return;
  const write = touchServerLastUsed(ctx.env.DB, id, new Date(now).toISOString()).catch((err: unknown) => {
    lastUsedThrottle.forget(id);
    throw err;
  });
  ctx.afterAnswer('last_used_at', write);
}
