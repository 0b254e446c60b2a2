/**
 * Drafts: GET /conversations/:id/drafts, POST /drafts, DELETE /drafts/:id. Drafts NEVER send:
 * Missive's `send`, `send_at` and `auto_followup` are not in the schema and the body is built
 * from declared fields only, so no argument can make Missive transmit a message.
 */
import { z } from 'zod';
import { pickDefined, pickEach } from '../body';
import { idField } from '../ids';
import { invalidArguments } from '../results';
import {
  annotationsFor,
  conversationEntries,
  cursorField,
  defineTool,
  deleteById,
  limitField,
  LIST_TAGS_NOTE,
  organizationField,
  writeCall,
} from './shared';
import { ATTACHMENT_FIELDS, attachmentsUploadField, RECIPIENT_FIELDS, RecipientInput, recipientsField } from './fields';

const ListDraftsInput = z
  .object({
    conversation_id: idField('Conversation id (from list_all_missive_conversations)'),
    limit: limitField(10, 10),
    cursor: cursorField,
  })
  .strict();

const CreateDraftInput = z
  .object({
    subject: z.string().max(998).optional().describe('Subject; a reply in a conversation usually keeps its subject'),
    body: z.string().max(5_000_000).optional().describe('Draft body (HTML or plain text)'),
    from_field: RecipientInput.optional().describe(
      "Sender: one of the account's Missive addresses; the account default from address/name applies when omitted",
    ),
    to_fields: recipientsField('Recipients, e.g. [{ "address": "ceo@enterprise-client.com" }]'),
    cc_fields: recipientsField('Cc recipients'),
    bcc_fields: recipientsField('Bcc recipients'),
    attachments: attachmentsUploadField,
    conversation: idField(
      'Conversation to add the draft to (id from list_all_missive_conversations); a new conversation otherwise',
    ).optional(),
    references: z
      .array(z.string().max(998))
      .max(50)
      .optional()
      .describe('Message-IDs the draft replies to; Missive threads it into the matching conversation'),
    team: idField(
      'Team of a new conversation (id from list_all_missive_teams); the account default applies',
    ).optional(),
    force_team: z.boolean().optional().describe('true: move an existing conversation to team'),
    organization: organizationField(
      'Organization of the conversation; needed with team, add_assignees, add_shared_labels',
    ),
    add_assignees: z
      .array(idField('User id (from list_all_missive_users)'))
      .max(50)
      .optional()
      .describe('Users to assign the conversation to'),
    add_shared_labels: z
      .array(idField('Shared label id (from list_all_missive_shared_labels)'))
      .max(50)
      .optional()
      .describe('Shared labels to add to the conversation'),
  })
  .strict();

const DeleteDraftInput = z
  .object({ id: idField('Draft id (from create_a_missive_draft or list_all_missive_conversation_drafts)') })
  .strict();

/** Everything a draft may carry. `send`, `send_at` and `auto_followup` are deliberately absent. */
const DRAFT_FIELDS = [
  'subject',
  'body',
  'conversation',
  'references',
  'force_team',
  'add_assignees',
  'add_shared_labels',
] as const;

export const draftsTools = [
  defineTool({
    name: 'list_all_missive_conversation_drafts',
    title: "List a conversation's drafts",
    description:
      'Lists the unsent drafts of one conversation, newest first: subject, body, from_field, to_fields, author. ' +
      'Needs conversation_id (from list_all_missive_conversations). At most 10 per page. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['conversations', 'drafts'],
    inputSchema: ListDraftsInput,
    annotations: annotationsFor('list', "List a conversation's drafts"),
    handler: conversationEntries({
      tool: 'list_all_missive_conversation_drafts',
      key: 'drafts',
      timestampField: 'delivered_at',
    }),
  }),
  defineTool({
    name: 'create_a_missive_draft',
    title: 'Create a Missive draft (never sends)',
    description:
      'Saves a draft for a human to review and send from Missive. It NEVER sends: this tool has no send option. To reply ' +
      'in a thread pass conversation (id from list_all_missive_conversations) and to_fields; without conversation or ' +
      "references a new conversation is created. from_field defaults to the account's from address/name, team to its " +
      'default team. Returns the draft with its id (delete it with delete_a_missive_draft_by_id).',
    method: 'create',
    tags: ['drafts', 'conversations'],
    inputSchema: CreateDraftInput,
    annotations: annotationsFor('create', 'Create a Missive draft (never sends)'),
    handler: (args, ctx) => {
      if (args.body === undefined && args.subject === undefined && args.attachments === undefined) {
        return Promise.resolve(invalidArguments('Give the draft some content: body, subject or attachments.'));
      }
      const from =
        args.from_field !== undefined
          ? pickDefined(args.from_field, RECIPIENT_FIELDS)
          : ctx.defaults.from_address
            ? {
                address: ctx.defaults.from_address,
                ...(ctx.defaults.from_name ? { name: ctx.defaults.from_name } : {}),
              }
            : undefined;
      // The default team only places a NEW conversation; it must not move an existing thread.
      const isNewConversation = args.conversation === undefined && args.references === undefined;
      const team = args.team ?? (isNewConversation ? ctx.defaults.team : undefined);
      const needsOrganization =
        team !== undefined || args.add_assignees !== undefined || args.add_shared_labels !== undefined;
      const organization = args.organization ?? (needsOrganization ? ctx.defaults.organization : undefined);
      const draft = {
        ...pickDefined(args, DRAFT_FIELDS),
        from_field: from,
        to_fields: pickEach(args.to_fields, RECIPIENT_FIELDS),
        cc_fields: pickEach(args.cc_fields, RECIPIENT_FIELDS),
        bcc_fields: pickEach(args.bcc_fields, RECIPIENT_FIELDS),
        attachments: pickEach(args.attachments, ATTACHMENT_FIELDS),
        team,
        organization,
      };
      return writeCall(ctx, { method: 'POST', path: '/drafts', body: { drafts: draft } }, 'drafts', {
        notFound: args.conversation ? `conversation "${args.conversation}"` : undefined,
      });
    },
  }),
  defineTool({
    name: 'delete_a_missive_draft_by_id',
    title: 'Delete a Missive draft',
    description:
      'Deletes an unsent draft by id (from create_a_missive_draft or list_all_missive_conversation_drafts). The draft ' +
      'is gone for good; nothing is sent.',
    method: 'delete',
    tags: ['drafts'],
    inputSchema: DeleteDraftInput,
    annotations: annotationsFor('delete', 'Delete a Missive draft'),
    handler: deleteById({ collection: '/drafts', key: 'drafts', notFound: (id) => `draft "${id}"` }),
  }),
];
