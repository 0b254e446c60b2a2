/**
 * Admin API authentication: `Authorization: Bearer <ADMIN_API_KEY>` (the operator, every tenant)
 * or `Bearer <API token JWT>` (one tenant). Everything else is a 401 with a Bearer challenge
 * (RFC 6750 §3).
 */
import type { MiddlewareHandler } from 'hono';
import { getConfig } from '../config';
import { GatewayError } from '../errors';
import { bearerFromHeader, verifyApiToken } from '../security/api-tokens';
import { looksLikeJwt } from '../security/api-token-jwt';
import { timingSafeEqualStrings } from '../security/hmac';
import type { AdminEnv, Principal } from './context';

export const REALM = 'missive-mcp-gateway';

/** The 401 every failed authentication gets; the same body whatever was wrong. */
export function unauthorized(tokenPresented: boolean): GatewayError {
  return new GatewayError(401, 'unauthorized', 'A valid admin key or API token is required', {
    headers: {
      'WWW-Authenticate': tokenPresented ? `Bearer realm="${REALM}", error="invalid_token"` : `Bearer realm="${REALM}"`,
    },
  });
}

/** Resolves the caller, or throws the 401. */
export async function authenticate(env: AdminEnv['Bindings'], header: string | undefined): Promise<Principal> {
  // Parse the config first so a misconfigured deployment is a 500 naming the variable, not a 401.
  const config = getConfig(env);
  const bearer = bearerFromHeader(header);
  if (!bearer) throw unauthorized(false);
  if (await timingSafeEqualStrings(bearer, config.adminApiKey)) return { kind: 'admin' };
  if (looksLikeJwt(bearer)) {
    const verified = await verifyApiToken(env, bearer);
    if (verified) return { kind: 'tenant', tenantId: verified.tenantId, tokenId: verified.tokenId };
  }
  throw unauthorized(true);
}

/** Middleware: puts the authenticated `principal` on the context. */
export function adminAuth(): MiddlewareHandler<AdminEnv> {
  return async function adminAuthMiddleware(c, next) {
    c.set('principal', await authenticate(c.env, c.req.header('Authorization')));
    await next();
  };
}

/** Throws 403 unless the caller is the operator (routes that span tenants). */
export function requireAdmin(principal: Principal): void {
  if (principal.kind !== 'admin') {
    throw new GatewayError(403, 'forbidden', 'This route needs the admin key');
  }
}

/**
 * The tenant a scoped read is limited to: the token's tenant, or null (every tenant) for the
 * operator. Repositories take this and answer another tenant's ids exactly like missing ids.
 */
export function tenantScope(principal: Principal): string | null {
  return principal.kind === 'admin' ? null : principal.tenantId;
}

/**
 * The tenant a write acts for. A tenant token acts for its own tenant (a `tenant_id` naming
 * another tenant is a 404, as if it did not exist); the operator must name one.
 */
export function actingTenant(principal: Principal, requested: string | undefined): string {
  if (principal.kind === 'tenant') {
    if (requested !== undefined && requested !== principal.tenantId)
      throw new GatewayError(404, 'not_found', 'Tenant not found');
    return principal.tenantId;
  }
  if (requested === undefined) {
    throw new GatewayError(400, 'validation_failed', 'tenant_id is required when calling with the admin key', {
      details: [{ path: 'tenant_id', message: 'Required with the admin key' }],
    });
  }
  return requested;
}

/** True when the principal may act on `tenantId`; callers answer 404 otherwise. */
export function canAccessTenant(principal: Principal, tenantId: string): boolean {
  return principal.kind === 'admin' || principal.tenantId === tenantId;
}
