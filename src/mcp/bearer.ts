/**
 * `require_api_token_auth`: a server with this flag also needs `Authorization: Bearer <API token>`
 * of the tenant that owns it. The challenge follows RFC 6750 §3: `invalid_request` when the header
 * is missing or not a Bearer credential (the issue asks for an `error` parameter even then),
 * `invalid_token` when the token is unknown, revoked, expired or belongs to another tenant.
 * The two failures say nothing else, so a caller cannot tell which tenant a token belongs to.
 */
import type { Bindings } from '../env';
import { bearerFromHeader, verifyApiToken } from '../security/api-tokens';

export const AUTH_REALM = 'missive-mcp-gateway';

export type BearerFailure = 'invalid_request' | 'invalid_token';

export type BearerCheck = { ok: true; tokenId: string } | { ok: false; error: BearerFailure };

/** Verifies the caller's API token against the server's tenant. */
export async function checkApiTokenAuth(
  env: Bindings,
  authorization: string | null | undefined,
  tenantId: string,
): Promise<BearerCheck> {
  const bearer = bearerFromHeader(authorization);
  if (!bearer) return { ok: false, error: 'invalid_request' };
  const verified = await verifyApiToken(env, bearer);
  if (!verified || verified.tenantId !== tenantId) return { ok: false, error: 'invalid_token' };
  return { ok: true, tokenId: verified.tokenId };
}

/** The `WWW-Authenticate` value for a failure. */
export function bearerChallenge(error: BearerFailure): string {
  return `Bearer realm="${AUTH_REALM}", error="${error}"`;
}

/** A public description of a failure (never mentions tenants or why a token failed). */
export function bearerFailureMessage(error: BearerFailure): string {
  switch (error) {
    case 'invalid_request':
      return 'This MCP server requires Authorization: Bearer <API token>';
    case 'invalid_token':
      return 'The API token is not valid for this MCP server';
  }
}
