/**
 * What the bench commands (bench/index.ts) share: the benchmark stack (Missive sandbox,
 * gateway and floor Worker, each under its own `wrangler dev`), the MCP requests, the load shapes,
 * and the preparation (demo tenant, an all-tools server, the floor's answer sizes and routes).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SANDBOX_CONVERSATIONS, SANDBOX_TOKENS } from '../../sandbox/src/seed/fixtures.ts';
import { applyLocalMigrations, ensureDevVars, ROOT, run, startWorker } from '../../scripts/local-stack.ts';
import type { StartedWorker } from '../../scripts/local-stack.ts';
import { seedDemo } from '../../scripts/seed-demo.ts';
import { closeAgent, request, type HttpAnswer } from './http.ts';
import { anyWorkerd } from './proc.ts';

export const PORTS = { startup: 8776, gateway: 8777, sandbox: 8778, floor: 8779 };
/** The account governor's budget for the benchmark only (production keeps 5 / 300 / 900). */
export const GOVERNOR_BUDGET = '1000000,1000000,1000000';
const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');

/**
 * How each Worker of the stack is served. Default: wrangler's dev server with the DevTools
 * inspector off (bench/lib/dev-server.ts says why). `inspector: true` is plain `wrangler dev`, whose
 * inspector the V8 profiler of the profile command needs (and `--inspector` of the bench compares).
 */
function launcherFor(inspector: boolean): [string, ...string[]] {
  return inspector
    ? [WRANGLER, 'dev']
    : [path.join(ROOT, 'node_modules/.bin/node'), path.join(ROOT, 'bench/lib/dev-server.ts')];
}

export const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// -------------------------------------------------------------------------------------------------
// The requests
// -------------------------------------------------------------------------------------------------

export const MCP_HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  'MCP-Protocol-Version': '2025-11-25',
};
export const INIT_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

export type Op = 'initialize' | 'tools_list' | 'call_list' | 'call_create';
export const OPS: Op[] = ['initialize', 'tools_list', 'call_list', 'call_create'];

let rpcId = 0;
export function rpcBody(op: Op): string {
  rpcId += 1;
  switch (op) {
    case 'initialize':
      return JSON.stringify({
        jsonrpc: '2.0',
        id: rpcId,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1.0.0' } },
      });
    case 'tools_list':
      return JSON.stringify({ jsonrpc: '2.0', id: rpcId, method: 'tools/list', params: {} });
    case 'call_list':
      return JSON.stringify({
        jsonrpc: '2.0',
        id: rpcId,
        method: 'tools/call',
        params: { name: 'list_all_missive_teams', arguments: {} },
      });
    case 'call_create':
      return JSON.stringify({
        jsonrpc: '2.0',
        id: rpcId,
        method: 'tools/call',
        params: {
          name: 'create_a_missive_post',
          arguments: {
            conversation: SANDBOX_CONVERSATIONS.ceoThread,
            text: 'Benchmark: triage note added by an agent.',
            notification: { title: 'Benchmark', body: 'Triage note added' },
          },
        },
      });
  }
}

export const TOOL_OF: Partial<Record<Op, string>> = {
  call_list: 'list_all_missive_teams',
  call_create: 'create_a_missive_post',
};

/** A Missive request as the sandbox recorded it: replayed by the floor and by the direct client. */
export interface UpstreamSpec {
  method: string;
  path: string;
  query: string;
  body: string | null;
}

export interface Targets {
  gatewayMcp: string;
  floorMcp: string;
  sandboxV1: string;
  padFor: Record<Op, number>;
  upstream: Record<string, UpstreamSpec>;
}

/** A failed answer: HTTP >= 300, or a JSON-RPC error, or an isError tool result. */
export function failed(a: HttpAnswer): boolean {
  return (
    a.status >= 300 || a.text.includes('"isError":true') || a.text.startsWith('{"jsonrpc":"2.0","id":null,"error"')
  );
}

