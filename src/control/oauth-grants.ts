/**
 * A server's OAuth grants, for the admin API and the dashboard: the clients connected to it (name,
 * client id or CIMD URL, when, last used) and revoking one. Grants are stored by the library under
 * the server's id as their user (see src/oauth/authorize.ts), so a server's grants are one listing.
 */
import type { OAuthHelpers } from '@cloudflare/workers-oauth-provider';
import { CimdFetchError } from '@cloudflare/workers-oauth-provider';
import { grantsLastUsed } from '../storage/oauth';

export interface ServerGrant {
  id: string;
  client_id: string;
  client_name: string | null;
  /** True when `client_id` is a Client ID Metadata Document URL. */
  client_id_is_url: boolean;
  approved_by: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

const iso = (seconds: number | undefined) => (seconds === undefined ? null : new Date(seconds * 1000).toISOString());

async function clientName(api: OAuthHelpers, clientId: string): Promise<string | null> {
  try {
    return (await api.lookupClient(clientId))?.clientName ?? null;
  } catch (err) {
    if (err instanceof CimdFetchError) return null;
    throw err;
  }
}

/** Every live grant of `serverId`, newest first (a server has few; the listing is read whole). */
export async function listServerGrants(api: OAuthHelpers, db: D1Database, serverId: string): Promise<ServerGrant[]> {
  const grants = [];
  let cursor: string | undefined;
  do {
    const page = await api.listUserGrants(serverId, { cursor, limit: 100 });
    grants.push(...page.items);
    cursor = page.cursor;
  } while (cursor && grants.length < 1000);
  const lastUsed = await grantsLastUsed(db, serverId);
  const names = new Map<string, string | null>();
  for (const clientId of new Set(grants.map((g) => g.clientId))) names.set(clientId, await clientName(api, clientId));
  return grants
    .map((g) => ({
      id: g.id,
      client_id: g.clientId,
      client_name: names.get(g.clientId) ?? null,
      client_id_is_url: g.clientId.startsWith('https://'),
      approved_by: typeof g.metadata?.approved_by === 'string' ? (g.metadata.approved_by as string) : null,
      created_at: iso(g.createdAt)!,
      expires_at: iso(g.expiresAt),
      last_used_at: lastUsed.get(g.id) ?? null,
    }))
    .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}

/** Revokes one grant of `serverId` with its tokens; false when the server has no such grant. */
export async function revokeServerGrant(api: OAuthHelpers, serverId: string, grantId: string): Promise<boolean> {
  const grants = await api.listUserGrants(serverId, { limit: 1000 });
  if (!grants.items.some((g) => g.id === grantId)) return false;
  await api.revokeGrant(grantId, serverId);
  return true;
}

/** Revokes every grant of `serverId` (the server was revoked, rotated or deleted: tidy KV). */
export async function revokeAllServerGrants(api: OAuthHelpers, serverId: string): Promise<number> {
  let count = 0;
  for (;;) {
    const page = await api.listUserGrants(serverId, { limit: 100 });
    if (page.items.length === 0) return count;
    for (const g of page.items) await api.revokeGrant(g.id, serverId);
    count += page.items.length;
    if (!page.cursor && page.items.length < 100) return count;
  }
}
