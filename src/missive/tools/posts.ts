/**
 * Posts (internal, visible-to-the-team entries an integration adds to a conversation):
 * GET /conversations/:id/posts, POST /posts, DELETE /posts/:id.
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

const ListPostsInput = z
  .object({
    conversation_id: idField('Conversation id (from list_all_missive_conversations)'),
    limit: limitField(10, 10),
    cursor: cursorField,
  })
  .strict();

const short = (max: number, what: string) => z.string().max(max).optional().describe(what);

const PostFieldInput = z
  .object({
    title: z.string().max(300).describe('Field title'),
    value: z.string().max(2000).describe('Field value'),
    short: z.boolean().optional().describe('true: render side by side with the next short field'),
  })
  .strict();

/** Missive post attachments are Slack-style cards, not files. */
const PostAttachmentInput = z
  .object({
    color: short(20, 'Bar color, e.g. "#2266ff"'),
    pretext: short(2000, 'Text above the card'),
    author_name: short(200, 'Author line'),
    author_link: z
      .url({ protocol: /^https$/ })
      .max(2000)
      .optional()
      .describe('Author link (https)'),
    title: short(300, 'Card title'),
    title_link: z
      .url({ protocol: /^https$/ })
      .max(2000)
      .optional()
      .describe('Title link (https)'),
    text: short(10_000, 'Card text'),
    image_url: z
      .url({ protocol: /^https$/ })
      .max(2000)
      .optional()
      .describe('Image to show (https)'),
    footer: short(300, 'Footer text'),
    timestamp: z.number().int().min(0).optional().describe('Unix timestamp shown in the footer'),
    fields: z.array(PostFieldInput).max(20).optional().describe('Key/value fields'),
  })
  .strict();

const CreatePostInput = z
  .object({
    conversation: idField(
      'Conversation to post in (id from list_all_missive_conversations); without it (and references) a new conversation is created',
    ).optional(),
    references: z
      .array(z.string().max(998))
      .max(50)
      .optional()
      .describe('Message-IDs identifying the conversation to post in'),
    text: z.string().max(50_000).optional().describe('Plain-text content of the post'),
    markdown: z.string().max(50_000).optional().describe('Markdown content of the post (instead of text)'),
    attachments: z.array(PostAttachmentInput).max(20).optional().describe('Slack-style cards shown in the post'),
    notification: z
      .object({
        title: z.string().min(1).max(300).describe('Notification title, e.g. "AI triage"'),
        body: z.string().min(1).max(2000).describe('Notification text'),
      })
      .strict()
      .describe('The notification Missive shows to the people following the conversation (required)'),
    username: z.string().max(100).optional().describe('Name shown as the post author, e.g. "Triage bot"'),
    username_icon: z
      .url({ protocol: /^https$/ })
      .max(2000)
      .optional()
      .describe('Author avatar URL (https)'),
    conversation_subject: z.string().max(998).optional().describe('Subject of a new conversation'),
    conversation_color: z.string().max(20).optional().describe('Color of the conversation, e.g. "#2266ff"'),
    organization: organizationField(
      'Organization of the conversation; needed with team, add_users, add_assignees, add_shared_labels',
    ),
    team: idField('Team for the conversation (id from list_all_missive_teams)').optional(),
    force_team: z.boolean().optional().describe('true: move an existing conversation to team'),
    add_users: z
      .array(idField('User id'))
      .max(50)
      .optional()
      .describe('Users to give access (from list_all_missive_users)'),
    add_assignees: z
      .array(idField('User id'))
      .max(50)
      .optional()
      .describe('Users to assign (from list_all_missive_users)'),
    add_shared_labels: z.array(idField('Shared label id')).max(50).optional().describe('Shared labels to add'),
    remove_shared_labels: z.array(idField('Shared label id')).max(50).optional().describe('Shared labels to remove'),
    add_to_inbox: z.boolean().optional().describe('true: move the conversation into the Inbox'),
    add_to_team_inbox: idField(
      "Move the conversation into this team's inbox (team id from list_all_missive_teams)",
    ).optional(),
    close: z.boolean().optional().describe('true: close the conversation'),
    reopen: z.boolean().optional().describe('true: reopen the conversation'),
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
  'conversation_subject',
  'conversation_color',
  'team',
  'force_team',
  'add_users',
  'add_assignees',
  'add_shared_labels',
  'remove_shared_labels',
  'add_to_inbox',
  'add_to_team_inbox',
  'close',
  'reopen',
] as const;
const CARD_FIELDS = [
  'color',
  'pretext',
  'author_name',
  'author_link',
  'title',
  'title_link',
  'text',
  'image_url',
  'footer',
  'timestamp',
] as const;

export const postsTools = [
  defineTool({
    name: 'list_all_missive_conversation_posts',
    title: "List a conversation's posts",
    description:
      'Lists the posts of one conversation (entries added by integrations and automations), newest first: text / ' +
      'markdown, username, notification, attachments, created_at. Needs conversation_id (from ' +
      'list_all_missive_conversations). At most 10 per page. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['conversations', 'posts'],
    inputSchema: ListPostsInput,
    annotations: annotationsFor('list', "List a conversation's posts"),
    handler: conversationEntries({
      tool: 'list_all_missive_conversation_posts',
      key: 'posts',
      timestampField: 'created_at',
    }),
  }),
  defineTool({
    name: 'create_a_missive_post',
    title: 'Post an internal note in Missive',
    description:
      'Adds a post to a conversation: an internal note the team sees (the customer never does), e.g. a summary or an ' +
      'escalation note. Needs notification { title, body } and one of text, markdown or attachments; pass conversation ' +
      '(id from list_all_missive_conversations) to post in an existing thread, otherwise a NEW conversation is created. ' +
      'The post is visible to everyone with access and NOTIFIES them; it can also close/reopen, assign or label the ' +
      'conversation. Returns the post id (delete with delete_a_missive_post_by_id).',
    method: 'create',
    tags: ['posts', 'conversations'],
    inputSchema: CreatePostInput,
    annotations: annotationsFor('create', 'Post an internal note in Missive', { notifies: true }),
    handler: (args, ctx) => {
      if (args.text === undefined && args.markdown === undefined && (args.attachments ?? []).length === 0) {
        return Promise.resolve(invalidArguments('A post needs content: text, markdown or attachments.'));
      }
      const needsOrganization = ['team', 'add_users', 'add_assignees', 'add_shared_labels', 'add_to_team_inbox'].some(
        (k) => args[k as keyof typeof args] !== undefined,
      );
      const post = {
        ...pickDefined(args, POST_FIELDS),
        notification: pickDefined(args.notification, ['title', 'body'] as const),
        attachments: args.attachments?.map((card) => ({
          ...pickDefined(card, CARD_FIELDS),
          fields: pickEach(card.fields, ['title', 'value', 'short'] as const),
        })),
        organization: args.organization ?? (needsOrganization ? ctx.defaults.organization : undefined),
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
      'Deletes a post by id (from create_a_missive_post or list_all_missive_conversation_posts), removing it from its ' +
      'conversation for everyone. In shared conversations only organization owners and admins may delete posts.',
    method: 'delete',
    tags: ['posts'],
    inputSchema: DeletePostInput,
    annotations: annotationsFor('delete', 'Delete a Missive post'),
    handler: deleteById({ collection: '/posts', key: 'posts', notFound: (id) => `post "${id}"` }),
  }),
];
