/** Teams: GET/POST /teams, PATCH /teams/:id (Missive REST "Teams"). */
import { z } from 'zod';
import { pickDefined } from '../body';
import { idField } from '../ids';
import {
  annotationsFor,
  cursorField,
  defineTool,
  idPath,
  limitField,
  LIST_TAGS_NOTE,
  listInOrganization,
  organizationField,
  requiredDefault,
  writeCall,
} from './shared';

const userIds = (what: string) =>
  z.array(idField('User id (from list_all_missive_users)')).max(200).optional().describe(what);

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
  })
  .strict();

const UpdateTeamInput = z
  .object({
    id: idField('Team id (from list_all_missive_teams)'),
    name: z.string().min(1).max(200).optional().describe('New team name'),
    active_members: userIds('Replaces the active member list with these user ids'),
    observers: userIds('Replaces the observer list with these user ids'),
  })
  .strict();

const TEAM_FIELDS = ['name', 'active_members', 'observers'] as const;

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
    annotations: annotationsFor('list', 'List Missive teams'),
    handler: listInOrganization({ tool: 'list_all_missive_teams', path: '/teams', key: 'teams' }),
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
    annotations: annotationsFor('create', 'Create a Missive team'),
    handler: (args, ctx) => {
      const organization = requiredDefault('organization', args.organization, ctx);
      if (typeof organization !== 'string') return Promise.resolve(organization);
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
    annotations: annotationsFor('update', 'Update a Missive team'),
    handler: (args, ctx) => {
      const path = idPath('/teams/{id}', { id: args.id });
      if (typeof path !== 'string') return Promise.resolve(path);
      const team = { id: args.id, ...pickDefined(args, TEAM_FIELDS) };
      return writeCall(ctx, { method: 'PATCH', path, body: { teams: [team] } }, 'teams', {
        notFound: `team "${args.id}"`,
      });
    },
  }),
];
