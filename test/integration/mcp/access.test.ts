/**
 * Who reaches a server: the token path (DESIGN.md steps 1-5) and `require_api_token_auth`,
 * through the real admin API, KV index, Durable Object authority and D1.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateMcpToken } from '../../../src/security/mcp-token';
import {
  ADMIN,
  apiFetch,
  createApiToken,
  createTenant,
  mintServer,
  revokeServer,
  rotateServer,
  setupServer,
} from '../../helpers/admin-client';
import { connect, initializeMessage, rawPost, resetSandbox, sandboxRequests } from './helpers';

const ORIGIN = 'https://gateway.test';

beforeAll(async () => {
  await resetSandbox();
});

afterEach(() => {
  vi.useRealTimers();
});

async function notFoundSnapshot(res: Response) {
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('the token path', () => {
  it('malformed, unknown, revoked, rotated-away and expired tokens get the same 404, byte for byte', async () => {
    const now = Date.now();
    const { server, account, apiToken } = await setupServer({ expires_at: new Date(now + 61_000).toISOString() });
    const auth = { apiToken: apiToken.token };
    const toRevoke = await mintServer(auth, account.id);
    const toRotate = await mintServer(auth, account.id);

    // All of them work first.
    for (const s of [server, toRevoke, toRotate]) {
      expect((await rawPost(s.url, initializeMessage())).status).toBe(200);
    }
    await revokeServer(auth, account.id, toRevoke.id);
    const rotated = await rotateServer(auth, account.id, toRotate.id);
    expect((await rawPost(rotated.url, initializeMessage())).status).toBe(200);

    const cases: Record<string, string> = {
      malformed: `${ORIGIN}/mcp/mcp_not-a-real-token`,
      checksumBroken: `${ORIGIN}/mcp/${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}`,
      unknown: `${ORIGIN}/mcp/${generateMcpToken()}`,
      revoked: toRevoke.url,
      rotatedAway: toRotate.url,
    };
    const snapshots: Record<string, unknown> = {};
    for (const [name, url] of Object.entries(cases)) {
      snapshots[name] = await notFoundSnapshot(await rawPost(url, initializeMessage()));
    }
    // Expired: past expires_at by the clock, before any alarm ran.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now + 62_000);
    snapshots.expired = await notFoundSnapshot(await rawPost(server.url, initializeMessage()));
    vi.useRealTimers();

    const reference = snapshots.unknown as { status: number; body: string };
    expect(reference.status).toBe(404);
    expect(reference.body).toBe('{"error":{"code":"not_found","message":"Not found"}}');
    for (const [name, snap] of Object.entries(snapshots)) expect(snap, name).toEqual(reference);
    // And it is what any unknown path of the gateway answers.
    const unrelated = await apiFetch('/no-such-route', { auth: null });
    expect(await notFoundSnapshot(unrelated)).toEqual(reference);
  });

  it('a revoked server stops on the next request of a connected client', async () => {
    const { server, account, apiToken } = await setupServer();
    const { client, exchanges, close } = await connect(server.url);
    await client.listTools();
    await revokeServer({ apiToken: apiToken.token }, account.id, server.id);
    await expect(client.listTools()).rejects.toThrow(/not_found/);
    expect(exchanges.at(-1)?.status).toBe(404);
    await close();
  });

  it('a rotated server answers on the new URL only', async () => {
    const { server, account } = await setupServer();
    const rotated = await rotateServer(ADMIN, account.id, server.id);
    expect(rotated.id).toBe(server.id);
    expect((await rawPost(server.url, initializeMessage())).status).toBe(404);
    const { client, close } = await connect(rotated.url);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await close();
  });
});

describe('require_api_token_auth', () => {
  let url: string;
  let tenantToken: string;
  let tenantId: string;

  beforeAll(async () => {
    const setup = await setupServer({ config: { require_api_token_auth: true } });
    url = setup.server.url;
    tenantToken = setup.apiToken.token;
    tenantId = setup.tenant.id;
  });

  it('no Authorization → 401 with a Bearer challenge (invalid_request), and no upstream call', async () => {
    const before = (await sandboxRequests()).last_seq;
    const res = await rawPost(url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'list_all_missive_users', arguments: {} },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="missive-mcp-gateway", error="invalid_request"');
    expect((await sandboxRequests(before)).requests).toEqual([]);
  });

  it('a non-Bearer Authorization → 401 invalid_request', async () => {
    const res = await rawPost(url, initializeMessage(), { Authorization: `Basic ${btoa('a:b')}` });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it("another tenant's valid token, garbage and a revoked token → 401 invalid_token", async () => {
    const other = await createTenant();
    const otherToken = await createApiToken(other.id);
    const revoked = await createApiToken(tenantId);
    const del = await apiFetch(`/tenants/${tenantId}/api-tokens/${revoked.id}`, { method: 'DELETE' });
    expect(del.status).toBeLessThan(300);
    for (const [name, bearer] of [
      ['other tenant', otherToken.token],
      ['garbage', 'eyJhbGciOiJIUzI1NiJ9.e30.bm9wZQ'],
      ['revoked', revoked.token],
    ] as const) {
      const before = (await sandboxRequests()).last_seq;
      const res = await rawPost(
        url,
        { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_all_missive_users', arguments: {} } },
        { Authorization: `Bearer ${bearer}` },
      );
      expect(res.status, name).toBe(401);
      expect(res.headers.get('www-authenticate'), name).toBe(
        'Bearer realm="missive-mcp-gateway", error="invalid_token"',
      );
      expect((await sandboxRequests(before)).requests, name).toEqual([]);
      // The answer never echoes the credential.
      expect(await res.text()).not.toContain(bearer);
    }
  });

  it("the owning tenant's token works through the SDK client", async () => {
    const { client, close } = await connect(url, { bearer: tenantToken });
    const result = await client.callTool({ name: 'list_all_missive_users', arguments: {} });
    expect(result.isError).toBeFalsy();
    await close();
  });

  it('servers without the flag ignore Authorization entirely', async () => {
    const { server } = await setupServer();
    const res = await rawPost(server.url, initializeMessage(), { Authorization: 'Bearer whatever' });
    expect(res.status).toBe(200);
  });
});
