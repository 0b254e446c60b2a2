/**
 * `npm run bench -- hotpath-node [op] [n] [--prof]` (bench/index.ts): the gateway's own code on its MCP hot path,
 * in Node, with every binding faked in memory (KV, the account authority, D1, Missive answered by a
 * canned Response). It prints the CPU per request of the gateway's JavaScript alone, the part that
 * `npm run bench` cannot separate from the local storage simulators (they share workerd's thread
 * and confuse its V8 sampler). `--prof` writes a .cpuprofile (node --cpu-prof) of the loop.
 * Node's Request/Response/crypto are JavaScript (undici) where workerd's are native, so absolute
 * figures differ from workerd; use it to find and compare hot spots, not to quote.
 * op: ping | initialize | tools_list | call_list | call_create (default call_list); n default 20000.
 * The same code inside workerd: workerd.ts (`hotpath-workerd`).
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDotenv, ensureDevVars, ROOT } from '../../scripts/local-stack.ts';
import { BODIES, fakeEnv, sendOnce } from './fakes.ts';

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
const { env, token } = await fakeEnv(gw, vars);
// The access line is built (and redacted) but not printed, whatever console method its level uses.
// eslint-disable-next-line no-console -- silencing the logger's output is the point here
for (const m of ['debug', 'info', 'log', 'warn', 'error'] as const) console[m] = () => undefined;
if (!BODIES[op]) throw new Error(`unknown op ${op}`);
const app = gw.createApp();
const send = () => sendOnce(app.fetch, env, token, op);

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
