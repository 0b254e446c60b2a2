/** Typical read calls and the exact request each makes. */
import {
  CEO_EMAIL_MESSAGE_ID,
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONTACT_ID,
  SANDBOX_CONVERSATIONS,
  SANDBOX_MESSAGES,
  SANDBOX_ORGS,
  SANDBOX_RESPONSE_ID,
  SANDBOX_TASK_ID,
} from '../../../../sandbox/src/seed/fixtures';
import type { ShapeCase } from './case';

const ACME = SANDBOX_ORGS.acme.id;
const CV = SANDBOX_CONVERSATIONS.ceoThread;
const BOOK = SANDBOX_CONTACT_BOOKS.acmeCustomers.id;
const DEAD = '00000000-0000-4000-8000-00000000dead';

export const READ_CASES: ShapeCase[] = [
  [
    'list_all_missive_users',
    {},
    { method: 'GET', path: '/users', query: { organization: ACME, limit: '50', offset: '0' } },
  ],
  [
    'list_all_missive_organizations',
    { limit: 10 },
    { method: 'GET', path: '/organizations', query: { limit: '10', offset: '0' } },
  ],
  [
    'list_all_missive_teams',
    {},
    { method: 'GET', path: '/teams', query: { organization: ACME, limit: '50', offset: '0' } },
  ],
  [
    'list_all_missive_shared_labels',
    {},
    {
      method: 'GET',
      path: '/shared_labels',
      query: { organization: ACME, limit: '50', offset: '0' },
    },
  ],
  [
    'list_all_missive_conversations',
    { all: true },
    {
      method: 'GET',
      path: '/conversations',
      query: { all: 'true', organization: ACME, limit: '25' },
    },
  ],
  ['get_single_missive_conversation_by_id', { id: CV }, { method: 'GET', path: `/conversations/${CV}` }],
  [
    'list_all_missive_conversation_messages',
    { conversation_id: CV },
    {
      method: 'GET',
      path: `/conversations/${CV}/messages`,
      query: { limit: '10' },
    },
  ],
  [
    'list_all_missive_conversation_comments',
    { conversation_id: CV, limit: 5 },
    {
      method: 'GET',
      path: `/conversations/${CV}/comments`,
      query: { limit: '5' },
    },
  ],
  [
    'list_all_missive_conversation_drafts',
    { conversation_id: CV },
    {
      method: 'GET',
      path: `/conversations/${CV}/drafts`,
      query: { limit: '10' },
    },
  ],
  [
    'list_all_missive_conversation_posts',
    { conversation_id: CV },
    {
      method: 'GET',
      path: `/conversations/${CV}/posts`,
      query: { limit: '10' },
    },
  ],
  [
    'get_single_missive_message_by_id',
    { id: SANDBOX_MESSAGES.ceoLatest, more_ids: [SANDBOX_MESSAGES.withTextAttachment] },
    {
      method: 'GET',
      path: `/messages/${SANDBOX_MESSAGES.ceoLatest},${SANDBOX_MESSAGES.withTextAttachment}`,
    },
  ],
  [
    'list_all_missive_messages',
    { email_message_id: CEO_EMAIL_MESSAGE_ID },
    {
      method: 'GET',
      path: '/messages',
      query: { email_message_id: CEO_EMAIL_MESSAGE_ID },
    },
  ],
  [
    'list_all_missive_contacts',
    { contact_book: BOOK, search: 'dana' },
    {
      method: 'GET',
      path: '/contacts',
      query: { contact_book: BOOK, search: 'dana', limit: '50', offset: '0' },
    },
  ],
  [
    'get_single_missive_contact_by_id',
    { id: SANDBOX_CONTACT_ID },
    { method: 'GET', path: `/contacts/${SANDBOX_CONTACT_ID}` },
  ],
  [
    'list_all_missive_contact_books',
    {},
    { method: 'GET', path: '/contact_books', query: { limit: '50', offset: '0' } },
  ],
  [
    'list_all_missive_contact_groups',
    { contact_book: BOOK, kind: 'organization' },
    {
      method: 'GET',
      path: '/contact_groups',
      query: { contact_book: BOOK, kind: 'organization', limit: '50', offset: '0' },
    },
  ],
  [
    'list_all_missive_responses',
    {},
    {
      method: 'GET',
      path: '/responses',
      query: { organization: ACME, limit: '50', offset: '0' },
    },
  ],
  [
    'get_single_missive_response_by_id',
    { id: SANDBOX_RESPONSE_ID },
    {
      method: 'GET',
      path: `/responses/${SANDBOX_RESPONSE_ID}`,
    },
  ],
  [
    'list_all_missive_tasks',
    { state: 'todo' },
    {
      method: 'GET',
      path: '/tasks',
      query: { organization: ACME, state: 'todo', limit: '25' },
    },
  ],
  ['get_single_missive_task_by_id', { id: SANDBOX_TASK_ID }, { method: 'GET', path: `/tasks/${SANDBOX_TASK_ID}` }],
  ['get_single_missive_analytics_report_by_id', { id: DEAD }, { method: 'GET', path: `/analytics/reports/${DEAD}` }],
];
