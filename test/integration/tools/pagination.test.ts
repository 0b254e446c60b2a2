import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CONTACT_BOOKS, SANDBOX_CONVERSATIONS, SANDBOX_TOKENS } from '../../../sandbox/src/seed/fixtures';
import { callTool, listAnswer, resetSandbox, sandboxFetch, toolContext } from './helpers';

beforeAll(resetSandbox);

/** Walks a list tool through next_cursor; returns the pages of ids. */
async function walkTool(name: string, args: Record<string, unknown>): Promise<string[][]> {
  const ctx = toolContext();
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = listAnswer(await callTool(name, { ...args, ...(cursor ? { cursor } : {}) }, ctx));
    expect(page.result_count).toBe(page.result.length);
    pages.push(page.result.map((r) => r.id as string));
    if (page.next_cursor === null) return pages;
    cursor = page.next_cursor;
  }
  throw new Error('pagination did not end');
}

/** Ground truth straight from the sandbox with Missive's inclusive `until`: raw rows, duplicates and all. */
async function rawUntilWalk(path: string, query: string, key: string, tsField: string, limit: number) {
  const raw: string[] = [];
  let until: number | undefined;
  for (let i = 0; i < 50; i++) {
    const res = await sandboxFetch(
      `/v1${path}?${query}&limit=${limit}${until === undefined ? '' : `&until=${until}`}`,
      {
        headers: { Authorization: `Bearer ${SANDBOX_TOKENS.acme}` },
      },
    );
    const items = ((await res.json()) as Record<string, { id: string; [k: string]: unknown }[]>)[key]!;
    raw.push(...items.map((x) => x.id));
    if (items.length < limit) break;
    const oldest = Math.min(...items.map((x) => x[tsField] as number));
    if (oldest === until) until = oldest - 1;
    else until = oldest;
  }
  return raw;
}

describe('until pagination', () => {
  it('conversations: boundary ties are neither lost nor repeated', async () => {
    const pages = await walkTool('list_all_missive_conversations', { all: true, limit: 25 });
    const ids = pages.flat();
    const raw = await rawUntilWalk('/conversations', 'all=true', 'conversations', 'last_activity_at', 25);
    const truth = new Set(raw);
    expect(raw.length).toBeGreaterThan(truth.size); // the seed really has items straddling a page boundary
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(truth);
    expect(pages.length).toBeGreaterThan(2);
  });

  it('conversation messages: 28 messages with a tie at the 10-item boundary', async () => {
    const pages = await walkTool('list_all_missive_conversation_messages', {
      conversation_id: SANDBOX_CONVERSATIONS.manyMessages,
    });
    const ids = pages.flat();
    expect(ids).toHaveLength(28);
    expect(new Set(ids).size).toBe(28);
  });
});

describe('offset pagination', () => {
  it('contacts: 234 live contacts over two pages of 200', async () => {
    const pages = await walkTool('list_all_missive_contacts', {
      contact_book: SANDBOX_CONTACT_BOOKS.acmeCustomers.id,
      limit: 200,
    });
    const ids = pages.flat();
    expect(pages[0]).toHaveLength(200);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(SANDBOX_CONTACT_BOOKS.acmeCustomers.contacts - 6);
  });

  it('a cursor from one tool is refused by another', async () => {
    const first = listAnswer(
      await callTool('list_all_missive_contacts', { contact_book: SANDBOX_CONTACT_BOOKS.acmeCustomers.id, limit: 10 }),
    );
    const outcome = await callTool('list_all_missive_users', { cursor: first.next_cursor });
    expect(outcome.result.isError).toBe(true);
    expect(outcome.upstream).toBeUndefined();
  });
});
