/**
 * The dashboard end to end, the way a support engineer uses it: real `wrangler dev` processes
 * (gateway + Missive sandbox, started by scripts/local-stack.ts), Debian chromium driven by
 * playwright-core, and the MCP SDK client calling the URL the page shows.
 *
 * Screenshots of the main pages land in test-artifacts/screenshots/ (git-ignored; CI keeps them).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../../sandbox/src/seed/fixtures.ts';
import { ROOT, startLocalStack } from '../../../scripts/local-stack.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags verified in TOOLCHAIN.md "Browser tests"; playwright adds --headless itself. */
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

type Stack = Awaited<ReturnType<typeof startLocalStack>>;
let stateDir = '';

let stack: Stack;
let origin: string;
let adminKey: string;
let context: BrowserContext;
let userDataDir: string;
const suffix = Date.now().toString(36);
/** Accounts this run links; deleted afterwards so `npm run dev`'s dashboard is not cluttered (tenants have no delete route). */

/** Calls the admin API over HTTP with a bearer credential. */
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

async function newTenantWithToken(name: string) {
  const tenant = await api<{ id: string; name: string }>('POST', '/tenants', adminKey, { name });
  const token = await api<{ id: string; token: string }>('POST', `/tenants/${tenant.id}/api-tokens`, adminKey, {
    name: 'e2e',
  });
  return { tenant, token };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, credential: string) {
  // Each test starts signed out, even if an earlier one failed half-way.
  await context.clearCookies();
  await page.goto(`${origin}/dashboard/sign-in`);
  // Keyboard only: type into the labelled field and press Enter.
  const field = page.getByLabel('API token or admin key');
  await field.focus();
  await page.keyboard.insertText(credential);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/dashboard\/sign-in/);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Own ports and a throwaway state folder: never the developer's `npm run dev` stack or demo data.
  stateDir = mkdtempSync(path.join(tmpdir(), 'mcpgw-e2e-state-'));
  stack = await startLocalStack({ gatewayPort: 8747, sandboxPort: 8748, persistTo: stateDir });
  origin = stack.gateway.origin;
  adminKey = stack.vars.ADMIN_API_KEY ?? '';
  expect(adminKey.length).toBeGreaterThan(0);
  userDataDir = mkdtempSync(path.join(tmpdir(), 'mcpgw-e2e-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
});

