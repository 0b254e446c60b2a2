/**
 * The checks `npm run deploy` runs before `wrangler deploy` (scripts/deploy.ts). Each check gets a
 * `Run` that executes a command and returns its exit code and output; the checks themselves only
 * decide, so tests drive them with canned answers and no network.
 *
 * Order: local checks first (config, types, lint, tests), then the two that ask Cloudflare
 * (migrations pending on the remote D1, secrets set on the Worker). Migrations before code: a
 * deploy is refused while a migration is unapplied, because new code may read a column that only
 * the migration creates.
 */

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Run = (command: string, args: readonly string[]) => Promise<RunResult>;

export interface CheckOutcome {
  name: string;
  ok: boolean;
  /** One line an operator can act on; never a secret's value. */
  detail: string;
}

export interface Check {
  name: string;
  /** True when the check needs Cloudflare's API (skipped by `--offline`). */
  remote: boolean;
  run: (ctx: { run: Run; wranglerToml: string }) => Promise<CheckOutcome>;
}

/** Secrets the Worker refuses to start without (src/config.ts: every name but the *_PREVIOUS_* ones). */
export const REQUIRED_SECRETS = [
  'ADMIN_API_KEY',
  'JWT_SIGNING_KEY',
  'JWT_SIGNING_KEY_ID',
  'ENCRYPTION_KEY',
  'ENCRYPTION_KEY_VERSION',
  'TOKEN_HMAC_KEY',
  'TOKEN_HMAC_KEY_VERSION',
] as const;

/** Rotation secrets: optional, but each pair is set together or not at all. */
export const ROTATION_PAIRS = [
  ['JWT_PREVIOUS_SIGNING_KEY', 'JWT_PREVIOUS_SIGNING_KEY_ID'],
  ['ENCRYPTION_PREVIOUS_KEY', 'ENCRYPTION_PREVIOUS_KEY_VERSION'],
  ['TOKEN_HMAC_PREVIOUS_KEY', 'TOKEN_HMAC_PREVIOUS_KEY_VERSION'],
] as const;

const WRANGLER = 'wrangler';

function outcome(name: string, ok: boolean, detail: string): CheckOutcome {
  return { name, ok, detail };
}

/** The last non-empty line of a command's output, to say why it failed without dumping it all. */
function lastLine(r: RunResult): string {
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
  return lines.at(-1)?.trim().slice(0, 200) ?? `exit code ${r.code}`;
}

/** wrangler.toml still holds the all-zero ids of the repository: the resources were never created. */
export function placeholderIds(wranglerToml: string): string[] {
  const found: string[] = [];
  // The repository's ids are zeros with at most a last digit or two told apart (e.g. ...0001).
  if (/^\s*database_id\s*=\s*"0{8}-0{4}-0{4}-0{4}-0{10}[0-9a-f]{2}"/m.test(wranglerToml)) {
    found.push('d1_databases.database_id');
  }
  const kv = wranglerToml.match(/^\s*id\s*=\s*"0{30}[0-9a-f]{2}"/gm) ?? [];
  if (kv.length > 0) found.push(`kv_namespaces.id (${kv.length})`);
  return found;
}

/** Names of unapplied migrations in `wrangler d1 migrations list` output; null if the output is not understood. */
export function pendingMigrations(output: string): string[] | null {
  if (output.includes('No migrations to apply')) return [];
  if (!output.includes('Migrations to be applied')) return null;
  return [...new Set(output.match(/\b\d{4}_[A-Za-z0-9_.-]+\.sql\b/g) ?? [])];
}

/** What is wrong with the Worker's secrets, given the names `wrangler secret list` reports. */
export function secretProblems(names: readonly string[]): string[] {
  const have = new Set(names);
  const problems = REQUIRED_SECRETS.filter((n) => !have.has(n)).map((n) => `${n} is not set`);
  for (const [a, b] of ROTATION_PAIRS) {
    if (have.has(a) !== have.has(b)) problems.push(`${a} and ${b} must be set together`);
  }
  return problems;
}

function commandCheck(name: string, command: string, args: readonly string[]): Check {
  return {
    name,
    remote: false,
    run: async ({ run }) => {
      const r = await run(command, args);
      return outcome(name, r.code === 0, r.code === 0 ? 'passed' : `failed: ${lastLine(r)}`);
    },
  };
}

export const CHECKS: readonly Check[] = [
  {
    name: 'resources',
    remote: false,
    run: async ({ wranglerToml }) => {
      const ids = placeholderIds(wranglerToml);
      return ids.length === 0
        ? outcome('resources', true, 'D1 and KV ids set in wrangler.toml')
        : outcome('resources', false, `placeholder ${ids.join(', ')} in wrangler.toml (see docs/deploying.md)`);
    },
  },
  commandCheck('types', 'npm', ['run', 'typecheck']),
  commandCheck('lint', 'npm', ['run', 'lint']),
  commandCheck('tests', 'npx', ['vitest', 'run']),
  {
    name: 'migrations',
    remote: true,
    run: async ({ run }) => {
      const r = await run(WRANGLER, ['d1', 'migrations', 'list', 'DB', '--remote']);
      const pending = r.code === 0 ? pendingMigrations(r.stdout) : null;
      if (pending === null) return outcome('migrations', false, `could not list remote migrations: ${lastLine(r)}`);
      return pending.length === 0
        ? outcome('migrations', true, 'remote D1 has every migration')
        : outcome(
            'migrations',
            false,
            `unapplied on the remote D1: ${pending.join(', ')}; run \`npx wrangler d1 migrations apply DB --remote\` first`,
          );
    },
  },
  {
    name: 'secrets',
    remote: true,
    run: async ({ run }) => {
      const r = await run(WRANGLER, ['secret', 'list', '--format', 'json']);
      let names: string[] | null = null;
      try {
        // The JSON array, without any banner wrangler may print around it.
        const parsed: unknown = JSON.parse(r.stdout.slice(r.stdout.indexOf('['), r.stdout.lastIndexOf(']') + 1));
        if (Array.isArray(parsed)) names = parsed.map((s: { name?: unknown }) => String(s?.name ?? ''));
      } catch {
        names = null;
      }
      if (r.code !== 0 || names === null) return outcome('secrets', false, `could not list secrets: ${lastLine(r)}`);
      const problems = secretProblems(names);
      return problems.length === 0
        ? outcome('secrets', true, `${REQUIRED_SECRETS.length} required secrets set`)
        : outcome('secrets', false, `${problems.join('; ')} (\`npx wrangler secret put NAME\`)`);
    },
  },
];

/**
 * Runs the checks in order and stops at the first failure (later checks cost more or ask the
 * network). With `offline`, checks that need Cloudflare's API are skipped.
 */
export async function preflight(
  ctx: { run: Run; wranglerToml: string },
  opts: { offline?: boolean; checks?: readonly Check[] } = {},
): Promise<{ ok: boolean; outcomes: CheckOutcome[] }> {
  const outcomes: CheckOutcome[] = [];
  for (const check of opts.checks ?? CHECKS) {
    if (opts.offline && check.remote) {
      outcomes.push(outcome(check.name, true, 'skipped (--offline)'));
      continue;
    }
    const result = await check.run(ctx);
    outcomes.push(result);
    if (!result.ok) return { ok: false, outcomes };
  }
  return { ok: true, outcomes };
}
