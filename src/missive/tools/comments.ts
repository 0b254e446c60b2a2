/** Comments (internal team chat on a conversation): GET /conversations/:id/comments. */
import { z } from 'zod';
import { idField } from '../ids';
import { annotationsFor, conversationEntries, cursorField, defineTool, limitField, LIST_TAGS_NOTE } from './shared';

const ListCommentsInput = z
  .object({
    conversation_id: idField('Conversation id (from list_all_missive_conversations)'),
    limit: limitField(10, 10),
    cursor: cursorField,
  })
  .strict();

export const commentsTools = [
  defineTool({
    name: 'list_all_missive_conversation_comments',
    title: "List a conversation's comments",
    description:
      'Lists the internal comments (team chat the customer never sees) of one conversation, newest first: body, ' +
      'created_at, author, mentions, attachment (id usable with missive_attachments_download together with ' +
      'conversation_id and comment_id), task. Needs conversation_id (from list_all_missive_conversations). ' +
      'At most 10 per page. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['conversations', 'comments'],
    inputSchema: ListCommentsInput,
    annotations: annotationsFor('list', "List a conversation's comments"),
    handler: conversationEntries({
      tool: 'list_all_missive_conversation_comments',
      key: 'comments',
      timestampField: 'created_at',
    }),
  }),
];
