/**
 * The three ways of answering one MCP POST that scripts/mcp-clients/sdk-cost.ts prices, each with a
 * fresh server per request as the gateway does, over the real catalogue (every tool selected):
 * SDK 1.x low-level Server + its transport (JSON mode), SDK 2.x Server + its transport for the 2025
 * era (JSON mode), and SDK 2.x `createMcpHandler` for 2026-07-28.
 */
import { Server as ServerV1 } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport as TransportV1 } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import {
  Server as ServerV2,
  WebStandardStreamableHTTPServerTransport as TransportV2,
  createMcpHandler,
} from '@modelcontextprotocol/server';
import { toolSelectionFor } from '../../src/mcp/tool-registration';

const selection = toolSelectionFor({ methods: ['read', 'write'] });
const callResult = { content: [{ type: 'text' as const, text: 'ok' }] };
const noValidator = { getValidator: () => () => ({ valid: false, data: undefined, errorMessage: 'no' }) };

export const toolCount = selection.listResult.tools.length;

export async function v1(request: Request, body: unknown): Promise<Response> {
  const server = new ServerV1(
    { name: 'gw', version: '1' },
    { capabilities: { tools: { listChanged: false } }, jsonSchemaValidator: noValidator as never },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => selection.listResult);
  server.setRequestHandler(CallToolRequestSchema, () => callResult);
  const transport = new TransportV1({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  return transport.handleRequest(request, { parsedBody: body as never });
}

function factoryV2() {
  const server = new ServerV2(
    { name: 'gw', version: '1' },
    {
      capabilities: { tools: { listChanged: false } },
      jsonSchemaValidator: noValidator as never,
      cacheHints: { 'tools/list': { ttlMs: 60_000, cacheScope: 'private' } },
    },
  );
  server.setRequestHandler('tools/list', () => selection.listResult as never);
  server.setRequestHandler('tools/call', () => callResult);
  return server;
}

export async function v2Legacy(request: Request, body: unknown): Promise<Response> {
  const server = factoryV2();
  const transport = new TransportV2({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  return transport.handleRequest(request, { parsedBody: body });
}

const modern = createMcpHandler(factoryV2, { legacy: 'reject', responseMode: 'json' });
export function v2Modern(request: Request, body: unknown): Promise<Response> {
  return modern.fetch(request, { parsedBody: body });
}
