/** The cheapest reads that prove each store answers, for the readiness check (src/health/). */

/** The last applied D1 migration's name (wrangler's `d1_migrations` table), or null if none. */
export async function lastAppliedMigration(db: D1Database): Promise<string | null> {
  const row = await db.prepare('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1').first<{ name: string }>();
  return row?.name ?? null;
}

/** A KV read of a key that is never written: proves the namespace answers, costs one read. */
export async function probeTokenIndex(kv: KVNamespace): Promise<void> {
  await kv.get('readiness:probe');
}
