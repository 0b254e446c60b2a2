/** D1 access for the admin audit log: who did what to which object, and when. */
import { randomId } from '../security/encoding';

export interface AdminAuditEntry {
  actor_type: 'admin' | 'api_token' | 'system';
  /** The API token id for `api_token`; null for the admin key. */
  actor_id: string | null;
  tenant_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  request_id: string | null;
  created_at: string;
}

export interface AdminAuditRow extends AdminAuditEntry {
  id: string;
}

/** Appends one audit row. */
export async function insertAdminAudit(db: D1Database, entry: AdminAuditEntry): Promise<void> {
  await db
    .prepare(
      'INSERT INTO admin_audit (id, actor_type, actor_id, tenant_id, action, target_type, target_id, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(
      randomId('aud_'),
      entry.actor_type,
      entry.actor_id,
      entry.tenant_id,
      entry.action,
      entry.target_type,
      entry.target_id,
      entry.request_id,
      entry.created_at,
    )
    .run();
}

/** Audit rows of a tenant, newest first (used by tests and operators). */
export async function listAdminAudit(db: D1Database, tenantId: string, limit = 100): Promise<AdminAuditRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM admin_audit WHERE tenant_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
    .bind(tenantId, limit)
    .all<AdminAuditRow>();
  return results;
}
