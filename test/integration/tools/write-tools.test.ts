import { beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONVERSATIONS,
  SANDBOX_ORGS,
  SANDBOX_SHARED_LABELS,
  SANDBOX_TASK_ID,
  SANDBOX_USERS,
} from '../../../sandbox/src/seed/fixtures';
import {
  callParsed,
  callTool,
  errorOf,
  lastSeq,
  listAnswer,
  okResult,
  requestLog,
  resetSandbox,
  toolContext,
} from './helpers';

const MISSING = '00000000-0000-4000-8000-00000000dead';
const ACME = SANDBOX_ORGS.acme.id;
const withOrg = () => toolContext({ defaults: { organization: ACME } });

beforeAll(resetSandbox);

describe('drafts never send', () => {
  it('extra keys given straight to the handler do not reach Missive', async () => {
    const since = await lastSeq();
    const draft = okResult(
      await callTool('create_a_missive_draft', {
        conversation: SANDBOX_CONVERSATIONS.ceoThread,
        body: 'Thanks, we are on it.',
        to_fields: [{ address: 'ceo@enterprise-client.com', send: true }],
        send: true,
        send_at: 1_900_000_000,
        auto_followup: true,
        attachments: [{ base64_data: 'aGk=', filename: 'a.txt', send: true }],
      }),
    );
    const { requests } = await requestLog(since);
    const post = requests.find((r) => r.method === 'POST' && r.path === '/v1/drafts');
    expect(post).toBeDefined();
    const body = JSON.stringify(post!.body);
    for (const key of ['"send"', '"send_at"', '"auto_followup"']) expect(body).not.toContain(key);
    // still a draft: listed among drafts, not among messages
    const drafts = listAnswer(
      await callTool('list_all_missive_conversation_drafts', { conversation_id: SANDBOX_CONVERSATIONS.ceoThread }),
    );
    expect(drafts.result.map((d) => d.id)).toContain(draft.id);
    const messages = listAnswer(
      await callTool('list_all_missive_conversation_messages', { conversation_id: SANDBOX_CONVERSATIONS.ceoThread }),
    );
    expect(messages.result.map((m) => m.id)).not.toContain(draft.id);
  });

  it('the schema refuses them before any call', async () => {
    const since = await lastSeq();
    for (const key of ['send', 'send_at', 'auto_followup']) {
      await expect(callParsed('create_a_missive_draft', { body: 'x', [key]: true })).rejects.toThrow();
    }
    expect((await requestLog(since)).requests).toHaveLength(0);
  });

  it('fills from_field from the account defaults and deletes the draft', async () => {
    const ctx = toolContext({ defaults: { from_address: 'alice@acme-support.test', from_name: 'Alice Martin' } });
    const since = await lastSeq();
    const draft = okResult(
      await callTool('create_a_missive_draft', { conversation: SANDBOX_CONVERSATIONS.ceoThread, body: 'Hello' }, ctx),
    );
    const post = (await requestLog(since)).requests.find((r) => r.path === '/v1/drafts');
    expect((post!.body as { drafts: { from_field: unknown } }).drafts.from_field).toEqual({
      address: 'alice@acme-support.test',
      name: 'Alice Martin',
    });
    expect(errorOf(await callTool('delete_a_missive_draft_by_id', { id: MISSING })).kind).toBe('not_found');
    okResult(await callTool('delete_a_missive_draft_by_id', { id: draft.id }));
    expect(errorOf(await callTool('delete_a_missive_draft_by_id', { id: draft.id })).kind).toBe('not_found');
  });

  it('an empty draft is refused without a call', async () => {
    const outcome = await callTool('create_a_missive_draft', { conversation: SANDBOX_CONVERSATIONS.ceoThread });
    expect(errorOf(outcome).kind).toBe('invalid_arguments');
  });
});