export function sendGateway(t: Targets, op: Op): Promise<HttpAnswer> {
  return request('POST', t.gatewayMcp, op === 'initialize' ? INIT_HEADERS : MCP_HEADERS, rpcBody(op));
}
/** The floor; `io` adds the gateway's storage round trips (KV, Durable Object, D1) without its logic. */
export function sendFloor(t: Targets, op: Op, io = false): Promise<HttpAnswer> {
  const query = new URLSearchParams();
  if (op === 'initialize' || op === 'tools_list') query.set('pad', String(t.padFor[op]));
  if (io) query.set('io', '1');
  const qs = query.size ? `?${query.toString()}` : '';
  return request('POST', t.floorMcp + qs, op === 'initialize' ? INIT_HEADERS : MCP_HEADERS, rpcBody(op));
}
export function sendDirect(t: Targets, op: Op): Promise<HttpAnswer> {
  const spec = t.upstream[TOOL_OF[op] ?? ''];
  if (!spec) throw new Error(`no upstream request recorded for ${op}`);
  const headers: Record<string, string> = {
    Authorization: `Bearer ${SANDBOX_TOKENS.acme}`,
    Accept: 'application/json',
    ...(spec.body === null ? {} : { 'Content-Type': 'application/json' }),
  };
  return request(spec.method, t.sandboxV1 + spec.path + spec.query, headers, spec.body ?? undefined);
}

// -------------------------------------------------------------------------------------------------
// Load shapes
// -------------------------------------------------------------------------------------------------

export interface LoadResult {
  latencies: number[];
  wallMs: number;
  errors: number;
  firstError?: string;
}

