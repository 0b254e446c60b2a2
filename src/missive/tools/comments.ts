/** Comments (internal team chat on a conversation): GET /conversations/:id/comments. */
import { z } from 'zod';
import { defineTool } from './define';
import { cursorField, limitField, idField } from './fields';
import { LIST_TAGS_NOTE, conversationEntries } from './lists';

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
    handler: conversationEntries({ key: 'comments', timestampField: 'created_at' }),
  }),
];
