/** Every route refuses bad input with a clear 4xx in the one error shape, and never echoes secrets. */
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app';
import { ROUTES, type RouteName } from '../../../src/admin/route-table';
import { API_TOKEN_ISSUER } from '../../../src/security/api-token-jwt';
import { spyOnLogLines } from '../../helpers/log-lines';
import {
  ADMIN,
  DEFAULT_MISSIVE_TOKEN,
  apiFetch,
  createApiToken,
  createTenant,
  linkAccount,
  mintServer,
} from '../../helpers/admin-client';

let tenantId = '';
let tokenId = '';
let accountId = '';
let serverId = '';

beforeAll(async () => {
  const tenant = await createTenant();
  tenantId = tenant.id;
  tokenId = (await createApiToken(tenant.id)).id;
  accountId = (await linkAccount({ tenantId })).id;
  serverId = (await mintServer(ADMIN, accountId)).id;
});

const pathOf = (name: RouteName) =>
  ROUTES[name].path
    .replace(':tenantId', tenantId)
    .replace(':tokenId', tokenId)
    .replace(':accountId', accountId)
    .replace(':mcpId', serverId);

const bodyRoutes = (Object.keys(ROUTES) as RouteName[]).filter((n) => 'body' in ROUTES[n]);
const queryRoutes = (Object.keys(ROUTES) as RouteName[]).filter((n) => 'query' in ROUTES[n]);

async function expectError(res: Response, status: number, code?: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text) as { error: { code: string; message: string; details?: unknown } };
  expect(typeof body.error.message).toBe('string');
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

describe('authentication', () => {
  it.each(Object.keys(ROUTES) as RouteName[])('%s without credentials → 401 with a Bearer challenge', async (name) => {
    const res = await apiFetch(pathOf(name), { method: ROUTES[name].method.toUpperCase(), auth: null });
    await expectError(res, 401, 'unauthorized');
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="missive-mcp-gateway"');
  });

  it('wrong admin key, foreign JWT, other schemes → 401 invalid_token', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: env.JWT_SIGNING_KEY_ID })
      .setIssuer(API_TOKEN_ISSUER)
      .setSubject(tenantId)
      .setJti(tokenId)
      .setIssuedAt()
      .sign(new Uint8Array(32).fill(9));
    for (const header of [`Bearer ${env.ADMIN_API_KEY}x`, `Bearer ${forged}`, 'Bearer mcp_abc']) {
      const res = await apiFetch('/integrated-account', { auth: null, headers: { Authorization: header } });
      await expectError(res, 401, 'unauthorized');
      expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="missive-mcp-gateway", error="invalid_token"');
    }
    const basic = await apiFetch('/integrated-account', {
      auth: null,
      headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    await expectError(basic, 401);
  });

  it('a JWT naming a token id of another tenant is refused', async () => {
    const other = await createTenant();
    const otherToken = await createApiToken(other.id);
    // Re-sign the other tenant's jti with this tenant as subject: the D1 row's tenant must match.
    const { signApiToken } = await import('../../../src/security/api-token-jwt');
    const { getConfig } = await import('../../../src/config');
    const spliced = await signApiToken(getConfig(env).jwt, { tenantId, tokenId: otherToken.id });
    await expectError(await apiFetch('/integrated-account', { auth: { apiToken: spliced } }), 401);
  });
});

