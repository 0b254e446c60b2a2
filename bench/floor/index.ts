/**
 * The floor Worker of `npm run bench`: what any MCP proxy on Workers must at least spend.
 * - `tools/call`: parse the JSON-RPC body, send the same Missive request the gateway sends
 *   (recorded from the sandbox by the bench and installed with POST /__floor/routes) to the
 *   sandbox, and wrap the answer's text in a JSON-RPC result. No auth, no validation, no state.
 * - anything else (`initialize`, `tools/list`): a constant JSON-RPC result padded to `?pad=N`
 *   bytes, so the answer is as large as the gateway's and serialization costs the same.
 * - `?io=1` ("floor + I/O"): the same answers after exactly the storage round trips of the gateway's
 *   request path, on the same local simulators, with no logic around them: the KV token-index read
 *   once per isolate (the gateway keeps entries per isolate), then ONE Durable Object RPC that checks
 *   the server in the object's SQLite, returns the account row and, for tools/call, takes a permit;
 *   for tools/call, after the answer (waitUntil), one more RPC that releases the permit and queues an
 *   audit row in the object's SQLite, which the object's alarm writes to D1 in batches every 2 s.
 * - `?one=log|kv|do|do_big|do_obj|d1r|d1w|hmac|aes`: exactly one extra operation (a log line, a KV read,
 *   a Durable Object RPC: with one SQLite read, answering an authorize()-sized object, or taking an
 *   audit-row-sized argument; a D1 read or insert, an HMAC-SHA256 or AES-GCM decryption), so `npm run bench -- profile --ops` can price each kind on its own.
 * Plain Worker APIs only, no dependencies.
 */
import { DurableObject } from 'cloudflare:workers';

interface KvLike {
  get(key: string, type: 'json'): Promise<unknown>;
  put(key: string, value: string): Promise<void>;
}
interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  first(): Promise<unknown>;
  run(): Promise<unknown>;
}
interface D1Like {
  prepare(sql: string): D1Statement;
  exec(sql: string): Promise<unknown>;
}
interface FloorObjectRpc {
  bigAnswer(): Promise<unknown>;
  takeObject(o: unknown): Promise<void>;
  check(serverId: string): Promise<Record<string, unknown> | null>;
  checkWithAccount(serverId: string, acquire: boolean): Promise<{ server: unknown; account: unknown; permit: string }>;
  finish(permit: string, auditJson: string): Promise<void>;
}
interface DoNamespaceLike {
  idFromName(name: string): unknown;
  get(id: unknown): FloorObjectRpc;
}
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

interface FloorEnv {
  FLOOR_KV: KvLike;
  FLOOR_DB: D1Like;
  FLOOR_DO: DoNamespaceLike;
  /** The sandbox's /v1 base, e.g. http://127.0.0.1:8778/v1. */
  SANDBOX_BASE: string;
  /** The sandbox token the gateway's account uses (a sandbox fixture, not a secret). */
  SANDBOX_TOKEN: string;
}

/** One recorded Missive request: method, path below /v1, query string ('' or '?a=b') and JSON body text. */
interface UpstreamSpec {
  method: string;
  path: string;
  query: string;
  body: string | null;
}

const routes = new Map<string, UpstreamSpec>();
const paddedResults = new Map<number, string>();

