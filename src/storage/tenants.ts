/** D1 access for tenants. */
import type { Cursor } from './pagination';

export interface TenantRow {
  id: string;
  name: string;
  created_at: string;
}

/** Inserts a tenant. */
export async function insertTenant(db: D1Database, row: TenantRow): Promise<void> {
  await db
    .prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)')
    .bind(row.id, row.name, row.created_at)
    .run();
}

/** One tenant by id, or null. */
export async function getTenant(db: D1Database, id: string): Promise<TenantRow | null> {
  return db.prepare('SELECT id, name, created_at FROM tenants WHERE id = ?').bind(id).first<TenantRow>();
}

/** Up to `limit + 1` tenants after the cursor, oldest first. */
export async function listTenants(db: D1Database, cursor: Cursor | null, limit: number): Promise<TenantRow[]> {
  const { results } = cursor
    ? await db
        .prepare(
          'SELECT id, name, created_at FROM tenants WHERE (created_at > ?1 OR (created_at = ?1 AND id > ?2)) ORDER BY created_at, id LIMIT ?3',
        )
        .bind(cursor.c, cursor.i, limit + 1)
        .all<TenantRow>()
    : await db
        .prepare('SELECT id, name, created_at FROM tenants ORDER BY created_at, id LIMIT ?1')
        .bind(limit + 1)
        .all<TenantRow>();
  return results;
}
