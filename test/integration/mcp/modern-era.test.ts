/**
 * MCP 2026-07-28 on a minted URL, next to the 2025 handshake: every request stands alone (no
 * initialize), carries its `_meta` envelope and the Mcp-Method / Mcp-Name headers, and bad input
 * gets the spec's error with the request's id while nothing reaches Missive.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from '../../helpers/admin-client';
import { TOOLS_LIST_CACHE_HINT } from '../../../src/mcp/server';
import { GATEWAY_NAME } from '../../../src/version';
import { connect, rawPost, resetSandbox, sandboxRequests } from './helpers';

const MODERN = '2026-07-28';
const META = {
  'io.modelcontextprotocol/protocolVersion': MODERN,
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'modern-test', version: '1' },
};

interface RpcAnswer {
  id: unknown;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** A 2026-07-28 request: envelope in `params._meta`, the version and method headers set to agree. */
function modernPost(
  url: string,
  id: number | string,
  method: string,
  params: Record<string, unknown> = {},
  headers: Record<string, string | null> = {},
) {
  const name: Record<string, string> = typeof params.name === 'string' ? { 'Mcp-Name': params.name } : {};
  return rawPost(
    url,
    { jsonrpc: '2.0', id, method, params: { ...params, _meta: META } },
    { 'MCP-Protocol-Version': MODERN, 'Mcp-Method': method, ...name, ...headers },
  );
}

let url: string;

beforeAll(async () => {
  await resetSandbox();
  ({
    server: { url },
  } = await setupServer({ config: { methods: ['read'] } }));
});

describe('2026-07-28 on the same URL as the 2025 handshake', () => {
  it('lists tools with no prior call, with cache hints, server info, and the same tools in the same order', async () => {
    const res = await modernPost(url, 'l1', 'tools/list');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json<RpcAnswer>();
    expect(body.id).toBe('l1');
    const result = body.result as { tools: { name: string }[]; ttlMs: number; cacheScope: string; _meta: object };
    expect(result).toMatchObject({ resultType: 'complete', ...TOOLS_LIST_CACHE_HINT });
    expect(result._meta).toMatchObject({ 'io.modelcontextprotocol/serverInfo': { name: GATEWAY_NAME } });

    const { client, close } = await connect(url);
    const legacy = await client.listTools();
    await close();
    expect(result.tools.map((t) => t.name)).toEqual(legacy.tools.map((t) => t.name));
    // Deterministic: a second listing is identical.
    const again = await (await modernPost(url, 'l2', 'tools/list')).json<RpcAnswer>();
    expect((again.result as { tools: unknown[] }).tools).toEqual(result.tools);
  });

  it('answers server/discover with 2026-07-28, the tools capability and instructions', async () => {
    const res = await modernPost(url, 'd1', 'server/discover');
    expect(res.status).toBe(200);
    const body = await res.json<RpcAnswer>();
    expect(body.result).toMatchObject({ supportedVersions: [MODERN], capabilities: { tools: {} } });
    expect(String(body.result?.instructions)).toMatch(/next_cursor/);
  });

  it('calls a tool upstream with no prior call', async () => {
    const before = (await sandboxRequests()).last_seq;
    const res = await modernPost(url, 7, 'tools/call', { name: 'list_all_missive_users', arguments: { limit: 2 } });
    expect(res.status).toBe(200);
    const body = await res.json<RpcAnswer>();
    expect(body.id).toBe(7);
    expect(body.result).toMatchObject({ resultType: 'complete' });
    expect(body.result?.isError ?? false).toBe(false);
    expect((await sandboxRequests(before)).requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/users']);
    expect(Number(res.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
  });
});

describe('bad 2026-07-28 input: the spec error, the request id, nothing upstream', () => {
  const call = { name: 'list_all_missive_users', arguments: { limit: 1 } };

  async function refused(res: Response, id: unknown): Promise<RpcAnswer['error']> {
    expect(res.status).toBe(400);
    const body = await res.json<RpcAnswer>();
    expect(body.id).toBe(id);
    expect(body.result).toBeUndefined();
    return body.error;
  }

  it('an Mcp-Name header that disagrees with the body → -32020 HeaderMismatch', async () => {
    const before = (await sandboxRequests()).last_seq;
    const error = await refused(await modernPost(url, 'h1', 'tools/call', call, { 'Mcp-Name': 'delete_it' }), 'h1');
    expect(error?.code).toBe(-32020);
    expect((await sandboxRequests(before)).requests).toEqual([]);
  });

  it('an Mcp-Method header that disagrees with the body → -32020', async () => {
    const error = await refused(await modernPost(url, 'h2', 'tools/call', call, { 'Mcp-Method': 'tools/list' }), 'h2');
    expect(error?.code).toBe(-32020);
  });

  it('a 2026-07-28 header without the _meta envelope → -32602', async () => {
    const before = (await sandboxRequests()).last_seq;
    const res = await rawPost(
      url,
      { jsonrpc: '2.0', id: 'm1', method: 'tools/call', params: call },
      { 'MCP-Protocol-Version': MODERN, 'Mcp-Method': 'tools/call', 'Mcp-Name': call.name },
    );
    expect((await refused(res, 'm1'))?.code).toBe(-32602);
    expect((await sandboxRequests(before)).requests).toEqual([]);
  });

  it('an envelope that contradicts the version header → refused', async () => {
    const res = await rawPost(
      url,
      { jsonrpc: '2.0', id: 'c1', method: 'tools/list', params: { _meta: META } },
      { 'MCP-Protocol-Version': '2025-11-25', 'Mcp-Method': 'tools/list' },
    );
    expect(res.status).toBe(400);
    expect((await res.json<RpcAnswer>()).id).toBe('c1');
  });

  it('an envelope naming an unknown revision → -32022 UnsupportedProtocolVersion', async () => {
    const res = await rawPost(
      url,
      {
        jsonrpc: '2.0',
        id: 'u1',
        method: 'tools/list',
        params: { _meta: { ...META, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } },
      },
      { 'MCP-Protocol-Version': '2099-01-01', 'Mcp-Method': 'tools/list' },
    );
    expect(res.status).toBe(400);
    const body = await res.json<RpcAnswer>();
    expect(body.id).toBe('u1');
    expect(body.error?.code).toBe(-32022);
  });

  it('an unknown MCP-Protocol-Version header → 400 with the request id (both eras)', async () => {
    const res = await rawPost(
      url,
      { jsonrpc: '2.0', id: 'v1', method: 'ping' },
      { 'MCP-Protocol-Version': '1999-01-01' },
    );
    expect(res.status).toBe(400);
    expect((await res.json<RpcAnswer>()).id).toBe('v1');
  });
});
