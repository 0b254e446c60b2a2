import { beforeEach, describe, expect, it } from 'vitest';
import {
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONTACT_ID,
  SANDBOX_DELETED_CONTACT_ID,
  SANDBOX_ORGS,
  SANDBOX_RESPONSE_ID,
  SANDBOX_TASK_ID,
  SANDBOX_TEAMS,
  SANDBOX_USERS,
} from '../../sandbox/src/seed/fixtures';
import { api, apiJson, resetSandbox, type Identified } from './helpers';

beforeEach(resetSandbox);

interface ContactOut extends Identified {
  first_name: string;
  deleted: boolean;
  infos: { kind: string; label?: string; value?: string }[];
  memberships: { group: { kind: string; name: string } }[];
}

describe('contacts', () => {
  it('requires contact_book, allows 200 and refuses 201', async () => {
    expect((await api('/contacts')).status).toBe(400);
    const book = SANDBOX_CONTACT_BOOKS.acmeCustomers.id;
    const page1 = await apiJson<{ contacts: ContactOut[] }>(`/contacts?contact_book=${book}&limit=200`);
    expect(page1.contacts).toHaveLength(200);
    const page2 = await apiJson<{ contacts: ContactOut[] }>(`/contacts?contact_book=${book}&limit=200&offset=200`);
    expect(page2.contacts).toHaveLength(34);
    expect(page2.contacts.some((c) => page1.contacts.some((p) => p.id === c.id))).toBe(false);
    expect((await api(`/contacts?contact_book=${book}&limit=201`)).status).toBe(400);
    const withDeleted = await apiJson<{ contacts: ContactOut[] }>(
      `/contacts?contact_book=${book}&limit=200&offset=200&include_deleted=true`,
    );
    expect(withDeleted.contacts).toHaveLength(40);
    expect((await api(`/contacts?contact_book=${book}`, { token: 'globex' })).status).toBe(404);
    const searched = await apiJson<{ contacts: ContactOut[] }>(`/contacts?contact_book=${book}&search=initech`);
    expect(searched.contacts.length).toBeGreaterThan(0);
    expect((await api(`/contacts?contact_book=${book}&order=random`)).status).toBe(400);
  });

  it('gets a contact, and 404 for a deleted one', async () => {
    const { contacts } = await apiJson<{ contacts: ContactOut[] }>(`/contacts/${SANDBOX_CONTACT_ID}`);
    expect(contacts[0]?.id).toBe(SANDBOX_CONTACT_ID);
    expect(contacts[0]?.infos).toHaveLength(2);
    expect((await api(`/contacts/${SANDBOX_DELETED_CONTACT_ID}`)).status).toBe(404);
  });

  it('replaces whole infos and memberships arrays on PATCH, keeping other fields', async () => {
    const before = (await apiJson<{ contacts: ContactOut[] }>(`/contacts/${SANDBOX_CONTACT_ID}`)).contacts[0];
    const patched = await apiJson<{ contacts: ContactOut[] }>(`/contacts/${SANDBOX_CONTACT_ID}`, {
      method: 'PATCH',
      body: {
        contacts: [
          {
            id: SANDBOX_CONTACT_ID,
            infos: [{ kind: 'email', label: 'home', value: 'only@example.test' }],
            memberships: [{ group: { kind: 'group', name: 'Brand new group' } }],
          },
        ],
      },
    });
    const after = patched.contacts[0];
    expect(after?.infos).toEqual([{ kind: 'email', label: 'home', value: 'only@example.test' }]);
    expect(after?.memberships.map((m) => m.group.name)).toEqual(['Brand new group']);
    expect(after?.first_name).toBe(before?.first_name);
    const groups = await apiJson<{ contact_groups: { name: string }[] }>(
      `/contact_groups?contact_book=${SANDBOX_CONTACT_BOOKS.acmeCustomers.id}&kind=group`,
    );
    expect(groups.contact_groups.map((g) => g.name)).toContain('Brand new group');
    expect(
      (
        await api(`/contacts/${SANDBOX_DELETED_CONTACT_ID}`, {
          method: 'PATCH',
          body: { contacts: [{ id: SANDBOX_DELETED_CONTACT_ID, first_name: 'x' }] },
        })
      ).status,
    ).toBe(404);
  });

  it('creates contacts from { contacts: [...] } and lists books and groups', async () => {
    const created = await apiJson<{ contacts: ContactOut[] }>(
      '/contacts',
      {
        body: {
          contacts: [
            { contact_book: SANDBOX_CONTACT_BOOKS.acmePartners.id, first_name: 'New', last_name: 'Partner' },
            { contact_book: SANDBOX_CONTACT_BOOKS.acmePartners.id, first_name: 'Other', last_name: 'Partner' },
          ],
        },
      },
      201,
    );
    expect(created.contacts).toHaveLength(2);
    expect((await api('/contacts', { body: { contacts: { first_name: 'x' } } })).status).toBe(400);
    const books = await apiJson<{ contact_books: (Identified & { name: string })[] }>('/contact_books');
    expect(books.contact_books.map((b) => b.id)).toEqual([
      SANDBOX_CONTACT_BOOKS.acmeCustomers.id,
      SANDBOX_CONTACT_BOOKS.acmePartners.id,
    ]);
    expect((await api('/contact_books?limit=201')).status).toBe(400);
    const orgs = await apiJson<{ contact_groups: { name: string }[] }>(
      `/contact_groups?contact_book=${SANDBOX_CONTACT_BOOKS.acmeCustomers.id}&kind=organization`,
    );
    expect(orgs.contact_groups.map((g) => g.name)).toContain('Enterprise Client Inc');
    expect((await api(`/contact_groups?contact_book=${SANDBOX_CONTACT_BOOKS.acmeCustomers.id}`)).status).toBe(400);
    expect((await api('/contact_groups?kind=group')).status).toBe(400);
  });
});

