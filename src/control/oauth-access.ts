/**
 * An OAuth grant belongs to one MCP server. Its props (encrypted by the library, readable only with
 * the token) name that server, its account and tenant, and the server's token hash at the time of
 * consent. On every request to `/mcp/<token>` of an `oauth` server, after the account's Durable
 * Object has said the server is live, the access token must be valid for the `/mcp` resource and its
 * props must name this very server with its current token hash: a token for server X is refused on
 * server Y and on another account, and a rotation (a new hash) ends every earlier grant. Revocation,
 * expiry and account deletion need nothing here: the server is no longer live, so the URL is a 404.
 */
import { z } from 'zod';
import type { Bindings } from '../env';
import { bearerFromHeader } from '../security/api-tokens';
import { timingSafeEqualStrings } from '../security/hmac';
import { oauthServersFor, resourceFor, resourceMetadataUrl, serverScope } from './oauth-provider';

export const OAuthGrantPropsSchema = z.object({
  server_id: z.string().min(1),
  account_id: z.string().min(1),
  tenant_id: z.string().min(1),
  /** The server's token HMAC when the grant was made. */
  token_hash: z.string().min(1),
});

export type OAuthGrantProps = z.infer<typeof OAuthGrantPropsSchema>;

/** The server an `/mcp/<token>` request reached, as the Durable Object confirmed it. */
export interface BoundServer {
  id: string;
  accountId: string;
  tenantId: string;
  tokenHash: string;
}

export type OAuthAccessFailure = 'missing_token' | 'invalid_token';

export type OAuthAccess =
  { ok: true; clientId: string; grantId: string | null } | { ok: false; error: OAuthAccessFailure };

/** The grant id inside a library access token (`<userId>:<grantId>:<secret>`), for usage tracking only. */
function grantIdOf(token: string): string | null {
  const parts = token.split(':');
  return parts.length === 3 && parts[1] ? parts[1] : null;
}

/** Checks the request's bearer access token against the live server the URL named. */
export async function checkOAuthAccess(
  env: Bindings,
  origin: string,
  authorization: string | null | undefined,
  server: BoundServer,
): Promise<OAuthAccess> {
  const token = bearerFromHeader(authorization);
  if (!token) return { ok: false, error: 'missing_token' };
  const valid = await oauthServersFor(origin).authorization.validateToken(resourceFor(origin), token, env);
  if (!valid) return { ok: false, error: 'invalid_token' };
  const props = OAuthGrantPropsSchema.safeParse(valid.props);
  if (!props.success) return { ok: false, error: 'invalid_token' };
  const p = props.data;
  const sameServer =
    p.server_id === server.id &&
    p.account_id === server.accountId &&
    p.tenant_id === server.tenantId &&
    (await timingSafeEqualStrings(p.token_hash, server.tokenHash));
  if (!sameServer) return { ok: false, error: 'invalid_token' };
  return { ok: true, clientId: valid.clientId, grantId: grantIdOf(token) };
}

/**
 * The `WWW-Authenticate` value of a 401 from an `oauth` server (RFC 6750 §3, RFC 9728 §5.1): where
 * the protected-resource metadata is, and the scope naming this server, which MCP clients request.
 */
export function oauthChallenge(origin: string, serverId: string, error: OAuthAccessFailure): string {
  const parts = [`resource_metadata="${resourceMetadataUrl(origin)}"`, `scope="${serverScope(serverId)}"`];
  if (error === 'invalid_token') parts.push('error="invalid_token"');
  return `Bearer ${parts.join(', ')}`;
}

export function oauthFailureMessage(error: OAuthAccessFailure): string {
  return error === 'missing_token'
    ? 'This MCP server requires OAuth: connect with an MCP client that supports authorization'
    : 'The access token is not valid for this MCP server';
}