function json(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

/** A result object whose serialized form is about `size` bytes (built once per size). */
function paddedResult(size: number): string {
  let result = paddedResults.get(size);
  if (result === undefined) {
    result = JSON.stringify({ pad: 'x'.repeat(Math.max(0, size - 40)) });
    paddedResults.set(size, result);
  }
  return result;
}

interface RpcMessage {
  id?: string | number | null;
  method?: string;
  params?: { name?: string };
}

/** The account's object: one SQLite row per server, and a trivial in-memory permit counter. */
export class FloorObject extends DurableObject<FloorEnv> {
  private permits = 0;

  constructor(ctx: unknown, env: FloorEnv) {
    super(ctx, env);
    this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS servers (id TEXT PRIMARY KEY, status TEXT, config TEXT)');
    this.ctx.storage.sql.exec("INSERT OR IGNORE INTO servers VALUES ('s1', 'active', '{\"methods\":[\"read\"]}')");
    this.ctx.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS account (id TEXT PRIMARY KEY, credential TEXT, defaults_json TEXT)',
    );
    this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, row_json TEXT)');
    this.ctx.storage.sql.exec(
      'INSERT OR IGNORE INTO account VALUES (\'a1\', ?, \'{"organization":"o1"}\')',
      'x'.repeat(120),
    );
  }

  /** The hot path's one RPC: live check + account + (for tools/call) a governor permit. */
  async checkWithAccount(
    serverId: string,
    acquire: boolean,
  ): Promise<{ server: unknown; account: unknown; permit: string }> {
    const server = this.ctx.storage.sql.exec('SELECT * FROM servers WHERE id = ?', serverId).toArray()[0] ?? null;
    const account = this.ctx.storage.sql.exec("SELECT * FROM account WHERE id = 'a1'").toArray()[0] ?? null;
    if (acquire) this.permits += 1;
    return { server, account, permit: acquire ? String(this.permits) : '' };
  }

  /** An answer shaped like the gateway's authorize(): server with config, sealed account, permit. */
  async bigAnswer(): Promise<unknown> {
    return {
      server: {
        id: 'srv_0123456789abcdef01234567',
        accountId: 'acct_0123456789abcdef01234567',
        tenantId: 'ten_0123456789abcdef01234567',
        name: 'Support agent',
        config: { methods: ['read', 'write'], tags: ['conversations', 'posts'], require_api_token_auth: false },
        expiresAt: null,
      },
      account: {
        id: 'acct_0123456789abcdef01234567',
        tenantId: 'ten_0123456789abcdef01234567',
        defaultsJson: '{"organization":"0d9bab85-a74f-4ece-9142-0f9b9f36ff92"}',
        credentialsCiphertext: 'v1.' + 'x'.repeat(16) + '.' + 'y'.repeat(80),
        credentialsKeyVersion: 1,
        updatedAt: '2026-11-22T02:00:00.000Z',
      },
      permit: { ok: true, permit: 'mhx1.2a' },
    };
  }

  /** Takes an object argument shaped like the gateway's audit row (and drops it). */
  async takeObject(_o: unknown): Promise<void> {}

  async check(serverId: string): Promise<Record<string, unknown> | null> {
    return this.ctx.storage.sql.exec('SELECT * FROM servers WHERE id = ?', serverId).toArray()[0] ?? null;
  }

  /** After a tools/call: the permit's release and the audit row, queued for the alarm's batched D1 write. */
  async finish(permit: string, auditJson: string): Promise<void> {
    if (permit) this.permits -= 1;
    const wasEmpty = this.ctx.storage.sql.exec('SELECT 1 FROM outbox LIMIT 1').toArray().length === 0;
    this.ctx.storage.sql.exec('INSERT INTO outbox (row_json) VALUES (?)', auditJson);
    if (wasEmpty) await this.ctx.storage.setAlarm(Date.now() + 2_000);
  }

  override async alarm(): Promise<void> {
    const rows = this.ctx.storage.sql.exec('SELECT * FROM outbox').toArray() as { id: number; row_json: string }[];
    if (rows.length === 0) return;
    await this.env.FLOOR_DB.prepare(
      `INSERT INTO calls (server_id, tool, status, created_at)
       SELECT value ->> 'server_id', value ->> 'tool', value ->> 'status', value ->> 'created_at' FROM json_each(?1)`,
    )
      .bind(`[${rows.map((r) => r.row_json).join(',')}]`)
      .run();
    this.ctx.storage.sql.exec('DELETE FROM outbox WHERE id <= ?', rows[rows.length - 1]!.id);
  }
}

const TOKEN_KEY = 'mcp:v1:floor';
const AUDIT_LIKE = {
  permit: { permit: 'mhx1.2a', observed: {} },
  audit: [
    {
      id: 'call_0123456789abcdef01234567',
      server_id: 'srv_0123456789abcdef01234567',
      account_id: 'acct_0123456789abcdef01234567',
      tenant_id: 'ten_0123456789abcdef01234567',
      tool: 'create_a_missive_post',
      outcome: 'ok',
      upstream_status: 201,
      duration_ms: 4,
      arguments_json:
        '{"conversation":"3a6d8d7e-5b9a-4b3c-9a52-0c3f2a1b4c5d","text":"[redacted: 41 chars]","notification":"[redacted]"}',
      request_id: '6f852694-16dd-4cb3-ae4f-0306c3637ec5',
      created_at: '2026-11-22T02:25:56.510Z',
    },
  ],
};

// `?one=hmac|aes`: one WebCrypto operation with a key imported once per isolate (as the gateway does).
const IV = new Uint8Array(12);
let hmacKeyPromise: Promise<CryptoKey> | null = null;
let aesKeyPromise: Promise<CryptoKey> | null = null;
let sealedPromise: Promise<ArrayBuffer> | null = null;
const hmacKey = () =>
  (hmacKeyPromise ??= crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]));
const aesKey = () =>
  (aesKeyPromise ??= crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]));
const sealed = async () =>
  (sealedPromise ??= crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: IV },
    await aesKey(),
    new TextEncoder().encode('missive_pat-' + 'x'.repeat(40)),
  ));
/** The token-index entry, kept per isolate after the first read (as the gateway's index cache does). */
let tokenEntry: { account_id: string } | null = null;

