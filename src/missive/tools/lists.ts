/**
 * List tools over Missive's two pagination styles, answered as { result, next_cursor, result_count }
 * with one opaque cursor bound to the tool that issued it (missive-api.md "Pagination").
 */
import { callMissive, type CallOptions } from '../client';
import { decodeCursor, encodeCursor, pageOffset, pageUntil } from '../pagination';
import { invalidArguments, toolSuccess } from '../results';
import type { ToolContext, ToolOutcome } from '../tool-definition';
import type { QueryValue } from '../upstream';
import { extractList, unexpectedAnswer } from './answers';
import { idPath } from './by-id';
import type { ToolSelf } from './define';

/** The sentence every paginated list tool's description ends with. */
export const LIST_TAGS_NOTE =
  'Answers { result, next_cursor, result_count }; pass next_cursor back as cursor for the next page.';

interface ListSpec {
  /** The tool issuing the cursor: a cursor is valid only for the tool that issued it. */
  tool: ToolSelf;
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

/** A `limit` + `offset` list. */
export async function listByOffset(ctx: ToolContext, spec: ListSpec, opts: CallOptions = {}): Promise<ToolOutcome> {
  const tool = spec.tool.name;
  let offset = 0;
  if (spec.cursor !== undefined) {
    const cursor = decodeCursor(tool, 'offset', spec.cursor);
    if (cursor === null || cursor.kind !== 'offset') return badCursor(tool);
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
    { result: items, next_cursor: next ? encodeCursor(tool, next) : null, result_count: items.length },
    call.upstream,
  );
}

/**
 * An `until` list (newest first), boundary duplicates removed. A page may hold more than `limit`
 * items. A full page whose items carry no timestamp (drafts have `delivered_at: null`) cannot be
 * continued: the answer says so with `more_may_exist` instead of ending silently.
 */
export async function listByUntil(
  ctx: ToolContext,
  spec: ListSpec & { timestampField: string },
  opts: CallOptions = {},
): Promise<ToolOutcome> {
  const tool = spec.tool.name;
  let previous: { until: number; seen: string[] } | null = null;
  if (spec.cursor !== undefined) {
    const cursor = decodeCursor(tool, 'until', spec.cursor);
    if (cursor === null || cursor.kind !== 'until') return badCursor(tool);
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
  const stuck = page.next === null && raw.length >= spec.limit;
  return toolSuccess(
    {
      result: page.items,
      next_cursor: page.next ? encodeCursor(tool, page.next) : null,
      result_count: page.items.length,
      ...(stuck
        ? { more_may_exist: true, note: `Missive gives no way to page further than these ${raw.length} items.` }
        : {}),
    },
    call.upstream,
  );
}

/**
 * The handler of a tool that lists one kind of entry inside a conversation (messages, comments,
 * drafts, posts): `GET /conversations/:id/<key>`, newest first, at most 10 a page, paged by `until`.
 */
export function conversationEntries(spec: { key: string; timestampField: string }) {
  return async (
    args: { conversation_id: string; limit?: number; cursor?: string },
    ctx: ToolContext,
    tool: ToolSelf,
  ): Promise<ToolOutcome> => {
    const path = idPath(`/conversations/{conversation_id}/${spec.key}`, { conversation_id: args.conversation_id });
    if (typeof path !== 'string') return path;
    return listByUntil(
      ctx,
      {
        tool,
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

/**
 * The handler of a list tool over an organization-scoped, limit/offset collection (users, teams,
 * shared labels, responses): the organization filter falls back to the account default.
 */
export function listInOrganization(spec: { path: string; key: string }) {
  return (args: { organization?: string; limit?: number; cursor?: string }, ctx: ToolContext, tool: ToolSelf) =>
    listByOffset(ctx, {
      tool,
      path: spec.path,
      query: { organization: args.organization ?? ctx.defaults.organization },
      key: spec.key,
      limit: args.limit ?? 50,
      cursor: args.cursor,
    });
}
