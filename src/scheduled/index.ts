/**
 * The Worker's `scheduled` handler (Cron Triggers, wrangler.toml `[triggers]`): each tick runs every
 * upkeep job once, in order, each on its own so one failing job does not stop the next. The clock is
 * the trigger's `scheduledTime` (tests pass their own), never the wall clock. Each job writes one
 * JSON line with what it did (`scheduled.<job>`), or `scheduled.failed`; no line holds a secret.
 * A failed job makes the invocation fail too, so it shows as an error in the Worker's metrics.
 */
import type { Bindings } from '../env';
import { GatewayError } from '../errors';
import { createLogger, type Logger } from '../log';
import { enforceAuditRetention, retentionDays } from './audit-retention';
import { reencryptCredentials } from './reencrypt-credentials';

type Job = (env: Bindings, log: Logger, nowMs: number) => Promise<Record<string, unknown>>;

const JOBS: Record<string, Job> = {
  audit_retention: async (env, log, nowMs) => {
    const days = retentionDays(env);
    if (days === null) {
      log.error('scheduled.misconfigured', { setting: 'AUDIT_RETENTION_DAYS', rule: 'an integer from 1 to 3650' });
      throw new Error('AUDIT_RETENTION_DAYS is malformed');
    }
    return { ...(await enforceAuditRetention(env, days, nowMs)) };
  },
  reencrypt_credentials: async (env, log, nowMs) => ({ ...(await reencryptCredentials(env, log, nowMs)) }),
};

export async function runScheduled(controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>, env: Bindings) {
  const nowMs = controller.scheduledTime;
  const base = createLogger({ cron: controller.cron, scheduled_time: new Date(nowMs).toISOString() }, env.LOG_LEVEL);
  const failed: string[] = [];
  for (const [name, job] of Object.entries(JOBS)) {
    const log = base.child({ job: name });
    const started = Date.now();
    try {
      const report = await job(env, log, nowMs);
      log.info(`scheduled.${name}`, { ...report, duration_ms: Date.now() - started });
    } catch (err) {
      failed.push(name);
      log.error('scheduled.failed', {
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        // A configuration error's private detail names the variable, never its value.
        ...(err instanceof GatewayError && err.internal ? { internal: err.internal } : {}),
        duration_ms: Date.now() - started,
      });
    }
  }
  if (failed.length > 0) throw new Error(`scheduled jobs failed: ${failed.join(', ')}`);
}
