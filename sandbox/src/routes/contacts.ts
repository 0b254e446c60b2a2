/** Contacts, contact books and contact groups (limit/offset; PATCH replaces whole infos/memberships arrays). */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ApiError,
  flagQuery,
  intQuery,
  me,
  notFound,
  nowSeconds,
  readBody,
  splitIds,
  timestampQuery,
  type SandboxContext,
  type SandboxEnv,
} from '../http';
import { pageOffset } from '../pagination';
import { data } from '../store';
import type { Contact, ContactBook, ContactMembership } from '../types';
import { InfoSchema } from './contact-infos';
import { matchBatch } from './directory';

export const contactRoutes = new Hono<SandboxEnv>();

function visibleBook(c: SandboxContext, id: string): ContactBook {
  const book = data().contactBooks.find((b) => b.id === id && me(c).organizations.includes(b.organization));
  if (!book) throw notFound('Contact book');
  return book;
}

function contactJson(contact: Contact): Record<string, unknown> {
  return {
    id: contact.id,
    first_name: contact.first_name,
    last_name: contact.last_name,
    middle_name: contact.middle_name,
    phonetic_first_name: null,
    phonetic_last_name: null,
    phonetic_middle_name: null,
    prefix: null,
    suffix: null,
    nickname: contact.nickname,
    file_as: null,
    notes: contact.notes,
    starred: contact.starred,
    gender: contact.gender,
    contact_book: contact.contact_book,
    deleted: contact.deleted,
    modified_at: contact.modified_at,
    infos: contact.infos,
    memberships: contact.memberships,
  };
}

