/** Contacts: GET /contacts, GET /contacts/:id, POST /contacts, PATCH /contacts/:id (Missive REST "Contacts"). */
import { z } from 'zod';
import { pickDefined, pickEach } from '../body';
import { writeCall } from './answers';
import { getById, requiredDefault, updateById } from './by-id';
import { ContactInfoInput, INFO_FIELDS } from './contact-infos';
import { defineTool } from './define';
import { cursorField, idField, limitField, moreIdsField } from './fields';
import { LIST_TAGS_NOTE, listByOffset } from './lists';

const contactBookField = idField(
  'Contact book id (from list_all_missive_contact_books); the account default applies when omitted',
).optional();

const MembershipInput = z
  .object({
    group: z
      .object({
        kind: z.enum(['group', 'organization']).describe('"organization" for a company, "group" for a label'),
        name: z.string().min(1).max(200).describe('Group or company name; created when it does not exist'),
      })
      .strict()
      .describe('The group or organization the contact belongs to'),
    title: z.string().max(200).optional().describe('Job title in that organization'),
    location: z.string().max(200).optional().describe('Location'),
    department: z.string().max(200).optional().describe('Department'),
    description: z.string().max(2000).optional().describe('Free text'),
  })
  .strict();
const MEMBERSHIP_FIELDS = ['title', 'location', 'department', 'description'] as const;

const contactFields = {
  first_name: z.string().max(200).optional().describe('First name'),
  last_name: z.string().max(200).optional().describe('Last name'),
  middle_name: z.string().max(200).optional().describe('Middle name'),
  nickname: z.string().max(200).optional().describe('Nickname'),
  prefix: z.string().max(50).optional().describe('Name prefix, e.g. "Dr."'),
  suffix: z.string().max(50).optional().describe('Name suffix, e.g. "Jr."'),
  phonetic_first_name: z.string().max(200).optional().describe('Phonetic first name'),
  phonetic_middle_name: z.string().max(200).optional().describe('Phonetic middle name'),
  phonetic_last_name: z.string().max(200).optional().describe('Phonetic last name'),
  file_as: z.string().max(200).optional().describe('Name to sort and file the contact under'),
  gender: z.string().max(50).optional().describe('Gender'),
  notes: z.string().max(10_000).optional().describe('Notes'),
  starred: z.boolean().optional().describe('true: starred contact'),
  infos: z.array(ContactInfoInput).max(50).optional().describe('Emails, phones, addresses, links; each needs a label'),
  memberships: z.array(MembershipInput).max(50).optional().describe('Companies and groups'),
};
const CONTACT_FIELDS = [
  'first_name',
  'last_name',
  'middle_name',
  'nickname',
  'prefix',
  'suffix',
  'phonetic_first_name',
  'phonetic_middle_name',
  'phonetic_last_name',
  'file_as',
  'gender',
  'notes',
  'starred',
] as const;

const ListContactsInput = z
  .object({
    contact_book: contactBookField,
    search: z.string().max(200).optional().describe('Text to search names, emails and other infos'),
    order: z.enum(['last_name', 'last_modified']).optional().describe('Sort order'),
    modified_since: z.number().int().min(0).optional().describe('Only contacts modified after this Unix timestamp'),
    include_deleted: z.boolean().optional().describe('true: deleted contacts too, as { id, deleted } only (for sync)'),
    limit: limitField(200, 50),
    cursor: cursorField,
  })
  .strict();

const GetContactInput = z.object({ id: idField('Contact id (from list_all_missive_contacts)') }).strict();

const CreateContactInput = z.object({ contact_book: contactBookField, ...contactFields }).strict();

const UpdateContactInput = z
  .object({
    id: idField('Contact id (from list_all_missive_contacts)'),
    more_ids: moreIdsField('Contact id'),
    ...contactFields,
    infos: contactFields.infos.describe('REPLACES all infos: include the ones to keep'),
    memberships: contactFields.memberships.describe('REPLACES all memberships: include the ones to keep'),
  })
  .strict();

function contactBody(args: z.infer<typeof CreateContactInput> | z.infer<typeof UpdateContactInput>) {
  return {
    ...pickDefined(args, CONTACT_FIELDS),
    infos: pickEach(args.infos, INFO_FIELDS),
    memberships: args.memberships?.map((m) => ({
      ...pickDefined(m, MEMBERSHIP_FIELDS),
      group: pickDefined(m.group, ['kind', 'name'] as const),
    })),
  };
}

export const contactsTools = [
  defineTool({
    name: 'list_all_missive_contacts',
    title: 'List Missive contacts',
    description:
      'Lists the contacts of one contact book: id, first_name, last_name, starred, contact_book, deleted, modified_at, ' +
      'infos, memberships. Needs contact_book (from list_all_missive_contact_books; the account default applies). ' +
      'Filter with search, order, modified_since, include_deleted. Up to 200 per page. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['contacts'],
    inputSchema: ListContactsInput,
    handler: async (args, ctx, tool) => {
      const contactBook = requiredDefault('contact_book', args.contact_book, ctx);
      if (typeof contactBook !== 'string') return contactBook;
      return listByOffset(
        ctx,
        {
          tool,
          path: '/contacts',
          query: {
            contact_book: contactBook,
            search: args.search,
            order: args.order,
            modified_since: args.modified_since,
            include_deleted: args.include_deleted,
          },
          key: 'contacts',
          limit: args.limit ?? 50,
          cursor: args.cursor,
        },
        { notFound: `contact book "${contactBook}"` },
      );
    },
  }),
  defineTool({
    name: 'get_single_missive_contact_by_id',
    title: 'Get a Missive contact',
    description:
      'Gets one contact by id (from list_all_missive_contacts) with infos and memberships. A deleted contact is not ' +
      'found. Read-only.',
    method: 'get',
    tags: ['contacts'],
    inputSchema: GetContactInput,
    handler: getById({
      collection: '/contacts',
      key: 'contacts',
      notFound: (id) => `contact "${id}" (or it was deleted)`,
    }),
  }),
  defineTool({
    name: 'create_a_missive_contact',
    title: 'Create a Missive contact',
    description:
      'Creates a contact in a contact book: names, starred, gender, notes, infos (emails, phones, addresses, links) and ' +
      'memberships (companies, groups). Needs contact_book (from list_all_missive_contact_books; the account default ' +
      'applies). Returns the contact with its id.',
    method: 'create',
    tags: ['contacts'],
    inputSchema: CreateContactInput,
    handler: async (args, ctx) => {
      const contactBook = requiredDefault('contact_book', args.contact_book, ctx);
      if (typeof contactBook !== 'string') return contactBook;
      const contact = { contact_book: contactBook, ...contactBody(args) };
      return writeCall(ctx, { method: 'POST', path: '/contacts', body: { contacts: [contact] } }, 'contacts', {
        notFound: `contact book "${contactBook}"`,
      });
    },
  }),
  defineTool({
    name: 'update_a_missive_contact_by_id',
    title: 'Update a Missive contact',
    description:
      'Changes a contact by id (from list_all_missive_contacts). Only the fields given change, BUT infos and memberships ' +
      'replace the whole array: omitted entries are deleted, so read the contact first and send the full list.',
    method: 'update',
    tags: ['contacts'],
    inputSchema: UpdateContactInput,
    replaces: true,
    handler: updateById({
      collection: '/contacts',
      key: 'contacts',
      notFound: (id) => `contact "${id}"`,
      changes: contactBody,
      nothingToChange: 'Nothing to change: pass at least one contact field.',
    }),
  }),
];