describe('request bodies on every route that takes one', () => {
  it.each(bodyRoutes)('%s: wrong content type → 415', async (name) => {
    const res = await apiFetch(pathOf(name), {
      method: ROUTES[name].method.toUpperCase(),
      body: 'name=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    await expectError(res, 415, 'unsupported_media_type');
  });

  it.each(bodyRoutes)('%s: no content type → 415', async (name) => {
    const res = await apiFetch(pathOf(name), {
      method: ROUTES[name].method.toUpperCase(),
      body: '{}',
      headers: { 'Content-Type': '' },
    });
    await expectError(res, 415, 'unsupported_media_type');
  });

  it.each(bodyRoutes)('%s: malformed JSON → 400 invalid_json', async (name) => {
    const res = await apiFetch(pathOf(name), { method: ROUTES[name].method.toUpperCase(), body: '{"name": "x",' });
    await expectError(res, 400, 'invalid_json');
  });

  it.each(bodyRoutes)('%s: body over 64 KiB → 413', async (name) => {
    const res = await apiFetch(pathOf(name), {
      method: ROUTES[name].method.toUpperCase(),
      body: JSON.stringify({ name: 'x'.repeat(70 * 1024) }),
    });
    await expectError(res, 413, 'payload_too_large');
  });

  it.each(bodyRoutes)('%s: unknown field → 400 naming it', async (name) => {
    const res = await apiFetch(pathOf(name), {
      method: ROUTES[name].method.toUpperCase(),
      body: { name: 'x', surprise: true },
    });
    const error = await expectError(res, 400, 'validation_failed');
    expect(JSON.stringify(error.details)).toContain('surprise');
  });

  it.each(bodyRoutes)('%s: wrong types → 400 with paths', async (name) => {
    // Every body has a `name`, except the tenant sign-in's, whose one field is `login_url`.
    const field = name === 'setTenantSignIn' ? 'login_url' : 'name';
    const res = await apiFetch(pathOf(name), { method: ROUTES[name].method.toUpperCase(), body: { [field]: 42 } });
    const error = await expectError(res, 400, 'validation_failed');
    expect(Array.isArray(error.details)).toBe(true);
    expect(JSON.stringify(error.details)).toContain(`"path":"${field}"`);
  });

  it.each(bodyRoutes)('%s: a JSON array or null instead of an object → 400', async (name) => {
    for (const body of ['[]', 'null', '"x"']) {
      const res = await apiFetch(pathOf(name), { method: ROUTES[name].method.toUpperCase(), body });
      await expectError(res, 400, 'validation_failed');
    }
  });
});

describe('field rules', () => {
  const post = (path: string, body: unknown, method = 'POST') => apiFetch(path, { method, body });

  it('integrated account: integration, credentials and defaults are checked; secrets are not echoed', async () => {
    const base = {
      tenant_id: tenantId,
      name: 'a',
      integration: 'missive',
      credentials: { api_token: DEFAULT_MISSIVE_TOKEN },
    };
    await expectError(await post('/integrated-account', { ...base, integration: 'slack' }), 400);
    await expectError(await post('/integrated-account', { ...base, credentials: {} }), 400);
    await expectError(await post('/integrated-account', { ...base, defaults: { colour: 'red' } }), 400);
    await expectError(await post('/integrated-account', { ...base, defaults: { team: 5 } }), 400);
    const leaky = await post('/integrated-account', {
      ...base,
      credentials: { api_token: DEFAULT_MISSIVE_TOKEN, extra_secret: 'missive_pat-should-not-echo-1234567890' },
    });
    const text = await leaky.text();
    expect(leaky.status).toBe(400);
    expect(text).not.toContain('should-not-echo');
    expect(text).not.toContain(DEFAULT_MISSIVE_TOKEN);
    const wrongType = await post('/integrated-account', { ...base, credentials: { api_token: 1234567890123 } });
    expect(await wrongType.text()).not.toContain('1234567890123');
  });

  it('MCP server: config shape, unknown methods, empty selections and expiry are checked', async () => {
    const path = `/integrated-account/${accountId}/mcp`;
    await expectError(await post(path, { name: 'x', config: { methods: 'read' } }), 400);
    await expectError(await post(path, { name: 'x', config: { methods: [] } }), 400);
    await expectError(await post(path, { name: 'x', config: { tags: ['not-a-tag'] } }), 400);
    await expectError(await post(path, { name: 'x', config: { require_api_token_auth: 'yes' } }), 400);
    await expectError(await post(path, { name: 'x', config: { methods: ['read'], extra: 1 } }), 400);
    const unknownMethod = await expectError(await post(path, { name: 'x', config: { methods: ['teleport'] } }), 400);
    expect(JSON.stringify(unknownMethod.details)).toContain('config.methods.0');
    const none = await expectError(
      await post(path, { name: 'x', config: { methods: ['merge'], tags: ['users'] } }),
      400,
    );
    expect(none.message).toMatch(/no tool/);
    await expectError(await post(path, { name: 'x', expires_at: 'tomorrow' }), 400);
    await expectError(await post(path, { name: 'x', expires_at: new Date(Date.now() + 30_000).toISOString() }), 400);
    await expectError(await post(path, { name: 'x', expires_at: new Date(Date.now() - 1000).toISOString() }), 400);
    await expectError(await post(path, { name: '' }), 400);
    await expectError(await post(path, { name: '   ' }), 400);
    const ok = await post(path, { name: 'x', expires_at: new Date(Date.now() + 61_000).toISOString() });
    expect(ok.status).toBe(201);
    await expectError(await post(`${path}/${serverId}`, {}, 'PATCH'), 400, 'validation_failed');
    await expectError(await post(`${path}/${serverId}`, { config: { methods: ['teleport'] } }, 'PATCH'), 400);
  });

  it('API tokens: expiry must be in the future', async () => {
    const path = `/tenants/${tenantId}/api-tokens`;
    await expectError(await post(path, { name: 'x', expires_at: new Date(Date.now() - 1000).toISOString() }), 400);
    await expectError(await post(path, { name: 'x', expires_at: 12 }), 400);
  });

  it.each(queryRoutes)('%s: bad limit, foreign cursor and unknown query parameters → 400', async (name) => {
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'cursor=garbage', 'colour=red']) {
      await expectError(await apiFetch(`${pathOf(name)}?${q}`), 400, 'validation_failed');
    }
  });

  it('unknown routes and methods → 404 in the same error shape', async () => {
    await expectError(await apiFetch('/integrated-account/x/y/z'), 404, 'not_found');
    await expectError(await apiFetch('/tenants', { method: 'PUT', body: {} }), 404, 'not_found');
  });
});

describe('configuration errors', () => {
  it('a missing or short secret is a 500 with no internals, and the log names the variable only', async () => {
    const logLines = spyOnLogLines();
    try {
      const app = createApp();
      for (const [name, value] of [
        ['ADMIN_API_KEY', ''],
        ['TOKEN_HMAC_KEY', 'c2hvcnQ'],
      ] as const) {
        const ctx = createExecutionContext();
        const res = await app.fetch(
          new Request('https://gateway.test/integrated-account', {
            headers: { Authorization: `Bearer ${env.ADMIN_API_KEY}` },
          }),
          { ...env, [name]: value },
          ctx,
        );
        await waitOnExecutionContext(ctx);
        const error = await expectError(res, 500, 'internal_error');
        expect(error.details).toBeUndefined();
        expect(JSON.stringify(error)).not.toContain(name);
        const lines = logLines.lines();
        expect(lines.some((l) => l.includes('request.failed') && l.includes(name))).toBe(true);
        expect(lines.join('\n')).not.toContain('c2hvcnQ');
        expect(lines.join('\n')).not.toContain(env.ADMIN_API_KEY);
      }
    } finally {
      logLines.restore();
    }
  });
});
