/** Missive's two pagination styles: an inclusive `until` timestamp cursor, and limit/offset. */

/**
 * Newest-first page of items whose timestamp is <= until (inclusive, as Missive does: items that
 * share the boundary timestamp appear again on the next page). Ties keep a stable order by id.
 * With `oversize`, a page that ends inside a tie takes every item of that timestamp, so it may
 * hold more than `limit` items (Missive documents that pages can).
 */
export function pageUntil<T extends { id: string }>(
  items: Iterable<T>,
  timestamp: (item: T) => number,
  until: number | undefined,
  limit: number,
  oversize = false,
): T[] {
  const sorted = [...items]
    .filter((item) => until === undefined || timestamp(item) <= until)
    .sort((a, b) => timestamp(b) - timestamp(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let end = Math.min(limit, sorted.length);
  const last = sorted[end - 1];
  if (oversize && last) while (end < sorted.length && timestamp(sorted[end] as T) === timestamp(last)) end++;
  return sorted.slice(0, end);
}

/** A limit/offset page. */
export function pageOffset<T>(items: readonly T[], limit: number, offset: number): T[] {
  return items.slice(offset, offset + limit);
}
