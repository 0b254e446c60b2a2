/** Contact books: GET /contact_books (Missive REST "Contact books"). */
import { z } from 'zod';
import { defineTool } from './define';
import { cursorField, limitField } from './fields';
import { LIST_TAGS_NOTE, listByOffset } from './lists';

const ListContactBooksInput = z.object({ limit: limitField(200, 50), cursor: cursorField }).strict();

export const contactBooksTools = [
  defineTool({
    name: 'list_all_missive_contact_books',
    title: 'List Missive contact books',
    description:
      'Lists the contact books the account can access (private or shared with an organization): id, name, ' +
      'organization, user, sharing. The id is the contact_book that contact tools need. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['contacts'],
    inputSchema: ListContactBooksInput,
    handler: (args, ctx, tool) =>
      listByOffset(ctx, {
        tool,
        path: '/contact_books',
        query: {},
        key: 'contact_books',
        limit: args.limit ?? 50,
        cursor: args.cursor,
      }),
  }),
];
