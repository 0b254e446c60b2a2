/**
 * The server's own protection after the token resolved to a live server (`config.auth`):
 * `api_token` → the tenant's API token as a bearer header; `oauth` → an OAuth access token granted
 * for this server (src/control/oauth-access.ts); `url` → nothing more. A refusal is a 401 with
 * `WWW-Authenticate`; a pass tells which OAuth client is calling, for the audit row.
 */
import { checkOAuthAccess, oauthChallenge, oauthFailureMessage } from '../control/oauth-access';
import { GatewayError } from '../errors';
import { authModeOf } from '../missive/server-config';
import { touchGrantLastUsed } from '../storage/oauth';
import { bearerChallenge, bearerFailureMessage, checkApiTokenAuth } from './bearer';
import { jsonResponse } from './http-answers';
import { lastUsedThrottle } from './last-used';
import type { McpRequestContext } from './request-context';

export type Authorized = { ok: true; oauthClientId: string | null } | { ok: false; refused: Response };

function unauthorized(ctx: McpRequestContext, message: string, challenge: string): Authorized {
  const body = JSON.stringify(new GatewayError(401, 'unauthorized', message).toBody());
  return { ok: false, refused: jsonResponse(401, body, { ...ctx.cors, 'WWW-Authenticate': challenge }) };
}

export async function authorizeCaller(ctx: McpRequestContext): Promise<Authorized> {
  const server = ctx.auth.server;
  const authorization = ctx.request.headers.get('authorization');
  const mode = authModeOf(server.config);
  if (mode === 'api_token') {
    const check = await checkApiTokenAuth(ctx.env, authorization, server.tenantId);
    if (check.ok) return { ok: true, oauthClientId: null };
    ctx.log.info('mcp.api_token_refused', { error: check.error });
    return unauthorized(ctx, bearerFailureMessage(check.error), bearerChallenge(check.error));
  }
  if (mode === 'oauth') {
    const origin = new URL(ctx.request.url).origin;
    const access = await checkOAuthAccess(ctx.env, origin, authorization, server);
    if (!access.ok) {
      ctx.log.info('mcp.oauth_refused', { error: access.error });
      return unauthorized(ctx, oauthFailureMessage(access.error), oauthChallenge(origin, server.id, access.error));
    }
    if (access.grantId && lastUsedThrottle.shouldWrite(`grant:${access.grantId}`, ctx.now())) {
      const at = new Date(ctx.now()).toISOString();
      ctx.afterAnswer('grant_last_used', touchGrantLastUsed(ctx.env.DB, access.grantId, server.id, at));
    }
    return { ok: true, oauthClientId: access.clientId };
  }
  return { ok: true, oauthClientId: null };
}
