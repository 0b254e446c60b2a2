/** Runs the Worker's real `scheduled` handler at a chosen time and collects its JSON log lines. */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../../src/index';
import type { Bindings } from '../../../src/env';
import { spyOnLogLines } from '../../helpers/log-lines';

export const CRON = '*/15 * * * *';

export interface ScheduledRun {
  /** Every printed line, parsed (the logger prints JSON lines). */
  lines: Record<string, unknown>[];
  /** The raw printed text, to check that no secret was printed. */
  text: string;
  /** The handler's rejection, if any. */
  error: unknown;
}

export async function runCron(env: Bindings, scheduledTime: number): Promise<ScheduledRun> {
  const logs = spyOnLogLines();
  const controller = createScheduledController({ scheduledTime, cron: CRON });
  const ctx = createExecutionContext();
  let error: unknown = null;
  try {
    // Called as the runtime calls it: the ExportedHandler contract, with an execution context.
    await (worker as ExportedHandler<Bindings>).scheduled!(controller, env, ctx);
  } catch (err) {
    error = err;
  }
  await waitOnExecutionContext(ctx);
  logs.restore();
  const printed = logs.lines();
  return { lines: printed.map((l) => JSON.parse(l) as Record<string, unknown>), text: printed.join('\n'), error };
}

/** The one line a job wrote (`scheduled.<job>`). */
export function jobLine(run: ScheduledRun, event: string): Record<string, unknown> {
  const found = run.lines.filter((l) => l.event === event);
  if (found.length !== 1) throw new Error(`expected one ${event} line, got ${found.length}: ${run.text}`);
  return found[0]!;
}
