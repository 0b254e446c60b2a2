/**
 * CI: starts a throwaway local stack (own ports, own state folder), mints the demo server
 * through the admin API, and proves its URL with the Inspector CLI, mcp-remote and the
 * conformance suite for 2025-11-25 and 2026-07-28 (scripts/mcp-clients/check.ts). Then the same
 * for a server that requires the API token, with the bearer, and the SDK v2 client with an
 * approval round trip on a read + write server (scripts/mcp-clients/v2-client.ts). Exits non-zero
 * on any failure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startLocalStack, WRANGLER_ENV } from './local-stack.ts';
import { seedDemo } from './seed-demo.ts';

const state = mkdtempSync(path.join(tmpdir(), 'mcp-gateway-ci-'));
const stack = await startLocalStack({ gatewayPort: 8767, sandboxPort: 8768, persistTo: path.join(state, 'wrangler') });

function check(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('bash', [path.join(ROOT, 'scripts/check-mcp-clients.sh'), ...args], {
      cwd: ROOT,
      env: { ...WRANGLER_ENV, ...env },
      stdio: 'inherit',
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function runV2Client(url: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/mcp-clients/v2-client.ts'), url], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // The URL is a credential: mask it in what the client prints.
    child.stdout.on('data', (d: Buffer) =>
      process.stdout.write(d.toString().replace(/mcp_[A-Za-z0-9_-]{20,}/g, 'mcp_…')),
    );
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

let failed = false;
try {
  const demoFile = path.join(state, 'demo.json');
  const demo = await seedDemo(stack.gateway.origin, stack.vars, demoFile);

  console.log('\n--- demo server (no bearer required): Inspector, mcp-remote, conformance');
  failed = (await check([], { MCP_DEMO_FILE: demoFile })) !== 0 || failed;

  // A second server of the same account that also demands the tenant's API token.
  const res = await fetch(`${stack.gateway.origin}/integrated-account/${demo.account_id}/mcp`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo.api_token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'CI bearer server', config: { methods: ['read'], require_api_token_auth: true } }),
  });
  if (res.status !== 201) throw new Error(`minting the bearer server answered ${res.status}`);
  const { url } = (await res.json()) as { url: string };
  const bearerFile = path.join(state, 'bearer.json');
  writeFileSync(bearerFile, JSON.stringify({ mcp_url: url, api_token: demo.api_token }));

  console.log('\n--- server with require_api_token_auth, with the bearer: Inspector, mcp-remote');
  failed = (await check(['--skip-conformance'], { MCP_DEMO_FILE: bearerFile })) !== 0 || failed;

  // A read + write server of the same account: the SDK v2 client on 2026-07-28, approval round trip included.
  const writable = await fetch(`${stack.gateway.origin}/integrated-account/${demo.account_id}/mcp`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo.api_token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'CI v2 client server', config: { methods: ['read', 'write'] } }),
  });
  if (writable.status !== 201) throw new Error(`minting the read + write server answered ${writable.status}`);
  const writableUrl = ((await writable.json()) as { url: string }).url;
  console.log('\n--- read + write server: SDK v2 client (2026-07-28), list + call + approval');
  failed = (await runV2Client(writableUrl)) !== 0 || failed;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  failed = true;
} finally {
  await stack.stop();
  rmSync(state, { recursive: true, force: true });
}
console.log(failed ? '\nMCP client checks FAILED' : '\nMCP client checks passed');
process.exit(failed ? 1 : 0);
