/**
 * The data plane: `POST /mcp/:token`, MCP 2025-11-25 Streamable HTTP in stateless JSON mode.
 * Order of the guards (DESIGN.md "Request path of POST /mcp/:token"):
 *   Origin (403, before any token work) → method (405) → declared size (413) → token → live
 *   server (404, one body for every failure) → API token when required (401) → body size (413),
 *   JSON (-32700), batch (-32600), MCP-Protocol-Version (400) → SDK transport + a fresh server.
 * Audit rows and the last_used_at write go to `waitUntil`, after the answer is ready.
 */
import { Hono, type Context } from 'hono';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { AppEnv } from '../env';
import { GatewayError } from '../errors';
import { loadAccountForMcp, type AccountForMcp } from '../storage/accounts';
import { touchServerLastUsed } from '../storage/mcp-servers';
import { insertToolCall } from '../storage/tool-calls';
import { auditArgumentsJson, auditToolName } from './audit';
import { bearerChallenge, bearerFailureMessage, checkApiTokenAuth } from './bearer';
import { buildInstructions } from './instructions';
import { lastUsedThrottle } from './last-used';
import { lookupLiveServer } from './lookup-server';
import { checkOrigin, parseAllowedOrigins } from './origin';
import {
  bodyTooLarge,
  checkProtocolVersionHeader,
  declaredLengthTooLarge,
  jsonRpcErrorBody,
  jsonRpcMethod,
  parseJsonRpcBody,
  readBodyLimited,
  type ProtocolFailure,
} from './protocol-guards';
import { createMcpServer } from './server';
import { handleToolCall, type ToolCallRecord } from './tool-call';
import { toolSelectionFor } from './tool-registration';

type McpContext = Context<AppEnv>;

/**
 * The one 404 body for malformed, unknown, revoked, rotated-away and expired tokens. It is also
 * what any unknown path of the gateway answers (app.notFound), so it tells an attacker nothing.
 */
export const MCP_NOT_FOUND_BODY = JSON.stringify(new GatewayError(404, 'not_found', 'Not found').toBody());

const ALLOWED_REQUEST_HEADERS =
  'Content-Type, Accept, Authorization, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID';
const EXPOSED_HEADERS = 'ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after, x-request-id';

function jsonResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}

function protocolError(failure: ProtocolFailure, headers: Record<string, string> = {}): Response {
  return jsonResponse(failure.status, jsonRpcErrorBody(failure.code, failure.message), headers);
}

/** Runs `promise` after the response when the runtime allows it; errors are logged, never thrown. */
function afterResponse(c: McpContext, what: string, promise: Promise<unknown>): void {
  const guarded = promise.catch((err: unknown) => {
    c.get('log').warn('mcp.background_failed', { what, error: err instanceof Error ? err.message : String(err) });
  });
  let waitUntil: ((p: Promise<unknown>) => void) | undefined;
  try {
    const ctx = c.executionCtx;
    waitUntil = ctx.waitUntil.bind(ctx);
  } catch {
    // No ExecutionContext (e.g. app.request in a unit test): the promise still runs, unawaited.
    waitUntil = undefined;
  }
  if (waitUntil) waitUntil(guarded);
  else void guarded;
}

function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin) return {};
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS, Vary: 'Origin' };
}

