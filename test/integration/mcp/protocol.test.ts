/**
 * The transport and lifecycle of /mcp/:token (MCP 2025-11-25 Streamable HTTP, stateless JSON mode),
 * driven with the SDK client and with raw HTTP for what a conforming client never sends.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it, beforeAll } from 'vitest';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { setupServer } from '../../helpers/admin-client';
import { createApp } from '../../../src/app';
import { GATEWAY_NAME, GATEWAY_VERSION } from '../../../src/version';
import { MAX_MCP_BODY_BYTES } from '../../../src/mcp/protocol-guards';
import { connect, initializeMessage, rawPost, resetSandbox } from './helpers';

let url: string;

beforeAll(async () => {
  await resetSandbox();
  const { server } = await setupServer({
    defaults: { organization: '0d9bab85-a74f-4ece-9142-0f9b9f36ff92', from_address: 'support@acme-support.test' },
  });
  url = server.url;
});

describe('initialize and ping', () => {
  it('answers serverInfo, the tools capability and instructions that name the defaults', async () => {
    const { client, close } = await connect(url);
    expect(client.getServerVersion()).toMatchObject({ name: GATEWAY_NAME, version: GATEWAY_VERSION });
    expect(client.getServerCapabilities()?.tools).toBeDefined();
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toMatch(/messages \(external/);
    expect(instructions).toMatch(/comments \(internal/);
    expect(instructions).toMatch(/next_cursor/);
    expect(instructions).toContain('organization = 0d9bab85-a74f-4ece-9142-0f9b9f36ff92');
    expect(instructions).toContain('from address = support@acme-support.test');
    expect(instructions).toMatch(/Not set: team, contact book/);
    await client.ping();
    await close();
  });

  it('negotiates 2025-11-25 over raw HTTP and answers JSON, not SSE', async () => {
    const res = await rawPost(url, initializeMessage(7), { 'MCP-Protocol-Version': null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('mcp-session-id')).toBeNull();
    const body = await res.json<{ id: number; result: { protocolVersion: string } }>();
    expect(body.id).toBe(7);
    expect(body.result.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
  });

  it('answers ping without initialize (stateless)', async () => {
    const res = await rawPost(url, { jsonrpc: '2.0', id: 'p1', method: 'ping' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ jsonrpc: '2.0', id: 'p1', result: {} });
  });
});

describe('transport guards', () => {
  it('GET and DELETE → 405 with Allow: POST', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await rawPost(url, undefined, {}, method);
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });

  it('a notification → 202 with no body', async () => {
    const res = await rawPost(url, { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
  });

  it('a JSON-RPC batch → 400 with a JSON-RPC error', async () => {
    const res = await rawPost(url, [initializeMessage(1), { jsonrpc: '2.0', id: 2, method: 'ping' }]);
    expect(res.status).toBe(400);
    const body = await res.json<{ error: { code: number } }>();
    expect(body.error.code).toBe(-32600);
  });

  it('malformed JSON → -32700', async () => {
    const res = await rawPost(url, '{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(res.status).toBe(400);
    expect((await res.json<{ error: { code: number } }>()).error.code).toBe(-32700);
  });

  it('an unsupported MCP-Protocol-Version → 400', async () => {
    const res = await rawPost(url, { jsonrpc: '2.0', id: 1, method: 'ping' }, { 'MCP-Protocol-Version': '1999-01-01' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('1999-01-01');
  });

  it('bodies over the limit → 413, by Content-Length and by actual length', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { pad: 'x'.repeat(MAX_MCP_BODY_BYTES) },
    });
    const declared = await rawPost(url, big);
    expect(declared.status).toBe(413);
    // A streamed body has no Content-Length: the limit still applies while reading.
    const chunk = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < chunk.length; i += 65536) controller.enqueue(chunk.slice(i, i + 65536));
        controller.close();
      },
    });
    const { exports } = await import('cloudflare:workers');
    // `duplex` is required by the fetch spec for streamed bodies but missing from RequestInit's type.
    const init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: stream,
      duplex: 'half',
    } as RequestInit;
    const streamed = await exports.default.fetch(url, init);
    expect(streamed.status).toBe(413);
  });

  it('an Origin that is not allowed → 403 before any token work; no Origin is fine', async () => {
    const evil = await rawPost(url, initializeMessage(), { Origin: 'https://evil.example.com' });
    expect(evil.status).toBe(403);
    // Even for a token that does not exist: the origin check comes first.
    const evilUnknown = await rawPost(url.replace(/[^/]+$/, 'mcp_nope'), initializeMessage(), {
      Origin: 'https://evil.example.com',
    });
    expect(evilUnknown.status).toBe(403);
    const nullOrigin = await rawPost(url, initializeMessage(), { Origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const none = await rawPost(url, initializeMessage());
    expect(none.status).toBe(200);
  });
});

describe('allowed browser origins (MCP_ALLOWED_ORIGINS)', () => {
  const allowedOrigin = 'https://app.example.com';
  // The same app with the var set, called in-process: the test runtime's env has no allowlist.
  const app = createApp();
  const call = async (init: RequestInit) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(url, init),
      { ...env, MCP_ALLOWED_ORIGINS: `${allowedOrigin}, https://x.test` },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  };

  it('answers the CORS preflight and the POST with CORS headers for a listed origin', async () => {
    const preflight = await call({
      method: 'OPTIONS',
      headers: { Origin: allowedOrigin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/MCP-Protocol-Version/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);

    const res = await call({
      method: 'POST',
      headers: {
        Origin: allowedOrigin,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ratelimit-remaining/);
  });

  it('still refuses an origin that is not listed, preflight included', async () => {
    const res = await call({ method: 'OPTIONS', headers: { Origin: 'https://evil.example.com' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
