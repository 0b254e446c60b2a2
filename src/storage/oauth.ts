/**
 * D1 access for OAuth: a tenant's sign-in for the consent step, the server a consent page is about,
 * and when each grant was last used. Clients, grants and tokens themselves live in OAUTH_KV, owned
 * by the OAuth library.
 */

export interface TenantSignInRow {
  tenant_id: string;
  login_url: string;
  /** AES-GCM envelope of the approval key (associated data: `approvalKeyAad(tenant_id)`). */
  key_ciphertext: string;
  created_at: string;
  key_rotated_at: string;
}

export function approvalKeyAad(tenantId: string): string {
  return `oauth-approval-key:${tenantId}`;
}

export async function getTenantSignIn(db: D1Database, tenantId: string): Promise<TenantSignInRow | null> {
  return db.prepare('SELECT * FROM tenant_oauth_sign_in WHERE tenant_id = ?1').bind(tenantId).first<TenantSignInRow>();
}

/** Creates or replaces the sign-in (a new key each time it is written). */
export async function putTenantSignIn(
  db: D1Database,
  row: { tenant_id: string; login_url: string; key_ciphertext: string; now: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO tenant_oauth_sign_in (tenant_id, login_url, key_ciphertext, created_at, key_rotated_at)
       VALUES (?1, ?2, ?3, ?4, ?4)
       ON CONFLICT (tenant_id) DO UPDATE SET login_url = ?2, key_ciphertext = ?3, key_rotated_at = ?4`,
    )
    .bind(row.tenant_id, row.login_url, row.key_ciphertext, row.now)
    .run();
}

export async function deleteTenantSignIn(db: D1Database, tenantId: string): Promise<boolean> {
  const res = await db.prepare('DELETE FROM tenant_oauth_sign_in WHERE tenant_id = ?1').bind(tenantId).run();
  return res.meta.changes > 0;
}

/** What a consent page shows about the server a client asks for. */
export interface ConsentServerRow {
  id: string;
  name: string;
  account_id: string;
  account_name: string;
  tenant_id: string;
  config_json: string;
  status: string;
  expires_at: string | null;
  token_hash: string;
}

export async function getConsentServer(db: D1Database, serverId: string): Promise<ConsentServerRow | null> {
  return db
    .prepare(
      `SELECT s.id, s.name, s.account_id, a.name AS account_name, s.tenant_id, s.config_json, s.status,
              s.expires_at, s.token_hash
         FROM mcp_servers s JOIN integrated_accounts a ON a.id = s.account_id
        WHERE s.id = ?1 AND a.deleted_at IS NULL`,
    )
    .bind(serverId)
    .first<ConsentServerRow>();
}

export async function touchGrantLastUsed(db: D1Database, grantId: string, serverId: string, nowIso: string) {
  await db
    .prepare(
      `INSERT INTO oauth_grant_usage (grant_id, server_id, last_used_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (grant_id) DO UPDATE SET last_used_at = ?3`,
    )
    .bind(grantId, serverId, nowIso)
    .run();
}

export async function grantsLastUsed(db: D1Database, serverId: string): Promise<Map<string, string>> {
  const { results } = await db
    .prepare('SELECT grant_id, last_used_at FROM oauth_grant_usage WHERE server_id = ?1')
    .bind(serverId)
    .all<{ grant_id: string; last_used_at: string }>();
  return new Map(results.map((r) => [r.grant_id, r.last_used_at]));
}
