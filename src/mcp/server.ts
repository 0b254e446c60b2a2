/**
 * One low-level MCP `Server` per request, the same for both protocol revisions (eras.ts decides
 * which leg serves it). Only `tools` is declared; `ping`, `initialize` and `server/discover` come
 * from the SDK. The tools/list answer is the cached payload of the server's config
 * (tool-registration.ts), with a 2026-07-28 cache hint.
 */
import {
  Server,
  type CallToolRequestParams,
  type CallToolResult,
  type CacheHint,
  type InputRequiredResult,
  type jsonSchemaValidator,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { GATEWAY_NAME, GATEWAY_VERSION } from '../version';
import type { ToolSelection } from './tool-registration';

export interface McpServerOptions {
  selection: ToolSelection;
  /** Built only for `initialize` and `server/discover` (it needs the account's defaults). */
  instructions?: string;
  callTool: (params: CallToolRequestParams, ctx: ServerContext) => Promise<CallToolResult | InputRequiredResult>;
  /**
   * Verifies an echoed 2026-07-28 `requestState` before the handler runs (throw to refuse: the SDK
   * answers -32602 "Invalid or expired requestState") and returns the decoded state.
   */
  verifyRequestState?: (state: string, ctx: ServerContext) => Promise<unknown>;
}

/**
 * How long a 2026-07-28 client may reuse a tools/list answer. A server's tool set changes only when
 * an admin edits its config, and the answer depends on nothing else; `private` because it belongs
 * to one URL (one tenant's grant), never to a shared cache.
 */
export const TOOLS_LIST_CACHE_HINT: CacheHint = { ttlMs: 300_000, cacheScope: 'private' };

/**
 * The SDK's `Server` would pick a JSON Schema validator per construction; it only uses it to check
 * elicitation answers, which this server validates with its own zod schemas, so one shared
 * validator that refuses everything is both cheaper and honest.
 */
const NO_ELICITATION_VALIDATOR: jsonSchemaValidator = {
  getValidator: () => () => ({
    valid: false,
    data: undefined,
    errorMessage: 'This server does not validate elicitation answers with JSON Schema',
  }),
};

/** A fresh server wired to this request's tools and call handler. */
export function createMcpServer(opts: McpServerOptions): Server {
  const server = new Server(
    { name: GATEWAY_NAME, title: 'Missive MCP gateway', version: GATEWAY_VERSION },
    {
      // The tool set of a URL only changes when an admin edits its config; clients re-list on reconnect.
      capabilities: { tools: { listChanged: false } },
      jsonSchemaValidator: NO_ELICITATION_VALIDATOR,
      cacheHints: { 'tools/list': TOOLS_LIST_CACHE_HINT },
      // A stateless 2025-era request cannot carry the server's own elicitation/create round trip
      // (the client's answer would reach another instance); approval.ts asks those clients itself.
      inputRequired: { legacyShim: false },
      ...(opts.verifyRequestState ? { requestState: { verify: opts.verifyRequestState } } : {}),
      ...(opts.instructions ? { instructions: opts.instructions } : {}),
    },
  );
  server.setRequestHandler('tools/list', () => opts.selection.listResult);
  server.setRequestHandler('tools/call', (request, ctx) => opts.callTool(request.params, ctx));
  return server;
}
