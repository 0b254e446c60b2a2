/**
 * The dashboard through the real Worker: sign-in, session cookie, CSRF, tenant isolation, and
 * the mint → revoke path, with real D1/KV/DO and the Missive sandbox behind the admin API.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { lookupLiveServer } from '../../../src/mcp/lookup-server';
import { selectTools } from '../../../src/missive/catalogue';
import {
  ADMIN_KEY,
  apiFetch,
  apiJson,
  createApiToken,
  createTenant,
  linkAccount,
  mintServer,
  tokenFromUrl,
  type AccountDto,
  type ApiTokenDto,
  type MintedServerDto,
  type TenantDto,
} from '../../helpers/admin-client';
import { TestBrowser, csrfFrom, formIdFrom, textById } from './browser';

interface TenantFixture {
  tenant: TenantDto;
  token: ApiTokenDto;
  account: AccountDto;
  server: MintedServerDto;
}

async function tenantFixture(label: string): Promise<TenantFixture> {
  const tenant = await createTenant(`dash-${label}`);
  const token = await createApiToken(tenant.id, { name: `${label} token` });
  const account = await linkAccount({ apiToken: token.token, name: `${label} customer` });
  const server = await mintServer({ apiToken: token.token }, account.id, {
    name: `${label} server`,
    config: { methods: ['read'] },
  });
  return { tenant, token, account, server };
}

let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  // Linking accounts calls the sandbox; start from its seed with fresh rate-limit windows.
  const reset = await env.MISSIVE_UPSTREAM.fetch('https://missive.sandbox/__sandbox/reset', { method: 'POST' });
  expect(reset.status).toBe(200);
  a = await tenantFixture('alpha');
  b = await tenantFixture('beta');
});

describe('sign-in and the session cookie', () => {
  it('serves the sign-in page with a CSP, no-store and a hardened nonce cookie', async () => {
    const browser = new TestBrowser();
    const res = await browser.get('/dashboard/sign-in');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const html = await res.text();
    expect(html).toMatch(/<input[^>]*type="password"[^>]*name="credential"/);
    expect(html).not.toMatch(/<script>/); // no inline script
    const nonce = browser.lastSetCookies.find((c) => c.name === '__Host-mcpgw_signin');
    expect(nonce?.attributes.has('httponly')).toBe(true);
    expect(nonce?.attributes.has('secure')).toBe(true);
    expect(nonce?.attributes.get('samesite')).toBe('Strict');
    expect(nonce?.attributes.get('path')).toBe('/');
  });

  it('refuses a wrong token and a wrong admin key, and sets no session', async () => {
    for (const credential of ['not-a-token', `${ADMIN_KEY}x`, a.token.token.slice(0, -2) + 'xx']) {
      const browser = new TestBrowser();
      const res = await browser.signIn(credential);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('not valid');
      expect(browser.sessionCookie()).toBeUndefined();
    }
  });

  it('refuses a sign-in post without the nonce from its own page (login CSRF)', async () => {
    const browser = new TestBrowser();
    await browser.get('/dashboard/sign-in');
    const res = await browser.postForm('/dashboard/sign-in', { credential: ADMIN_KEY });
    expect(res.status).toBe(403);
    const stranger = new TestBrowser();
    const forged = await stranger.postForm('/dashboard/sign-in', { credential: ADMIN_KEY, _csrf: 'guess' });
    expect(forged.status).toBe(403);
    expect(browser.sessionCookie()).toBeUndefined();
    expect(stranger.sessionCookie()).toBeUndefined();
  });

  it('signs in with the admin key: HttpOnly, Secure, SameSite=Strict, __Host- cookie without the key in it', async () => {
    const browser = new TestBrowser();
    const res = await browser.signIn(ADMIN_KEY);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard/accounts');
    const cookie = browser.lastSetCookies.find((c) => c.name === '__Host-mcpgw_session');
    expect(cookie).toBeDefined();
    expect(cookie?.attributes.has('httponly')).toBe(true);
    expect(cookie?.attributes.has('secure')).toBe(true);
    expect(cookie?.attributes.get('samesite')).toBe('Strict');
    expect(cookie?.attributes.get('path')).toBe('/');
    expect(Number(cookie?.attributes.get('max-age'))).toBe(1800);
    const jwt = cookie?.value ?? '';
    const [header, payload] = jwt.split('.').map((p) => atob(p.replace(/-/g, '+').replace(/_/g, '/')));
    expect(JSON.parse(header ?? '{}')).toMatchObject({ typ: 'dashboard-session+jwt' });
    expect(JSON.parse(payload ?? '{}')).toMatchObject({ kind: 'admin', aud: 'missive-mcp-gateway:dashboard' });
    expect(jwt).not.toContain(ADMIN_KEY);
    expect(payload).not.toContain(ADMIN_KEY);
    // The admin sees every tenant's accounts.
    const page = await (await browser.get('/dashboard/accounts')).text();
    expect(page).toContain('alpha customer');
    expect(page).toContain('beta customer');
    // ...and can narrow the list to one tenant.
    const narrowed = await (await browser.get(`/dashboard/accounts?tenant=${a.tenant.id}`)).text();
    expect(narrowed).toContain('alpha customer');
    expect(narrowed).not.toContain('beta customer');
  });

  it('drops Secure and the __Host- prefix only for plain http on loopback (npm run dev)', async () => {
    const local = new TestBrowser('http://127.0.0.1:8787');
    expect((await local.signIn(ADMIN_KEY)).status).toBe(303);
    const cookie = local.lastSetCookies.find((c) => c.name === 'mcpgw_session');
    expect(cookie?.attributes.has('secure')).toBe(false);
    expect(cookie?.attributes.has('httponly')).toBe(true);
    expect(cookie?.attributes.get('samesite')).toBe('Strict');
    const plainHttp = new TestBrowser('http://gateway.test');
    await plainHttp.get('/dashboard/sign-in');
    expect(plainHttp.lastSetCookies.find((c) => c.name === '__Host-mcpgw_signin')?.attributes.has('secure')).toBe(true);
  });

  it('signs in with an API token; the cookie names the token id, never the token', async () => {
    const browser = new TestBrowser();
    expect((await browser.signIn(a.token.token)).status).toBe(303);
    const jwt = browser.sessionCookie() ?? '';
    const payload = JSON.parse(atob((jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({ kind: 'tenant', tid: a.tenant.id, tok: a.token.id });
    expect(jwt).not.toContain(a.token.token.split('.')[2] ?? 'never');
  });

  it('keeps session JWTs and API tokens apart: neither works in the other place', async () => {
    const browser = new TestBrowser();
    await browser.signIn(a.token.token);
    const sessionJwt = browser.sessionCookie() ?? '';
    const asApi = await apiFetch(`/integrated-account/${a.account.id}`, { auth: { apiToken: sessionJwt } });
    expect(asApi.status).toBe(401);
    const forged = new TestBrowser();
    forged.jar.set('__Host-mcpgw_session', a.token.token);
    const res = await forged.get('/dashboard/accounts');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/dashboard/sign-in');
  });

  it('escapes names that contain HTML', async () => {
    const tenant = await createTenant('dash-xss');
    const token = await createApiToken(tenant.id);
    await linkAccount({ apiToken: token.token, name: '<img src=x onerror=alert(1)>' });
    const browser = new TestBrowser();
    await browser.signIn(token.token);
    const html = await (await browser.get('/dashboard/accounts')).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('sends an anonymous visitor (or a form post after the session ended) to the sign-in page', async () => {
    const ended = new TestBrowser();
    ended.jar.set('__Host-mcpgw_session', 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln');
    const post = await ended.postForm('/dashboard/accounts', { name: 'x', api_token: 'y' });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/dashboard/sign-in?done=expired');
    const json = await new TestBrowser().get('/dashboard/tool-count?methods=read', { Accept: 'application/json' });
    expect(json.status).toBe(401);
    const res = await new TestBrowser().get('/dashboard/accounts');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard/sign-in');
  });

  it('ends the session on the next request once its API token is revoked', async () => {
    const tenant = await createTenant('dash-revoked');
    const token = await createApiToken(tenant.id);
    const browser = new TestBrowser();
    expect((await browser.signIn(token.token)).status).toBe(303);
    expect((await browser.get('/dashboard/accounts')).status).toBe(200);
    const revoke = await apiFetch(`/tenants/${tenant.id}/api-tokens/${token.id}`, { method: 'DELETE' });
    expect(revoke.status).toBe(200);
    const after = await browser.get('/dashboard/accounts');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toContain('/dashboard/sign-in');
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it('signs out: the cookie is cleared and the old JWT no longer reaches pages through this browser', async () => {
    const browser = new TestBrowser();
    await browser.signIn(ADMIN_KEY);
    const csrf = await browser.csrf();
    const res = await browser.postForm('/dashboard/sign-out', { _csrf: csrf });
    expect(res.status).toBe(303);
    const cleared = browser.lastSetCookies.find((c) => c.name === '__Host-mcpgw_session');
    expect(cleared?.attributes.get('max-age')).toBe('0');
    expect(browser.sessionCookie()).toBeUndefined();
    expect((await browser.get('/dashboard/accounts')).status).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses state-changing posts without the token, with a wrong one, or from another origin (403)', async () => {
    const browser = new TestBrowser();
    await browser.signIn(a.token.token);
    const csrf = await browser.csrf();
    const revokePath = `/dashboard/accounts/${a.account.id}/servers/${a.server.id}/revoke`;
    expect((await browser.postForm(revokePath, {})).status, 'no token').toBe(403);
    expect(
      (await browser.postForm(revokePath, { _csrf: (csrf.startsWith('A') ? 'B' : 'A') + csrf.slice(1) })).status,
      'wrong token',
    ).toBe(403);
    expect((await browser.postForm(revokePath, { _csrf: csrf }, { Origin: 'https://evil.test' })).status).toBe(403);
    expect((await browser.postForm(revokePath, { _csrf: csrf }, { Origin: 'null' })).status).toBe(403);
    expect((await browser.postForm(revokePath, { _csrf: csrf }, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const json = await browser.request(revokePath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN_OF(browser) },
      body: JSON.stringify({ _csrf: csrf }),
    });
    expect(json.status).toBe(403);
    // Still live after all of that.
    expect(await lookupLiveServer(env, a.server.token)).not.toBeNull();
    // A CSRF token of another session does not work either.
    const other = new TestBrowser();
    await other.signIn(a.token.token);
    expect((await other.postForm(revokePath, { _csrf: csrf })).status, 'other session token').toBe(403);
    expect(await lookupLiveServer(env, a.server.token)).not.toBeNull();
  });
});

const ORIGIN_OF = (b: TestBrowser) => b.origin;

describe('tenant isolation', () => {
  it("lists only the tenant's own accounts and answers 404 for another tenant's ids", async () => {
    const browser = new TestBrowser();
    await browser.signIn(a.token.token);
    const list = await (await browser.get('/dashboard/accounts')).text();
    expect(list).toContain('alpha customer');
    expect(list).not.toContain('beta customer');
    // A tenant cannot widen its view with the admin's filter.
    const widened = await (await browser.get(`/dashboard/accounts?tenant=${b.tenant.id}`)).text();
    expect(widened).not.toContain('beta customer');
    expect(list).not.toContain(b.account.id);
    const other = [
      `/dashboard/accounts/${b.account.id}`,
      `/dashboard/accounts/${b.account.id}/servers/new`,
      `/dashboard/accounts/${b.account.id}/servers/${b.server.id}`,
      `/dashboard/accounts/${b.account.id}/servers/${b.server.id}/revoke`,
      `/dashboard/accounts/${a.account.id}/servers/${b.server.id}`,
    ];
    for (const path of other) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('beta server');
    }
    const csrf = await browser.csrf();
    const revoke = await browser.postForm(`/dashboard/accounts/${b.account.id}/servers/${b.server.id}/revoke`, {
      _csrf: csrf,
    });
    expect(revoke.status).toBe(404);
    const mint = await browser.postForm(`/dashboard/accounts/${b.account.id}/servers`, {
      _csrf: csrf,
      name: 'sneaky',
      methods: 'read',
      intent: 'mint',
      expiry: 'never',
    });
    expect(mint.status).toBe(404);
    expect(await lookupLiveServer(env, b.server.token)).not.toBeNull();
  });
});

describe('minting, rotating and revoking from the pages', () => {
  it('shows the tool count before minting, without JavaScript (preview) and as JSON', async () => {
    const browser = new TestBrowser();
    await browser.signIn(a.token.token);
    const expected = selectTools({ methods: ['read'], tags: ['conversations'] }).length;
    expect(expected).toBeGreaterThan(0);
    const csrf = await browser.csrf();
    const preview = await browser.postForm(`/dashboard/accounts/${a.account.id}/servers`, {
      _csrf: csrf,
      name: 'preview only',
      methods: 'read',
      tags: 'conversations',
      intent: 'preview',
      expiry: 'never',
    });
    expect(preview.status).toBe(200);
    expect(textById(await preview.text(), 'tool-count')).toBe(String(expected));
    const json = await browser.get('/dashboard/tool-count?methods=read&tags=conversations', {
      Accept: 'application/json',
    });
    expect(await json.json()).toEqual({
      count: expected,
      tools: selectTools({ methods: ['read'], tags: ['conversations'] }).map((t) => t.name),
      note: '',
    });
    const unknown = await browser.get('/dashboard/tool-count?methods=read&tool_names=no_such_tool', {
      Accept: 'application/json',
    });
    expect(((await unknown.json()) as { note: string }).note).toContain('Unknown tool name: no_such_tool');
    // The preview minted nothing.
    const servers = await (await browser.get(`/dashboard/accounts/${a.account.id}`)).text();
    expect(servers).not.toContain('preview only');
  });

  it('mints a server, shows its URL once with snippets, then revokes it behind a confirmation', async () => {
    const browser = new TestBrowser();
    await browser.signIn(a.token.token);
    const csrf = await browser.csrf();
    const form = await browser.get(`/dashboard/accounts/${a.account.id}/servers/new`);
    expect(form.status).toBe(200);
    const minted = await browser.postForm(`/dashboard/accounts/${a.account.id}/servers`, {
      _csrf: csrf,
      _form_id: formIdFrom(await form.text()),
      name: 'Support copilot',
      methods: ['read', 'create'],
      tags: ['conversations', 'drafts'],
      require_api_token_auth: 'on',
      expiry: '7d',
      intent: 'mint',
    });
    expect(minted.status).toBe(201);
    expect(minted.headers.get('cache-control')).toBe('no-store');
    const html = await minted.text();
    const url = textById(html, 'mcp-url');
    expect(url).toMatch(/^https:\/\/gateway\.test\/mcp\/\S+$/);
    const token = tokenFromUrl(url ?? '');
    const live = await lookupLiveServer(env, token);
    expect(live).not.toBeNull();
    expect(textById(html, 'snippet-chatgpt')).toBe(url);
    expect(textById(html, 'snippet-claude')).toBe(url);
    const mcpJson = JSON.parse(textById(html, 'snippet-mcp-json') ?? '{}') as {
      mcpServers: { missive: { args: string[] } };
    };
    expect(mcpJson.mcpServers.missive.args).toEqual([
      '-y',
      'mcp-remote@0.15.1',
      url,
      '--transport',
      'http-only',
      '--header',
      'Authorization:${MISSIVE_GATEWAY_AUTH}',
    ]);
    expect(textById(html, 'snippet-curl')).toContain('Authorization: Bearer $API_TOKEN');

    const serverId = live?.id ?? '';
    const page = await browser.get(`/dashboard/accounts/${a.account.id}/servers/${serverId}`);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('Support copilot');
    expect(pageHtml).not.toContain(token); // shown once: never again
    expect(pageHtml).toContain('badge live');

    const confirm = await browser.get(`/dashboard/accounts/${a.account.id}/servers/${serverId}/revoke`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Revoke Support copilot');
    const revoked = await browser.postForm(`/dashboard/accounts/${a.account.id}/servers/${serverId}/revoke`, {
      _csrf: csrf,
    });
    expect(revoked.status).toBe(303);
    const after = await browser.get(revoked.headers.get('location') ?? '');
    const afterHtml = await after.text();
    expect(afterHtml).toContain('badge revoked');
    expect(afterHtml).toContain('Server revoked');
    expect(await lookupLiveServer(env, token)).toBeNull();
  });

  it('rotates: the new URL is shown once and the old one stops at once', async () => {
    const browser = new TestBrowser();
    await browser.signIn(ADMIN_KEY);
    const csrf = await browser.csrf();
    const server = await mintServer({ admin: true }, b.account.id, {
      name: 'to rotate',
      config: { methods: ['read'] },
    });
    const confirm = await browser.get(`/dashboard/accounts/${b.account.id}/servers/${server.id}/rotate`);
    const rotated = await browser.postForm(`/dashboard/accounts/${b.account.id}/servers/${server.id}/rotate`, {
      _csrf: csrf,
      _form_id: formIdFrom(await confirm.text()),
    });
    expect(rotated.status).toBe(200);
    const url = textById(await rotated.text(), 'mcp-url') ?? '';
    expect(url).not.toBe(server.url);
    expect(await lookupLiveServer(env, tokenFromUrl(url))).not.toBeNull();
    expect(await lookupLiveServer(env, server.token)).toBeNull();
  });

  it('links an account with a write-only token field, and shows Missive refusing a bad token', async () => {
    const browser = new TestBrowser();
    await browser.signIn(a.token.token);
    const csrf = await browser.csrf();
    const bad = await browser.postForm('/dashboard/accounts', {
      _csrf: csrf,
      name: 'Wrong token Inc',
      api_token: 'missive_pat-not-a-real-token-000000',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).not.toContain('missive_pat-not-a-real-token-000000');
    expect(badHtml).toContain('value="Wrong token Inc"');
    const repeated = await browser.postForm('/dashboard/accounts', {
      _csrf: csrf,
      name: ['one', 'two'],
      api_token: 'missive_pat-whatever-000000',
    });
    expect(repeated.status).toBe(400);
    const good = await browser.postForm('/dashboard/accounts', {
      _csrf: csrf,
      name: 'Linked from the page',
      api_token: 'missive_pat-sandbox-globex-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6',
    });
    expect(good.status).toBe(303);
    const page = await (await browser.get(good.headers.get('location') ?? '')).text();
    expect(page).toContain('Linked from the page');
    expect(page).toContain('Account linked');
    expect(page).not.toContain('missive_pat-sandbox-globex');
    expect(csrfFrom(page)).toBe(csrf);
  });

  it('links an account with the defaults filled in; empty default fields are left out', async () => {
    const browser = new TestBrowser();
    await browser.signIn(a.token.token);
    const linked = await browser.postForm('/dashboard/accounts', {
      _csrf: await browser.csrf(),
      name: 'With defaults',
      api_token: 'missive_pat-sandbox-globex-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6',
      organization: ' org-123 ',
      team: 'team-456',
      contact_book: '',
      from_address: 'agent@globex.test',
      from_name: '',
      account: '',
    });
    expect(linked.status).toBe(303);
    const accountId = (linked.headers.get('location') ?? '').split('/').pop()?.split('?')[0] ?? '';
    const account = await apiJson<{ defaults: Record<string, string> }>(`/integrated-account/${accountId}`, {
      auth: { apiToken: a.token.token },
    });
    expect(account.defaults).toEqual({ organization: 'org-123', team: 'team-456', from_address: 'agent@globex.test' });
  });
});
