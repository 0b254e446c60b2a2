/**
 * D1 Sessions on the admin API and the dashboard: answers carry the session's bookmark, a bookmark
 * handed back gives a listing at least as fresh as the write that produced it, a malformed one is
 * ignored, and /mcp/* never uses a session (the account's Durable Object decides there).
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BOOKMARK_HEADER } from '../../../src/middleware/d1-sessions';
import { apiFetch, GATEWAY_ORIGIN, setupServer } from '../../helpers/admin-client';

describe('D1 sessions', () => {
  it('a write answers with a bookmark; a listing given it sees the write', async () => {
    const created = await apiFetch('/tenants', { body: { name: 'replica-read' } });
    expect(created.status).toBe(201);
    const bookmark = created.headers.get(BOOKMARK_HEADER);
    expect(bookmark).toMatch(/^[0-9a-f-]+$/i);
    const { id } = (await created.json()) as { id: string };

    const listed = await apiFetch('/tenants?limit=100', { headers: { [BOOKMARK_HEADER]: bookmark! } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get(BOOKMARK_HEADER)).toMatch(/^[0-9a-f-]+$/i);
    const page = (await listed.json()) as { result: { id: string }[]; next_cursor: string | null };
    let ids = page.result.map((t) => t.id);
    let cursor = page.next_cursor;
    while (!ids.includes(id) && cursor) {
      const next = (await (await apiFetch(`/tenants?limit=100&cursor=${cursor}`)).json()) as typeof page;
      ids = ids.concat(next.result.map((t) => t.id));
      cursor = next.next_cursor;
    }
    expect(ids).toContain(id);
  });

  it('ignores a malformed bookmark instead of failing the request', async () => {
    for (const bad of ['not a bookmark', 'zz-zz', "1' OR '1'='1", 'a'.repeat(700)]) {
      const res = await apiFetch('/integrated-account', { headers: { [BOOKMARK_HEADER]: bad } });
      expect(res.status).toBe(200);
    }
  });

  it('leaves the MCP endpoint alone', async () => {
    const { server } = await setupServer();
    const res = await exports.default.fetch(server.url.replace(/^https?:\/\/[^/]+/, GATEWAY_ORIGIN), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get(BOOKMARK_HEADER)).toBeNull();
  });

  it('keeps the dashboard bookmark in a cookie scoped to /dashboard', async () => {
    const res = await exports.default.fetch(`${GATEWAY_ORIGIN}/dashboard/sign-in`);
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().filter((c) => c.startsWith('mcpgw_d1_bookmark='));
    // The sign-in page reads nothing from D1; a session only has a bookmark once it has queried.
    for (const cookie of cookies) expect(cookie).toMatch(/Path=\/dashboard/);
  });
});
