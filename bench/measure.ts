/**
 * `npm run bench` (the full run) and `npm run bench:smoke` (tiny N, writes nothing), the `measure`
 * command of bench/index.ts: what the gateway costs per request on the real runtime (workerd under `wrangler dev`),
 * measured side by side against a floor Worker (bench/floor) and against calling the Missive
 * sandbox directly. Method and targets: BENCHMARKS.md. Results: BENCHMARKS.md and
 * bench/results.json (the previous results.json, if any, is compared with the new run).
 *
 * Runs under the pinned Node 22 (type stripping, no build step), like scripts/dev.ts.
 * Uses its own ports (8776-8779) and a fresh temp state folder, so it never touches a
 * developer's `npm run dev` (8787/8788) or .wrangler/demo.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { ROOT, WRANGLER_ENV } from '../scripts/local-stack.ts';
import { request, type HttpAnswer } from './lib/http.ts';
import { CLOCK_TICK_MS, cpuMs, workerdDescendants } from './lib/proc.ts';
import {
  GOVERNOR_BUDGET,
  load,
  log,
  MCP_HEADERS,
  mint,
  OPS,
  PORTS,
  prepare,
  sandboxControl,
  sendDirect,
  sendFloor,
  sendGateway,
  sleep,
  snapshotAll,
  stopAll,
  wranglerCapture,
  type Snapshot,
  type LoadResult,
  type Stack,
  type Targets,
} from './lib/setup.ts';
import { percentile, spread, type Spread } from './lib/stats.ts';
import { compareWithPrevious, renderMarkdown, writeBenchmarksMd, type BenchResults } from './report.ts';

const SMOKE = process.argv.includes('--smoke');
const VERBOSE = process.argv.includes('--verbose');
const P = SMOKE
  ? { runs: 2, warm: 5, cpuN: 8, latN1: 8, latN16: 32, conc: 16, revokeRuns: 1, startupRuns: 1 }
  : { runs: 5, warm: 25, cpuN: 150, latN1: 60, latN16: 720, conc: 16, revokeRuns: 5, startupRuns: 3 };
const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');
const RESULTS_FILE = path.join(ROOT, 'bench/results.json');
const BENCHMARKS_MD = path.join(ROOT, 'BENCHMARKS.md');

/** CPU ms per request of the worker's runtime workerd (and of wrangler's dev proxy) over `n` sequential requests. */
async function cpuPerRequest(
  wranglerPid: number,
  n: number,
  send: () => Promise<HttpAnswer>,
): Promise<{ runtime: number; proxy: number; errors: number; firstError?: string }> {
  const pids = workerdDescendants(wranglerPid);
  if (pids.runtime.length === 0) throw new Error(`no workerd runtime under pid ${wranglerPid}`);
  const r0 = cpuMs(pids.runtime);
  const p0 = cpuMs(pids.proxy);
  const res = await load(n, 1, send);
  // Let waitUntil work (audit rows, transport close) finish inside the measured window.
  await sleep(40);
  return {
    runtime: (cpuMs(pids.runtime) - r0) / n,
    proxy: (cpuMs(pids.proxy) - p0) / n,
    errors: res.errors,
    firstError: res.firstError,
  };
}

// -------------------------------------------------------------------------------------------------
// Sections
// -------------------------------------------------------------------------------------------------

