/**
 * Building blocks every tools/<area>.ts file uses: annotations by method category, the common
 * argument fields, the two list styles behind one `cursor`, and single-object answers.
 */
import { z } from 'zod';
import { callMissive, type CallOptions } from '../client';
import { decodeCursor, encodeCursor, pageOffset, pageUntil } from '../pagination';
import { invalidArguments, toolFailure, toolSuccess } from '../results';
import type { MethodCategory } from '../server-config';
import type { AnyInputSchema, ToolContext, ToolDefinition, ToolOutcome } from '../tool-definition';
import type { QueryValue, UpstreamRequest } from '../upstream';
import { idSegment } from '../ids';

export type Item = Record<string, unknown>;

/** Keeps a tool's schema type for its handler while the catalogue stores them all as ToolDefinition. */
export function defineTool<S extends AnyInputSchema>(def: ToolDefinition<S>): ToolDefinition {
  return def as unknown as ToolDefinition;
}

/**
 * MCP annotations implied by the method category. `notifies` marks writes whose main effect alerts
 * people (posts, assignments, incoming messages): clients treat them like destructive calls and
 * ask before running them, since a notification cannot be taken back. `replaces` marks updates
 * that overwrite whole arrays (a contact's infos, a response's attachments): items left out are
 * deleted, which is a destructive update in MCP's sense.
 */
