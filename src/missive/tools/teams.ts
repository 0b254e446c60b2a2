/** Teams: GET/POST /teams, PATCH /teams/:id (Missive REST "Teams"). */
import { z } from 'zod';
import { pickDefined } from '../body';
import { writeCall } from './answers';
import { requiredDefault, updateById } from './by-id';
import { defineTool } from './define';
import { cursorField, idField, limitField, organizationField, moreIdsField } from './fields';
import { LIST_TAGS_NOTE, listInOrganization } from './lists';

const userIds = (what: string) =>
  z.array(idField('User id (from list_all_missive_users)')).max(200).optional().describe(what);

const setting = (what: string) =>
  z.string().max(60).optional().describe(`${what} (a value of Missive's team settings)`);

/** Team settings documented for POST and PATCH /teams (admins and owners only). */
const teamSettings = {
  emoji: z.string().max(20).optional().describe('Emoji shown with the team'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional()
    .describe('Team color, e.g. "#2266ff"'),
  inactivity_period: z.number().int().min(0).optional().describe('Inactivity period setting'),
  team_mention_behavior: setting('What a team mention does'),
  user_reply_behavior: setting('What happens when a member replies'),
  received_reply_behavior: setting('What happens when a reply is received'),
  team_sidebar_behavior: setting('How the team shows in the sidebar'),
  team_inbox_enabled: z.boolean().optional().describe('true: the team has a team inbox'),
  chat_room_enabled: z.boolean().optional().describe('true: the team has a chat room'),
};

const ListTeamsInput = z
  .object({
    organization: organizationField('Only teams of this organization (id from list_all_missive_organizations)'),
    limit: limitField(200, 50),
    cursor: cursorField,
  })
  .strict();

const CreateTeamInput = z
  .object({
    name: z.string().min(1).max(200).describe('Team name, e.g. "Backend Engineering"'),
    organization: organizationField('Organization the team belongs to (required by Missive)'),
    active_members: userIds('User ids who are active members of the team'),
    observers: userIds('User ids who observe the team'),
    ...teamSettings,
  })
  .strict();

const UpdateTeamInput = z
  .object({
    id: idField('Team id (from list_all_missive_teams)'),
    more_ids: moreIdsField('Team id'),
    name: z.string().min(1).max(200).optional().describe('New team name'),
    active_members: userIds('Replaces the active member list with these user ids'),
    observers: userIds('Replaces the observer list with these user ids'),
    ...teamSettings,
  })
  .strict();

const TEAM_FIELDS = [
  'name',
  'active_members',
  'observers',
  ...(Object.keys(teamSettings) as (keyof typeof teamSettings)[]),
] as const;

export const teamsTools = [
  defineTool({
    name: 'list_all_missive_teams',
    title: 'List Missive teams',
    description:
      'Lists the teams of the organizations the account can access: id, name, organization. Use it to find a team id by ' +
      'name (e.g. "Backend Engineering") for tasks, drafts, posts and the team_inbox/team_all conversation filters. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['teams'],
    inputSchema: ListTeamsInput,
    handler: listInOrganization({ path: '/teams', key: 'teams' }),
  }),
  defineTool({
    name: 'create_a_missive_team',
    title: 'Create a Missive team',
    description:
      'Creates a team in an organization. Needs name and organization (the account default applies when omitted); ' +
      'Missive only allows this for organization admins and owners. Returns the new team with its id.',
    method: 'create',
    tags: ['teams'],
    inputSchema: CreateTeamInput,
    handler: async (args, ctx) => {
      const organization = requiredDefault('organization', args.organization, ctx);
      if (typeof organization !== 'string') return organization;
      const team = { ...pickDefined(args, TEAM_FIELDS), organization };
      return writeCall(ctx, { method: 'POST', path: '/teams', body: { teams: [team] } }, 'teams');
    },
  }),
  defineTool({
    name: 'update_a_missive_team_by_id',
    title: 'Update a Missive team',
    description:
      'Changes a team by id (from list_all_missive_teams): name, active_members, observers. Only the fields given change; ' +
      'active_members and observers replace the whole list. Organization admins and owners only.',
    method: 'update',
    tags: ['teams'],
    inputSchema: UpdateTeamInput,
    handler: updateById({
      collection: '/teams',
      key: 'teams',
      notFound: (id) => `team "${id}"`,
      changes: (args: z.infer<typeof UpdateTeamInput>) => pickDefined(args, TEAM_FIELDS),
      nothingToChange: 'Nothing to change: pass a name, members or a setting.',
    }),
  }),
];