async function measureCpu(stack: Stack, t: Targets): Promise<BenchResults['cpu']> {
  type Side = 'gateway' | 'floor' | 'floor_io';
  const sides: Side[] = ['gateway', 'floor', 'floor_io'];
  const out = {} as BenchResults['cpu'];
  for (const op of OPS) {
    const runtime: Record<Side, number[]> = { gateway: [], floor: [], floor_io: [] };
    const withProxy: Record<Side, number[]> = { gateway: [], floor: [], floor_io: [] };
    const delta: number[] = [];
    const deltaIo: number[] = [];
    let errors = 0;
    for (let run = 0; run < P.runs; run++) {
      // Interleaved, rotating which goes first, so drift in machine load hits every side alike.
      const order = sides.map((_, i) => sides[(i + run) % sides.length]!);
      const round = {} as Record<Side, { runtime: number; proxy: number }>;
      for (const side of order) {
        const pid = side === 'gateway' ? stack.gateway.process.pid! : stack.floor.process.pid!;
        const send = side === 'gateway' ? () => sendGateway(t, op) : () => sendFloor(t, op, side === 'floor_io');
        const res = await cpuPerRequest(pid, P.cpuN, send);
        if (res.errors) {
          errors += res.errors;
          log(`  ${side} ${op}: ${res.errors} failed answers, first: ${res.firstError}`);
        }
        round[side] = res;
      }
      for (const side of sides) {
        runtime[side].push(round[side].runtime);
        withProxy[side].push(round[side].runtime + round[side].proxy);
      }
      delta.push(round.gateway.runtime - round.floor.runtime);
      deltaIo.push(round.gateway.runtime - round.floor_io.runtime);
    }
    out[op] = {
      gateway: spread(runtime.gateway),
      floor: spread(runtime.floor),
      floor_io: spread(runtime.floor_io),
      delta: spread(delta),
      delta_io: spread(deltaIo),
      gateway_with_dev_proxy: spread(withProxy.gateway),
      floor_with_dev_proxy: spread(withProxy.floor),
      errors,
    };
    log(
      `cpu ${op}: gateway ${out[op].gateway.median.toFixed(2)} ms, floor ${out[op].floor.median.toFixed(2)} ms ` +
        `(+I/O ${out[op].floor_io.median.toFixed(2)} ms), Δ ${out[op].delta.median.toFixed(2)} ms (Δ vs +I/O ${out[op].delta_io.median.toFixed(2)} ms)`,
    );
  }
  return out;
}

interface LatencyRound {
  p50: number;
  p90: number;
  p99: number;
  rps: number;
  errors: number;
}

function summarise(res: LoadResult): LatencyRound {
  return {
    p50: percentile(res.latencies, 50),
    p90: percentile(res.latencies, 90),
    p99: percentile(res.latencies, 99),
    rps: (res.latencies.length * 1000) / res.wallMs,
    errors: res.errors,
  };
}

function latencySpread(rounds: LatencyRound[]) {
  return {
    p50: spread(rounds.map((r) => r.p50)),
    p90: spread(rounds.map((r) => r.p90)),
    p99: spread(rounds.map((r) => r.p99)),
    rps: spread(rounds.map((r) => r.rps)),
    errors: rounds.reduce((s, r) => s + r.errors, 0),
  };
}

