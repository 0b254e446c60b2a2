/**
 * PATCH of an MCP server's config: `methods` and `tags` are replaced, `require_api_token_auth`
 * left out keeps its value, so narrowing the tools of a bearer-protected server keeps it protected.
 */
import { describe, expect, it } from 'vitest';
import { apiJson, setupServer, type AdminAuth } from '../../helpers/admin-client';
import { rawPost } from '../mcp/helpers';

interface ServerView {
  config: { methods?: string[]; require_api_token_auth: boolean };
}

describe('PATCH config', () => {
  it('keeps require_api_token_auth when the new config leaves it out; an explicit value changes it', async () => {
    const { account, server, apiToken } = await setupServer({ config: { require_api_token_auth: true } });
    const auth: AdminAuth = { apiToken: apiToken.token };
    const path = `/integrated-account/${account.id}/mcp/${server.id}`;
    const ping = () => rawPost(server.url, { jsonrpc: '2.0', id: 1, method: 'ping' });

    const narrowed = await apiJson<ServerView>(path, {
      method: 'PATCH',
      auth,
      body: { config: { methods: ['read'] } },
    });
    expect(narrowed.config).toEqual({ methods: ['read'], require_api_token_auth: true });
    expect((await apiJson<ServerView>(path, { auth })).config.require_api_token_auth).toBe(true);
    expect((await ping()).status).toBe(401);

    const opened = await apiJson<ServerView>(path, {
      method: 'PATCH',
      auth,
      body: { config: { methods: ['read'], require_api_token_auth: false } },
    });
    expect(opened.config.require_api_token_auth).toBe(false);
    expect((await ping()).status).toBe(200);
  });
});
