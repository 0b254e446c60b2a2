/**
 * Proves an MCP URL with three clients nobody on this project wrote:
 *   1. the Inspector CLI (@modelcontextprotocol/inspector): tools/list (with --strict schema portability
 *      check) and one tools/call;
 *   2. mcp-remote (the stdio bridge Claude Desktop and other desktop clients use), `--transport http-only`,
 *      driven over stdio with initialize → notifications/initialized → tools/list → tools/call;
 *   3. the official conformance suite, once per revision: 2025-11-25 with conformance/baseline.yml and
 *      2026-07-28 with conformance/baseline-2026-07-28.yml.
 *
 * Usage: node scripts/mcp-clients/check.ts [mcp-url] [--bearer <api-token>] [--skip-conformance]
 * Without a URL it reads `.wrangler/demo.json` ({ mcp_url, api_token }) written by `npm run dev`
 * (or the file named by MCP_DEMO_FILE).
 * The bearer (flag, MCP_BEARER, or the demo api_token) is sent by clients 1 and 2; servers without
 * require_api_token_auth ignore it. The conformance suite cannot send headers, so point it at a server
 * without require_api_token_auth, on a loopback URL (its DNS-rebinding scenario needs one).
 * Tools come from node_modules/.bin when installed, otherwise from `npx -y <pkg>@<pinned version>`.
 * Every line printed has MCP tokens and the bearer masked.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PINNED = {
  inspector: { pkg: '@modelcontextprotocol/inspector@2.12.0', bin: 'mcp-inspector' },
  mcpRemote: { pkg: 'mcp-remote@0.15.1', bin: 'mcp-remote' },
  conformance: { pkg: '@modelcontextprotocol/conformance@0.2.0-alpha.12', bin: 'conformance' },
} as const;
const PREFERRED_TOOL = 'list_all_missive_users';

interface Options {
  url: string;
  bearer: string | null;
  conformance: boolean;
}

function parseArgs(argv: string[]): Options {
  let url: string | null = process.env.MCP_URL ?? null;
  let bearer: string | null = process.env.MCP_BEARER ?? null;
  let conformance = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--bearer') bearer = argv[++i] ?? null;
    else if (a === '--skip-conformance') conformance = false;
    else if (a === '-h' || a === '--help') {
      console.log('Usage: scripts/check-mcp-clients.sh [mcp-url] [--bearer <api-token>] [--skip-conformance]');
      process.exit(0);
    } else url = a;
  }
  if (!url) {
    const demoFile = process.env.MCP_DEMO_FILE ?? path.join(ROOT, '.wrangler/demo.json');
    if (!existsSync(demoFile)) {
      console.error('No MCP URL given and no .wrangler/demo.json: run `npm run dev` first or pass a URL.');
      process.exit(2);
    }
    const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as { mcp_url?: string; api_token?: string };
    if (!demo.mcp_url) throw new Error('.wrangler/demo.json has no mcp_url');
    url = demo.mcp_url;
    bearer ??= demo.api_token ?? null;
  }
  return { url, bearer, conformance };
}

const opts = parseArgs(process.argv.slice(2));

/** Masks credentials before anything is printed. */
function mask(text: string): string {
  let out = text.replace(/mcp_[A-Za-z0-9_-]{20,}/g, 'mcp_…');
  if (opts.bearer) out = out.split(opts.bearer).join('[bearer]');
  return out;
}

