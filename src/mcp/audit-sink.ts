/**
 * Turns one finished tools/call into its audit row (arguments redacted) and its fields on the
 * request's access line. Rows collect on the request context until the after-answer step.
 */
import { randomId } from '../security/encoding';
import { auditArgumentsJson, auditToolName } from './audit';
import type { McpRequestContext } from './request-context';
import type { ToolCallRecord } from './tool-call';

export function recordToolCall(ctx: McpRequestContext, call: ToolCallRecord): void {
  const server = ctx.auth.server;
  const tool = auditToolName(call.tool);
  // For operators, the access line carries the call; the audit row (with redacted arguments) is for tenants.
  ctx.noteAccess({
    tool,
    outcome: call.outcome,
    upstream_status: call.upstreamStatus,
    tool_duration_ms: call.durationMs,
    ...(call.approval ? { approval: call.approval } : {}),
  });
  // Refused before Missive: counted per server, so a flood of them writes no rows.
  if (call.refused) {
    ctx.refused.push(call.refused);
    return;
  }
  ctx.audit.push({
    id: randomId('call_'),
    server_id: server.id,
    account_id: server.accountId,
    tenant_id: server.tenantId,
    tool,
    outcome: call.outcome,
    upstream_status: call.upstreamStatus,
    duration_ms: call.durationMs,
    arguments_json: auditArgumentsJson(call.args, ctx.accountSecrets),
    request_id: ctx.requestId,
    client_request_id: ctx.clientRequestId,
    created_at: new Date(ctx.now()).toISOString(),
    oauth_client_id: ctx.oauthClientId,
  });
}
