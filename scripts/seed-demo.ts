/**
 * Seeds the local gateway with a demo tenant, API token, integrated account (on the Missive
 * sandbox) and MCP server, through the public admin API, so it exercises exactly what a tenant
 * would call. Idempotent: a second run finds the same tenant, account and server and reuses
 * the saved token and URL while they still work; a server whose URL was lost is rotated (same
 * id), never duplicated.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SANDBOX_CONTACT_BOOKS, SANDBOX_ORGS, SANDBOX_TEAMS, SANDBOX_TOKENS } from '../sandbox/src/seed/fixtures.ts';
import { ROOT } from './local-stack.ts';

export const DEMO_FILE = path.join(ROOT, '.wrangler/demo.json');
const TENANT_NAME = 'Demo Tenant';
const TOKEN_NAME = 'Demo API token';
const ACCOUNT_NAME = 'Acme Support (sandbox)';
const SERVER_NAME = 'Demo MCP server';
const OAUTH_SERVER_NAME = 'Demo OAuth MCP server';

export interface DemoState {
  tenant_id: string;
  account_id: string;
  server_id: string;
  api_token: string;
  api_token_id: string;
  mcp_url: string;
  /** A server with config.auth = "oauth": MCP clients connect through the consent page. */
  oauth_server_id: string;
  oauth_mcp_url: string;
  admin_key: string;
  gateway: string;
}

interface Page<T> {
  result: T[];
  next_cursor: string | null;
}

function client(origin: string, bearer: string) {
  return async function call<T>(
    method: string,
    pathAndQuery: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(origin + pathAndQuery, {
      method,
      headers: {
        Authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

async function expectOk<T>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const { status, body } = await p;
  if (status >= 300) throw new Error(`Seeding failed at "${what}": HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Walks every page of a list route. */
async function listAll<T>(call: ReturnType<typeof client>, route: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = route.includes('?') ? '&' : '?';
    const page: Page<T> = await expectOk(
      call<Page<T>>('GET', `${route}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`),
      `list ${route}`,
    );
    out.push(...page.result);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

function readSaved(file: string): Partial<DemoState> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoState>;
  } catch {
    return {};
  }
}

/**
 * Creates (or finds) the demo records and returns what to print. `stateFile` keeps what was
 * shown once (API token, MCP URL); a test or benchmark stack passes its own.
 */
export async function seedDemo(
  origin: string,
  vars: Record<string, string>,
  stateFile: string = DEMO_FILE,
): Promise<DemoState> {
  const adminKey = vars.ADMIN_API_KEY;
  if (!adminKey) throw new Error('.dev.vars has no ADMIN_API_KEY');
  const admin = client(origin, adminKey);
  const saved = readSaved(stateFile);

  const tenants = await listAll<{ id: string; name: string }>(admin, '/tenants');
  const tenant =
    tenants.find((t) => t.name === TENANT_NAME) ??
    (await expectOk(admin<{ id: string; name: string }>('POST', '/tenants', { name: TENANT_NAME }), 'create tenant'));

  // API tokens are shown once: reuse the saved one while it still authenticates, else issue a new one.
  let apiToken = saved.tenant_id === tenant.id ? saved.api_token : undefined;
  let apiTokenId = saved.api_token_id;
  if (apiToken && (await client(origin, apiToken)('GET', `/tenants/${tenant.id}`)).status !== 200) apiToken = undefined;
  if (!apiToken) {
    const created = await expectOk(
      admin<{ id: string; token: string }>('POST', `/tenants/${tenant.id}/api-tokens`, { name: TOKEN_NAME }),
      'issue API token',
    );
    apiToken = created.token;
    apiTokenId = created.id;
  }

  const accounts = await listAll<{ id: string; name: string }>(
    admin,
    `/integrated-account?tenant_id=${encodeURIComponent(tenant.id)}`,
  );
  const account =
    accounts.find((a) => a.name === ACCOUNT_NAME) ??
    (await expectOk(
      admin<{ id: string; name: string }>('POST', '/integrated-account', {
        tenant_id: tenant.id,
        name: ACCOUNT_NAME,
        integration: 'missive',
        credentials: { api_token: SANDBOX_TOKENS.acme },
        defaults: {
          organization: SANDBOX_ORGS.acme.id,
          team: SANDBOX_TEAMS.acmeBackend.id,
          contact_book: SANDBOX_CONTACT_BOOKS.acmeCustomers.id,
          from_address: 'alice@acme-support.test',
          from_name: 'Alice Martin',
        },
      }),
      'link the sandbox Missive account',
    ));

  const demo = await ensureServer(
    admin,
    account.id,
    SERVER_NAME,
    { methods: ['read', 'write', 'download'] },
    {
      id: saved.server_id,
      url: saved.mcp_url,
    },
  );
  const oauthDemo = await ensureServer(
    admin,
    account.id,
    OAUTH_SERVER_NAME,
    { methods: ['read'], auth: 'oauth' },
    {
      id: saved.oauth_server_id,
      url: saved.oauth_mcp_url,
    },
  );

  const state: DemoState = {
    tenant_id: tenant.id,
    account_id: account.id,
    server_id: demo.id,
    api_token: apiToken,
    api_token_id: apiTokenId ?? '',
    mcp_url: demo.url,
    oauth_server_id: oauthDemo.id,
    oauth_mcp_url: oauthDemo.url,
    admin_key: adminKey,
    gateway: origin,
  };
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  return state;
}

/**
 * The named live server of the account: the saved URL while it still works, else a rotation of the
 * server (the URL was lost: a new token, same id), else a new server.
 */
async function ensureServer(
  admin: ReturnType<typeof client>,
  accountId: string,
  name: string,
  config: Record<string, unknown>,
  saved: { id?: string; url?: string },
): Promise<{ id: string; url: string }> {
  const servers = await listAll<{ id: string; name: string; status: string }>(
    admin,
    `/integrated-account/${accountId}/mcp`,
  );
  const live = servers.find((s) => s.name === name && s.status === 'active');
  if (live && saved.id === live.id && saved.url && (await urlStillWorks(saved.url))) {
    return { id: live.id, url: saved.url };
  }
  if (live) {
    return expectOk(
      admin<{ id: string; url: string }>('POST', `/integrated-account/${accountId}/mcp/${live.id}/rotate`),
      `rotate "${name}"`,
    );
  }
  return expectOk(
    admin<{ id: string; url: string }>('POST', `/integrated-account/${accountId}/mcp`, { name, config }),
    `mint "${name}"`,
  );
}

/** True when the MCP URL is live: a ping answers, or asks for OAuth (401) on an oauth server. */
async function urlStillWorks(url: string): Promise<boolean> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
  return res.status === 200 || res.status === 401;
}