contactRoutes.get('/contacts', (c) => {
  const bookId = c.req.query('contact_book');
  if (!bookId) throw new ApiError(400, 'contact_book is required');
  const book = visibleBook(c, bookId);
  const order = c.req.query('order') ?? 'last_name';
  if (order !== 'last_name' && order !== 'last_modified') {
    throw new ApiError(400, 'order must be last_name or last_modified');
  }
  const limit = intQuery(c, 'limit', 1, 200, 50);
  const offset = intQuery(c, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
  const modifiedSince = timestampQuery(c, 'modified_since');
  const includeDeleted = flagQuery(c, 'include_deleted');
  const search = c.req.query('search')?.toLowerCase();
  const contacts = [...data().contacts.values()]
    .filter((x) => x.contact_book === book.id)
    .filter((x) => includeDeleted || !x.deleted)
    .filter((x) => modifiedSince === undefined || x.modified_at >= modifiedSince)
    .filter(
      (x) =>
        !search ||
        [x.first_name, x.last_name, ...x.infos.map((i) => String(i.value ?? ''))].some((s) =>
          s.toLowerCase().includes(search),
        ),
    )
    .sort((a, b) =>
      order === 'last_modified'
        ? b.modified_at - a.modified_at || a.id.localeCompare(b.id)
        : a.last_name.localeCompare(b.last_name) ||
          a.first_name.localeCompare(b.first_name) ||
          a.id.localeCompare(b.id),
    );
  // Missive lists a deleted contact as { id, deleted } only.
  return c.json({
    contacts: pageOffset(contacts, limit, offset).map((x) =>
      x.deleted ? { id: x.id, deleted: true } : contactJson(x),
    ),
  });
});

contactRoutes.get('/contacts/:id', (c) => {
  const contact = data().contacts.get(c.req.param('id'));
  if (!contact || contact.deleted) throw notFound('Contact');
  visibleBook(c, contact.contact_book);
  return c.json({ contacts: [contactJson(contact)] });
});

const MembershipSchema = z.object({
  group: z.object({ kind: z.enum(['group', 'organization']), name: z.string().min(1) }),
  title: z.string().optional(),
  location: z.string().optional(),
  department: z.string().optional(),
  description: z.string().optional(),
});
const ContactFields = {
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  middle_name: z.string().nullable().optional(),
  nickname: z.string().nullable().optional(),
  notes: z.string().nullable().optional(),
  starred: z.boolean().optional(),
  gender: z.string().nullable().optional(),
  infos: z.array(InfoSchema).optional(),
  memberships: z.array(MembershipSchema).optional(),
};
const ContactCreateBody = z.object({
  contacts: z.array(z.object({ contact_book: z.string().min(1), ...ContactFields })).min(1),
});
const ContactUpdateBody = z.object({
  contacts: z.array(z.object({ id: z.string().min(1), deleted: z.boolean().optional(), ...ContactFields })).min(1),
});

/** Resolves membership groups by kind and name inside the book, creating missing groups as Missive does. */
function memberships(bookId: string, input: z.infer<typeof MembershipSchema>[]): ContactMembership[] {
  return input.map((m) => {
    let group = data().contactGroups.find(
      (g) => g.contact_book === bookId && g.kind === m.group.kind && g.name === m.group.name,
    );
    if (!group) {
      group = { id: crypto.randomUUID(), name: m.group.name, kind: m.group.kind, contact_book: bookId };
      data().contactGroups.push(group);
    }
    const { group: _group, ...rest } = m;
    return { group: { id: group.id, kind: group.kind, name: group.name }, ...rest };
  });
}

contactRoutes.post('/contacts', async (c) => {
  const body = await readBody(c, ContactCreateBody);
  const created = body.contacts.map((input) => {
    visibleBook(c, input.contact_book);
    const contact: Contact = {
      id: crypto.randomUUID(),
      contact_book: input.contact_book,
      first_name: input.first_name ?? '',
      last_name: input.last_name ?? '',
      middle_name: input.middle_name ?? null,
      nickname: input.nickname ?? null,
      gender: input.gender ?? null,
      notes: input.notes ?? null,
      starred: input.starred ?? false,
      infos: input.infos ?? [],
      memberships: memberships(input.contact_book, input.memberships ?? []),
      modified_at: nowSeconds(),
      deleted: false,
    };
    return contact;
  });
  for (const contact of created) data().contacts.set(contact.id, contact);
  return c.json({ contacts: created.map(contactJson) }, 201);
});

contactRoutes.patch('/contacts/:ids', async (c) => {
  const ids = splitIds(c.req.param('ids'));
  const body = await readBody(c, ContactUpdateBody);
  matchBatch(ids, body.contacts);
  const found = body.contacts.map((patch) => {
    const contact = data().contacts.get(patch.id);
    if (!contact || contact.deleted) throw notFound('Contact');
    visibleBook(c, contact.contact_book);
    return { contact, patch };
  });
  for (const { contact, patch } of found) {
    if (patch.first_name !== undefined) contact.first_name = patch.first_name;
    if (patch.last_name !== undefined) contact.last_name = patch.last_name;
    if (patch.middle_name !== undefined) contact.middle_name = patch.middle_name;
    if (patch.nickname !== undefined) contact.nickname = patch.nickname;
    if (patch.notes !== undefined) contact.notes = patch.notes;
    if (patch.starred !== undefined) contact.starred = patch.starred;
    if (patch.gender !== undefined) contact.gender = patch.gender;
    // whole-array replacement, as Missive documents: what is not sent is gone
    if (patch.infos !== undefined) contact.infos = patch.infos;
    if (patch.memberships !== undefined) contact.memberships = memberships(contact.contact_book, patch.memberships);
    if (patch.deleted) contact.deleted = true;
    contact.modified_at = nowSeconds();
  }
  return c.json({ contacts: found.map(({ contact }) => contactJson(contact)) });
});

contactRoutes.get('/contact_books', (c) => {
  const limit = intQuery(c, 'limit', 1, 200, 50);
  const offset = intQuery(c, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
  const mine = me(c).organizations;
  const books = data().contactBooks.filter((b) => mine.includes(b.organization));
  return c.json({
    contact_books: pageOffset(books, limit, offset).map((b) => ({
      id: b.id,
      user: b.user,
      share_with_organization: b.share_with_organization,
      share_with_team: false,
      share_with_users: [],
      name: b.name,
      description: b.description,
    })),
  });
});

contactRoutes.get('/contact_groups', (c) => {
  const bookId = c.req.query('contact_book');
  const kind = c.req.query('kind');
  if (!bookId) throw new ApiError(400, 'contact_book is required');
  if (kind !== 'group' && kind !== 'organization') throw new ApiError(400, 'kind is required: group or organization');
  const book = visibleBook(c, bookId);
  const limit = intQuery(c, 'limit', 1, 200, 50);
  const offset = intQuery(c, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
  const groups = data().contactGroups.filter((g) => g.contact_book === book.id && g.kind === kind);
  return c.json({ contact_groups: pageOffset(groups, limit, offset).map((g) => ({ id: g.id, name: g.name })) });
});