async function handleMcp(c: McpContext): Promise<Response> {
  const log = c.get('log');
  const origin = checkOrigin(c.req.header('origin'), parseAllowedOrigins(c.env.MCP_ALLOWED_ORIGINS), c.req.url);
  if (!origin.allowed) {
    log.info('mcp.origin_refused');
    return jsonResponse(403, jsonRpcErrorBody(ErrorCode.InvalidRequest, 'Forbidden: Origin not allowed'));
  }
  const cors = corsHeaders(origin.corsOrigin);

  if (c.req.method === 'OPTIONS' && origin.corsOrigin) {
    return new Response(null, {
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
        'Access-Control-Max-Age': '600',
      },
    });
  }
  if (c.req.method !== 'POST') {
    // Stateless server: a GET would open an SSE stream with nothing to send, DELETE has no session to end.
    return jsonResponse(405, jsonRpcErrorBody(ErrorCode.InvalidRequest, 'Method not allowed: use POST'), {
      ...cors,
      Allow: 'POST',
    });
  }
  if (declaredLengthTooLarge(c.req.header('content-length'))) return protocolError(bodyTooLarge(), cors);

  const live = await lookupLiveServer(c.env, c.req.param('token') ?? '');
  if (!live) return jsonResponse(404, MCP_NOT_FOUND_BODY, cors);
  const serverLog = log.child({ server_id: live.id, account_id: live.accountId });

  if (live.config.require_api_token_auth) {
    const auth = await checkApiTokenAuth(c.env, c.req.header('authorization'), live.tenantId);
    if (!auth.ok) {
      serverLog.info('mcp.api_token_refused', { error: auth.error });
      return jsonResponse(
        401,
        JSON.stringify(new GatewayError(401, 'unauthorized', bearerFailureMessage(auth.error)).toBody()),
        { ...cors, 'WWW-Authenticate': bearerChallenge(auth.error) },
      );
    }
  }

  const body = await readBodyLimited(c.req.raw);
  if (!body.ok) return protocolError(body.failure, cors);
  const message = parseJsonRpcBody(body.value);
  if (!message.ok) return protocolError(message.failure, cors);
  const versionFailure = checkProtocolVersionHeader(c.req.header('mcp-protocol-version'));
  if (versionFailure) return protocolError(versionFailure, cors);

  const now = Date.now();
  if (lastUsedThrottle.shouldWrite(live.id, now)) {
    const write = touchServerLastUsed(c.env.DB, live.id, new Date(now).toISOString()).catch((err: unknown) => {
      lastUsedThrottle.forget(live.id);
      throw err;
    });
    afterResponse(c, 'last_used_at', write);
  }

  let accountPromise: Promise<AccountForMcp | null> | null = null;
  const loadAccount = () => (accountPromise ??= loadAccountForMcp(c.env, live.accountId));
  const method = jsonRpcMethod(message.value);
  const instructions = method === 'initialize' ? buildInstructions((await loadAccount())?.defaults ?? null) : undefined;

  const rateLimitHeaders: Record<string, string> = {};
  const record = (call: ToolCallRecord) => {
    afterResponse(
      c,
      'audit',
      insertToolCall(c.env.DB, {
        server_id: live.id,
        account_id: live.accountId,
        tenant_id: live.tenantId,
        tool: auditToolName(call.tool),
        outcome: call.outcome,
        upstream_status: call.upstreamStatus,
        duration_ms: call.durationMs,
        arguments_json: auditArgumentsJson(call.args),
        request_id: c.get('requestId') ?? null,
        created_at: new Date().toISOString(),
      }),
    );
  };
  const selection = toolSelectionFor(live.config);
  const server = createMcpServer({
    selection,
    instructions,
    callTool: (params) =>
      handleToolCall(params, {
        env: c.env,
        serverId: live.id,
        accountId: live.accountId,
        selection,
        log: serverLog,
        loadAccount,
        record,
        onHeaders: (headers) => Object.assign(rateLimitHeaders, headers),
      }),
  });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    const res = await transport.handleRequest(c.req.raw, { parsedBody: message.value as JSONRPCMessage });
    const headers = new Headers(res.headers);
    for (const [name, value] of Object.entries({ ...rateLimitHeaders, ...cors })) headers.set(name, value);
    headers.set('Cache-Control', 'no-store');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  } finally {
    // Closing after the JSON answer is built releases the transport's maps; nothing streams in JSON mode.
    afterResponse(c, 'close', server.close());
  }
}

/** The `/mcp` sub-app; mount it with `app.route('/mcp', createMcpApp())`. */
export function createMcpApp(): Hono<AppEnv> {
  const mcp = new Hono<AppEnv>();
  mcp.all('/:token', handleMcp);
  return mcp;
}