export function annotationsFor(
  method: MethodCategory,
  title: string,
  opts: { notifies?: boolean; replaces?: boolean } = {},
) {
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

/** The opaque `cursor` argument of every paginated list tool. */
export const cursorField = z
  .string()
  .max(8000)
  .optional()
  .describe('Opaque next_cursor from the previous page of this same tool; omit for the first page');

/** An optional page size capped at Missive's maximum for the endpoint. */
export function limitField(max: number, def: number, min = 1) {
  return z.number().int().min(min).max(max).optional().describe(`Items per page (${min}–${max}, default ${def})`);
}

/** An optional organization id; handlers fill it from the account default when the caller leaves it out. */
export function organizationField(what = 'Organization id (from list_all_missive_organizations)') {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .optional()
    .describe(`${what}; the account default applies when omitted`);
}

/** The sentence every list tool's description ends with. */
export const LIST_TAGS_NOTE =
  'Answers { result, next_cursor, result_count }; pass next_cursor back as cursor for the next page.';

/** Encoded path for a template like `/conversations/{id}/messages`, or an invalid-arguments outcome. */
export function idPath(template: string, ids: Record<string, unknown>): string | ToolOutcome {
  let path = template;
  for (const [name, value] of Object.entries(ids)) {
    const segment = idSegment(value);
    if (segment === null) {
      return invalidArguments(`${name} must be a Missive id (letters, digits, "-" and "_" only).`);
    }
    path = path.replace(`{${name}}`, segment);
  }
  return path;
}

const ItemArray = z.array(z.record(z.string(), z.unknown()));
const ItemObject = z.record(z.string(), z.unknown());

/** The items under Missive's plural key (`{ conversations: [...] }`), or null when the answer has another shape. */
export function extractList(data: unknown, key: string): Item[] | null {
  const root = ItemObject.safeParse(data);
  if (!root.success) return null;
  const value = root.data[key];
  const list = ItemArray.safeParse(value);
  if (list.success) return list.data;
  const one = ItemObject.safeParse(value);
  return one.success ? [one.data] : null;
}

/** The single object under Missive's plural key, whether Missive wrapped it in an array or not. */
export function extractOne(data: unknown, key: string): Item | null {
  const list = extractList(data, key);
  return list && list.length > 0 ? (list[0] ?? null) : null;
}

/** A 2xx answer whose shape the tool does not recognise. */
export function unexpectedAnswer(): ToolOutcome {
  return toolFailure('unavailable', 'Missive returned an unexpected answer; try again later.');
}

interface ListSpec {
  tool: string;
  path: string;
  query: Record<string, QueryValue>;
  key: string;
  limit: number;
  cursor: string | undefined;
}

function badCursor(tool: string): ToolOutcome {
  return invalidArguments(
    `cursor is not valid for ${tool}: pass next_cursor exactly as the previous answer of ${tool} gave it, or omit it for the first page.`,
  );
}

/** A `limit` + `offset` list answered as { result, next_cursor, result_count }. */
export async function listByOffset(ctx: ToolContext, spec: ListSpec, opts: CallOptions = {}): Promise<ToolOutcome> {
  let offset = 0;
  if (spec.cursor !== undefined) {
    const cursor = decodeCursor(spec.tool, 'offset', spec.cursor);
    if (cursor === null || cursor.kind !== 'offset') return badCursor(spec.tool);
    offset = cursor.offset;
  }
  const call = await callMissive(
    ctx,
    { method: 'GET', path: spec.path, query: { ...spec.query, limit: spec.limit, offset } },
    opts,
  );
  if (!call.ok) return call.outcome;
  const items = extractList(call.data, spec.key);
  if (items === null) return unexpectedAnswer();
  const next = pageOffset(items.length, spec.limit, offset);
  return toolSuccess(
    { result: items, next_cursor: next ? encodeCursor(spec.tool, next) : null, result_count: items.length },
    call.upstream,
  );
}

/** An `until` list (newest first) answered as { result, next_cursor, result_count }, boundary duplicates removed. */
export async function listByUntil(
  ctx: ToolContext,
  spec: ListSpec & { timestampField: string },
  opts: CallOptions = {},
): Promise<ToolOutcome> {
  let previous: { until: number; seen: string[] } | null = null;
  if (spec.cursor !== undefined) {
    const cursor = decodeCursor(spec.tool, 'until', spec.cursor);
    if (cursor === null || cursor.kind !== 'until') return badCursor(spec.tool);
    previous = { until: cursor.until, seen: cursor.seen };
  }
  const query: Record<string, QueryValue> = { ...spec.query, limit: spec.limit };
  if (previous) query.until = previous.until;
  const call = await callMissive(ctx, { method: 'GET', path: spec.path, query }, opts);
  if (!call.ok) return call.outcome;
  const raw = extractList(call.data, spec.key);
  if (raw === null) return unexpectedAnswer();
  const page = pageUntil(raw, {
    limit: spec.limit,
    previous,
    id: (item) => (typeof item.id === 'string' ? item.id : undefined),
    timestamp: (item) => {
      const t = item[spec.timestampField];
      return typeof t === 'number' ? t : undefined;
    },
  });
  return toolSuccess(
    {
      result: page.items,
      next_cursor: page.next ? encodeCursor(spec.tool, page.next) : null,
      result_count: page.items.length,
    },
    call.upstream,
  );
}

/**
 * The handler of a tool that lists one kind of entry inside a conversation (messages, comments,
 * drafts, posts): `GET /conversations/:id/<key>`, newest first, at most 10 a page, paged by `until`.
 */
export function conversationEntries(spec: { tool: string; key: string; timestampField: string }) {
  return (args: { conversation_id: string; limit?: number; cursor?: string }, ctx: ToolContext) => {
    const path = idPath(`/conversations/{conversation_id}/${spec.key}`, { conversation_id: args.conversation_id });
    if (typeof path !== 'string') return Promise.resolve(path);
    return listByUntil(
      ctx,
      {
        tool: spec.tool,
        path,
        query: {},
        key: spec.key,
        limit: args.limit ?? 10,
        cursor: args.cursor,
        timestampField: spec.timestampField,
      },
      { notFound: `conversation "${args.conversation_id}"` },
    );
  };
}

/** Where a model finds the id of each field that an account default can fill. */
const DEFAULT_SOURCES = {
  organization: 'list_all_missive_organizations',
  contact_book: 'list_all_missive_contact_books',
} as const;

/**
 * A field a call needs that the account may default: the caller's value, else the account's;
 * an invalid-arguments outcome (which the handler returns as is) when neither is set.
 */
export function requiredDefault(
  field: keyof typeof DEFAULT_SOURCES,
  given: string | undefined,
  ctx: ToolContext,
): string | ToolOutcome {
  const value = given ?? ctx.defaults[field];
  if (value) return value;
  return invalidArguments(`${field} is required (id from ${DEFAULT_SOURCES[field]}); this account has no default.`);
}

/** The handler of a "delete by id" tool: `DELETE <collection>/:id`, answered as { result: { id, deleted } }. */
export function deleteById(spec: { collection: string; key: string; notFound: (id: string) => string }) {
  return (args: { id: string }, ctx: ToolContext) => {
    const path = idPath(`${spec.collection}/{id}`, { id: args.id });
    if (typeof path !== 'string') return Promise.resolve(path);
    return writeCall(
      ctx,
      { method: 'DELETE', path },
      spec.key,
      { notFound: spec.notFound(args.id) },
      {
        id: args.id,
        deleted: true,
      },
    );
  };
}

/**
 * The handler of an "update by id" tool: `PATCH <collection>/:id` with `{ [key]: [{ id, ...changes }] }`.
 * `changes` builds the fields from the arguments (undefined ones are not sent); when none is given the
 * call is refused with `nothingToChange`, before any request.
 */
export function updateById<A extends { id: string }>(spec: {
  collection: string;
  key: string;
  notFound: (id: string) => string;
  changes: (args: A) => Record<string, unknown>;
  nothingToChange: string;
}) {
  return (args: A, ctx: ToolContext) => {
    const path = idPath(`${spec.collection}/{id}`, { id: args.id });
    if (typeof path !== 'string') return Promise.resolve(path);
    const changes = spec.changes(args);
    if (Object.values(changes).every((v) => v === undefined)) {
      return Promise.resolve(invalidArguments(spec.nothingToChange));
    }
    return writeCall(ctx, { method: 'PATCH', path, body: { [spec.key]: [{ id: args.id, ...changes }] } }, spec.key, {
      notFound: spec.notFound(args.id),
    });
  };
}

/**
 * The handler of a list tool over an organization-scoped, limit/offset collection (users, teams,
 * shared labels, responses): the organization filter falls back to the account default.
 */
export function listInOrganization(spec: { tool: string; path: string; key: string }) {
  return (args: { organization?: string; limit?: number; cursor?: string }, ctx: ToolContext) =>
    listByOffset(ctx, {
      tool: spec.tool,
      path: spec.path,
      query: { organization: args.organization ?? ctx.defaults.organization },
      key: spec.key,
      limit: args.limit ?? 50,
      cursor: args.cursor,
    });
}

/** The handler of a "get one by id" tool: `GET <collection>/:id`, answered as { result }. */
export function getById(spec: { collection: string; key: string; notFound: (id: string) => string }) {
  return (args: { id: string }, ctx: ToolContext) => {
    const path = idPath(`${spec.collection}/{id}`, { id: args.id });
    if (typeof path !== 'string') return Promise.resolve(path);
    return singleObject(ctx, { method: 'GET', path }, spec.key, { notFound: spec.notFound(args.id) });
  };
}

/** One request whose answer is a single object under `key`, returned as { result }. */
export async function singleObject(
  ctx: ToolContext,
  req: UpstreamRequest,
  key: string,
  opts: CallOptions = {},
): Promise<ToolOutcome> {
  const call = await callMissive(ctx, req, opts);
  if (!call.ok) return call.outcome;
  const item = extractOne(call.data, key);
  if (item === null) return unexpectedAnswer();
  return toolSuccess({ result: item }, call.upstream);
}

/** A write whose answer shape varies (or is empty): returns { result } with whatever Missive answered. */
export async function writeCall(
  ctx: ToolContext,
  req: UpstreamRequest,
  key: string,
  opts: CallOptions = {},
  fallback: Item = {},
): Promise<ToolOutcome> {
  const call = await callMissive(ctx, req, opts);
  if (!call.ok) return call.outcome;
  const item = call.data === null ? null : extractOne(call.data, key);
  return toolSuccess({ result: item ?? ItemObject.safeParse(call.data).data ?? fallback }, call.upstream);
}
