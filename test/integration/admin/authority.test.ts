/**
 * Revocation, rotation, expiry and account deletion through the real admin API, checked with
 * the same lookup the MCP endpoint uses (`lookupLiveServer`: KV index + the account's Durable
 * Object), with real D1, KV and Durable Object alarms.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacTokenHex } from '../../../src/security/hmac';
import { getConfig } from '../../../src/config';
import { lookupLiveServer } from '../../../src/mcp/lookup-server';
import { generateMcpToken } from '../../../src/security/mcp-token';
import {
  ADMIN,
  apiFetch,
  apiJson,
  mintServer,
  revokeServer,
  rotateServer,
  setupServer,
  type AdminAuth,
} from '../../helpers/admin-client';

const authority = (accountId: string) => env.ACCOUNT_AUTHORITY.get(env.ACCOUNT_AUTHORITY.idFromName(accountId));

async function kvKeyFor(token: string): Promise<string> {
  const key = getConfig(env).tokenHmac.current;
  return `mcp:v${key.version}:${await hmacTokenHex(key, token)}`;
}

async function d1Status(serverId: string): Promise<string | undefined> {
  const row = await env.DB.prepare('SELECT status FROM mcp_servers WHERE id = ?')
    .bind(serverId)
    .first<{ status: string }>();
  return row?.status;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('lookupLiveServer', () => {
  it('resolves a fresh server with everything the MCP endpoint needs, and no token', async () => {
    const { server, account, tenant } = await setupServer({
      config: { methods: ['read'], require_api_token_auth: true },
    });
    const live = await lookupLiveServer(env, server.token);
    expect(live).toEqual({
      id: server.id,
      accountId: account.id,
      tenantId: tenant.id,
      name: server.name,
      config: { methods: ['read'], require_api_token_auth: true },
      expiresAt: null,
      tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(live)).not.toContain(server.token);
  });

  it('answers null for malformed and unknown tokens', async () => {
    expect(await lookupLiveServer(env, 'mcp_nope')).toBeNull();
    expect(await lookupLiveServer(env, '')).toBeNull();
    expect(await lookupLiveServer(env, generateMcpToken())).toBeNull();
  });

  it('refuses a KV entry that points at the wrong server (the DO compares the hash)', async () => {
    const a = await setupServer();
    const other = generateMcpToken();
    await env.TOKEN_INDEX.put(
      await kvKeyFor(other),
      JSON.stringify({ server_id: a.server.id, account_id: a.account.id }),
    );
    expect(await lookupLiveServer(env, other)).toBeNull();
    expect(await lookupLiveServer(env, a.server.token)).not.toBeNull();
  });
});

describe('revocation', () => {
  it('is effective on the next lookup even if KV still holds the entry', async () => {
    const { server, account, apiToken } = await setupServer();
    const auth: AdminAuth = { apiToken: apiToken.token };
    const key = await kvKeyFor(server.token);
    const kvValue = await env.TOKEN_INDEX.get(key);
    expect(kvValue).not.toBeNull();

    const revoked = await revokeServer(auth, account.id, server.id);
    expect(revoked.status).toBe('revoked');
    expect(await lookupLiveServer(env, server.token)).toBeNull();
    expect(await env.TOKEN_INDEX.get(key)).toBeNull();
    expect(await d1Status(server.id)).toBe('revoked');

    // Simulate a lagging KV location that still has the old entry: the authority still refuses.
    await env.TOKEN_INDEX.put(key, kvValue!);
    expect(await lookupLiveServer(env, server.token)).toBeNull();

    // Revoking twice is harmless; rotating or patching a revoked server is a conflict.
    expect((await revokeServer(auth, account.id, server.id)).status).toBe('revoked');
    expect(
      (await apiFetch(`/integrated-account/${account.id}/mcp/${server.id}/rotate`, { method: 'POST', auth })).status,
    ).toBe(409);
    const patch = await apiFetch(`/integrated-account/${account.id}/mcp/${server.id}`, {
      method: 'PATCH',
      auth,
      body: { name: 'x' },
    });
    expect(patch.status).toBe(409);
  });
});

describe('rotation', () => {
  it('issues a new token for the same server and kills the old one at once', async () => {
    const { server, account } = await setupServer({ config: { tags: ['conversations'] } });
    const oldKey = await kvKeyFor(server.token);
    const oldKv = await env.TOKEN_INDEX.get(oldKey);
    const rotated = await rotateServer(ADMIN, account.id, server.id);
    expect(rotated.id).toBe(server.id);
    expect(rotated.config).toEqual(server.config);
    expect(rotated.token).not.toBe(server.token);
    expect(rotated.url).toMatch(/^https:\/\/gateway\.test\/mcp\/mcp_/);

    expect(await lookupLiveServer(env, server.token)).toBeNull();
    expect((await lookupLiveServer(env, rotated.token))?.id).toBe(server.id);
    expect(await env.TOKEN_INDEX.get(oldKey)).toBeNull();

    // Even with the old KV entry back (propagation lag), the old token stays dead.
    await env.TOKEN_INDEX.put(oldKey, oldKv!);
    expect(await lookupLiveServer(env, server.token)).toBeNull();

    const view = await apiJson<{ token_last4: string; status: string }>(
      `/integrated-account/${account.id}/mcp/${server.id}`,
    );
    expect(view.token_last4).toBe(rotated.token.slice(-4));
    expect(view.status).toBe('active');
  });
});

describe('expiry', () => {
  it('is enforced at request time before the alarm has run', async () => {
    const expiresAt = new Date(Date.now() + 61_000).toISOString();
    const { server, account } = await setupServer({ expires_at: expiresAt });
    expect(server.expires_at).toBe(expiresAt);
    expect((await lookupLiveServer(env, server.token))?.expiresAt).toBe(expiresAt);
    // One millisecond past the expiry: refused, although no alarm ran and D1/KV still say active.
    expect(await lookupLiveServer(env, server.token, Date.parse(expiresAt))).toBeNull();
    expect(await lookupLiveServer(env, server.token, Date.parse(expiresAt) - 1)).not.toBeNull();
    expect(await d1Status(server.id)).toBe('active');
    expect(await env.TOKEN_INDEX.get(await kvKeyFor(server.token))).not.toBeNull();
    // The authority's alarm is set at the expiry.
    const alarm = await runInDurableObject(authority(account.id), (_instance, state) => state.storage.getAlarm());
    expect(alarm).toBe(Date.parse(expiresAt));
    // The admin API says `expired` as soon as the URL stops working, not only once the alarm has run.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse(expiresAt));
      const view = await apiJson<{ status: string }>(`/integrated-account/${account.id}/mcp/${server.id}`, {
        auth: ADMIN,
      });
      expect(view.status).toBe('expired');
      expect(await d1Status(server.id)).toBe('active');
    } finally {
      vi.useRealTimers();
    }
  });

  it('the alarm removes the KV entry, marks D1 expired, reschedules, and is safe to run again', async () => {
    const now = Date.now();
    const { server, account, apiToken } = await setupServer({ expires_at: new Date(now + 61_000).toISOString() });
    const auth: AdminAuth = { apiToken: apiToken.token };
    const later = await mintServer(auth, account.id, { expires_at: new Date(now + 3_600_000).toISOString() });
    const forever = await mintServer(auth, account.id, {});
    const stub = authority(account.id);

    // Let the clock pass the first expiry, then run the alarm the runtime scheduled.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now + 62_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    expect(await env.TOKEN_INDEX.get(await kvKeyFor(server.token))).toBeNull();
    expect(await d1Status(server.id)).toBe('expired');
    expect(await lookupLiveServer(env, server.token)).toBeNull();
    expect(await d1Status(later.id)).toBe('active');
    expect(await lookupLiveServer(env, later.token)).not.toBeNull();
    expect(await lookupLiveServer(env, forever.token)).not.toBeNull();
    // Rescheduled at the next expiry.
    expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).toBe(Date.parse(later.expires_at!));

    // A second run (or a retry after a failure) changes nothing.
    expect(await runInDurableObject(stub, (instance) => instance.sweepExpired(now + 62_000))).toEqual([]);
    expect(await d1Status(server.id)).toBe('expired');

    const view = await apiJson<{ status: string }>(`/integrated-account/${account.id}/mcp/${server.id}`, { auth });
    expect(view.status).toBe('expired');
    expect(
      (await apiFetch(`/integrated-account/${account.id}/mcp/${server.id}/rotate`, { method: 'POST', auth })).status,
    ).toBe(409);
  });

  it('a failed sweep is picked up by the next run (idempotent steps)', async () => {
    const now = Date.now();
    const { server, account } = await setupServer({ expires_at: new Date(now + 61_000).toISOString() });
    // D1 already says expired (a previous run got that far) but the authority does not: a re-run finishes the job.
    await env.DB.prepare("UPDATE mcp_servers SET status = 'expired' WHERE id = ?").bind(server.id).run();
    const swept = await runInDurableObject(authority(account.id), (instance) => instance.sweepExpired(now + 62_000));
    expect(swept).toEqual([server.id]);
    expect(await env.TOKEN_INDEX.get(await kvKeyFor(server.token))).toBeNull();
    expect(await d1Status(server.id)).toBe('expired');
    expect(await runInDurableObject(authority(account.id), (_i, state) => state.storage.getAlarm())).toBeNull();
  });

  it('PATCH moves or clears the expiry, and the authority follows', async () => {
    const now = Date.now();
    const { server, account } = await setupServer({ expires_at: new Date(now + 120_000).toISOString() });
    const path = `/integrated-account/${account.id}/mcp/${server.id}`;
    const moved = new Date(now + 7_200_000).toISOString();
    const patched = await apiJson<{ expires_at: string | null }>(path, {
      method: 'PATCH',
      body: { expires_at: moved },
    });
    expect(patched.expires_at).toBe(moved);
    expect(await lookupLiveServer(env, server.token, now + 200_000)).not.toBeNull();
    expect(await lookupLiveServer(env, server.token, Date.parse(moved))).toBeNull();

    const cleared = await apiJson<{ expires_at: string | null }>(path, { method: 'PATCH', body: { expires_at: null } });
    expect(cleared.expires_at).toBeNull();
    expect(await lookupLiveServer(env, server.token, now + 10 * 365 * 86_400_000)).not.toBeNull();
    expect(await runInDurableObject(authority(account.id), (_i, state) => state.storage.getAlarm())).toBeNull();

    const tooSoon = await apiFetch(path, {
      method: 'PATCH',
      body: { expires_at: new Date(now + 30_000).toISOString() },
    });
    expect(tooSoon.status).toBe(400);
  });
});

describe('account deletion', () => {
  it('revokes every server of the account at once and hides the account', async () => {
    const { server, account, apiToken } = await setupServer();
    const auth: AdminAuth = { apiToken: apiToken.token };
    const second = await mintServer(auth, account.id, { name: 'second' });
    const res = await apiFetch(`/integrated-account/${account.id}`, { method: 'DELETE', auth });
    expect(res.status).toBe(200);
    expect(await lookupLiveServer(env, server.token)).toBeNull();
    expect(await lookupLiveServer(env, second.token)).toBeNull();
    expect(await d1Status(server.id)).toBe('revoked');
    expect(await d1Status(second.id)).toBe('revoked');
    expect(await env.TOKEN_INDEX.get(await kvKeyFor(second.token))).toBeNull();
    expect((await apiFetch(`/integrated-account/${account.id}`, { auth })).status).toBe(404);
    expect((await apiFetch(`/integrated-account/${account.id}/mcp`, { auth })).status).toBe(404);
    const row = await env.DB.prepare('SELECT credentials_ciphertext, deleted_at FROM integrated_accounts WHERE id = ?')
      .bind(account.id)
      .first<{ credentials_ciphertext: string | null; deleted_at: string | null }>();
    expect(row?.credentials_ciphertext).toBeNull();
    expect(row?.deleted_at).not.toBeNull();
  });
});
