/**
 * Builds the sandbox's seed: two organizations with users, teams, labels, conversations (messages,
 * comments, posts, drafts), tasks, contacts and canned responses. Deterministic: a seeded PRNG and
 * fixed timestamps, never the clock, so every start serves the same data.
 */
import type { SandboxData } from '../types';
import { seedContacts } from './contacts';
import { seedAcmeConversations, seedGlobexConversations } from './conversations';
import { seedAttachments, seedDirectory } from './directory';
import { createRng } from './prng';
import type { SeedBuilder } from './vocabulary';
import { seedResponses, seedTasks } from './work';

export { SEED_NOW } from './vocabulary';
/** Builds a fresh copy of the seed (same content on every call). */
export function buildSeed(): SandboxData {
  const data: SandboxData = {
    organizations: [],
    users: [],
    teams: [],
    sharedLabels: [],
    conversations: new Map(),
    messages: new Map(),
    comments: new Map(),
    posts: new Map(),
    drafts: new Map(),
    tasks: new Map(),
    contactBooks: [],
    contactGroups: [],
    contacts: new Map(),
    responses: new Map(),
    attachments: new Map(),
    hooks: new Map(),
    reports: new Map(),
    tokens: new Map(),
  };
  const builder: SeedBuilder = { rng: createRng(20_261_118), data };
  seedAttachments(data);
  seedDirectory(data);
  const { companies } = seedContacts(builder);
  seedAcmeConversations(builder, companies);
  seedGlobexConversations(builder);
  seedTasks(builder);
  seedResponses(builder);
  return data;
}
