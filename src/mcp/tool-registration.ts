/**
 * The tools one MCP server offers, computed once per isolate per config and reused by every
 * request: the `tools/list` payload with JSON Schemas converted from zod exactly once per tool,
 * and a name → definition map that `tools/call` checks again, so a hidden tool called by name is
 * refused exactly like an unknown one (JSON-RPC -32602, Server › Tools › Error Handling) and
 * Missive is never called.
 *
 * Why not `McpServer.registerTool`: its tools/call wrapper turns every error, unknown tool
 * included, into an `isError` result. The low-level `Server`
 * with our own handlers gives cached schemas and the spec's error split.
 */
import { z } from 'zod';
import type { Tool } from '@modelcontextprotocol/server';
import { configKey, selectTools } from '../missive/catalogue';
import { approvalModeOf, CONFIRMATION_ARGUMENT, needsApproval, type ApprovalMode } from './approval-policy';
import type { McpServerConfig } from '../missive/server-config';
import type { ToolDefinition } from '../missive/tool-definition';

/** What a config exposes: the ready tools/list result and the allowed definitions by name. */
export interface ToolSelection {
  key: string;
  listResult: { tools: Tool[] };
  byName: ReadonlyMap<string, ToolDefinition>;
}

const toolEntries = new WeakMap<ToolDefinition, Tool>();

/** JSON Schema (2020-12, input side) of a tool's arguments. `$schema` is dropped: 2020-12 is MCP's default. */
export function inputJsonSchema(tool: ToolDefinition): Tool['inputSchema'] {
  const schema = z.toJSONSchema(tool.inputSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return { ...schema, type: 'object' } as Tool['inputSchema'];
}

/** The tools/list entry of one tool; built on first use and kept for the isolate's life. */
export function toolEntry(tool: ToolDefinition): Tool {
  let entry = toolEntries.get(tool);
  if (!entry) {
    entry = {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: inputJsonSchema(tool),
      annotations: tool.annotations,
    };
    toolEntries.set(tool, entry);
  }
  return entry;
}

const selections = new Map<string, ToolSelection>();
const MAX_CACHED_SELECTIONS = 1000;

/**
 * The listing of a tool that asks for approval also offers the argument that carries a
 * confirmation token back (approval.ts), so clients that cannot elicit can echo it.
 */
function listedEntry(tool: ToolDefinition, mode: ApprovalMode): Tool {
  const entry = toolEntry(tool);
  if (!needsApproval(tool, mode)) return entry;
  const properties = { ...(entry.inputSchema.properties ?? {}) };
  properties[CONFIRMATION_ARGUMENT] = {
    type: 'string',
    description:
      'Only when a previous call answered approval_required: the confirmation_token it returned, after the user approved.',
  };
  return { ...entry, inputSchema: { ...entry.inputSchema, properties } };
}

/** The cached selection for a server config. */
export function toolSelectionFor(config: Pick<McpServerConfig, 'methods' | 'tags' | 'approval'>): ToolSelection {
  const mode = approvalModeOf(config);
  const key = `${configKey(config)}|approval=${mode}`;
  let selection = selections.get(key);
  if (!selection) {
    const tools = selectTools(config);
    selection = {
      key,
      listResult: { tools: tools.map((t) => listedEntry(t, mode)) },
      byName: new Map(tools.map((t) => [t.name, t])),
    };
    // Configs come from stored servers, so there are few keys; the bound only guards memory.
    if (selections.size >= MAX_CACHED_SELECTIONS) selections.clear();
    selections.set(key, selection);
  }
  return selection;
}

/** One line per zod issue ("path: message"), so a model can correct its call. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? '(arguments)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
