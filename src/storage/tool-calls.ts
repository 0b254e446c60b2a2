/** D1 access for the MCP tool-call audit log (`mcp_tool_calls`). */
import { randomId } from '../security/encoding';
import type { Cursor } from './pagination';

export type ToolCallOutcome = 'ok' | 'error' | 'denied' | 'rate_limited';

export interface ToolCallRow {
  id: string;
  server_id: string;
  account_id: string;
  tenant_id: string;
  tool: string;
  outcome: ToolCallOutcome;
  upstream_status: number | null;
  duration_ms: number;
  /** Already redacted by the caller. */
  arguments_json: string | null;
  /** The gateway's own request id. */
  request_id: string | null;
  /** The X-Request-Id the client sent, if any (not trusted; for correlation). */
  client_request_id?: string | null;
  created_at: string;
  /** The OAuth client (client id or CIMD URL) that made the call; null on url and api_token servers. */
  oauth_client_id?: string | null;
}

export type NewToolCall = Omit<ToolCallRow, 'id'> & { id?: string };

/** Appends one tool-call row; returns its id. */
export async function insertToolCall(db: D1Database, row: NewToolCall): Promise<string> {
  const id = row.id ?? randomId('call_');
  await insertToolCalls(db, [{ ...row, id }]);
  return id;
}

/** Up to `limit + 1` calls of a server, newest first, after the cursor. */
export async function listToolCalls(
  db: D1Database,
  serverId: string,
  cursor: Cursor | null,
  limit: number,
): Promise<ToolCallRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM mcp_tool_calls WHERE server_id = ?1
         AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND id < ?3))
       ORDER BY created_at DESC, id DESC LIMIT ?4`,
    )
    .bind(serverId, cursor?.c ?? null, cursor?.i ?? '', limit + 1)
    .all<ToolCallRow>();
  return results;
}

/** Rows per INSERT in `insertToolCalls`; with arguments_json capped at 8 KB a statement stays under ~1 MB. */
export const TOOL_CALLS_PER_STATEMENT = 100;

/**
 * Appends many rows in a few statements: each statement inserts up to TOOL_CALLS_PER_STATEMENT rows
 * from one JSON parameter (`json_each`), so a flush of the Durable Object's audit outbox costs
 * one D1 round trip and a handful of queries, not one per call. `INSERT OR IGNORE` on the id makes
 * a retried flush harmless.
 */
export async function insertToolCalls(db: D1Database, rows: readonly ToolCallRow[]): Promise<void> {
  if (rows.length === 0) return;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += TOOL_CALLS_PER_STATEMENT) {
    const chunk = rows
      .slice(i, i + TOOL_CALLS_PER_STATEMENT)
      .map((r) => ({ ...r, duration_ms: Math.max(0, Math.round(r.duration_ms)) }));
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO mcp_tool_calls (id, server_id, account_id, tenant_id, tool, outcome, upstream_status, duration_ms, arguments_json, request_id, client_request_id, created_at, oauth_client_id)
           SELECT value ->> 'id', value ->> 'server_id', value ->> 'account_id', value ->> 'tenant_id', value ->> 'tool',
                  value ->> 'outcome', value ->> 'upstream_status', value ->> 'duration_ms', value ->> 'arguments_json',
                  value ->> 'request_id', value ->> 'client_request_id', value ->> 'created_at', value ->> 'oauth_client_id'
           FROM json_each(?1)`,
        )
        .bind(JSON.stringify(chunk)),
    );
  }
  await db.batch(statements);
}