// On failure, keep what every open page showed, to tell a dashboard bug from a slow machine.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !context) return;
  const slug = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  await Promise.all(
    context
      .pages()
      .map((p, i) =>
        p
          .screenshot({ path: path.join(SCREENSHOTS, `FAILED-${slug}-${i}.png`), fullPage: true })
          .catch(() => undefined),
      ),
  );
  await Promise.all(context.pages().map((p) => p.close().catch(() => undefined)));
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await stack?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('dashboard in a real browser', () => {
  it('refuses a wrong token at sign-in', async () => {
    const page = await context.newPage();
    await signIn(page, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub3BlIn0.c2lnbmF0dXJl');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    expect(page.url()).toContain('/dashboard/sign-in');
    const cookies = await context.cookies(origin);
    expect(cookies.find((c) => c.name.includes('mcpgw_session'))).toBeUndefined();
    await shot(page, '01-sign-in-refused');
    await page.close();
  });

  it('signs in as admin, links a sandbox account, mints a server, uses its URL, revokes it', async () => {
    const alpha = await newTenantWithToken(`e2e alpha ${suffix}`);
    const page = await context.newPage();
    await signIn(page, adminKey);
    await page.waitForURL(/\/dashboard\/accounts$/);
    const cookie = (await context.cookies(origin)).find((c) => c.name === 'mcpgw_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');

    // Link a Missive account (sandbox token) for tenant alpha.
    await page.getByLabel('Tenant').selectOption(alpha.tenant.id);
    const accountName = `Acme Support ${suffix}`;
    await page.getByLabel('Name', { exact: true }).fill(accountName);
    await page.getByLabel('Missive API token').fill(SANDBOX_TOKENS.acme);
    await shot(page, '02-accounts-link-form');
    await page.getByRole('button', { name: 'Link account' }).click();
    await page.waitForURL(/\/dashboard\/accounts\/acct_[^/?]+\?done=linked$/);
    expect(await page.content()).not.toContain(SANDBOX_TOKENS.acme);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(accountName);
    const accountUrl = page.url().replace(/\?.*$/, '');

    // The mint form: the tool count follows the choice before anything is submitted.
    await page.getByRole('link', { name: 'Mint an MCP server' }).click();
    await page.waitForURL(/\/servers\/new$/);
    const count = page.locator('#tool-count');
    const readOnly = Number(await count.textContent());
    expect(readOnly).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: 'conversations', exact: true }).check();
    await expect.poll(async () => Number(await count.textContent())).toBeLessThan(readOnly);
    const conversationsRead = Number(await count.textContent());
    await page.getByRole('checkbox', { name: 'write', exact: true }).check();
    await expect.poll(async () => Number(await count.textContent())).toBeGreaterThan(conversationsRead);
    const shown = Number(await count.textContent());
    await page.getByText('Which tools?').click();
    await expect.poll(() => page.locator('#tool-list li').count()).toBe(shown);
    await page.getByLabel('Name', { exact: true }).fill('Support copilot');
    await page.getByLabel('Expires', { exact: true }).selectOption('30d');
    await shot(page, '03-mint-form');
    await page.getByRole('button', { name: 'Mint server' }).click();
    await page.waitForLoadState('domcontentloaded');

    // The URL, shown once, with a working copy button and the snippets.
    const url = ((await page.locator('#mcp-url').textContent()) ?? '').trim();
    expect(url).toMatch(new RegExp(`^${origin}/mcp/\\S+$`));
    await page.getByRole('button', { name: 'Copy MCP URL' }).click();
    await expect.poll(() => page.locator('#mcp-url-status').textContent()).toBe('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await page.locator('#snippet-mcp-json').textContent()).toContain('mcp-remote@0.15.1');
    await shot(page, '04-minted-url-once');

    // The curl snippet, pasted into a shell as is, lists the same tools.
    const curlSnippet = (await page.locator('#snippet-curl').textContent()) ?? '';
    const { stdout } = await promisify(execFile)('sh', ['-c', curlSnippet]);
    const listed = JSON.parse(stdout) as { result: { tools: unknown[] } };
    expect(listed.result.tools.length).toBe(shown);

    // A real MCP client lists exactly the tools the page promised.
    const client = new Client({ name: 'dashboard-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const tools = await client.listTools();
    expect(tools.tools.length).toBe(shown);
    const call = await client.callTool({
      name: 'list_all_missive_conversations',
      arguments: { inbox: true, limit: 2 },
    });
    expect(call.isError ?? false).toBe(false);
    await client.close();

    // The server's page never shows the URL again; revoke behind a confirmation naming it.
    await page.getByRole('link', { name: "Done: go to the server's page" }).click();
    await page.waitForURL(/\/servers\/[^/]+$/);
    expect(await page.content()).not.toContain(url);
    // The audit log shows the call (it is written after the answer, so allow a reload or two).
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('table[aria-labelledby="audit"] tbody').textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('list_all_missive_conversations');
    await shot(page, '05-server-page');
    await page.getByRole('link', { name: 'Revoke…' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Revoke Support copilot?');
    await shot(page, '06-revoke-confirmation');
    await page.getByRole('button', { name: 'Revoke Support copilot' }).click();
    await page.waitForURL(/\?done=revoked$/);
    expect(await page.locator('h1 .badge').textContent()).toBe('revoked');
    await shot(page, '07-server-revoked');

    // The same URL now answers 404.
    const after = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);

    await page.goto(accountUrl);
    await shot(page, '08-account-servers');
    await page.goto(`${origin}/dashboard/accounts`);
    await shot(page, '09-accounts');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '10-accounts-phone');
    await page.goto(`${accountUrl}/servers/new`);
    await shot(page, '11-mint-form-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(accountUrl);
    await shot(page, '13-account-servers-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await signOut(page);
    await page.close();
  });

  it("shows a tenant only its own accounts; another tenant's account is a 404", async () => {
    const beta = await newTenantWithToken(`e2e beta ${suffix}`);
    const gamma = await newTenantWithToken(`e2e gamma ${suffix}`);
    const gammaAccount = await api<{ id: string }>('POST', '/integrated-account', gamma.token.token, {
      name: `Gamma private ${suffix}`,
      integration: 'missive',
      credentials: { api_token: SANDBOX_TOKENS.globex },
    });
    const page = await context.newPage();
    await signIn(page, beta.token.token);
    await page.waitForURL(/\/dashboard\/accounts$/);
    expect(await page.content()).not.toContain(`Gamma private ${suffix}`);
    const res = await page.goto(`${origin}/dashboard/accounts/${gammaAccount.id}`);
    expect(res?.status()).toBe(404);
    expect(await page.content()).not.toContain(`Gamma private ${suffix}`);
    await shot(page, '12-other-tenant-404');
    await signOut(page);
    await page.close();
  });

  it('mints and rotates once on a double click, and a reload of the URL page acts no more', async () => {
    const epsilon = await newTenantWithToken(`e2e epsilon ${suffix}`);
    const account = await api<{ id: string }>('POST', '/integrated-account', epsilon.token.token, {
      name: `Epsilon ${suffix}`,
      integration: 'missive',
      credentials: { api_token: SANDBOX_TOKENS.acme },
    });
    const serverCount = async () =>
      (await api<{ result: unknown[] }>('GET', `/integrated-account/${account.id}/mcp?limit=100`, epsilon.token.token))
        .result.length;
    const answers = async (url: string) =>
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        })
      ).status;
    const page = await context.newPage();
    await signIn(page, epsilon.token.token);
    await page.waitForURL(/\/dashboard\/accounts$/);
    await page.goto(`${origin}/dashboard/accounts/${account.id}/servers/new`);
    await page.getByLabel('Name', { exact: true }).fill('Double clicked');
    // The page script sends the form once however often it is clicked.
    await page.getByRole('button', { name: 'Mint server' }).dblclick();
    await page.waitForLoadState('domcontentloaded');
    const url = ((await page.locator('#mcp-url').textContent()) ?? '').trim();
    expect(url).toMatch(new RegExp(`^${origin}/mcp/\\S+$`));
    expect(await serverCount()).toBe(1);
    // Reloading the page that shows the URL posts the form again: nothing is minted.
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('This form was already submitted');
    expect(await page.content()).not.toContain(url);
    await shot(page, '14-already-submitted');
    expect(await serverCount()).toBe(1);
    expect(await answers(url)).toBe(200);

    await page.getByRole('link', { name: "Go to the server's page" }).click();
    await page.waitForURL(/\/servers\/[^/]+$/);
    await page.getByRole('link', { name: 'Rotate URL…' }).click();
    await page.getByRole('button', { name: 'Rotate the URL of Double clicked' }).dblclick();
    await page.waitForLoadState('domcontentloaded');
    const rotated = ((await page.locator('#mcp-url').textContent()) ?? '').trim();
    expect(rotated).not.toBe(url);
    // One rotation only: the URL on the page is the live one.
    expect(await answers(rotated)).toBe(200);
    expect(await answers(url)).toBe(404);
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('This form was already submitted');
    expect(await answers(rotated)).toBe(200);
    expect(await serverCount()).toBe(1);
    await signOut(page);
    await page.close();
  });

  it('refuses a form posted without its CSRF token (403) and changes nothing', async () => {
    const delta = await newTenantWithToken(`e2e delta ${suffix}`);
    const account = await api<{ id: string }>('POST', '/integrated-account', delta.token.token, {
      name: `Delta ${suffix}`,
      integration: 'missive',
      credentials: { api_token: SANDBOX_TOKENS.acme },
    });
    const server = await api<{ id: string; url: string }>(
      'POST',
      `/integrated-account/${account.id}/mcp`,
      delta.token.token,
      { name: 'keep me', config: { methods: ['read'] } },
    );
    const page = await context.newPage();
    await signIn(page, delta.token.token);
    await page.waitForURL(/\/dashboard\/accounts$/);
    const revokePath = `/dashboard/accounts/${account.id}/servers/${server.id}/revoke`;
    // A same-origin form post from the signed-in browser, but without the _csrf field.
    const status = await page.evaluate(async (p) => {
      const res = await fetch(p, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'confirm=yes',
        redirect: 'manual',
      });
      return res.status;
    }, revokePath);
    expect(status).toBe(403);
    const stored = await api<{ status: string }>(
      'GET',
      `/integrated-account/${account.id}/mcp/${server.id}`,
      delta.token.token,
    );
    expect(stored.status).toBe('active');
    const stillLive = await fetch(server.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(stillLive.status).toBe(200);
    await signOut(page);
    await page.close();
  });
});
