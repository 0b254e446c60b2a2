/**
 * Resolves an MCP URL token to a live server (DESIGN.md, "Request path of POST /mcp/:token",
 * steps 1-3): shape check with no storage read → HMAC → one KV read → one call to the account's
 * Durable Object (`authorize`), which also returns the account's sealed record and, for a
 * tools/call, the governor permit. No D1 read on the hot path: the authority holds what a request
 * needs. Every failure (malformed, unknown, revoked, rotated away, expired) is the same `null`.
 */
import { getConfig, type VersionedKey } from '../config';
import { authorityFor } from '../durable/authority-client';
import type { AcquireResult } from '../durable/rate-governor';
import type { Bindings } from '../env';
import type { McpServerConfig } from '../missive/server-config';
import { hmacTokenHex } from '../security/hmac';
import { isWellFormedMcpToken } from '../security/mcp-token';
import type { SealedAccount } from '../storage/accounts';
import { getTokenIndex, type TokenIndexValue } from '../storage/token-index';
import { createIndexCache } from './index-cache';

/** KV index entries seen by this isolate (see index-cache.ts for why this cannot outlive a revocation). */
const indexCache = createIndexCache<TokenIndexValue>(2_000, 10 * 60_000);

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

/** What one MCP request learns from the lookup: the server, the account's sealed record, the permit. */
export interface McpAuthorization {
  server: LiveServer;
  /** Null when the authority has no copy yet (server registered before it kept one): read D1 once. */
  account: SealedAccount | null;
  /** The governor's answer when `wantPermit` was set (a tools/call), else null. */
  permit: AcquireResult | null;
}

/** The live server for `token` at `now` with the account record (and a permit when asked), or null. */
export async function authorizeMcpToken(
  env: Bindings,
  token: string,
  opts: { wantPermit?: boolean; now?: number } = {},
): Promise<McpAuthorization | null> {
  if (!isWellFormedMcpToken(token)) return null;
  const now = opts.now ?? Date.now();
  const { tokenHmac } = getConfig(env);
  // The current key first; the previous one only during an HMAC key rotation.
  const keys: VersionedKey[] = tokenHmac.previous ? [tokenHmac.current, tokenHmac.previous] : [tokenHmac.current];
  for (const key of keys) {
    const tokenHash = await hmacTokenHex(key, token);
    const cacheKey = `${key.version}:${tokenHash}`;
    let entry = indexCache.get(cacheKey, now);
    if (!entry) {
      entry = (await getTokenIndex(env.TOKEN_INDEX, key.version, tokenHash)) ?? undefined;
      if (!entry) continue;
      indexCache.set(cacheKey, entry, now);
    }
    const answer = await authorityFor(env, entry.account_id).authorize(entry.server_id, tokenHash, now, {
      wantPermit: opts.wantPermit === true,
    });
    if (!answer) {
      // Revoked, rotated away or expired: it will never be live again, so stop remembering it.
      indexCache.delete(cacheKey);
      return null;
    }
    const live = answer.server;
    const server: LiveServer = {
      id: live.id,
      accountId: live.accountId,
      tenantId: live.tenantId,
      name: live.name,
      config: live.config,
      expiresAt: live.expiresAt,
      tokenHash,
    };
    // Cannot happen (one object per account); a permit taken meanwhile expires on its own.
    if (live.accountId !== entry.account_id) return null;
    return { server, account: answer.account?.id === live.accountId ? answer.account : null, permit: answer.permit };
  }
  return null;
}

/** The live server for `token` at `now`, or null (no permit taken). */
export async function lookupLiveServer(
  env: Bindings,
  token: string,
  now: number = Date.now(),
): Promise<LiveServer | null> {
  return (await authorizeMcpToken(env, token, { now }))?.server ?? null;
}
