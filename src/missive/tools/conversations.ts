/**
 * Conversations: GET /conversations, GET /conversations/:id, PATCH /conversations/:id,
 * POST /conversations/:id/merge (Missive REST "Conversations").
 */
import { z } from 'zod';
import { pickDefined } from '../body';
import { idField } from '../ids';
import { invalidArguments } from '../results';
import type { QueryValue } from '../upstream';
import {
  annotationsFor,
  cursorField,
  defineTool,
  getById,
  idPath,
  limitField,
  LIST_TAGS_NOTE,
  listByUntil,
  organizationField,
  writeCall,
} from './shared';

const BOOLEAN_MAILBOXES = [
  'inbox',
  'all',
  'assigned',
  'closed',
  'snoozed',
  'flagged',
  'trashed',
  'junked',
  'drafts',
] as const;
const ID_MAILBOXES = ['shared_label', 'team_inbox', 'team_closed', 'team_all'] as const;

const mailboxFlag = (what: string) => z.boolean().optional().describe(`true: ${what}`);

const ListConversationsInput = z
  .object({
    inbox: mailboxFlag('conversations in the Inbox'),
    all: mailboxFlag('all conversations the account can see, in every mailbox except trash and spam'),
    assigned: mailboxFlag('conversations assigned to the account owner'),
    closed: mailboxFlag('closed (archived) conversations'),
    snoozed: mailboxFlag('snoozed conversations'),
    flagged: mailboxFlag('flagged (starred) conversations'),
    trashed: mailboxFlag('conversations in the trash'),
    junked: mailboxFlag('conversations in spam'),
    drafts: mailboxFlag('conversations holding drafts'),
    shared_label: idField(
      'Conversations carrying this shared label (id from list_all_missive_shared_labels)',
    ).optional(),
    team_inbox: idField("A team's inbox (team id from list_all_missive_teams)").optional(),
    team_closed: idField("A team's closed conversations (team id from list_all_missive_teams)").optional(),
    team_all: idField("All of a team's conversations (team id from list_all_missive_teams)").optional(),
    organization: organizationField('Only conversations of this organization'),
    email: z
      .string()
      .max(320)
      .optional()
      .describe(
        'Only conversations with this email address (e.g. a customer); excludes domain and contact_organization',
      ),
    domain: z
      .string()
      .max(253)
      .optional()
      .describe('Only conversations with addresses of this domain; excludes email and contact_organization'),
    contact_organization: idField(
      'Only conversations with contacts of this contact organization (contact group id); excludes email and domain',
    ).optional(),
    limit: limitField(50, 25),
    cursor: cursorField,
  })
  .strict();

const GetConversationInput = z
  .object({ id: idField('Conversation id (from list_all_missive_conversations or a message/task)') })
  .strict();

const idList = (what: string) => z.array(idField(what)).min(1).max(50).optional();

