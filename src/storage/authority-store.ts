/**
 * The AccountAuthority Durable Object's own SQLite table (`authority_servers`): per MCP server of
 * the account, the current token hash, status, expiry and what the MCP endpoint needs to serve a
 * request (tenant, name, config), so the hot path needs no D1 read. Synchronous: DO SQLite calls
 * do not yield, so each method is atomic within the object.
 */
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
  }

  /** One server, or null. */
  get(id: string): AuthorityServer | null {
    const rows = this.sql.exec<Row>('SELECT * FROM authority_servers WHERE id = ?', id).toArray();
    return rows[0] ? toServer(rows[0]) : null;
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
  }
}
