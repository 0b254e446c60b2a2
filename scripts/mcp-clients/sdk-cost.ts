/**
 * CPU per MCP request of the SDK paths the gateway can take (sdk-cost-entry.ts), in Node 22 on this
 * machine: `node_modules/.bin/node scripts/mcp-clients/sdk-cost.ts [n]`. Prices the SDK's share of a
 * request only (no storage, no Missive); run it on a quiet machine and compare paths, not absolutes.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const n = Number(process.argv[2] ?? 2000);
const dir = mkdtempSync(path.join(tmpdir(), 'sdk-cost-'));
const outfile = path.join(dir, 'entry.mjs');
await build({
  entryPoints: [path.join(import.meta.dirname, 'sdk-cost-entry.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  conditions: ['workerd', 'worker'],
  logLevel: 'error',
});
type Serve = (request: Request, body: unknown) => Promise<Response>;
const paths = (await import(pathToFileURL(outfile).href)) as {
  toolCount: number;
  v1: Serve;
  v2Legacy: Serve;
  v2Modern: Serve;
};
rmSync(dir, { recursive: true, force: true });

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'cost', version: '1' },
};

function message(method: string, modern: boolean): { body: Record<string, unknown>; headers: Record<string, string> } {
  const params: Record<string, unknown> =
    method === 'tools/call'
      ? { name: 'missive_contacts_list', arguments: {} }
      : method === 'initialize'
        ? { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } }
        : {};
  if (modern) params._meta = MODERN_META;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  if (modern) {
    headers['mcp-protocol-version'] = '2026-07-28';
    headers['mcp-method'] = method;
    if (method === 'tools/call') headers['mcp-name'] = 'missive_contacts_list';
  } else if (method !== 'initialize') headers['mcp-protocol-version'] = '2025-11-25';
  return { body: { jsonrpc: '2.0', id: 1, method, params }, headers };
}

async function price(name: string, serve: Serve, method: string, modern: boolean): Promise<void> {
  const { body, headers } = message(method, modern);
  const text = JSON.stringify(body);
  const once = async () => {
    const res = await serve(
      new Request('http://gw.test/mcp/x', { method: 'POST', headers, body: text }),
      JSON.parse(text),
    );
    const out = await res.text();
    if (res.status !== 200 || out.includes('"error"'))
      throw new Error(`${name} ${method}: ${res.status} ${out.slice(0, 300)}`);
  };
  for (let i = 0; i < 200; i++) await once();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await once();
  const used = process.cpuUsage(c0);
  console.log(
    `${name.padEnd(10)} ${method.padEnd(11)} ${((used.user + used.system) / 1000 / n).toFixed(3)} ms CPU/request`,
  );
}

console.log(`${paths.toolCount} tools, n=${n}, node ${process.version}`);
for (const method of ['initialize', 'tools/list', 'tools/call']) {
  await price('v1', paths.v1, method, false);
  await price('v2-2025', paths.v2Legacy, method, false);
  if (method !== 'initialize') await price('v2-2026', paths.v2Modern, method, true);
}
