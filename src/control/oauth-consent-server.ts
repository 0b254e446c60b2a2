/**
 * The MCP server an authorization request asks for, named by its scope (`mcp:server:<id>`), with
 * what the consent step shows: its name, account and tools. Only a live `oauth` server can be
 * granted; anything else is the same "unknown" answer, so the page reveals nothing about servers
 * that are revoked, expired, protected otherwise, or do not exist.
 */
import { selectTools } from '../missive/catalogue';
import { authModeOf } from '../missive/server-config';
import { getConsentServer } from '../storage/oauth';
import { parseStoredConfig } from '../storage/mcp-servers';

export interface ConsentServer {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  tenantId: string;
  /** The server's current token HMAC, stored in the grant's props (see oauth-access.ts). */
  tokenHash: string;
  tools: string[];
}

export async function loadConsentServer(db: D1Database, serverId: string, now: number): Promise<ConsentServer | null> {
  const row = await getConsentServer(db, serverId);
  if (!row || row.status !== 'active') return null;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now) return null;
  const config = parseStoredConfig(row.config_json);
  if (authModeOf(config) !== 'oauth') return null;
  return {
    id: row.id,
    name: row.name,
    accountId: row.account_id,
    accountName: row.account_name,
    tenantId: row.tenant_id,
    tokenHash: row.token_hash,
    tools: selectTools(config).map((tool) => tool.name),
  };
}
