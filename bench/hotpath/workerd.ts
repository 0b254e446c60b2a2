/**
 * `npm run bench -- hotpath-workerd [n]` (bench/index.ts): CPU per request of the gateway's own code inside
 * workerd (bench/hotpath/worker.ts: bindings in memory, no simulators, no network), for each MCP
 * request kind: the runtime workerd's /proc CPU over one invocation of n requests, / n. Median of 5.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDevVars, parseDotenv, ROOT, startWorker } from '../../scripts/local-stack.ts';
import { cpuMs, workerdDescendants } from '../lib/proc.ts';

const n = Number(process.argv[2] ?? '2000');
const PORT = 8775;
ensureDevVars();
const vars = parseDotenv(readFileSync(path.join(ROOT, '.dev.vars'), 'utf8'));
const worker = await startWorker({
  name: 'hotpath',
  config: path.join(ROOT, 'bench/hotpath/wrangler.toml'),
  port: PORT,
  probePath: '/run?op=ping&n=1',
  launcher: [path.join(ROOT, 'node_modules/.bin/node'), path.join(ROOT, 'bench/lib/dev-server.ts')],
  env: { X_LOCAL_OBSERVABILITY: 'false' }, // as in bench/lib/setup.ts startStack
  extraArgs: Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
});
try {
  const runtime = workerdDescendants(worker.process.pid!).runtime;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const op of ['ping', 'initialize', 'tools_list', 'call_list', 'call_create']) {
    await fetch(`${worker.origin}/run?op=${op}&n=300`).then((r) => r.text());
    const per: number[] = [];
    for (let round = 0; round < 5; round++) {
      const c0 = cpuMs(runtime);
      const res = await fetch(`${worker.origin}/run?op=${op}&n=${n}`);
      if (!res.ok) throw new Error(`${op}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      await res.text();
      per.push((cpuMs(runtime) - c0) / n);
    }
    console.log(
      `${op.padEnd(12)} ${median(per).toFixed(3)} ms/req (min ${Math.min(...per).toFixed(3)}, max ${Math.max(...per).toFixed(3)})`,
    );
  }
} finally {
  await worker.stop();
}
