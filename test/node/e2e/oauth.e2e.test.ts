/**
 * MCP authorization in a real browser: the MCP SDK client (with its OAuth client provider) meets an
 * `oauth` server on `wrangler dev`, Debian chromium signs in to the dashboard as the server's tenant,
 * opens the authorization URL the client hands over, and presses Allow on the consent page; the
 * client then lists and calls tools. The client's loopback redirect is caught by the browser.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../../sandbox/src/seed/fixtures.ts';
import { ROOT, startLocalStack } from '../../../scripts/local-stack.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const REDIRECT = 'http://127.0.0.1:43119/callback';

let stack: Awaited<ReturnType<typeof startLocalStack>>;
let origin: string;
let context: BrowserContext;
let stateDir = '';
let userDataDir = '';

class BrowserStepProvider implements OAuthClientProvider {
  client: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | null = null;
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return {
      client_name: 'E2E desktop client',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
}

async function api<T>(method: string, route: string, bearer: string, body?: unknown): Promise<T> {
  const res = await fetch(`${origin}${route}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stateDir = mkdtempSync(path.join(tmpdir(), 'mcpgw-e2e-oauth-state-'));
  stack = await startLocalStack({ gatewayPort: 8747, sandboxPort: 8748, persistTo: stateDir });
  origin = stack.gateway.origin;
  userDataDir = mkdtempSync(path.join(tmpdir(), 'mcpgw-e2e-oauth-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
  });
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await stack?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('OAuth consent in a real browser', () => {
  it('an MCP client connects to an oauth server after a dashboard user allows it', async () => {
    const adminKey = stack.vars.ADMIN_API_KEY ?? '';
    const tenant = await api<{ id: string }>('POST', '/tenants', adminKey, { name: `e2e oauth ${Date.now()}` });
    const token = await api<{ token: string }>('POST', `/tenants/${tenant.id}/api-tokens`, adminKey, { name: 'e2e' });
    const account = await api<{ id: string }>('POST', '/integrated-account', token.token, {
      name: 'E2E OAuth account',
      integration: 'missive',
      credentials: { api_token: SANDBOX_TOKENS.acme },
    });
    const server = await api<{ id: string; url: string }>(
      'POST',
      `/integrated-account/${account.id}/mcp`,
      token.token,
      {
        name: 'E2E OAuth server',
        config: { methods: ['read'], auth: 'oauth' },
      },
    );

    const provider = new BrowserStepProvider();
    const connect = async () => {
      const client = new Client({ name: 'e2e-oauth', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider });
      await client.connect(transport);
      return { client, transport };
    };
    await expect(connect()).rejects.toBeInstanceOf(UnauthorizedError);
    const authUrl = provider.authorizationUrl!;
    expect(authUrl.searchParams.get('scope')).toBe(`mcp:server:${server.id}`);

    const page = await context.newPage();
    await page.goto(`${origin}/dashboard/sign-in`);
    await page.getByLabel('API token or admin key').fill(token.token);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

    let callback: URL | null = null;
    await page.route(`${new URL(REDIRECT).origin}/**`, async (route) => {
      callback = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'You can close this tab.' });
    });
    await page.goto(authUrl.toString());
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('E2E desktop client');
    for (const fact of ['E2E OAuth server', 'E2E OAuth account', 'list_all_missive_teams', '127.0.0.1']) {
      await expect.poll(() => page.locator('main').textContent()).toContain(fact);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oauth-consent.png'), fullPage: true });
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => callback?.searchParams.get('code') ?? null, { timeout: 15_000 }).not.toBeNull();
    expect(callback!.searchParams.get('iss')).toBe(origin);

    await new StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider }).finishAuth(
      callback!.searchParams.get('code')!,
    );
    const { client } = await connect();
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('list_all_missive_teams');
    const result = await client.callTool({ name: 'list_all_missive_teams', arguments: {} });
    expect(result.isError).toBeFalsy();
    await client.close();
    await page.close();
  });
});