async function measureLatencyAndThroughput(
  stack: Stack,
  t: Targets,
): Promise<{ latency: BenchResults['latency']; throughput: BenchResults['throughput'] }> {
  type Key = 'gw' | 'direct' | 'floor' | 'floor_io';
  const keysAll: Key[] = ['gw', 'direct', 'floor', 'floor_io'];
  const c1: Record<Key, LatencyRound[]> = { gw: [], direct: [], floor: [], floor_io: [] };
  const c16: Record<Key, LatencyRound[]> = { gw: [], direct: [], floor: [], floor_io: [] };
  type ListKey = 'gw' | 'floor' | 'floor_io';
  const listKeys: ListKey[] = ['gw', 'floor', 'floor_io'];
  const list16: Record<ListKey, LatencyRound[]> = { gw: [], floor: [], floor_io: [] };
  const senders: Record<Key, () => Promise<HttpAnswer>> = {
    gw: () => sendGateway(t, 'call_list'),
    direct: () => sendDirect(t, 'call_list'),
    floor: () => sendFloor(t, 'call_list'),
    floor_io: () => sendFloor(t, 'call_list', true),
  };
  const listSenders: Record<ListKey, () => Promise<HttpAnswer>> = {
    gw: () => sendGateway(t, 'tools_list'),
    floor: () => sendFloor(t, 'tools_list'),
    floor_io: () => sendFloor(t, 'tools_list', true),
  };
  for (let run = 0; run < P.runs; run++) {
    // Rotate the order every run, so drift in machine load hits every target alike.
    const keys = keysAll.map((_, i) => keysAll[(i + run) % keysAll.length]!);
    for (const k of keys) c1[k].push(summarise(await load(P.latN1, 1, senders[k])));
    for (const k of keys) c16[k].push(summarise(await load(P.latN16, P.conc, senders[k])));
    for (const k of listKeys.map((_, i) => listKeys[(i + run) % listKeys.length]!)) {
      list16[k].push(summarise(await load(P.latN16, P.conc, listSenders[k])));
    }
    await sandboxControl(stack, 'DELETE', '/__sandbox/requests');
    const failedAnswers = [c1, c16, list16]
      .flatMap((block) => Object.values(block).map((rs: LatencyRound[]) => rs.at(-1)?.errors ?? 0))
      .reduce((x, y) => x + y, 0);
    log(
      `latency run ${run + 1}/${P.runs}: c1 p50 gw ${c1.gw.at(-1)!.p50.toFixed(2)} / direct ${c1.direct.at(-1)!.p50.toFixed(2)} ` +
        `/ floor+I/O ${c1.floor_io.at(-1)!.p50.toFixed(2)} ms; ` +
        `c16 call ${c16.gw.at(-1)!.rps.toFixed(0)} / floor ${c16.floor.at(-1)!.rps.toFixed(0)} / floor+I/O ${c16.floor_io.at(-1)!.rps.toFixed(0)} req/s; ` +
        `c16 list ${list16.gw.at(-1)!.rps.toFixed(0)} / floor ${list16.floor.at(-1)!.rps.toFixed(0)} / floor+I/O ${list16.floor_io.at(-1)!.rps.toFixed(0)} req/s; ` +
        `failed answers ${failedAnswers}`,
    );
  }
  type Pct = 'p50' | 'p90' | 'p99';
  const overhead = (a: LatencyRound[], b: LatencyRound[], key: Pct) => spread(a.map((r, i) => r[key] - b[i]![key]));
  const ratio = (a: LatencyRound[], b: LatencyRound[], key: Pct | 'rps') =>
    spread(a.map((r, i) => r[key] / b[i]![key]));
  const pcts = (f: (key: Pct) => Spread) => ({ p50: f('p50'), p90: f('p90'), p99: f('p99') });
  const block = (rs: Record<Key, LatencyRound[]>, concurrency: number) => ({
    concurrency,
    requests_per_run: concurrency === 1 ? P.latN1 : P.latN16,
    gateway: latencySpread(rs.gw),
    direct: latencySpread(rs.direct),
    floor: latencySpread(rs.floor),
    floor_io: latencySpread(rs.floor_io),
    overhead_ms: pcts((k) => overhead(rs.gw, rs.direct, k)),
    ratio: pcts((k) => ratio(rs.gw, rs.direct, k)),
    overhead_vs_floor_io_ms: pcts((k) => overhead(rs.gw, rs.floor_io, k)),
  });
  return {
    latency: { c1: block(c1, 1), c16: block(c16, P.conc) },
    throughput: {
      concurrency: P.conc,
      tools_list: {
        gateway: spread(list16.gw.map((r) => r.rps)),
        floor: spread(list16.floor.map((r) => r.rps)),
        floor_io: spread(list16.floor_io.map((r) => r.rps)),
        ratio: ratio(list16.gw, list16.floor, 'rps'),
        ratio_vs_floor_io: ratio(list16.gw, list16.floor_io, 'rps'),
      },
      tools_call: {
        gateway: spread(c16.gw.map((r) => r.rps)),
        floor: spread(c16.floor.map((r) => r.rps)),
        floor_io: spread(c16.floor_io.map((r) => r.rps)),
        direct: spread(c16.direct.map((r) => r.rps)),
        ratio: ratio(c16.gw, c16.floor, 'rps'),
        ratio_vs_floor_io: ratio(c16.gw, c16.floor_io, 'rps'),
      },
    },
  };
}

