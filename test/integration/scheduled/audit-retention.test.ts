/**
 * Audit retention through the Worker's `scheduled` handler with an injected clock: rows older than
 * AUDIT_RETENTION_DAYS go, newer ones stay, a run is bounded, a second run is a no-op, and a
 * malformed setting deletes nothing.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bindings } from '../../../src/env';
import { RETENTION_BATCH, RETENTION_STATEMENTS } from '../../../src/scheduled/audit-retention';
import { insertToolCalls, type ToolCallRow } from '../../../src/storage/tool-calls';
import { jobLine, runCron } from './helpers';

const NOW = Date.UTC(2030, 0, 31, 12, 0, 0);
const DAY = 86_400_000;

function rows(prefix: string, n: number, createdAtMs: number): ToolCallRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}_${String(i).padStart(6, '0')}`,
    server_id: 'srv_retention',
    account_id: 'acct_retention',
    tenant_id: 'ten_retention',
    tool: 'list_conversations',
    outcome: 'ok' as const,
    upstream_status: 200,
    duration_ms: 12,
    arguments_json: '{}',
    request_id: null,
    created_at: new Date(createdAtMs + i).toISOString(),
  }));
}

async function countCalls(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM mcp_tool_calls WHERE server_id = 'srv_retention'").first<{
    n: number;
  }>();
  return row?.n ?? 0;
}

describe('scheduled audit retention', () => {
  beforeEach(async () => {
    await env.DB.prepare("DELETE FROM mcp_tool_calls WHERE server_id = 'srv_retention'").run();
  });

  it('deletes rows older than 30 days by default and keeps newer ones; a second run deletes nothing', async () => {
    await insertToolCalls(env.DB, rows('old', 40, NOW - 31 * DAY));
    await insertToolCalls(env.DB, rows('new', 25, NOW - 29 * DAY));

    const first = await runCron(env, NOW);
    expect(first.error).toBeNull();
    expect(jobLine(first, 'scheduled.audit_retention')).toMatchObject({
      level: 'info',
      job: 'audit_retention',
      retention_days: 30,
      cutoff: new Date(NOW - 30 * DAY).toISOString(),
      deleted: 40,
      more: false,
    });
    expect(await countCalls()).toBe(25);

    const second = await runCron(env, NOW);
    expect(jobLine(second, 'scheduled.audit_retention')).toMatchObject({ deleted: 0, more: false });
    expect(await countCalls()).toBe(25);
  });

  it('is bounded per run: a backlog drains over several runs', async () => {
    const bound = RETENTION_BATCH * RETENTION_STATEMENTS;
    await insertToolCalls(env.DB, rows('backlog', bound + 30, NOW - 400 * DAY));

    const first = await runCron(env, NOW);
    expect(jobLine(first, 'scheduled.audit_retention')).toMatchObject({ deleted: bound, more: true });
    expect(await countCalls()).toBe(30);

    const second = await runCron(env, NOW);
    expect(jobLine(second, 'scheduled.audit_retention')).toMatchObject({ deleted: 30, more: false });
    expect(await countCalls()).toBe(0);
  });

  it('follows AUDIT_RETENTION_DAYS', async () => {
    await insertToolCalls(env.DB, rows('week', 3, NOW - 8 * DAY));
    await insertToolCalls(env.DB, rows('days', 2, NOW - 6 * DAY));
    const run = await runCron({ ...env, AUDIT_RETENTION_DAYS: '7' } as unknown as Bindings, NOW);
    expect(jobLine(run, 'scheduled.audit_retention')).toMatchObject({ retention_days: 7, deleted: 3 });
    expect(await countCalls()).toBe(2);
  });

  it('deletes nothing when the setting is malformed, and the invocation fails visibly', async () => {
    await insertToolCalls(env.DB, rows('kept', 5, NOW - 365 * DAY));
    for (const bad of ['0', '-3', '1.5', 'thirty']) {
      const run = await runCron({ ...env, AUDIT_RETENTION_DAYS: bad } as unknown as Bindings, NOW);
      expect(run.error).toBeInstanceOf(Error);
      expect(run.lines.find((l) => l.event === 'scheduled.misconfigured')).toMatchObject({
        level: 'error',
        setting: 'AUDIT_RETENTION_DAYS',
      });
      expect(run.lines.find((l) => l.event === 'scheduled.failed')).toMatchObject({ job: 'audit_retention' });
      // The other job still ran.
      expect(run.lines.some((l) => l.event === 'scheduled.reencrypt_credentials')).toBe(true);
    }
    expect(await countCalls()).toBe(5);
  });
});
