/**
 * The benchmark's results: their JSON shape (bench/results.json), the targets, the
 * Markdown tables written into BENCHMARKS.md, and the comparison with a previous run. Pure
 * except for writeBenchmarksMd.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fmt, type Spread } from './lib/stats.ts';

export interface CpuFigure {
  /** CPU ms per request of the runtime workerd (Worker + Durable Object + local D1/KV simulators). */
  gateway: Spread;
  floor: Spread;
  /** The floor plus the gateway's storage round trips (KV, Durable Object RPCs, D1) on the same simulators. */
  floor_io: Spread;
  /** gateway − floor, paired per run. */
  delta: Spread;
  /** gateway − (floor + I/O): what the gateway's own code costs beyond its storage round trips. */
  delta_io: Spread;
  /** The same plus wrangler's dev proxy workerd (a local artefact, not present in production). */
  gateway_with_dev_proxy: Spread;
  floor_with_dev_proxy: Spread;
  errors: number;
}

export interface LatencyFigure {
  p50: Spread;
  p90: Spread;
  p99: Spread;
  rps: Spread;
  errors: number;
}

export interface LatencyBlock {
  concurrency: number;
  requests_per_run: number;
  gateway: LatencyFigure;
  direct: LatencyFigure;
  floor: LatencyFigure;
  floor_io: LatencyFigure;
  overhead_ms: { p50: Spread; p90: Spread; p99: Spread };
  ratio: { p50: Spread; p90: Spread; p99: Spread };
  /** gateway − (floor + I/O): the latency the gateway adds beyond its storage round trips. */
  overhead_vs_floor_io_ms: { p50: Spread; p90: Spread; p99: Spread };
}

export interface RevocationRun {
  revoke_call_ms: number;
  first_404_after_answer_ms: number | null;
  first_request_after_answer_status: number | null;
  ok_after_answer: number;
  requests_after_answer: number;
  requests_total: number;
}

export interface BenchResults {
  schema: 1;
  date: string;
  command: string;
  smoke: boolean;
  duration_s: number;
  machine: {
    nproc: number;
    cpu_model: string;
    memory_gib: number;
    loadavg_at_start: number[];
    os: string;
    node: string;
    wrangler: string | null;
    workerd: string | null;
    clock_tick_ms: number;
  };
  params: Record<string, unknown>;
  idle_gateway_cpu_ms_per_s: number;
  gateway_dev_start_ms: number;
  cpu: Record<'initialize' | 'tools_list' | 'call_list' | 'call_create', CpuFigure>;
  latency: { c1: LatencyBlock; c16: LatencyBlock };
  throughput: {
    concurrency: number;
    tools_list: { gateway: Spread; floor: Spread; floor_io: Spread; ratio: Spread; ratio_vs_floor_io: Spread };
    tools_call: {
      gateway: Spread;
      floor: Spread;
      floor_io: Spread;
      direct: Spread;
      ratio: Spread;
      ratio_vs_floor_io: Spread;
    };
  };
  bundle: {
    raw_bytes: number;
    gzip_bytes: number;
    wrangler_total_kib: number | null;
    wrangler_gzip_kib: number | null;
  };
  startup: { check_startup_active_ms: Spread; dev_spawn_to_first_200_ms: Spread };
  revocation: { runs: RevocationRun[]; first_404_after_answer_ms: Spread; every_request_after_answer_404: boolean };
}

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

const pct = (s: Spread) =>
  `${(s.median * 100).toFixed(0)} % (${(s.min * 100).toFixed(0)}–${(s.max * 100).toFixed(0)} %)`;

/** A figure in ms whose median must stay at or under `limit`. */
function atMostMs(name: string, s: Spread, limit: number): TargetCheck {
  return { name, target: `≤ ${limit} ms`, measured: `${fmt(s)} ms`, met: s.median <= limit };
}

/** A ratio whose median must reach 70 % (the throughput targets). */
function atLeast70Pct(name: string, s: Spread): TargetCheck {
  return { name, target: '≥ 70 %', measured: pct(s), met: s.median >= 0.7 };
}

