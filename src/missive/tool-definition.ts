/**
 * What one Missive tool is: its MCP face (name, description, zod input schema, annotations),
 * its place in the filter (method category and tags), and the handler that turns arguments
 * into Missive requests. Tools live in `tools/<area>.ts`; `catalogue.ts` gathers them.
 */
import type { z } from 'zod';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../log';
import type { Bindings } from '../env';
import type { ReleaseObservation } from '../durable/rate-governor';
import type { MethodCategory, ToolTag } from './server-config';

/** Defaults stored on the integrated account; they fill fields a caller leaves out. */
export interface AccountDefaults {
  organization?: string;
  team?: string;
  contact_book?: string;
  from_address?: string;
  from_name?: string;
  account?: string;
}

/** Upstream facts a tool call reports back, so the MCP layer can set headers and write the audit row. */
export interface UpstreamOutcome {
  status: number;
  /** Normalized IETF headers (`ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`, `retry-after`). */
  rateLimitHeaders: Record<string, string>;
}

export interface ToolOutcome {
  result: CallToolResult;
  /** The last upstream answer behind this result, if Missive was called. */
  upstream?: UpstreamOutcome;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each tool narrows its own schema; the catalogue holds them all.
export type AnyInputSchema = z.ZodObject<any>;

/** Everything a handler may use for one call. Built by the MCP endpoint per request. */
export interface ToolContext {
  env: Bindings;
  accountId: string;
  serverId: string;
  /** The account's decrypted Missive token. Never log it, never put it in a result. */
  missiveToken: string;
  defaults: AccountDefaults;
  log: Logger;
  /** A governor permit taken with the MCP live check; the first Missive request spends it (client.ts). */
  prepaid?: PrepaidPermit;
}

/**
 * A permit the MCP endpoint took in the same Durable Object call as its live check. The first
 * Missive request of the call claims it instead of acquiring one; the endpoint releases it after
 * the answer (with what Missive said), or refunds it when nothing claimed it.
 */
export interface PrepaidPermit {
  readonly permit: string;
  claimed: boolean;
  observed: ReleaseObservation;
}

export interface ToolDefinition<S extends AnyInputSchema = AnyInputSchema> {
  name: string;
  title: string;
  description: string;
  method: MethodCategory;
  tags: readonly ToolTag[];
  inputSchema: S;
  annotations: ToolAnnotations;
  handler: (args: z.infer<S>, ctx: ToolContext) => Promise<ToolOutcome>;
}
