/**
 * The data plane: `POST /mcp/:token`, MCP 2025-11-25 Streamable HTTP in stateless JSON mode.
 * Order of the guards (DESIGN.md "Request path of POST /mcp/:token"):
 *   Origin (403, before any token work) → method (405) → declared size (413) → token shape (404,
 *   no storage read) → [body read + parse, to know if it is a tools/call] → KV + ONE Durable Object
 *   call: live server, the account's sealed record, and for a tools/call the governor permit (404,
 *   one body for every failure) → API token when required (401) → body size (413), JSON (-32700),
 *   batch (-32600), MCP-Protocol-Version (400) → SDK transport + a fresh server.
 * After the answer is ready (`waitUntil`): one authority call that releases the permit (a refund
 * when Missive was not reached) and queues the audit row, and (once a minute) the last_used_at write.
 */
import { Hono, type Context } from 'hono';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { AppEnv } from '../env';
import { GatewayError } from '../errors';
import { authorityFor } from '../durable/authority-client';
import { missiveTokenForms, type Logger } from '../log';
import type { AccountDefaults, PrepaidPermit } from '../missive/tool-definition';
import { isWellFormedMcpToken } from '../security/mcp-token';
import { loadSealedAccount, openSealedAccount, parseDefaultsJson, type AccountForMcp } from '../storage/accounts';
import { touchServerLastUsed } from '../storage/mcp-servers';
import { randomId } from '../security/encoding';
import type { RefusalKind } from '../storage/refused-calls';
import { insertToolCalls, type ToolCallRow } from '../storage/tool-calls';
import { auditArgumentsJson, auditToolName } from './audit';
import { bearerChallenge, bearerFailureMessage, checkApiTokenAuth } from './bearer';
import { buildInstructions } from './instructions';
import { lastUsedThrottle } from './last-used';
import { authorizeMcpToken, type McpAuthorization } from './lookup-server';
import { authModeOf } from '../missive/server-config';
import { checkOAuthAccess, oauthChallenge, oauthFailureMessage } from '../control/oauth-access';
import { touchGrantLastUsed } from '../storage/oauth';
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
import { toolsListAnswer } from './tools-list-fast-path';

type McpContext = Context<AppEnv>;

/**
 * The one 404 body for malformed, unknown, revoked, rotated-away and expired tokens. It is also
 * what any unknown path of the gateway answers (app.notFound), so it tells an attacker nothing.
 */
export const MCP_NOT_FOUND_BODY = JSON.stringify(new GatewayError(404, 'not_found', 'Not found').toBody());

const ALLOWED_REQUEST_HEADERS =
  'Content-Type, Accept, Authorization, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID';
const EXPOSED_HEADERS = 'ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after, x-request-id';

