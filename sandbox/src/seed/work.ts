/** Seeds tasks and canned responses. */
import type { CannedResponse, Task } from '../types';
import { SANDBOX_ORGS, SANDBOX_RESPONSE_ID, SANDBOX_TASK_ID, SANDBOX_TEAMS, SANDBOX_USERS } from './fixtures';
import { SEED_NOW, FIRST_NAMES, type SeedBuilder } from './vocabulary';

export function seedTasks({ rng, data }: SeedBuilder): void {
  const u = SANDBOX_USERS;
  const states: Task['state'][] = ['todo', 'in_progress', 'closed'];
  const acmeConversations = [...data.conversations.values()].filter((c) => c.organization === SANDBOX_ORGS.acme.id);
  for (let k = 0; k < 40; k++) {
    const conversationTask = k % 3 === 2;
    const task: Task = {
      id: k === 0 ? SANDBOX_TASK_ID : rng.uuid(),
      title:
        k === 0
          ? 'Write the post-mortem for the checkout outage'
          : `${rng.pick(['Follow up', 'Review', 'Call back', 'Prepare quote for'])} ${rng.pick(FIRST_NAMES)}`,
      description: k % 2 === 0 ? 'Details in the linked conversation.' : null,
      state: states[k % 3] as Task['state'],
      type: conversationTask ? 'conversation' : 'task',
      organization: SANDBOX_ORGS.acme.id,
      team: k % 2 === 0 ? SANDBOX_TEAMS.acmeBackend.id : SANDBOX_TEAMS.acmeCustomerSuccess.id,
      assignees: k % 4 === 0 ? [u.acmeMe.id] : [u.acmeBob.id],
      conversation: conversationTask ? (acmeConversations[k]?.id ?? null) : null,
      parent_conversation: null,
      due_at: SEED_NOW + 86_400 * ((k % 10) - 3),
      created_at: SEED_NOW - 86_400 * 3 - k * 7_200,
      last_activity_at: SEED_NOW - 900 - k * 7_200,
    };
    data.tasks.set(task.id, task);
  }
  for (let k = 0; k < 12; k++) {
    const task: Task = {
      id: rng.uuid(),
      title: `Globex task ${k + 1}`,
      description: null,
      state: states[k % 3] as Task['state'],
      type: 'task',
      organization: SANDBOX_ORGS.globex.id,
      team: SANDBOX_TEAMS.globexOps.id,
      assignees: [u.globexMe.id],
      conversation: null,
      parent_conversation: null,
      due_at: null,
      created_at: SEED_NOW - 86_400 - k * 3_600,
      last_activity_at: SEED_NOW - 1_200 - k * 3_600,
    };
    data.tasks.set(task.id, task);
  }
}

export function seedResponses({ rng, data }: SeedBuilder): void {
  const titles = [
    'Thanks for reaching out',
    'Password reset steps',
    'Refund confirmation',
    'Escalated to engineering',
    'Outage acknowledgement',
    'Invoice copy',
    'Feature request logged',
    'Closing the ticket',
  ];
  const add = (r: Omit<CannedResponse, 'created_at' | 'modified_at'>, k: number): void => {
    data.responses.set(r.id, {
      ...r,
      created_at: SEED_NOW - 86_400 * 30 + k * 3_600,
      modified_at: SEED_NOW - k * 3_600,
    });
  };
  titles.forEach((title, k) =>
    add(
      {
        id: k === 0 ? SANDBOX_RESPONSE_ID : rng.uuid(),
        title,
        subject: k % 2 === 0 ? title : null,
        body: `<p>Hello {{contact.first_name}},</p><p>${title}.</p><p>— Acme Support</p>`,
        organization: SANDBOX_ORGS.acme.id,
        user: null,
        attachments: [],
      },
      k,
    ),
  );
  for (let k = 0; k < 2; k++) {
    add(
      {
        id: rng.uuid(),
        title: `Alice personal snippet ${k + 1}`,
        subject: null,
        body: '<p>Talk soon, Alice</p>',
        organization: null,
        user: SANDBOX_USERS.acmeMe.id,
        attachments: [],
      },
      10 + k,
    );
  }
  for (let k = 0; k < 3; k++) {
    add(
      {
        id: rng.uuid(),
        title: `Globex reply ${k + 1}`,
        subject: null,
        body: '<p>Globex Operations</p>',
        organization: SANDBOX_ORGS.globex.id,
        user: null,
        attachments: [],
      },
      20 + k,
    );
  }
}

/** Builds a fresh copy of the seed (same content on every call). */
