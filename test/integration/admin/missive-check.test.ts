/**
 * A Missive token is checked against Missive (here: the sandbox) before it is stored:
 * rejected → 400 with Missive's reason; 5xx or no answer → 502; nothing stored in either case.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../../sandbox/src/seed/fixtures';
import { loadAccountForMcp } from '../../../src/storage/accounts';
import { DEFAULT_MISSIVE_TOKEN, apiFetch, createTenant, linkAccount } from '../../helpers/admin-client';

const SANDBOX = 'https://missive.sandbox';
let tenantId = '';

const control = (path: string, init: RequestInit = {}) =>
  env.MISSIVE_UPSTREAM.fetch(`${SANDBOX}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });

const accountCount = async () =>
  (
    await env.DB.prepare('SELECT count(*) AS n FROM integrated_accounts WHERE tenant_id = ?')
      .bind(tenantId)
      .first<{ n: number }>()
  )?.n;

beforeAll(async () => {
  await control('/__sandbox/reset', { method: 'POST' });
  tenantId = (await createTenant()).id;
});

beforeEach(async () => {
  await control('/__sandbox/faults', { method: 'DELETE' });
});

const body = (apiToken: string) => ({
  tenant_id: tenantId,
  name: 'checked',
  integration: 'missive',
  credentials: { api_token: apiToken },
});

describe('Missive token check', () => {
  it('a token Missive rejects → 400 with Missive’s reason, not stored, not echoed', async () => {
    const bogus = 'missive_pat-not-a-real-token-0000000000000000';
    const res = await apiFetch('/integrated-account', { body: body(bogus) });
    const text = await res.text();
    expect(res.status).toBe(400);
    const { error } = JSON.parse(text) as { error: { code: string; message: string } };
    expect(error.message).toMatch(/^Missive rejected the API token: .*Unauthorized/);
    expect(text).not.toContain(bogus);
    expect(await accountCount()).toBe(0);
  });

  it('Missive answering 500 → 502 upstream_unavailable, nothing stored', async () => {
    await control('/__sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/v1/users', kind: 'status_500', times: 1 }),
    });
    const res = await apiFetch('/integrated-account', { body: body(DEFAULT_MISSIVE_TOKEN) });
    expect(res.status).toBe(502);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('upstream_unavailable');
    expect(await accountCount()).toBe(0);
  });

  it('the seeded tokens are accepted, stored encrypted and decrypt for the MCP endpoint', async () => {
    for (const token of [SANDBOX_TOKENS.acme, SANDBOX_TOKENS.globex]) {
      const account = await linkAccount({ tenantId, missiveToken: token, defaults: { team: 't1' } });
      const loaded = await loadAccountForMcp(env, account.id);
      expect(loaded).toEqual({ id: account.id, tenantId, defaults: { team: 't1' }, missiveToken: token });
    }
  });

  it('PATCH with a rejected credential keeps the old one', async () => {
    const account = await linkAccount({ tenantId });
    const res = await apiFetch(`/integrated-account/${account.id}`, {
      method: 'PATCH',
      body: { credentials: { api_token: 'missive_pat-revoked-0000000000000000' } },
    });
    expect(res.status).toBe(400);
    expect((await loadAccountForMcp(env, account.id))?.missiveToken).toBe(DEFAULT_MISSIVE_TOKEN);
  });

  it('a ciphertext copied to another account does not decrypt (AAD = account id)', async () => {
    const a = await linkAccount({ tenantId });
    const b = await linkAccount({ tenantId, missiveToken: SANDBOX_TOKENS.globex });
    await env.DB.prepare(
      'UPDATE integrated_accounts SET credentials_ciphertext = (SELECT credentials_ciphertext FROM integrated_accounts WHERE id = ?1) WHERE id = ?2',
    )
      .bind(a.id, b.id)
      .run();
    expect(await loadAccountForMcp(env, b.id)).toBeNull();
    expect(await loadAccountForMcp(env, 'acct_000000000000000000000000')).toBeNull();
  });
});
