/**
 * Posts (internal entries an integration adds to a conversation, visible to the team):
 * GET /conversations/:id/posts, POST /posts, DELETE /posts/:id.
 */
import { z } from 'zod';
import { pickDefined, pickEach } from '../body';
import { invalidArguments } from '../results';
import { writeCall } from './answers';
import { deleteById } from './by-id';
import { conversationActionFields, conversationActions } from './conversation-actions';
import { defineTool } from './define';
import { cursorField, idField, limitField, referencesField } from './fields';
import { conversationEntries, LIST_TAGS_NOTE } from './lists';

const ListPostsInput = z
  .object({
    conversation_id: idField('Conversation id (from list_all_missive_conversations)'),
    limit: limitField(10, 10),
    cursor: cursorField,
  })
  .strict();

const text = (max: number, what: string) => z.string().max(max).optional().describe(what);
const httpsUrl = (what: string) =>
  z
    .url({ protocol: /^https$/ })
    .max(2000)
    .optional()
    .describe(`${what} (https)`);

const PostFieldInput = z
  .object({
    title: z.string().max(300).describe('Field title'),
    value: z.string().max(2000).describe('Field value'),
    short: z.boolean().optional().describe('true: side by side with the next short field'),
  })
  .strict();

/** Missive post attachments are Slack-style cards, not files. */
const PostAttachmentInput = z
  .object({
    color: text(20, 'Bar color, e.g. "#2266ff"'),
    pretext: text(2000, 'Text above the card'),
    author_name: text(200, 'Author line'),
    author_link: z
      .url({ protocol: /^(https|mailto)$/ })
      .max(2000)
      .optional()
      .describe('Author link (https or mailto:)'),
    author_icon: httpsUrl('Author icon'),
    title: text(300, 'Card title'),
    title_link: httpsUrl('Title link'),
    text: text(10_000, 'Card text'),
    markdown: text(10_000, 'Card text as Markdown (instead of text)'),
    image_url: httpsUrl('Image'),
    footer: text(300, 'Footer text'),
    footer_icon: httpsUrl('Footer icon'),
    timestamp: z.number().int().min(0).optional().describe('Unix timestamp shown in the footer'),
    fields: z.array(PostFieldInput).max(20).optional().describe('Key/value fields'),
  })
  .strict();
const CARD_FIELDS = [
  'color',
  'pretext',
  'author_name',
  'author_link',
  'author_icon',
  'title',
  'title_link',
  'text',
  'markdown',
  'image_url',
  'footer',
  'footer_icon',
  'timestamp',
] as const;

const CreatePostInput = z
  .object({
    conversation: idField('Conversation to post in (from list_all_missive_conversations); else a NEW one').optional(),
    references: referencesField('Message-IDs naming the conversation to post in'),
    text: z.string().max(50_000).optional().describe('Plain-text content'),
    markdown: z.string().max(50_000).optional().describe('Markdown content (instead of text)'),
    attachments: z.array(PostAttachmentInput).max(20).optional().describe('Slack-style cards'),
    notification: z
      .object({
        title: z.string().min(1).max(300).describe('Notification title, e.g. "AI triage"'),
        body: z.string().min(1).max(2000).describe('Notification text'),
      })
      .strict()
      .describe('The notification Missive shows to the people following the conversation'),
    username: z.string().max(100).optional().describe('Author name shown, e.g. "Triage bot"'),
    username_icon: httpsUrl('Author avatar'),
    conversation_icon: httpsUrl('Conversation icon'),
    reopen: z
      .boolean()
      .optional()
      .describe(
        "UNCONFIRMED: Missive's docs disagree on whether true reopens a closed conversation or keeps it closed; " +
          'use add_to_inbox to reopen, close to keep it closed',
      ),
    ...conversationActionFields,
  })
  .strict();

const DeletePostInput = z
  .object({ id: idField('Post id (from create_a_missive_post or list_all_missive_conversation_posts)') })
  .strict();

const POST_FIELDS = [
  'conversation',
  'references',
  'text',
  'markdown',
  'username',
  'username_icon',
  'conversation_icon',
] as const;

export const postsTools = [
  defineTool({
    name: 'list_all_missive_conversation_posts',
    title: "List a conversation's posts",
    description:
      'Lists the posts of one conversation (entries added by integrations), newest first: text / markdown, username, ' +
      'notification, attachments, created_at. Needs conversation_id (from list_all_missive_conversations). At most 10 ' +
      'per page. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['conversations', 'posts'],
    inputSchema: ListPostsInput,
    handler: conversationEntries({ key: 'posts', timestampField: 'created_at' }),
  }),
  defineTool({
    name: 'create_a_missive_post',
    title: 'Post an internal note in Missive',
    description:
      'Adds a post: an internal note the team sees (the customer never does), e.g. a summary or escalation note. Needs ' +
      'notification { title, body } and text, markdown or attachments; pass conversation to post in a thread, else a ' +
      'NEW conversation is created. It NOTIFIES everyone with access, and can also act on the conversation: close, ' +
      'add_to_inbox, team + add_to_team_inbox, assign, label, rename. Returns the post id.',
    method: 'create',
    tags: ['posts', 'conversations'],
    inputSchema: CreatePostInput,
    notifies: true,
    handler: async (args, ctx) => {
      if (args.text === undefined && args.markdown === undefined && (args.attachments ?? []).length === 0) {
        return invalidArguments('A post needs content: text, markdown or attachments.');
      }
      const actions = conversationActions(args, ctx);
      if (!actions.ok) return actions.outcome;
      const post = {
        ...pickDefined(args, POST_FIELDS),
        notification: pickDefined(args.notification, ['title', 'body'] as const),
        attachments: args.attachments?.map((card) => ({
          ...pickDefined(card, CARD_FIELDS),
          fields: pickEach(card.fields, ['title', 'value', 'short'] as const),
        })),
        ...actions.fields,
      };
      return writeCall(ctx, { method: 'POST', path: '/posts', body: { posts: post } }, 'posts', {
        notFound: args.conversation ? `conversation "${args.conversation}"` : undefined,
      });
    },
  }),
  defineTool({
    name: 'delete_a_missive_post_by_id',
    title: 'Delete a Missive post',
    description:
      'Deletes a post by id (from create_a_missive_post or list_all_missive_conversation_posts) for everyone. In shared ' +
      'conversations only organization owners and admins may delete posts.',
    method: 'delete',
    tags: ['posts'],
    inputSchema: DeletePostInput,
    handler: deleteById({ collection: '/posts', key: 'posts', notFound: (id) => `post "${id}"` }),
  }),
];