describe('bodies carry declared fields only', () => {
  it('drops unknown keys at every level of a post, a contact and a task', async () => {
    const since = await lastSeq();
    await callTool('create_a_missive_post', {
      conversation: SANDBOX_CONVERSATIONS.l1TechnicalIssue,
      text: 'note',
      notification: { title: 't', body: 'b', injected_n: 1 },
      attachments: [{ title: 'card', injected_a: 1, fields: [{ title: 'k', value: 'v', injected_f: 1 }] }],
      injected_top: 1,
    });
    await callTool(
      'create_a_missive_contact',
      {
        first_name: 'Eve',
        infos: [{ kind: 'email', value: 'eve@x.test', injected_i: 1 }],
        memberships: [{ group: { kind: 'group', name: 'G', injected_g: 1 }, injected_m: 1 }],
        deleted: true,
      },
      toolContext({ defaults: { contact_book: SANDBOX_CONTACT_BOOKS.acmePartners.id } }),
    );
    await callTool('update_a_missive_task_by_id', { id: SANDBOX_TASK_ID, state: 'in_progress', organization: 'x' });
    const bodies = (await requestLog(since)).requests
      .filter((r) => r.method !== 'GET')
      .map((r) => JSON.stringify(r.body));
    expect(bodies).toHaveLength(3);
    for (const body of bodies) {
      expect(body).not.toMatch(/injected|"deleted"/);
    }
    expect(bodies[2]).toBe(JSON.stringify({ tasks: { state: 'in_progress' } }));
  });
});

describe('posts', () => {
  it('creates a post in a conversation and deletes it', async () => {
    const post = okResult(
      await callTool('create_a_missive_post', {
        conversation: SANDBOX_CONVERSATIONS.l1TechnicalIssue,
        markdown: '**AI triage**: escalated to backend',
        notification: { title: 'AI triage', body: 'Escalated' },
        injected: 'nope',
      }),
    );
    expect(post.conversation).toBe(SANDBOX_CONVERSATIONS.l1TechnicalIssue);
    okResult(await callTool('delete_a_missive_post_by_id', { id: post.id }));
    expect(errorOf(await callTool('delete_a_missive_post_by_id', { id: post.id })).kind).toBe('not_found');
  });

  it('a post without content is refused; a post to a missing conversation is not found', async () => {
    const notification = { title: 't', body: 'b' };
    expect(errorOf(await callTool('create_a_missive_post', { notification })).kind).toBe('invalid_arguments');
    const err = errorOf(await callTool('create_a_missive_post', { conversation: MISSING, text: 'x', notification }));
    expect(err.kind).toBe('not_found');
  });
});

describe('conversation writes', () => {
  it('update: assignees need an organization, which the account default fills', async () => {
    const noOrg = await callTool('update_a_missive_conversation_by_id', {
      id: SANDBOX_CONVERSATIONS.ceoThread,
      add_assignees: [SANDBOX_USERS.acmeBob.id],
    });
    expect(errorOf(noOrg).kind).toBe('invalid_arguments');
    const cv = okResult(
      await callTool(
        'update_a_missive_conversation_by_id',
        {
          id: SANDBOX_CONVERSATIONS.ceoThread,
          add_shared_labels: [SANDBOX_SHARED_LABELS.billing.id],
          conversation_color: '#2266ff',
        },
        withOrg(),
      ),
    );
    expect((cv.shared_labels as { id: string }[]).map((l) => l.id)).toContain(SANDBOX_SHARED_LABELS.billing.id);
    const bad = errorOf(
      await callTool(
        'update_a_missive_conversation_by_id',
        { id: SANDBOX_CONVERSATIONS.ceoThread, add_assignees: [MISSING] },
        withOrg(),
      ),
    );
    expect(bad.kind).toBe('rejected');
    expect(bad.message).toContain('Unknown user');
  });

  it('merge is irreversible and answers the surviving conversation', async () => {
    const list = listAnswer(await callTool('list_all_missive_conversations', { all: true, limit: 50 }));
    const [a, b] = list.result.slice(-2).map((c) => c.id as string);
    const merged = okResult(await callTool('missive_conversations_merge', { id: a, target: b }));
    expect(merged.id).toBe(b);
    const again = okResult(await callTool('get_single_missive_conversation_by_id', { id: a! }));
    expect(again.id).toBe(b);
    expect(errorOf(await callTool('missive_conversations_merge', { id: b, target: b })).kind).toBe('invalid_arguments');
    expect(errorOf(await callTool('missive_conversations_merge', { id: MISSING, target: b })).kind).toBe('not_found');
  });
});
