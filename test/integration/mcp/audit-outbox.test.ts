/**
 * The audit path after a tools/call: the row travels with the permit release in one call to the
 * account authority, waits in its SQLite outbox, and reaches D1 through the object's alarm (or at
 * once when an admin reads the log). Runs the real Durable Object and D1 in workerd.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_FLUSH_DELAY_MS, AUDIT_FLUSH_RETRY_MS } from '../../../src/durable/account-authority';
import { authorityFor } from '../../../src/durable/authority-client';
import { insertToolCalls, type ToolCallRow } from '../../../src/storage/tool-calls';
import { apiJson, setupServer } from '../../helpers/admin-client';
import { connect, eventually, resetSandbox } from './helpers';

beforeAll(async () => {
  await resetSandbox();
});

async function d1Count(serverId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM mcp_tool_calls WHERE server_id = ?')
    .bind(serverId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

function outboxRows(accountId: string) {
  return runInDurableObject(authorityFor(env, accountId), (_instance, state) =>
    state.storage.sql.exec<{ row_json: string }>('SELECT row_json FROM audit_outbox').toArray(),
  );
}

async function callOnce(url: string, name = 'list_all_missive_teams'): Promise<void> {
  const { client, close } = await connect(url);
  const result = await client.callTool({ name, arguments: {} });
  expect(result.isError).toBeFalsy();
  await close();
}

describe('audit outbox', () => {
  it('a tools/call queues its row in the account authority; the alarm writes it to D1 within the flush delay', async () => {
    const { server, account } = await setupServer();
    const before = Date.now();
    await callOnce(server.url);

    const queued = await eventually(async () => {
      const rows = await outboxRows(account.id);
      return rows.length > 0 ? rows : null;
    }, 'a queued audit row');
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]!.row_json)).toMatchObject({
      server_id: server.id,
      account_id: account.id,
      tool: 'list_all_missive_teams',
      outcome: 'ok',
      upstream_status: 200,
    });
    expect(await d1Count(server.id)).toBe(0);

    const stub = authorityFor(env, account.id);
    const alarm = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeGreaterThanOrEqual(before);
    expect(alarm!).toBeLessThanOrEqual(Date.now() + AUDIT_FLUSH_DELAY_MS);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await d1Count(server.id)).toBe(1);
    expect(await outboxRows(account.id)).toHaveLength(0);
    // Nothing left to do: no expiry and an empty outbox leave no alarm behind.
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).toBeNull();
  });

  it('the logs route shows a call made a moment ago (the outbox is written first)', async () => {
    const { server, account, apiToken } = await setupServer();
    await callOnce(server.url);
    await eventually(async () => ((await outboxRows(account.id)).length > 0 ? true : null), 'a queued audit row');
    expect(await d1Count(server.id)).toBe(0);

    const page = await apiJson<{ result: { tool: string }[] }>(
      `/integrated-account/${account.id}/mcp/${server.id}/logs`,
      { auth: { apiToken: apiToken.token } },
    );
    expect(page.result.map((r) => r.tool)).toEqual(['list_all_missive_teams']);
    expect(await outboxRows(account.id)).toHaveLength(0);
  });

  it("flushing keeps the alarm for a server's expiry", async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    const { server, account } = await setupServer({ expires_at: expiresAt.toISOString() });
    await callOnce(server.url);
    await eventually(async () => ((await outboxRows(account.id)).length > 0 ? true : null), 'a queued audit row');
    const stub = authorityFor(env, account.id);
    // The outbox's deadline comes first...
    const flushAlarm = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    expect(flushAlarm!).toBeLessThan(expiresAt.getTime());

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await d1Count(server.id)).toBe(1);
    // ...and once written, the alarm points at the expiry again, which still works.
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).toBe(expiresAt.getTime());
  });
});

describe('audit outbox when D1 fails', () => {
  it('keeps the rows, retries later instead of in a loop, and writes them once D1 answers again', async () => {
    const { server, account } = await setupServer();
    await callOnce(server.url);
    await eventually(async () => ((await outboxRows(account.id)).length > 0 ? true : null), 'a queued audit row');
    const stub = authorityFor(env, account.id);

    const before = Date.now();
    const retryAt = await runInDurableObject(stub, async (instance, state) => {
      const holder = instance as unknown as { env: Record<string, unknown> };
      const realEnv = holder.env;
      holder.env = { ...realEnv, DB: { batch: () => Promise.reject(new Error('D1 is down')) } };
      try {
        await instance.alarm();
      } finally {
        holder.env = realEnv;
      }
      return state.storage.getAlarm();
    });
    expect(await outboxRows(account.id)).toHaveLength(1);
    expect(await d1Count(server.id)).toBe(0);
    expect(retryAt!).toBeGreaterThanOrEqual(before + AUDIT_FLUSH_RETRY_MS);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await d1Count(server.id)).toBe(1);
    expect(await outboxRows(account.id)).toHaveLength(0);
  });
});

describe('insertToolCalls', () => {
  it('writes many rows in a few statements, and a retried flush adds no duplicate', async () => {
    const serverId = `srv_bulk_${crypto.randomUUID().slice(0, 8)}`;
    const rows: ToolCallRow[] = Array.from({ length: 250 }, (_, i) => ({
      id: `call_${serverId}_${i}`,
      server_id: serverId,
      account_id: 'acct_bulk',
      tenant_id: 'ten_bulk',
      tool: 'list_all_missive_teams',
      outcome: i % 2 ? 'ok' : 'error',
      upstream_status: i % 3 ? 200 : null,
      duration_ms: i + 0.4,
      arguments_json: i % 5 ? JSON.stringify({ limit: i, note: 'quote " and \\ backslash' }) : null,
      request_id: i % 7 ? `req_${i}` : null,
      client_request_id: i % 6 ? null : `client_${i}`,
      created_at: new Date(1_700_000_000_000 + i).toISOString(),
      oauth_client_id: i % 4 ? null : 'https://claude.ai/oauth/mcp-oauth-client-metadata',
    }));
    await insertToolCalls(env.DB, rows);
    await insertToolCalls(env.DB, rows.slice(100, 200));
    expect(await d1Count(serverId)).toBe(250);
    const { results } = await env.DB.prepare('SELECT * FROM mcp_tool_calls WHERE server_id = ? ORDER BY created_at')
      .bind(serverId)
      .all<ToolCallRow>();
    // Every column round-trips through the JSON parameter, nulls and numbers included.
    expect(results[3]).toEqual({ ...rows[3], duration_ms: 3 });
    expect(results[10]).toEqual({ ...rows[10], duration_ms: 10, upstream_status: 200, arguments_json: null });
    expect(results[0]).toEqual({ ...rows[0], duration_ms: 0 });
  });
});
