/**
 * D1 statements of the scheduled jobs (src/scheduled/): audit retention and credential
 * re-encryption. Each statement is bounded by a `limit`, so a run's cost does not grow with the
 * backlog; migrations/0002_scheduled_upkeep.sql holds the indexes they use.
 */
import type { SealedAccount } from './accounts';

/** Deletes up to `limit` tool-call rows created before `cutoffIso`, oldest first; returns how many. */
export async function deleteToolCallsBefore(db: D1Database, cutoffIso: string, limit: number): Promise<number> {
  const res = await db
    .prepare(
      `DELETE FROM mcp_tool_calls WHERE id IN (
         SELECT id FROM mcp_tool_calls WHERE created_at < ?1 ORDER BY created_at, id LIMIT ?2)`,
    )
    .bind(cutoffIso, limit)
    .run();
  return res.meta.changes;
}

interface SealedRow {
  id: string;
  tenant_id: string;
  defaults_json: string;
  credentials_ciphertext: string;
  credentials_key_version: number;
  updated_at: string;
}

/** Up to `limit` live accounts sealed under key `version`, by id after `afterId`. */
export async function listAccountsSealedWith(
  db: D1Database,
  version: number,
  afterId: string,
  limit: number,
): Promise<(SealedAccount & { credentialsCiphertext: string; credentialsKeyVersion: number })[]> {
  const { results } = await db
    .prepare(
      `SELECT id, tenant_id, defaults_json, credentials_ciphertext, credentials_key_version, updated_at
       FROM integrated_accounts
       WHERE deleted_at IS NULL AND credentials_key_version = ?1 AND credentials_ciphertext IS NOT NULL AND id > ?2
       ORDER BY credentials_key_version, id LIMIT ?3`,
    )
    .bind(version, afterId, limit)
    .all<SealedRow>();
  return results.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    defaultsJson: r.defaults_json,
    credentialsCiphertext: r.credentials_ciphertext,
    credentialsKeyVersion: r.credentials_key_version,
    updatedAt: r.updated_at,
  }));
}

/** Live accounts per credential key version (how far a rotation has come). */
export async function countAccountsByKeyVersion(db: D1Database): Promise<Record<string, number>> {
  const { results } = await db
    .prepare(
      `SELECT credentials_key_version AS version, count(*) AS n FROM integrated_accounts
       WHERE deleted_at IS NULL AND credentials_ciphertext IS NOT NULL GROUP BY credentials_key_version`,
    )
    .all<{ version: number; n: number }>();
  return Object.fromEntries(results.map((r) => [String(r.version), r.n]));
}

/**
 * Replaces an account's sealed credential only if it still holds `expected` (compare-and-set), so
 * a PATCH or a delete that landed since the job read the row is never overwritten. True if replaced.
 */
export async function swapCredential(
  db: D1Database,
  accountId: string,
  expected: string,
  next: { ciphertext: string; keyVersion: number },
  updatedAt: string,
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE integrated_accounts SET credentials_ciphertext = ?3, credentials_key_version = ?4, updated_at = ?5
       WHERE id = ?1 AND deleted_at IS NULL AND credentials_ciphertext = ?2`,
    )
    .bind(accountId, expected, next.ciphertext, next.keyVersion, updatedAt)
    .run();
  return res.meta.changes > 0;
}