function jsonResponse(status: number, body: string | Uint8Array, headers: Record<string, string> = {}): Response {
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

  // A malformed token costs no storage read and no body read.
  const token = c.req.param('token') ?? '';
  if (!isWellFormedMcpToken(token)) return jsonResponse(404, MCP_NOT_FOUND_BODY, cors);

  // The body is read (size-limited) and parsed before the lookup only to know whether this is a
  // tools/call, so the one Durable Object call can also take the governor permit. Its failures are
  // answered after the token and bearer checks, in the documented order.
  const body = await readBodyLimited(c.req.raw);
  const message = body.ok ? parseJsonRpcBody(body.value) : null;
  const versionFailure = checkProtocolVersionHeader(c.req.header('mcp-protocol-version'));
  const wantPermit = message?.ok === true && !versionFailure && jsonRpcMethod(message.value) === 'tools/call';

  const auth = await authorizeMcpToken(c.env, token, { wantPermit });
  if (!auth) return jsonResponse(404, MCP_NOT_FOUND_BODY, cors);
  const prepaid: PrepaidPermit | null =
    auth.permit?.ok === true ? { permit: auth.permit.permit, claimed: false, observed: {} } : null;
  const audit: ToolCallRow[] = [];
  const refused: RefusalKind[] = [];
  let oauthClientId: string | null = null;
  try {
    const live = auth.server;
    const serverLog = log.child({ server_id: live.id, account_id: live.accountId });
    // The access line written when the request ends carries the server too.
    c.set('log', serverLog);

    const authMode = authModeOf(live.config);
    if (authMode === 'api_token') {
      const check = await checkApiTokenAuth(c.env, c.req.header('authorization'), live.tenantId);
      if (!check.ok) {
        serverLog.info('mcp.api_token_refused', { error: check.error });
        return jsonResponse(
          401,
          JSON.stringify(new GatewayError(401, 'unauthorized', bearerFailureMessage(check.error)).toBody()),
          { ...cors, 'WWW-Authenticate': bearerChallenge(check.error) },
        );
      }
    }
    if (authMode === 'oauth') {
      const origin = new URL(c.req.url).origin;
      const access = await checkOAuthAccess(c.env, origin, c.req.header('authorization'), live);
      if (!access.ok) {
        serverLog.info('mcp.oauth_refused', { error: access.error });
        return jsonResponse(
          401,
          JSON.stringify(new GatewayError(401, 'unauthorized', oauthFailureMessage(access.error)).toBody()),
          { ...cors, 'WWW-Authenticate': oauthChallenge(origin, live.id, access.error) },
        );
      }
      oauthClientId = access.clientId;
      if (access.grantId && lastUsedThrottle.shouldWrite(`grant:${access.grantId}`, Date.now())) {
        afterResponse(
          c,
          'grant_last_used',
          touchGrantLastUsed(c.env.DB, access.grantId, live.id, new Date().toISOString()),
        );
      }
    }

    if (!body.ok) return protocolError(body.failure, cors);
    if (!message?.ok) return protocolError(message ? message.failure : bodyTooLarge(), cors);
    if (versionFailure) return protocolError(versionFailure, cors);
    return await serveMcp(c, auth, message.value, prepaid, { audit, refused }, serverLog, cors, oauthClientId);
  } finally {
    if (prepaid || audit.length > 0 || refused.length > 0) {
      afterResponse(c, 'finish_tool_call', finishToolCall(c, auth, prepaid, audit, refused));
    }
  }
}

/**
 * After the answer, one round trip to the authority: the permit's concurrency slot is freed with
 * what Missive said (a 429 blocks the account), or refunded when the call never reached Missive,
 * and the audit rows are queued there for D1. If the authority cannot be reached, the rows are
 * written to D1 directly so the audit log loses nothing (the permit then lapses on its own).
 */
async function finishToolCall(
  c: McpContext,
  auth: McpAuthorization,
  prepaid: PrepaidPermit | null,
  audit: ToolCallRow[],
  refused: RefusalKind[],
): Promise<void> {
  const permit = prepaid
    ? { permit: prepaid.permit, observed: prepaid.claimed ? prepaid.observed : { refund: true } }
    : undefined;
  try {
    const counted = refused.map((kind) => ({ serverId: auth.server.id, kind }));
    await authorityFor(c.env, auth.server.accountId).finishToolCall({ permit, audit, refused: counted });
  } catch (err) {
    await insertToolCalls(c.env.DB, audit);
    throw err;
  }
}

/**
 * The account for this request, decrypted in this isolate: from the authority's sealed copy, or,
 * for a server registered before the authority kept one, from D1 once, copying it into the
 * authority (after the answer) so the next request needs no D1 read.
 */
async function openAccount(c: McpContext, auth: McpAuthorization): Promise<AccountForMcp | null> {
  if (auth.account) return openSealedAccount(c.env, auth.account);
  const sealed = await loadSealedAccount(c.env.DB, auth.server.accountId);
  if (!sealed) return null;
  afterResponse(c, 'account_backfill', authorityFor(c.env, auth.server.accountId).putAccount(sealed));
  return openSealedAccount(c.env, sealed);
}

/** The account's defaults for the initialize instructions; no decryption needed when the authority has them. */
async function accountDefaults(
  auth: McpAuthorization,
  loadAccount: () => Promise<AccountForMcp | null>,
): Promise<AccountDefaults | null> {
  if (!auth.account) return (await loadAccount())?.defaults ?? null;
  return auth.account.credentialsCiphertext === null ? null : parseDefaultsJson(auth.account.defaultsJson);
}

