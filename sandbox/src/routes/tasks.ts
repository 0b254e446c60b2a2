/** Tasks: filtered list (limit 2-50, until on last_activity_at, no offset), get, create, partial update. */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ApiError,
  intQuery,
  me,
  notFound,
  nowSeconds,
  readBody,
  requireOrg,
  timestampQuery,
  visibleOrgs,
  type SandboxContext,
  type SandboxEnv,
} from '../http';
import { pageUntil } from '../pagination';
import { taskDetailJson, taskJson } from '../serialize';
import { config, data } from '../store';
import type { Task } from '../types';
import { targetConversation } from './writes-common';

export const taskRoutes = new Hono<SandboxEnv>();

const STATES = ['todo', 'in_progress', 'closed'] as const;

function visibleTask(c: SandboxContext, id: string): Task {
  const task = data().tasks.get(id);
  if (!task || !me(c).organizations.includes(task.organization)) throw notFound('Task');
  return task;
}

taskRoutes.get('/tasks', (c) => {
  const orgs = visibleOrgs(c);
  const state = c.req.query('state');
  if (state !== undefined && !(STATES as readonly string[]).includes(state)) {
    throw new ApiError(400, 'state must be todo, in_progress or closed');
  }
  const type = c.req.query('type') ?? 'all';
  if (type !== 'task' && type !== 'conversation' && type !== 'all') {
    throw new ApiError(400, 'type must be task, conversation or all');
  }
  const limit = intQuery(c, 'limit', 2, 50, 25);
  const until = timestampQuery(c, 'until');
  const team = c.req.query('team');
  const assignee = c.req.query('assignee');
  const conversation = c.req.query('conversation');
  const dueFrom = timestampQuery(c, 'due_at_gteq');
  const dueTo = timestampQuery(c, 'due_at_lteq');
  const tasks = [...data().tasks.values()].filter(
    (t) =>
      orgs.includes(t.organization) &&
      (state === undefined || t.state === state) &&
      (type === 'all' || t.type === type) &&
      (!team || t.team === team) &&
      (!assignee || t.assignees.includes(assignee)) &&
      (!conversation || t.conversation === conversation) &&
      (dueFrom === undefined || (t.due_at !== null && t.due_at >= dueFrom)) &&
      (dueTo === undefined || (t.due_at !== null && t.due_at <= dueTo)),
  );
  const page = pageUntil(tasks, (t) => t.last_activity_at, until, limit, config().variants.oversizePages);
  return c.json({ tasks: page.map(taskJson) });
});

/** One task: `{ tasks: {…} }` with `assignees` as user objects and `team` as an object. */
taskRoutes.get('/tasks/:id', (c) => c.json({ tasks: taskDetailJson(visibleTask(c, c.req.param('id'))) }));

const TaskCreateBody = z.object({
  tasks: z.object({
    title: z.string().min(1).max(1000),
    description: z.string().max(10_000).optional(),
    state: z.enum(STATES).optional(),
    assignees: z.array(z.string()).optional(),
    team: z.string().optional(),
    organization: z.string().optional(),
    due_at: z.number().int().optional(),
    conversation: z.string().optional(),
    references: z.array(z.string()).optional(),
    add_users: z.array(z.string()).optional(),
    subtask: z.boolean().optional(),
    conversation_subject: z.string().optional(),
  }),
});
const TaskUpdateBody = z.object({
  tasks: z.object({
    title: z.string().min(1).max(1000).optional(),
    description: z.string().max(10_000).nullable().optional(),
    state: z.enum(STATES).optional(),
    assignees: z.array(z.string()).optional(),
    team: z.string().nullable().optional(),
    due_at: z.number().int().nullable().optional(),
  }),
});

taskRoutes.post('/tasks', async (c) => {
  const { tasks: input } = await readBody(c, TaskCreateBody);
  const hasParent = input.conversation !== undefined || (input.references?.length ?? 0) > 0;
  // A subtask is created only with subtask: true plus conversation or references.
  if (hasParent && input.subtask !== true)
    throw new ApiError(400, 'subtask must be true with conversation or references');
  if (input.subtask === true && !hasParent) throw new ApiError(400, 'subtask requires conversation or references');
  const parent = targetConversation(c, input.conversation, input.references);
  if (hasParent && !parent) throw notFound('Conversation');
  const organization = parent?.organization ?? input.organization;
  if (!organization) throw new ApiError(400, 'organization is required for a standalone task');
  requireOrg(c, organization);
  if (!parent && !input.team && !input.assignees?.length) {
    throw new ApiError(400, 'A standalone task needs a team or assignees');
  }
  const now = nowSeconds();
  const task: Task = {
    id: crypto.randomUUID(),
    title: input.title,
    description: input.description ?? null,
    state: input.state ?? 'todo',
    type: 'task',
    organization,
    team: input.team ?? null,
    assignees: input.assignees ?? [],
    conversation: parent?.id ?? null,
    parent_conversation: parent?.id ?? null,
    due_at: input.due_at ?? null,
    created_at: now,
    last_activity_at: now,
  };
  data().tasks.set(task.id, task);
  return c.json({ tasks: taskJson(task) }, 201);
});

taskRoutes.patch('/tasks/:id', async (c) => {
  const task = visibleTask(c, c.req.param('id'));
  const { tasks: patch } = await readBody(c, TaskUpdateBody);
  if (patch.title !== undefined) task.title = patch.title;
  if (patch.description !== undefined) task.description = patch.description;
  if (patch.state !== undefined) task.state = patch.state;
  if (patch.assignees !== undefined) task.assignees = patch.assignees;
  if (patch.team !== undefined) task.team = patch.team;
  if (patch.due_at !== undefined) task.due_at = patch.due_at;
  task.last_activity_at = Math.max(task.last_activity_at, nowSeconds());
  return c.json({ tasks: taskJson(task) });
});