const UpdateConversationInput = z
  .object({
    id: idField('Conversation id to change (from list_all_missive_conversations)'),
    subject: z.string().max(998).optional().describe('New subject shown in Missive'),
    color: z
      .string()
      .regex(/^(#[0-9a-fA-F]{6}|good|warning|danger)$/)
      .optional()
      .describe('Conversation color: a hex code like "#2266ff" or good / warning / danger'),
    close: z.boolean().optional().describe('true: close (archive) the conversation for everyone'),
    reopen: z.boolean().optional().describe('true: reopen a closed conversation'),
    add_to_inbox: z.boolean().optional().describe("true: move it into the users' Inbox (un-archive)"),
    add_to_team_inbox: idField(
      "Move it into this team's inbox (team id from list_all_missive_teams, e.g. to escalate to a team)",
    ).optional(),
    add_assignees: idList('User id (from list_all_missive_users)').describe('Users to assign (they are notified)'),
    remove_assignees: idList('User id (from list_all_missive_users)').describe('Users to unassign'),
    add_users: idList('User id (from list_all_missive_users)').describe('Users to give access to the conversation'),
    add_shared_labels: idList('Shared label id (from list_all_missive_shared_labels)').describe('Shared labels to add'),
    remove_shared_labels: idList('Shared label id (from list_all_missive_shared_labels)').describe(
      'Shared labels to remove',
    ),
    organization: organizationField(
      'Organization of the conversation; Missive requires it with add_to_team_inbox, add_assignees, add_users or add_shared_labels',
    ),
  })
  .strict();

const MergeInput = z
  .object({
    id: idField('Conversation to merge away (the source; from list_all_missive_conversations)'),
    target: idField('Conversation to merge into (the target)'),
    subject: z.string().max(998).optional().describe('Subject of the merged conversation'),
  })
  .strict();

const UPDATE_FIELDS = [
  'subject',
  'color',
  'close',
  'reopen',
  'add_to_inbox',
  'add_to_team_inbox',
  'add_assignees',
  'remove_assignees',
  'add_users',
  'add_shared_labels',
  'remove_shared_labels',
] as const;
const NEEDS_ORGANIZATION = ['add_to_team_inbox', 'add_assignees', 'add_users', 'add_shared_labels'] as const;

export const conversationsTools = [
  defineTool({
    name: 'list_all_missive_conversations',
    title: 'List Missive conversations',
    description:
      'Lists conversations visible to the account, newest activity first: id, subject, latest_message_subject, assignees, ' +
      'users, shared_labels, team, organization, message and attachment counts, last_activity_at, web/app URLs. ' +
      'REQUIRES at least one mailbox filter: inbox, all, assigned, closed, snoozed, flagged, trashed, junked, drafts (true), ' +
      'or an id filter shared_label / team_inbox / team_closed / team_all (ids from list_all_missive_shared_labels and ' +
      "list_all_missive_teams). To find a customer's threads use all: true with email (or domain); email, domain and " +
      'contact_organization exclude each other. Read the content with list_all_missive_conversation_messages (external) ' +
      'and list_all_missive_conversation_comments / _posts (internal). Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['conversations'],
    inputSchema: ListConversationsInput,
    annotations: annotationsFor('list', 'List Missive conversations'),
    handler: (args, ctx) => {
      const query: Record<string, QueryValue> = {};
      for (const flag of BOOLEAN_MAILBOXES) if (args[flag] === true) query[flag] = true;
      for (const key of ID_MAILBOXES) if (args[key] !== undefined) query[key] = args[key];
      if (Object.keys(query).length === 0) {
        return Promise.resolve(
          invalidArguments(
            'Pass at least one mailbox filter: inbox, all, assigned, closed, snoozed, flagged, trashed, junked or drafts ' +
              '(true), or shared_label, team_inbox, team_closed or team_all (an id). Example: { "all": true }.',
          ),
        );
      }
      const exclusive = (['email', 'domain', 'contact_organization'] as const).filter((k) => args[k] !== undefined);
      if (exclusive.length > 1) {
        return Promise.resolve(
          invalidArguments(`Use only one of email, domain and contact_organization (got ${exclusive.join(', ')}).`),
        );
      }
      for (const key of exclusive) query[key] = args[key];
      query.organization = args.organization ?? ctx.defaults.organization;
      return listByUntil(ctx, {
        tool: 'list_all_missive_conversations',
        path: '/conversations',
        query,
        key: 'conversations',
        limit: args.limit ?? 25,
        cursor: args.cursor,
        timestampField: 'last_activity_at',
      });
    },
  }),
  defineTool({
    name: 'get_single_missive_conversation_by_id',
    title: 'Get a Missive conversation',
    description:
      'Gets one conversation by id: subject, assignees, users, team, shared labels, organization, counts, last activity. ' +
      'A merged conversation answers with the surviving conversation, whose id can differ from the one asked for. ' +
      'It holds no message bodies: read them with list_all_missive_conversation_messages. Read-only.',
    method: 'get',
    tags: ['conversations'],
    inputSchema: GetConversationInput,
    annotations: annotationsFor('get', 'Get a Missive conversation'),
    handler: getById({ collection: '/conversations', key: 'conversations', notFound: (id) => `conversation "${id}"` }),
  }),
  defineTool({
    name: 'update_a_missive_conversation_by_id',
    title: 'Update a Missive conversation',
    description:
      'Changes a conversation without posting or sending anything: close / reopen, move to the Inbox or a team inbox, ' +
      'assign / unassign users (assignees are notified by Missive), give users access, add / remove shared labels, ' +
      'recolor or rename. organization is required with add_to_team_inbox, add_assignees, add_users or ' +
      'add_shared_labels (the account default applies). There is no archive action: close is the closest.',
    method: 'update',
    tags: ['conversations'],
    inputSchema: UpdateConversationInput,
    annotations: annotationsFor('update', 'Update a Missive conversation', { notifies: true }),
    handler: (args, ctx) => {
      const path = idPath('/conversations/{id}', { id: args.id });
      if (typeof path !== 'string') return Promise.resolve(path);
      const changes = pickDefined(args, UPDATE_FIELDS);
      if (Object.keys(changes).length === 0) {
        return Promise.resolve(
          invalidArguments(`Nothing to change: pass at least one of ${UPDATE_FIELDS.join(', ')}.`),
        );
      }
      const conversation: Record<string, unknown> = { id: args.id, ...changes };
      const organization = args.organization ?? ctx.defaults.organization;
      if (NEEDS_ORGANIZATION.some((k) => changes[k] !== undefined)) {
        if (!organization) {
          return Promise.resolve(
            invalidArguments(
              'organization is required with add_to_team_inbox, add_assignees, add_users or add_shared_labels (id from list_all_missive_organizations).',
            ),
          );
        }
        conversation.organization = organization;
      } else if (args.organization !== undefined) {
        conversation.organization = args.organization;
      }
      return writeCall(ctx, { method: 'PATCH', path, body: { conversations: [conversation] } }, 'conversations', {
        notFound: `conversation "${args.id}"`,
      });
    },
  }),
  defineTool({
    name: 'missive_conversations_merge',
    title: 'Merge two Missive conversations',
    description:
      'Merges conversation id INTO target: messages, comments, posts and tasks of the source move to the target and the ' +
      'source disappears. IRREVERSIBLE: there is no un-merge. Missive may keep either id as the survivor; the answer ' +
      'gives the surviving conversation. Optionally renames it with subject.',
    method: 'merge',
    tags: ['conversations'],
    inputSchema: MergeInput,
    annotations: annotationsFor('merge', 'Merge two Missive conversations'),
    handler: (args, ctx) => {
      if (args.id === args.target)
        return Promise.resolve(invalidArguments('id and target must be two different conversations.'));
      const path = idPath('/conversations/{id}/merge', { id: args.id, target: args.target });
      if (typeof path !== 'string') return Promise.resolve(path);
      const body = { target: args.target, ...pickDefined(args, ['subject'] as const) };
      return writeCall(ctx, { method: 'POST', path, body }, 'conversations', {
        notFound: `conversation "${args.id}" or "${args.target}"`,
      });
    },
  }),
];
