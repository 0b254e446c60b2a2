/**
 * The Missive tool catalogue, built once per isolate, and the per-config filter the MCP endpoint
 * uses for tools/list and again for tools/call (DESIGN.md "Tool catalogue"). `methods` selects
 * by `read` / `write`, a method category or an exact tool name; `tags` by functional area; the two
 * combine with AND. Omitted `methods` means `read` (a bare config can change nothing); omitted
 * `tags` allows every area.
 */
import {
  DEFAULT_METHODS,
  METHOD_CATEGORIES,
  METHOD_GROUPS,
  type McpServerConfig,
  type MethodCategory,
} from './server-config';
import type { ToolDefinition } from './tool-definition';
import { analyticsTools } from './tools/analytics';
import { attachmentsTools } from './tools/attachments';
import { commentsTools } from './tools/comments';
import { contactBooksTools } from './tools/contact-books';
import { contactGroupsTools } from './tools/contact-groups';
import { contactsTools } from './tools/contacts';
import { conversationsTools } from './tools/conversations';
import { draftsTools } from './tools/drafts';
import { messagesTools } from './tools/messages';
import { organizationsTools } from './tools/organizations';
import { postsTools } from './tools/posts';
import { responsesTools } from './tools/responses';
import { sharedLabelsTools } from './tools/shared-labels';
import { tasksTools } from './tools/tasks';
import { teamsTools } from './tools/teams';
import { usersTools } from './tools/users';
import { webhooksTools } from './tools/webhooks';

function buildCatalogue(): readonly ToolDefinition[] {
  const tools = [
    ...usersTools,
    ...organizationsTools,
    ...teamsTools,
    ...sharedLabelsTools,
    ...conversationsTools,
    ...messagesTools,
    ...commentsTools,
    ...draftsTools,
    ...postsTools,
    ...attachmentsTools,
    ...contactsTools,
    ...contactBooksTools,
    ...contactGroupsTools,
    ...responsesTools,
    ...tasksTools,
    ...webhooksTools,
    ...analyticsTools,
  ];
  const names = new Set<string>();
  for (const tool of tools) {
    if (names.has(tool.name)) throw new Error(`duplicate tool name ${tool.name}`);
    names.add(tool.name);
  }
  return Object.freeze(tools);
}

/** Every Missive tool, in a stable order. */
export const TOOL_CATALOGUE: readonly ToolDefinition[] = buildCatalogue();

/** Tools by exact name. */
export const TOOLS_BY_NAME: ReadonlyMap<string, ToolDefinition> = new Map(TOOL_CATALOGUE.map((t) => [t.name, t]));

const CATEGORY_SET = new Set<string>(METHOD_CATEGORIES);

/** True for a `methods` entry the filter understands: read, write, a method category or a tool name. */
export function isKnownMethodSelector(value: string): boolean {
  return value in METHOD_GROUPS || CATEGORY_SET.has(value) || TOOLS_BY_NAME.has(value);
}

function categoriesOf(selector: string): readonly MethodCategory[] {
  if (selector === 'read' || selector === 'write') return METHOD_GROUPS[selector];
  return CATEGORY_SET.has(selector) ? [selector as MethodCategory] : [];
}

/** A canonical key: the same selection in any order or with repeats maps to one cache entry. */
export function configKey(config: Pick<McpServerConfig, 'methods' | 'tags'>): string {
  const norm = (values: readonly string[] | undefined) =>
    values === undefined ? '*' : [...new Set(values)].sort().join(',');
  return `m=${norm(config.methods ?? DEFAULT_METHODS)};t=${norm(config.tags)}`;
}

function filterTools(config: Pick<McpServerConfig, 'methods' | 'tags'>): readonly ToolDefinition[] {
  const methods = config.methods ?? DEFAULT_METHODS;
  const tags = config.tags === undefined ? undefined : new Set<string>(config.tags);
  const categories = new Set<MethodCategory>(methods.flatMap(categoriesOf));
  const names = new Set<string>(methods);
  return Object.freeze(
    TOOL_CATALOGUE.filter((tool) => {
      const methodOk = categories.has(tool.method) || names.has(tool.name);
      const tagOk = tags === undefined || tool.tags.some((t) => tags.has(t));
      return methodOk && tagOk;
    }),
  );
}

const selectionCache = new Map<string, readonly ToolDefinition[]>();

/** The tools a server config allows (empty when none: the admin API answers 400 for such a config). Memoized. */
export function selectTools(config: Pick<McpServerConfig, 'methods' | 'tags'>): readonly ToolDefinition[] {
  const key = configKey(config);
  let tools = selectionCache.get(key);
  if (tools === undefined) {
    tools = filterTools(config);
    // Configs come from stored servers, so the key space is small; the bound only guards against abuse.
    if (selectionCache.size >= 1000) selectionCache.clear();
    selectionCache.set(key, tools);
  }
  return tools;
}

/** The tool `name` if this config allows it, else undefined (tools/call must refuse hidden tools). */
export function findAllowedTool(
  config: Pick<McpServerConfig, 'methods' | 'tags'>,
  name: string,
): ToolDefinition | undefined {
  return selectTools(config).find((tool) => tool.name === name);
}
