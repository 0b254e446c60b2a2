/** Users: GET /users (Missive REST "Users"). */
import { z } from 'zod';
import { defineTool } from './define';
import { cursorField, limitField, organizationField } from './fields';
import { LIST_TAGS_NOTE, listInOrganization } from './lists';

const ListUsersInput = z
  .object({
    organization: organizationField('Only users of this organization (id from list_all_missive_organizations)'),
    limit: limitField(200, 50),
    cursor: cursorField,
  })
  .strict();

export const usersTools = [
  defineTool({
    name: 'list_all_missive_users',
    title: 'List Missive users',
    description:
      'Lists the users of the organizations the account belongs to: id, name, email, avatar_url; the account owner has me: true. ' +
      "Use it to turn a person's name into the user id that assignees, add_users and tasks need. Read-only. " +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['users'],
    inputSchema: ListUsersInput,
    handler: listInOrganization({ path: '/users', key: 'users' }),
  }),
];