async function serveMcp(
  c: McpContext,
  auth: McpAuthorization,
  message: unknown,
  prepaid: PrepaidPermit | null,
  { audit, refused }: { audit: ToolCallRow[]; refused: RefusalKind[] },
  serverLog: Logger,
  cors: Record<string, string>,
  oauthClientId: string | null,
): Promise<Response> {
  const live = auth.server;
  const now = Date.now();
  if (lastUsedThrottle.shouldWrite(live.id, now)) {
    const write = touchServerLastUsed(c.env.DB, live.id, new Date(now).toISOString()).catch((err: unknown) => {
      lastUsedThrottle.forget(live.id);
      throw err;
    });
    afterResponse(c, 'last_used_at', write);
  }

  let accountPromise: Promise<AccountForMcp | null> | null = null;
  // Once known, the account's Missive token is redacted from the audit row as an exact value too.
  let accountSecrets: string[] = [];
  const loadAccount = () =>
    (accountPromise ??= openAccount(c, auth).then((account) => {
      if (account) accountSecrets = missiveTokenForms(account.missiveToken);
      return account;
    }));
  const method = jsonRpcMethod(message);
  // Client input: bounded (the logger also redacts anything token-shaped).
  c.set('accessFields', { rpc_method: method === null ? null : method.slice(0, 64) });
  const instructions =
    method === 'initialize' ? buildInstructions(await accountDefaults(auth, loadAccount)) : undefined;

  const rateLimitHeaders: Record<string, string> = {};
  const record = (call: ToolCallRecord) => {
    // For operators, the request's access line carries the call; the audit row (with redacted
    // arguments) is for tenants.
    c.set('accessFields', {
      ...c.get('accessFields'),
      tool: auditToolName(call.tool),
      outcome: call.outcome,
      upstream_status: call.upstreamStatus,
      tool_duration_ms: call.durationMs,
    });
    // Refused before Missive: counted per server, so a flood of them writes no rows.
    if (call.refused) {
      refused.push(call.refused);
      return;
    }
    audit.push({
      id: randomId('call_'),
      server_id: live.id,
      account_id: live.accountId,
      tenant_id: live.tenantId,
      tool: auditToolName(call.tool),
      outcome: call.outcome,
      upstream_status: call.upstreamStatus,
      duration_ms: call.durationMs,
      arguments_json: auditArgumentsJson(call.args, accountSecrets),
      request_id: c.get('requestId') ?? null,
      client_request_id: c.get('clientRequestId') ?? null,
      created_at: new Date().toISOString(),
      oauth_client_id: oauthClientId,
    });
  };
  const selection = toolSelectionFor(live.config);
  if (method === 'tools/list') {
    // The same bytes and headers the SDK would send (tools-list-fast-path.ts), without a Server + transport.
    const answer = toolsListAnswer(message, selection, {
      accept: c.req.header('accept'),
      contentType: c.req.header('content-type'),
    });
    if (answer !== null) return jsonResponse(200, answer, cors);
  }
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
        prepaid: prepaid ?? undefined,
      }),
  });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  // No server.close() afterwards: in stateless JSON mode the server and transport hold no timer, stream
  // or global registration, so they are garbage with the request. Closing would only build a
  // "Connection closed" McpError and abort the handler's AbortController (a DOMException) per request.
  const res = await transport.handleRequest(c.req.raw, { parsedBody: message as JSONRPCMessage });
  const headers = new Headers(res.headers);
  for (const [name, value] of Object.entries({ ...rateLimitHeaders, ...cors })) headers.set(name, value);
  headers.set('Cache-Control', 'no-store');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/** The `/mcp` sub-app; mount it with `app.route('/mcp', createMcpApp())`. */
export function createMcpApp(): Hono<AppEnv> {
  const mcp = new Hono<AppEnv>();
  mcp.all('/:token', handleMcp);
  return mcp;
}
