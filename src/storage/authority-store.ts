/**
 * The AccountAuthority Durable Object's own SQLite tables: `authority_servers` (per MCP server of
 * the account, the current token hash, status, expiry and what the MCP endpoint needs to serve a
 * request: tenant, name, config) and `authority_account` (the account's sealed record: defaults and
 * the Missive credential still AES-GCM encrypted, as D1 holds it), so the hot path needs no D1 read.
 * Synchronous: DO SQLite calls do not yield, so each method is atomic within the object.
 *
 * Reads are served from memory after the first: every write goes through this one instance (one
 * object, one thread), so the copies cannot go stale, and the MCP hot path's `get` costs no SQLite
 * read and no config parse.
 */
import type { SealedAccount } from './accounts';
import { parseStoredConfig } from './mcp-servers';
import type { McpServerConfig } from '../missive/server-config';

export type AuthorityStatus = 'active' | 'revoked' | 'expired';

export interface AuthorityServer {
  id: string;
  accountId: string;
  tenantId: string;
  name: string;
  config: McpServerConfig;
  tokenHash: string;
  hmacVersion: number;
  status: AuthorityStatus;
  /** Epoch milliseconds, or null for no expiry. */
  expiresAtMs: number | null;
}

interface Row extends Record<string, SqlStorageValue> {
  id: string;
  account_id: string;
  tenant_id: string;
  name: string;
  config_json: string;
  token_hash: string;
  hmac_version: number;
  status: string;
  expires_at_ms: number | null;
}

interface AccountRecordRow extends Record<string, SqlStorageValue> {
  id: string;
  tenant_id: string;
  defaults_json: string;
  credentials_ciphertext: string | null;
  credentials_key_version: number | null;
  updated_at: string;
  deleted: number;
}

function toServer(row: Row): AuthorityServer {
  return {
    id: row.id,
    accountId: row.account_id,
    tenantId: row.tenant_id,
    name: row.name,
    config: parseStoredConfig(row.config_json),
    tokenHash: row.token_hash,
    hmacVersion: row.hmac_version,
    status: row.status === 'active' || row.status === 'revoked' ? row.status : 'expired',
    expiresAtMs: row.expires_at_ms,
  };
}

