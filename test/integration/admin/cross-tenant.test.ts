/**
 * Tenant isolation: a tenant's API token sees another tenant's ids exactly like ids that do not
 * exist (404, same body), on every route; routes that span tenants need the admin key.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { oauthApi, serverScope } from '../../../src/control/oauth-provider';
import { ROUTES } from '../../../src/admin/route-table';
import {
  ADMIN,
  DEFAULT_MISSIVE_TOKEN,
  GATEWAY_ORIGIN,
  apiFetch,
  createApiToken,
  createTenant,
  linkAccount,
  mintServer,
  type AdminAuth,
} from '../../helpers/admin-client';

interface World {
  tenantId: string;
  tokenId: string;
  accountId: string;
  serverId: string;
  grantId: string;
  auth: AdminAuth;
}

/** An OAuth grant of `serverId`, written through the library as the consent step would. */
async function grantFor(serverId: string): Promise<string> {
  const api = oauthApi(env, GATEWAY_ORIGIN);
  const client = await api.createClient({
    redirectUris: ['http://127.0.0.1:9/cb'],
    tokenEndpointAuthMethod: 'none',
    clientName: 'matrix',
  });
  await api.completeAuthorization({
    request: {
      responseType: 'code',
      clientId: client.clientId,
      redirectUri: 'http://127.0.0.1:9/cb',
      scope: [serverScope(serverId)],
      state: '',
      codeChallenge: 'x'.repeat(43),
      codeChallengeMethod: 'S256',
      resource: `${GATEWAY_ORIGIN}/mcp`,
    },
    userId: serverId,
    metadata: {},
    scope: [serverScope(serverId)],
    props: {},
  });
  const grants = await api.listUserGrants(serverId);
  return grants.items[0]!.id;
}

async function makeWorld(): Promise<World> {
  const tenant = await createTenant();
  const token = await createApiToken(tenant.id);
  const account = await linkAccount({ tenantId: tenant.id });
  const server = await mintServer(ADMIN, account.id);
  await apiFetch(`/tenants/${tenant.id}/oauth-sign-in`, { body: { login_url: 'https://login.tenant.test/mcp' } });
  return {
    tenantId: tenant.id,
    tokenId: token.id,
    accountId: account.id,
    serverId: server.id,
    grantId: await grantFor(server.id),
    auth: { apiToken: token.token },
  };
}

let a: World;
let b: World;

beforeAll(async () => {
  a = await makeWorld();
  b = await makeWorld();
});

/** A valid body for each route with a body, so only the ownership check can refuse it. */
function bodyFor(name: keyof typeof ROUTES): unknown {
  switch (name) {
    case 'createApiToken':
      return { name: 'x' };
    case 'updateAccount':
      return { name: 'x' };
    case 'createMcpServer':
      return { name: 'x' };
    case 'updateMcpServer':
      return { name: 'x' };
    case 'createTenant':
      return { name: 'x' };
    case 'setTenantSignIn':
      return { login_url: 'https://login.tenant.test/mcp' };
    case 'createAccount':
      return { name: 'x', integration: 'missive', credentials: { api_token: DEFAULT_MISSIVE_TOKEN } };
    default:
      return undefined;
  }
}

function pathFor(spec: { path: string }, w: World, missing = false): string {
  const id = (real: string) => (missing ? real.replace(/[0-9a-f]{24}$/, '0'.repeat(24)) : real);
  return spec.path
    .replace(':tenantId', id(w.tenantId))
    .replace(':tokenId', id(w.tokenId))
    .replace(':accountId', id(w.accountId))
    .replace(':mcpId', id(w.serverId))
    .replace(':grantId', w.grantId);
}

const scopedRoutes = (Object.entries(ROUTES) as [keyof typeof ROUTES, (typeof ROUTES)[keyof typeof ROUTES]][]).filter(
  ([, spec]) => /:(tenantId|accountId)/.test(spec.path),
);

