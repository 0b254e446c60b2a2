/**
 * The HTTP answers the data plane writes itself (everything the SDK does not): the one 404 body,
 * JSON-RPC errors of the guards, CORS headers and the preflight. Pure: no bindings.
 */
import { GatewayError } from '../errors';
import type { ProtocolFailure } from './protocol-guards';
import { jsonRpcErrorBody, type JsonRpcId } from './protocol-guards';

/**
 * The one 404 body for malformed, unknown, revoked, rotated-away and expired tokens. It is also
 * what any unknown path of the gateway answers (app.notFound), so it tells an attacker nothing.
 */
export const MCP_NOT_FOUND_BODY = JSON.stringify(new GatewayError(404, 'not_found', 'Not found').toBody());

const ALLOWED_REQUEST_HEADERS =
  'Content-Type, Accept, Authorization, MCP-Protocol-Version, Mcp-Method, Mcp-Name, Mcp-Session-Id, Last-Event-ID';
const EXPOSED_HEADERS = 'ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after, x-request-id';

export function jsonResponse(
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}

/** A guard's failure as a JSON-RPC error answer carrying the request's id when it is known. */
export function protocolError(failure: ProtocolFailure, id: JsonRpcId, headers: Record<string, string> = {}): Response {
  return jsonResponse(failure.status, jsonRpcErrorBody(failure.code, failure.message, id), headers);
}

export function notFound(cors: Record<string, string>): Response {
  return jsonResponse(404, MCP_NOT_FOUND_BODY, cors);
}

export function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin) return {};
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS, Vary: 'Origin' };
}

/** The answer to a CORS preflight from an allowed origin. */
export function preflight(cors: Record<string, string>): Response {
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
