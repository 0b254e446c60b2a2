/**
 * The sandbox refuses what Missive refuses and answers in the shapes Missive documents
 * (missive-api.md), including the answer variants the docs leave open.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  SANDBOX_ACCOUNTS,
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONVERSATIONS,
  SANDBOX_MESSAGES,
  SANDBOX_ORGS,
  SANDBOX_RESPONSE_ID,
  SANDBOX_TASK_ID,
  SANDBOX_TEAMS,
  SANDBOX_USERS,
} from '../../sandbox/src/seed/fixtures';
import { api, apiJson, control, resetSandbox } from './helpers';

const ACME = SANDBOX_ORGS.acme.id;
const TEAM = SANDBOX_TEAMS.acmeBackend.id;
const CV = SANDBOX_CONVERSATIONS.ceoThread;

beforeEach(resetSandbox);

async function status(path: string, body: unknown, method = 'POST'): Promise<number> {
  return (await api(path, { method, body })).status;
}

describe('conversation actions', () => {
  const writes: [string, (actions: Record<string, unknown>) => unknown, string][] = [
    [
      '/posts',
      (a) => ({ posts: { conversation: CV, text: 'x', notification: { title: 't', body: 'b' }, ...a } }),
      'POST',
    ],
    ['/drafts', (a) => ({ drafts: { conversation: CV, body: 'x', ...a } }), 'POST'],
    [
      '/messages',
      (a) => ({
        messages: { account: SANDBOX_ACCOUNTS.acmeCustomChannel, from_field: { id: 'u1' }, conversation: CV, ...a },
      }),
      'POST',
    ],
    [`/conversations/${CV}`, (a) => ({ conversations: [{ id: CV, ...a }] }), 'PATCH'],
  ];

  it.each(writes)(
    '%s: add_to_team_inbox is a boolean that needs team; team needs organization',
    async (path, body, method) => {
      expect(await status(path, body({ add_to_team_inbox: true }), method)).toBe(400);
      expect(await status(path, body({ add_to_team_inbox: TEAM, organization: ACME }), method)).toBe(400);
      expect(await status(path, body({ add_to_team_inbox: true, team: TEAM }), method)).toBe(400);
      expect(await status(path, body({ force_team: true, organization: ACME }), method)).toBe(400);
      expect(await status(path, body({ add_assignees: [SANDBOX_USERS.acmeBob.id] }), method)).toBe(400);
      expect(
        await status(path, body({ add_to_team_inbox: true, team: TEAM, organization: ACME }), method),
      ).toBeLessThan(300);
      const cv = await apiJson<{ conversations: { team: { id: string } | null }[] }>(`/conversations/${CV}`);
      expect(cv.conversations[0]?.team?.id).toBe(TEAM);
    },
  );

  it('PATCH /conversations answers 404 when the variant says Missive lacks it', async () => {
    await control('/config', 'POST', { variants: { conversationPatch: false } });
    expect(await status(`/conversations/${CV}`, { conversations: [{ id: CV, close: true }] }, 'PATCH')).toBe(404);
  });
});

describe('tasks', () => {
  const parent = { title: 'Check logs', conversation: CV };

  it('a subtask needs subtask: true with conversation or references; limits hold', async () => {
    expect(await status('/tasks', { tasks: parent })).toBe(400);
    expect(await status('/tasks', { tasks: { title: 'x', subtask: true, team: TEAM, organization: ACME } })).toBe(400);
    expect(await status('/tasks', { tasks: { ...parent, subtask: true, title: 'x'.repeat(1001) } })).toBe(400);
    expect(await status('/tasks', { tasks: { ...parent, subtask: true, description: 'x'.repeat(10_001) } })).toBe(400);
    const created = await apiJson<{ tasks: { conversation: string } }>(
      '/tasks',
      { body: { tasks: { ...parent, subtask: true } } },
      201,
    );
    expect(created.tasks.conversation).toBe(CV);
  });

  it('GET /tasks/:id answers one object with user objects and a team object', async () => {
    const { tasks } = await apiJson<{ tasks: { assignees: unknown[]; team: unknown } }>(`/tasks/${SANDBOX_TASK_ID}`);
    expect(Array.isArray(tasks)).toBe(false);
    for (const a of tasks.assignees) expect(a).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    if (tasks.team !== null) expect(tasks.team).toMatchObject({ id: expect.any(String) });
  });
});

describe('contact infos', () => {
  const create = (info: Record<string, unknown>) =>
    status('/contacts', {
      contacts: [{ contact_book: SANDBOX_CONTACT_BOOKS.acmeCustomers.id, first_name: 'A', infos: [info] }],
    });

  it('need a label from the kind’s set; custom_label only with other; facebook carries name', async () => {
    expect(await create({ kind: 'email', value: 'a@b.test' })).toBe(400);
    expect(await create({ kind: 'email', label: 'mobile', value: 'a@b.test' })).toBe(400);
    expect(await create({ kind: 'email', label: 'work', custom_label: 'x', value: 'a@b.test' })).toBe(400);
    expect(await create({ kind: 'facebook', label: 'other', value: 'x' })).toBe(400);
    expect(await create({ kind: 'email', label: 'other', custom_label: 'billing', value: 'a@b.test' })).toBe(201);
    expect(await create({ kind: 'phone_number', label: 'mobile', value: '+15550100' })).toBe(201);
    expect(await create({ kind: 'facebook', label: 'personal', name: 'a.b' })).toBe(201);
  });
});

describe('hooks', () => {
  it('refuse an undocumented type or filter; without organization the hook is personal', async () => {
    const url = 'https://example.test/hook';
    expect(await status('/hooks', { hooks: { type: 'new_message', url } })).toBe(400);
    expect(await status('/hooks', { hooks: { type: 'new_comment', url, on_whatever: 'x' } })).toBe(400);
    const personal = await apiJson<{ hooks: { id: string } }>(
      '/hooks',
      { body: { hooks: { type: 'new_comment', url, mention: SANDBOX_USERS.acmeMe.id } } },
      201,
    );
    // another user of the same organization cannot see a personal hook
    expect((await api(`/hooks/${personal.hooks.id}`, { method: 'DELETE', token: 'tiny' })).status).toBe(404);
    expect((await api(`/hooks/${personal.hooks.id}`, { method: 'DELETE' })).status).toBe(200);
    const shared = await apiJson<{ hooks: { id: string } }>(
      '/hooks',
      { body: { hooks: { type: 'incoming_email', url, organization: ACME } } },
      201,
    );
    expect((await api(`/hooks/${shared.hooks.id}`, { method: 'DELETE', token: 'tiny' })).status).toBe(200);
  });
});

describe('documented shapes', () => {
  it('drafts carry delivered_at: null, listed and created', async () => {
    const { drafts } = await apiJson<{ drafts: { delivered_at: unknown }[] }>(`/conversations/${CV}/drafts`);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => d.delivered_at === null)).toBe(true);
    const created = await apiJson<{ drafts: { delivered_at: unknown } }>(
      '/drafts',
      { body: { drafts: { conversation: CV, body: 'x' } } },
      201,
    );
    expect(created.drafts.delivered_at).toBeNull();
  });

  it('GET /messages/:id embeds the conversation; several ids answer a list', async () => {
    const one = await apiJson<{ messages: { conversation: { subject?: string } } }>(
      `/messages/${SANDBOX_MESSAGES.ceoLatest}`,
    );
    expect(one.messages.conversation.subject).toEqual(expect.any(String));
    const two = await apiJson<{ messages: unknown[] }>(
      `/messages/${SANDBOX_MESSAGES.ceoLatest},${SANDBOX_MESSAGES.withTextAttachment}`,
    );
    expect(two.messages).toHaveLength(2);
  });

  it('deleted contacts are listed as { id, deleted } only', async () => {
    const book = SANDBOX_CONTACT_BOOKS.acmeCustomers.id;
    const deleted: Record<string, unknown>[] = [];
    for (const offset of [0, 200]) {
      const { contacts } = await apiJson<{ contacts: Record<string, unknown>[] }>(
        `/contacts?contact_book=${book}&limit=200&offset=${offset}&include_deleted=true`,
      );
      deleted.push(...contacts.filter((c) => c.deleted === true));
    }
    expect(deleted).toHaveLength(6);
    for (const c of deleted) expect(Object.keys(c).sort()).toEqual(['deleted', 'id']);
  });

  it('comment mentions are { id, index, length }', async () => {
    const { comments } = await apiJson<{ comments: { mentions: unknown[] }[] }>(
      `/conversations/${SANDBOX_CONVERSATIONS.l1TechnicalIssue}/comments`,
    );
    const mentions = comments.flatMap((c) => c.mentions);
    expect(mentions[0]).toEqual({ id: SANDBOX_USERS.acmeBob.id, index: 0, length: 4 });
  });

  it('a guest sees another organization’s conversation with only id and last_activity_at', async () => {
    const all: Record<string, unknown>[] = [];
    let until: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = (
        await apiJson<{ conversations: Record<string, unknown>[] }>(
          `/conversations?all=true&limit=50${until ? `&until=${until}` : ''}`,
        )
      ).conversations;
      all.push(...page);
      if (page.length < 50) break;
      until = (page.at(-1)?.last_activity_at as number) - 1;
    }
    const guest = all.find((c) => c.id === SANDBOX_CONVERSATIONS.acmeGuest);
    expect(guest && Object.keys(guest).sort()).toEqual(['id', 'last_activity_at']);
    const byOrg = await apiJson<{ conversations: { id: string }[] }>(
      `/conversations?all=true&limit=50&organization=${ACME}&until=${until ?? ''}`,
    );
    expect(byOrg.conversations.map((c) => c.id)).not.toContain(SANDBOX_CONVERSATIONS.acmeGuest);
  });

  it('an until page may exceed limit when the variant takes whole ties', async () => {
    expect((await apiJson<{ conversations: unknown[] }>('/conversations?all=true')).conversations).toHaveLength(25);
    await control('/config', 'POST', { variants: { oversizePages: true } });
    expect((await apiJson<{ conversations: unknown[] }>('/conversations?all=true')).conversations).toHaveLength(27);
  });

  it('analytics answers an empty 404 for unknown and pending reports', async () => {
    const unknown = await api('/analytics/reports/8441d4a0-a0ad-4f0f-aa9c-1cc881057e42');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('');
    const created = await apiJson<{ reports: { id: string } }>(
      '/analytics/reports',
      { body: { reports: { organization: ACME, start: 1, end: 2 } } },
      201,
    );
    const pending = await api(`/analytics/reports/${created.reports.id}`);
    expect([pending.status, await pending.text()]).toEqual([404, '']);
  });

  it('responses: subject at most 500; DELETE takes several ids', async () => {
    expect(
      await status('/responses', { responses: [{ body: 'b', organization: ACME, subject: 'x'.repeat(501) }] }),
    ).toBe(400);
    const made = await apiJson<{ responses: { id: string }[] }>(
      '/responses',
      { body: { responses: [{ body: 'b', organization: ACME }] } },
      201,
    );
    const ids = `${SANDBOX_RESPONSE_ID},${made.responses[0]?.id}`;
    expect((await api(`/responses/${ids}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/responses/${SANDBOX_RESPONSE_ID}`)).status).toBe(404);
  });
});

describe('answer variants', () => {
  it('rate-limit headers only on a 429 when the variant says so', async () => {
    expect((await api('/users')).headers.get('X-RateLimit-Remaining')).not.toBeNull();
    await control('/config', 'POST', {
      variants: { rateLimitHeaders: 'on_429' },
      tokenLimits: { acme: { perMinute: 2 } },
    });
    const ok = await api('/users');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('X-RateLimit-Remaining')).toBeNull();
    const limited = await api('/users');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('X-RateLimit-Reset')).not.toBeNull();
    expect(limited.headers.get('Retry-After')).not.toBeNull();
  });

  it('error bodies, validation status and created status follow the variant', async () => {
    const bad = { hooks: { type: 'nope', url: 'https://example.test/h' } };
    await control('/config', 'POST', { variants: { errorBody: 'errors', validationStatus: 422 } });
    const errors = await api('/hooks', { body: bad });
    expect(errors.status).toBe(422);
    expect(await errors.json()).toEqual({ errors: [expect.any(String)] });
    await control('/config', 'POST', { variants: { errorBody: 'message' } });
    expect(Object.keys(await (await api('/hooks', { body: bad })).json())).toEqual(['message']);
    await control('/config', 'POST', { variants: { errorBody: 'empty', createdStatus: 200 } });
    expect(await (await api('/hooks', { body: bad })).text()).toBe('');
    const created = await api('/hooks', { body: { hooks: { type: 'new_comment', url: 'https://example.test/h' } } });
    expect(created.status).toBe(200);
  });
});
