/**
 * Tool-call audit retention: deletes `mcp_tool_calls` rows older than AUDIT_RETENTION_DAYS
 * (default 30), oldest first, at most RETENTION_STATEMENTS × RETENTION_BATCH rows per run, so a
 * large backlog drains over several runs without a long-running statement. Idempotent: a run
 * with nothing old enough deletes nothing. A malformed setting deletes nothing (an error line
 * instead), so a typo can never shorten the audit trail.
 */
import { z } from 'zod';
import type { Bindings } from '../env';
import { deleteToolCallsBefore } from '../storage/upkeep';

export const DEFAULT_RETENTION_DAYS = 30;
/** Rows per DELETE statement. */
export const RETENTION_BATCH = 1000;
/** DELETE statements per run at most. */
export const RETENTION_STATEMENTS = 5;

const DAY_MS = 86_400_000;

const RetentionDays = z.coerce.number().int().min(1).max(3650);

/** The configured retention in days, or null when the setting is malformed. */
export function retentionDays(env: Pick<Bindings, 'AUDIT_RETENTION_DAYS'>): number | null {
  const raw = (env.AUDIT_RETENTION_DAYS as string | undefined)?.trim();
  if (!raw) return DEFAULT_RETENTION_DAYS;
  const parsed = RetentionDays.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export interface RetentionReport {
  retention_days: number;
  cutoff: string;
  deleted: number;
  /** True when the run stopped at its bound with old rows possibly left: the next run continues. */
  more: boolean;
}

export async function enforceAuditRetention(env: Bindings, days: number, nowMs: number): Promise<RetentionReport> {
  const cutoff = new Date(nowMs - days * DAY_MS).toISOString();
  let deleted = 0;
  let more = true;
  for (let i = 0; i < RETENTION_STATEMENTS; i++) {
    const n = await deleteToolCallsBefore(env.DB, cutoff, RETENTION_BATCH);
    deleted += n;
    if (n < RETENTION_BATCH) {
      more = false;
      break;
    }
  }
  return { retention_days: days, cutoff, deleted, more };
}
