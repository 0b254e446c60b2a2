/**
 * `npm run deploy [-- --dry-run] [-- --offline]`: the preflight checks (scripts/deploy/preflight.ts),
 * then `wrangler deploy` only if every one passed. `--dry-run` builds the bundle instead of
 * uploading it; `--offline` skips the checks that ask Cloudflare (remote migrations, secrets) and
 * implies `--dry-run`, for a machine without credentials. Runs under the pinned Node 22.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, WRANGLER_ENV } from './local-stack.ts';
import { preflight, type Run } from './deploy/preflight.ts';

const args = process.argv.slice(2);
const offline = args.includes('--offline');
const dryRun = offline || args.includes('--dry-run');

/** Runs a command from the repository root; output is collected, and echoed only for local checks. */
const run: Run = (command, commandArgs) =>
  new Promise((resolve) => {
    const bin = command === 'wrangler' ? path.join(ROOT, 'node_modules/.bin/wrangler') : command;
    const child = spawn(bin, commandArgs, { cwd: ROOT, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.on('error', (err) => resolve({ code: 1, stdout, stderr: String(err) }));
  });

const wranglerToml = readFileSync(path.join(ROOT, 'wrangler.toml'), 'utf8');
const result = await preflight({ run, wranglerToml }, { offline });
for (const o of result.outcomes) console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name.padEnd(10)} ${o.detail}`);
if (!result.ok) {
  console.error('\nPreflight failed: nothing was deployed.');
  process.exit(1);
}

const deployArgs = dryRun ? ['deploy', '--dry-run', '--outdir', 'dist'] : ['deploy'];
console.log(`\n$ wrangler ${deployArgs.join(' ')}`);
const deploy = spawn(path.join(ROOT, 'node_modules/.bin/wrangler'), deployArgs, {
  cwd: ROOT,
  env: WRANGLER_ENV,
  stdio: 'inherit',
});
deploy.on('close', (code) => process.exit(code ?? 1));
