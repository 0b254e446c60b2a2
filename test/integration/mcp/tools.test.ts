/**
 * tools/list and tools/call through the SDK client: the config filter on both, validation errors
 * as isError results, the sandbox as upstream, rate-limit headers on the HTTP answer, audit rows
 * (redacted, readable through the logs route) and last_used_at.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SANDBOX_CONVERSATIONS, SANDBOX_TOKENS } from '../../../sandbox/src/seed/fixtures';
import { TOOL_CATALOGUE } from '../../../src/missive/catalogue';
import { apiJson, createTenant, setupServer } from '../../helpers/admin-client';
import { auditRows, connect, eventually, rawPost, resetSandbox, sandboxRequests } from './helpers';
import { spyOnLogLines } from '../../helpers/log-lines';

beforeAll(async () => {
  await resetSandbox();
});

afterEach(() => {
  vi.useRealTimers();
});

interface ToolCallView {
  tool: string;
  outcome: string;
  upstream_status: number | null;
  arguments: unknown;
  request_id: string | null;
}

describe('tools/list', () => {
  it('a server with every category lists the whole catalogue with JSON Schemas and annotations', async () => {
    const { server } = await setupServer({ config: { methods: ['read', 'write', 'download', 'merge', 'webhooks'] } });
    const { client, close } = await connect(server.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_CATALOGUE.map((t) => t.name).sort());
    const users = tools.find((t) => t.name === 'list_all_missive_users');
    expect(users?.inputSchema.type).toBe('object');
    expect(users?.inputSchema).not.toHaveProperty('$schema');
    expect(users?.annotations?.readOnlyHint).toBe(true);
    await close();
  });

  it('methods and tags narrow the list (AND)', async () => {
    const { server } = await setupServer({ config: { methods: ['read'], tags: ['conversations', 'users'] } });
    const { client, close } = await connect(server.url);
    const names = (await client.listTools()).tools.map((t) => t.name);
    const expected = TOOL_CATALOGUE.filter(
      (t) => (t.method === 'list' || t.method === 'get') && t.tags.some((g) => g === 'conversations' || g === 'users'),
    ).map((t) => t.name);
    expect(names.sort()).toEqual(expected.sort());
    expect(names).toContain('list_all_missive_users');
    expect(names).not.toContain('create_a_missive_post');
    await close();
  });
});

describe('tools/call', () => {
  it("logs the call on the request's one access line (server, tool, outcome, upstream status), with no secret", async () => {
    const logLines = spyOnLogLines();
    try {
      const { server } = await setupServer();
      const { client, close } = await connect(server.url);
      logLines.clear();
      await client.callTool({ name: 'list_all_missive_teams', arguments: {} });
      const lines = logLines.lines();
      await close();
      const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      // Only access lines (the client may also send its GET for a stream, answered 405), and exactly
      // one for the call: nothing else is written for a successful tool call.
      expect(parsed.map((l) => l.event)).toEqual(parsed.map(() => 'http.request'));
      const calls = parsed.filter((l) => l.rpc_method === 'tools/call');
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        level: 'info',
        path: '/mcp/:token',
        method: 'POST',
        status: 200,
        server_id: server.id,
        tool: 'list_all_missive_teams',
        outcome: 'ok',
        upstream_status: 200,
      });
      expect(typeof calls[0]?.request_id).toBe('string');
      expect(typeof calls[0]?.tool_duration_ms).toBe('number');
      const token = server.url.split('/mcp/')[1]!;
      for (const line of lines) {
        expect(line).not.toContain(token);
        expect(line).not.toContain(SANDBOX_TOKENS.acme);
      }
    } finally {
      logLines.restore();
    }
  });

  it('calls Missive (the sandbox) with the account token and puts rate-limit headers on the HTTP answer', async () => {
    const { server } = await setupServer();
    const { client, exchanges, close } = await connect(server.url);
    const before = (await sandboxRequests()).last_seq;
    const result = await client.callTool({ name: 'list_all_missive_users', arguments: { limit: 2 } });
    expect(result.isError).toBeFalsy();
    const payload = result.structuredContent as { result: unknown[]; next_cursor: string | null; result_count: number };
    expect(payload.result).toHaveLength(2);
    expect(typeof payload.next_cursor).toBe('string');
    const seen = (await sandboxRequests(before)).requests;
    expect(seen.map((r) => `${r.method} ${r.path} ${r.token}`)).toEqual(['GET /v1/users acme']);
    const http = exchanges.at(-1)!;
    expect(http.status).toBe(200);
    expect(Number(http.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(http.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
    expect(Number(http.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(0);
    await close();
  });

  it('a hidden tool called by name is refused like an unknown one (-32602) and Missive sees nothing', async () => {
    const { server, account } = await setupServer({ config: { methods: ['read'], tags: ['users'] } });
    const { client, close } = await connect(server.url);
    const before = (await sandboxRequests()).last_seq;
    const hidden = client.callTool({
      name: 'create_a_missive_post',
      arguments: { conversation: SANDBOX_CONVERSATIONS.ceoThread, text: 'should never arrive' },
    });
    await expect(hidden).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('Unknown tool') });
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toMatchObject({ code: -32602 });
    expect((await sandboxRequests(before)).requests).toEqual([]);
    // Both refusals are counted for the server, not stored as rows.
    const counts = await eventually(async () => {
      const page = await apiJson<{ refused_calls: { unknown_tool: { count: number } } }>(
        `/integrated-account/${account.id}/mcp/${server.id}/logs`,
      );
      return page.refused_calls.unknown_tool.count >= 2 ? page.refused_calls : null;
    }, 'two refused calls');
    expect(counts.unknown_tool.count).toBe(2);
    expect(await auditRows(server.id)).toEqual([]);
    await close();
  });

  it('invalid arguments → an isError result that lists what is wrong, with no upstream call', async () => {
    const { server } = await setupServer();
    const { client, close } = await connect(server.url);
    const before = (await sandboxRequests()).last_seq;
    const result = await client.callTool({
      name: 'list_all_missive_users',
      arguments: { limit: 'ten', bogus: true },
    });
    expect(result.isError).toBe(true);
    const text = (result.content as { type: string; text: string }[])[0]!.text;
    expect(text).toContain('Invalid arguments for list_all_missive_users');
    expect(text).toMatch(/- limit: /);
    expect(text).toMatch(/bogus/);
    expect((await sandboxRequests(before)).requests).toEqual([]);
    await close();
  });

  it('a 429 from Missive is an isError result with retry_after_seconds and Retry-After on the HTTP answer', async () => {
    const { server } = await setupServer({ missiveToken: SANDBOX_TOKENS.tiny });
    const { client, exchanges, close } = await connect(server.url);
    let limited: Awaited<ReturnType<typeof client.callTool>> | null = null;
    for (let i = 0; i < 6 && !limited; i++) {
      const r = await client.callTool({ name: 'list_all_missive_users', arguments: { limit: 1 } });
      if (r.isError) limited = r;
    }
    expect(limited).not.toBeNull();
    expect(JSON.stringify(limited!.structuredContent)).toMatch(/"retry_after_seconds":\d+/);
    const http = exchanges.at(-1)!;
    expect(http.status).toBe(200);
    expect(http.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(http.headers.get('ratelimit-remaining')).toBe('0');
    const rows = await eventually(async () => {
      const r = await auditRows(server.id);
      return r.some((x) => x.outcome === 'rate_limited') ? r : null;
    }, 'a rate_limited audit row');
    expect(rows.find((r) => r.outcome === 'rate_limited')?.upstream_status).toBe(429);

    // The account is now blocked by its governor: the next call fails fast without reaching Missive,
    // and the HTTP answer still says when to come back.
    const before = (await sandboxRequests()).last_seq;
    const blocked = await client.callTool({ name: 'list_all_missive_users', arguments: { limit: 1 } });
    expect(blocked.isError).toBe(true);
    expect(JSON.stringify(blocked.structuredContent)).toMatch(/"retry_after_seconds":\d+/);
    expect((await sandboxRequests(before)).requests).toEqual([]);
    expect(exchanges.at(-1)!.headers.get('retry-after')).toMatch(/^\d+$/);
    await close();
  });
});

describe('audit', () => {
  it('every call writes a redacted row, readable by the owning tenant through the logs route', async () => {
    const { server, account, apiToken } = await setupServer({ config: { methods: ['read', 'write'] } });
    const { client, close } = await connect(server.url);
    const secretText = 'Customer says: my password is hunter2';
    const created = await client.callTool({
      name: 'create_a_missive_post',
      arguments: {
        conversation: SANDBOX_CONVERSATIONS.ceoThread,
        markdown: secretText,
        notification: { title: 'New note', body: 'private notification body' },
      },
    });
    expect(created.isError).toBeFalsy();
    await client.callTool({ name: 'list_all_missive_users', arguments: { limit: 1 } });

    const page = await eventually(async () => {
      const p = await apiJson<{ result: ToolCallView[] }>(`/integrated-account/${account.id}/mcp/${server.id}/logs`, {
        auth: { apiToken: apiToken.token },
      });
      return p.result.length >= 2 ? p : null;
    }, 'two logged calls');
    const post = page.result.find((r) => r.tool === 'create_a_missive_post')!;
    expect(post.outcome).toBe('ok');
    expect(post.upstream_status).toBeGreaterThanOrEqual(200);
    expect(post.request_id).toBeTruthy();
    expect(post.arguments).toEqual({
      conversation: SANDBOX_CONVERSATIONS.ceoThread,
      markdown: `[redacted: ${secretText.length} chars]`,
      notification: '[redacted]',
    });
    const stored = JSON.stringify(await auditRows(server.id));
    expect(stored).not.toContain('hunter2');
    expect(stored).not.toContain('private notification body');
    expect(page.result.find((r) => r.tool === 'list_all_missive_users')?.arguments).toEqual({ limit: 1 });

    // Another tenant cannot read them.
    const other = await createTenant();
    const otherToken = await apiJson<{ token: string }>(`/tenants/${other.id}/api-tokens`, {
      method: 'POST',
      body: { name: 'x' },
    });
    await apiJson(`/integrated-account/${account.id}/mcp/${server.id}/logs`, {
      auth: { apiToken: otherToken.token },
      expect: 404,
    });
    await close();
  });
});

describe('last_used_at', () => {
  const lastUsed = async (id: string) =>
    (
      await env.DB.prepare('SELECT last_used_at FROM mcp_servers WHERE id = ?')
        .bind(id)
        .first<{ last_used_at: string | null }>()
    )?.last_used_at ?? null;

  it('is written after a request, at most once a minute per server', async () => {
    const { server } = await setupServer();
    expect(await lastUsed(server.id)).toBeNull();
    const ping = () => rawPost(server.url, { jsonrpc: '2.0', id: 1, method: 'ping' });
    expect((await ping()).status).toBe(200);
    const first = await eventually(() => lastUsed(server.id), 'last_used_at');
    // Put a marker in the column: a throttled request must not overwrite it.
    await env.DB.prepare('UPDATE mcp_servers SET last_used_at = ? WHERE id = ?').bind('marker', server.id).run();
    expect((await ping()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastUsed(server.id)).toBe('marker');
    // A minute later the next request writes again.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(first) + 61_000);
    expect((await ping()).status).toBe(200);
    vi.useRealTimers();
    const second = await eventually(async () => {
      const v = await lastUsed(server.id);
      return v !== 'marker' ? v : null;
    }, 'a second write');
    expect(Date.parse(second!)).toBeGreaterThan(Date.parse(first));
  });
});
