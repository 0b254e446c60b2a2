/**
 * Resolves an MCP URL token to a live server (DESIGN.md, "Request path of POST /mcp/:token",
 * steps 1-3): shape check with no storage read → HMAC → one KV read → the account's Durable
 * Object (`checkLive`). No D1 read on the hot path: the authority holds what a request needs.
 * Every failure (malformed, unknown, revoked, rotated away, expired) is the same `null`.
 */
import { getConfig, type VersionedKey } from '../config';
import { authorityFor } from '../durable/authority-client';
import type { Bindings } from '../env';
import type { McpServerConfig } from '../missive/server-config';
import { hmacTokenHex } from '../security/hmac';
import { isWellFormedMcpToken } from '../security/mcp-token';
import { getTokenIndex } from '../storage/token-index';

export interface LiveServer {
  id: string;
  accountId: string;
  tenantId: string;
  name: string;
  config: McpServerConfig;
  expiresAt: string | null;
  /** Hex HMAC of the presented token (never the token itself). */
  tokenHash: string;
}

/** The live server for `token` at `now`, or null. */
export async function lookupLiveServer(
  env: Bindings,
  token: string,
  now: number = Date.now(),
): Promise<LiveServer | null> {
  if (!isWellFormedMcpToken(token)) return null;
  const { tokenHmac } = getConfig(env);
  // The current key first; the previous one only during an HMAC key rotation.
  const keys: VersionedKey[] = tokenHmac.previous ? [tokenHmac.current, tokenHmac.previous] : [tokenHmac.current];
  for (const key of keys) {
    const tokenHash = await hmacTokenHex(key, token);
    const entry = await getTokenIndex(env.TOKEN_INDEX, key.version, tokenHash);
    if (!entry) continue;
    const live = await authorityFor(env, entry.account_id).checkLive(entry.server_id, tokenHash, now);
    if (!live || live.accountId !== entry.account_id) return null;
    return {
      id: live.id,
      accountId: live.accountId,
      tenantId: live.tenantId,
      name: live.name,
      config: live.config,
      expiresAt: live.expiresAt,
      tokenHash,
    };
  }
  return null;
}
