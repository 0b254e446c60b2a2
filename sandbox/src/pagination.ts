/** Missive's two pagination styles: an inclusive `until` timestamp cursor, and limit/offset. */

/**
 * Newest-first page of items whose timestamp is <= until (inclusive, as Missive does: items that
 * share the boundary timestamp appear again on the next page). Ties keep a stable order by id.
 */
export function pageUntil<T extends { id: string }>(
  items: Iterable<T>,
  timestamp: (item: T) => number,
  until: number | undefined,
  limit: number,
): T[] {
  return [...items]
    .filter((item) => until === undefined || timestamp(item) <= until)
    .sort((a, b) => timestamp(b) - timestamp(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

/** A limit/offset page. */
export function pageOffset<T>(items: readonly T[], limit: number, offset: number): T[] {
  return items.slice(offset, offset + limit);
}
