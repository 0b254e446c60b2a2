/**
 * One low-level MCP `Server` per request (the stateless Streamable HTTP pattern: a transport
 * without sessions cannot be reused). Only `tools` is declared; `ping` and `initialize` come from
 * the SDK. The tools/list answer is the cached payload of the server's config (tool-registration.ts).
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolRequest,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { GATEWAY_NAME, GATEWAY_VERSION } from '../version';
import type { ToolSelection } from './tool-registration';

export interface McpServerOptions {
  selection: ToolSelection;
  /** Only built for `initialize` (it needs the account's defaults); other requests never send it. */
  instructions?: string;
  callTool: (params: CallToolRequest['params']) => Promise<CallToolResult>;
}

/**
 * The SDK's `Server` builds a new Ajv instance per construction unless given a validator (measured:
 * ~0.15 ms of CPU per request, most of a `ping`). It only uses it to check elicitation answers, and
 * this gateway never elicits, so one shared validator that refuses everything is both cheaper and honest.
 */
const NO_ELICITATION_VALIDATOR: jsonSchemaValidator = {
  getValidator: () => () => ({
    valid: false,
    data: undefined,
    errorMessage: 'This server does not request input from the user',
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
      ...(opts.instructions ? { instructions: opts.instructions } : {}),
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => opts.selection.listResult);
  server.setRequestHandler(CallToolRequestSchema, (request) => opts.callTool(request.params));
  return server;
}
