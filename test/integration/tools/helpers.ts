/**
 * Calls tool handlers directly, the way the MCP endpoint does, with a real ToolContext built from
 * the test env: the sandbox (through MISSIVE_UPSTREAM) is the upstream and the account's real
 * Durable Object is the governor.
 */
import { env } from 'cloudflare:workers';
import { SANDBOX_TOKENS } from '../../../sandbox/src/seed/fixtures';
import { TOOLS_BY_NAME } from '../../../src/missive/catalogue';
import type { AccountDefaults, ToolContext, ToolOutcome } from '../../../src/missive/tool-definition';
import { createLogger } from '../../../src/log';

export const SANDBOX_ORIGIN = 'https://missive.sandbox';

let accountCounter = 0;

/** A fresh account id per call, so each test gets its own governor budget unless it shares one on purpose. */
export function freshAccountId(label = 'tools'): string {
  accountCounter += 1;
  return `acct-${label}-${Date.now().toString(36)}-${accountCounter}`;
}

export function toolContext(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    env,
    accountId: overrides.accountId ?? freshAccountId(),
    serverId: 'srv-tools-test',
    missiveToken: SANDBOX_TOKENS.acme,
    defaults: {} satisfies AccountDefaults,
    log: createLogger({ test: 'tools' }, 'error'),
    ...overrides,
  };
}

/** Runs one tool's handler with raw arguments (no schema parse, like a caller that bypassed validation). */
export function callTool(
  name: string,
  args: Record<string, unknown>,
  ctx: ToolContext = toolContext(),
): Promise<ToolOutcome> {
  const tool = TOOLS_BY_NAME.get(name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool.handler(args, ctx);
}

/** Parses arguments with the tool's schema first (what the MCP layer does), then runs the handler. */
export async function callParsed(name: string, args: unknown, ctx: ToolContext = toolContext()): Promise<ToolOutcome> {
  const tool = TOOLS_BY_NAME.get(name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool.handler(tool.inputSchema.parse(args), ctx);
}

export function sandboxFetch(path: string, init?: RequestInit): Promise<Response> {
  return env.MISSIVE_UPSTREAM.fetch(`${SANDBOX_ORIGIN}${path}`, init);
}

export async function resetSandbox(): Promise<void> {
  const res = await sandboxFetch('/__sandbox/reset', { method: 'POST' });
  if (!res.ok) throw new Error(`sandbox reset failed: ${res.status}`);
  await sandboxFetch('/__sandbox/requests', { method: 'DELETE' });
}

export async function configureSandbox(patch: unknown): Promise<void> {
  const res = await sandboxFetch('/__sandbox/config', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
  });
  if (!res.ok) throw new Error(`sandbox config failed: ${res.status} ${await res.text()}`);
}

export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  token: string | null;
  status: number | null;
}

export interface RequestLog {
  requests: RecordedRequest[];
  last_seq: number;
  concurrency: Record<string, { inFlight: number; maxAttempted: number; maxAdmitted: number }>;
}

export async function requestLog(since = 0): Promise<RequestLog> {
  const res = await sandboxFetch(`/__sandbox/requests?since=${since}`);
  return res.json<RequestLog>();
}

/** The sequence number of the last recorded request (mark before an action, read the log after). */
export async function lastSeq(): Promise<number> {
  return (await requestLog()).last_seq;
}

/** The JSON a tool answered (structuredContent), typed loosely for assertions. */
export function structured(outcome: ToolOutcome): Record<string, unknown> {
  const s = outcome.result.structuredContent;
  if (!s) throw new Error('no structuredContent');
  return s;
}

export interface ListAnswer {
  result: Record<string, unknown>[];
  next_cursor: string | null;
  result_count: number;
}

export function listAnswer(outcome: ToolOutcome): ListAnswer {
  if (outcome.result.isError) throw new Error(`tool failed: ${JSON.stringify(outcome.result.content)}`);
  return structured(outcome) as unknown as ListAnswer;
}

export function okResult(outcome: ToolOutcome): Record<string, unknown> {
  if (outcome.result.isError) throw new Error(`tool failed: ${JSON.stringify(outcome.result.content)}`);
  return structured(outcome).result as Record<string, unknown>;
}

export function errorOf(outcome: ToolOutcome): { kind: string; message: string; [k: string]: unknown } {
  if (!outcome.result.isError)
    throw new Error(`expected an error, got ${JSON.stringify(outcome.result.structuredContent)}`);
  return structured(outcome).error as { kind: string; message: string };
}
