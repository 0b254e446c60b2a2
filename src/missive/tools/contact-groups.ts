/** Contact groups and contact organizations: GET /contact_groups (Missive REST "Contact groups"). */
import { z } from 'zod';
import { requiredDefault } from './by-id';
import { defineTool } from './define';
import { cursorField, limitField, idField } from './fields';
import { LIST_TAGS_NOTE, listByOffset } from './lists';

const ListContactGroupsInput = z
  .object({
    contact_book: idField(
      'Contact book id (from list_all_missive_contact_books); the account default applies when omitted',
    ).optional(),
    kind: z
      .enum(['group', 'organization'])
      .describe('"organization" for companies (related contacts), "group" for labels of unrelated contacts'),
    limit: limitField(200, 50),
    cursor: cursorField,
  })
  .strict();

export const contactGroupsTools = [
  defineTool({
    name: 'list_all_missive_contact_groups',
    title: 'List Missive contact groups',
    description:
      'Lists the groups or organizations (companies) of a contact book: id, name. Needs contact_book (from ' +
      'list_all_missive_contact_books; the account default applies) and kind. The id is the contact_organization ' +
      'filter of list_all_missive_conversations. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['contacts'],
    inputSchema: ListContactGroupsInput,
    handler: async (args, ctx, tool) => {
      const contactBook = requiredDefault('contact_book', args.contact_book, ctx);
      if (typeof contactBook !== 'string') return contactBook;
      return listByOffset(
        ctx,
        {
          tool,
          path: '/contact_groups',
          query: { contact_book: contactBook, kind: args.kind },
          key: 'contact_groups',
          limit: args.limit ?? 50,
          cursor: args.cursor,
        },
        { notFound: `contact book "${contactBook}"` },
      );
    },
  }),
];