/** The performance targets, judged on the medians. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const mb = 1024 * 1024;
  const c = r.throughput.concurrency;
  return [
    atMostMs('CPU per tools/call above the floor (list tool)', r.cpu.call_list.delta, 1),
    atMostMs('CPU per tools/call above the floor (create tool)', r.cpu.call_create.delta, 1),
    atMostMs('CPU per tools/list (all tools)', r.cpu.tools_list.gateway, 2),
    atMostMs('Latency overhead of tools/call at p50, c=1', r.latency.c1.overhead_ms.p50, 2),
    atLeast70Pct(`Throughput of tools/list at c=${c} vs floor`, r.throughput.tools_list.ratio),
    atLeast70Pct(`Throughput of tools/call at c=${c} vs floor`, r.throughput.tools_call.ratio),
    {
      name: 'Bundle, gzipped',
      target: '≤ 1 MiB',
      measured: `${(r.bundle.gzip_bytes / 1024).toFixed(0)} KiB`,
      met: r.bundle.gzip_bytes <= mb,
    },
    {
      name: 'Revocation effective on the first request after the API answers',
      target: 'every run',
      measured: `${r.revocation.runs.filter((x) => x.ok_after_answer === 0 && x.first_request_after_answer_status === 404).length}/${r.revocation.runs.length} runs; ${r.revocation.runs.reduce((s, x) => s + x.ok_after_answer, 0)} requests answered 200 after the answer`,
      met: r.revocation.every_request_after_answer_404,
    },
  ];
}

/**
 * The same targets judged against "floor + I/O": the floor doing the gateway's KV, Durable Object and
 * D1 round trips on the same local simulators. Under `wrangler dev` those simulators run inside the
 * gateway's own workerd process, so their CPU lands on the gateway; in production KV and D1 are
 * separate services. This isolates what the gateway's code adds.
 */
export function checkTargetsVsFloorIo(r: BenchResults): TargetCheck[] {
  const c = r.throughput.concurrency;
  const listNet = r.cpu.tools_list.floor.median + r.cpu.tools_list.delta_io.median;
  return [
    atMostMs('CPU per tools/call above floor + I/O (list tool)', r.cpu.call_list.delta_io, 1),
    atMostMs('CPU per tools/call above floor + I/O (create tool)', r.cpu.call_create.delta_io, 1),
    {
      name: 'CPU per tools/list net of its storage round trips (floor + (gateway − (floor + I/O)))',
      target: '≤ 2 ms',
      measured: `${listNet.toFixed(2)} ms`,
      met: listNet <= 2,
    },
    atMostMs('Latency of tools/call above floor + I/O at p50, c=1', r.latency.c1.overhead_vs_floor_io_ms.p50, 2),
    atLeast70Pct(`Throughput of tools/list at c=${c} vs floor + I/O`, r.throughput.tools_list.ratio_vs_floor_io),
    atLeast70Pct(`Throughput of tools/call at c=${c} vs floor + I/O`, r.throughput.tools_call.ratio_vs_floor_io),
  ];
}

const OP_LABEL: Record<keyof BenchResults['cpu'], string> = {
  initialize: '`initialize`',
  tools_list: '`tools/list` (all tools)',
  call_list: '`tools/call` list_all_missive_teams',
  call_create: '`tools/call` create_a_missive_post',
};

const ms = (s: Spread, digits = 2) => s.median.toFixed(digits);

/**
 * The generated results section of BENCHMARKS.md: the targets, then one table of medians (the spreads
 * of every figure are in bench/results.json). The method is described once, outside this section.
 */
