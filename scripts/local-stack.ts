/**
 * Starts the gateway and the Missive sandbox on this machine with `wrangler dev`, the way a
 * developer, the CI client checks and the benchmarks all need them. Runs under the Node 22
 * that the `node` devDependency installs (type stripping, no build step).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const GATEWAY_PORT = 8787;
export const SANDBOX_PORT = 8788;

const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');

/** Environment for every wrangler child: no telemetry, no network lookups for Request.cf. */
export const WRANGLER_ENV = {
  ...process.env,
  // wrangler's shebang runs whichever `node` is first on PATH; put the pinned Node 22 first even
  // when this module is used outside `npm run` (the machine's own Node 20 is too old for it).
  PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  // wrangler dev's local trace store would keep every request URL (each MCP URL holds its token)
  // under .wrangler/state/v3/observability.
  X_LOCAL_OBSERVABILITY: 'false',
  // Keeps wrangler from prompting or opening a browser.
  CI: process.env.CI ?? 'true',
};

/** Creates .dev.vars from .dev.vars.example with fresh random secrets, if it does not exist yet. */
export function ensureDevVars(): { created: boolean; vars: Record<string, string> } {
  const file = path.join(ROOT, '.dev.vars');
  let created = false;
  if (!existsSync(file)) {
    const example = readFileSync(path.join(ROOT, '.dev.vars.example'), 'utf8');
    const filled = example.replace(
      /=replace-with-random-32-bytes-base64url$/gm,
      () => `=${randomBytes(32).toString('base64url')}`,
    );
    writeFileSync(file, filled, { mode: 0o600 });
    created = true;
  }
  return { created, vars: parseDotenv(readFileSync(file, 'utf8')) };
}

export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** Runs a command to completion and returns its output; fails loudly with the output if it exits non-zero. */
export function run(cmd: string, args: string[], opts: { quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        if (!opts.quiet) process.stdout.write(output);
        resolve(output);
      } else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${output}`));
    });
  });
}

/** Applies the D1 migrations to the local database (in .wrangler/state unless `persistTo` says otherwise). */
export async function applyLocalMigrations(persistTo?: string): Promise<void> {
  const args = ['d1', 'migrations', 'apply', 'DB', '--local'];
  if (persistTo) args.push('--persist-to', persistTo);
  await run(WRANGLER, args, { quiet: true });
}

export interface StartedWorker {
  name: string;
  origin: string;
  process: ChildProcess;
  /** Last lines the worker printed, for error reports. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts one `wrangler dev` and resolves once `probePath` answers. */
export async function startWorker(opts: {
  name: string;
  config: string;
  port: number;
  probePath: string;
  log?: (line: string) => void;
  extraArgs?: string[];
  /** The command that takes `wrangler dev`'s arguments; default `wrangler dev` (bench/lib/dev-server.ts is the other). */
  launcher?: [string, ...string[]];
  /** Environment variables added to WRANGLER_ENV for this worker's process. */
  env?: Record<string, string>;
  /**
   * Write the worker's output to this file instead of piping it through this process (the
   * benchmark: reading every log line here would take CPU from the workers it measures). `log` is
   * then not called; errors still quote the file's tail.
   */
  outputFile?: string;
}): Promise<StartedWorker> {
  const [command, ...launcherArgs] = opts.launcher ?? [WRANGLER, 'dev'];
  const args = [
    ...launcherArgs,
    '-c',
    opts.config,
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    ...(opts.extraArgs ?? []),
  ];
  const outFd = opts.outputFile === undefined ? null : openSync(opts.outputFile, 'a');
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...WRANGLER_ENV, ...opts.env },
    stdio: outFd === null ? ['ignore', 'pipe', 'pipe'] : ['ignore', outFd, outFd],
    detached: true,
  });
  if (outFd !== null) closeSync(outFd); // the child holds its own copy
  let piped = '';
  const onData = (d: Buffer) => {
    const text = d.toString();
    piped = (piped + text).slice(-8000);
    if (opts.log) for (const line of text.split('\n')) if (line.trim()) opts.log(`[${opts.name}] ${line}`);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const fileTail = (file: string) => {
    try {
      return readFileSync(file, 'utf8').slice(-8000);
    } catch {
      return '';
    }
  };
  const tailOf = () => (opts.outputFile === undefined ? piped : fileTail(opts.outputFile));
  const origin = `http://127.0.0.1:${opts.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      // wrangler starts workerd as a child: signal the whole process group.
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000).unref();
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${opts.name} exited early:\n${tailOf()}`);
    try {
      const res = await fetch(origin + opts.probePath, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return { name: opts.name, origin, process: child, output: tailOf, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`${opts.name} did not answer ${opts.probePath} within 60 s:\n${tailOf()}`);
}

export interface LocalStackOptions {
  log?: (line: string) => void;
  gatewayPort?: number;
  sandboxPort?: number;
  /**
   * Where local D1/KV/DO state lives. `npm run dev` keeps the default (.wrangler/state) so the
   * demo survives restarts; tests, client checks and benchmarks pass a fresh folder so they
   * never touch a developer's demo data.
   */
  persistTo?: string;
}

/** Starts the sandbox (default 8788) and the gateway (default 8787) with local D1/KV/DO state. */
export async function startLocalStack(opts: LocalStackOptions = {}) {
  const { log, gatewayPort = GATEWAY_PORT, sandboxPort = SANDBOX_PORT, persistTo } = opts;
  const { vars } = ensureDevVars();
  await applyLocalMigrations(persistTo);
  const persistArgs = persistTo ? ['--persist-to', persistTo] : [];
  const sandbox = await startWorker({
    name: 'sandbox',
    config: 'sandbox/wrangler.toml',
    port: sandboxPort,
    probePath: '/__sandbox/config',
    log,
  });
  let gateway: StartedWorker;
  try {
    gateway = await startWorker({
      name: 'gateway',
      config: 'wrangler.toml',
      port: gatewayPort,
      probePath: '/healthz',
      log,
      // The sandbox's address wins over the one in .dev.vars, so a second stack on other ports works.
      extraArgs: [...persistArgs, '--var', `MISSIVE_API_BASE:http://127.0.0.1:${sandboxPort}/v1`],
    });
  } catch (err) {
    await sandbox.stop();
    throw err;
  }
  return {
    gateway,
    sandbox,
    vars,
    stop: async () => {
      await Promise.all([gateway.stop(), sandbox.stop()]);
    },
  };
}
