/**
 * The MCP hot path makes one Durable Object call (`authorize`): the live check, the account's sealed
 * record (kept in the object, decrypted in the worker) and, for a tools/call, the governor permit.
 * These tests would fail on the old path (D1 account read per call, permit acquired per Missive
 * request): the account is served from the object, a re-link reaches it, a refused call gives its
 * permit back without spending the budget, and an object without the record fills it from D1 once.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../../sandbox/src/seed/fixtures';
import type { AccountAuthority } from '../../../src/durable/account-authority';
import type { SealedAccount } from '../../../src/storage/accounts';
import { apiFetch, apiJson, revokeServer, setupServer } from '../../helpers/admin-client';
import { connect, eventually, rawPost, resetSandbox, sandboxRequests } from './helpers';

beforeAll(async () => {
  await resetSandbox();
});

const authority = (accountId: string) => env.ACCOUNT_AUTHORITY.get(env.ACCOUNT_AUTHORITY.idFromName(accountId));

/** The sealed record the account's object holds (null if it has none). */
function recordInObject(accountId: string): Promise<SealedAccount | null> {
  return runInDurableObject(authority(accountId), (instance: AccountAuthority, state) => {
    void instance;
    const row = state.storage.sql
      .exec<Record<string, SqlStorageValue>>('SELECT * FROM authority_account WHERE id = ?', accountId)
      .toArray()[0];
    if (!row) return null;
    return {
      id: String(row.id),
      tenantId: String(row.tenant_id),
      defaultsJson: String(row.defaults_json),
      credentialsCiphertext: row.credentials_ciphertext === null ? null : String(row.credentials_ciphertext),
      credentialsKeyVersion: row.credentials_key_version === null ? null : Number(row.credentials_key_version),
      updatedAt: String(row.updated_at),
    };
  });
}

function governorUsage(accountId: string) {
  return runInDurableObject(authority(accountId), (instance: AccountAuthority) =>
    instance.upstreamGovernor.snapshot(Date.now()),
  );
}

async function d1Ciphertext(accountId: string): Promise<string | null> {
  const row = await env.DB.prepare('SELECT credentials_ciphertext FROM integrated_accounts WHERE id = ?')
    .bind(accountId)
    .first<{ credentials_ciphertext: string | null }>();
  return row?.credentials_ciphertext ?? null;
}

const callList = (url: string, id = 2) =>
  rawPost(url, { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'list_all_missive_teams', arguments: {} } });

describe('the account lives in its Durable Object', () => {
  it('linking stores the sealed credential there (as D1 holds it) and a tools/call needs no D1 account read', async () => {
    const { account, server } = await setupServer({ defaults: { team: 'team-1' } });
    const sealed = await recordInObject(account.id);
    expect(sealed).toMatchObject({ id: account.id, defaultsJson: '{"team":"team-1"}' });
    expect(sealed?.credentialsCiphertext).toBe(await d1Ciphertext(account.id));
    expect(sealed?.credentialsCiphertext).not.toContain(SANDBOX_TOKENS.acme);

    // Break the D1 copy: the old path (decrypting D1's row per call) would answer "unavailable".
    await env.DB.prepare("UPDATE integrated_accounts SET credentials_ciphertext = 'v1.broken' WHERE id = ?")
      .bind(account.id)
      .run();
    const before = (await sandboxRequests()).last_seq;
    const res = await callList(server.url);
    const body = await res.json<{ result: { isError?: boolean } }>();
    expect(res.status).toBe(200);
    expect(body.result.isError).toBeFalsy();
    const seen = (await sandboxRequests(before)).requests;
    expect(seen.map((r) => `${r.method} ${r.path} ${r.token}`)).toEqual(['GET /v1/teams acme']);
  });

  it('re-linking (PATCH credentials) takes effect on the next tools/call; defaults too', async () => {
    const { account, server, apiToken } = await setupServer();
    const first = (await sandboxRequests()).last_seq;
    expect((await callList(server.url)).status).toBe(200);
    expect((await sandboxRequests(first)).requests.map((r) => r.token)).toEqual(['acme']);

    await apiJson(`/integrated-account/${account.id}`, {
      method: 'PATCH',
      auth: { apiToken: apiToken.token },
      body: { credentials: { api_token: SANDBOX_TOKENS.tiny }, defaults: { team: 'tiny-team' } },
    });
    expect((await recordInObject(account.id))?.credentialsCiphertext).toBe(await d1Ciphertext(account.id));
    const second = (await sandboxRequests()).last_seq;
    expect((await callList(server.url, 3)).status).toBe(200);
    expect((await sandboxRequests(second)).requests.map((r) => r.token)).toEqual(['tiny']);

    const { client, close } = await connect(server.url);
    expect(client.getInstructions()).toContain('tiny-team');
    await close();
  });

  it('deleting the account erases the copy for good: an older sealed record cannot be put back', async () => {
    const { account, apiToken } = await setupServer();
    const before = await recordInObject(account.id);
    expect(before?.credentialsCiphertext).toMatch(/^v\d+\./);
    const res = await apiFetch(`/integrated-account/${account.id}`, {
      method: 'DELETE',
      auth: { apiToken: apiToken.token },
    });
    expect(res.status).toBe(200);
    expect((await recordInObject(account.id))?.credentialsCiphertext).toBeNull();
    // A lazy backfill that read D1 before the delete landed is ignored, even with a later timestamp.
    const late = { ...before!, updatedAt: new Date(Date.now() + 60_000).toISOString() };
    expect(await runInDurableObject(authority(account.id), (i: AccountAuthority) => i.putAccount(late))).toBe(false);
    expect((await recordInObject(account.id))?.credentialsCiphertext).toBeNull();
  });

  it('an object without the record (server registered before this existed) serves from D1 once and keeps it', async () => {
    const { account, server } = await setupServer();
    const expected = await recordInObject(account.id);
    await runInDurableObject(authority(account.id), (_i: AccountAuthority, state) => {
      state.storage.sql.exec('DELETE FROM authority_account');
    });
    expect(await recordInObject(account.id)).toBeNull();

    const before = (await sandboxRequests()).last_seq;
    const res = await callList(server.url);
    expect(res.status).toBe(200);
    expect((await res.json<{ result: { isError?: boolean } }>()).result.isError).toBeFalsy();
    expect((await sandboxRequests(before)).requests.map((r) => r.token)).toEqual(['acme']);
    // Backfilled after the answer (waitUntil): the next request reads no D1.
    const backfilled = await eventually(() => recordInObject(account.id), 'the backfilled record');
    expect(backfilled).toEqual(expected);
  });
});

