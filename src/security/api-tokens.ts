/**
 * API token verification for the admin API and for MCP servers with `require_api_token_auth`:
 * a valid JWT (see api-token-jwt.ts) whose D1 row exists, belongs to the same tenant and is not
 * revoked. The D1 read on every request is what makes revocation effective at once.
 */
import { getConfig } from '../config';
import type { Bindings } from '../env';
import { getApiTokenRecord } from '../storage/api-tokens';
import { verifyApiTokenJwt } from './api-token-jwt';

export interface VerifiedApiToken {
  tenantId: string;
  tokenId: string;
}

/** Verifies a bearer API token (the raw value after `Bearer `); null for every failure. */
export async function verifyApiToken(
  env: Bindings,
  bearer: string,
  now: Date = new Date(),
): Promise<VerifiedApiToken | null> {
  const claims = await verifyApiTokenJwt(getConfig(env).jwt, bearer, now);
  if (!claims) return null;
  const record = await getApiTokenRecord(env.DB, claims.tokenId);
  if (!record || record.revoked_at !== null || record.tenant_id !== claims.tenantId) return null;
  return { tenantId: claims.tenantId, tokenId: claims.tokenId };
}

/** The bearer value of an `Authorization: Bearer <value>` header, or null. */
export function bearerFromHeader(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
