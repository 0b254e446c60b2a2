/**
 * Transport-level checks on a POST to /mcp/:token that run before the SDK sees the request
 * (Basic › Transports › Streamable HTTP, both revisions). Each check yields a ready JSON-RPC
 * error description or the parsed message, so the route stays a flat sequence of guards.
 * Web-standard APIs only (Request, TextDecoder); no Workers bindings.
 */
import { ProtocolErrorCode as ErrorCode, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';

/** The stateless revision; the 2025 handshake revisions are the SDK's `SUPPORTED_PROTOCOL_VERSIONS`. */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** Every revision this gateway serves, newest first. */
export const SERVED_PROTOCOL_VERSIONS: readonly string[] = [MODERN_PROTOCOL_VERSION, ...SUPPORTED_PROTOCOL_VERSIONS];

/** A JSON-RPC request id, or null when the message has none (or it is not usable). */
export type JsonRpcId = string | number | null;

/** Largest request body accepted (1 MiB). Tool arguments are small; attachments go upstream by URL or base64 in drafts. */
export const MAX_MCP_BODY_BYTES = 1024 * 1024;

export interface ProtocolFailure {
  status: 400 | 413;
  code: number;
  message: string;
}

export type Guarded<T> = { ok: true; value: T } | { ok: false; failure: ProtocolFailure };

const tooLarge: ProtocolFailure = {
  status: 413,
  code: ErrorCode.InvalidRequest,
  message: `Request body must not exceed ${MAX_MCP_BODY_BYTES} bytes`,
};

/** True when a declared Content-Length is already over the limit (checked before any token work). */
export function declaredLengthTooLarge(contentLength: string | null | undefined, max = MAX_MCP_BODY_BYTES): boolean {
  if (!contentLength) return false;
  const n = Number(contentLength);
  return Number.isFinite(n) && n > max;
}

/** The 413 failure, for callers that detect the size themselves. */
export function bodyTooLarge(): ProtocolFailure {
  return tooLarge;
}

/**
 * Reads the body as UTF-8, stopping as soon as more than `max` bytes arrived: a missing or false
 * Content-Length (chunked uploads) cannot make the Worker buffer an unbounded body.
 */
export async function readBodyLimited(request: Request, max = MAX_MCP_BODY_BYTES): Promise<Guarded<string>> {
  const declared = request.headers.get('content-length');
  if (declaredLengthTooLarge(declared, max)) return { ok: false, failure: tooLarge };
  if (request.body === null) return { ok: true, value: '' };
  if (declared !== null && /^\d+$/.test(declared.trim())) {
    // A declared length within the limit frames the body (HTTP never delivers more than it says), so
    // one native read replaces the reader loop below, a promise per chunk, on every MCP request.
    // The size is still checked on what actually arrived.
    const bytes = await request.arrayBuffer();
    if (bytes.byteLength > max) return { ok: false, failure: tooLarge };
    return { ok: true, value: new TextDecoder().decode(bytes) };
  }
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > max) {
      await reader.cancel();
      return { ok: false, failure: tooLarge };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { ok: true, value: text + decoder.decode() };
}

/**
 * Parses one JSON-RPC message. Malformed JSON → -32700. A batch array → -32600: JSON-RPC batching
 * was removed from MCP in 2025-06-18, and answering part of a batch would bypass the per-call audit.
 * The message's own shape is left to the SDK transport (it answers -32700/-32600 as the spec says).
 */
export function parseJsonRpcBody(text: string): Guarded<unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, failure: { status: 400, code: ErrorCode.ParseError, message: 'Parse error: invalid JSON' } };
  }
  if (Array.isArray(parsed)) {
    return {
      ok: false,
      failure: {
        status: 400,
        code: ErrorCode.InvalidRequest,
        message: 'Invalid Request: JSON-RPC batches are not supported; send one message per POST',
      },
    };
  }
  if (parsed === null || typeof parsed !== 'object') {
    return {
      ok: false,
      failure: { status: 400, code: ErrorCode.InvalidRequest, message: 'Invalid Request: expected a JSON-RPC object' },
    };
  }
  return { ok: true, value: parsed };
}

/**
 * An `MCP-Protocol-Version` header, when present, must name a version this server speaks
 * (Transports › Protocol Version Header: "the server MUST respond with 400 Bad Request").
 * Checked on every request of either revision; whether a 2026-07-28 header comes with its
 * `_meta` envelope is the SDK's check.
 */
export function checkProtocolVersionHeader(value: string | null | undefined): ProtocolFailure | null {
  if (value === null || value === undefined) return null;
  if (SERVED_PROTOCOL_VERSIONS.includes(value)) return null;
  return {
    status: 400,
    code: ErrorCode.InvalidRequest,
    message: `Bad Request: unsupported MCP-Protocol-Version "${value.slice(0, 40)}" (supported: ${SERVED_PROTOCOL_VERSIONS.join(', ')})`,
  };
}

/**
 * True when the message claims the 2026-07-28 per-request envelope (`params._meta` names a protocol
 * version). Such a request's version, header included, is judged by the SDK, which answers with
 * that revision's own errors (-32022 for an unsupported version).
 */
export function claimsEnvelope(message: unknown): boolean {
  if (message === null || typeof message !== 'object') return false;
  const meta = (message as { params?: { _meta?: unknown } }).params?._meta;
  return meta !== null && typeof meta === 'object' && 'io.modelcontextprotocol/protocolVersion' in meta;
}

/** The JSON-RPC method of a parsed message, if it is a request or notification. */
export function jsonRpcMethod(message: unknown): string | null {
  if (message === null || typeof message !== 'object') return null;
  const method = (message as { method?: unknown }).method;
  return typeof method === 'string' ? method : null;
}

/** The id of a parsed JSON-RPC request (a string or a number), else null. */
export function jsonRpcId(message: unknown): JsonRpcId {
  if (message === null || typeof message !== 'object') return null;
  const id = (message as { id?: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

/** A JSON-RPC error body; `id` is the request's when the body had one (null when unknown or unparsable). */
export function jsonRpcErrorBody(code: number, message: string, id: JsonRpcId = null): string {
  return JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id });
}