/** `n` requests with `concurrency` workers; each worker sends the next one when its answer is complete. */
export async function load(n: number, concurrency: number, send: () => Promise<HttpAnswer>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < n) {
      issued += 1;
      const a = await send();
      latencies.push(a.end - a.start);
      if (failed(a)) {
        errors += 1;
        firstError ??= `${a.status} ${a.text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return { latencies, wallMs: performance.now() - started, errors, firstError };
}

// -------------------------------------------------------------------------------------------------
// Stack
// -------------------------------------------------------------------------------------------------

export interface Stack {
  sandbox: StartedWorker;
  gateway: StartedWorker;
  floor: StartedWorker;
  gatewayStartMs: number;
  vars: Record<string, string>;
}

const started: StartedWorker[] = [];

/** Runs wrangler to completion and returns its output (throws with the output on failure). */
export function wranglerCapture(args: string[]): Promise<string> {
  return run(WRANGLER, args, { quiet: true });
}

/** A Worker frozen for the run: its deployable bundle and a config that serves exactly that bundle. */
export interface Snapshot {
  config: string;
  bundle: string;
  /** `wrangler deploy --dry-run` output (holds the "Total Upload … gzip" line). */
  buildOutput: string;
}

/**
 * Builds `configPath` with `wrangler deploy --dry-run --outdir` and writes a copy of its config
 * that serves the built file with `--no-bundle`. Other helpers edit src/ while benchmarks run:
 * `wrangler dev` on the sources would rebuild and restart mid-measurement (new workerd pids,
 * reset state). A snapshot also means the bundle that is measured is the one that was timed.
 */
export async function snapshotWorker(name: string, configPath: string, tmp: string): Promise<Snapshot> {
  const dir = path.join(tmp, name);
  const outdir = path.join(dir, 'dist');
  mkdirSync(dir, { recursive: true });
  const buildOutput = await wranglerCapture(['deploy', '--dry-run', '-c', configPath, '--outdir', outdir]);
  const configDir = path.dirname(path.resolve(ROOT, configPath));
  let toml = readFileSync(path.resolve(ROOT, configPath), 'utf8');
  const bundle = path.join(outdir, 'index.js');
  toml = toml.replace(/^main\s*=.*$/m, `main = ${JSON.stringify(bundle)}\nno_bundle = true`);
  toml = toml.replace(
    /^(migrations_dir\s*=\s*)"(.*)"$/m,
    (_m, key: string, dirName: string) => `${key}${JSON.stringify(path.resolve(configDir, dirName))}`,
  );
  const config = path.join(dir, 'wrangler.toml');
  writeFileSync(config, toml);
  // .dev.vars is read next to the config; the temp folder is private (mkdtemp, 0700) and removed after the run.
  const devVars = [path.join(configDir, '.dev.vars'), path.join(ROOT, '.dev.vars')].find((f) => existsSync(f));
  if (devVars && configPath !== 'sandbox/wrangler.toml' && !configPath.startsWith('bench/')) {
    copyFileSync(devVars, path.join(dir, '.dev.vars'));
  }
  return { config, bundle, buildOutput };
}

/** Snapshots of the three Workers, built before anything starts. */
export interface Snapshots {
  gateway: Snapshot;
  sandbox: Snapshot;
  floor: Snapshot;
}

/** `gatewayConfig` lets a candidate change (e.g. a patched copy of the repo) be measured before it lands. */
export async function snapshotAll(tmp: string, gatewayConfig = 'wrangler.toml'): Promise<Snapshots> {
  ensureDevVars();
  const [gateway, sandbox, floor] = await Promise.all([
    snapshotWorker('gateway', gatewayConfig, tmp),
    snapshotWorker('sandbox', 'sandbox/wrangler.toml', tmp),
    snapshotWorker('floor', 'bench/floor/wrangler.toml', tmp),
  ]);
  return { gateway, sandbox, floor };
}

export async function startStack(
  stateDir: string,
  snaps: Snapshots,
  opts: { verbose?: boolean; gatewayArgs?: string[]; inspector?: boolean; localObservability?: boolean } = {},
): Promise<Stack> {
  const launcher = launcherFor(opts.inspector === true);
  // wrangler dev's local observability (on unless X_LOCAL_OBSERVABILITY=false) attaches a streaming
  // tail to every Worker and Durable Object it serves and stores each invocation's events in a
  // collector inside the same workerd, so it bills every log line and every RPC to the runtime
  // measured here. It feeds wrangler's local explorer and does not exist on Cloudflare: off,
  // like the DevTools inspector, unless asked for (profile --local-observability).
  const env = { X_LOCAL_OBSERVABILITY: opts.localObservability === true ? 'true' : 'false' };
  const { vars } = ensureDevVars();
  await applyLocalMigrations(stateDir);
  const wlog = opts.verbose ? (line: string) => console.log(line) : undefined;
  // Unless --verbose, each worker's output (the gateway's access lines) goes to a file, not through
  // this process: reading it here would take client CPU from the two cores the workers share.
  const outputFile = (name: string) => (opts.verbose ? undefined : path.join(stateDir, `${name}.log`));
  const start = async (name: string, config: string, port: number, probePath: string, extraArgs: string[]) => {
    const worker = await startWorker({
      name,
      config,
      port,
      probePath,
      extraArgs,
      log: wlog,
      launcher,
      env,
      outputFile: outputFile(name),
    });
    started.push(worker);
    return worker;
  };
  const sandboxV1 = `http://127.0.0.1:${PORTS.sandbox}/v1`;
  const sandbox = await start('sandbox', snaps.sandbox.config, PORTS.sandbox, '/__sandbox/config', [
    '--persist-to',
    path.join(stateDir, 'sandbox'),
  ]);
  const t0 = performance.now();
  const gateway = await start('gateway', snaps.gateway.config, PORTS.gateway, '/healthz', [
    '--persist-to',
    stateDir,
    '--var',
    `MISSIVE_API_BASE:${sandboxV1}`,
    '--var',
    `MISSIVE_GOVERNOR_BUDGET:${GOVERNOR_BUDGET}`,
    ...(opts.gatewayArgs ?? []),
  ]);
  const gatewayStartMs = performance.now() - t0;
  const floor = await start('floor', snaps.floor.config, PORTS.floor, '/healthz', [
    '--persist-to',
    path.join(stateDir, 'floor'),
    '--var',
    `SANDBOX_BASE:${sandboxV1}`,
    '--var',
    `SANDBOX_TOKEN:${SANDBOX_TOKENS.acme}`,
  ]);
  return { sandbox, gateway, floor, gatewayStartMs, vars };
}

export async function adminCall<T>(
  origin: string,
  key: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const a = await request(
    method,
    origin + route,
    { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body === undefined ? undefined : JSON.stringify(body),
  );
  if (a.status >= 300) throw new Error(`${method} ${route} → ${a.status} ${a.text.slice(0, 300)}`);
  return (a.text ? JSON.parse(a.text) : null) as T;
}

/** Mints a server and returns its MCP URL on our gateway origin, with its id. */
export async function mint(stack: Stack, accountId: string, name: string, methods: string[]) {
  const minted = await adminCall<{ id: string; url: string }>(
    stack.gateway.origin,
    stack.vars.ADMIN_API_KEY ?? '',
    'POST',
    `/integrated-account/${accountId}/mcp`,
    { name, config: { methods } },
  );
  return { id: minted.id, url: stack.gateway.origin + new URL(minted.url).pathname };
}

export async function sandboxControl(stack: Stack, method: string, route: string, body?: unknown): Promise<unknown> {
  const a = await request(
    method,
    stack.sandbox.origin + route,
    body === undefined ? {} : { 'Content-Type': 'application/json' },
    body === undefined ? undefined : JSON.stringify(body),
  );
  if (a.status >= 300) throw new Error(`sandbox ${method} ${route} → ${a.status} ${a.text.slice(0, 200)}`);
  return JSON.parse(a.text) as unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
}

/** Sends one gateway tools/call and returns the Missive request it made, as the sandbox recorded it. */
export async function recordUpstream(stack: Stack, t: Targets, op: Op): Promise<UpstreamSpec> {
  await sandboxControl(stack, 'DELETE', '/__sandbox/requests');
  const a = await sendGateway(t, op);
  if (failed(a)) throw new Error(`gateway ${op} failed: ${a.status} ${a.text.slice(0, 400)}`);
  const log = (await sandboxControl(stack, 'GET', '/__sandbox/requests')) as { requests: RecordedRequest[] };
  const v1 = log.requests.filter((r) => r.path.startsWith('/v1/'));
  if (v1.length !== 1) throw new Error(`expected one Missive request for ${op}, saw ${v1.length}`);
  const r = v1[0]!;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query)) for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  const query = qs.toString();
  return {
    method: r.method,
    path: r.path.slice('/v1'.length),
    query: query ? `?${query}` : '',
    body: r.body === null || r.body === undefined ? null : JSON.stringify(r.body),
  };
}

