import { beforeEach, describe, expect, it } from 'vitest';
import {
  ACME_BOUNDARY_TIE_POSITIONS,
  CEO_EMAIL_MESSAGE_ID,
  SANDBOX_CONVERSATIONS,
  SANDBOX_MESSAGES,
  SANDBOX_ORGS,
  SANDBOX_SHARED_LABELS,
  SANDBOX_TEAMS,
  SANDBOX_USERS,
} from '../../sandbox/src/seed/fixtures';
import { api, apiJson, resetSandbox, type Identified } from './helpers';

beforeEach(resetSandbox);

interface Conv extends Identified {
  last_activity_at: number;
  subject: string;
  shared_labels: { id: string; name: string }[];
  assignees: { id: string }[];
  team: { id: string } | null;
  messages_count: number;
}
interface Msg extends Identified {
  delivered_at: number;
  email_message_id: string;
  from_field: { address?: string };
  attachments: { id: string; url: string; filename: string; size: number }[];
}

async function list(query: string, token: 'acme' | 'globex' = 'acme'): Promise<Conv[]> {
  return (await apiJson<{ conversations: Conv[] }>(`/conversations?${query}`, { token })).conversations;
}

describe('GET /conversations', () => {
  it('requires at least one mailbox filter', async () => {
    const res = await api('/conversations');
    expect(res.status).toBe(400);
    expect((await res.json<{ error: string }>()).error).toMatch(/mailbox filter/);
    expect((await api(`/conversations?organization=${SANDBOX_ORGS.acme.id}`)).status).toBe(400);
    expect((await api('/conversations?inbox=true')).status).toBe(200);
    expect((await api(`/conversations?shared_label=${SANDBOX_SHARED_LABELS.l1Support.id}`)).status).toBe(200);
  });

  it('refuses more than one of email, domain and contact_organization', async () => {
    const res = await api('/conversations?all=true&email=ceo@enterprise-client.com&domain=enterprise-client.com');
    expect(res.status).toBe(400);
    expect((await res.json<{ error: string }>()).error).toMatch(/mutually exclusive/);
    const byEmail = await list('all=true&email=ceo@enterprise-client.com');
    expect(byEmail.map((c) => c.id)).toEqual([SANDBOX_CONVERSATIONS.ceoThread]);
    const byDomain = await list('all=true&domain=enterprise-client.com');
    expect(byDomain.map((c) => c.id)).toContain(SANDBOX_CONVERSATIONS.ceoThread);
  });

  it('defaults to 25, allows 50 and refuses 51', async () => {
    expect(await list('all=true')).toHaveLength(25);
    expect(await list('all=true&limit=50')).toHaveLength(50);
    expect((await api('/conversations?all=true&limit=51')).status).toBe(400);
    expect((await api('/conversations?all=true&limit=0')).status).toBe(400);
  });

  it('pages with an inclusive until: items sharing the boundary timestamp come back on the next page', async () => {
    const page1 = await list('all=true');
    const boundary = page1[24]?.last_activity_at;
    expect(boundary).toBeDefined();
    // newest first
    expect(page1.map((c) => c.last_activity_at)).toEqual(
      [...page1.map((c) => c.last_activity_at)].sort((a, b) => b - a),
    );
    const page2 = await list(`all=true&until=${boundary}`);
    const repeated = page2.filter((c) => page1.some((p) => p.id === c.id));
    expect(repeated.length).toBe(2);
    expect(repeated.every((c) => c.last_activity_at === boundary)).toBe(true);
    expect(page1.filter((c) => c.last_activity_at === boundary)).toHaveLength(2);
    expect(ACME_BOUNDARY_TIE_POSITIONS).toHaveLength(4);
    // walking every page reaches all live conversations (>= 60) once after de-duplication
    const seen = new Set<string>();
    let until: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await list(`all=true&limit=25${until ? `&until=${until}` : ''}`);
      const fresh = page.filter((c) => !seen.has(c.id));
      fresh.forEach((c) => seen.add(c.id));
      if (page.length < 25 || fresh.length === 0) break;
      until = page.at(-1)?.last_activity_at;
    }
    expect(seen.size).toBeGreaterThanOrEqual(60);
  });

  it('filters by label, team and assignment, and isolates tenants', async () => {
    const l1 = await list(`shared_label=${SANDBOX_SHARED_LABELS.l1Support.id}`);
    expect(l1[0]?.id).toBe(SANDBOX_CONVERSATIONS.l1TechnicalIssue);
    expect(l1.every((c) => c.shared_labels.some((l) => l.name === 'L1 Support'))).toBe(true);
    const team = await list(`team_all=${SANDBOX_TEAMS.acmeBackend.id}`);
    expect(team.length).toBeGreaterThan(0);
    expect(team.every((c) => c.team?.id === SANDBOX_TEAMS.acmeBackend.id)).toBe(true);
    const assigned = await list('assigned=true');
    expect(assigned.every((c) => c.assignees.some((a) => a.id === SANDBOX_USERS.acmeMe.id))).toBe(true);
    const inbox = await list('inbox=true');
    expect(inbox[0]?.id).toBe(SANDBOX_CONVERSATIONS.ceoThread);

    const globex = await list('all=true', 'globex');
    expect(globex[0]?.id).toBe(SANDBOX_CONVERSATIONS.globexFirst);
    expect(globex.map((c) => c.id)).not.toContain(SANDBOX_CONVERSATIONS.ceoThread);
    expect((await api(`/conversations/${SANDBOX_CONVERSATIONS.ceoThread}`, { token: 'globex' })).status).toBe(404);
    expect(
      (await api(`/conversations?all=true&organization=${SANDBOX_ORGS.acme.id}`, { token: 'globex' })).status,
    ).toBe(404);
  });
});

