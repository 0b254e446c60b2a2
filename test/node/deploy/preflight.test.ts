/**
 * `npm run deploy`'s preflight without the network: every command is answered by a fake runner, so
 * the test shows which checks run, in which order, and that a failure stops before later checks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  pendingMigrations,
  placeholderIds,
  preflight,
  REQUIRED_SECRETS,
  secretProblems,
  type Run,
  type RunResult,
} from '../../../scripts/deploy/preflight.ts';

const wranglerToml = readFileSync(path.join(import.meta.dirname, '../../../wrangler.toml'), 'utf8');

const DEPLOYED_TOML = wranglerToml
  .replace(/database_id = "[^"]+"/, 'database_id = "3f1c2b9e-7a41-4d2e-9c0b-5e8f6a7d1c23"')
  .replace(/^id = "[^"]+"/gm, 'id = "8e2f4a6c0b1d3e5f7a9c2b4d6e8f0a1c"');

const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '' });
const SECRETS_JSON = JSON.stringify(REQUIRED_SECRETS.map((name) => ({ name, type: 'secret_text' })));
const NO_PENDING = '⛅️ wrangler\n✅ No migrations to apply!\n';

/** A runner that answers by command line and records every call. */
function fakeRun(answers: Record<string, RunResult>): { run: Run; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    run: async (command, args) => {
      const line = [command, ...args].join(' ');
      calls.push(line);
      const answer = answers[line];
      if (!answer) throw new Error(`unexpected command: ${line}`);
      return answer;
    },
  };
}

const ALL_GOOD = {
  'npm run typecheck': ok(),
  'npm run lint': ok(),
  'npx vitest run': ok(),
  'wrangler d1 migrations list DB --remote': ok(NO_PENDING),
  'wrangler secret list --format json': ok(`${SECRETS_JSON}\n`),
};

describe('deploy preflight', () => {
  it('passes when every check passes, local checks first, then the remote ones', async () => {
    const { run, calls } = fakeRun(ALL_GOOD);
    const result = await preflight({ run, wranglerToml: DEPLOYED_TOML });
    expect(result.ok).toBe(true);
    expect(result.outcomes.map((o) => o.name)).toEqual([
      'resources',
      'types',
      'lint',
      'tests',
      'migrations',
      'secrets',
    ]);
    expect(calls).toEqual(Object.keys(ALL_GOOD));
  });

  it('refuses the repository wrangler.toml (placeholder ids) before running anything', async () => {
    const { run, calls } = fakeRun(ALL_GOOD);
    const result = await preflight({ run, wranglerToml });
    expect(result.ok).toBe(false);
    expect(result.outcomes.at(-1)).toMatchObject({ name: 'resources', ok: false });
    expect(calls).toEqual([]);
  });

  it('stops at a failing type check', async () => {
    const { run, calls } = fakeRun({
      ...ALL_GOOD,
      'npm run typecheck': { code: 2, stdout: 'src/app.ts(1,1): error TS2304', stderr: '' },
    });
    const result = await preflight({ run, wranglerToml: DEPLOYED_TOML });
    expect(result.ok).toBe(false);
    expect(result.outcomes.at(-1)).toMatchObject({
      name: 'types',
      ok: false,
      detail: expect.stringContaining('TS2304'),
    });
    expect(calls).toEqual(['npm run typecheck']);
  });

  it('refuses to deploy code ahead of an unapplied migration', async () => {
    const listed = 'Migrations to be applied:\n┌──────────────────────────┐\n│ name │\n│ 0002_scheduled_upkeep.sql │\n';
    const { run } = fakeRun({ ...ALL_GOOD, 'wrangler d1 migrations list DB --remote': ok(listed) });
    const result = await preflight({ run, wranglerToml: DEPLOYED_TOML });
    expect(result.ok).toBe(false);
    expect(result.outcomes.at(-1)?.detail).toContain('0002_scheduled_upkeep.sql');
    expect(result.outcomes.at(-1)?.detail).toContain('migrations apply DB --remote');
  });

  it('names a missing secret and a half-set rotation pair, never a value', async () => {
    const listed = JSON.stringify(
      [...REQUIRED_SECRETS.filter((n) => n !== 'TOKEN_HMAC_KEY'), 'ENCRYPTION_PREVIOUS_KEY'].map((name) => ({ name })),
    );
    const { run } = fakeRun({ ...ALL_GOOD, 'wrangler secret list --format json': ok(listed) });
    const result = await preflight({ run, wranglerToml: DEPLOYED_TOML });
    expect(result.ok).toBe(false);
    expect(result.outcomes.at(-1)?.detail).toContain('TOKEN_HMAC_KEY is not set');
    expect(result.outcomes.at(-1)?.detail).toContain('ENCRYPTION_PREVIOUS_KEY and ENCRYPTION_PREVIOUS_KEY_VERSION');
  });

  it('fails closed when a remote answer cannot be understood (not logged in, network down)', async () => {
    const { run } = fakeRun({
      ...ALL_GOOD,
      'wrangler d1 migrations list DB --remote': { code: 1, stdout: '', stderr: 'You are not authenticated.' },
    });
    const result = await preflight({ run, wranglerToml: DEPLOYED_TOML });
    expect(result.outcomes.at(-1)).toMatchObject({ name: 'migrations', ok: false });
    expect(result.outcomes.at(-1)?.detail).toContain('not authenticated');
  });

  it('with offline, skips the checks that need Cloudflare', async () => {
    const { run, calls } = fakeRun(ALL_GOOD);
    const result = await preflight({ run, wranglerToml: DEPLOYED_TOML }, { offline: true });
    expect(result.ok).toBe(true);
    expect(calls.some((c) => c.startsWith('wrangler'))).toBe(false);
  });

  it('parses what wrangler prints', () => {
    expect(secretProblems([...REQUIRED_SECRETS])).toEqual([]);
    expect(placeholderIds(DEPLOYED_TOML)).toEqual([]);
    expect(pendingMigrations('garbage')).toBeNull();
  });
});
