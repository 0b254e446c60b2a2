/** MCP servers of an integrated account: mint, list, read, update, revoke, rotate, and their tool-call logs. */
import type { Context } from 'hono';
import { getConfig } from '../config';
import { authorityFor } from '../durable/authority-client';
import { GatewayError, notFound } from '../errors';
import { McpServerConfigSchema, patchedAuth, type McpServerConfig } from '../missive/server-config';
import { randomId } from '../security/encoding';
import { hmacTokenHex } from '../security/hmac';
import { generateMcpToken, tokenLast4 } from '../security/mcp-token';
import { getAccount, type Account } from '../storage/accounts';
import {
  getMcpServer,
  insertMcpServer,
  markMcpServersRevoked,
  replaceMcpServerToken,
  updateMcpServer,
  listMcpServers,
  type McpServerRecord,
} from '../storage/mcp-servers';
import { toPage } from '../storage/pagination';
import { deleteTokenIndex, putTokenIndex } from '../storage/token-index';
import { listToolCalls, type ToolCallRow } from '../storage/tool-calls';
import { scopedAccount } from './accounts';
import { audit, idParam, normalizeExpiry, pageParams } from './common';
import { assertAuthConsistent, assertConfigSelectsTools } from './config-check';
import type { AdminEnv, AdminHandler } from './context';
import { ROUTES, type RouteName } from './route-table';
import type { McpServerCreated, McpServerView, ToolCallView } from './schemas';
import { readJsonBody, readQuery } from './validation';

/**
 * The public view of a stored server: never the token, the URL or the hash. A server past its
 * `expires_at` shows as `expired` even before the alarm has marked it so, since the MCP endpoint
 * already refuses it (expiry is enforced at request time).
 */
export function toMcpServerView(s: McpServerRecord, nowMs: number = Date.now()): McpServerView {
  const pastExpiry = s.expires_at !== null && Date.parse(s.expires_at) <= nowMs;
  return {
    id: s.id,
    account_id: s.account_id,
    name: s.name,
    config: s.config,
    status: s.status === 'active' && pastExpiry ? 'expired' : s.status,
    token_last4: s.token_last4,
    expires_at: s.expires_at,
    created_at: s.created_at,
    updated_at: s.updated_at,
    last_used_at: s.last_used_at,
    revoked_at: s.revoked_at,
  };
}

function toToolCallView(row: ToolCallRow): ToolCallView {
  let args: unknown = null;
  if (row.arguments_json !== null) {
    try {
      args = JSON.parse(row.arguments_json);
    } catch {
      args = null;
    }
  }
  return {
    id: row.id,
    tool: row.tool,
    outcome: row.outcome,
    upstream_status: row.upstream_status,
    duration_ms: row.duration_ms,
    arguments: args,
    request_id: row.request_id,
    client_request_id: row.client_request_id ?? null,
    created_at: row.created_at,
  };
}

/** `<origin>/mcp/<token>`: the one place a token is ever shown. */
function mcpUrl(c: Context<AdminEnv>, token: string): string {
  return `${new URL(c.req.url).origin}/mcp/${token}`;
}

/** A fresh token, its HMAC under the current key version, and its last 4 characters. */
async function newToken(c: Context<AdminEnv>) {
  const key = getConfig(c.env).tokenHmac.current;
  const token = generateMcpToken();
  return { token, hash: await hmacTokenHex(key, token), hmacVersion: key.version, last4: tokenLast4(token) };
}

async function scopedServer(c: Context<AdminEnv>): Promise<{ account: Account; server: McpServerRecord }> {
  const account = await scopedAccount(c);
  const serverId = idParam(c, 'mcpId', 'MCP server');
  const server = await getMcpServer(c.env.DB, account.id, serverId);
  if (!server) throw notFound('MCP server');
  return { account, server };
}

/** 409 unless the server is active and not past its expiry (the alarm may not have marked it yet). */
function requireActive(server: McpServerRecord, nowMs = Date.now()): void {
  if (server.status !== 'active') {
    throw new GatewayError(409, 'conflict', `MCP server is ${server.status}`);
  }
  if (server.expires_at !== null && Date.parse(server.expires_at) <= nowMs) {
    throw new GatewayError(409, 'conflict', 'MCP server is expired');
  }
}

