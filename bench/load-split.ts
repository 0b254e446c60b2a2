/**
 * `npm run bench -- load-split [n] [rounds] [--var NAME:VALUE]…` (bench/index.ts): throughput at concurrency 16 for
 * `tools/list` and `tools/call` (gateway and floor), and where the machine's CPU goes per request
 * while it lasts: the Worker's runtime workerd, wrangler's dev proxy, wrangler's Node process, the
 * sandbox (all its processes) and this client. On two shared cores a throughput ratio depends on all
 * of them, not only on the Worker; this shows which. n requests per round (default 720), median of
 * `rounds` (default 3). `--var` adds a gateway var (e.g. `--var LOG_LEVEL:warn`).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMs, descendants, workerdDescendants } from './lib/proc.ts';
import { load, prepare, sendFloor, sendGateway, snapshotAll, stopAll, type Op } from './lib/setup.ts';
import { median } from './lib/stats.ts';

const argv = process.argv.slice(2);
const extraVars: string[] = [];
for (let i = argv.indexOf('--var'); i >= 0; i = argv.indexOf('--var'))
  extraVars.push('--var', ...argv.splice(i, 2).slice(1));
const n = Number(argv[0] ?? '720');
const rounds = Number(argv[1] ?? '3');
const CONCURRENCY = 16;

/** The runtime workerd, the dev proxy workerd and everything else (wrangler's Node) under one dev server. */
function processesOf(root: number) {
  const { runtime, proxy } = workerdDescendants(root);
  const node = descendants(root).filter((p) => !runtime.includes(p) && !proxy.includes(p));
  return { runtime, proxy, node };
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'missive-load-split-'));
  const snaps = await snapshotAll(tmp);
  const { stack, targets } = await prepare(path.join(tmp, 'state'), tmp, snaps, false, extraVars);
  const sandbox = descendants(stack.sandbox.process.pid!);
  const workers = { gateway: processesOf(stack.gateway.process.pid!), floor: processesOf(stack.floor.process.pid!) };
  for (const op of ['tools_list', 'call_list'] as Op[]) {
    for (const name of ['gateway', 'floor'] as const) {
      const procs = workers[name];
      const send = name === 'gateway' ? () => sendGateway(targets, op) : () => sendFloor(targets, op);
      const rps: number[] = [];
      const parts = { runtime: [] as number[], proxy: [] as number[], node: [] as number[], sandbox: [] as number[] };
      const client: number[] = [];
      for (let r = 0; r < rounds; r++) {
        await load(40, CONCURRENCY, send);
        const before = {
          runtime: cpuMs(procs.runtime),
          proxy: cpuMs(procs.proxy),
          node: cpuMs(procs.node),
          sandbox: cpuMs(sandbox),
        };
        const c0 = process.cpuUsage();
        const res = await load(n, CONCURRENCY, send);
        rps.push((n / res.wallMs) * 1000);
        parts.runtime.push((cpuMs(procs.runtime) - before.runtime) / n);
        parts.proxy.push((cpuMs(procs.proxy) - before.proxy) / n);
        parts.node.push((cpuMs(procs.node) - before.node) / n);
        parts.sandbox.push((cpuMs(sandbox) - before.sandbox) / n);
        const used = process.cpuUsage(c0);
        client.push((used.user + used.system) / 1000 / n);
      }
      const split = Object.entries(parts)
        .map(([k, v]) => `${k} ${median(v).toFixed(2)}`)
        .join('  ');
      console.log(
        `${op.padEnd(11)} ${name.padEnd(8)} ${median(rps).toFixed(0).padStart(5)} req/s   CPU ms/req: ${split}  client ${median(client).toFixed(2)}`,
      );
    }
  }
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
