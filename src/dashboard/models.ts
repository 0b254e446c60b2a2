/** What the dashboard's pages show, independent of where the data came from. */
import type { McpServerConfig } from '../missive/server-config';

export interface TenantView {
  id: string;
  name: string;
}

export interface AccountView {
  id: string;
  tenantId: string;
  name: string;
  createdAt: string;
  /** Servers that answer right now (active and not past `expires_at`). */
  liveServers: number;
}

/** What the page calls a server's state. `expired` includes active rows whose expiry has passed. */
export type ServerStatus = 'live' | 'expired' | 'revoked';

export interface ServerView {
  id: string;
  accountId: string;
  name: string;
  config: McpServerConfig;
  status: ServerStatus;
  tokenLast4: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ToolCallView {
  id: string;
  tool: string;
  outcome: 'ok' | 'error' | 'denied' | 'rate_limited';
  upstreamStatus: number | null;
  durationMs: number;
  createdAt: string;
  requestId: string | null;
  /** The redacted arguments as pretty JSON, or null when none were recorded. */
  argumentsJson: string | null;
}

/** A freshly minted or rotated server: the only moment its URL exists outside the client. */
export interface MintedServer {
  server: ServerView;
  url: string;
}

/** Stored status + expiry → what the page shows. Expiry is judged now, like the MCP endpoint does. */
export function serverStatus(stored: string, expiresAt: string | null, now: Date = new Date()): ServerStatus {
  if (stored === 'revoked') return 'revoked';
  if (stored === 'expired') return 'expired';
  if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) return 'expired';
  return 'live';
}
