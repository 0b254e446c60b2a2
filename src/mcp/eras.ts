/**
 * The two protocol eras on one URL, decided per request by the SDK's own classifier: a request
 * carrying the 2026-07-28 `_meta` envelope (or a 2026 header) is served by the SDK's stateless
 * handler, which validates the envelope, `Mcp-Method` / `Mcp-Name` against the body and the
 * version, answers `server/discover` and adds cache hints; anything else is the 2025 handshake
 * era, served by the SDK's Streamable HTTP transport in stateless JSON mode. Both legs build their
 * server from the same options, so the eras cannot drift apart.
 */
import {
  createMcpHandler,
  isLegacyRequest,
  WebStandardStreamableHTTPServerTransport,
  type AuthInfo,
  type JSONRPCMessage,
  type McpRequestContext as SdkRequestContext,
} from '@modelcontextprotocol/server';
import { createMcpServer, type McpServerOptions } from './server';

export type ProtocolEra = 'modern' | 'legacy';

const OPTIONS_KEY = 'gatewayServerOptions';

function optionsOf(ctx: SdkRequestContext): McpServerOptions {
  const options = ctx.authInfo?.extra?.[OPTIONS_KEY] as McpServerOptions | undefined;
  if (!options) throw new Error('MCP server options missing from the request');
  return options;
}

/**
 * Built once per isolate. `auto` answers JSON because no handler here emits a message before its
 * result; `legacy: 'reject'` because the 2025 era is routed to `serveLegacy` before this handler.
 */
const modernHandler = createMcpHandler((ctx) => createMcpServer(optionsOf(ctx)), {
  legacy: 'reject',
  responseMode: 'auto',
});

/** Which era serves this request; `message` is the already parsed body. */
export async function eraOf(request: Request, message: unknown): Promise<ProtocolEra> {
  return (await isLegacyRequest(request, message)) ? 'legacy' : 'modern';
}

/**
 * A 2026-07-28 request. The options travel as the handler's pass-through `authInfo` (the SDK's
 * documented seam for per-principal factories); `token` is left empty: the gateway's credentials
 * never enter the SDK.
 */
export function serveModern(options: McpServerOptions, serverId: string, request: Request, message: unknown) {
  const authInfo: AuthInfo = { token: '', clientId: serverId, scopes: [], extra: { [OPTIONS_KEY]: options } };
  return modernHandler.fetch(request, { authInfo, parsedBody: message });
}

/** A 2025-era request: a fresh server and stateless transport, answered as one JSON body. */
export async function serveLegacy(options: McpServerOptions, request: Request, message: unknown): Promise<Response> {
  const server = createMcpServer(options);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  // No server.close() afterwards: in stateless JSON mode the server and transport hold no timer,
  // stream or global registration, so they are garbage with the request.
  return transport.handleRequest(request, { parsedBody: message as JSONRPCMessage });
}
