/**
 * Conversations: GET /conversations, GET /conversations/:id, PATCH /conversations/:ids,
 * POST /conversations/:id/merge (Missive REST "Conversations").
 */
import { z } from 'zod';
import { pickDefined } from '../body';
import { callMissive } from '../client';
import { invalidArguments, toolFailure } from '../results';
import type { ToolContext, ToolOutcome } from '../tool-definition';
import type { QueryValue } from '../upstream';
import { extractList, unexpectedAnswer, writeCall } from './answers';
import { batchSegment, getById, idPath, idsOf } from './by-id';
import { CONVERSATION_ACTION_KEYS, conversationActionFields, conversationActions } from './conversation-actions';
import { defineTool } from './define';
import { cursorField, idField, limitField, organizationField, moreIdsField } from './fields';
import { LIST_TAGS_NOTE, listByUntil } from './lists';
import { toolSuccess } from '../results';

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
const CONTACT_FILTERS = ['email', 'domain', 'contact_organization'] as const;

const mailboxFlag = (what: string) => z.boolean().optional().describe(`true: ${what}`);
const TEAM = 'team id from list_all_missive_teams';

const ListConversationsInput = z
  .object({
    inbox: mailboxFlag('in the Inbox'),
    all: mailboxFlag('every mailbox except trash and spam'),
    assigned: mailboxFlag('assigned to the account owner'),
    closed: mailboxFlag('closed (archived)'),
    snoozed: mailboxFlag('snoozed'),
    flagged: mailboxFlag('flagged (starred)'),
    trashed: mailboxFlag('in the trash'),
    junked: mailboxFlag('in spam'),
    drafts: mailboxFlag('holding drafts'),
    shared_label: idField('Carrying this shared label (id from list_all_missive_shared_labels)').optional(),
    team_inbox: idField(`In a team's inbox (${TEAM})`).optional(),
    team_closed: idField(`A team's closed conversations (${TEAM})`).optional(),
    team_all: idField(`All of a team's conversations (${TEAM})`).optional(),
    organization: organizationField('Only this organization (ignored with a label or team filter)'),
    email: z.string().max(320).optional().describe('With this email address (see description)'),
    domain: z.string().max(253).optional().describe('With addresses of this domain (see description)'),
    contact_organization: idField('With contacts of this contact organization (see description)').optional(),
    limit: limitField(50, 25),
    cursor: cursorField,
  })
  .strict();

const GetConversationInput = z
  .object({ id: idField('Conversation id (from list_all_missive_conversations or a message/task)') })
  .strict();

const UpdateConversationInput = z
  .object({
    id: idField('Conversation id to change (from list_all_missive_conversations)'),
    more_ids: moreIdsField('Conversation id'),
    reopen: z.boolean().optional().describe('true: reopen a closed conversation'),
    ...conversationActionFields,
  })
  .strict();

const MergeInput = z
  .object({
    id: idField('Conversation to merge away (the source; from list_all_missive_conversations)'),
    target: idField('Conversation to merge into (the target)'),
    subject: z.string().max(998).optional().describe('Subject of the merged conversation'),
  })
  .strict();

/** What a model should do when this Missive has no conversation update endpoint. */
const NO_PATCH =
  "This account's Missive does not support updating conversations directly. Use create_a_missive_post on the " +
  'conversation with the same actions (close, add_to_inbox, add_assignees, add_shared_labels, …) instead.';

/** A 404 on PATCH means an unknown conversation or an unknown endpoint: one GET tells which. */
async function explainPatchFailure(
  ctx: ToolContext,
  id: string,
  outcome: ToolOutcome,
  status: number | null,
): Promise<ToolOutcome> {
  if (status === 405) return toolFailure('rejected', NO_PATCH, { status });
  if (status !== 404) return outcome;
  const path = idPath('/conversations/{id}', { id });
  if (typeof path !== 'string') return path;
  const probe = await callMissive(ctx, { method: 'GET', path }, { notFound: `conversation "${id}"` });
  if (!probe.ok) return probe.outcome;
  return toolFailure('rejected', NO_PATCH, { status });
}

