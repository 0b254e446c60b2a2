/**
 * Proves, inside workerd, that the SDK v2 server package serves both protocol eras from one
 * factory: a 2026-07-28 request (per-request `_meta`, Mcp-Method/Mcp-Name headers) with no prior
 * call, `server/discover`, header/body mismatch, and the 2025-11-25 initialize handshake.
 */
import { describe, expect, it } from 'vitest';
import { Server, createMcpHandler } from '@modelcontextprotocol/server';

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'probe', version: '1' },
};

function factory() {
  const server = new Server(
    { name: 'probe', version: '1.0.0' },
    {
      capabilities: { tools: { listChanged: false } },
      cacheHints: { 'tools/list': { ttlMs: 60_000, cacheScope: 'private' } },
    },
  );
  server.setRequestHandler('tools/list', () => ({
    tools: [{ name: 'echo', description: 'echo', inputSchema: { type: 'object', properties: {} } }],
  }));
  server.setRequestHandler('tools/call', (req) => ({ content: [{ type: 'text', text: `called ${req.params.name}` }] }));
  return server;
}

const handler = createMcpHandler(factory, { responseMode: 'json' });

function post(body: unknown, headers: Record<string, string> = {}) {
  return handler.fetch(
    new Request('https://gw.example/mcp/x', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(body),
    }),
  );
}

describe('SDK v2 in workerd', () => {
  it('serves a 2026-07-28 tools/list with no prior call, with cache hints', async () => {
    const res = await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: META } },
      { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/list' },
    );
    const text = await res.text();
    console.log('modern tools/list', res.status, res.headers.get('content-type'), text);
    expect(res.status).toBe(200);
    const body = JSON.parse(text);
    expect(body.result.tools[0].name).toBe('echo');
  });

  it('answers server/discover', async () => {
    const res = await post(
      { jsonrpc: '2.0', id: 2, method: 'server/discover', params: { _meta: META } },
      { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'server/discover' },
    );
    const text = await res.text();
    console.log('discover', res.status, text);
    expect(res.status).toBe(200);
  });

  it('refuses a header that disagrees with the body', async () => {
    const res = await post(
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo', arguments: {}, _meta: META } },
      { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/call', 'Mcp-Name': 'other' },
    );
    const text = await res.text();
    console.log('mismatch', res.status, text);
    expect(res.status).toBe(400);
  });

  it('refuses a modern header without the _meta envelope', async () => {
    const res = await post(
      { jsonrpc: '2.0', id: 4, method: 'tools/list', params: {} },
      { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/list' },
    );
    const text = await res.text();
    console.log('no meta', res.status, text);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('serves the 2025-11-25 initialize handshake and a later tools/call', async () => {
    const init = await post({
      jsonrpc: '2.0',
      id: 5,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'old', version: '1' } },
    });
    const text = await init.text();
    console.log('initialize', init.status, init.headers.get('content-type'), text);
    expect(init.status).toBe(200);
    const call = await post(
      { jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'echo', arguments: {} } },
      { 'MCP-Protocol-Version': '2025-11-25' },
    );
    const t2 = await call.text();
    console.log('legacy call', call.status, call.headers.get('content-type'), t2);
    expect(call.status).toBe(200);
  });
});
