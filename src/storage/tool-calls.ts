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
  request_id: string | null;
  created_at: string;
}

export type NewToolCall = Omit<ToolCallRow, 'id'> & { id?: string };

/** Appends one tool-call row; returns its id. */
export async function insertToolCall(db: D1Database, row: NewToolCall): Promise<string> {
  const id = row.id ?? randomId('call_');
  await db
    .prepare(
      `INSERT INTO mcp_tool_calls (id, server_id, account_id, tenant_id, tool, outcome, upstream_status, duration_ms, arguments_json, request_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      id,
      row.server_id,
      row.account_id,
      row.tenant_id,
      row.tool,
      row.outcome,
      row.upstream_status,
      Math.max(0, Math.round(row.duration_ms)),
      row.arguments_json,
      row.request_id,
      row.created_at,
    )
    .run();
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