async function setUpStorage(env: FloorEnv): Promise<void> {
  await env.FLOOR_KV.put(TOKEN_KEY, JSON.stringify({ server_id: 's1', account_id: 'a1' }));
  await env.FLOOR_DB.exec(
    'CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, name TEXT, credential TEXT, defaults_json TEXT)',
  );
  await env.FLOOR_DB.exec(
    'CREATE TABLE IF NOT EXISTS calls (id INTEGER PRIMARY KEY, server_id TEXT, tool TEXT, status INTEGER, created_at TEXT)',
  );
  await env.FLOOR_DB.prepare('INSERT OR IGNORE INTO accounts VALUES (?, ?, ?, ?)')
    .bind('a1', 'Acme', 'x'.repeat(120), '{"organization":"o1"}')
    .run();
}

async function handleMcp(request: Request, url: URL, env: FloorEnv, ctx: ExecutionContextLike): Promise<Response> {
  const message = JSON.parse(await request.text()) as RpcMessage;
  const id = JSON.stringify(message.id ?? null);
  const io = url.searchParams.get('io') === '1';
  let stub: FloorObjectRpc | null = null;
  let permit = '';
  // `?one=<op>`: exactly one extra operation, to price each kind on its own (the profile command's --ops).
  const one = url.searchParams.get('one');
  if (one === 'log')
    console.log(
      JSON.stringify({
        level: 'info',
        msg: 'floor.request',
        request_id: crypto.randomUUID(),
        path: url.pathname,
        status: 200,
        duration_ms: 3,
      }),
    );
  if (one === 'kv') await env.FLOOR_KV.get(TOKEN_KEY, 'json');
  if (one === 'do') await env.FLOOR_DO.get(env.FLOOR_DO.idFromName('a1')).check('s1');
  if (one === 'd1w')
    await env.FLOOR_DB.prepare('INSERT INTO calls (server_id, tool, status, created_at) VALUES (?, ?, ?, ?)')
      .bind('s1', 'x', 200, new Date().toISOString())
      .run();
  if (one === 'd1r') await env.FLOOR_DB.prepare('SELECT * FROM accounts WHERE id = ?').bind('a1').first();
  if (one === 'do_big') await env.FLOOR_DO.get(env.FLOOR_DO.idFromName('a1')).bigAnswer();
  if (one === 'do_obj') await env.FLOOR_DO.get(env.FLOOR_DO.idFromName('a1')).takeObject(AUDIT_LIKE);
  if (one === 'hmac') await crypto.subtle.sign('HMAC', await hmacKey(), new TextEncoder().encode(url.pathname));
  if (one === 'aes') await crypto.subtle.decrypt({ name: 'AES-GCM', iv: IV }, await aesKey(), await sealed());
  if (io) {
    tokenEntry ??= (await env.FLOOR_KV.get(TOKEN_KEY, 'json')) as { account_id: string } | null;
    stub = env.FLOOR_DO.get(env.FLOOR_DO.idFromName(tokenEntry?.account_id ?? 'a1'));
    permit = (await stub.checkWithAccount('s1', message.method === 'tools/call')).permit;
  }
  if (message.method !== 'tools/call') {
    const pad = Number(url.searchParams.get('pad') ?? '0');
    return json(`{"jsonrpc":"2.0","id":${id},"result":${paddedResult(Number.isFinite(pad) ? pad : 0)}}`);
  }
  const spec = routes.get(message.params?.name ?? '');
  if (!spec) return json(`{"jsonrpc":"2.0","id":${id},"error":{"code":-32602,"message":"unknown tool"}}`);
  const headers: Record<string, string> = { Authorization: `Bearer ${env.SANDBOX_TOKEN}`, Accept: 'application/json' };
  if (spec.body !== null) headers['Content-Type'] = 'application/json';
  const upstream = await fetch(env.SANDBOX_BASE + spec.path + spec.query, {
    method: spec.method,
    headers,
    body: spec.body,
  });
  const text = await upstream.text();
  if (stub) {
    const audit = {
      server_id: 's1',
      tool: message.params?.name ?? '',
      status: upstream.status,
      created_at: new Date().toISOString(),
    };
    ctx.waitUntil(stub.finish(permit, JSON.stringify(audit)));
  }
  return json(
    JSON.stringify({
      jsonrpc: '2.0',
      id: message.id ?? null,
      result: { content: [{ type: 'text', text }], isError: !upstream.ok },
    }),
  );
}

export default {
  async fetch(request: Request, env: FloorEnv, ctx: ExecutionContextLike): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/healthz') return json('{"ok":true}');
    if (request.method === 'POST' && url.pathname === '/__floor/routes') {
      const table = (await request.json()) as Record<string, UpstreamSpec>;
      routes.clear();
      for (const [name, spec] of Object.entries(table)) routes.set(name, spec);
      await setUpStorage(env);
      return json(JSON.stringify({ ok: true, routes: routes.size }));
    }
    if (request.method === 'POST' && url.pathname.startsWith('/mcp/')) return handleMcp(request, url, env, ctx);
    return json('{"error":"not_found"}', 404);
  },
};
