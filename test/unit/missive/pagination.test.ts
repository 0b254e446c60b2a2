import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  pageOffset,
  pageUntil,
  type PageCursor,
  type UntilPage,
} from '../../../src/missive/pagination';

interface Row {
  id: string;
  ts: number;
}

/** A Missive-like inclusive `until` list over rows, newest first, stable by id on ties. */
function missivePage(rows: Row[], until: number | undefined, limit: number): Row[] {
  return rows
    .filter((r) => until === undefined || r.ts <= until)
    .sort((a, b) => b.ts - a.ts || a.id.localeCompare(b.id))
    .slice(0, limit);
}

function walk(rows: Row[], limit: number): { pages: string[][]; calls: number } {
  const pages: string[][] = [];
  let cursor: string | null = null;
  let calls = 0;
  do {
    const decoded: PageCursor | null = cursor === null ? null : decodeCursor('t', 'until', cursor);
    const previous: { until: number; seen: string[] } | null = decoded && decoded.kind === 'until' ? decoded : null;
    const raw = missivePage(rows, previous?.until, limit);
    calls += 1;
    const page: UntilPage<Row> = pageUntil(raw, { limit, previous, id: (r) => r.id, timestamp: (r) => r.ts });
    pages.push(page.items.map((r) => r.id));
    cursor = page.next ? encodeCursor('t', page.next) : null;
  } while (cursor !== null && calls < 100);
  return { pages, calls };
}

describe('pageUntil', () => {
  it('neither loses nor repeats items that share the boundary timestamp', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 40; i++) rows.push({ id: `r${String(i).padStart(2, '0')}`, ts: 1000 - i });
    // four rows share ts 977 across the first page boundary (limit 25 → positions 24..27)
    for (const id of ['r23', 'r24', 'r25', 'r26']) rows.find((r) => r.id === id)!.ts = 977;
    const { pages } = walk(rows, 25);
    const all = pages.flat();
    expect(all).toHaveLength(rows.length);
    expect(new Set(all).size).toBe(rows.length);
  });

  it('moves past a full page whose items all share one timestamp', () => {
    const rows: Row[] = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, ts: i < 10 ? 500 : 400 }));
    const { pages, calls } = walk(rows, 10);
    expect(calls).toBeLessThan(5);
    expect(pages.flat()).toEqual([...Array.from({ length: 10 }, (_, i) => `s${i}`), 's10', 's11']);
  });

  it('stops on a short page', () => {
    const page = pageUntil([{ id: 'a', ts: 5 }], {
      limit: 10,
      previous: null,
      id: (r) => r.id,
      timestamp: (r) => r.ts,
    });
    expect(page.next).toBeNull();
  });
});

describe('cursors', () => {
  it('round-trip and are bound to their tool and style', () => {
    const until = encodeCursor('list_a', { kind: 'until', until: 123, seen: ['x', 'y'] });
    expect(until).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('list_a', 'until', until)).toEqual({ kind: 'until', until: 123, seen: ['x', 'y'] });
    expect(decodeCursor('list_b', 'until', until)).toBeNull();
    expect(decodeCursor('list_a', 'offset', until)).toBeNull();
    const offset = encodeCursor('list_a', { kind: 'offset', offset: 50 });
    expect(decodeCursor('list_a', 'offset', offset)).toEqual({ kind: 'offset', offset: 50 });
  });

  it('rejects garbage', () => {
    for (const bad of ['', '!!!', 'eyJ0IjoxfQ', btoa('{"t":"list_a","o":-1}'), 'a'.repeat(9000)]) {
      expect(decodeCursor('list_a', 'offset', bad)).toBeNull();
    }
  });

  it('pageOffset advances by the page size and stops on a short page', () => {
    expect(pageOffset(50, 50, 100)).toEqual({ kind: 'offset', offset: 150 });
    expect(pageOffset(49, 50, 100)).toBeNull();
  });
});
