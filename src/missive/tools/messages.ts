/**
 * Messages (external email / SMS / custom-channel content): GET /conversations/:id/messages,
 * GET /messages/:id, GET /messages?email_message_id=, POST /messages (Missive REST "Messages").
 */
import { z } from 'zod';
import { pickDefined, pickEach } from '../body';
import { idField } from '../ids';
import { invalidArguments, toolSuccess } from '../results';
import { callMissive } from '../client';
import {
  annotationsFor,
  conversationEntries,
  cursorField,
  defineTool,
  extractList,
  getById,
  limitField,
  LIST_TAGS_NOTE,
  organizationField,
  unexpectedAnswer,
  writeCall,
} from './shared';
import { ATTACHMENT_FIELDS, attachmentsUploadField, RECIPIENT_FIELDS, RecipientInput, recipientsField } from './fields';

const ListConversationMessagesInput = z
  .object({
    conversation_id: idField('Conversation id (from list_all_missive_conversations)'),
    limit: limitField(10, 10),
    cursor: cursorField,
  })
  .strict();

const GetMessageInput = z
  .object({ id: idField('Message id (from list_all_missive_conversation_messages or list_all_missive_messages)') })
  .strict();

const ListMessagesInput = z
  .object({
    email_message_id: z
      .string()
      .min(3)
      .max(998)
      .describe('RFC 5322 Message-ID header value, e.g. "<abc123@mail.example.com>"'),
  })
  .strict();

const CreateMessageInput = z
  .object({
    account: idField(
      'Custom-channel account id (Missive settings → API → custom channel); the account default applies when omitted',
    ).optional(),
    from_field: RecipientInput.extend({
      id: z.string().max(200).optional().describe('Sender id in the custom channel'),
      username: z.string().max(200).optional().describe('Sender username in the custom channel'),
    })
      .strict()
      .describe('Sender of the incoming message'),
    to_fields: recipientsField('Recipients'),
    cc_fields: recipientsField('Cc recipients'),
    subject: z.string().max(998).optional().describe('Subject'),
    body: z.string().max(5_000_000).optional().describe('Message body (HTML or plain text)'),
    delivered_at: z.number().int().min(0).optional().describe('Unix timestamp of delivery; now when omitted'),
    attachments: attachmentsUploadField,
    conversation: idField('Append to this conversation (id); a new conversation is created otherwise').optional(),
    references: z
      .array(z.string().max(998))
      .max(50)
      .optional()
      .describe('Message-IDs this message replies to; Missive threads it into the matching conversation'),
    organization: organizationField('Organization of a new conversation'),
    team: idField('Team to put a new conversation in (id from list_all_missive_teams)').optional(),
    add_shared_labels: z
      .array(idField('Shared label id'))
      .max(50)
      .optional()
      .describe('Shared labels to put on the conversation'),
  })
  .strict();

const FROM_FIELDS = ['name', 'address', 'phone_number', 'id', 'username'] as const;

export const messagesTools = [
  defineTool({
    name: 'list_all_missive_conversation_messages',
    title: "List a conversation's messages",
    description:
      'Lists the external messages (emails, SMS, chat) of one conversation, newest first: subject, preview, body, ' +
      'from_field, to_fields, cc_fields, delivered_at, attachments (with ids for missive_attachments_download). ' +
      'Needs conversation_id (from list_all_missive_conversations). Drafts are not included (see ' +
      'list_all_missive_conversation_drafts); internal discussion is in list_all_missive_conversation_comments. ' +
      'At most 10 per page. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['conversations', 'messages'],
    inputSchema: ListConversationMessagesInput,
    annotations: annotationsFor('list', "List a conversation's messages"),
    handler: conversationEntries({
      tool: 'list_all_missive_conversation_messages',
      key: 'messages',
      timestampField: 'delivered_at',
    }),
  }),
  defineTool({
    name: 'get_single_missive_message_by_id',
    title: 'Get a Missive message',
    description:
      'Gets one message by id: subject, body, from_field, to_fields, cc_fields, attachments, and its conversation ' +
      '(organization, team, assignees). Ids come from list_all_missive_conversation_messages or list_all_missive_messages. Read-only.',
    method: 'get',
    tags: ['messages'],
    inputSchema: GetMessageInput,
    annotations: annotationsFor('get', 'Get a Missive message'),
    handler: getById({ collection: '/messages', key: 'messages', notFound: (id) => `message "${id}"` }),
  }),
  defineTool({
    name: 'list_all_missive_messages',
    title: 'Find Missive messages by Message-ID',
    description:
      'Finds the messages whose email Message-ID header equals email_message_id. Usually one; senders that reuse ' +
      'Message-IDs can yield up to the latest 10. To read a conversation use list_all_missive_conversation_messages ' +
      'instead. Read-only. Answers { result, next_cursor (always null), result_count }.',
    method: 'list',
    tags: ['messages'],
    inputSchema: ListMessagesInput,
    annotations: annotationsFor('list', 'Find Missive messages by Message-ID'),
    handler: async (args, ctx) => {
      const call = await callMissive(ctx, {
        method: 'GET',
        path: '/messages',
        query: { email_message_id: args.email_message_id },
      });
      if (!call.ok) return call.outcome;
      const items = extractList(call.data, 'messages');
      if (items === null) return unexpectedAnswer();
      return toolSuccess({ result: items, next_cursor: null, result_count: items.length }, call.upstream);
    },
  }),
  defineTool({
    name: 'create_a_missive_message',
    title: 'Record an incoming custom-channel message',
    description:
      'ADVANCED, custom channels only: records an INCOMING message in a Missive custom channel (as if it arrived). ' +
      'It never transmits anything and is not a way to reply to a customer: to prepare a reply use ' +
      'create_a_missive_draft. Needs account (custom-channel account id; the account default applies) and from_field. ' +
      'Without conversation or references a new conversation is created. Payload at most 10 MB.',
    method: 'create',
    tags: ['messages'],
    inputSchema: CreateMessageInput,
    annotations: annotationsFor('create', 'Record an incoming custom-channel message', { notifies: true }),
    handler: (args, ctx) => {
      const account = args.account ?? ctx.defaults.account;
      if (!account) {
        return Promise.resolve(
          invalidArguments(
            'account (the custom-channel account id) is required; this account has no default custom channel.',
          ),
        );
      }
      const message = {
        account,
        from_field: pickDefined(args.from_field, FROM_FIELDS),
        to_fields: pickEach(args.to_fields, RECIPIENT_FIELDS),
        cc_fields: pickEach(args.cc_fields, RECIPIENT_FIELDS),
        attachments: pickEach(args.attachments, ATTACHMENT_FIELDS),
        ...pickDefined(args, [
          'subject',
          'body',
          'delivered_at',
          'conversation',
          'references',
          'team',
          'add_shared_labels',
        ] as const),
        organization:
          args.organization ?? (args.team || args.add_shared_labels ? ctx.defaults.organization : undefined),
      };
      return writeCall(ctx, { method: 'POST', path: '/messages', body: { messages: message } }, 'messages');
    },
  }),
];
