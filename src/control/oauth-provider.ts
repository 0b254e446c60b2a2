/**
 * The OAuth 2.1 authorization server for MCP clients, from `@cloudflare/workers-oauth-provider`.
 *
 * One resource, `<origin>/mcp`: every server's URL `/mcp/<token>` is a path descendant of it, so a
 * client discovers one protected-resource document (RFC 9728) and asks for one audience. A grant is
 * bound to one MCP server by what it stores (`OAuthGrantProps`), not by its audience: the MCP endpoint
 * compares those props with the server the URL names on every request (oauth-access.ts).
 *
 * The issuer is the origin the request arrived on, like the MCP URL the admin API prints. The
 * library fixes its issuer and resources at construction, so one instance is kept per origin.
 */
import { OAuthAuthorizationServer, OAuthResourceServer, type OAuthHelpers } from '@cloudflare/workers-oauth-provider';
import type { Bindings } from '../env';

export const OAUTH_PATHS = {
  authorize: '/oauth/authorize',
  token: '/oauth/token',
  register: '/oauth/register',
  /** Where the consent page posts, and where a tenant's sign-in sends its signed answer. */
  consent: '/oauth/consent',
  answer: '/oauth/answer',
  resourceMetadata: '/.well-known/oauth-protected-resource/mcp',
  serverMetadata: '/.well-known/oauth-authorization-server',
} as const;

/** Access tokens live one hour; a grant (its refresh token chain) thirty days. */
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * The scope that names one MCP server: the 401 challenge at `/mcp/<token>` carries it, MCP clients
 * request the challenge's scope, and the authorization page learns from it which server is asked for.
 */
export const SERVER_SCOPE_PREFIX = 'mcp:server:';

export function serverScope(serverId: string): string {
  return `${SERVER_SCOPE_PREFIX}${serverId}`;
}

/** The server id a requested scope list names, when it names exactly one. */
export function serverIdFromScopes(scopes: readonly string[]): string | null {
  const named = scopes.filter((s) => s.startsWith(SERVER_SCOPE_PREFIX)).map((s) => s.slice(SERVER_SCOPE_PREFIX.length));
  return named.length === 1 && /^[A-Za-z0-9_-]{1,64}$/.test(named[0]!) ? named[0]! : null;
}

export function resourceFor(origin: string): string {
  return `${origin}/mcp`;
}

export function resourceMetadataUrl(origin: string): string {
  return `${origin}${OAUTH_PATHS.resourceMetadata}`;
}

interface OriginServers {
  authorization: OAuthAuthorizationServer<Bindings>;
  /** Only its protected-resource document is served; the MCP route validates tokens itself. */
  resource: OAuthResourceServer<Bindings>;
}

const byOrigin = new Map<string, OriginServers>();

function build(origin: string): OriginServers {
  const authorization = new OAuthAuthorizationServer<Bindings>({
    issuer: origin,
    resources: [resourceFor(origin)],
    authorizeEndpoint: OAUTH_PATHS.authorize,
    tokenEndpoint: OAUTH_PATHS.token,
    // Deprecated by MCP 2026-07-28 in favour of CIMD, but still what many clients use.
    clientRegistrationEndpoint: OAUTH_PATHS.register,
    clientIdMetadataDocumentEnabled: true,
    accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTTL: REFRESH_TOKEN_TTL_SECONDS,
  });
  const resource = new OAuthResourceServer<Bindings>({
    resourceMetadata: {
      resource: resourceFor(origin),
      authorization_servers: [origin],
      bearer_methods_supported: ['header'],
      resource_name: 'Missive MCP gateway',
    },
    validateToken: () => async () => null,
    handler: { fetch: () => new Response(null, { status: 404 }) },
  });
  return { authorization, resource };
}

/** The authorization server and resource host for `origin` (one per origin, per isolate). */
export function oauthServersFor(origin: string): OriginServers {
  let servers = byOrigin.get(origin);
  if (!servers) {
    servers = build(origin);
    byOrigin.set(origin, servers);
  }
  return servers;
}

/** The library's helpers (authorization requests, consent, grants) for `origin`. */
export function oauthApi(env: Bindings, origin: string): OAuthHelpers {
  return oauthServersFor(origin).authorization.getOAuthApi(env);
}