describe('cross-tenant matrix', () => {
  it.each(scopedRoutes)('%s with another tenant’s ids answers 404 exactly like a missing id', async (name, spec) => {
    const method = spec.method.toUpperCase();
    const foreign = await apiFetch(pathFor(spec, b), { method, auth: a.auth, body: bodyFor(name) });
    const missing = await apiFetch(pathFor(spec, a, true), { method, auth: a.auth, body: bodyFor(name) });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const foreignBody = await foreign.json<{ error: { code: string; message: string } }>();
    const missingBody = await missing.json<{ error: { code: string; message: string } }>();
    expect(foreignBody).toEqual(missingBody);
    expect(foreignBody.error.code).toBe('not_found');
  });

  it.each(scopedRoutes)('%s works for the owner (control for the matrix)', async (name, spec) => {
    // Run against a fresh world so destructive routes do not disturb the others.
    const w =
      name.startsWith('delete') || name.startsWith('revoke') || name === 'rotateMcpServer' ? await makeWorld() : a;
    const res = await apiFetch(pathFor(spec, w), {
      method: spec.method.toUpperCase(),
      auth: w.auth,
      body: bodyFor(name),
    });
    expect(res.status).toBe(spec.response.status);
  });

  it('mixing an own parent id with a foreign child id is a 404 too', async () => {
    const mixed = [
      { method: 'GET', path: `/integrated-account/${a.accountId}/mcp/${b.serverId}` },
      { method: 'DELETE', path: `/integrated-account/${a.accountId}/mcp/${b.serverId}` },
      { method: 'POST', path: `/integrated-account/${a.accountId}/mcp/${b.serverId}/rotate` },
      { method: 'GET', path: `/integrated-account/${a.accountId}/mcp/${b.serverId}/logs` },
      { method: 'DELETE', path: `/tenants/${a.tenantId}/api-tokens/${b.tokenId}` },
    ];
    for (const m of mixed) {
      expect((await apiFetch(m.path, { method: m.method, auth: a.auth })).status, `${m.method} ${m.path}`).toBe(404);
    }
    // With the admin key too: the child must belong to the parent in the path.
    expect((await apiFetch(`/integrated-account/${a.accountId}/mcp/${b.serverId}`, { auth: ADMIN })).status).toBe(404);
  });

  it('the other tenant’s objects are untouched after the matrix', async () => {
    const res = await apiFetch(`/integrated-account/${b.accountId}/mcp/${b.serverId}`, { auth: b.auth });
    expect(res.status).toBe(200);
    expect((await res.json<{ status: string; name: string }>()).status).toBe('active');
    expect((await apiFetch(`/tenants/${b.tenantId}/api-tokens`, { auth: b.auth })).status).toBe(200);
  });

  it('lists only the caller’s own accounts', async () => {
    const res = await apiFetch('/integrated-account?limit=100', { auth: a.auth });
    const page = await res.json<{ result: { tenant_id: string }[] }>();
    expect(page.result.length).toBeGreaterThan(0);
    expect(page.result.every((acc) => acc.tenant_id === a.tenantId)).toBe(true);
    expect((await apiFetch(`/integrated-account?tenant_id=${b.tenantId}`, { auth: a.auth })).status).toBe(404);
  });

  it('a tenant token cannot create an account for another tenant', async () => {
    const res = await apiFetch('/integrated-account', {
      auth: a.auth,
      body: { ...(bodyFor('createAccount') as object), tenant_id: b.tenantId },
    });
    expect(res.status).toBe(404);
    const own = await apiFetch('/integrated-account', {
      auth: a.auth,
      body: { ...(bodyFor('createAccount') as object), tenant_id: a.tenantId },
    });
    expect(own.status).toBe(201);
  });

  it('the admin key must name the tenant when creating an account, and that tenant must exist', async () => {
    const noTenant = await apiFetch('/integrated-account', { body: bodyFor('createAccount') });
    expect(noTenant.status).toBe(400);
    const unknown = await apiFetch('/integrated-account', {
      body: { ...(bodyFor('createAccount') as object), tenant_id: 'ten_000000000000000000000000' },
    });
    expect(unknown.status).toBe(404);
  });

  it('routes that span tenants need the admin key (403 for a tenant token)', async () => {
    expect((await apiFetch('/tenants', { auth: a.auth })).status).toBe(403);
    expect((await apiFetch('/tenants', { auth: a.auth, body: { name: 'x' } })).status).toBe(403);
  });

  it('the admin key reaches every tenant', async () => {
    expect((await apiFetch(`/integrated-account/${b.accountId}/mcp/${b.serverId}`, { auth: ADMIN })).status).toBe(200);
    expect((await apiFetch(`/tenants/${b.tenantId}/api-tokens`, { auth: ADMIN })).status).toBe(200);
  });
});
