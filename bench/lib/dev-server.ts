/**
 * `node bench/lib/dev-server.ts -c <config> --port <n> --persist-to <dir> [--var NAME:VALUE ...]`:
 * the same local dev server as `wrangler dev` (wrangler's own `unstable_startWorker`, which the CLI
 * runs: the same workerd runtime, simulators and dev proxy), but with the DevTools inspector off.
 *
 * Why: the CLI always attaches wrangler's inspector proxy to the runtime with `Runtime.enable`, so
 * every `console.log` is also serialized as a DevTools `Runtime.consoleAPICalled` event, billed to the
 * measured runtime (`npm run bench -- profile --ops --inspector` prices it). A deployed Worker has no inspector attached, so
 * the benchmark measures without it (the log lines still reach stdout through workerd's structured
 * logs). Runs until SIGTERM/SIGINT, then disposes the worker (which stops its workerd processes).
 */
import { unstable_startWorker } from 'wrangler';

const argv = process.argv.slice(2);
function take(flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv.splice(i, 2)[1] : undefined;
}
const config = take('-c');
take('--ip'); // always 127.0.0.1
const port = Number(take('--port'));
const persist = take('--persist-to');
const bindings: Record<string, { type: 'plain_text'; value: string }> = {};
for (let v = take('--var'); v !== undefined; v = take('--var')) {
  const at = v.indexOf(':');
  bindings[v.slice(0, at)] = { type: 'plain_text', value: v.slice(at + 1) };
}
if (!config || !Number.isInteger(port) || argv.length) {
  console.error(
    `usage: dev-server.ts -c <config> --port <n> [--persist-to <dir>] [--var NAME:VALUE]… (left: ${argv.join(' ')})`,
  );
  process.exit(2);
}

const worker = await unstable_startWorker({
  config,
  bindings,
  dev: {
    server: { hostname: '127.0.0.1', port },
    inspector: false,
    persist: persist ?? false,
    watch: false,
    liveReload: false,
    logLevel: 'info',
    registry: undefined,
    // The Worker's log lines, printed as they are. wrangler's own handler runs each console.log line
    // through its source-map pass and its logger in this Node process (the load-split command shows
    // its share), CPU that a deployed Worker's logs never cost and that competes with the measured
    // workers for the machine's cores.
    structuredLogsHandler: ({ level, message }: { level: string; message: string }) => {
      (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${message}\n`);
    },
  },
});
await worker.ready;
console.log(`[dev-server] ready on ${String(await worker.url)} (inspector off)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.dispose();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
