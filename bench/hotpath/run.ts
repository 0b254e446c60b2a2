/**
 * `npx node bench/hotpath/run.ts [op] [n] [--prof]`: the gateway's own code on its MCP hot path,
 * in Node, with every binding faked in memory (KV, the account authority, D1, Missive answered by a
 * canned Response). It prints the CPU per request of the gateway's JavaScript alone, the part that
 * `npm run bench` cannot separate from the local storage simulators (they share workerd's thread
 * and confuse its V8 sampler). `--prof` writes a .cpuprofile (node --cpu-prof) of the loop.
 * Node's Request/Response/crypto are JavaScript (undici) where workerd's are native, so absolute
 * figures differ from workerd; use it to find and compare hot spots, not to quote.
 * op: tools_list | call_list | call_create | initialize (default call_list); n default 20000.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDotenv, ensureDevVars, ROOT } from '../../scripts/local-stack.ts';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const op = positional[0] ?? 'call_list';
const n = Number(positional[1] ?? '20000');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'missive-hotpath-'));
const outfile = path.join(tmp, 'gateway.mjs');
await build({
  entryPoints: [path.join(ROOT, 'bench/hotpath/entry.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  outfile,
  mainFields: ['module', 'main'],
  conditions: ['workerd', 'worker', 'import'],
  alias: { 'cloudflare:workers': path.join(ROOT, 'bench/hotpath/cloudflare-workers-stub.ts') },
  logLevel: 'warning',
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const gw: any = await import(pathToFileURL(outfile).href);

ensureDevVars();
const vars = parseDotenv(readFileSync(path.join(ROOT, '.dev.vars'), 'utf8'));
const env: Record<string, unknown> = { ...vars, MISSIVE_API_BASE: 'https://missive.test/v1', LOG_LEVEL: 'info' };
const config = gw.getConfig(env);

const token: string = gw.generateMcpToken();
const tokenHash: string = await gw.hmacTokenHex(config.tokenHmac.current, token);
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
env.TOKEN_INDEX = {
  get: async () => ({ server_id: server.id, account_id: accountId }),
};
const stmt = { bind: () => stmt, run: async () => ({}), first: async () => null, all: async () => ({ results: [] }) };
env.DB = { prepare: () => stmt, batch: async () => [] };

// Missive, answered from memory (the sandbox's shapes).
const teams = JSON.stringify({ teams: [{ id: 't1', name: 'Support', organization: 'org_1' }] });
const post = JSON.stringify({ posts: { id: 'p1', conversation: 'c1' } });
globalThis.fetch = (async (input: RequestInfo | URL) => {
  const url = String(input instanceof Request ? input.url : input);
  const body = url.includes('/posts') ? post : teams;
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '299' },
  });
}) as typeof fetch;
console.log = () => undefined; // the access line is built (and redacted) but not printed

const bodies: Record<string, string> = {
  initialize: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'hotpath', version: '1' } },
  }),
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
const body = bodies[op];
if (!body) throw new Error(`unknown op ${op}`);
const app = gw.createApp();
const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} };
const send = async () => {
  const res: Response = await app.fetch(
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
};

for (let i = 0; i < 2000; i++) await send();
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < n; i++) await send();
const cpu = process.cpuUsage(c0);
const wall = performance.now() - t0;
process.stdout.write(
  `${op}: ${n} requests, CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms/req, wall ${(wall / n).toFixed(3)} ms/req (Node ${process.version})\n`,
);
rmSync(tmp, { recursive: true, force: true });
