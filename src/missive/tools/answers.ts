/**
 * Reading Missive's answers: items under the plural key (an array, or a single object as the
 * single-item endpoints answer), and the one-request tools built on that.
 */
import { z } from 'zod';
import { callMissive, type CallOptions } from '../client';
import { toolFailure, toolSuccess } from '../results';
import type { ToolContext, ToolOutcome } from '../tool-definition';
import type { UpstreamRequest } from '../upstream';

export type Item = Record<string, unknown>;

const ItemArray = z.array(z.record(z.string(), z.unknown()));
const ItemObject = z.record(z.string(), z.unknown());

/** The items under Missive's plural key (`{ conversations: [...] }` or `{ tasks: {...} }`), or null for another shape. */
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

/**
 * A write whose answer shape varies (an object, an array, or an empty body on 200 or 201):
 * returns { result } with whatever Missive answered, else `fallback`.
 */
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
