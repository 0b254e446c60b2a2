/** A flood of refused calls (unknown tool, invalid arguments) is counted per server and adds no audit rows. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { apiJson, setupServer } from '../../helpers/admin-client';
import { eventually, rawPost } from '../mcp/helpers';

interface RefusedCalls {
  unknown_tool: { count: number; last_at: string | null };
  invalid_arguments: { count: number; last_at: string | null };
  rate_limited: { count: number; last_at: string | null };
}

async function rowCount(serverId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM mcp_tool_calls WHERE server_id = ?')
    .bind(serverId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('refused calls', () => {
  it('a flood of unknown-tool and invalid-argument calls adds no rows, only counts', async () => {
    const { server, account } = await setupServer();
    const big = 'x'.repeat(6_000);
    for (let i = 0; i < 40; i++) {
      const name = i % 2 === 0 ? `no_such_tool_${i}` : 'list_all_missive_users';
      const args = i % 2 === 0 ? { filler: big } : { limit: big };
      const res = await rawPost(server.url, {
        jsonrpc: '2.0',
        id: i,
        method: 'tools/call',
        params: { name, arguments: args },
      });
      expect(res.status).toBe(200);
    }
    const logs = `/integrated-account/${account.id}/mcp/${server.id}/logs`;
    const counts = await eventually(async () => {
      const page = await apiJson<{ result: unknown[]; refused_calls: RefusedCalls }>(logs);
      const c = page.refused_calls;
      return c.unknown_tool.count + c.invalid_arguments.count >= 40 ? page : null;
    }, '40 refused calls');
    expect(counts.refused_calls.unknown_tool.count).toBe(20);
    expect(counts.refused_calls.invalid_arguments.count).toBe(20);
    expect(counts.refused_calls.unknown_tool.last_at).not.toBeNull();
    expect(counts.result).toEqual([]);
    expect(await rowCount(server.id)).toBe(0);
  });
});