describe('the governor permit taken with the live check', () => {
  it('a refused call (hidden tool, invalid arguments) gives it back without spending the budget', async () => {
    const { account, server } = await setupServer({ config: { methods: ['list', 'get'] } });
    const before = (await sandboxRequests()).last_seq;

    const hidden = await rawPost(server.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'create_a_missive_post', arguments: {} },
    });
    expect((await hidden.json<{ error: { code: number } }>()).error.code).toBe(-32602);
    const invalid = await rawPost(server.url, {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'list_all_missive_teams', arguments: { limit: 'many' } },
    });
    expect((await invalid.json<{ result: { isError: boolean } }>()).result.isError).toBe(true);
    expect((await sandboxRequests(before)).requests).toHaveLength(0);

    // Two permits were taken with the live checks and both refunded after the answers.
    await eventually(async () => {
      const usage = await governorUsage(account.id);
      return usage.inFlight === 0 ? usage : null;
    }, 'the permits released');
    expect(await governorUsage(account.id)).toMatchObject({ inFlight: 0, lastMinute: 0, lastQuarterHour: 0 });

    // A call that reaches Missive spends its permit (counted) and frees the concurrency slot.
    const ok = await callList(server.url, 4);
    expect((await ok.json<{ result: { isError?: boolean } }>()).result.isError).toBeFalsy();
    await eventually(async () => {
      const usage = await governorUsage(account.id);
      return usage.inFlight === 0 ? usage : null;
    }, 'the permit released');
    expect(await governorUsage(account.id)).toMatchObject({ inFlight: 0, lastMinute: 1, lastQuarterHour: 1 });
  });

  it('a server with require_api_token_auth takes no permit before its bearer is checked', async () => {
    const { account, server, apiToken } = await setupServer({ config: { require_api_token_auth: true } });
    const row = await env.DB.prepare('SELECT id, token_hash FROM mcp_servers WHERE account_id = ?')
      .bind(account.id)
      .first<{ id: string; token_hash: string }>();
    // The live check alone must not occupy the account's Missive slots: a caller holding only the URL
    // could otherwise keep all five busy with unauthenticated tools/calls and starve every server.
    const answer = await runInDurableObject(authority(account.id), (instance: AccountAuthority) =>
      instance.authorize(row!.id, row!.token_hash, Date.now(), { wantPermit: true }),
    );
    expect(answer?.server.id).toBe(row!.id);
    expect(answer?.permit).toBeNull();
    expect(await governorUsage(account.id)).toMatchObject({ inFlight: 0, lastMinute: 0 });

    const noBearer = await callList(server.url, 3);
    expect(noBearer.status).toBe(401);
    // With the bearer the call still goes through the governor (its own permit, released after).
    const ok = await rawPost(
      server.url,
      { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'list_all_missive_teams', arguments: {} } },
      { Authorization: `Bearer ${apiToken.token}` },
    );
    expect((await ok.json<{ result: { isError?: boolean } }>()).result.isError).toBeFalsy();
    expect(await governorUsage(account.id)).toMatchObject({ inFlight: 0, lastMinute: 1 });
  });

  it('initialize and tools/list take no permit', async () => {
    const { account, server } = await setupServer();
    const { client, close } = await connect(server.url);
    await client.listTools();
    await close();
    expect(await governorUsage(account.id)).toMatchObject({ inFlight: 0, lastMinute: 0 });
  });
});

describe('token index cache', () => {
  it('serves a known token without KV, and a revocation still wins on the very next request', async () => {
    const { apiToken, account, server } = await setupServer();
    const ping = () => rawPost(server.url, { jsonrpc: '2.0', id: 1, method: 'ping' });
    expect((await ping()).status).toBe(200);

    // Drop the KV index entry behind the gateway's back: this isolate already knows the token.
    const { keys } = await env.TOKEN_INDEX.list({ prefix: 'mcp:' });
    for (const { name } of keys) {
      const value = await env.TOKEN_INDEX.get<{ server_id: string }>(name, 'json');
      if (value?.server_id === server.id) await env.TOKEN_INDEX.delete(name);
    }
    expect((await ping()).status).toBe(200);

    // The Durable Object, not the cache, decides whether the server is live.
    await revokeServer({ apiToken: apiToken.token }, account.id, server.id);
    expect((await ping()).status).toBe(404);
  });
});