export class AuthorityStore {
  private readonly servers = new Map<string, AuthorityServer | null>();
  private readonly accounts = new Map<string, SealedAccount | null>();

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS authority_servers (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      name TEXT NOT NULL,
      config_json TEXT NOT NULL,
      token_hash TEXT NOT NULL,
      hmac_version INTEGER NOT NULL,
      status TEXT NOT NULL,
      expires_at_ms INTEGER
    )`);
    sql.exec(`CREATE TABLE IF NOT EXISTS authority_account (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      defaults_json TEXT NOT NULL,
      credentials_ciphertext TEXT,
      credentials_key_version INTEGER,
      updated_at TEXT NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0
    )`);
  }

  /**
   * Stores the account's sealed record unless the object already holds a newer one or the account
   * was deleted here: a lazy backfill read from D1 before a PATCH or a delete landed cannot bring
   * back an old credential. Returns whether it was written.
   */
  putAccount(a: SealedAccount): boolean {
    const res = this.sql.exec(
      `INSERT INTO authority_account (id, tenant_id, defaults_json, credentials_ciphertext, credentials_key_version, updated_at, deleted)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
       ON CONFLICT (id) DO UPDATE SET
         tenant_id = excluded.tenant_id,
         defaults_json = excluded.defaults_json,
         credentials_ciphertext = excluded.credentials_ciphertext,
         credentials_key_version = excluded.credentials_key_version,
         updated_at = excluded.updated_at
       WHERE authority_account.deleted = 0 AND excluded.updated_at >= authority_account.updated_at`,
      a.id,
      a.tenantId,
      a.defaultsJson,
      a.credentialsCiphertext,
      a.credentialsKeyVersion,
      a.updatedAt,
    );
    // The write is conditional (newer copies only, never after a delete): read it back when next needed.
    this.accounts.delete(a.id);
    return res.rowsWritten > 0;
  }

  /** Marks the account deleted and erases its sealed credential; final (a later put is ignored). */
  eraseAccount(id: string, tenantId: string, nowIso: string): void {
    this.sql.exec(
      `INSERT INTO authority_account (id, tenant_id, defaults_json, credentials_ciphertext, credentials_key_version, updated_at, deleted)
       VALUES (?1, ?2, '{}', NULL, NULL, ?3, 1)
       ON CONFLICT (id) DO UPDATE SET defaults_json = '{}', credentials_ciphertext = NULL,
         credentials_key_version = NULL, updated_at = excluded.updated_at, deleted = 1`,
      id,
      tenantId,
      nowIso,
    );
    this.accounts.delete(id);
  }

  /** The account's sealed record (credential null once deleted), or null if this object never got one. */
  getAccount(id: string): SealedAccount | null {
    const cached = this.accounts.get(id);
    if (cached !== undefined) return cached;
    const account = this.readAccount(id);
    this.accounts.set(id, account);
    return account;
  }

  private readAccount(id: string): SealedAccount | null {
    const row = this.sql.exec<AccountRecordRow>('SELECT * FROM authority_account WHERE id = ?', id).toArray()[0];
    if (!row) return null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      defaultsJson: row.defaults_json,
      credentialsCiphertext: row.deleted ? null : row.credentials_ciphertext,
      credentialsKeyVersion: row.deleted ? null : row.credentials_key_version,
      updatedAt: row.updated_at,
    };
  }

  /** Inserts or replaces a server's full state. */
  upsert(s: AuthorityServer): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO authority_servers (id, account_id, tenant_id, name, config_json, token_hash, hmac_version, status, expires_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      s.id,
      s.accountId,
      s.tenantId,
      s.name,
      JSON.stringify(s.config),
      s.tokenHash,
      s.hmacVersion,
      s.status,
      s.expiresAtMs,
    );
    this.servers.set(s.id, { ...s });
  }

  /** One server, or null. */
  get(id: string): AuthorityServer | null {
    let server = this.servers.get(id);
    if (server === undefined) {
      const rows = this.sql.exec<Row>('SELECT * FROM authority_servers WHERE id = ?', id).toArray();
      server = rows[0] ? toServer(rows[0]) : null;
      // Unknown ids are not remembered: only ids of this account's servers are ever asked for.
      if (server) this.servers.set(id, server);
    }
    // A copy: callers spread and change what they get before an upsert.
    return server ? { ...server } : null;
  }

  /** Every active server. */
  listActive(): AuthorityServer[] {
    return this.sql.exec<Row>(`SELECT * FROM authority_servers WHERE status = 'active'`).toArray().map(toServer);
  }

  /** Active servers whose expiry is at or before `nowMs`. */
  listDue(nowMs: number): AuthorityServer[] {
    return this.sql
      .exec<Row>(
        `SELECT * FROM authority_servers WHERE status = 'active' AND expires_at_ms IS NOT NULL AND expires_at_ms <= ?`,
        nowMs,
      )
      .toArray()
      .map(toServer);
  }

  /** The earliest expiry among active servers, or null. */
  earliestExpiry(): number | null {
    const rows = this.sql
      .exec<{ next: number | null }>(
        `SELECT MIN(expires_at_ms) AS next FROM authority_servers WHERE status = 'active' AND expires_at_ms IS NOT NULL`,
      )
      .toArray();
    return rows[0]?.next ?? null;
  }

  /** Sets a server's status. */
  setStatus(id: string, status: AuthorityStatus): void {
    this.sql.exec('UPDATE authority_servers SET status = ? WHERE id = ?', status, id);
    const cached = this.servers.get(id);
    if (cached) this.servers.set(id, { ...cached, status });
  }
}
