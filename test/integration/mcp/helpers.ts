/**
 * Drives /mcp/:token the way real clients do: the SDK's `Client` + `StreamableHTTPClientTransport`
 * (its `fetch` routed into the gateway through `exports.default.fetch`), or raw HTTP for the
 * transport-level cases the SDK client would never send.
 */
import { env, exports } from 'cloudflare:workers';
import { authorityFor } from '../../../src/durable/authority-client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

export const SANDBOX_ORIGIN = 'https://missive.sandbox';
export const MCP_ACCEPT = 'application/json, text/event-stream';

/** Every HTTP exchange of a connected client, so tests can look at status codes and headers. */
export interface Exchange {
  method: string;
  body: unknown;
  status: number;
  headers: Headers;
}

/** An SDK client connected (initialize + initialized) to an MCP URL of the gateway. */
export async function connect(url: string, opts: { bearer?: string; headers?: Record<string, string> } = {}) {
  const exchanges: Exchange[] = [];
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.bearer) headers.Authorization = `Bearer ${opts.bearer}`;
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers },
    fetch: async (input, init) => {
      const res = await exports.default.fetch(input instanceof URL ? input.toString() : input, init);
      let body: unknown = undefined;
      if (typeof init?.body === 'string') body = JSON.parse(init.body);
      exchanges.push({ method: init?.method ?? 'GET', body, status: res.status, headers: res.headers });
      return res;
    },
  });
  const client = new Client({ name: 'gateway-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, exchanges, close: () => client.close() };
}

/** One raw JSON-RPC POST with the headers a conforming client sends (override any of them). */
export function rawPost(
  url: string,
  body: unknown,
  headers: Record<string, string | null> = {},
  method = 'POST',
): Promise<Response> {
  const merged: Record<string, string> = {};
  const defaults: Record<string, string | null> = {
    'Content-Type': 'application/json',
    Accept: MCP_ACCEPT,
    'MCP-Protocol-Version': LATEST_PROTOCOL_VERSION,
    ...headers,
  };
  for (const [k, v] of Object.entries(defaults)) if (v !== null) merged[k] = v;
  return exports.default.fetch(url, {
    method,
    headers: merged,
    body: method === 'GET' || method === 'HEAD' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const initializeMessage = (id: number | string = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

export function sandboxFetch(path: string, init?: RequestInit): Promise<Response> {
  return env.MISSIVE_UPSTREAM.fetch(`${SANDBOX_ORIGIN}${path}`, init);
}

/** Resets the sandbox's data, rate windows and request log. */
export async function resetSandbox(): Promise<void> {
  const res = await sandboxFetch('/__sandbox/reset', { method: 'POST' });
  if (!res.ok) throw new Error(`sandbox reset failed: ${res.status}`);
  await sandboxFetch('/__sandbox/requests', { method: 'DELETE' });
}

export interface SandboxRequest {
  seq: number;
  method: string;
  path: string;
  token: string | null;
  status: number | null;
}

/** The sandbox's request log since `since` (a seq number). */
export async function sandboxRequests(since = 0): Promise<{ requests: SandboxRequest[]; last_seq: number }> {
  const res = await sandboxFetch(`/__sandbox/requests?since=${since}`);
  return res.json();
}

/** Polls until `check` returns a value (background writes go through waitUntil). */
export async function eventually<T>(check: () => Promise<T | null | undefined>, what: string, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface AuditRow {
  id: string;
  server_id: string;
  tool: string;
  outcome: string;
  upstream_status: number | null;
  duration_ms: number;
  arguments_json: string | null;
  request_id: string | null;
}

/**
 * Audit rows of a server, oldest first: the account authority's outbox is written to D1 first (as
 * its alarm would within seconds), then D1 is read directly.
 */
export async function auditRows(serverId: string): Promise<AuditRow[]> {
  const owner = await env.DB.prepare('SELECT account_id FROM mcp_servers WHERE id = ?')
    .bind(serverId)
    .first<{ account_id: string }>();
  if (owner) await authorityFor(env, owner.account_id).flushAudit();
  const { results } = await env.DB.prepare('SELECT * FROM mcp_tool_calls WHERE server_id = ? ORDER BY created_at, id')
    .bind(serverId)
    .all<AuditRow>();
  return results;
}
