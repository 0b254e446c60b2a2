/**
 * The tools against the sandbox's documented rules and answer variants: the readings Missive's
 * docs leave open are handled, and what Missive would refuse is never sent.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ACME_BOUNDARY_TIE_POSITIONS,
  SANDBOX_CONVERSATIONS,
  SANDBOX_ORGS,
  SANDBOX_TEAMS,
} from '../../../sandbox/src/seed/fixtures';
import {
  callParsed,
  callTool,
  configureSandbox,
  errorOf,
  lastSeq,
  listAnswer,
  okResult,
  requestLog,
  resetSandbox,
  structured,
  toolContext,
} from './helpers';

const ACME = SANDBOX_ORGS.acme.id;
const CV = SANDBOX_CONVERSATIONS.ceoThread;
const withOrg = () => toolContext({ defaults: { organization: ACME, team: SANDBOX_TEAMS.acmeBackend.id } });

beforeEach(resetSandbox);

describe('conversation updates where Missive lacks PATCH /conversations', () => {
  it('explains the missing endpoint and suggests a post, but still reports an unknown conversation', async () => {
    await configureSandbox({ variants: { conversationPatch: false } });
    const err = errorOf(await callTool('update_a_missive_conversation_by_id', { id: CV, close: true }));
    expect(err.kind).toBe('rejected');
    expect(err.message).toContain('does not support updating conversations directly');
    expect(err.message).toContain('create_a_missive_post');
    const missing = errorOf(
      await callTool('update_a_missive_conversation_by_id', {
        id: '00000000-0000-4000-8000-00000000dead',
        close: true,
      }),
    );
    expect(missing.kind).toBe('not_found');
  });

  it('refuses add_to_team_inbox without team before any request', async () => {
    const since = await lastSeq();
    const err = errorOf(
      await callTool('update_a_missive_conversation_by_id', { id: CV, add_to_team_inbox: true }, withOrg()),
    );
    expect(err.message).toContain('needs team');
    expect((await requestLog(since)).requests).toHaveLength(0);
  });
});

describe('drafts', () => {
  it('a full page of drafts says more may exist instead of ending silently', async () => {
    for (let i = 0; i < 10; i++)
      okResult(await callTool('create_a_missive_draft', { conversation: CV, body: `d${i}` }));
    const page = listAnswer(await callTool('list_all_missive_conversation_drafts', { conversation_id: CV }));
    expect(page.result).toHaveLength(10);
    expect(page.next_cursor).toBeNull();
    expect(
      structured(await callTool('list_all_missive_conversation_drafts', { conversation_id: CV })).more_may_exist,
    ).toBe(true);
  });
});

describe('pages longer than limit and guest conversations', () => {
  it('walks every conversation once when Missive extends a page over a tie', async () => {
    await configureSandbox({ variants: { oversizePages: true } });
    const first = listAnswer(await callTool('list_all_missive_conversations', { all: true }));
    expect(first.result.length).toBe(25 + (ACME_BOUNDARY_TIE_POSITIONS.length - 2));
    const ids = first.result.map((c) => c.id);
    let cursor = first.next_cursor;
    while (cursor) {
      const page = listAnswer(await callTool('list_all_missive_conversations', { all: true, cursor }));
      ids.push(...page.result.map((c) => c.id));
      cursor = page.next_cursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    const guest = ids.indexOf(SANDBOX_CONVERSATIONS.acmeGuest);
    expect(guest).toBeGreaterThan(0);
  });
});

describe('upstream answer variants', () => {
  it.each([
    ['errors', 422],
    ['message', 400],
    ['empty', 422],
  ] as const)(
    'a refusal with an %s body and status %i becomes a clear rejection',
    async (errorBody, validationStatus) => {
      await configureSandbox({ variants: { errorBody, validationStatus } });
      // called without the schema (as a caller that bypassed validation): the sandbox refuses the label
      const err = errorOf(
        await callTool('create_a_missive_contact', {
          contact_book: 'b0000001-0000-4000-8000-000000000001',
          infos: [{ kind: 'email', label: 'mobile', value: 'a@b.test' }],
        }),
      );
      expect(err.kind).toBe('rejected');
      expect(err.status).toBe(validationStatus);
      if (errorBody === 'empty') expect(err.message).toContain(`HTTP ${validationStatus}`);
      else expect(err.message).toContain('label');
    },
  );

  it('a create answered 200 instead of 201 is a success', async () => {
    await configureSandbox({ variants: { createdStatus: 200 } });
    const hook = okResult(await callTool('create_a_missive_webhook', { type: 'new_comment', url: 'https://h.test/x' }));
    expect(hook.id).toEqual(expect.any(String));
  });

  it('rate-limit headers only on a 429: none are invented for a success', async () => {
    await configureSandbox({ variants: { rateLimitHeaders: 'on_429' } });
    const ok = await callTool('list_all_missive_users', {});
    expect(ok.upstream?.status).toBe(200);
    expect(ok.upstream?.rateLimitHeaders).toEqual({});
    await configureSandbox({ tokenLimits: { acme: { perMinute: 1 } } });
    const limited = await callTool('list_all_missive_users', {});
    expect(errorOf(limited).kind).toBe('rate_limited');
    expect(limited.upstream?.rateLimitHeaders['retry-after']).toEqual(expect.any(String));
    expect(limited.upstream?.rateLimitHeaders['ratelimit-remaining']).toBe('0');
  });
});

describe('schema rules the sandbox also holds', () => {
  it('contact infos need a label from the kind’s set', async () => {
    const book = 'b0000001-0000-4000-8000-000000000001';
    await expect(
      callParsed('create_a_missive_contact', { contact_book: book, infos: [{ kind: 'email', value: 'a@b.test' }] }),
    ).rejects.toThrow();
    await expect(
      callParsed('create_a_missive_contact', {
        contact_book: book,
        infos: [{ kind: 'email', label: 'work', custom_label: 'x', value: 'a@b.test' }],
      }),
    ).rejects.toThrow();
    okResult(
      await callParsed('create_a_missive_contact', {
        contact_book: book,
        infos: [{ kind: 'facebook', label: 'personal', name: 'dana.w' }],
      }),
    );
  });

  it('webhook types are the six documented; no organization means personal, whatever the default', async () => {
    await expect(
      callParsed('create_a_missive_webhook', { type: 'new_message', url: 'https://h.test/x' }),
    ).rejects.toThrow();
    const since = await lastSeq();
    okResult(
      await callParsed('create_a_missive_webhook', { type: 'incoming_email', url: 'https://h.test/x' }, withOrg()),
    );
    const sent = (await requestLog(since)).requests.find((r) => r.path === '/v1/hooks');
    expect(sent?.body).toEqual({ hooks: { type: 'incoming_email', url: 'https://h.test/x' } });
  });
});