/** Spawn `wrangler dev` for the gateway alone and time it until /healthz first answers 200. */
async function timeDevStart(config: string, stateDir: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(
    WRANGLER,
    ['dev', '-c', config, '--ip', '127.0.0.1', '--port', String(PORTS.startup), '--persist-to', stateDir],
    { cwd: ROOT, env: WRANGLER_ENV, stdio: 'ignore', detached: true },
  );
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  try {
    const deadline = t0 + 60_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error('wrangler dev exited early');
      try {
        const a = await request('GET', `http://127.0.0.1:${PORTS.startup}/healthz`, {});
        if (a.status === 200) return performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      await sleep(20);
    }
    throw new Error('wrangler dev did not answer /healthz in 60 s');
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    kill();
    await Promise.race([exited, sleep(5000)]);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

async function measureBundleAndStartup(
  tmp: string,
  snap: Snapshot,
): Promise<{ bundle: BenchResults['bundle']; startup: BenchResults['startup'] }> {
  const js = readFileSync(snap.bundle);
  const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(snap.buildOutput);
  const bundle = {
    raw_bytes: js.length,
    gzip_bytes: gzipSync(js).length,
    wrangler_total_kib: m ? Number(m[1]) : null,
    wrangler_gzip_kib: m ? Number(m[2]) : null,
  };
  log(`bundle: ${(bundle.raw_bytes / 1024).toFixed(0)} KiB raw, ${(bundle.gzip_bytes / 1024).toFixed(0)} KiB gzip`);

  // Script start-up CPU as `wrangler check startup` profiles it (the phase Cloudflare limits at deploy).
  const active: number[] = [];
  for (let i = 0; i < P.startupRuns; i++) {
    const text = await wranglerCapture([
      'check',
      'startup',
      '-c',
      snap.config,
      '--outfile',
      path.join(tmp, `startup-${i}.cpuprofile`),
    ]);
    const a = /Active: ([\d.]+) ms/.exec(text);
    if (a) active.push(Number(a[1]));
  }
  // Wall time from spawning `wrangler dev` (bundling included) to the first 200 on /healthz.
  const dev: number[] = [];
  for (let i = 0; i < (SMOKE ? 1 : 2); i++)
    dev.push(await timeDevStart(snap.config, path.join(tmp, `startup-state-${i}`)));
  const startup = { check_startup_active_ms: spread(active), dev_spawn_to_first_200_ms: spread(dev) };
  log(
    `startup: profile active ${startup.check_startup_active_ms.median} ms, dev spawn→200 ${startup.dev_spawn_to_first_200_ms.median.toFixed(0)} ms`,
  );
  return { bundle, startup };
}

async function measureRevocation(stack: Stack, accountId: string): Promise<BenchResults['revocation']> {
  const runs: BenchResults['revocation']['runs'] = [];
  for (let k = 0; k < P.revokeRuns; k++) {
    const server = await mint(stack, accountId, `bench revoke ${k}`, ['read']);
    const ping = () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    for (let i = 0; i < 3; i++) {
      const a = await request('POST', server.url, MCP_HEADERS, ping());
      if (a.status !== 200) throw new Error(`fresh server answered ${a.status}`);
    }
    const records: HttpAnswer[] = [];
    let stop = false;
    let revokeAnsweredAt = Number.POSITIVE_INFINITY;
    const loop = async () => {
      // Keep going until this loop has seen a 404 on a request started after the revoke answer.
      while (!stop) {
        const a = await request('POST', server.url, MCP_HEADERS, ping());
        records.push(a);
        if (a.status === 404 && a.start >= revokeAnsweredAt) return;
      }
    };
    const loops = Array.from({ length: 4 }, loop);
    await sleep(SMOKE ? 150 : 300);
    const revokeSent = performance.now();
    const answer = await request('DELETE', `${stack.gateway.origin}/integrated-account/${accountId}/mcp/${server.id}`, {
      Authorization: `Bearer ${stack.vars.ADMIN_API_KEY}`,
    });
    revokeAnsweredAt = performance.now();
    if (answer.status >= 300) throw new Error(`revoke → ${answer.status} ${answer.text.slice(0, 200)}`);
    const guard = setTimeout(() => (stop = true), 5000);
    await Promise.all(loops);
    clearTimeout(guard);
    const fours = records.filter((r) => r.status === 404).sort((a, b) => a.end - b.end);
    const after = records.filter((r) => r.start >= revokeAnsweredAt).sort((a, b) => a.start - b.start);
    runs.push({
      revoke_call_ms: revokeAnsweredAt - revokeSent,
      first_404_after_answer_ms: fours.length ? fours[0]!.end - revokeAnsweredAt : null,
      first_request_after_answer_status: after[0]?.status ?? null,
      ok_after_answer: after.filter((r) => r.status === 200).length,
      requests_after_answer: after.length,
      requests_total: records.length,
    });
  }
  const firstAfter = runs.map((r) => r.first_404_after_answer_ms ?? Number.NaN);
  const result = {
    runs,
    first_404_after_answer_ms: spread(firstAfter),
    every_request_after_answer_404: runs.every(
      (r) => r.ok_after_answer === 0 && r.first_request_after_answer_status === 404,
    ),
  };
  log(
    `revocation: first 404 ${result.first_404_after_answer_ms.median.toFixed(1)} ms after the answer; ` +
      `every request after the answer 404: ${result.every_request_after_answer_404}`,
  );
  return result;
}

// -------------------------------------------------------------------------------------------------
// Machine
// -------------------------------------------------------------------------------------------------

function machine(): BenchResults['machine'] {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const pkg = (name: string): string | null => {
    try {
      return (
        JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
      ).version;
    } catch {
      return null;
    }
  };
  return {
    nproc: os.cpus().length,
    cpu_model: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memory_gib: Math.round((Number(/MemTotal:\s*(\d+)/.exec(meminfo)?.[1] ?? 0) / 1024 / 1024) * 10) / 10,
    loadavg_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    wrangler: pkg('wrangler'),
    workerd: pkg('@cloudflare/workerd-linux-64') ?? pkg('workerd'),
    clock_tick_ms: CLOCK_TICK_MS,
  };
}

// -------------------------------------------------------------------------------------------------
// Main
// -------------------------------------------------------------------------------------------------

const tmp = mkdtempSync(path.join(os.tmpdir(), 'missive-bench-'));

async function main(): Promise<void> {
  const t0 = performance.now();
  const stateDir = path.join(tmp, 'state');
  const mach = machine();
  log(`${SMOKE ? 'smoke' : 'full'} run on ${mach.nproc} × ${mach.cpu_model}, load ${mach.loadavg_at_start.join(' ')}`);

  log('building snapshots of the gateway, the sandbox and the floor (wrangler deploy --dry-run)…');
  const snaps = await snapshotAll(tmp);
  const { bundle, startup } = await measureBundleAndStartup(tmp, snaps.gateway);

  log('starting sandbox, gateway and floor (wrangler dev)…');
  const { stack, targets: t, demo, toolCount } = await prepare(stateDir, tmp, snaps, VERBOSE);
  log('warming up…');
  for (const op of OPS) {
    await load(P.warm, 1, () => sendGateway(t, op));
    await load(P.warm, 1, () => sendFloor(t, op));
  }
  await load(P.warm, 1, () => sendDirect(t, 'call_list'));

  const idle0 = cpuMs(workerdDescendants(stack.gateway.process.pid!).runtime);
  await sleep(1000);
  const idleGatewayMsPerS = cpuMs(workerdDescendants(stack.gateway.process.pid!).runtime) - idle0;

  log(`CPU per request: ${P.runs} runs × ${P.cpuN} sequential requests per side, interleaved`);
  const cpu = await measureCpu(stack, t);
  log(`latency and throughput: ${P.runs} runs × (${P.latN1} at c=1, ${P.latN16} at c=${P.conc}) per target`);
  const { latency, throughput } = await measureLatencyAndThroughput(stack, t);
  const revocation = await measureRevocation(stack, demo.account_id);

  const results: BenchResults = {
    schema: 1,
    date: new Date().toISOString(),
    command: SMOKE ? 'npm run bench:smoke' : 'npm run bench',
    smoke: SMOKE,
    duration_s: 0,
    machine: mach,
    params: {
      ...P,
      governor_budget: GOVERNOR_BUDGET,
      tools_listed: toolCount,
      answer_bytes: t.padFor,
      upstream: t.upstream,
    },
    idle_gateway_cpu_ms_per_s: idleGatewayMsPerS,
    gateway_dev_start_ms: stack.gatewayStartMs,
    cpu,
    latency,
    throughput,
    bundle,
    startup,
    revocation,
  };
  await stopAll();
  results.duration_s = Math.round((performance.now() - t0) / 1000);

  const previous = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults) : null;
  console.log('\n' + renderMarkdown(results));
  if (previous) console.log(compareWithPrevious(previous, results));
  if (SMOKE) {
    log(`smoke run done in ${results.duration_s} s (nothing written)`);
  } else {
    writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + '\n');
    writeBenchmarksMd(BENCHMARKS_MD, results);
    // `npm run lint` checks formatting: format what was just written.
    await new Promise<void>((resolve) => {
      const child = spawn(path.join(ROOT, 'node_modules/.bin/prettier'), ['--write', BENCHMARKS_MD, RESULTS_FILE], {
        cwd: ROOT,
        env: WRANGLER_ENV,
        stdio: 'ignore',
      });
      child.on('exit', () => resolve());
      child.on('error', () => resolve());
    });
    log(`wrote bench/results.json and BENCHMARKS.md in ${results.duration_s} s`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stopAll().finally(() => {
      rmSync(tmp, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  await stopAll();
  process.exitCode = 1;
} finally {
  // The snapshots hold a copy of .dev.vars.
  rmSync(tmp, { recursive: true, force: true });
}
