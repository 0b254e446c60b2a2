/**
 * Serves one JSON-RPC message of an authorized request: the era's SDK leg with a fresh server
 * wired to this request's tools, or, for a plain 2025-era tools/list, the same bytes from the
 * pre-encoded list (tools-list-fast-path.ts). Rate-limit and CORS headers go on every answer.
 */
import { accountDefaults, accountLoader } from './account';
import { approvalModeOf } from './approval-policy';
import { approvalCodec } from './approval-state';
import { scheduleLastUsed } from './after-answer';
import { recordToolCall } from './audit-sink';
import { eraOf, serveLegacy, serveModern } from './eras';
import { jsonResponse } from './http-answers';
import { buildInstructions } from './instructions';
import { jsonRpcMethod } from './protocol-guards';
import type { McpRequestContext } from './request-context';
import type { McpServerOptions } from './server';
import { handleToolCall } from './tool-call';
import { toolSelectionFor } from './tool-registration';
import { toolsListAnswer } from './tools-list-fast-path';

/** Methods whose answer carries the server's instructions (they need the account's defaults). */
const INSTRUCTED_METHODS = new Set(['initialize', 'server/discover']);

export async function serveMcp(ctx: McpRequestContext, message: unknown): Promise<Response> {
  scheduleLastUsed(ctx);
  const method = jsonRpcMethod(message);
  // Client input: bounded (the logger also redacts anything token-shaped).
  ctx.noteAccess({ rpc_method: method === null ? null : method.slice(0, 64) });

  const server = ctx.auth.server;
  const selection = toolSelectionFor(server.config);
  const era = await eraOf(ctx.request, message);
  if (era === 'legacy' && method === 'tools/list') {
    const answer = toolsListAnswer(message, selection, {
      accept: ctx.request.headers.get('accept'),
      contentType: ctx.request.headers.get('content-type'),
    });
    if (answer !== null) return jsonResponse(200, answer, ctx.cors);
  }

  const loadAccount = accountLoader(ctx);
  const instructions =
    method !== null && INSTRUCTED_METHODS.has(method)
      ? buildInstructions(await accountDefaults(ctx, loadAccount))
      : undefined;
  const rateLimitHeaders: Record<string, string> = {};
  const options: McpServerOptions = {
    selection,
    instructions,
    callTool: (params, sdk) =>
      handleToolCall(params, {
        env: ctx.env,
        serverId: server.id,
        accountId: server.accountId,
        selection,
        log: ctx.log,
        loadAccount,
        record: (call) => recordToolCall(ctx, call),
        onHeaders: (headers) => Object.assign(rateLimitHeaders, headers),
        prepaid: ctx.prepaid ?? undefined,
        approval: approvalModeOf(server.config),
        sdk,
      }),
    verifyRequestState: async (state, sdk) => (await approvalCodec(ctx.env)).verify(state, sdk),
  };
  const res =
    era === 'modern'
      ? await serveModern(options, server.id, ctx.request, message)
      : await serveLegacy(options, ctx.request, message);
  const headers = new Headers(res.headers);
  for (const [name, value] of Object.entries({ ...rateLimitHeaders, ...ctx.cors })) headers.set(name, value);
  headers.set('Cache-Control', 'no-store');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
