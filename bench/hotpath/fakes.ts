/**
 * In-memory bindings for running the gateway's hot path with no storage and no network: the KV
 * token index, the account authority (answers `authorize` for one server), D1 (accepts anything)
 * and Missive (a canned JSON answer). Shared by the Node harness (node.ts) and the workerd one
 * (worker.ts), so both measure the same thing: the gateway's own code.
 */
// The gateway's modules are passed in (bundled by the caller) so this file imports nothing from src/.
export interface GatewayModules {
  getConfig(env: Record<string, unknown>): {
    tokenHmac: { current: unknown };
    encryption: { current: { version: number } };
  };
  encryptSecret(key: unknown, plaintext: string, associatedData: string): Promise<string>;
  hmacTokenHex(key: unknown, token: string): Promise<string>;
  generateMcpToken(): string;
}

export const MISSIVE_BASE = 'https://missive.test/v1';

export async function fakeEnv(
  gw: GatewayModules,
  vars: Record<string, string>,
): Promise<{ env: Record<string, unknown>; token: string }> {
  const env: Record<string, unknown> = { ...vars, MISSIVE_API_BASE: MISSIVE_BASE, LOG_LEVEL: 'info' };
  const config = gw.getConfig(env);
  const token = gw.generateMcpToken();
  const tokenHash = await gw.hmacTokenHex(config.tokenHmac.current, token);
  const accountId = 'acct_hotpath';
  const sealed = {
    id: accountId,
    tenantId: 'ten_hotpath',
    defaultsJson: JSON.stringify({ organization: 'org_1' }),
    credentialsCiphertext: await gw.encryptSecret(config.encryption.current, 'missive_pat-hotpath', accountId),
    credentialsKeyVersion: config.encryption.current.version,
    updatedAt: new Date().toISOString(),
  };
  const server = {
    id: 'srv_hotpath',
    accountId,
    tenantId: 'ten_hotpath',
    name: 'hot path',
    config: { methods: ['read', 'write', 'download', 'merge'], require_api_token_auth: false },
    expiresAt: null,
  };
  let permits = 0;
  const authority = {
    authorize: async (_serverId: string, hash: string, _now: number, opts: { wantPermit?: boolean }) =>
      hash === tokenHash
        ? { server, account: sealed, permit: opts.wantPermit ? { ok: true, permit: String(++permits) } : null }
        : null,
    finishToolCall: async () => undefined,
    releaseUpstreamSlot: async () => undefined,
    acquireUpstreamSlot: async () => ({ ok: true, permit: String(++permits) }),
  };
  env.ACCOUNT_AUTHORITY = { idFromName: (name: string) => name, get: () => authority };
  env.TOKEN_INDEX = { get: async () => ({ server_id: server.id, account_id: accountId }) };
  const stmt = { bind: () => stmt, run: async () => ({}), first: async () => null, all: async () => ({ results: [] }) };
  env.DB = { prepare: () => stmt, batch: async () => [] };
  // Missive through the service-binding seam the gateway already has (src/missive/upstream.ts).
  const teams = JSON.stringify({ teams: [{ id: 't1', name: 'Support', organization: 'org_1' }] });
  const post = JSON.stringify({ posts: { id: 'p1', conversation: 'c1' } });
  env.MISSIVE_UPSTREAM = {
    fetch: async (input: string) =>
      new Response(String(input).includes('/posts') ? post : teams, {
        status: 200,
        headers: { 'Content-Type': 'application/json', 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '299' },
      }),
  };
  return { env, token };
}

export const BODIES: Record<string, string> = {
  initialize: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'hotpath', version: '1' } },
  }),
  ping: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  tools_list: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  call_list: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'list_all_missive_teams', arguments: {} },
  }),
  call_create: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: {
      name: 'create_a_missive_post',
      arguments: {
        conversation: '3a6d8d7e-5b9a-4b3c-9a52-0c3f2a1b4c5d',
        text: 'Benchmark: triage note added by an agent.',
        notification: { title: 'Benchmark', body: 'Triage note added' },
      },
    },
  }),
};

/** One MCP request through `fetch` (the gateway's app.fetch); throws unless it is a 200 without isError. */
export async function sendOnce(
  fetch: (req: Request, env: unknown, ctx: unknown) => Promise<Response>,
  env: unknown,
  token: string,
  op: string,
): Promise<void> {
  const body = BODIES[op];
  if (!body) throw new Error(`unknown op ${op}`);
  const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} };
  const res = await fetch(
    new Request(`https://gateway.test/mcp/${token}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        ...(op === 'initialize' ? {} : { 'MCP-Protocol-Version': '2025-11-25' }),
      },
      body,
    }),
    env,
    ctx,
  );
  const text = await res.text();
  if (res.status !== 200 || text.includes('"isError":true')) throw new Error(`${res.status} ${text.slice(0, 300)}`);
}
