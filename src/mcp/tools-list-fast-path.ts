/**
 * A 2025-era tools/list without building an SDK `Server` + transport: the answer is constant per
 * config, while the SDK copies and validates the whole list on every request (docs/protocol.md). Taken
 * only when the SDK would answer exactly these bytes: the transport's own checks are repeated with
 * the SDK's own code (Accept, Content-Type by media type, the JSON-RPC request schema, the
 * tools/list request schema), params are absent, empty or a string cursor (which the list, never
 * paginated, ignores), and anything else falls through to the SDK. The route's guards (token,
 * bearer, size, JSON, batch, MCP-Protocol-Version) run before it. Pure: no runtime imports.
 */
import { isJSONRPCRequest, isJsonContentType, isSpecType } from '@modelcontextprotocol/server';
import type { ToolSelection } from './tool-registration';

/**
 * The answer's UTF-8 bytes up to the id (`{"result":<list>,"jsonrpc":"2.0","id":`), encoded once per
 * selection (selections are cached per config). A request then copies bytes instead of building a
 * large string that the runtime flattens and encodes again.
 */
const answerPrefix = new WeakMap<ToolSelection, Uint8Array>();
const encoder = new TextEncoder();

function plainParams(params: unknown): boolean {
  if (params === undefined) return true;
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return false;
  const keys = Object.keys(params);
  if (keys.length === 0) return true;
  return keys.length === 1 && keys[0] === 'cursor' && typeof (params as { cursor: unknown }).cursor === 'string';
}

/**
 * The HTTP body (UTF-8) the SDK would send for this tools/list request, or null when the request is
 * not a plain tools/list the SDK would accept (let the SDK answer it, errors included).
 */
export function toolsListAnswer(
  message: unknown,
  selection: ToolSelection,
  headers: { accept: string | null | undefined; contentType: string | null | undefined },
): Uint8Array | null {
  const accept = headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return null;
  if (!isJsonContentType(headers.contentType)) return null;
  if (message === null || typeof message !== 'object' || (message as { method?: unknown }).method !== 'tools/list')
    return null;
  if (!plainParams((message as { params?: unknown }).params)) return null;
  if (!isJSONRPCRequest(message) || !isSpecType.ListToolsRequest(message)) return null;
  // The SDK's Protocol sends `{ result, jsonrpc, id }` in this key order, so the id comes last.
  let prefix = answerPrefix.get(selection);
  if (prefix === undefined) {
    prefix = encoder.encode(`{"result":${JSON.stringify(selection.listResult)},"jsonrpc":"2.0","id":`);
    answerPrefix.set(selection, prefix);
  }
  const tail = encoder.encode(`${JSON.stringify(message.id)}}`);
  const body = new Uint8Array(prefix.length + tail.length);
  body.set(prefix);
  body.set(tail, prefix.length);
  return body;
}
