/** Tasks: GET/POST /tasks, GET/PATCH /tasks/:id (Missive REST "Tasks"). */
import { z } from 'zod';
import { pickDefined } from '../body';
import { invalidArguments } from '../results';
import { writeCall } from './answers';
import { getById, idPath } from './by-id';
import { defineTool } from './define';
import { cursorField, idField, idList, limitField, organizationField, referencesField } from './fields';
import { LIST_TAGS_NOTE, listByUntil } from './lists';

const stateField = z.enum(['todo', 'in_progress', 'closed']);
const USER = 'User id (from list_all_missive_users)';

const ListTasksInput = z
  .object({
    organization: organizationField('Only tasks of this organization'),
    state: stateField.optional().describe('Only tasks in this state'),
    type: z
      .enum(['task', 'conversation', 'all'])
      .optional()
      .describe('"task": standalone and subtasks, "conversation": tasked conversations, "all" (default): both'),
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
  description: z.string().max(10_000).optional().describe('Details of the task (at most 10000 characters)'),
  state: stateField.optional().describe('todo, in_progress or closed'),
  assignees: idList(USER).describe('Users responsible for the task (they are notified)'),
  team: idField('Team of the task (id from list_all_missive_teams)').optional(),
  due_at: z.number().int().min(0).optional().describe('Due date as a Unix timestamp'),
};

const CreateTaskInput = z
  .object({
    title: z.string().min(1).max(1000).describe('Task title, e.g. "Review server logs"'),
    ...taskFields,
    organization: organizationField('Organization; required for a standalone task and with team, assignees, add_users'),
    conversation: idField('Make it a subtask of this conversation (from list_all_missive_conversations)').optional(),
    references: referencesField('Message-IDs naming the parent conversation of a subtask'),
    conversation_subject: z.string().max(998).optional().describe("Subject of the task's conversation"),
    add_users: idList(USER).describe('Users to give access to the task conversation'),
  })
  .strict();

const UpdateTaskInput = z
  .object({
    id: idField('Task id (from list_all_missive_tasks)'),
    title: z.string().min(1).max(1000).optional().describe('New title'),
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
    handler: (args, ctx, tool) =>
      listByUntil(ctx, {
        tool,
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
    description:
      'Gets one task by id (from list_all_missive_tasks) with its assignees (user objects), team and due date. Read-only.',
    method: 'get',
    tags: ['tasks'],
    inputSchema: GetTaskInput,
    handler: getById({ collection: '/tasks', key: 'tasks', notFound: (id) => `task "${id}"` }),
  }),
  defineTool({
    name: 'create_a_missive_task',
    title: 'Create a Missive task',
    description:
      'Creates a task: a subtask of a conversation when conversation (or references) is given, else a standalone task, ' +
      'which needs organization (the account default applies) and a team (the account default team applies) or ' +
      'assignees. Assignees are notified. Returns the task with its id.',
    method: 'create',
    tags: ['tasks'],
    inputSchema: CreateTaskInput,
    notifies: true,
    handler: async (args, ctx) => {
      const subtask = args.conversation !== undefined || args.references !== undefined;
      const team = args.team ?? (subtask ? undefined : ctx.defaults.team);
      const needsOrganization =
        !subtask || team !== undefined || args.assignees !== undefined || args.add_users !== undefined;
      const organization = args.organization ?? (needsOrganization ? ctx.defaults.organization : undefined);
      if (needsOrganization && !organization) {
        return invalidArguments(
          'organization is required for a standalone task and with team, assignees or add_users (id from list_all_missive_organizations).',
        );
      }
      if (!subtask && team === undefined && args.assignees === undefined) {
        return invalidArguments(
          'A standalone task needs a team (list_all_missive_teams) or assignees (list_all_missive_users).',
        );
      }
      const task = {
        title: args.title,
        ...pickDefined(args, [
          ...TASK_FIELDS,
          'conversation',
          'references',
          'conversation_subject',
          'add_users',
        ] as const),
        team,
        organization,
        // Missive makes a subtask only with subtask: true next to conversation or references.
        subtask: subtask ? true : undefined,
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
    notifies: true,
    handler: async (args, ctx) => {
      const path = idPath('/tasks/{id}', { id: args.id });
      if (typeof path !== 'string') return path;
      const changes = pickDefined(args, ['title', ...TASK_FIELDS] as const);
      if (Object.keys(changes).length === 0) {
        return invalidArguments('Nothing to change: pass title, description, state, assignees, team or due_at.');
      }
      return writeCall(ctx, { method: 'PATCH', path, body: { tasks: changes } }, 'tasks', {
        notFound: `task "${args.id}"`,
      });
    },
  }),
];
