/**
 * The conversation actions POST /posts, POST /drafts, POST /messages and PATCH /conversations share
 * (missive-api.md "Conversation actions"), and the combinations Missive refuses, checked before any
 * request: `add_to_team_inbox` is a boolean that needs `team`; `force_team` needs `team`;
 * `organization` is required with `team`, `add_users` and `add_assignees` (the account default fills it).
 */
import { z } from 'zod';
import { pickDefined } from '../body';
import { invalidArguments } from '../results';
import type { ToolContext, ToolOutcome } from '../tool-definition';
import { idField, idList, organizationField } from './fields';

const USER = 'User id (from list_all_missive_users)';
const LABEL = 'Shared label id (from list_all_missive_shared_labels)';

/** The action fields, spread into each write schema. `reopen` is described per tool. */
export const conversationActionFields = {
  close: z.boolean().optional().describe('true: close (archive) the conversation'),
  add_to_inbox: z.boolean().optional().describe('true: move the conversation back into the Inbox'),
  team: idField('Team of the conversation (id from list_all_missive_teams)').optional(),
  add_to_team_inbox: z.boolean().optional().describe("true: move the conversation into team's inbox (needs team)"),
  force_team: z.boolean().optional().describe('true: move a conversation that already has a team to team'),
  organization: organizationField('Organization of the conversation; needed with team, add_users, add_assignees'),
  add_users: idList(USER).describe('Users to give access'),
  add_assignees: idList(USER).describe('Users to assign (they are notified)'),
  remove_assignees: idList(USER).describe('Users to unassign'),
  add_shared_labels: idList(LABEL).describe('Shared labels to add'),
  remove_shared_labels: idList(LABEL).describe('Shared labels to remove'),
  conversation_subject: z.string().max(998).optional().describe('New subject of the conversation'),
  conversation_color: z
    .string()
    .regex(/^(#[0-9a-fA-F]{6}|good|warning|danger)$/)
    .optional()
    .describe('Conversation color: "#2266ff"-style hex, or good / warning / danger'),
};

export const CONVERSATION_ACTION_KEYS = [
  'close',
  'reopen',
  'add_to_inbox',
  'team',
  'add_to_team_inbox',
  'force_team',
  'add_users',
  'add_assignees',
  'remove_assignees',
  'add_shared_labels',
  'remove_shared_labels',
  'conversation_subject',
  'conversation_color',
] as const;

type ActionKey = (typeof CONVERSATION_ACTION_KEYS)[number];
export type ConversationActionArgs = { [K in ActionKey]?: unknown } & { organization?: string };

/**
 * The action fields to send (undefined ones dropped), with `organization` from the account default
 * where Missive requires it; an invalid-arguments outcome for a combination Missive refuses.
 * `defaultTeam` (a new conversation's team from the account defaults) is used only when given.
 */
export function conversationActions(
  args: ConversationActionArgs,
  ctx: ToolContext,
  defaultTeam?: string,
): { ok: true; fields: Record<string, unknown> } | { ok: false; outcome: ToolOutcome } {
  const refuse = (message: string) => ({ ok: false as const, outcome: invalidArguments(message) });
  const actions: Record<string, unknown> = pickDefined(args, CONVERSATION_ACTION_KEYS);
  if (actions.team === undefined && defaultTeam !== undefined) actions.team = defaultTeam;
  if (actions.add_to_team_inbox === true && actions.team === undefined) {
    return refuse('add_to_team_inbox needs team (the team id from list_all_missive_teams).');
  }
  if (actions.force_team === true && actions.team === undefined) {
    return refuse('force_team needs team (the team id from list_all_missive_teams).');
  }
  const needsOrganization = ['team', 'add_users', 'add_assignees'].some((k) => actions[k] !== undefined);
  const organization = args.organization ?? (needsOrganization ? ctx.defaults.organization : undefined);
  if (needsOrganization && !organization) {
    return refuse(
      'organization is required with team, add_users or add_assignees (id from list_all_missive_organizations).',
    );
  }
  if (organization !== undefined) actions.organization = organization;
  return { ok: true, fields: actions };
}
