/** D1 access for API token metadata (the JWT itself is never stored). */
import type { Cursor } from './pagination';

export interface ApiTokenRow {
  id: string;
  tenant_id: string;
  name: string;
  key_id: string;
  token_last4: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'id, tenant_id, name, key_id, token_last4, created_at, expires_at, revoked_at';

/** Inserts the metadata of a freshly signed token. */
export async function insertApiToken(db: D1Database, row: ApiTokenRow): Promise<void> {
  await db
    .prepare(`INSERT INTO api_tokens (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .bind(row.id, row.tenant_id, row.name, row.key_id, row.token_last4, row.created_at, row.expires_at, row.revoked_at)
    .run();
}

/** One token's metadata by id (the JWT's jti), or null. */
export async function getApiTokenRecord(db: D1Database, id: string): Promise<ApiTokenRow | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`).bind(id).first<ApiTokenRow>();
}

/** Up to `limit + 1` tokens of a tenant after the cursor, oldest first. */
export async function listApiTokens(
  db: D1Database,
  tenantId: string,
  cursor: Cursor | null,
  limit: number,
): Promise<ApiTokenRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM api_tokens WHERE tenant_id = ?1 AND (?2 IS NULL OR created_at > ?2 OR (created_at = ?2 AND id > ?3))
       ORDER BY created_at, id LIMIT ?4`,
    )
    .bind(tenantId, cursor?.c ?? null, cursor?.i ?? '', limit + 1)
    .all<ApiTokenRow>();
  return results;
}

/** Marks a token revoked (idempotent: the first revocation time is kept). */
export async function revokeApiToken(db: D1Database, tenantId: string, id: string, nowIso: string): Promise<boolean> {
  const res = await db
    .prepare('UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?3) WHERE id = ?1 AND tenant_id = ?2')
    .bind(id, tenantId, nowIso)
    .run();
  return res.meta.changes > 0;
}
