/**
 * "Data that must never leak" (DESIGN.md): after a full lifecycle, no raw MCP token, API token or
 * Missive key appears in any D1 row, any KV key or value, the Durable Object's storage, any
 * admin API answer after creation, or any log line.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../../../src/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  DEFAULT_MISSIVE_TOKEN,
  apiFetch,
  createApiToken,
  createTenant,
  linkAccount,
  mintServer,
  rotateServer,
  type AdminAuth,
} from '../../helpers/admin-client';
import { spyOnLogLines, type LogLines } from '../../helpers/log-lines';

const secrets: string[] = [];
const answersAfterCreation: string[] = [];
let logLines: LogLines;
let accountId = '';

async function collect(path: string, auth: AdminAuth = ADMIN): Promise<void> {
  const res = await apiFetch(path, { auth });
  expect(res.status).toBe(200);
  answersAfterCreation.push(await res.text());
}

/** Every value that must not appear anywhere, plus distinctive slices of it (a truncated copy is a leak too). */
function needles(): string[] {
  return secrets.flatMap((s) => [s, s.slice(0, 24), s.slice(-24)]);
}

beforeAll(async () => {
  logLines = spyOnLogLines();
  const tenant = await createTenant();
  const apiToken = await createApiToken(tenant.id);
  const auth: AdminAuth = { apiToken: apiToken.token };
  const account = await linkAccount({ apiToken: apiToken.token, missiveToken: DEFAULT_MISSIVE_TOKEN });
  accountId = account.id;
  const server = await mintServer(auth, account.id, { expires_at: new Date(Date.now() + 3_600_000).toISOString() });
  const rotated = await rotateServer(auth, account.id, server.id);
  const second = await mintServer(ADMIN, account.id, { name: 'second' });
  secrets.push(apiToken.token, DEFAULT_MISSIVE_TOKEN, server.token, rotated.token, second.token, env.ADMIN_API_KEY);

  await collect('/tenants');
  await collect(`/tenants/${tenant.id}`);
  await collect(`/tenants/${tenant.id}/api-tokens`, auth);
  await collect('/integrated-account', auth);
  await collect(`/integrated-account/${account.id}`, auth);
  await collect(`/integrated-account/${account.id}/mcp`, auth);
  await collect(`/integrated-account/${account.id}/mcp/${server.id}`, auth);
  await collect(`/integrated-account/${account.id}/mcp/${server.id}/logs`, auth);
  const revoked = await apiFetch(`/integrated-account/${account.id}/mcp/${second.id}`, { method: 'DELETE', auth });
  answersAfterCreation.push(await revoked.text());
  const patched = await apiFetch(`/integrated-account/${account.id}`, {
    method: 'PATCH',
    auth,
    body: { credentials: { api_token: DEFAULT_MISSIVE_TOKEN } },
  });
  answersAfterCreation.push(await patched.text());
});

afterAll(() => {
  logLines.restore();
});

describe('no secret at rest or in answers', () => {
  it('no D1 row of any table holds a secret', async () => {
    const { results: tables } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
    ).all<{ name: string }>();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'tenants',
        'api_tokens',
        'integrated_accounts',
        'mcp_servers',
        'mcp_tool_calls',
        'admin_audit',
      ]),
    );
    let rows = 0;
    for (const { name } of tables) {
      const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      rows += results.length;
      const dump = JSON.stringify(results);
      for (const needle of needles()) expect(dump, `table ${name}`).not.toContain(needle);
    }
    expect(rows).toBeGreaterThan(5);
    const account = await env.DB.prepare('SELECT credentials_ciphertext FROM integrated_accounts WHERE id = ?')
      .bind(accountId)
      .first<{ credentials_ciphertext: string }>();
    expect(account?.credentials_ciphertext).toMatch(/^v1\./);
  });

  it('no KV key or value holds a secret', async () => {
    const { keys } = await env.TOKEN_INDEX.list();
    expect(keys.length).toBeGreaterThan(0);
    for (const { name } of keys) {
      expect(name).toMatch(/^mcp:v\d+:[0-9a-f]{64}$/);
      const value = (await env.TOKEN_INDEX.get(name)) ?? '';
      for (const needle of needles()) {
        expect(name).not.toContain(needle);
        expect(value).not.toContain(needle);
      }
    }
  });

  it("the account's Durable Object storage holds no secret", async () => {
    const stub = env.ACCOUNT_AUTHORITY.get(env.ACCOUNT_AUTHORITY.idFromName(accountId));
    const dump = await runInDurableObject(stub, (_instance, state) =>
      JSON.stringify([
        state.storage.sql.exec('SELECT * FROM authority_servers').toArray(),
        // The account's copy for the MCP hot path: the credential only as D1's AES-GCM envelope.
        state.storage.sql.exec('SELECT * FROM authority_account').toArray(),
        // Audit rows waiting for D1 (arguments already redacted).
        state.storage.sql.exec('SELECT * FROM audit_outbox').toArray(),
      ]),
    );
    expect(dump).toContain('token_hash');
    expect(dump).toMatch(/"credentials_ciphertext":"v\d+\./);
    for (const needle of needles()) expect(dump).not.toContain(needle);
  });

  it('no admin API answer after creation holds a secret', () => {
    expect(answersAfterCreation.length).toBeGreaterThan(8);
    for (const answer of answersAfterCreation) {
      for (const needle of needles()) expect(answer).not.toContain(needle);
    }
  });

  it('no log line holds a secret (the app run in this isolate, so its console is observable)', async () => {
    const app = createApp();
    const call = async (path: string, init: RequestInit = {}) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request(`https://gateway.test${path}`, init), env, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const headers = { Authorization: `Bearer ${env.ADMIN_API_KEY}`, 'Content-Type': 'application/json' };
    const minted = await call(`/integrated-account/${accountId}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'logged' }),
    });
    const { id, url } = await minted.json<{ id: string; url: string }>();
    const token = url.split('/').pop()!;
    const rotated = await call(`/integrated-account/${accountId}/mcp/${id}/rotate`, { method: 'POST', headers });
    const newToken = (await rotated.json<{ url: string }>()).url.split('/').pop()!;
    // A request carrying a token in the path and a bad bearer, as an attacker would send.
    await call(`/mcp/${newToken}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    await call('/integrated-account', { headers: { Authorization: `Bearer ${DEFAULT_MISSIVE_TOKEN}` } });
    const lines = logLines.lines();
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      for (const needle of [...needles(), token, newToken, token.slice(0, 24), newToken.slice(-24)]) {
        expect(line).not.toContain(needle);
      }
    }
  });
});