export const conversationsTools = [
  defineTool({
    name: 'list_all_missive_conversations',
    title: 'List Missive conversations',
    description:
      'Lists conversations, newest activity first: id, subject, assignees, users, shared_labels, team, counts, ' +
      'last_activity_at, web/app URLs. Needs one mailbox filter: inbox, all, assigned, closed, snoozed, flagged, ' +
      'trashed, junked, drafts (true), or shared_label / team_inbox / team_closed / team_all (an id). Items with only ' +
      'id and last_activity_at are conversations where the account is a guest. email, domain and contact_organization ' +
      "(one at most) are NOT in Missive's official parameter table: if Missive ignores them the list is unfiltered, " +
      'so check the participants. Read the content with list_all_missive_conversation_messages. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['conversations'],
    inputSchema: ListConversationsInput,
    handler: async (args, ctx, tool) => {
      const query: Record<string, QueryValue> = {};
      for (const flag of BOOLEAN_MAILBOXES) if (args[flag] === true) query[flag] = true;
      for (const key of ID_MAILBOXES) if (args[key] !== undefined) query[key] = args[key];
      if (Object.keys(query).length === 0) {
        return invalidArguments(
          'Pass at least one mailbox filter: inbox, all, assigned, closed, snoozed, flagged, trashed, junked or drafts ' +
            '(true), or shared_label, team_inbox, team_closed or team_all (an id). Example: { "all": true }.',
        );
      }
      const exclusive = CONTACT_FILTERS.filter((k) => args[k] !== undefined);
      if (exclusive.length > 1) {
        return invalidArguments(
          `Use only one of email, domain and contact_organization (got ${exclusive.join(', ')}).`,
        );
      }
      for (const key of exclusive) query[key] = args[key];
      query.organization = args.organization ?? ctx.defaults.organization;
      return listByUntil(ctx, {
        tool,
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
      'A merged id answers with the surviving conversation (its id can differ). No message bodies: read them with ' +
      'list_all_missive_conversation_messages. Read-only.',
    method: 'get',
    tags: ['conversations'],
    inputSchema: GetConversationInput,
    handler: getById({ collection: '/conversations', key: 'conversations', notFound: (id) => `conversation "${id}"` }),
  }),
  defineTool({
    name: 'update_a_missive_conversation_by_id',
    title: 'Update a Missive conversation',
    description:
      'Changes a conversation without posting or sending: close / reopen, move to the Inbox or (add_to_team_inbox with ' +
      'team) a team inbox, assign / unassign (assignees are notified), add users, add / remove shared labels, rename, ' +
      "recolor. Missive's 2025 reference lacks this endpoint (newer copies list it): where this account's Missive " +
      'lacks it the tool says so; then use create_a_missive_post with the same actions.',
    method: 'update',
    tags: ['conversations'],
    inputSchema: UpdateConversationInput,
    notifies: true,
    handler: async (args, ctx) => {
      const ids = idsOf(args);
      const segment = batchSegment('id and more_ids', ids);
      if (typeof segment !== 'string') return segment;
      const path = `/conversations/${segment}`;
      const actions = conversationActions(args, ctx);
      if (!actions.ok) return actions.outcome;
      if (CONVERSATION_ACTION_KEYS.every((k) => actions.fields[k] === undefined)) {
        return invalidArguments(`Nothing to change: pass at least one of ${CONVERSATION_ACTION_KEYS.join(', ')}.`);
      }
      const body = { conversations: ids.map((id) => ({ id, ...actions.fields })) };
      const notFound = ids.length === 1 ? `conversation "${args.id}"` : `one of ${ids.length} conversations`;
      const call = await callMissive(ctx, { method: 'PATCH', path, body }, { notFound });
      if (!call.ok) return explainPatchFailure(ctx, args.id, call.outcome, call.status);
      const items = call.data === null ? [] : extractList(call.data, 'conversations');
      if (items === null) return unexpectedAnswer();
      if (ids.length > 1) return toolSuccess({ result: items, result_count: items.length }, call.upstream);
      return toolSuccess({ result: items[0] ?? {} }, call.upstream);
    },
  }),
  defineTool({
    name: 'missive_conversations_merge',
    title: 'Merge two Missive conversations',
    description:
      'Merges conversation id INTO target: messages, comments, posts and tasks of the source move to the target and the ' +
      'source disappears. IRREVERSIBLE: there is no un-merge. The answer gives the surviving conversation. Optionally ' +
      'renames it with subject.',
    method: 'merge',
    tags: ['conversations'],
    inputSchema: MergeInput,
    handler: async (args, ctx) => {
      if (args.id === args.target) return invalidArguments('id and target must be two different conversations.');
      const path = idPath('/conversations/{id}/merge', { id: args.id, target: args.target });
      if (typeof path !== 'string') return path;
      const body = { target: args.target, ...pickDefined(args, ['subject'] as const) };
      return writeCall(ctx, { method: 'POST', path, body }, 'conversations', {
        notFound: `conversation "${args.id}" or "${args.target}"`,
      });
    },
  }),
];
