/** Small pieces every admin handler uses: the audit write, page parameters, expiry rules. */
import type { Context } from 'hono';
import { GatewayError } from '../errors';
import { insertAdminAudit } from '../storage/audit';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Cursor } from '../storage/pagination';
import type { AdminEnv } from './context';

/** Minimum lifetime of an MCP server or API token with an expiry. */
export const MIN_LIFETIME_MS = 60_000;

/** Writes one admin audit row for the current caller. Awaited: a mutation without its audit row is not acceptable. */
export async function audit(
  c: Context<AdminEnv>,
  action: string,
  target: { type: string; id: string; tenantId: string | null },
): Promise<void> {
  const principal = c.get('principal');
  await insertAdminAudit(c.env.DB, {
    actor_type: principal.kind === 'admin' ? 'admin' : 'api_token',
    actor_id: principal.kind === 'admin' ? null : principal.tokenId,
    tenant_id: target.tenantId,
    action,
    target_type: target.type,
    target_id: target.id,
    request_id: c.get('requestId') ?? null,
    created_at: new Date().toISOString(),
  });
}

/** Cursor and limit from parsed query parameters; a cursor we did not issue is a 400. */
export function pageParams(q: { cursor?: string; limit?: number }): { cursor: Cursor | null; limit: number } {
  let cursor: Cursor | null = null;
  if (q.cursor !== undefined) {
    cursor = decodeCursor(q.cursor);
    if (!cursor) {
      throw new GatewayError(400, 'validation_failed', 'Invalid query parameters', {
        details: [{ path: 'cursor', message: 'Not a cursor from this API' }],
      });
    }
  }
  return { cursor, limit: q.limit ?? DEFAULT_PAGE_SIZE };
}

/** Normalizes an optional expiry to UTC ISO, enforcing `now + 60 s` at least. */
export function normalizeExpiry(value: string | null | undefined, nowMs: number, field = 'expires_at'): string | null {
  if (value === undefined || value === null) return null;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms) || ms < nowMs + MIN_LIFETIME_MS) {
    throw new GatewayError(400, 'validation_failed', `${field} must be at least 60 seconds in the future`, {
      details: [{ path: field, message: 'Must be at least 60 seconds in the future' }],
    });
  }
  if (ms > nowMs + 10 * 366 * 24 * 3600 * 1000) {
    throw new GatewayError(400, 'validation_failed', `${field} must be within 10 years`, {
      details: [{ path: field, message: 'Must be within 10 years' }],
    });
  }
  return new Date(ms).toISOString();
}

/** A route param (opaque id); anything implausible is simply not found. */
export function idParam(c: Context<AdminEnv>, name: string, what: string): string {
  const value = c.req.param(name);
  if (!value || value.length > 100) throw new GatewayError(404, 'not_found', `${what} not found`);
  return value;
}