export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(`Run: \`${r.command}\` on ${r.date} (${r.duration_s} s).`);
  lines.push(
    `Machine: ${m.nproc} × ${m.cpu_model}, ${m.memory_gib} GiB RAM; load average at start ${m.loadavg_at_start.join(' / ')} ` +
      `(shared). Node ${m.node}, wrangler ${m.wrangler}, workerd ${m.workerd}.`,
  );
  lines.push('');
  lines.push('| target | goal | vs floor | vs floor + I/O |');
  lines.push('|---|---|---|---|');
  const vsIo = checkTargetsVsFloorIo(r);
  // checkTargetsVsFloorIo judges the first six targets of checkTargets, in the same order.
  const ioFor = (i: number): TargetCheck | undefined => vsIo[i];
  checkTargets(r).forEach((t, i) => {
    const io = ioFor(i);
    const cell = (x: TargetCheck | undefined) => (x ? `${x.measured}${x.met ? '' : ' **missed**'}` : '–');
    lines.push(`| ${t.name.replace(/ (above|vs) the floor/, '')} | ${t.target} | ${cell(t)} | ${cell(io)} |`);
  });
  lines.push('');
  lines.push('| figure (median) | gateway | floor | floor + I/O | direct to sandbox |');
  lines.push('|---|---|---|---|---|');
  for (const op of Object.keys(OP_LABEL) as (keyof BenchResults['cpu'])[]) {
    const c = r.cpu[op];
    lines.push(`| CPU ms, ${OP_LABEL[op]} | ${ms(c.gateway)} | ${ms(c.floor)} | ${ms(c.floor_io)} | – |`);
  }
  for (const block of [r.latency.c1, r.latency.c16]) {
    const pair = (f: LatencyFigure) => `${ms(f.p50, 1)} / ${ms(f.p99, 1)}`;
    lines.push(
      `| latency ms p50 / p99, \`tools/call\`, c=${block.concurrency} | ${pair(block.gateway)} | ${pair(block.floor)} | ${pair(block.floor_io)} | ${pair(block.direct)} |`,
    );
  }
  const t = r.throughput;
  lines.push(
    `| requests/s, \`tools/list\`, c=${t.concurrency} | ${ms(t.tools_list.gateway, 0)} | ${ms(t.tools_list.floor, 0)} | ${ms(t.tools_list.floor_io, 0)} | – |`,
  );
  lines.push(
    `| requests/s, \`tools/call\`, c=${t.concurrency} | ${ms(t.tools_call.gateway, 0)} | ${ms(t.tools_call.floor, 0)} | ${ms(t.tools_call.floor_io, 0)} | ${ms(t.tools_call.direct, 0)} |`,
  );
  lines.push('');
  const revoked = r.revocation.runs;
  lines.push(
    `Bundle ${(r.bundle.gzip_bytes / 1024).toFixed(0)} KiB gzipped (${(r.bundle.raw_bytes / 1024).toFixed(0)} KiB raw); start-up CPU ` +
      `${ms(r.startup.check_startup_active_ms, 1)} ms (\`wrangler check startup\`); \`wrangler dev\` to first 200 ` +
      `${ms(r.startup.dev_spawn_to_first_200_ms, 0)} ms. Revocation: in ${revoked.filter((x) => x.ok_after_answer === 0).length}/${revoked.length} ` +
      `runs no request got a 200 after the revoke API answered. Idle CPU of the gateway's workerd: ` +
      `${r.idle_gateway_cpu_ms_per_s.toFixed(1)} ms/s.`,
  );
  return lines.join('\n');
}

const START = '<!-- bench:results:start (generated by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated section of BENCHMARKS.md (or appends one), keeping the hand-written text. */
export function writeBenchmarksMd(file: string, r: BenchResults): void {
  const section = `${START}\n${renderMarkdown(r)}\n${END}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n## Results\n\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next =
    a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}

/** The figures worth comparing between runs. */
function headline(r: BenchResults): Record<string, number> {
  return {
    'cpu initialize gateway (ms)': r.cpu.initialize.gateway.median,
    'cpu tools/list gateway (ms)': r.cpu.tools_list.gateway.median,
    'cpu tools/call list Δ floor (ms)': r.cpu.call_list.delta.median,
    'cpu tools/call create Δ floor (ms)': r.cpu.call_create.delta.median,
    'cpu tools/call list Δ floor+I/O (ms)': r.cpu.call_list.delta_io?.median ?? Number.NaN,
    'latency c1 p50 Δ floor+I/O (ms)': r.latency.c1.overhead_vs_floor_io_ms?.p50.median ?? Number.NaN,
    'latency c1 p50 overhead (ms)': r.latency.c1.overhead_ms.p50.median,
    'latency c16 p50 overhead (ms)': r.latency.c16.overhead_ms.p50.median,
    'throughput tools/list ratio': r.throughput.tools_list.ratio.median,
    'throughput tools/call ratio': r.throughput.tools_call.ratio.median,
    'bundle gzip (KiB)': r.bundle.gzip_bytes / 1024,
    'startup active (ms)': r.startup.check_startup_active_ms.median,
    'revocation first 404 (ms)': r.revocation.first_404_after_answer_ms.median,
  };
}

/** A plain-text table: previous → current for the headline figures. */
export function compareWithPrevious(prev: BenchResults, cur: BenchResults): string {
  const a = headline(prev);
  const b = headline(cur);
  const rows = Object.keys(b).map((k) => {
    const x = a[k];
    const y = b[k]!;
    const change =
      x === undefined || !Number.isFinite(x) || x === 0 ? '' : ` (${(((y - x) / Math.abs(x)) * 100).toFixed(0)} %)`;
    return `  ${k.padEnd(38)} ${x === undefined ? '–' : x.toFixed(2)} → ${y.toFixed(2)}${change}`;
  });
  return `Compared with the previous bench/results.json (${prev.date}, ${prev.smoke ? 'smoke' : 'full'}):\n${rows.join('\n')}`;
}
