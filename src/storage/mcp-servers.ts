/** D1 access for MCP server records. Only the token's HMAC and last 4 characters are stored. */
import { McpServerConfigSchema, type McpServerConfig } from '../missive/server-config';
import type { Cursor } from './pagination';

export type McpServerStatus = 'active' | 'revoked' | 'expired';

export interface McpServerRow {
  id: string;
  account_id: string;
  tenant_id: string;
  name: string;
  config_json: string;
  token_hash: string;
  token_hmac_version: number;
  token_last4: string;
  status: McpServerStatus;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  rotated_at: string | null;
}

export interface McpServerRecord extends Omit<McpServerRow, 'config_json'> {
  config: McpServerConfig;
}

const COLUMNS =
  'id, account_id, tenant_id, name, config_json, token_hash, token_hmac_version, token_last4, status, expires_at, created_at, updated_at, last_used_at, revoked_at, rotated_at';

/** Parses the JSON config column; a row that no longer parses offers nothing rather than everything. */
export function parseStoredConfig(json: string): McpServerConfig {
  try {
    const parsed = McpServerConfigSchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { methods: ['__invalid_stored_config__'], require_api_token_auth: true };
}

function toRecord(row: McpServerRow): McpServerRecord {
  const { config_json, ...rest } = row;
  return { ...rest, config: parseStoredConfig(config_json) };
}

export interface NewMcpServer {
  id: string;
  account_id: string;
  tenant_id: string;
  name: string;
  config: McpServerConfig;
  token_hash: string;
  token_hmac_version: number;
  token_last4: string;
  expires_at: string | null;
  created_at: string;
}

/** Inserts an active server. */
export async function insertMcpServer(db: D1Database, s: NewMcpServer): Promise<McpServerRecord> {
  await db
    .prepare(
      `INSERT INTO mcp_servers (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, NULL, NULL, NULL)`,
    )
    .bind(
      s.id,
      s.account_id,
      s.tenant_id,
      s.name,
      JSON.stringify(s.config),
      s.token_hash,
      s.token_hmac_version,
      s.token_last4,
      s.expires_at,
      s.created_at,
      s.created_at,
    )
    .run();
  const created = await getMcpServer(db, s.account_id, s.id);
  if (!created) throw new Error('inserted MCP server not readable');
  return created;
}

/** One server of an account (any status), or null. */
export async function getMcpServer(db: D1Database, accountId: string, id: string): Promise<McpServerRecord | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM mcp_servers WHERE id = ? AND account_id = ?`)
    .bind(id, accountId)
    .first<McpServerRow>();
  return row ? toRecord(row) : null;
}

/** Up to `limit + 1` servers of an account after the cursor, oldest first. */
export async function listMcpServers(
  db: D1Database,
  accountId: string,
  cursor: Cursor | null,
  limit: number,
): Promise<McpServerRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM mcp_servers WHERE account_id = ?1
         AND (?2 IS NULL OR created_at > ?2 OR (created_at = ?2 AND id > ?3))
       ORDER BY created_at, id LIMIT ?4`,
    )
    .bind(accountId, cursor?.c ?? null, cursor?.i ?? '', limit + 1)
    .all<McpServerRow>();
  return results.map(toRecord);
}

/** Active servers of an account (for revoke-all on account deletion). */
export async function listActiveMcpServers(db: D1Database, accountId: string): Promise<McpServerRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM mcp_servers WHERE account_id = ? AND status = 'active'`)
    .bind(accountId)
    .all<McpServerRow>();
  return results.map(toRecord);
}

export interface McpServerPatch {
  name?: string;
  config?: McpServerConfig;
  /** undefined = unchanged, null = clear. */
  expires_at?: string | null;
}

/** Updates name/config/expiry of an active server; returns the new record or null. */
export async function updateMcpServer(
  db: D1Database,
  accountId: string,
  id: string,
  patch: McpServerPatch,
  nowIso: string,
): Promise<McpServerRecord | null> {
  await db
    .prepare(
      `UPDATE mcp_servers SET
         name = COALESCE(?3, name),
         config_json = COALESCE(?4, config_json),
         expires_at = CASE WHEN ?5 = 1 THEN ?6 ELSE expires_at END,
         updated_at = ?7
       WHERE id = ?1 AND account_id = ?2 AND status = 'active'`,
    )
    .bind(
      id,
      accountId,
      patch.name ?? null,
      patch.config ? JSON.stringify(patch.config) : null,
      patch.expires_at === undefined ? 0 : 1,
      patch.expires_at ?? null,
      nowIso,
    )
    .run();
  return getMcpServer(db, accountId, id);
}

/** Marks servers revoked (only active ones change). */
export async function markMcpServersRevoked(db: D1Database, ids: readonly string[], nowIso: string): Promise<void> {
  if (ids.length === 0) return;
  await db.batch(
    ids.map((id) =>
      db
        .prepare(
          `UPDATE mcp_servers SET status = 'revoked', revoked_at = ?2, updated_at = ?2 WHERE id = ?1 AND status = 'active'`,
        )
        .bind(id, nowIso),
    ),
  );
}

/** Marks a server expired if it is still active (idempotent: safe for a re-run alarm). */
export async function markMcpServerExpired(db: D1Database, id: string, nowIso: string): Promise<void> {
  await db
    .prepare(`UPDATE mcp_servers SET status = 'expired', updated_at = ?2 WHERE id = ?1 AND status = 'active'`)
    .bind(id, nowIso)
    .run();
}

/** Replaces the token hash of an active server (rotation); false when it is not active. */
export async function replaceMcpServerToken(
  db: D1Database,
  accountId: string,
  id: string,
  token: { hash: string; hmacVersion: number; last4: string },
  nowIso: string,
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE mcp_servers SET token_hash = ?3, token_hmac_version = ?4, token_last4 = ?5, rotated_at = ?6, updated_at = ?6
       WHERE id = ?1 AND account_id = ?2 AND status = 'active'`,
    )
    .bind(id, accountId, token.hash, token.hmacVersion, token.last4, nowIso)
    .run();
  return res.meta.changes > 0;
}

/** Records the time of the latest MCP request (best effort; the caller need not await it on the hot path). */
export async function touchServerLastUsed(db: D1Database, serverId: string, nowIso: string): Promise<void> {
  await db.prepare('UPDATE mcp_servers SET last_used_at = ?2 WHERE id = ?1').bind(serverId, nowIso).run();
}
