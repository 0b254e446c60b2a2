/**
 * Keyset pagination over (created_at, id). The cursor is opaque to callers: base64url of
 * `{"c": created_at, "i": id}` of the last row of the previous page. Pure: no runtime imports.
 */
import { z } from 'zod';
import { base64urlDecode, base64urlEncode } from '../security/encoding';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const CursorSchema = z.object({ c: z.string().max(40), i: z.string().max(64) }).strict();
export type Cursor = z.infer<typeof CursorSchema>;

export interface Page<T> {
  result: T[];
  next_cursor: string | null;
}

/** Encodes the position after `row`. */
export function encodeCursor(row: { created_at: string; id: string }): string {
  return base64urlEncode(new TextEncoder().encode(JSON.stringify({ c: row.created_at, i: row.id })));
}

/** Decodes a cursor; null when it is not one this gateway issued. */
export function decodeCursor(cursor: string): Cursor | null {
  const bytes = base64urlDecode(cursor);
  if (!bytes) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Splits `limit + 1` fetched rows into a page and the cursor for the next one. */
export function toPage<R extends { created_at: string; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { result: pageRows.map(map), next_cursor: more && last ? encodeCursor(last) : null };
}
