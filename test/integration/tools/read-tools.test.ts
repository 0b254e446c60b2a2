import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACME_CONVERSATION_COUNT,
  CEO_EMAIL_MESSAGE_ID,
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONTACT_ID,
  SANDBOX_CONVERSATIONS,
  SANDBOX_DELETED_CONTACT_ID,
  SANDBOX_MESSAGES,
  SANDBOX_ORGS,
  SANDBOX_RESPONSE_ID,
  SANDBOX_SHARED_LABELS,
  SANDBOX_TASK_ID,
  SANDBOX_TEAMS,
  SANDBOX_USERS,
} from '../../../sandbox/src/seed/fixtures';
import { callTool, errorOf, listAnswer, okResult, resetSandbox, toolContext } from './helpers';

const MISSING = '00000000-0000-4000-8000-00000000dead';

beforeAll(resetSandbox);

describe('directory tools', () => {
  it('list_all_missive_users marks the token owner', async () => {
    const page = listAnswer(await callTool('list_all_missive_users', {}));
    expect(page.result.find((u) => u.me === true)?.id).toBe(SANDBOX_USERS.acmeMe.id);
    expect(page.result_count).toBe(page.result.length);
  });

  it('list_all_missive_users: an organization of another tenant is not found', async () => {
    const err = errorOf(await callTool('list_all_missive_users', { organization: SANDBOX_ORGS.globex.id }));
    expect(err.kind).toBe('not_found');
  });

  it('list_all_missive_organizations lists the account organization', async () => {
    const page = listAnswer(await callTool('list_all_missive_organizations', {}));
    expect(page.result.map((o) => o.id)).toContain(SANDBOX_ORGS.acme.id);
    expect(page.next_cursor).toBeNull();
  });

  it('list_all_missive_teams finds Backend Engineering; a foreign cursor is refused', async () => {
    const page = listAnswer(await callTool('list_all_missive_teams', { organization: SANDBOX_ORGS.acme.id }));
    expect(page.result.find((t) => t.name === 'Backend Engineering')?.id).toBe(SANDBOX_TEAMS.acmeBackend.id);
    const err = errorOf(await callTool('list_all_missive_teams', { cursor: 'bm90LWEtY3Vyc29y' }));
    expect(err.kind).toBe('invalid_arguments');
  });

  it('list_all_missive_shared_labels finds L1 Support', async () => {
    const page = listAnswer(await callTool('list_all_missive_shared_labels', {}));
    expect(page.result.find((l) => l.name === 'L1 Support')?.id).toBe(SANDBOX_SHARED_LABELS.l1Support.id);
  });
});

describe('conversation reads', () => {
  it('list_all_missive_conversations needs a mailbox filter and makes no upstream call without one', async () => {
    const outcome = await callTool('list_all_missive_conversations', { organization: SANDBOX_ORGS.acme.id });
    expect(errorOf(outcome).kind).toBe('invalid_arguments');
    expect(errorOf(outcome).message).toMatch(/mailbox filter/);
    expect(outcome.upstream).toBeUndefined();
  });

  it('list_all_missive_conversations rejects email together with domain', async () => {
    const err = errorOf(await callTool('list_all_missive_conversations', { all: true, email: 'a@b.c', domain: 'b.c' }));
    expect(err.kind).toBe('invalid_arguments');
  });

  it('filters by shared label and by customer email', async () => {
    const l1 = listAnswer(
      await callTool('list_all_missive_conversations', { shared_label: SANDBOX_SHARED_LABELS.l1Support.id, limit: 5 }),
    );
    expect(l1.result[0]?.id).toBe(SANDBOX_CONVERSATIONS.l1TechnicalIssue);
    const ceo = listAnswer(
      await callTool('list_all_missive_conversations', { all: true, email: 'ceo@enterprise-client.com' }),
    );
    expect(ceo.result.map((c) => c.id)).toContain(SANDBOX_CONVERSATIONS.ceoThread);
  });

  it('get_single_missive_conversation_by_id: found, and not found names the id', async () => {
    const cv = okResult(
      await callTool('get_single_missive_conversation_by_id', { id: SANDBOX_CONVERSATIONS.ceoThread }),
    );
    expect(cv.id).toBe(SANDBOX_CONVERSATIONS.ceoThread);
    const err = errorOf(await callTool('get_single_missive_conversation_by_id', { id: MISSING }));
    expect(err.kind).toBe('not_found');
    expect(err.message).toContain(MISSING);
    expect(err.status).toBe(404);
  });

  it('a conversation of another organization is not found', async () => {
    const err = errorOf(
      await callTool('get_single_missive_conversation_by_id', { id: SANDBOX_CONVERSATIONS.globexFirst }),
    );
    expect(err.kind).toBe('not_found');
  });

  it('lists messages, comments, drafts and posts of a conversation', async () => {
    const id = SANDBOX_CONVERSATIONS.l1TechnicalIssue;
    const messages = listAnswer(await callTool('list_all_missive_conversation_messages', { conversation_id: id }));
    expect(messages.result[0]?.id).toBe(SANDBOX_MESSAGES.withTextAttachment);
    const comments = listAnswer(await callTool('list_all_missive_conversation_comments', { conversation_id: id }));
    expect(comments.result.length).toBeGreaterThan(0);
    expect(comments.result[0]).toHaveProperty('body');
    listAnswer(await callTool('list_all_missive_conversation_drafts', { conversation_id: id }));
    listAnswer(await callTool('list_all_missive_conversation_posts', { conversation_id: id }));
    for (const tool of [
      'list_all_missive_conversation_messages',
      'list_all_missive_conversation_comments',
      'list_all_missive_conversation_drafts',
      'list_all_missive_conversation_posts',
    ]) {
      expect(errorOf(await callTool(tool, { conversation_id: MISSING })).kind, tool).toBe('not_found');
    }
  });
});

