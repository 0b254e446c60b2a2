/**
 * Drafts: GET /conversations/:id/drafts, POST /drafts, DELETE /drafts/:id. Drafts NEVER send:
 * Missive's `send`, `send_at` and `auto_followup` are not in the schema and the body is built
 * from declared fields only, so no argument can make Missive transmit or schedule a message.
 */
import { z } from 'zod';
import { pickDefined, pickEach } from '../body';
import { invalidArguments } from '../results';
import { writeCall } from './answers';
import { deleteById } from './by-id';
import { conversationActionFields, conversationActions } from './conversation-actions';
import { defineTool } from './define';
import {
  ATTACHMENT_FIELDS,
  attachmentsUploadField,
  idField,
  limitField,
  RECIPIENT_FIELDS,
  recipientsField,
  referencesField,
  SENDER_FIELDS,
  SenderInput,
} from './fields';
import { conversationEntries } from './lists';

const ListDraftsInput = z
  .object({
    conversation_id: idField('Conversation id (from list_all_missive_conversations)'),
    limit: limitField(10, 10),
  })
  .strict();

const CreateDraftInput = z
  .object({
    subject: z.string().max(998).optional().describe('Subject; a reply usually keeps the thread subject'),
    body: z.string().max(5_000_000).optional().describe('Body (HTML or plain text)'),
    quote_previous_message: z.boolean().optional().describe('true: quote the previous message below the body'),
    account: idField('Account (channel) to write from, e.g. a custom channel or Live Chat account id').optional(),
    from_field: SenderInput.optional().describe("Sender; the account's default from address/name applies"),
    to_fields: recipientsField('Recipients, e.g. [{ "address": "ceo@enterprise-client.com" }]'),
    cc_fields: recipientsField('Cc recipients'),
    bcc_fields: recipientsField('Bcc recipients'),
    attachments: attachmentsUploadField,
    conversation: idField('Conversation to add the draft to (from list_all_missive_conversations)').optional(),
    references: referencesField('Message-IDs the draft replies to; Missive threads it into their conversation'),
    external_response_id: z.string().max(200).optional().describe('WhatsApp template (external response) id'),
    external_response_variables: z
      .record(z.string().max(100), z.string().max(2000))
      .optional()
      .describe('Values of the WhatsApp template variables'),
    reopen: z.boolean().optional().describe('true: reopen the conversation if closed'),
    ...conversationActionFields,
  })
  .strict();

const DeleteDraftInput = z
  .object({ id: idField('Draft id (from create_a_missive_draft or list_all_missive_conversation_drafts)') })
  .strict();

/** Everything a draft may carry besides the conversation actions. `send`, `send_at`, `auto_followup` are absent. */
const DRAFT_FIELDS = [
  'subject',
  'body',
  'quote_previous_message',
  'account',
  'conversation',
  'references',
  'external_response_id',
  'external_response_variables',
] as const;

export const draftsTools = [
  defineTool({
    name: 'list_all_missive_conversation_drafts',
    title: "List a conversation's drafts",
    description:
      'Lists the unsent drafts of one conversation, newest first: subject, body, from_field, to_fields, author. Needs ' +
      'conversation_id (from list_all_missive_conversations). One page of at most 10: drafts carry no delivery time, ' +
      'so Missive offers no next page; more_may_exist: true says a full page may not be all. Read-only.',
    method: 'list',
    tags: ['conversations', 'drafts'],
    inputSchema: ListDraftsInput,
    handler: conversationEntries({ key: 'drafts', timestampField: 'delivered_at' }),
  }),
  defineTool({
    name: 'create_a_missive_draft',
    title: 'Create a Missive draft (never sends)',
    description:
      'Saves a draft for a human to review and send from Missive. It NEVER sends or schedules. To reply in a thread ' +
      'pass conversation and to_fields; otherwise a new conversation is created (in the account default team). ' +
      "from_field defaults to the account's from address. Recipients: email { address }, SMS/WhatsApp " +
      '{ phone_number }, custom channel / Live Chat { id, username }, Messenger / Instagram { id }. Can also act on ' +
      'the conversation (close, assign, label, team + add_to_team_inbox). Returns the draft id.',
    method: 'create',
    tags: ['drafts', 'conversations'],
    inputSchema: CreateDraftInput,
    handler: async (args, ctx) => {
      if (args.body === undefined && args.subject === undefined && args.attachments === undefined) {
        return invalidArguments('Give the draft some content: body, subject or attachments.');
      }
      const from =
        args.from_field !== undefined
          ? pickDefined(args.from_field, SENDER_FIELDS)
          : ctx.defaults.from_address
            ? {
                address: ctx.defaults.from_address,
                ...(ctx.defaults.from_name ? { name: ctx.defaults.from_name } : {}),
              }
            : undefined;
      // The default team only places a NEW conversation; it must not move an existing thread.
      const isNewConversation = args.conversation === undefined && args.references === undefined;
      const actions = conversationActions(args, ctx, isNewConversation ? ctx.defaults.team : undefined);
      if (!actions.ok) return actions.outcome;
      const draft = {
        ...pickDefined(args, DRAFT_FIELDS),
        from_field: from,
        to_fields: pickEach(args.to_fields, RECIPIENT_FIELDS),
        cc_fields: pickEach(args.cc_fields, RECIPIENT_FIELDS),
        bcc_fields: pickEach(args.bcc_fields, RECIPIENT_FIELDS),
        attachments: pickEach(args.attachments, ATTACHMENT_FIELDS),
        ...actions.fields,
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
    handler: deleteById({ collection: '/drafts', key: 'drafts', notFound: (id) => `draft "${id}"` }),
  }),
];
