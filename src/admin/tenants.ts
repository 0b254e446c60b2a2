/** Tenants and their API tokens. */
import type { Context } from 'hono';
import { getConfig } from '../config';
import { GatewayError, notFound } from '../errors';
import { signApiToken } from '../security/api-token-jwt';
import { randomId } from '../security/encoding';
import {
  getApiTokenRecord,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiTokenRow,
} from '../storage/api-tokens';
import { toPage } from '../storage/pagination';
import { getTenant, insertTenant, listTenants } from '../storage/tenants';
import { canAccessTenant, requireAdmin } from './auth';
import { audit, idParam, normalizeExpiry, pageParams } from './common';
import type { AdminEnv, AdminHandler } from './context';
import { ROUTES, type RouteName } from './route-table';
import type { ApiTokenView } from './schemas';
import { readJsonBody, readQuery } from './validation';

function toApiTokenView(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    name: row.name,
    token_last4: row.token_last4,
    created_at: row.created_at,
    expires_at: row.expires_at,
    revoked_at: row.revoked_at,
  };
}

/** The tenant named in the path, if the caller may see it (else 404, like a missing one). */
async function scopedTenant(c: Context<AdminEnv>) {
  const tenantId = idParam(c, 'tenantId', 'Tenant');
  if (!canAccessTenant(c.get('principal'), tenantId)) throw notFound('Tenant');
  const tenant = await getTenant(c.env.DB, tenantId);
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

/** Handlers of the tenant and API-token routes. */
export const tenantHandlers = {
  createTenant: async (c: Context<AdminEnv>) => {
    requireAdmin(c.get('principal'));
    const body = await readJsonBody(c.req, ROUTES.createTenant.body);
    const tenant = { id: randomId('ten_'), name: body.name, created_at: new Date().toISOString() };
    await insertTenant(c.env.DB, tenant);
    await audit(c, 'tenant.create', { type: 'tenant', id: tenant.id, tenantId: tenant.id });
    return c.json(tenant, 201);
  },

  listTenants: async (c: Context<AdminEnv>) => {
    requireAdmin(c.get('principal'));
    const { cursor, limit } = pageParams(readQuery(c.req.query(), ROUTES.listTenants.query));
    const rows = await listTenants(c.env.DB, cursor, limit);
    return c.json(toPage(rows, limit, (r) => r));
  },

  getTenant: async (c: Context<AdminEnv>) => c.json(await scopedTenant(c)),

  createApiToken: async (c: Context<AdminEnv>) => {
    const tenant = await scopedTenant(c);
    const body = await readJsonBody(c.req, ROUTES.createApiToken.body);
    const now = Date.now();
    const expiresAt = normalizeExpiry(body.expires_at, now);
    const { jwt } = getConfig(c.env);
    const id = randomId('tok_');
    const token = await signApiToken(
      jwt,
      { tenantId: tenant.id, tokenId: id, expiresAt: expiresAt ? new Date(expiresAt) : null },
      new Date(now),
    );
    const row: ApiTokenRow = {
      id,
      tenant_id: tenant.id,
      name: body.name,
      key_id: jwt.current.kid,
      token_last4: token.slice(-4),
      created_at: new Date(now).toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    };
    await insertApiToken(c.env.DB, row);
    await audit(c, 'api_token.create', { type: 'api_token', id, tenantId: tenant.id });
    return c.json({ ...toApiTokenView(row), token }, 201);
  },

  listApiTokens: async (c: Context<AdminEnv>) => {
    const tenant = await scopedTenant(c);
    const { cursor, limit } = pageParams(readQuery(c.req.query(), ROUTES.listApiTokens.query));
    const rows = await listApiTokens(c.env.DB, tenant.id, cursor, limit);
    return c.json(toPage(rows, limit, toApiTokenView));
  },

  revokeApiToken: async (c: Context<AdminEnv>) => {
    const tenant = await scopedTenant(c);
    const tokenId = idParam(c, 'tokenId', 'API token');
    const changed = await revokeApiToken(c.env.DB, tenant.id, tokenId, new Date().toISOString());
    if (!changed) throw notFound('API token');
    const row = await getApiTokenRecord(c.env.DB, tokenId);
    if (!row) throw new GatewayError(500, 'internal_error', 'Internal error', { internal: 'revoked token vanished' });
    await audit(c, 'api_token.revoke', { type: 'api_token', id: tokenId, tenantId: tenant.id });
    return c.json(toApiTokenView(row));
  },
} satisfies Partial<Record<RouteName, AdminHandler>>;
