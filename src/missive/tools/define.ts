/**
 * `defineTool`: one Missive tool from its spec. Registration derives what it can: the MCP
 * annotations from the method category, and the tool's own name, handed to the handler for
 * cursor binding, so no tool repeats either.
 */
import type { z } from 'zod';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { MethodCategory, ToolTag } from '../server-config';
import type { AnyInputSchema, ToolContext, ToolDefinition, ToolOutcome } from '../tool-definition';

/** What a handler knows about its own tool. */
export interface ToolSelf {
  readonly name: string;
}

export interface ToolSpec<S extends AnyInputSchema> {
  name: string;
  title: string;
  description: string;
  method: MethodCategory;
  /** Annotate as this category instead: an opt-in category (webhooks) wraps a plain create or delete. */
  annotateAs?: MethodCategory;
  tags: readonly ToolTag[];
  inputSchema: S;
  /** A write whose main effect alerts people (posts, assignments, incoming messages). */
  notifies?: boolean;
  /** An update that overwrites whole arrays: items left out are deleted. */
  replaces?: boolean;
  handler: (args: z.infer<S>, ctx: ToolContext, tool: ToolSelf) => Promise<ToolOutcome>;
}

/**
 * MCP annotations implied by the method category. Notifying writes count as destructive (clients
 * ask before running them: a notification cannot be taken back), and so do whole-array updates.
 */
export function annotationsFor(
  method: MethodCategory,
  title: string,
  opts: { notifies?: boolean; replaces?: boolean } = {},
): ToolAnnotations {
  const readOnly = method === 'list' || method === 'get' || method === 'download';
  const destructive = method === 'delete' || method === 'merge' || opts.notifies === true || opts.replaces === true;
  return {
    title,
    readOnlyHint: readOnly,
    destructiveHint: readOnly ? false : destructive,
    idempotentHint: readOnly || method === 'update' || method === 'delete',
    openWorldHint: true,
  };
}

/** Builds the catalogue entry; the schema type stays with the handler, the catalogue stores them all alike. */
export function defineTool<S extends AnyInputSchema>(spec: ToolSpec<S>): ToolDefinition {
  const self: ToolSelf = { name: spec.name };
  const definition: ToolDefinition<S> = {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    method: spec.method,
    tags: spec.tags,
    inputSchema: spec.inputSchema,
    annotations: annotationsFor(spec.annotateAs ?? spec.method, spec.title, spec),
    handler: (args, ctx) => spec.handler(args, ctx, self),
  };
  return definition as unknown as ToolDefinition;
}
