/** Typical write calls and the exact request each makes. */
import {
  SANDBOX_ACCOUNTS,
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONTACT_ID,
  SANDBOX_CONVERSATIONS,
  SANDBOX_ORGS,
  SANDBOX_RESPONSE_ID,
  SANDBOX_SHARED_LABELS,
  SANDBOX_TASK_ID,
  SANDBOX_TEAMS,
  SANDBOX_USERS,
} from '../../../../sandbox/src/seed/fixtures';
import type { ShapeCase } from './case';

const ACME = SANDBOX_ORGS.acme.id;
const CV = SANDBOX_CONVERSATIONS.ceoThread;
const TEAM = SANDBOX_TEAMS.acmeBackend.id;
const BOB = SANDBOX_USERS.acmeBob.id;
const BOOK = SANDBOX_CONTACT_BOOKS.acmeCustomers.id;
const LABEL = SANDBOX_SHARED_LABELS.billing.id;
const DEAD = '00000000-0000-4000-8000-00000000dead';

export const WRITE_CASES: ShapeCase[] = [
  [
    'create_a_missive_team',
    { name: 'Night Shift', emoji: '🌙', team_inbox_enabled: true },
    {
      method: 'POST',
      path: '/teams',
      body: { teams: [{ name: 'Night Shift', emoji: '🌙', team_inbox_enabled: true, organization: ACME }] },
    },
  ],
  [
    'update_a_missive_team_by_id',
    { id: TEAM, name: 'Backend' },
    {
      method: 'PATCH',
      path: `/teams/${TEAM}`,
      body: { teams: [{ id: TEAM, name: 'Backend' }] },
    },
  ],
  [
    'create_a_missive_shared_label',
    { name: 'Escalated', color: '#d0021b' },
    {
      method: 'POST',
      path: '/shared_labels',
      body: { shared_labels: [{ name: 'Escalated', color: '#d0021b', organization: ACME }] },
    },
  ],
  [
    'update_a_missive_shared_label_by_id',
    { id: LABEL, name: 'Invoices' },
    {
      method: 'PATCH',
      path: `/shared_labels/${LABEL}`,
      body: { shared_labels: [{ id: LABEL, name: 'Invoices' }] },
    },
  ],
  [
    'update_a_missive_conversation_by_id',
    { id: CV, team: TEAM, add_to_team_inbox: true, add_assignees: [BOB] },
    {
      method: 'PATCH',
      path: `/conversations/${CV}`,
      body: {
        conversations: [{ id: CV, team: TEAM, add_to_team_inbox: true, add_assignees: [BOB], organization: ACME }],
      },
    },
  ],
  [
    'create_a_missive_message',
    {
      account: SANDBOX_ACCOUNTS.acmeCustomChannel,
      from_field: { id: 'user-42', username: 'dana', name: 'Dana' },
      body: 'Order 42?',
      external_id: 'chat-1',
      add_shared_labels: [LABEL],
    },
    {
      method: 'POST',
      path: '/messages',
      body: {
        messages: {
          account: SANDBOX_ACCOUNTS.acmeCustomChannel,
          from_field: { id: 'user-42', username: 'dana', name: 'Dana' },
          body: 'Order 42?',
          external_id: 'chat-1',
          add_shared_labels: [LABEL],
        },
      },
    },
  ],
  [
    'create_a_missive_draft',
    {
      conversation: CV,
      body: 'Thanks!',
      to_fields: [{ address: 'ceo@enterprise-client.com' }],
      quote_previous_message: true,
      close: true,
    },
    {
      method: 'POST',
      path: '/drafts',
      body: {
        drafts: {
          conversation: CV,
          body: 'Thanks!',
          quote_previous_message: true,
          to_fields: [{ address: 'ceo@enterprise-client.com' }],
          close: true,
        },
      },
    },
  ],
  ['delete_a_missive_draft_by_id', { id: DEAD }, { method: 'DELETE', path: `/drafts/${DEAD}` }],
  [
    'create_a_missive_post',
    {
      conversation: CV,
      markdown: '**Escalated**',
      notification: { title: 'Triage', body: 'Escalated' },
      attachments: [{ title: 'Ticket', author_link: 'mailto:ops@acme-support.test' }],
      close: true,
      reopen: true,
    },
    {
      method: 'POST',
      path: '/posts',
      body: {
        posts: {
          conversation: CV,
          markdown: '**Escalated**',
          notification: { title: 'Triage', body: 'Escalated' },
          attachments: [{ title: 'Ticket', author_link: 'mailto:ops@acme-support.test' }],
          close: true,
          reopen: true,
        },
      },
    },
  ],
  ['delete_a_missive_post_by_id', { id: DEAD }, { method: 'DELETE', path: `/posts/${DEAD}` }],
  [
    'create_a_missive_contact',
    {
      contact_book: BOOK,
      first_name: 'Dana',
      infos: [{ kind: 'email', label: 'work', value: 'dana@client.test' }],
    },
    {
      method: 'POST',
      path: '/contacts',
      body: {
        contacts: [
          {
            contact_book: BOOK,
            first_name: 'Dana',
            infos: [{ kind: 'email', label: 'work', value: 'dana@client.test' }],
          },
        ],
      },
    },
  ],
  [
    'update_a_missive_contact_by_id',
    { id: SANDBOX_CONTACT_ID, starred: true },
    {
      method: 'PATCH',
      path: `/contacts/${SANDBOX_CONTACT_ID}`,
      body: { contacts: [{ id: SANDBOX_CONTACT_ID, starred: true }] },
    },
  ],
  [
    'create_a_missive_response',
    { body: 'Hello {{name}}', subject: 'Welcome', share_with_team: TEAM },
    {
      method: 'POST',
      path: '/responses',
      body: { responses: [{ subject: 'Welcome', body: 'Hello {{name}}', share_with_team: TEAM, organization: ACME }] },
    },
  ],
  [
    'update_a_missive_response_by_id',
    { id: SANDBOX_RESPONSE_ID, title: 'Greeting' },
    {
      method: 'PATCH',
      path: `/responses/${SANDBOX_RESPONSE_ID}`,
      body: { responses: [{ id: SANDBOX_RESPONSE_ID, title: 'Greeting' }] },
    },
  ],
  [
    'delete_a_missive_response_by_id',
    { id: SANDBOX_RESPONSE_ID, more_ids: [DEAD] },
    {
      method: 'DELETE',
      path: `/responses/${SANDBOX_RESPONSE_ID},${DEAD}`,
    },
  ],
  [
    'create_a_missive_task',
    { title: 'Check the logs', conversation: CV, conversation_subject: 'Logs' },
    {
      method: 'POST',
      path: '/tasks',
      body: { tasks: { title: 'Check the logs', conversation: CV, conversation_subject: 'Logs', subtask: true } },
    },
  ],
  [
    'update_a_missive_task_by_id',
    { id: SANDBOX_TASK_ID, state: 'closed' },
    {
      method: 'PATCH',
      path: `/tasks/${SANDBOX_TASK_ID}`,
      body: { tasks: { state: 'closed' } },
    },
  ],
  [
    'create_a_missive_webhook',
    { type: 'new_comment', url: 'https://hooks.example.test/m', is_task: true },
    {
      method: 'POST',
      path: '/hooks',
      body: { hooks: { type: 'new_comment', url: 'https://hooks.example.test/m', is_task: true } },
    },
  ],
  ['delete_a_missive_webhook_by_id', { id: DEAD }, { method: 'DELETE', path: `/hooks/${DEAD}` }],
  [
    'create_a_missive_analytics_report',
    { start: 1_700_000_000, end: 1_700_086_400, account_types: ['email'] },
    {
      method: 'POST',
      path: '/analytics/reports',
      body: { reports: { organization: ACME, start: 1_700_000_000, end: 1_700_086_400, account_types: ['email'] } },
    },
  ],
  [
    'update_a_missive_contact_by_id',
    { id: SANDBOX_CONTACT_ID, more_ids: [DEAD], starred: false },
    {
      method: 'PATCH',
      path: `/contacts/${SANDBOX_CONTACT_ID},${DEAD}`,
      body: {
        contacts: [
          { id: SANDBOX_CONTACT_ID, starred: false },
          { id: DEAD, starred: false },
        ],
      },
    },
  ],
  [
    'missive_conversations_merge',
    { id: SANDBOX_CONVERSATIONS.manyMessages, target: SANDBOX_CONVERSATIONS.withImage },
    {
      method: 'POST',
      path: `/conversations/${SANDBOX_CONVERSATIONS.manyMessages}/merge`,
      body: { target: SANDBOX_CONVERSATIONS.withImage },
    },
  ],
];
