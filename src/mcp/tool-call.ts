/**
 * `tools/call` for one request: filter re-check → zod validation → the catalogue handler (which
 * goes through the account's rate governor to Missive) → audit row and rate-limit headers.
 *
 * Errors follow MCP (Server › Tools › Error Handling, 2025-11-25 and 2026-07-28 alike): an unknown or hidden tool is a
 * protocol error (-32602, same message for both, so the filter is not revealed); invalid arguments
 * and every upstream failure are tool results with `isError: true` that a model can act on.
 */
import {
  ProtocolError,
  ProtocolErrorCode,
  type CallToolRequestParams,
  type CallToolResult,
  type InputRequiredResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { Bindings } from '../env';
import type { Logger } from '../log';
import { toolFailure } from '../missive/results';
import type { PrepaidPermit, ToolOutcome } from '../missive/tool-definition';
import type { AccountForMcp } from '../storage/accounts';
import type { RefusalKind } from '../storage/refused-calls';
import type { ToolCallOutcome } from '../storage/tool-calls';
import { approve, type ApprovalDecision } from './approval';
import { CONFIRMATION_ARGUMENT, needsApproval, type ApprovalMode } from './approval-policy';
import { auditToolName, outcomeOf } from './audit';
import { describeIssues, type ToolSelection } from './tool-registration';

/** What the audit needs to know about one call (the route adds server, tenant and request ids). */
export interface ToolCallRecord {
  tool: string;
  outcome: ToolCallOutcome;
  upstreamStatus: number | null;
  durationMs: number;
  /** The arguments as the caller sent them; the audit redacts them. */
  args: unknown;
  /** Set when the call was refused before Missive: it is counted, not stored as a row. */
  refused?: RefusalKind;
  /** For a tool that needs approval: what happened to it. */
  approval?: ApprovalDecision;
}

export interface ToolCallDeps {
  env: Bindings;
  serverId: string;
  accountId: string;
  selection: ToolSelection;
  log: Logger;
  /** Loads the account (defaults and decrypted Missive token) once per request, on first need. */
  loadAccount: () => Promise<AccountForMcp | null>;
  record: (call: ToolCallRecord) => void;
  /** Rate-limit headers for the HTTP answer (`ratelimit-*`, `retry-after`). */
  onHeaders: (headers: Record<string, string>) => void;
  /** The governor permit taken with the live check, if any; the route releases or refunds it. */
  prepaid?: PrepaidPermit;
  /** The server's approval policy (`config.approval`, defaulted). */
  approval: ApprovalMode;
  /** The SDK's context of this call (era, envelope, requestState, input responses). */
  sdk?: ServerContext;
  now?: () => number;
}

export const ACCOUNT_UNAVAILABLE_MESSAGE =
  "This MCP server's Missive account is no longer available. Ask the administrator to re-link it.";
export const TOOL_CRASHED_MESSAGE = 'The tool failed unexpectedly. Try again later; if it keeps failing, report it.';

/**
 * Missive's normalized rate-limit headers when it was called; when the account's governor refused the
 * call before Missive (no `upstream`), a `retry-after` from the result, so HTTP-aware clients see it too.
 */
function headersFor(outcome: ToolOutcome): Record<string, string> {
  if (outcome.upstream) return outcome.upstream.rateLimitHeaders;
  const error = outcome.result.structuredContent?.error as
    { kind?: unknown; retry_after_seconds?: unknown } | undefined;
  const seconds = error?.kind === 'rate_limited' ? error.retry_after_seconds : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? { 'retry-after': String(Math.ceil(seconds)) }
    : {};
}

/** Splits the confirmation token off the arguments of a tool that needs approval. */
function withoutConfirmation(args: unknown): { args: unknown; confirmation: unknown } {
  if (args === null || typeof args !== 'object' || Array.isArray(args) || !(CONFIRMATION_ARGUMENT in args)) {
    return { args, confirmation: undefined };
  }
  const { [CONFIRMATION_ARGUMENT]: confirmation, ...rest } = args as Record<string, unknown>;
  return { args: rest, confirmation };
}

/** Handles one tools/call; throws ProtocolError only for protocol errors. */
export async function handleToolCall(
  params: CallToolRequestParams,
  deps: ToolCallDeps,
): Promise<CallToolResult | InputRequiredResult> {
  const now = deps.now ?? Date.now;
  const started = now();
  let args: unknown = params.arguments;
  let approval: ApprovalDecision | undefined;
  const record = (outcome: ToolCallOutcome, upstreamStatus: number | null, refused?: RefusalKind) =>
    deps.record({ tool: params.name, outcome, upstreamStatus, durationMs: now() - started, args, approval, refused });
  const answer = (result: CallToolResult, upstreamStatus: number | null = null): CallToolResult => {
    const outcome = outcomeOf(result);
    // The governor refused it before Missive: a count, like the other refusals.
    record(outcome, upstreamStatus, outcome === 'rate_limited' && upstreamStatus === null ? 'rate_limited' : undefined);
    return result;
  };

  const tool = deps.selection.byName.get(params.name);
  if (!tool) {
    record('denied', null, 'unknown_tool');
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${auditToolName(params.name)}`);
  }

  const gated = needsApproval(tool, deps.approval);
  let confirmation: unknown;
  if (gated) ({ args, confirmation } = withoutConfirmation(args));
  const parsed = tool.inputSchema.safeParse(args ?? {});
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    const message =
      `Invalid arguments for ${tool.name}:\n` +
      issues.map((i) => `- ${i.path}: ${i.message}`).join('\n') +
      '\nFix these and call the tool again.';
    record('error', null, 'invalid_arguments');
    return toolFailure('invalid_arguments', message, { issues }).result;
  }

  if (gated) {
    try {
      const gate = await approve({
        env: deps.env,
        serverId: deps.serverId,
        accountId: deps.accountId,
        tool,
        args: parsed.data,
        confirmation,
        sdk: deps.sdk,
        now,
      });
      approval = gate.decision;
      if (!gate.proceed) {
        record('denied', null);
        return gate.result;
      }
    } catch (err) {
      approval = 'refused';
      record('denied', null);
      throw err;
    }
  }

  const account = await deps.loadAccount();
  if (!account) {
    deps.log.warn('mcp.account_unavailable', { account_id: deps.accountId });
    return answer(toolFailure('unavailable', ACCOUNT_UNAVAILABLE_MESSAGE).result);
  }

  let outcome: ToolOutcome;
  try {
    outcome = await tool.handler(parsed.data, {
      env: deps.env,
      accountId: deps.accountId,
      serverId: deps.serverId,
      missiveToken: account.missiveToken,
      defaults: account.defaults,
      log: deps.log.child({ tool: tool.name }),
      prepaid: deps.prepaid,
    });
  } catch (err) {
    // Handlers map upstream failures themselves; reaching here is a bug. Log the class, not the details.
    deps.log.error('mcp.tool_crashed', {
      tool: tool.name,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    outcome = toolFailure('unavailable', TOOL_CRASHED_MESSAGE);
  }
  deps.onHeaders(headersFor(outcome));
  return answer(outcome.result, outcome.upstream?.status ?? null);
}