function command(tool: keyof typeof PINNED, args: string[]): [string, string[]] {
  const { pkg, bin } = PINNED[tool];
  const local = path.join(ROOT, 'node_modules/.bin', bin);
  if (existsSync(local)) return [local, args];
  return ['npx', ['-y', `--package=${pkg}`, '--', bin, ...args]];
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(tool: keyof typeof PINNED, args: string[], timeoutMs = 120_000): Promise<RunResult> {
  const [cmd, full] = command(tool, args);
  return new Promise((resolve) => {
    const child = spawn(cmd, full, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface ToolInfo {
  name: string;
  inputSchema?: { properties?: Record<string, unknown>; required?: string[] };
  annotations?: { readOnlyHint?: boolean };
}

/** The tool to call: list_all_missive_users if offered, else the first read-only tool without required arguments. */
function pickTool(tools: ToolInfo[]): { name: string; args: Record<string, unknown> } | null {
  const tool =
    tools.find((t) => t.name === PREFERRED_TOOL) ??
    tools.find((t) => t.annotations?.readOnlyHint && (t.inputSchema?.required ?? []).length === 0);
  if (!tool) return null;
  return { name: tool.name, args: tool.inputSchema?.properties?.limit ? { limit: 2 } : {} };
}

const results: { step: string; ok: boolean; detail: string }[] = [];
function report(step: string, ok: boolean, detail: string) {
  results.push({ step, ok, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${step}: ${mask(detail)}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function inspector(): Promise<ToolInfo[]> {
  const auth = opts.bearer ? ['--header', `Authorization: Bearer ${opts.bearer}`] : [];
  const base = ['--cli', opts.url, '--transport', 'http', ...auth];
  const list = await run('inspector', [...base, '--method', 'tools/list', '--strict']);
  const listed = parseJson(list.stdout) as { tools?: ToolInfo[] } | null;
  const tools = listed?.tools ?? [];
  report(
    'inspector tools/list',
    list.code === 0 && tools.length > 0,
    list.code === 0
      ? `${tools.length} tools, no schema portability errors`
      : `exit ${list.code}: ${list.stderr.slice(-500)}`,
  );
  const pick = pickTool(tools);
  if (!pick) {
    report('inspector tools/call', false, 'no read-only tool without required arguments to call');
    return tools;
  }
  const toolArgs = Object.entries(pick.args).flatMap(([k, v]) => ['--tool-arg', `${k}=${String(v)}`]);
  const call = await run('inspector', [...base, '--method', 'tools/call', '--tool-name', pick.name, ...toolArgs]);
  const called = parseJson(call.stdout) as { isError?: boolean; content?: unknown[] } | null;
  report(
    'inspector tools/call',
    call.code === 0 && called !== null && called.isError !== true && (called.content?.length ?? 0) > 0,
    call.code === 0
      ? `${pick.name} → ${called?.isError ? 'isError' : 'ok'}`
      : `exit ${call.code}: ${call.stderr.slice(-500)}`,
  );
  return tools;
}

/** Drives mcp-remote over stdio as a desktop client would. */
async function mcpRemote(): Promise<void> {
  // mcp-remote keeps OAuth state on disk; a throwaway directory keeps runs independent.
  const configDir = mkdtempSync(path.join(tmpdir(), 'mcp-remote-'));
  const auth = opts.bearer ? ['--header', `Authorization: Bearer ${opts.bearer}`] : [];
  const [cmd, args] = command('mcpRemote', [opts.url, '--transport', 'http-only', ...auth]);
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, MCP_REMOTE_CONFIG_DIR: configDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const pending = new Map<number, (msg: Record<string, unknown>) => void>();
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      const msg = parseJson(line) as Record<string, unknown> | null;
      if (msg && typeof msg.id === 'number') pending.get(msg.id)?.(msg);
    }
  });
  const send = (msg: Record<string, unknown>) => child.stdin.write(`${JSON.stringify(msg)}\n`);
  const request = (id: number, method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in 60 s`)), 60_000);
      pending.set(id, (msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
      send({ jsonrpc: '2.0', id, method, params });
    });
  try {
    const init = await request(1, 'initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'check-mcp-clients', version: '1.0.0' },
    });
    const info = (init.result as { serverInfo?: { name?: string; version?: string } } | undefined)?.serverInfo;
    report('mcp-remote initialize', !!info, info ? `${info.name} ${info.version}` : JSON.stringify(init).slice(0, 300));
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const list = await request(2, 'tools/list');
    const tools = ((list.result as { tools?: ToolInfo[] } | undefined)?.tools ?? []) as ToolInfo[];
    report('mcp-remote tools/list', tools.length > 0, `${tools.length} tools`);
    const pick = pickTool(tools);
    if (!pick) {
      report('mcp-remote tools/call', false, 'no read-only tool without required arguments to call');
      return;
    }
    const call = await request(3, 'tools/call', { name: pick.name, arguments: pick.args });
    const result = call.result as { isError?: boolean } | undefined;
    report(
      'mcp-remote tools/call',
      !!result && result.isError !== true,
      result ? `${pick.name} → ${result.isError ? 'isError' : 'ok'}` : JSON.stringify(call).slice(0, 300),
    );
  } catch (err) {
    report('mcp-remote', false, `${err instanceof Error ? err.message : String(err)}; stderr: ${stderr.slice(-800)}`);
  } finally {
    child.kill('SIGTERM');
    rmSync(configDir, { recursive: true, force: true });
  }
}

/**
 * One run of the suite for one protocol revision, against its own baseline of expected failures:
 * `--spec-version` (the suite's active scenarios for that revision), or `--requirements` (exactly
 * the scenarios the revision requires, frozen at its release: server-stateless, caching,
 * http-header-validation, input_required, …).
 */
async function conformance(select: '--spec-version' | '--requirements', specVersion: string, baseline: string) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'mcp-conformance-'));
  const res = await run(
    'conformance',
    [
      'server',
      '--url',
      opts.url,
      select,
      specVersion,
      '--expected-failures',
      path.join(ROOT, 'conformance', baseline),
      '-o',
      outDir,
    ],
    300_000,
  );
  // The per-scenario files hold the URL (a credential); only the summary is kept.
  rmSync(outDir, { recursive: true, force: true });
  const at = res.stdout.indexOf('=== SUMMARY ===');
  console.log(mask((at >= 0 ? res.stdout.slice(at) : `${res.stdout}\n${res.stderr}`.slice(-3000)).trim()));
  report(
    `conformance ${select} ${specVersion} (${baseline})`,
    res.code === 0,
    res.code === 0 ? 'all failures are expected' : `exit ${res.code}`,
  );
}

console.log(`Checking ${mask(opts.url)}${opts.bearer ? ' with a bearer API token' : ''}`);
await inspector();
await mcpRemote();
if (opts.conformance) {
  await conformance('--spec-version', '2025-11-25', 'baseline.yml');
  await conformance('--spec-version', '2026-07-28', 'baseline-2026-07-28.yml');
  await conformance('--requirements', '2026-07-28', 'requirements-2026-07-28.yml');
}
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} checks passed`);
process.exit(failed.length === 0 ? 0 : 1);
