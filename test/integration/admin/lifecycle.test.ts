/** The whole control-plane lifecycle through HTTP, as a tenant would drive it. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { listAdminAudit } from '../../../src/storage/audit';
import { insertToolCall } from '../../../src/storage/tool-calls';
import {
  ADMIN,
  DEFAULT_MISSIVE_TOKEN,
  apiFetch,
  apiJson,
  createApiToken,
  createTenant,
  linkAccount,
  mintServer,
  type AccountDto,
  type AdminAuth,
} from '../../helpers/admin-client';

interface Page<T> {
  result: T[];
  next_cursor: string | null;
}

describe('control-plane lifecycle', () => {
  it('tenant → API token → account → MCP server → update → rotate → revoke → delete, with audit', async () => {
    const health = await apiFetch('/healthz', { auth: null });
    expect(health.status).toBe(200);

    const tenant = await createTenant('Acme AI');
    expect(tenant).toMatchObject({ id: expect.stringMatching(/^ten_/), name: 'Acme AI' });
    const listed = await apiJson<Page<{ id: string }>>('/tenants?limit=100');
    expect(listed.result.map((t) => t.id)).toContain(tenant.id);

    const apiToken = await createApiToken(tenant.id, { name: 'backend' });
    expect(apiToken.token.split('.')).toHaveLength(3);
    expect(apiToken.token_last4).toBe(apiToken.token.slice(-4));
    const auth: AdminAuth = { apiToken: apiToken.token };
    expect(await apiJson(`/tenants/${tenant.id}`, { auth })).toMatchObject({ id: tenant.id });

    const tokens = await apiJson<Page<Record<string, unknown>>>(`/tenants/${tenant.id}/api-tokens`, { auth });
    expect(tokens.result).toHaveLength(1);
    expect(tokens.result[0]).not.toHaveProperty('token');

    const account = await linkAccount({
      apiToken: apiToken.token,
      name: 'Customer One',
      defaults: { organization: 'org-1', from_name: 'Support' },
    });
    expect(account).toMatchObject({
      tenant_id: tenant.id,
      name: 'Customer One',
      integration: 'missive',
      defaults: { organization: 'org-1', from_name: 'Support' },
    });
    expect(JSON.stringify(account)).not.toContain(DEFAULT_MISSIVE_TOKEN);
    expect(await apiJson<AccountDto>(`/integrated-account/${account.id}`, { auth })).toEqual(account);

    const patchedAccount = await apiJson<AccountDto>(`/integrated-account/${account.id}`, {
      method: 'PATCH',
      auth,
      body: { name: 'Customer 1', defaults: { team: 'team-9' }, credentials: { api_token: DEFAULT_MISSIVE_TOKEN } },
    });
    expect(patchedAccount).toMatchObject({ name: 'Customer 1', defaults: { team: 'team-9' } });

    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const server = await mintServer(auth, account.id, {
      name: 'support bot',
      config: { methods: ['read'], tags: ['conversations'] },
      expires_at: expiresAt,
    });
    expect(server).toMatchObject({
      id: expect.stringMatching(/^srv_/),
      name: 'support bot',
      config: { methods: ['read'], tags: ['conversations'], require_api_token_auth: false },
      expires_at: expiresAt,
      url: `https://gateway.test/mcp/${server.token}`,
    });

    const servers = await apiJson<Page<Record<string, unknown>>>(`/integrated-account/${account.id}/mcp`, { auth });
    expect(servers.result).toHaveLength(1);
    const view = servers.result[0]!;
    expect(view).toMatchObject({
      id: server.id,
      status: 'active',
      token_last4: server.token.slice(-4),
      last_used_at: null,
    });
    expect(view).not.toHaveProperty('url');
    expect(JSON.stringify(view)).not.toContain(server.token);

    const patched = await apiJson<Record<string, unknown>>(`/integrated-account/${account.id}/mcp/${server.id}`, {
      method: 'PATCH',
      auth,
      body: { name: 'renamed', config: { methods: ['write'], require_api_token_auth: true } },
    });
    expect(patched).toMatchObject({ name: 'renamed', config: { methods: ['write'], require_api_token_auth: true } });

    const rotated = await apiJson<{ url: string }>(`/integrated-account/${account.id}/mcp/${server.id}/rotate`, {
      method: 'POST',
      auth,
      expect: 200,
    });
    expect(rotated.url).not.toBe(server.url);

    const revoked = await apiJson<{ status: string; revoked_at: string }>(
      `/integrated-account/${account.id}/mcp/${server.id}`,
      { method: 'DELETE', auth },
    );
    expect(revoked.status).toBe('revoked');
    expect(revoked.revoked_at).toBeTruthy();

    await apiJson(`/integrated-account/${account.id}`, { method: 'DELETE', auth });
    expect((await apiFetch(`/integrated-account/${account.id}`, { auth })).status).toBe(404);

    const actions = (await listAdminAudit(env.DB, tenant.id)).map((r) => r.action).reverse();
    expect(actions).toEqual([
      'tenant.create',
      'api_token.create',
      'integrated_account.create',
      'integrated_account.update_credentials',
      'mcp_server.create',
      'mcp_server.update',
      'mcp_server.rotate',
      'mcp_server.revoke',
      'integrated_account.delete',
    ]);
    const audit = await listAdminAudit(env.DB, tenant.id);
    expect(audit.find((r) => r.action === 'tenant.create')).toMatchObject({ actor_type: 'admin', actor_id: null });
    expect(audit.find((r) => r.action === 'mcp_server.rotate')).toMatchObject({
      actor_type: 'api_token',
      actor_id: apiToken.id,
      target_id: server.id,
    });
  });

  it('revoking an API token takes effect on the next request', async () => {
    const tenant = await createTenant();
    const keep = await createApiToken(tenant.id, { name: 'keep' });
    const drop = await createApiToken(tenant.id, { name: 'drop' });
    expect((await apiFetch('/integrated-account', { auth: { apiToken: drop.token } })).status).toBe(200);
    // A tenant token may revoke its own tenant's tokens.
    const revoked = await apiJson<{ revoked_at: string | null }>(`/tenants/${tenant.id}/api-tokens/${drop.id}`, {
      method: 'DELETE',
      auth: { apiToken: keep.token },
    });
    expect(revoked.revoked_at).toBeTruthy();
    const denied = await apiFetch('/integrated-account', { auth: { apiToken: drop.token } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('WWW-Authenticate')).toBe('Bearer realm="missive-mcp-gateway", error="invalid_token"');
    expect((await apiFetch('/integrated-account', { auth: { apiToken: keep.token } })).status).toBe(200);
  });

  it('an API token with an expiry stops working after it', async () => {
    const tenant = await createTenant();
    const now = Date.now();
    const token = await createApiToken(tenant.id, { expires_at: new Date(now + 61_000).toISOString() });
    expect(token.expires_at).toBe(new Date(now + 61_000).toISOString());
    const { verifyApiToken } = await import('../../../src/security/api-tokens');
    expect(await verifyApiToken(env, token.token, new Date(now))).toEqual({ tenantId: tenant.id, tokenId: token.id });
    expect(await verifyApiToken(env, token.token, new Date(now + 62_000))).toBeNull();
  });

  it('paginates accounts, servers and tool-call logs with opaque cursors', async () => {
    const tenant = await createTenant();
    const accounts: AccountDto[] = [];
    for (let i = 0; i < 3; i++) accounts.push(await linkAccount({ tenantId: tenant.id, name: `acct ${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/integrated-account?tenant_id=${tenant.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page<{ id: string }> = await apiJson<Page<{ id: string }>>(q);
      expect(page.result.length).toBeLessThanOrEqual(2);
      seen.push(...page.result.map((a) => a.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(accounts.map((a) => a.id));

    const account = accounts[0]!;
    const server = await mintServer(ADMIN, account.id);
    for (let i = 0; i < 5; i++) {
      await insertToolCall(env.DB, {
        server_id: server.id,
        account_id: account.id,
        tenant_id: tenant.id,
        tool: `tool_${i}`,
        outcome: i === 3 ? 'rate_limited' : 'ok',
        upstream_status: i === 3 ? 429 : 200,
        duration_ms: 10 + i,
        arguments_json: JSON.stringify({ i }),
        request_id: `req-${i}`,
        created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      });
    }
    const logsPath = `/integrated-account/${account.id}/mcp/${server.id}/logs`;
    const first = await apiJson<Page<{ tool: string; arguments: unknown; outcome: string }>>(`${logsPath}?limit=3`);
    expect(first.result.map((r) => r.tool)).toEqual(['tool_4', 'tool_3', 'tool_2']);
    expect(first.result[1]).toMatchObject({ outcome: 'rate_limited', arguments: { i: 3 } });
    const second = await apiJson<Page<{ tool: string }>>(`${logsPath}?limit=3&cursor=${first.next_cursor}`);
    expect(second.result.map((r) => r.tool)).toEqual(['tool_1', 'tool_0']);
    expect(second.next_cursor).toBeNull();
  });

  it('serves an OpenAPI 3.1 document without authentication', async () => {
    const res = await apiFetch('/openapi.json', { auth: null });
    expect(res.status).toBe(200);
    const doc = await res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/integrated-account/{accountId}/mcp/{mcpId}/rotate');
  });
});
