/**
 * Types shared by the AccountAuthority Durable Object and its callers (admin routes, the MCP
 * lookup). Kept apart from the class so callers do not import `cloudflare:workers` for types.
 */
import type { McpServerConfig } from '../missive/server-config';
import type { SealedAccount } from '../storage/accounts';
import type { RefusalKind } from '../storage/refused-calls';
import type { ToolCallRow } from '../storage/tool-calls';
import type { AcquireResult, ReleaseObservation } from './rate-governor';

/** What the admin API registers with the authority when a server is minted. */
export interface AuthorityRegistration {
  id: string;
  accountId: string;
  tenantId: string;
  name: string;
  config: McpServerConfig;
  tokenHash: string;
  hmacVersion: number;
  /** ISO 8601, or null for no expiry. */
  expiresAt: string | null;
}

/** A live server as the authority answers `checkLive`. */
export interface AuthorityLiveServer {
  id: string;
  accountId: string;
  tenantId: string;
  name: string;
  config: McpServerConfig;
  expiresAt: string | null;
}

/**
 * The MCP hot path's one Durable Object answer (`authorize`): the live server, the account's sealed
 * record (null when the object has none yet: a server registered before the object kept it, so
 * the caller reads D1 once and backfills), and for a tools/call the governor's answer.
 */
export interface AuthorityAuthorization {
  server: AuthorityLiveServer;
  account: SealedAccount | null;
  /** Present when a permit was asked for and the account is not deleted. */
  permit: AcquireResult | null;
}

/** A token hash that was active, so the caller can remove its KV index entry. */
export interface RetiredToken {
  serverId: string;
  tokenHash: string;
  hmacVersion: number;
}

export interface AuthorityPatch {
  name?: string;
  config?: McpServerConfig;
  /** undefined = unchanged, null = no expiry. */
  expiresAt?: string | null;
}

/** What the MCP endpoint hands the authority after a tools/call's answer (`finishToolCall`). */
export interface ToolCallFinish {
  /** The permit taken with the live check, with what Missive said (or `refund` when it was not reached). */
  permit?: { permit: string; observed: ReleaseObservation };
  /** The call's audit rows (arguments already redacted), queued for D1. */
  audit: ToolCallRow[];
  /** Calls refused before Missive: counted per server and kind, never stored one row each. */
  refused?: { serverId: string; kind: RefusalKind }[];
}