/** Starts the stack and prepares the targets: demo records, an all-tools server, floor sizes and routes. */
export async function prepare(
  stateDir: string,
  tmp: string,
  snaps: Snapshots,
  verbose = false,
  gatewayArgs: string[] = [],
  inspector = false,
  localObservability = false,
) {
  const stack = await startStack(stateDir, snaps, { verbose, gatewayArgs, inspector, localObservability });
  await sandboxControl(stack, 'POST', '/__sandbox/config', {
    limits: { concurrent: 1000, perMinute: 1_000_000, perQuarterHour: 1_000_000 },
  });
  const demo = await seedDemo(stack.gateway.origin, stack.vars, path.join(tmp, 'demo.json'));
  const allTools = await mint(stack, demo.account_id, 'bench all tools', ['read', 'write', 'download', 'merge']);
  const t: Targets = {
    gatewayMcp: allTools.url,
    floorMcp: `${stack.floor.origin}/mcp/floor`,
    sandboxV1: `${stack.sandbox.origin}/v1`,
    padFor: { initialize: 0, tools_list: 0, call_list: 0, call_create: 0 },
    upstream: {},
  };

  // Sizes of the gateway's answers, so the floor answers as many bytes.
  const init = await sendGateway(t, 'initialize');
  const list = await sendGateway(t, 'tools_list');
  if (failed(init) || failed(list)) throw new Error(`gateway initialize/tools/list failed: ${init.text.slice(0, 300)}`);
  t.padFor.initialize = Buffer.byteLength(init.text);
  t.padFor.tools_list = Buffer.byteLength(list.text);
  const toolCount = (JSON.parse(list.text) as { result: { tools: unknown[] } }).result.tools.length;
  log(
    `gateway offers ${toolCount} tools; tools/list answer ${t.padFor.tools_list} bytes, initialize ${t.padFor.initialize} bytes`,
  );

  for (const op of ['call_list', 'call_create'] as const) t.upstream[TOOL_OF[op]!] = await recordUpstream(stack, t, op);
  await request(
    'POST',
    `${stack.floor.origin}/__floor/routes`,
    { 'Content-Type': 'application/json' },
    JSON.stringify(t.upstream),
  );
  for (const op of OPS) {
    for (const io of [false, true]) {
      const a = await sendFloor(t, op, io);
      if (failed(a)) throw new Error(`floor ${op} (io ${io}) failed: ${a.status} ${a.text.slice(0, 300)}`);
    }
  }
  const direct = await sendDirect(t, 'call_list');
  if (direct.status !== 200) throw new Error(`direct sandbox call failed: ${direct.status}`);

  return { stack, targets: t, demo, toolCount };
}

/** Stops every worker this process started and checks that no workerd is left. */
export async function stopAll(): Promise<void> {
  const workers = started.splice(0);
  const pids = workers.flatMap((w) => (w.process.pid ? anyWorkerd(w.process.pid) : []));
  await Promise.all(workers.map((w) => w.stop()));
  let left = pids;
  for (let i = 0; i < 50 && left.length; i++) {
    await sleep(100);
    left = left.filter((pid) => existsSync(`/proc/${pid}`));
  }
  if (left.length) log(`warning: workerd processes still running: ${left.join(', ')}`);
  closeAgent();
}
