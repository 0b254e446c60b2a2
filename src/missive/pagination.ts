/**
 * One opaque `cursor` argument over Missive's two pagination styles (missive-api.md "Pagination"):
 * `until` (a timestamp of the oldest item of the previous page, newest first, inclusive) and
 * `limit` + `offset`. The cursor is base64url JSON bound to the tool that issued it.
 * Pure: no runtime imports.
 */

export type PageCursor = { kind: 'until'; until: number; seen: string[] } | { kind: 'offset'; offset: number };

interface WireCursor {
  t: string;
  u?: number;
  s?: string[];
  o?: number;
}

const MAX_SEEN_IDS = 200;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,8000}$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}

/** Encodes a cursor for `tool`; the string is opaque to callers. */
export function encodeCursor(tool: string, cursor: PageCursor): string {
  const wire: WireCursor =
    cursor.kind === 'until'
      ? { t: tool, u: cursor.until, s: cursor.seen.slice(0, MAX_SEEN_IDS) }
      : { t: tool, o: cursor.offset };
  return toBase64Url(JSON.stringify(wire));
}

/** Decodes a cursor issued by `tool` for the expected style; null when malformed, foreign or of the other style. */
export function decodeCursor(tool: string, kind: PageCursor['kind'], text: string): PageCursor | null {
  const json = fromBase64Url(text);
  if (json === null) return null;
  let wire: unknown;
  try {
    wire = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof wire !== 'object' || wire === null) return null;
  const w = wire as Partial<WireCursor>;
  if (w.t !== tool) return null;
  if (kind === 'until') {
    if (typeof w.u !== 'number' || !Number.isSafeInteger(w.u) || w.u < 0) return null;
    const seen = Array.isArray(w.s) ? w.s.filter((x): x is string => typeof x === 'string') : [];
    return { kind: 'until', until: w.u, seen: seen.slice(0, MAX_SEEN_IDS) };
  }
  if (typeof w.o !== 'number' || !Number.isSafeInteger(w.o) || w.o < 0) return null;
  return { kind: 'offset', offset: w.o };
}

export interface UntilPage<T> {
  items: T[];
  next: PageCursor | null;
}

/**
 * Turns one raw `until` page into the items to return and the next cursor.
 * Missive's `until` is inclusive, so items at the boundary timestamp come back on the next page:
 * the cursor remembers their ids and they are dropped there (nothing lost, nothing repeated).
 * A full page whose items all share one timestamp cannot advance with that timestamp again, so
 * the next request moves one second back (Missive offers no finer tiebreaker).
 */
export function pageUntil<T>(
  raw: readonly T[],
  opts: {
    limit: number;
    previous: { until: number; seen: readonly string[] } | null;
    id: (item: T) => string | undefined;
    timestamp: (item: T) => number | undefined;
  },
): UntilPage<T> {
  const seenBefore = new Set(opts.previous?.seen ?? []);
  const items = raw.filter((item) => {
    const id = opts.id(item);
    return id === undefined || !seenBefore.has(id);
  });
  if (raw.length < opts.limit) return { items, next: null };
  const stamps = raw.map(opts.timestamp).filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  if (stamps.length === 0) return { items, next: null };
  const oldest = Math.min(...stamps);
  const newest = Math.max(...stamps);
  if (oldest === newest) {
    return oldest <= 0 ? { items, next: null } : { items, next: { kind: 'until', until: oldest - 1, seen: [] } };
  }
  const seen = raw
    .filter((item) => opts.timestamp(item) === oldest)
    .map(opts.id)
    .filter((id): id is string => id !== undefined);
  return { items, next: { kind: 'until', until: oldest, seen } };
}

/** The next offset cursor, or null when the page was not full (the last page). */
export function pageOffset(count: number, limit: number, offset: number): PageCursor | null {
  return count < limit ? null : { kind: 'offset', offset: offset + count };
}
