/** Tasks: GET/POST /tasks, GET/PATCH /tasks/:id (Missive REST "Tasks"). */
import { z } from 'zod';
import { pickDefined } from '../body';
import { idField } from '../ids';
import { invalidArguments } from '../results';
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

const stateField = z.enum(['todo', 'in_progress', 'closed']);
const userIds = (what: string) =>
  z.array(idField('User id (from list_all_missive_users)')).max(50).optional().describe(what);

const ListTasksInput = z
  .object({
    organization: organizationField('Only tasks of this organization'),
    state: stateField.optional().describe('Only tasks in this state'),
    type: z
      .enum(['task', 'conversation', 'all'])
      .optional()
      .describe('"task": standalone and subtasks, "conversation": tasked conversations, "all": both'),
    team: idField('Only tasks of this team (id from list_all_missive_teams)').optional(),
    assignee: idField('Only tasks assigned to this user (id from list_all_missive_users)').optional(),
    conversation: idField('Only subtasks of this conversation (id from list_all_missive_conversations)').optional(),
    due_at_gteq: z.number().int().min(0).optional().describe('Due at or after this Unix timestamp'),
    due_at_lteq: z.number().int().min(0).optional().describe('Due at or before this Unix timestamp'),
    limit: limitField(50, 25, 2),
    cursor: cursorField,
  })
  .strict();

const GetTaskInput = z
  .object({ id: idField('Task id (from list_all_missive_tasks or create_a_missive_task)') })
  .strict();

const taskFields = {
  description: z.string().max(50_000).optional().describe('Details of the task'),
  state: stateField.optional().describe('todo, in_progress or closed'),
  assignees: userIds('Users responsible for the task (they are notified)'),
  team: idField('Team of the task (id from list_all_missive_teams, e.g. "Backend Engineering")').optional(),
  due_at: z.number().int().min(0).optional().describe('Due date as a Unix timestamp'),
};

const CreateTaskInput = z
  .object({
    title: z.string().min(1).max(500).describe('Task title, e.g. "Review server logs"'),
    ...taskFields,
    organization: organizationField('Organization; Missive requires it with team, assignees or add_users'),
    conversation: idField(
      'Make it a subtask of this conversation (id from list_all_missive_conversations); a standalone task otherwise',
    ).optional(),
    references: z
      .array(z.string().max(998))
      .max(50)
      .optional()
      .describe('Message-IDs identifying the parent conversation'),
    add_users: userIds('Users to give access to the task conversation'),
  })
  .strict();

const UpdateTaskInput = z
  .object({
    id: idField('Task id (from list_all_missive_tasks)'),
    title: z.string().min(1).max(500).optional().describe('New title'),
    ...taskFields,
  })
  .strict();

const TASK_FIELDS = ['description', 'state', 'assignees', 'team', 'due_at'] as const;

export const tasksTools = [
  defineTool({
    name: 'list_all_missive_tasks',
    title: 'List Missive tasks',
    description:
      'Lists tasks the account can access, most recent activity first: id, title, description, state, assignees, team, ' +
      'due_at, conversation. Filter by state, type, team, assignee, conversation or due-date range. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['tasks'],
    inputSchema: ListTasksInput,
    annotations: annotationsFor('list', 'List Missive tasks'),
    handler: (args, ctx) =>
      listByUntil(ctx, {
        tool: 'list_all_missive_tasks',
        path: '/tasks',
        query: {
          organization: args.organization ?? ctx.defaults.organization,
          ...pickDefined(args, [
            'state',
            'type',
            'team',
            'assignee',
            'conversation',
            'due_at_gteq',
            'due_at_lteq',
          ] as const),
        },
        key: 'tasks',
        limit: args.limit ?? 25,
        cursor: args.cursor,
        timestampField: 'last_activity_at',
      }),
  }),
  defineTool({
    name: 'get_single_missive_task_by_id',
    title: 'Get a Missive task',
    description: 'Gets one task by id (from list_all_missive_tasks) with its assignees, team and due date. Read-only.',
    method: 'get',
    tags: ['tasks'],
    inputSchema: GetTaskInput,
    annotations: annotationsFor('get', 'Get a Missive task'),
    handler: getById({ collection: '/tasks', key: 'tasks', notFound: (id) => `task "${id}"` }),
  }),
  defineTool({
    name: 'create_a_missive_task',
    title: 'Create a Missive task',
    description:
      'Creates a task: standalone, or a subtask of a conversation when conversation (or references) is given. Needs ' +
      'title; a standalone task also needs organization (the account default applies) and a team (id from ' +
      "list_all_missive_teams; the account's default team applies) or assignees (ids from list_all_missive_users). " +
      'Assignees are notified. Returns the task with its id.',
    method: 'create',
    tags: ['tasks'],
    inputSchema: CreateTaskInput,
    annotations: annotationsFor('create', 'Create a Missive task', { notifies: true }),
    handler: (args, ctx) => {
      const standalone = args.conversation === undefined && args.references === undefined;
      const team = args.team ?? (standalone ? ctx.defaults.team : undefined);
      const needsOrganization = team !== undefined || args.assignees !== undefined || args.add_users !== undefined;
      const organization =
        args.organization ?? (standalone || needsOrganization ? ctx.defaults.organization : undefined);
      if ((standalone || needsOrganization) && !organization) {
        return Promise.resolve(
          invalidArguments(
            'organization is required for a standalone task and with team, assignees or add_users (id from list_all_missive_organizations).',
          ),
        );
      }
      if (standalone && team === undefined && args.assignees === undefined) {
        return Promise.resolve(
          invalidArguments(
            'A standalone task needs a team (list_all_missive_teams) or assignees (list_all_missive_users).',
          ),
        );
      }
      const task = {
        title: args.title,
        ...pickDefined(args, [...TASK_FIELDS, 'conversation', 'references', 'add_users'] as const),
        team,
        organization,
      };
      return writeCall(ctx, { method: 'POST', path: '/tasks', body: { tasks: task } }, 'tasks', {
        notFound: args.conversation ? `conversation "${args.conversation}"` : undefined,
      });
    },
  }),
  defineTool({
    name: 'update_a_missive_task_by_id',
    title: 'Update a Missive task',
    description:
      'Changes a task by id (from list_all_missive_tasks): title, description, state (e.g. closed when done), assignees, ' +
      'team, due_at. Only the fields given change.',
    method: 'update',
    tags: ['tasks'],
    inputSchema: UpdateTaskInput,
    annotations: annotationsFor('update', 'Update a Missive task', { notifies: true }),
    handler: (args, ctx) => {
      const path = idPath('/tasks/{id}', { id: args.id });
      if (typeof path !== 'string') return Promise.resolve(path);
      const changes = pickDefined(args, ['title', ...TASK_FIELDS] as const);
      if (Object.keys(changes).length === 0) {
        return Promise.resolve(
          invalidArguments('Nothing to change: pass title, description, state, assignees, team or due_at.'),
        );
      }
      return writeCall(ctx, { method: 'PATCH', path, body: { tasks: changes } }, 'tasks', {
        notFound: `task "${args.id}"`,
      });
    },
  }),
];
