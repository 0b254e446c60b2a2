/** Responses (canned replies / templates): GET/POST /responses, GET/PATCH /responses/:id. */
import { z } from 'zod';
import { pickDefined, pickEach } from '../body';
import { idField } from '../ids';
import { invalidArguments } from '../results';
import {
  annotationsFor,
  cursorField,
  defineTool,
  getById,
  limitField,
  LIST_TAGS_NOTE,
  listInOrganization,
  organizationField,
  updateById,
  writeCall,
} from './shared';
import { ATTACHMENT_FIELDS, attachmentsUploadField, RECIPIENT_FIELDS, recipientsField } from './fields';

const responseFields = {
  title: z.string().max(300).optional().describe('Name of the response in the picker'),
  subject: z.string().max(998).optional().describe('Subject it fills in'),
  to_fields: recipientsField('Default recipients'),
  cc_fields: recipientsField('Default cc recipients'),
  bcc_fields: recipientsField('Default bcc recipients'),
  attachments: attachmentsUploadField.describe('Files (base64); on update they REPLACE all existing attachments'),
};
const RESPONSE_FIELDS = ['title', 'subject', 'body'] as const;

const ListResponsesInput = z
  .object({
    organization: organizationField('Only responses of this organization'),
    limit: limitField(200, 50),
    cursor: cursorField,
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
    body: z.string().min(1).max(1_000_000).optional().describe('New template body'),
    ...responseFields,
  })
  .strict();

function responseBody(args: z.infer<typeof CreateResponseInput> | z.infer<typeof UpdateResponseInput>) {
  return {
    ...pickDefined(args, RESPONSE_FIELDS),
    to_fields: pickEach(args.to_fields, RECIPIENT_FIELDS),
    cc_fields: pickEach(args.cc_fields, RECIPIENT_FIELDS),
    bcc_fields: pickEach(args.bcc_fields, RECIPIENT_FIELDS),
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
    annotations: annotationsFor('list', 'List Missive responses'),
    handler: listInOrganization({ tool: 'list_all_missive_responses', path: '/responses', key: 'responses' }),
  }),
  defineTool({
    name: 'get_single_missive_response_by_id',
    title: 'Get a Missive response',
    description: 'Gets one canned response (reply template) by id (from list_all_missive_responses). Read-only.',
    method: 'get',
    tags: ['responses'],
    inputSchema: GetResponseInput,
    annotations: annotationsFor('get', 'Get a Missive response'),
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
    annotations: annotationsFor('create', 'Create a Missive response'),
    handler: (args, ctx) => {
      if (args.organization !== undefined && args.user !== undefined) {
        return Promise.resolve(invalidArguments('Give organization OR user, not both.'));
      }
      const owner =
        args.user !== undefined
          ? { user: args.user }
          : (args.organization ?? ctx.defaults.organization)
            ? { organization: args.organization ?? ctx.defaults.organization }
            : null;
      if (owner === null) {
        return Promise.resolve(
          invalidArguments(
            'Give organization (id from list_all_missive_organizations) or user; this account has no default organization.',
          ),
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
    annotations: annotationsFor('update', 'Update a Missive response', { replaces: true }),
    handler: updateById({
      collection: '/responses',
      key: 'responses',
      notFound: (id) => `response "${id}"`,
      changes: responseBody,
      nothingToChange: 'Nothing to change: pass at least one response field.',
    }),
  }),
];
