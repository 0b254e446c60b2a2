/**
 * MCP authorization end to end inside workerd: an MCP SDK client with its OAuth client provider
 * meets the 401, discovers the gateway, registers, and gets a code through the consent step (a
 * dashboard session of the server's tenant, or the tenant's own sign-in with signed answers); then
 * lists and calls tools. And what must be refused: a token on another server or account, after
 * rotation or revocation, an expired token; a refresh token after its successor was used.
 */
import { env } from 'cloudflare:workers';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueTenantSignIn } from '../../../src/control/tenant-sign-in';
import { CONSENT_ANSWER_TYP } from '../../../src/oauth/tenant-approval';
import { base64urlDecode, base64urlEncode } from '../../../src/security/encoding';
import {
  apiFetch,
  apiJson,
  linkAccount,
  mintServer,
  revokeServer,
  rotateServer,
  setupServer,
} from '../../helpers/admin-client';
import { TestBrowser } from '../dashboard/browser';
import { auditRows, eventually, rawPost, resetSandbox, initializeMessage } from '../mcp/helpers';
import { MemoryOAuthProvider, connectWithOAuth, oauthTransport } from './helpers';

const ORIGIN = 'https://gateway.test';

beforeAll(async () => {
  await resetSandbox();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Runs the SDK's flow up to the browser step; returns the authorization URL it wants opened. */
async function startFlow(url: string, provider: MemoryOAuthProvider): Promise<URL> {
  await expect(connectWithOAuth(url, provider)).rejects.toBeInstanceOf(UnauthorizedError);
  expect(provider.authorizationUrl).not.toBeNull();
  return provider.authorizationUrl!;
}

const handleFrom = (html: string) => /name="handle" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The consent page seen by a dashboard user of the tenant, then Allow: the client's redirect with the code. */
async function approveInDashboard(apiToken: string, authUrl: URL): Promise<{ location: URL; page: string }> {
  const browser = new TestBrowser();
  expect((await browser.signIn(apiToken)).status).toBe(303);
  const res = await browser.get(authUrl.pathname + authUrl.search);
  expect(res.status).toBe(200);
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  const page = await res.text();
  const decided = await browser.postForm('/oauth/consent', { handle: handleFrom(page), step: 'approve' });
  expect(decided.status).toBe(302);
  return { location: new URL(decided.headers.get('location')!), page };
}

async function authorizedClient(apiToken: string, url: string, provider = new MemoryOAuthProvider()) {
  const authUrl = await startFlow(url, provider);
  const { location } = await approveInDashboard(apiToken, authUrl);
  await oauthTransport(url, provider).finishAuth(location.searchParams.get('code')!);
  return { provider, ...(await connectWithOAuth(url, provider)) };
}

const bearerPost = (url: string, token: string) =>
  rawPost(url, initializeMessage(), { Authorization: `Bearer ${token}` });

// Each test runs several OAuth round trips through workerd; on a busy two-core machine that can pass 5 s.
describe('an oauth server', { timeout: 30_000 }, () => {
  it('answers 401 with the protected-resource metadata and the server scope; the documents name the gateway', async () => {
    const { server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const res = await rawPost(server.url, initializeMessage());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource/mcp", scope="mcp:server:${server.id}"`,
    );
    const prm = (await (await fetchGateway('/.well-known/oauth-protected-resource/mcp')).json()) as Record<
      string,
      unknown
    >;
    expect(prm).toMatchObject({ resource: `${ORIGIN}/mcp`, authorization_servers: [ORIGIN] });
    const as = (await (await fetchGateway('/.well-known/oauth-authorization-server')).json()) as Record<
      string,
      unknown
    >;
    expect(as).toMatchObject({
      issuer: ORIGIN,
      authorization_endpoint: `${ORIGIN}/oauth/authorize`,
      token_endpoint: `${ORIGIN}/oauth/token`,
      registration_endpoint: `${ORIGIN}/oauth/register`,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
  });

  it('connects through the consent page of a dashboard session, lists and calls tools, and audits the client', async () => {
    const { apiToken, account, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const provider = new MemoryOAuthProvider('Claude (test)');
    const authUrl = await startFlow(server.url, provider);
    expect(authUrl.searchParams.get('scope')).toBe(`mcp:server:${server.id}`);
    expect(authUrl.searchParams.get('resource')).toBe(`${ORIGIN}/mcp`);
    const { location, page } = await approveInDashboard(apiToken.token, authUrl);
    for (const fact of ['Claude (test)', server.name, account.name, 'list_all_missive_teams', '127.0.0.1']) {
      expect(page).toContain(fact);
    }
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:43110/callback');
    expect(location.searchParams.get('iss')).toBe(ORIGIN);
    await oauthTransport(server.url, provider).finishAuth(location.searchParams.get('code')!);
    expect(provider.saved?.expires_in).toBeLessThanOrEqual(3600);

    const { client } = await connectWithOAuth(server.url, provider);
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('list_all_missive_teams');
    const result = await client.callTool({ name: 'list_all_missive_teams', arguments: {} });
    expect(result.isError).toBeFalsy();
    await client.close();
    const rows = await eventually(async () => {
      const r = await auditRows(server.id);
      return r.length > 0 ? r : null;
    }, 'audit row');
    const row = await env.DB.prepare('SELECT oauth_client_id FROM mcp_tool_calls WHERE id = ?1')
      .bind(rows[0]!.id)
      .first<{ oauth_client_id: string }>();
    expect(row?.oauth_client_id).toBe((provider.client as { client_id: string }).client_id);
  });

  it('refuses a token on another server, on another account, after rotation and after revocation', async () => {
    const { tenant, apiToken, account, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const { provider } = await authorizedClient(apiToken.token, server.url);
    const token = provider.saved!.access_token;
    expect((await bearerPost(server.url, token)).status).toBe(200);

    const sibling = await mintServer({ apiToken: apiToken.token }, account.id, { config: { auth: 'oauth' } });
    const refused = await bearerPost(sibling.url, token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const otherAccount = await linkAccount({ apiToken: apiToken.token });
    const elsewhere = await mintServer({ apiToken: apiToken.token }, otherAccount.id, { config: { auth: 'oauth' } });
    expect((await bearerPost(elsewhere.url, token)).status).toBe(401);
    expect(tenant.id).toBeTruthy();

    const rotated = await rotateServer({ apiToken: apiToken.token }, account.id, server.id);
    expect((await bearerPost(rotated.url!, token)).status).toBe(401);

    const again = await authorizedClient(apiToken.token, rotated.url!);
    expect((await bearerPost(rotated.url!, again.provider.saved!.access_token)).status).toBe(200);
    await revokeServer({ apiToken: apiToken.token }, account.id, server.id);
    expect((await bearerPost(rotated.url!, again.provider.saved!.access_token)).status).toBe(404);
  });

  it('ends its grants when the server expires or its account is deleted', async () => {
    const expiresAt = new Date(Date.now() + 120_000).toISOString();
    const { apiToken, account, server } = await setupServer({
      config: { methods: ['read'], auth: 'oauth' },
      expires_at: expiresAt,
    });
    const { provider } = await authorizedClient(apiToken.token, server.url);
    expect((await bearerPost(server.url, provider.saved!.access_token)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(expiresAt) + 1_000);
    expect((await bearerPost(server.url, provider.saved!.access_token)).status).toBe(404);
    vi.useRealTimers();

    const second = await mintServer({ apiToken: apiToken.token }, account.id, { config: { auth: 'oauth' } });
    const other = await authorizedClient(apiToken.token, second.url);
    expect((await bearerPost(second.url, other.provider.saved!.access_token)).status).toBe(200);
    expect(
      (await apiFetch(`/integrated-account/${account.id}`, { method: 'DELETE', auth: { apiToken: apiToken.token } }))
        .status,
    ).toBe(200);
    expect((await bearerPost(second.url, other.provider.saved!.access_token)).status).toBe(404);
  });

  it('expires access tokens after an hour (401 invalid_token); a refresh token works once', async () => {
    const { apiToken, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const { provider } = await authorizedClient(apiToken.token, server.url);
    const first = provider.saved!;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3601_000);
    const expired = await bearerPost(server.url, first.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const refresh = (token: string) =>
      fetchGateway('/oauth/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: (provider.client as { client_id: string }).client_id,
        }).toString(),
      });
    const second = (await (await refresh(first.refresh_token!)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await bearerPost(server.url, second.access_token)).status).toBe(200);
    // Using the successor retires the first refresh token for good.
    expect((await refresh(second.refresh_token)).status).toBe(200);
    const replay = await refresh(first.refresh_token!);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

function fetchGateway(path: string, init?: RequestInit) {
  return rawFetch(`${ORIGIN}${path}`, init);
}

async function rawFetch(url: string, init?: RequestInit) {
  const { exports } = await import('cloudflare:workers');
  return exports.default.fetch(url, init);
}

describe("the tenant's own sign-in", { timeout: 30_000 }, () => {
  async function signedAnswer(key: Uint8Array, claims: Record<string, unknown>, tenantId: string, iat?: number) {
    const issuedAt = iat ?? Math.floor(Date.now() / 1000);
    return new SignJWT({ decision: 'approve', sub: 'user-42', ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: CONSENT_ANSWER_TYP })
      .setIssuer(tenantId)
      .setAudience(ORIGIN)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 120)
      .sign(key);
  }

  it('sends the browser to the login URL with a signed request and accepts only a genuine, fresh answer', async () => {
    const { tenant, apiToken, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const set = await apiFetch(`/tenants/${tenant.id}/oauth-sign-in`, {
      auth: { apiToken: apiToken.token },
      body: { login_url: 'https://app.tenant.test/mcp-consent' },
    });
    expect(set.status).toBe(201);
    expect(set.headers.get('cache-control')).toBe('no-store');
    const key = base64urlDecode(((await set.json()) as { approval_key: string }).approval_key)!;
    const shown = await apiJson<Record<string, unknown>>(`/tenants/${tenant.id}/oauth-sign-in`, {
      auth: { apiToken: apiToken.token },
    });
    expect(shown).toMatchObject({ login_url: 'https://app.tenant.test/mcp-consent' });
    expect(JSON.stringify(shown)).not.toContain('approval_key');
    const provider = new MemoryOAuthProvider();
    const authUrl = await startFlow(server.url, provider);

    const browser = new TestBrowser();
    const res = await browser.get(authUrl.pathname + authUrl.search);
    expect(res.status).toBe(302);
    const login = new URL(res.headers.get('location')!);
    expect(login.origin + login.pathname).toBe('https://app.tenant.test/mcp-consent');
    const { jwtVerify } = await import('jose');
    const { payload } = await jwtVerify(login.searchParams.get('consent_request')!, key, {
      issuer: ORIGIN,
      audience: tenant.id,
      typ: 'oauth-consent-request+jwt',
    });
    expect(payload).toMatchObject({ server: { id: server.id }, return_to: `${ORIGIN}/oauth/answer` });
    const handle = payload.handle as string;

    const answerAt = async (jwt: string) => browser.get(`/oauth/answer?consent_answer=${encodeURIComponent(jwt)}`);
    const forged = await signedAnswer(
      crypto.getRandomValues(new Uint8Array(32)),
      { handle, server_id: server.id },
      tenant.id,
    );
    expect((await answerAt(forged)).status).toBe(400);
    const expired = await signedAnswer(
      key,
      { handle, server_id: server.id },
      tenant.id,
      Math.floor(Date.now() / 1000) - 600,
    );
    expect((await answerAt(expired)).status).toBe(400);

    const genuine = await signedAnswer(key, { handle, server_id: server.id }, tenant.id);
    const back = await answerAt(genuine);
    expect(back.status).toBe(302);
    const code = new URL(back.headers.get('location')!).searchParams.get('code')!;
    // The handle works once: the same answer again is refused.
    expect((await answerAt(genuine)).status).toBe(400);
    await oauthTransport(server.url, provider).finishAuth(code);
    const { client } = await connectWithOAuth(server.url, provider);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();

    // Rotating the key (writing the sign-in again) makes answers signed with the old one worthless.
    const rotated = await apiJson<{ approval_key: string }>(`/tenants/${tenant.id}/oauth-sign-in`, {
      auth: { apiToken: apiToken.token },
      body: { login_url: 'https://app.tenant.test/mcp-consent' },
      expect: 201,
    });
    expect(rotated.approval_key).not.toBe(base64urlEncode(key));
    const again = new MemoryOAuthProvider();
    const next = await startFlow(server.url, again);
    const login2 = new URL((await browser.get(next.pathname + next.search)).headers.get('location')!);
    const { decodeJwt } = await import('jose');
    const handle2 = decodeJwt(login2.searchParams.get('consent_request')!).handle as string;
    const stale = await signedAnswer(key, { handle: handle2, server_id: server.id }, tenant.id);
    expect((await answerAt(stale)).status).toBe(400);
  });

  it('sends access_denied to the client when the tenant refuses', async () => {
    const { tenant, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const key = base64urlDecode(await issueTenantSignIn(env, tenant.id, 'https://app.tenant.test/c', new Date()))!;
    expect(tenant.id).toBeTruthy();
    const provider = new MemoryOAuthProvider();
    const authUrl = await startFlow(server.url, provider);
    const browser = new TestBrowser();
    const login = new URL((await browser.get(authUrl.pathname + authUrl.search)).headers.get('location')!);
    const { decodeJwt } = await import('jose');
    const handle = decodeJwt(login.searchParams.get('consent_request')!).handle as string;
    const deny = await signedAnswer(key, { handle, server_id: server.id, decision: 'deny' }, tenant.id);
    const res = await browser.get(`/oauth/answer?consent_answer=${encodeURIComponent(deny)}`);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });
});

describe('config.auth through the admin API', () => {
  it('keeps oauth when a PATCH narrows the tools, accepts the older spelling, and refuses conflicting ones', async () => {
    const { apiToken, account, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const path = `/integrated-account/${account.id}/mcp/${server.id}`;
    const auth = { apiToken: apiToken.token };
    const narrowed = await apiJson<{ config: Record<string, unknown> }>(path, {
      method: 'PATCH',
      auth,
      body: { config: { methods: ['list'] } },
    });
    expect(narrowed.config).toMatchObject({ auth: 'oauth', methods: ['list'] });
    expect((await rawPost(server.url, initializeMessage())).status).toBe(401);

    const conflicting = await apiFetch(`/integrated-account/${account.id}/mcp`, {
      auth,
      body: { name: 'x', config: { auth: 'oauth', require_api_token_auth: true } },
    });
    expect(conflicting.status).toBe(400);
    const alias = await mintServer(auth, account.id, { config: { require_api_token_auth: true } });
    expect((await rawPost(alias.url, initializeMessage())).status).toBe(401);
    const named = await mintServer(auth, account.id, { config: { auth: 'api_token' } });
    expect(named.config).toMatchObject({ auth: 'api_token', require_api_token_auth: true });
    const ok = await rawPost(named.url, initializeMessage(), { Authorization: `Bearer ${apiToken.token}` });
    expect(ok.status).toBe(200);
  });
});

describe('grants in the admin API', { timeout: 30_000 }, () => {
  it('lists the connected clients of a server, hides them from other tenants, and revokes one', async () => {
    const { apiToken, account, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const auth = { apiToken: apiToken.token };
    const { provider } = await authorizedClient(apiToken.token, server.url, new MemoryOAuthProvider('Listed client'));
    expect((await bearerPost(server.url, provider.saved!.access_token)).status).toBe(200);
    const path = `/integrated-account/${account.id}/mcp/${server.id}/oauth-grants`;
    const grants = await eventually(async () => {
      const page = await apiJson<{ result: Record<string, unknown>[] }>(path, { auth });
      return page.result.length === 1 && page.result[0]!.last_used_at ? page.result : null;
    }, 'grant with last_used_at');
    expect(grants[0]).toMatchObject({
      client_name: 'Listed client',
      client_id: (provider.client as { client_id: string }).client_id,
      client_id_is_url: false,
      approved_by: expect.stringMatching(/^dashboard:/),
    });

    const other = await setupServer();
    expect((await apiFetch(path, { auth: { apiToken: other.apiToken.token } })).status).toBe(404);
    const grantId = grants[0]!.id as string;
    expect(
      (await apiFetch(`${path}/${grantId}`, { method: 'DELETE', auth: { apiToken: other.apiToken.token } })).status,
    ).toBe(404);

    expect((await apiFetch(`${path}/${grantId}`, { method: 'DELETE', auth })).status).toBe(200);
    const refused = await bearerPost(server.url, provider.saved!.access_token);
    expect(refused.status).toBe(401);
    expect((await apiJson<{ result: unknown[] }>(path, { auth })).result).toEqual([]);
  });
});

describe('grants in the dashboard', { timeout: 30_000 }, () => {
  it("lists a server's connected clients and disconnects one", async () => {
    const { apiToken, account, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const { provider } = await authorizedClient(
      apiToken.token,
      server.url,
      new MemoryOAuthProvider('Dashboard <b>client</b>'),
    );
    const browser = new TestBrowser();
    await browser.signIn(apiToken.token);
    const pagePath = `/dashboard/accounts/${account.id}/servers/${server.id}`;
    const page = await (await browser.get(pagePath)).text();
    expect(page).toContain('Connected OAuth clients');
    expect(page).toContain('Dashboard &lt;b&gt;client&lt;/b&gt;');
    const grantId = /oauth-grants\/([^/]+)\/revoke/.exec(page)![1]!;
    const csrf = await browser.csrf(pagePath);
    const res = await browser.postForm(`${pagePath}/oauth-grants/${grantId}/revoke`, { _csrf: csrf });
    expect(res.status).toBe(303);
    expect((await bearerPost(server.url, provider.saved!.access_token)).status).toBe(401);
    expect(await (await browser.get(pagePath)).text()).toContain('No client is connected');
  });
});
