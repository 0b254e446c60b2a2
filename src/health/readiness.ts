/**
 * Readiness: whether this deployment can serve, checked against each dependency it needs — the
 * secrets parse, D1 answers with the schema applied, the KV token index answers, and a Durable
 * Object of the account namespace answers an RPC. Each check reports ok, its time in ms and, on
 * failure, the error's name only (messages can carry SQL or internal detail; secrets never appear).
 */
import { getConfig } from '../config';
import { authorityFor } from '../durable/authority-client';
import type { Bindings } from '../env';
import { lastAppliedMigration, probeTokenIndex } from '../storage/readiness';

export interface CheckResult {
  ok: boolean;
  ms: number;
  error?: string;
  [detail: string]: unknown;
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: Record<'config' | 'd1' | 'kv' | 'durable_object', CheckResult>;
}

/** The object the probe calls; account ids are `acct_…`, so this name is never an account's. */
export const PROBE_OBJECT_NAME = 'readiness-probe';

async function timed(run: () => Promise<Record<string, unknown> | void>): Promise<CheckResult> {
  const started = Date.now();
  try {
    const detail = (await run()) ?? {};
    return { ok: true, ms: Date.now() - started, ...detail };
  } catch (err) {
    return { ok: false, ms: Date.now() - started, error: err instanceof Error ? err.name : 'Error' };
  }
}

export async function checkReadiness(env: Bindings, nowMs: number): Promise<Readiness> {
  const [config, d1, kv, durable] = await Promise.all([
    timed(async () => {
      getConfig(env);
    }),
    timed(async () => {
      const migration = await lastAppliedMigration(env.DB);
      if (migration === null) throw new Error('no migration applied');
      return { last_migration: migration };
    }),
    timed(() => probeTokenIndex(env.TOKEN_INDEX)),
    timed(async () => {
      // A live check for a server that does not exist: one RPC and one SQLite read in the object.
      await authorityFor(env, PROBE_OBJECT_NAME).checkLive('srv_readiness_probe', '', nowMs);
    }),
  ]);
  const checks = { config, d1, kv, durable_object: durable };
  return { status: Object.values(checks).every((c) => c.ok) ? 'ready' : 'not_ready', checks };
}
