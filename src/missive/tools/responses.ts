/** Responses (canned replies / templates): GET/POST /responses, GET /responses/:id, PATCH/DELETE /responses/:ids. */
import { z } from 'zod';
import { pickDefined, pickEach } from '../body';
import { invalidArguments } from '../results';
import { writeCall } from './answers';
import { batchSegment, getById, updateById } from './by-id';
import { defineTool } from './define';
import {
  ATTACHMENT_FIELDS,
  attachmentsUploadField,
  cursorField,
  idField,
  idList,
  limitField,
  organizationField,
  moreIdsField,
} from './fields';
import { LIST_TAGS_NOTE, listInOrganization } from './lists';

const responseFields = {
  title: z.string().max(300).optional().describe('Name of the response in the picker'),
  subject: z.string().max(500).optional().describe('Subject it fills in (at most 500 characters)'),
  share_with_team: idField('Share it with this team (id from list_all_missive_teams)').optional(),
  shared_labels: idList('Shared label id (from list_all_missive_shared_labels)').describe('Shared labels it applies'),
  external_id: z.string().max(200).optional().describe('Your id for the response'),
  external_source: z.string().max(200).optional().describe('Where external_id comes from'),
  attachments: attachmentsUploadField.describe('Files (base64); on update they REPLACE all existing attachments'),
};
const RESPONSE_FIELDS = [
  'title',
  'subject',
  'body',
  'share_with_team',
  'shared_labels',
  'external_id',
  'external_source',
] as const;

const ListResponsesInput = z
  .object({
    organization: organizationField('Only responses of this organization'),
    limit: limitField(200, 50),
    cursor: cursorField,
  })
  .strict();

const RESPONSE = 'Response id (from list_all_missive_responses)';
const DeleteResponseInput = z
  .object({
    id: idField(RESPONSE),
    more_ids: idList(RESPONSE, 49).describe('More responses to delete in the same request'),
  })
  .strict();

const GetResponseInput = z.object({ id: idField('Response id (from list_all_missive_responses)') }).strict();

const CreateResponseInput = z
  .object({
    body: z.string().min(1).max(1_000_000).describe('Template body (HTML or plain text)'),
    organization: organizationField('Share the response with this organization (give organization OR user)'),
    user: idField('Make it a personal response of this user (give organization OR user)').optional(),
    ...responseFields,
  })
  .strict();

const UpdateResponseInput = z
  .object({
    id: idField('Response id (from list_all_missive_responses)'),
    more_ids: moreIdsField('Response id'),
    body: z.string().min(1).max(1_000_000).optional().describe('New template body'),
    ...responseFields,
  })
  .strict();

function responseBody(args: z.infer<typeof CreateResponseInput> | z.infer<typeof UpdateResponseInput>) {
  return {
    ...pickDefined(args, RESPONSE_FIELDS),
    attachments: pickEach(args.attachments, ATTACHMENT_FIELDS),
  };
}

export const responsesTools = [
  defineTool({
    name: 'list_all_missive_responses',
    title: 'List Missive responses',
    description:
      'Lists the canned responses (reply templates) available to the account: id, title, subject, body, organization ' +
      'or user, recipients, shared_labels, attachments. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['responses'],
    inputSchema: ListResponsesInput,
    handler: listInOrganization({ path: '/responses', key: 'responses' }),
  }),
  defineTool({
    name: 'get_single_missive_response_by_id',
    title: 'Get a Missive response',
    description: 'Gets one canned response (reply template) by id (from list_all_missive_responses). Read-only.',
    method: 'get',
    tags: ['responses'],
    inputSchema: GetResponseInput,
    handler: getById({ collection: '/responses', key: 'responses', notFound: (id) => `response "${id}"` }),
  }),
  defineTool({
    name: 'create_a_missive_response',
    title: 'Create a Missive response',
    description:
      'Creates a canned response (reply template). Needs body and exactly one owner: organization (shared; the account ' +
      'default applies when no user is given) or user (personal). Returns the response with its id.',
    method: 'create',
    tags: ['responses'],
    inputSchema: CreateResponseInput,
    handler: async (args, ctx) => {
      if (args.organization !== undefined && args.user !== undefined) {
        return invalidArguments('Give organization OR user, not both.');
      }
      const owner =
        args.user !== undefined
          ? { user: args.user }
          : (args.organization ?? ctx.defaults.organization)
            ? { organization: args.organization ?? ctx.defaults.organization }
            : null;
      if (owner === null) {
        return invalidArguments(
          'Give organization (id from list_all_missive_organizations) or user; this account has no default organization.',
        );
      }
      const response = { ...responseBody(args), ...owner };
      return writeCall(ctx, { method: 'POST', path: '/responses', body: { responses: [response] } }, 'responses');
    },
  }),
  defineTool({
    name: 'update_a_missive_response_by_id',
    title: 'Update a Missive response',
    description:
      'Changes a canned response by id (from list_all_missive_responses). Only the fields given change; attachments ' +
      'replace the whole set. Responses made by integrations (e.g. WhatsApp templates) cannot be changed.',
    method: 'update',
    tags: ['responses'],
    inputSchema: UpdateResponseInput,
    replaces: true,
    handler: updateById({
      collection: '/responses',
      key: 'responses',
      notFound: (id) => `response "${id}"`,
      changes: responseBody,
      nothingToChange: 'Nothing to change: pass at least one response field.',
    }),
  }),
  defineTool({
    name: 'delete_a_missive_response_by_id',
    title: 'Delete a Missive response',
    description:
      'Deletes a canned response by id (from list_all_missive_responses); more_ids deletes more in the same request. ' +
      'They are gone for good.',
    method: 'delete',
    tags: ['responses'],
    inputSchema: DeleteResponseInput,
    handler: async (args, ctx) => {
      const ids = [args.id, ...(args.more_ids ?? [])];
      const segment = batchSegment('id and more_ids', ids);
      if (typeof segment !== 'string') return segment;
      const notFound = ids.length === 1 ? `response "${args.id}"` : 'one of the responses';
      return writeCall(
        ctx,
        { method: 'DELETE', path: `/responses/${segment}` },
        'responses',
        { notFound },
        {
          ids,
          deleted: true,
        },
      );
    },
  }),
];