describe('single conversations', () => {
  it('gets one conversation, and 404 for an unknown id', async () => {
    const { conversations } = await apiJson<{ conversations: Conv[] }>(
      `/conversations/${SANDBOX_CONVERSATIONS.ceoThread}`,
    );
    expect(conversations[0]?.id).toBe(SANDBOX_CONVERSATIONS.ceoThread);
    expect((await api('/conversations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('answers a merged conversation with the surviving id and moves its messages', async () => {
    const source = SANDBOX_CONVERSATIONS.withImage;
    const target = SANDBOX_CONVERSATIONS.withLargeFile;
    const merged = await apiJson<{ conversations: Conv[] }>(`/conversations/${source}/merge`, {
      body: { target, subject: 'Merged thread' },
    });
    expect(merged.conversations[0]?.id).toBe(target);
    const again = await apiJson<{ conversations: Conv[] }>(`/conversations/${source}`);
    expect(again.conversations[0]?.id).toBe(target);
    expect(again.conversations[0]?.subject).toBe('Merged thread');
    const { messages } = await apiJson<{ messages: Msg[] }>(`/conversations/${target}/messages`);
    expect(messages.map((m) => m.id)).toEqual(
      expect.arrayContaining([SANDBOX_MESSAGES.withPngAttachment, SANDBOX_MESSAGES.withLargeAttachment]),
    );
    // the merged conversation no longer appears in lists
    expect((await list('all=true&limit=50')).map((c) => c.id)).not.toContain(source);
    expect((await api(`/conversations/${source}/merge`, { body: { nope: true } })).status).toBe(400);
  });

  it('updates several conversations by comma-joined ids; add_assignees needs organization', async () => {
    const a = SANDBOX_CONVERSATIONS.ceoThread;
    const b = SANDBOX_CONVERSATIONS.manyMessages;
    const noOrg = await api(`/conversations/${a}`, {
      method: 'PATCH',
      body: { conversations: [{ id: a, add_assignees: [SANDBOX_USERS.acmeBob.id] }] },
    });
    expect(noOrg.status).toBe(400);
    const res = await apiJson<{ conversations: Conv[] }>(`/conversations/${a},${b}`, {
      method: 'PATCH',
      body: {
        conversations: [
          { id: a, add_shared_labels: [SANDBOX_SHARED_LABELS.billing.id], organization: SANDBOX_ORGS.acme.id },
          { id: b, close: true },
        ],
      },
    });
    expect(res.conversations.find((c) => c.id === a)?.shared_labels.map((l) => l.id)).toContain(
      SANDBOX_SHARED_LABELS.billing.id,
    );
    const closed = await list('closed=true&limit=50');
    expect(closed.map((c) => c.id)).toContain(b);
    expect((await api(`/conversations/${a}`, { method: 'PATCH', body: { conversation: { id: a } } })).status).toBe(400);
  });
});

describe('conversation messages, comments, drafts and posts', () => {
  it('pages messages 10 at a time with a tie at the boundary, and refuses limit 11', async () => {
    const id = SANDBOX_CONVERSATIONS.manyMessages;
    const page1 = (await apiJson<{ messages: Msg[] }>(`/conversations/${id}/messages`)).messages;
    expect(page1).toHaveLength(10);
    const boundary = page1[9]?.delivered_at;
    const page2 = (await apiJson<{ messages: Msg[] }>(`/conversations/${id}/messages?until=${boundary}`)).messages;
    const repeated = page2.filter((m) => page1.some((p) => p.id === m.id));
    expect(repeated.length).toBe(2);
    expect((await api(`/conversations/${id}/messages?limit=11`)).status).toBe(400);
    expect((await api(`/conversations/${id}/comments?limit=11`)).status).toBe(400);
    expect((await api(`/conversations/${id}/drafts?limit=11`)).status).toBe(400);
    expect((await api(`/conversations/${id}/posts?limit=11`)).status).toBe(400);
    expect((await api('/conversations/00000000-0000-4000-8000-000000000000/messages')).status).toBe(404);
  });

  it('pages comments with until on created_at', async () => {
    const id = SANDBOX_CONVERSATIONS.manyMessages;
    const page1 = (await apiJson<{ comments: { id: string; created_at: number }[] }>(`/conversations/${id}/comments`))
      .comments;
    expect(page1).toHaveLength(10);
    const page2 = (
      await apiJson<{ comments: { id: string; created_at: number }[] }>(
        `/conversations/${id}/comments?until=${page1[9]?.created_at}`,
      )
    ).comments;
    expect(page2[0]?.id).toBe(page1[9]?.id);
    expect(page2).toHaveLength(3);
  });

  it('gets messages by one id (object) or comma-joined ids (array), and by Message-ID', async () => {
    const one = await apiJson<{ messages: Msg }>(`/messages/${SANDBOX_MESSAGES.ceoLatest}`);
    expect(one.messages.id).toBe(SANDBOX_MESSAGES.ceoLatest);
    expect(one.messages.from_field.address).toBe('ceo@enterprise-client.com');
    const two = await apiJson<{ messages: Msg[] }>(
      `/messages/${SANDBOX_MESSAGES.ceoLatest},${SANDBOX_MESSAGES.withTextAttachment}`,
    );
    expect(two.messages.map((m) => m.id)).toEqual([SANDBOX_MESSAGES.ceoLatest, SANDBOX_MESSAGES.withTextAttachment]);
    expect((await api(`/messages/${SANDBOX_MESSAGES.ceoLatest},00000000-0000-4000-8000-000000000000`)).status).toBe(
      404,
    );
    const byRfc = await apiJson<{ messages: Msg[] }>(
      `/messages?email_message_id=${encodeURIComponent(CEO_EMAIL_MESSAGE_ID)}`,
    );
    expect(byRfc.messages.map((m) => m.id)).toEqual([SANDBOX_MESSAGES.ceoLatest]);
    expect((await api(`/messages/${SANDBOX_MESSAGES.ceoLatest}`, { token: 'globex' })).status).toBe(404);
  });

  it('creates and deletes drafts; a deleted draft is 404', async () => {
    const conversation = SANDBOX_CONVERSATIONS.ceoThread;
    const created = await apiJson<{ drafts: { id: string; conversation: string } }>(
      '/drafts',
      {
        body: {
          drafts: {
            subject: 'Re: renewal',
            body: 'Dear Dana,',
            to_fields: [{ address: 'ceo@enterprise-client.com' }],
            conversation,
            attachments: [{ base64_data: btoa('hello'), filename: 'note.txt' }],
          },
        },
      },
      201,
    );
    expect(created.drafts.conversation).toBe(conversation);
    const listed = await apiJson<{ drafts: Identified[] }>(`/conversations/${conversation}/drafts`);
    expect(listed.drafts.map((d) => d.id)).toContain(created.drafts.id);
    expect((await api(`/drafts/${created.drafts.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/drafts/${created.drafts.id}`, { method: 'DELETE' })).status).toBe(404);
    const after = await apiJson<{ drafts: Identified[] }>(`/conversations/${conversation}/drafts`);
    expect(after.drafts.map((d) => d.id)).not.toContain(created.drafts.id);
    expect((await api('/drafts', { body: { draft: { subject: 'x' } } })).status).toBe(400);
    // without a conversation: a new one
    const fresh = await apiJson<{ drafts: { conversation: string } }>(
      '/drafts',
      { body: { drafts: { subject: 'Brand new', body: 'Hi' } } },
      201,
    );
    expect(fresh.drafts.conversation).not.toBe(conversation);
    expect((await api(`/conversations/${fresh.drafts.conversation}`)).status).toBe(200);
  });

  it('creates posts (new conversation without one) and deletes them', async () => {
    const noContent = await api('/posts', { body: { posts: { notification: { title: 't', body: 'b' } } } });
    expect(noContent.status).toBe(400);
    const noNotification = await api('/posts', { body: { posts: { text: 'hi' } } });
    expect(noNotification.status).toBe(400);
    const created = await apiJson<{ posts: { id: string; conversation: string } }>(
      '/posts',
      { body: { posts: { markdown: '**Deploy** finished', notification: { title: 'Deploy', body: 'done' } } } },
      201,
    );
    const conv = await apiJson<{ conversations: Conv[] }>(`/conversations/${created.posts.conversation}`);
    expect(conv.conversations[0]?.id).toBe(created.posts.conversation);
    const posts = await apiJson<{ posts: Identified[] }>(`/conversations/${created.posts.conversation}/posts`);
    expect(posts.posts.map((p) => p.id)).toEqual([created.posts.id]);
    expect((await api(`/posts/${created.posts.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/posts/${created.posts.id}`, { method: 'DELETE' })).status).toBe(404);
    const existing = await apiJson<{ posts: { conversation: string } }>(
      '/posts',
      {
        body: {
          posts: {
            conversation: SANDBOX_CONVERSATIONS.ceoThread,
            text: 'Order shipped',
            notification: { title: 'Shop', body: 'shipped' },
          },
        },
      },
      201,
    );
    expect(existing.posts.conversation).toBe(SANDBOX_CONVERSATIONS.ceoThread);
  });

  it('records custom-channel messages with POST /messages', async () => {
    const res = await apiJson<{ messages: Msg & { conversation: { id: string } } }>(
      '/messages',
      {
        body: {
          messages: {
            account: 'ac000001-0000-4000-8000-000000000002',
            from_field: { name: 'Bot', address: 'bot@example.test' },
            subject: 'Incoming',
            body: 'Hello from a custom channel',
          },
        },
      },
      201,
    );
    const again = await apiJson<{ messages: Msg }>(`/messages/${res.messages.id}`);
    expect(again.messages.id).toBe(res.messages.id);
    expect((await api('/messages', { body: { messages: { from_field: {} } } })).status).toBe(400);
  });
});
