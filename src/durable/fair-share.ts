/**
 * Each MCP server's own ceiling inside its account's Missive budget, so one server (a leaked URL, a
 * looping agent) cannot spend what the account's other servers need. Pure.
 */
import type { ServerRateLimit } from '../missive/server-config';
import type { RateBudget } from './rate-governor';

/**
 * Without a configured `rate_limit`, a server may use half of each of the account's ceilings: any
 * one server alone always leaves the other half to the rest of the account.
 */
export const DEFAULT_SHARE_FRACTION = 0.5;

const part = (limit: number): number => Math.max(1, Math.floor(limit * DEFAULT_SHARE_FRACTION));

/** The share a server gets when its config says nothing. */
export function defaultShare(budget: RateBudget): RateBudget {
  return {
    concurrent: part(budget.concurrent),
    perMinute: part(budget.perMinute),
    perQuarterHour: part(budget.perQuarterHour),
  };
}

/** A server's ceilings: its configured `rate_limit` where given (never above the account's), else the default share. */
export function shareFor(budget: RateBudget, configured: ServerRateLimit | undefined): RateBudget {
  const fallback = defaultShare(budget);
  const pick = (value: number | undefined, def: number, max: number) => Math.min(value ?? def, max);
  return {
    concurrent: pick(configured?.concurrent, fallback.concurrent, budget.concurrent),
    perMinute: pick(configured?.per_minute, fallback.perMinute, budget.perMinute),
    perQuarterHour: pick(configured?.per_15_minutes, fallback.perQuarterHour, budget.perQuarterHour),
  };
}
