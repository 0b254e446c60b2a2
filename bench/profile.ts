/**
 * `npm run bench -- profile [op] [n]` (bench/index.ts): starts the
 * benchmark stack, samples the gateway isolate's JavaScript with the V8 CPU profiler (through
 * `wrangler dev`'s inspector) while it serves `n` sequential requests of one kind, and prints
 * where the time goes (self time by function, and inclusive time of a few hot frames). The
 * .cpuprofile is kept in the temp folder it prints, for Chrome DevTools.
 * op: initialize | tools_list | call_list | call_create (default call_list); n default 200.
 * `--ops` prices single operations (one log line, KV read, Durable Object RPC, D1 read, D1 insert) on
 * the floor's tools/call, 3 rounds of n each. `--inspector` serves every Worker with plain `wrangler dev`
 * (DevTools inspector attached) in the CPU modes too. `--local-observability` keeps wrangler dev's local
 * observability collector on (the benchmark turns it off; see startStack in lib/setup.ts). `--perf`
 * records the whole runtime with Linux `perf` (native frames included) for the gateway, floor + I/O
 * and the floor, n requests of op each, and prints the frames with the most inclusive time.
 * `--var NAME:VALUE` (repeatable) adds a gateway var, e.g. `--var LOG_LEVEL:warn` to see what
 * logging costs; `--cpu-only` skips the profiler and prints runtime workerd CPU per request for a
 * ladder of requests (floor, gateway /healthz, bad token, ping, then every op for floor, floor + I/O
 * and gateway), n each. `--gateway-config <path>` builds the gateway from another wrangler config,
 * e.g. a patched copy of the repository, to size a candidate change before it lands.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request, type HttpAnswer } from './lib/http.ts';
import { cpuMs, workerdDescendants } from './lib/proc.ts';
import {
  load,
  log,
  MCP_HEADERS,
  OPS,
  prepare,
  sendFloor,
  sendGateway,
  snapshotAll,
  stopAll,
  type Op,
} from './lib/setup.ts';

const INSPECTOR_PORT = 9777;
const argv = process.argv.slice(2);
const extraVars: string[] = [];
for (let i = argv.indexOf('--var'); i >= 0; i = argv.indexOf('--var'))
  extraVars.push('--var', ...argv.splice(i, 2).slice(1));
const cpuOnly = argv.includes('--cpu-only');
// `--ops`: the price of one storage or log operation each, added alone to the floor's tools/call.
const opsOnly = argv.includes('--ops');
// `--inspector`: serve with plain `wrangler dev` (DevTools inspector attached) in the CPU ladders too.
const inspectorFlag = argv.includes('--inspector');
// `--local-observability`: keep wrangler dev's local observability collector on (see startStack).
const localObservability = argv.includes('--local-observability');
// `--perf`: `perf record` the whole runtime workerd (native frames too: the runtime, its simulators,
// V8) while it serves n requests of op, for the gateway, floor + I/O and the floor.
const perfMode = argv.includes('--perf');
// `--gateway-config <path>`: measure the gateway built from another config (e.g. a patched copy of the repo).
const gcIndex = argv.indexOf('--gateway-config');
const gatewayConfig = gcIndex >= 0 ? argv.splice(gcIndex, 2)[1]! : 'wrangler.toml';
const positional = argv.filter((a) => !a.startsWith('--'));
const op = (positional[0] ?? 'call_list') as Op;
const n = Number(positional[1] ?? '200');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools Protocol client over the global WebSocket (Node 22). */
async function cdp(url: string) {
  // wrangler's inspector proxy wants a local Origin (undici's WebSocket accepts extra headers).
  const ws = new WebSocket(url, { headers: { Origin: 'http://localhost' } } as unknown as string[]);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', reject, { once: true });
  });
  let id = 0;
  const pending = new Map<number, (v: unknown) => void>();
  ws.addEventListener('message', (ev: MessageEvent) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.error ? { error: msg.error } : msg.result);
  });
  return {
    send: (method: string, params: Record<string, unknown> = {}) =>
      new Promise<unknown>((resolve) => {
        id += 1;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

function summarise(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((sample, i) => selfUs.set(sample, (selfUs.get(sample) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [nodeId, us] of selfUs) {
    const node = byId.get(nodeId)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = nodeId; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(
        ([l, us]) =>
          `  ${(us / 1000 / n).toFixed(3).padStart(7)} ms/req  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${l}`,
      )
      .join('\n');
  return `sampled ${(total / 1000).toFixed(0)} ms over ${n} requests = ${(total / 1000 / n).toFixed(2)} ms/req (idle/program included)\n\nSELF time:\n${top(self, 35)}\n\nINCLUSIVE time:\n${top(incl, 45)}`;
}

/** Runtime CPU per request of `pids` over n sequential requests (after 20 warm-up ones), the p50 and failures. */
async function runtimeCpuPerRequest(pids: number[], send: () => Promise<HttpAnswer>) {
  await load(20, 1, send);
  const c0 = cpuMs(pids);
  const res = await load(n, 1, send);
  await new Promise((r) => setTimeout(r, 40));
  const p50 = [...res.latencies].sort((a, b) => a - b)[Math.floor(res.latencies.length / 2)] ?? Number.NaN;
  return { cpu: (cpuMs(pids) - c0) / n, p50, errors: res.errors };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'missive-profile-'));

/**
 * `--perf`: samples the runtime's threads (2 kHz, call graphs) during n requests, then prints the
 * frames with the most inclusive time. JavaScript frames are named when the runtime was started
 * with MINIFLARE_WORKERD_V8_FLAGS="--perf-basic-prof --interpreted-frames-native-stack".
 */
async function perfRecord(name: string, pids: number[], send: () => Promise<HttpAnswer>): Promise<void> {
  await load(50, 1, send);
  const data = path.join(tmp, `${name}.perf.data`);
  const perf = spawn('perf', ['record', '-F', '2000', '-g', '-o', data, '-p', pids.join(',')], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => perf.on('exit', resolve));
  perf.on('error', (err) => console.error(`perf record failed (is perf installed?): ${err.message}`));
  await new Promise((r) => setTimeout(r, 500));
  const c0 = cpuMs(pids);
  const res = await load(n, 1, send);
  const cpu = (cpuMs(pids) - c0) / n;
  perf.kill('SIGINT');
  await exited;
  const report = spawnSync('perf', ['report', '-i', data, '--children', '--sort', 'symbol', '-g', 'none', '--stdio'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const top = (report.stdout ?? '')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .slice(0, 40)
    .map((l) => l.slice(0, 180));
  console.log(`\n== ${name} ${op}: ${cpu.toFixed(2)} ms/req runtime CPU under perf (${res.errors} failed); ${data}`);
  console.log(top.join('\n'));
}

async function main() {
  const snaps = await snapshotAll(tmp, gatewayConfig);
  const inspector = inspectorFlag || !(cpuOnly || opsOnly || perfMode);
  const { stack, targets } = await prepare(
    path.join(tmp, 'state'),
    tmp,
    snaps,
    false,
    [...(inspector ? ['--inspector-port', String(INSPECTOR_PORT)] : []), ...extraVars],
    inspector,
    localObservability,
  );
  if (perfMode) {
    const gw = workerdDescendants(stack.gateway.process.pid!).runtime;
    const fl = workerdDescendants(stack.floor.process.pid!).runtime;
    for (const [name, pids, send] of [
      ['gateway', gw, () => sendGateway(targets, op)],
      ['floor-io', fl, () => sendFloor(targets, op, true)],
      ['floor', fl, () => sendFloor(targets, op)],
    ] as const) {
      await perfRecord(name, pids, send);
    }
    return;
  }
  if (opsOnly) {
    const fl = workerdDescendants(stack.floor.process.pid!).runtime;
    const base = () => sendFloor(targets, 'call_list');
    const withOne = (one: string) => () =>
      request(
        'POST',
        `${targets.floorMcp}?one=${one}`,
        MCP_HEADERS,
        '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_all_missive_teams","arguments":{}}}',
      );
    for (let round = 0; round < 3; round += 1) {
      for (const [name, send] of [
        ['floor call_list', base],
        ...['log', 'kv', 'do', 'do_big', 'do_obj', 'd1r', 'd1w', 'hmac', 'aes'].map(
          (o) => [`floor + one ${o}`, withOne(o)] as const,
        ),
      ] as const) {
        const m = await runtimeCpuPerRequest(fl, send);
        console.log(`${name.padEnd(22)} ${m.cpu.toFixed(2)} ms/req (${m.errors} failed)`);
      }
    }
    return;
  }
  if (cpuOnly) {
    // Ladders of work, cheapest first, so the differences say what each step costs.
    const gw = workerdDescendants(stack.gateway.process.pid!).runtime;
    const fl = workerdDescendants(stack.floor.process.pid!).runtime;
    const ping = '{"jsonrpc":"2.0","id":1,"method":"ping"}';
    const callBody = (name: string, args: Record<string, unknown>) =>
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });
    const cases: [string, number[], () => Promise<HttpAnswer>][] = [
      ['floor /healthz', fl, () => request('GET', `${stack.floor.origin}/healthz`, {})],
      ['gateway /healthz', gw, () => request('GET', `${stack.gateway.origin}/healthz`, {})],
      ['gateway /mcp/<bad token> 404', gw, () => request('POST', `${stack.gateway.origin}/mcp/x`, MCP_HEADERS, ping)],
      ['gateway ping', gw, () => request('POST', targets.gatewayMcp, MCP_HEADERS, ping)],
      // tools/call cut short at each step: unknown tool (SDK + audit row, -32602), invalid arguments
      // (+ zod, isError), then every op below does the whole call.
      [
        'gateway call unknown tool',
        gw,
        () => request('POST', targets.gatewayMcp, MCP_HEADERS, callBody('no_such_tool', {})),
      ],
      [
        'gateway call invalid args',
        gw,
        () => request('POST', targets.gatewayMcp, MCP_HEADERS, callBody('list_all_missive_users', { limit: 'x' })),
      ],
      ...OPS.flatMap((o): [string, number[], () => Promise<HttpAnswer>][] => [
        [`floor ${o}`, fl, () => sendFloor(targets, o)],
        [`floor + I/O ${o}`, fl, () => sendFloor(targets, o, true)],
        [`gateway ${o}`, gw, () => sendGateway(targets, o)],
      ]),
    ];
    for (const [name, pids, send] of cases) {
      const m = await runtimeCpuPerRequest(pids, send);
      console.log(
        `${name.padEnd(30)} ${m.cpu.toFixed(2)} ms/req runtime CPU, p50 ${m.p50.toFixed(1)} ms (${m.errors} failed)`,
      );
    }
    return;
  }
  await load(50, 1, () => sendGateway(targets, op));
  const list = JSON.parse((await request('GET', `http://127.0.0.1:${INSPECTOR_PORT}/json/list`, {})).text) as {
    webSocketDebuggerUrl: string;
    title?: string;
  }[];
  log(`inspector targets: ${list.map((t) => t.title ?? t.webSocketDebuggerUrl).join(', ')}`);
  const client = await cdp(list[0]!.webSocketDebuggerUrl);
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: 100 });
  const pids = workerdDescendants(stack.gateway.process.pid!);
  const c0 = cpuMs(pids.runtime);
  await client.send('Profiler.start');
  const res = await load(n, 1, () => sendGateway(targets, op));
  const stopped = (await client.send('Profiler.stop')) as { profile: CpuProfile };
  const cpu = (cpuMs(pids.runtime) - c0) / n;
  client.close();
  const file = path.join(tmp, `${op}.cpuprofile`);
  writeFileSync(file, JSON.stringify(stopped.profile));
  console.log(
    `\n${op}: ${n} requests, ${res.errors} errors, workerd runtime CPU ${cpu.toFixed(2)} ms/req (profiler on)`,
  );
  console.log(summarise(stopped.profile));
  console.log(`\nprofile: ${file}`);
}

try {
  await main();
} finally {
  await stopAll();
  // The snapshots hold a copy of .dev.vars: remove everything but the profile (all of it with --cpu-only).
  const leave =
    cpuOnly || opsOnly ? [tmp] : ['gateway', 'sandbox', 'floor', 'state'].map((name) => path.join(tmp, name));
  for (const dir of leave) rmSync(dir, { recursive: true, force: true });
}