describe('message reads', () => {
  it('get_single_missive_message_by_id and its 404', async () => {
    const m = okResult(await callTool('get_single_missive_message_by_id', { id: SANDBOX_MESSAGES.ceoLatest }));
    expect(m.email_message_id).toBe(CEO_EMAIL_MESSAGE_ID);
    expect(errorOf(await callTool('get_single_missive_message_by_id', { id: MISSING })).kind).toBe('not_found');
  });

  it('list_all_missive_messages finds by Message-ID', async () => {
    const page = listAnswer(await callTool('list_all_missive_messages', { email_message_id: CEO_EMAIL_MESSAGE_ID }));
    expect(page.result.map((m) => m.id)).toContain(SANDBOX_MESSAGES.ceoLatest);
    expect(page.next_cursor).toBeNull();
    const err = errorOf(await callTool('list_all_missive_messages', { email_message_id: '<nobody@nowhere.test>' }));
    expect(err.kind).toBe('not_found');
  });
});

describe('contacts, responses, tasks reads', () => {
  it('contacts need a contact book; the account default fills it', async () => {
    expect(errorOf(await callTool('list_all_missive_contacts', {})).kind).toBe('invalid_arguments');
    const ctx = toolContext({ defaults: { contact_book: SANDBOX_CONTACT_BOOKS.acmePartners.id } });
    const page = listAnswer(await callTool('list_all_missive_contacts', {}, ctx));
    expect(page.result.every((c) => c.contact_book === SANDBOX_CONTACT_BOOKS.acmePartners.id)).toBe(true);
  });

  it('get_single_missive_contact_by_id: live contact, deleted contact is not found', async () => {
    expect(okResult(await callTool('get_single_missive_contact_by_id', { id: SANDBOX_CONTACT_ID })).id).toBe(
      SANDBOX_CONTACT_ID,
    );
    const err = errorOf(await callTool('get_single_missive_contact_by_id', { id: SANDBOX_DELETED_CONTACT_ID }));
    expect(err.kind).toBe('not_found');
  });

  it('list_all_missive_contact_books and list_all_missive_contact_groups', async () => {
    const books = listAnswer(await callTool('list_all_missive_contact_books', {}));
    expect(books.result.map((b) => b.id)).toContain(SANDBOX_CONTACT_BOOKS.acmeCustomers.id);
    const groups = listAnswer(
      await callTool('list_all_missive_contact_groups', {
        contact_book: SANDBOX_CONTACT_BOOKS.acmeCustomers.id,
        kind: 'organization',
      }),
    );
    expect(groups.result.length).toBeGreaterThan(0);
    const err = errorOf(await callTool('list_all_missive_contact_groups', { contact_book: MISSING, kind: 'group' }));
    expect(['not_found', 'rejected']).toContain(err.kind);
  });

  it('responses list and get', async () => {
    const page = listAnswer(await callTool('list_all_missive_responses', {}));
    expect(page.result.map((r) => r.id)).toContain(SANDBOX_RESPONSE_ID);
    expect(okResult(await callTool('get_single_missive_response_by_id', { id: SANDBOX_RESPONSE_ID })).id).toBe(
      SANDBOX_RESPONSE_ID,
    );
    expect(errorOf(await callTool('get_single_missive_response_by_id', { id: MISSING })).kind).toBe('not_found');
  });

  it('tasks list and get', async () => {
    const page = listAnswer(await callTool('list_all_missive_tasks', { limit: 50 }));
    expect(page.result.map((t) => t.id)).toContain(SANDBOX_TASK_ID);
    expect(okResult(await callTool('get_single_missive_task_by_id', { id: SANDBOX_TASK_ID })).id).toBe(SANDBOX_TASK_ID);
    expect(errorOf(await callTool('get_single_missive_task_by_id', { id: MISSING })).kind).toBe('not_found');
  });

  it('paths cannot be escaped even when the schema is bypassed', async () => {
    for (const id of ['../users', 'a/b', '..%2Fusers', 'x?y=1']) {
      const outcome = await callTool('get_single_missive_task_by_id', { id });
      expect(errorOf(outcome).kind, id).toBe('invalid_arguments');
      expect(outcome.upstream).toBeUndefined();
    }
  });
});

it('counts seeded conversations as the fixtures say (sanity for the pagination suite)', () => {
  expect(ACME_CONVERSATION_COUNT).toBeGreaterThan(50);
});
