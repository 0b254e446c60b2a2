/**
 * Messages (external email / SMS / custom-channel content): GET /conversations/:id/messages,
 * GET /messages/:ids, GET /messages?email_message_id=, POST /messages (Missive REST "Messages").
 */
import { z } from 'zod';
import { pickDefined, pickEach } from '../body';
import { callMissive } from '../client';
import { invalidArguments, toolSuccess } from '../results';
import { extractList, singleObject, unexpectedAnswer, writeCall } from './answers';
import { batchSegment } from './by-id';
import { conversationActionFields, conversationActions } from './conversation-actions';
import { defineTool } from './define';
import {
  ATTACHMENT_FIELDS,
  attachmentsUploadField,
  cursorField,
  idField,
  limitField,
  RECIPIENT_FIELDS,
  recipientsField,
  referencesField,
  SENDER_FIELDS,
  SenderInput,
} from './fields';
import { conversationEntries, LIST_TAGS_NOTE } from './lists';

const MESSAGE = 'Message id (from list_all_missive_conversation_messages or list_all_missive_messages)';

const ListConversationMessagesInput = z
  .object({
    conversation_id: idField('Conversation id (from list_all_missive_conversations)'),
    limit: limitField(10, 10),
    cursor: cursorField,
  })
  .strict();

const GetMessageInput = z
  .object({
    id: idField(MESSAGE),
    more_ids: z.array(idField(MESSAGE)).max(49).optional().describe('More message ids, read in the same request'),
  })
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
    account: idField('Custom-channel account id; the account default applies').optional(),
    from_field: SenderInput.describe('Sender of the incoming message, e.g. { id, username, name }'),
    to_fields: recipientsField('Recipients'),
    cc_fields: recipientsField('Cc recipients'),
    bcc_fields: recipientsField('Bcc recipients'),
    subject: z.string().max(998).optional().describe('Subject'),
    body: z.string().max(5_000_000).optional().describe('Body (HTML or plain text)'),
    external_id: z.string().max(998).optional().describe('Your id for the message; later references can name it'),
    delivered_at: z.number().int().min(0).optional().describe('Unix timestamp of delivery; now when omitted'),
    attachments: attachmentsUploadField,
    conversation: idField('Append to this conversation; a new one is created otherwise').optional(),
    references: referencesField('external_ids / Message-IDs of earlier messages; threads it into their conversation'),
    reopen: z.boolean().optional().describe('true: reopen the conversation if closed'),
    ...conversationActionFields,
  })
  .strict();

const MESSAGE_FIELDS = ['subject', 'body', 'external_id', 'delivered_at', 'conversation', 'references'] as const;

export const messagesTools = [
  defineTool({
    name: 'list_all_missive_conversation_messages',
    title: "List a conversation's messages",
    description:
      'Lists the external messages (emails, SMS, chat) of one conversation, newest first: subject, preview, body, ' +
      'from_field, to_fields, cc_fields, delivered_at, attachments (ids for missive_attachments_download). Needs ' +
      'conversation_id (from list_all_missive_conversations). No drafts; internal discussion is in ' +
      'list_all_missive_conversation_comments. At most 10 per page. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['conversations', 'messages'],
    inputSchema: ListConversationMessagesInput,
    handler: conversationEntries({ key: 'messages', timestampField: 'delivered_at' }),
  }),
  defineTool({
    name: 'get_single_missive_message_by_id',
    title: 'Get a Missive message',
    description:
      'Gets one message by id with its whole conversation (organization, team, assignees): subject, body, from_field, ' +
      'to_fields, attachments. more_ids reads up to 49 more in the same request, answered as a list (without ' +
      'the conversation). Read-only.',
    method: 'get',
    tags: ['messages'],
    inputSchema: GetMessageInput,
    handler: async (args, ctx) => {
      const ids = [args.id, ...(args.more_ids ?? [])];
      const segment = batchSegment('id and more_ids', ids);
      if (typeof segment !== 'string') return segment;
      const notFound = ids.length === 1 ? `message "${args.id}"` : 'one of the messages';
      if (!segment.includes(',')) {
        return singleObject(ctx, { method: 'GET', path: `/messages/${segment}` }, 'messages', { notFound });
      }
      const call = await callMissive(ctx, { method: 'GET', path: `/messages/${segment}` }, { notFound });
      if (!call.ok) return call.outcome;
      const items = extractList(call.data, 'messages');
      if (items === null) return unexpectedAnswer();
      return toolSuccess({ result: items, result_count: items.length }, call.upstream);
    },
  }),
  defineTool({
    name: 'list_all_missive_messages',
    title: 'Find Missive messages by Message-ID',
    description:
      'Finds the messages whose email Message-ID header equals email_message_id: usually one, at most the latest 10. ' +
      'To read a conversation use list_all_missive_conversation_messages. Read-only. Answers { result, next_cursor ' +
      '(always null), result_count }.',
    method: 'list',
    tags: ['messages'],
    inputSchema: ListMessagesInput,
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
      'ADVANCED, custom channels only: records an INCOMING message in a Missive custom channel (as if it arrived). It ' +
      'transmits nothing and is no way to reply: prepare replies with create_a_missive_draft. Needs account (the ' +
      'account default applies) and from_field. Without conversation or references a new conversation is created. ' +
      'At most 10 MB.',
    method: 'create',
    tags: ['messages'],
    inputSchema: CreateMessageInput,
    notifies: true,
    handler: async (args, ctx) => {
      const account = args.account ?? ctx.defaults.account;
      if (!account) {
        return invalidArguments(
          'account (the custom-channel account id) is required; this account has no default custom channel.',
        );
      }
      const actions = conversationActions(args, ctx);
      if (!actions.ok) return actions.outcome;
      const message = {
        account,
        from_field: pickDefined(args.from_field, SENDER_FIELDS),
        to_fields: pickEach(args.to_fields, RECIPIENT_FIELDS),
        cc_fields: pickEach(args.cc_fields, RECIPIENT_FIELDS),
        bcc_fields: pickEach(args.bcc_fields, RECIPIENT_FIELDS),
        attachments: pickEach(args.attachments, ATTACHMENT_FIELDS),
        ...pickDefined(args, MESSAGE_FIELDS),
        ...actions.fields,
      };
      return writeCall(ctx, { method: 'POST', path: '/messages', body: { messages: message } }, 'messages');
    },
  }),
];
