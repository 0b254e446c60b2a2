/** Tools addressed by id: encoded paths, and the get / update / delete handlers several areas share. */
import { callMissive } from '../client';
import { idSegment } from '../ids';
import { invalidArguments, toolSuccess } from '../results';
import type { ToolContext, ToolOutcome } from '../tool-definition';
import { extractList, singleObject, writeCall } from './answers';

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

/** Comma-joined encoded ids for a batch path segment (`/messages/:id1,:id2`), or an invalid-arguments outcome. */
export function batchSegment(name: string, ids: readonly unknown[]): string | ToolOutcome {
  const segments = ids.map(idSegment);
  if (segments.length === 0 || segments.some((s) => s === null)) {
    return invalidArguments(`${name} must be Missive ids (letters, digits, "-" and "_" only).`);
  }
  return [...new Set(segments)].join(',');
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

/** The handler of a "get one by id" tool: `GET <collection>/:id`, answered as { result }. */
export function getById(spec: { collection: string; key: string; notFound: (id: string) => string }) {
  return async (args: { id: string }, ctx: ToolContext): Promise<ToolOutcome> => {
    const path = idPath(`${spec.collection}/{id}`, { id: args.id });
    if (typeof path !== 'string') return path;
    return singleObject(ctx, { method: 'GET', path }, spec.key, { notFound: spec.notFound(args.id) });
  };
}

/** The handler of a "delete by id" tool: `DELETE <collection>/:id`, answered as { result: { id, deleted } }. */
export function deleteById(spec: { collection: string; key: string; notFound: (id: string) => string }) {
  return async (args: { id: string }, ctx: ToolContext): Promise<ToolOutcome> => {
    const path = idPath(`${spec.collection}/{id}`, { id: args.id });
    if (typeof path !== 'string') return path;
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

/** `id` plus the optional `more_ids` of a batch tool, de-duplicated, in order. */
export function idsOf(args: { id: string; more_ids?: readonly string[] }): string[] {
  return [...new Set([args.id, ...(args.more_ids ?? [])])];
}

/**
 * The handler of an "update by id" tool: `PATCH <collection>/:ids` with `{ [key]: [{ id, ...changes }, …] }`,
 * one object per id (`id` plus `more_ids`: one request, one unit of Missive's budget). `changes` builds the
 * fields from the arguments (undefined ones are not sent); when none is given the call is refused with
 * `nothingToChange`, before any request.
 */
export function updateById<A extends { id: string; more_ids?: string[] }>(spec: {
  collection: string;
  key: string;
  notFound: (id: string) => string;
  changes: (args: A) => Record<string, unknown>;
  nothingToChange: string;
}) {
  return async (args: A, ctx: ToolContext): Promise<ToolOutcome> => {
    const ids = idsOf(args);
    const segment = batchSegment('id and more_ids', ids);
    if (typeof segment !== 'string') return segment;
    const changes = spec.changes(args);
    if (Object.values(changes).every((v) => v === undefined)) return invalidArguments(spec.nothingToChange);
    const req = {
      method: 'PATCH' as const,
      path: `${spec.collection}/${segment}`,
      body: { [spec.key]: ids.map((id) => ({ id, ...changes })) },
    };
    if (ids.length === 1) return writeCall(ctx, req, spec.key, { notFound: spec.notFound(args.id) });
    const call = await callMissive(ctx, req, { notFound: `one of ${ids.length} ids` });
    if (!call.ok) return call.outcome;
    const items = (call.data === null ? null : extractList(call.data, spec.key)) ?? [];
    return toolSuccess({ result: items, result_count: items.length }, call.upstream);
  };
}