/** Handlers of the MCP-server routes. */
export const mcpServerHandlers = {
  createMcpServer: async (c: Context<AdminEnv>) => {
    const account = await scopedAccount(c);
    const body = await readJsonBody(c.req, ROUTES.createMcpServer.body);
    const now = Date.now();
    const requested: McpServerConfig = body.config ?? McpServerConfigSchema.parse({});
    assertConfigSelectsTools(requested);
    const config: McpServerConfig = { ...requested, ...patchedAuth({}, requested) };
    const expiresAt = normalizeExpiry(body.expires_at, now);
    const t = await newToken(c);
    const id = randomId('srv_');
    const created = await insertMcpServer(c.env.DB, {
      id,
      account_id: account.id,
      tenant_id: account.tenant_id,
      name: body.name,
      config,
      token_hash: t.hash,
      token_hmac_version: t.hmacVersion,
      token_last4: t.last4,
      expires_at: expiresAt,
      created_at: new Date(now).toISOString(),
    });
    const authority = authorityFor(c.env, account.id);
    try {
      await authority.registerServer({
        id,
        accountId: account.id,
        tenantId: account.tenant_id,
        name: created.name,
        config,
        tokenHash: t.hash,
        hmacVersion: t.hmacVersion,
        expiresAt,
      });
    } catch (err) {
      // Never leave an "active" D1 row that the authority does not know.
      await markMcpServersRevoked(c.env.DB, [id], new Date().toISOString());
      throw err;
    }
    // Re-check after registering: an account deleted meanwhile has already run revokeAll, so this
    // server would escape it. (Deletion erases the account before it revokes; see accounts.ts.)
    if (!(await getAccount(c.env.DB, account.id, null))) {
      await authority.revokeServer(id);
      await markMcpServersRevoked(c.env.DB, [id], new Date().toISOString());
      throw notFound('Integrated account');
    }
    await putTokenIndex(
      c.env.TOKEN_INDEX,
      t.hmacVersion,
      t.hash,
      { server_id: id, account_id: account.id },
      expiresAt ? Date.parse(expiresAt) : null,
    );
    await audit(c, 'mcp_server.create', { type: 'mcp_server', id, tenantId: account.tenant_id });
    const answer: McpServerCreated = {
      id,
      name: created.name,
      config: created.config,
      expires_at: created.expires_at,
      created_at: created.created_at,
      url: mcpUrl(c, t.token),
    };
    return c.json(answer, 201);
  },

  listMcpServers: async (c: Context<AdminEnv>) => {
    const account = await scopedAccount(c);
    const { cursor, limit } = pageParams(readQuery(c.req.query(), ROUTES.listMcpServers.query));
    const rows = await listMcpServers(c.env.DB, account.id, cursor, limit);
    return c.json(toPage(rows, limit, (row) => toMcpServerView(row)));
  },

  getMcpServer: async (c: Context<AdminEnv>) => {
    const { server } = await scopedServer(c);
    return c.json(toMcpServerView(server));
  },

  updateMcpServer: async (c: Context<AdminEnv>) => {
    const { account, server } = await scopedServer(c);
    const body = await readJsonBody(c.req, ROUTES.updateMcpServer.body);
    requireActive(server);
    if (body.config) assertAuthConsistent(body.config);
    const config: McpServerConfig | undefined = body.config && {
      ...body.config,
      ...patchedAuth(server.config, body.config),
      rate_limit: body.config.rate_limit ?? server.config.rate_limit,
    };
    if (config) assertConfigSelectsTools(config);
    const expiresAt = body.expires_at === undefined ? undefined : normalizeExpiry(body.expires_at, Date.now());
    const patch = { name: body.name, config, expires_at: expiresAt };
    const updated = await updateMcpServer(c.env.DB, account.id, server.id, patch, new Date().toISOString());
    if (!updated || updated.status !== 'active')
      throw new GatewayError(409, 'conflict', 'MCP server is no longer active');
    await authorityFor(c.env, account.id).updateServer(server.id, {
      name: body.name,
      config,
      expiresAt,
    });
    if (expiresAt !== undefined) {
      // Refresh the KV entry's own TTL so it matches the new expiry.
      await putTokenIndex(
        c.env.TOKEN_INDEX,
        updated.token_hmac_version,
        updated.token_hash,
        { server_id: server.id, account_id: account.id },
        expiresAt ? Date.parse(expiresAt) : null,
      );
    }
    await audit(c, 'mcp_server.update', { type: 'mcp_server', id: server.id, tenantId: account.tenant_id });
    return c.json(toMcpServerView(updated));
  },

  revokeMcpServer: async (c: Context<AdminEnv>) => {
    const { account, server } = await scopedServer(c);
    const nowIso = new Date().toISOString();
    if (server.status === 'active') {
      // Authority first: the next MCP request is refused even if D1 or KV below fail.
      const retired = await authorityFor(c.env, account.id).revokeServer(server.id);
      await markMcpServersRevoked(c.env.DB, [server.id], nowIso);
      await deleteTokenIndex(c.env.TOKEN_INDEX, server.token_hmac_version, server.token_hash);
      if (retired && retired.tokenHash !== server.token_hash) {
        await deleteTokenIndex(c.env.TOKEN_INDEX, retired.hmacVersion, retired.tokenHash);
      }
      await audit(c, 'mcp_server.revoke', { type: 'mcp_server', id: server.id, tenantId: account.tenant_id });
    }
    const after = await getMcpServer(c.env.DB, account.id, server.id);
    return c.json(toMcpServerView(after ?? server));
  },

  rotateMcpServer: async (c: Context<AdminEnv>) => {
    const { account, server } = await scopedServer(c);
    requireActive(server);
    const t = await newToken(c);
    // Swap in the authority first: the old token is dead from this line on.
    const retired = await authorityFor(c.env, account.id).rotateServer(server.id, {
      tokenHash: t.hash,
      hmacVersion: t.hmacVersion,
    });
    if (!retired) throw new GatewayError(409, 'conflict', 'MCP server is no longer active');
    const nowIso = new Date().toISOString();
    const replaced = await replaceMcpServerToken(
      c.env.DB,
      account.id,
      server.id,
      { hash: t.hash, hmacVersion: t.hmacVersion, last4: t.last4 },
      nowIso,
    );
    if (!replaced) throw new GatewayError(409, 'conflict', 'MCP server is no longer active');
    await putTokenIndex(
      c.env.TOKEN_INDEX,
      t.hmacVersion,
      t.hash,
      { server_id: server.id, account_id: account.id },
      server.expires_at ? Date.parse(server.expires_at) : null,
    );
    await deleteTokenIndex(c.env.TOKEN_INDEX, retired.hmacVersion, retired.tokenHash);
    if (retired.tokenHash !== server.token_hash) {
      await deleteTokenIndex(c.env.TOKEN_INDEX, server.token_hmac_version, server.token_hash);
    }
    await audit(c, 'mcp_server.rotate', { type: 'mcp_server', id: server.id, tenantId: account.tenant_id });
    const answer: McpServerCreated = {
      id: server.id,
      name: server.name,
      config: server.config,
      expires_at: server.expires_at,
      created_at: server.created_at,
      url: mcpUrl(c, t.token),
    };
    return c.json(answer);
  },

  listToolCalls: async (c: Context<AdminEnv>) => {
    const { account, server } = await scopedServer(c);
    const { cursor, limit } = pageParams(readQuery(c.req.query(), ROUTES.listToolCalls.query));
    // Calls of the last seconds still wait in the account authority's audit outbox: write them
    // first, so the log an admin reads is complete. If that fails, D1's rows are still shown.
    await authorityFor(c.env, account.id)
      .flushAudit()
      .catch((err: unknown) => {
        c.get('log').warn('admin.audit_flush_failed', { error: err instanceof Error ? err.message : String(err) });
      });
    const rows = await listToolCalls(c.env.DB, server.id, cursor, limit);
    // Refused calls are counters in the authority, not rows; null when it cannot be reached.
    const refused = await authorityFor(c.env, account.id)
      .refusedCalls(server.id)
      .catch(() => null);
    return c.json({ ...toPage(rows, limit, toToolCallView), refused_calls: refused });
  },
} satisfies Partial<Record<RouteName, AdminHandler>>;