describe('canned responses', () => {
  it('lists, gets, creates (organization XOR user) and replaces attachments on update', async () => {
    const listed = await apiJson<{ responses: Identified[] }>(`/responses?organization=${SANDBOX_ORGS.acme.id}`);
    expect(listed.responses.map((r) => r.id)).toContain(SANDBOX_RESPONSE_ID);
    const one = await apiJson<{ responses: Identified[] }>(`/responses/${SANDBOX_RESPONSE_ID}`);
    expect(one.responses[0]?.id).toBe(SANDBOX_RESPONSE_ID);
    expect((await api(`/responses/${SANDBOX_RESPONSE_ID}`, { token: 'globex' })).status).toBe(404);
    const both = await api('/responses', {
      body: { responses: [{ body: 'x', organization: SANDBOX_ORGS.acme.id, user: SANDBOX_USERS.acmeMe.id }] },
    });
    expect(both.status).toBe(400);
    const created = await apiJson<{ responses: (Identified & { attachments: { filename: string }[] })[] }>(
      '/responses',
      {
        body: {
          responses: [
            {
              title: 'With file',
              body: 'See attached',
              organization: SANDBOX_ORGS.acme.id,
              attachments: [
                { base64_data: btoa('a'), filename: 'a.txt' },
                { base64_data: btoa('b'), filename: 'b.txt' },
              ],
            },
          ],
        },
      },
      201,
    );
    const id = created.responses[0]?.id as string;
    expect(created.responses[0]?.attachments.map((a) => a.filename)).toEqual(['a.txt', 'b.txt']);
    const updated = await apiJson<{ responses: { attachments: { filename: string }[] }[] }>(`/responses/${id}`, {
      method: 'PATCH',
      body: { responses: [{ id, attachments: [{ base64_data: btoa('c'), filename: 'c.txt' }] }] },
    });
    expect(updated.responses[0]?.attachments.map((a) => a.filename)).toEqual(['c.txt']);
  });
});

describe('tasks', () => {
  interface TaskOut extends Identified {
    last_activity_at: number;
    state: string;
    title: string;
    description: string | null;
  }

  it('limits to 2..50 and pages with until', async () => {
    expect((await api('/tasks?limit=1')).status).toBe(400);
    expect((await api('/tasks?limit=51')).status).toBe(400);
    const page1 = (await apiJson<{ tasks: TaskOut[] }>('/tasks?limit=10')).tasks;
    expect(page1).toHaveLength(10);
    const page2 = (await apiJson<{ tasks: TaskOut[] }>(`/tasks?limit=10&until=${page1[9]?.last_activity_at}`)).tasks;
    expect(page2[0]?.id).toBe(page1[9]?.id);
    const todo = (await apiJson<{ tasks: TaskOut[] }>('/tasks?state=todo&limit=50')).tasks;
    expect(todo.every((t) => t.state === 'todo')).toBe(true);
    expect((await api('/tasks?state=done')).status).toBe(400);
  });

  it('gets, creates and partially updates a task', async () => {
    const one = await apiJson<{ tasks: TaskOut }>(`/tasks/${SANDBOX_TASK_ID}`);
    expect(one.tasks.id).toBe(SANDBOX_TASK_ID);
    expect((await api(`/tasks/${SANDBOX_TASK_ID}`, { token: 'globex' })).status).toBe(404);
    expect(
      (await api('/tasks', { body: { tasks: { title: 'No team', organization: SANDBOX_ORGS.acme.id } } })).status,
    ).toBe(400);
    const created = await apiJson<{ tasks: TaskOut }>(
      '/tasks',
      {
        body: {
          tasks: {
            title: 'Call the CEO',
            description: 'Before Friday',
            organization: SANDBOX_ORGS.acme.id,
            team: SANDBOX_TEAMS.acmeBackend.id,
          },
        },
      },
      201,
    );
    const updated = await apiJson<{ tasks: TaskOut }>(`/tasks/${created.tasks.id}`, {
      method: 'PATCH',
      body: { tasks: { state: 'in_progress' } },
    });
    expect(updated.tasks.state).toBe('in_progress');
    expect(updated.tasks.title).toBe('Call the CEO');
    expect(updated.tasks.description).toBe('Before Friday');
  });
});

describe('hooks', () => {
  it('creates and deletes a webhook subscription', async () => {
    const created = await apiJson<{ hooks: Identified }>(
      '/hooks',
      { body: { hooks: { type: 'incoming_email', url: 'https://example.test/hook' } } },
      201,
    );
    expect(Object.keys(created.hooks)).toEqual(['id']);
    expect((await api('/hooks', { body: { hooks: { type: 'x', url: 'not a url' } } })).status).toBe(400);
    expect((await api(`/hooks/${created.hooks.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/hooks/${created.hooks.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
