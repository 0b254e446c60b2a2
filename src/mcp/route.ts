/**
 * The data plane: `POST /mcp/:token`, both MCP revisions (eras.ts) over Streamable HTTP, stateless.
 * Guards in order (DESIGN.md "Request path of POST /mcp/:token"):
 *   Origin (403, before any token work) → method (405) → declared size (413) → token shape (404,
 *   no storage read) → [body read + parse, to know if it is a tools/call] → KV + ONE Durable Object
 *   call: live server, the account's sealed record, and for a tools/call the governor permit (404,
 *   one body for every failure) → the server's own auth (api_token or oauth: 401) → body size (413), JSON (-32700),
 *   batch (-32600), MCP-Protocol-Version (400) → dispatch.ts.
 * After the answer (after-answer.ts): the permit's release and the audit rows in one authority call.
 */
import { Hono, type Context } from 'hono';
import { ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { AppEnv } from '../env';
import { isWellFormedMcpToken } from '../security/mcp-token';
import { afterAnswerOf, scheduleFinish } from './after-answer';
import { authorizeCaller } from './authorization';
import { serveMcp } from './dispatch';
import { corsHeaders, jsonResponse, notFound, preflight, protocolError } from './http-answers';
import { authorizeMcpToken } from './lookup-server';
import { checkOrigin, parseAllowedOrigins } from './origin';
import {
  bodyTooLarge,
  checkProtocolVersionHeader,
  claimsEnvelope,
  declaredLengthTooLarge,
  jsonRpcErrorBody,
  jsonRpcId,
  jsonRpcMethod,
  parseJsonRpcBody,
  readBodyLimited,
} from './protocol-guards';
import type { McpRequestContext } from './request-context';

async function handleMcp(c: Context<AppEnv>): Promise<Response> {
  const log = c.get('log');
  const origin = checkOrigin(c.req.header('origin'), parseAllowedOrigins(c.env.MCP_ALLOWED_ORIGINS), c.req.url);
  if (!origin.allowed) {
    log.info('mcp.origin_refused');
    return jsonResponse(403, jsonRpcErrorBody(ProtocolErrorCode.InvalidRequest, 'Forbidden: Origin not allowed'));
  }
  const cors = corsHeaders(origin.corsOrigin);
  if (c.req.method === 'OPTIONS' && origin.corsOrigin) return preflight(cors);
  if (c.req.method !== 'POST') {
    // Stateless server: a GET would open an SSE stream with nothing to send, DELETE has no session to end.
    return jsonResponse(405, jsonRpcErrorBody(ProtocolErrorCode.InvalidRequest, 'Method not allowed: use POST'), {
      ...cors,
      Allow: 'POST',
    });
  }
  if (declaredLengthTooLarge(c.req.header('content-length'))) return protocolError(bodyTooLarge(), null, cors);

  // A malformed token costs no storage read and no body read.
  const token = c.req.param('token') ?? '';
  if (!isWellFormedMcpToken(token)) return notFound(cors);

  // The body is read (size-limited) and parsed before the lookup only to know whether this is a
  // tools/call, so the one Durable Object call can also take the governor permit. Its failures are
  // answered after the token and bearer checks, in the documented order.
  const body = await readBodyLimited(c.req.raw);
  const message = body.ok ? parseJsonRpcBody(body.value) : null;
  const id = message?.ok === true ? jsonRpcId(message.value) : null;
  const versionFailure =
    message?.ok === true && claimsEnvelope(message.value)
      ? null
      : checkProtocolVersionHeader(c.req.header('mcp-protocol-version'));
  const wantPermit = message?.ok === true && !versionFailure && jsonRpcMethod(message.value) === 'tools/call';

  const auth = await authorizeMcpToken(c.env, token, { wantPermit });
  if (!auth) return notFound(cors);
  const serverLog = log.child({ server_id: auth.server.id, account_id: auth.server.accountId });
  // The access line written when the request ends carries the server too.
  c.set('log', serverLog);
  const ctx: McpRequestContext = {
    env: c.env,
    log: serverLog,
    request: c.req.raw,
    requestId: c.get('requestId') ?? null,
    cors,
    auth,
    prepaid: auth.permit?.ok === true ? { permit: auth.permit.permit, claimed: false, observed: {} } : null,
    clientRequestId: c.get('clientRequestId') ?? null,
    oauthClientId: null,
    audit: [],
    refused: [],
    accountSecrets: [],
    afterAnswer: afterAnswerOf(c),
    noteAccess: (fields) => c.set('accessFields', { ...c.get('accessFields'), ...fields }),
    now: Date.now,
  };
  try {
    const caller = await authorizeCaller(ctx);
    if (!caller.ok) return caller.refused;
    ctx.oauthClientId = caller.oauthClientId;
    if (!body.ok) return protocolError(body.failure, null, cors);
    if (!message?.ok) return protocolError(message ? message.failure : bodyTooLarge(), null, cors);
    if (versionFailure) return protocolError(versionFailure, id, cors);
    return await serveMcp(ctx, message.value);
  } finally {
    scheduleFinish(ctx);
  }
}

/** The `/mcp` sub-app; mount it with `app.route('/mcp', createMcpApp())`. */
export function createMcpApp(): Hono<AppEnv> {
  const mcp = new Hono<AppEnv>();
  mcp.all('/:token', handleMcp);
  return mcp;
}
