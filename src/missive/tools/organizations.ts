/** Organizations: GET /organizations (Missive REST "Organizations"). */
import { z } from 'zod';
import { defineTool } from './define';
import { cursorField, limitField } from './fields';
import { LIST_TAGS_NOTE, listByOffset } from './lists';

const ListOrganizationsInput = z.object({ limit: limitField(200, 50), cursor: cursorField }).strict();

export const organizationsTools = [
  defineTool({
    name: 'list_all_missive_organizations',
    title: 'List Missive organizations',
    description:
      'Lists the organizations (team spaces) the account belongs to: id and name. The organization id is the filter or ' +
      'required field of many other tools (teams, shared labels, tasks, analytics, conversation updates). Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['organizations'],
    inputSchema: ListOrganizationsInput,
    handler: (args, ctx, tool) =>
      listByOffset(ctx, {
        tool,
        path: '/organizations',
        query: {},
        key: 'organizations',
        limit: args.limit ?? 50,
        cursor: args.cursor,
      }),
  }),
];
