import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isKnownMethodSelector, selectTools, TOOL_CATALOGUE, TOOLS_BY_NAME } from '../../../src/missive/catalogue';
import { METHOD_CATEGORIES, TOOL_TAGS } from '../../../src/missive/server-config';

/** The 32 tool names of Truto's Missive integration page (seeds/000), verbatim. */
const TRUTO_TOOL_NAMES = [
  'list_all_missive_users',
  'list_all_missive_teams',
  'list_all_missive_organizations',
  'list_all_missive_conversations',
  'get_single_missive_conversation_by_id',
  'list_all_missive_conversation_messages',
  'list_all_missive_conversation_comments',
  'list_all_missive_shared_labels',
  'create_a_missive_shared_label',
  'update_a_missive_shared_label_by_id',
  'missive_attachments_download',
  'list_all_missive_contacts',
  'get_single_missive_contact_by_id',
  'create_a_missive_contact',
  'update_a_missive_contact_by_id',
  'list_all_missive_contact_books',
  'list_all_missive_contact_groups',
  'create_a_missive_draft',
  'delete_a_missive_draft_by_id',
  'list_all_missive_messages',
  'get_single_missive_message_by_id',
  'create_a_missive_message',
  'list_all_missive_responses',
  'get_single_missive_response_by_id',
  'create_a_missive_post',
  'delete_a_missive_post_by_id',
  'create_a_missive_task',
  'update_a_missive_task_by_id',
  'create_a_missive_webhook',
  'delete_a_missive_webhook_by_id',
  'create_a_missive_analytics_report',
  'get_single_missive_analytics_report_by_id',
];

/** Operations of the single-tenant server (seeds/004) that the 32 lack, in the same naming convention. */
const ADDED_TOOL_NAMES = [
  'update_a_missive_conversation_by_id',
  'missive_conversations_merge',
  'list_all_missive_conversation_drafts',
  'list_all_missive_conversation_posts',
  'create_a_missive_team',
  'update_a_missive_team_by_id',
  'create_a_missive_response',
  'update_a_missive_response_by_id',
  'delete_a_missive_response_by_id',
  'list_all_missive_tasks',
  'get_single_missive_task_by_id',
];

type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: unknown;
  anyOf?: JsonSchema[];
};

/** Paths of object properties without a description, and objects that accept unknown keys. */
function schemaProblems(schema: JsonSchema, path: string): string[] {
  const problems: string[] = [];
  if (schema.type === 'object' && schema.properties) {
    if (schema.additionalProperties !== false) problems.push(`${path}: accepts unknown keys`);
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (!prop.description) problems.push(`${path}.${key}: no description`);
      problems.push(...schemaProblems(prop, `${path}.${key}`));
    }
  }
  if (schema.items) problems.push(...schemaProblems(schema.items, `${path}[]`));
  for (const alt of schema.anyOf ?? []) problems.push(...schemaProblems(alt, path));
  return problems;
}

describe('TOOL_CATALOGUE', () => {
  it('has all 32 Truto tool names verbatim', () => {
    const missing = TRUTO_TOOL_NAMES.filter((name) => !TOOLS_BY_NAME.has(name));
    expect(missing).toEqual([]);
  });

  it('adds the operations of the other Missive server', () => {
    expect(ADDED_TOOL_NAMES.filter((name) => !TOOLS_BY_NAME.has(name))).toEqual([]);
    expect(TOOL_CATALOGUE).toHaveLength(TRUTO_TOOL_NAMES.length + ADDED_TOOL_NAMES.length);
  });

  it('gives every tool a description, a known category and tags, and coherent annotations', () => {
    for (const tool of TOOL_CATALOGUE) {
      expect(tool.description.length, tool.name).toBeGreaterThan(60);
      expect(METHOD_CATEGORIES).toContain(tool.method);
      expect(tool.tags.length, tool.name).toBeGreaterThan(0);
      for (const tag of tool.tags) expect(TOOL_TAGS).toContain(tag);
      const a = tool.annotations;
      expect(a.openWorldHint, tool.name).toBe(true);
      expect(a.readOnlyHint, tool.name).toBe(['list', 'get', 'download'].includes(tool.method));
      if (tool.method === 'delete' || tool.method === 'merge') expect(a.destructiveHint, tool.name).toBe(true);
      if (tool.method === 'update') expect(a.idempotentHint, tool.name).toBe(true);
    }
    for (const notifying of [
      'create_a_missive_post',
      'update_a_missive_conversation_by_id',
      'create_a_missive_task',
      'update_a_missive_task_by_id',
      'create_a_missive_message',
    ]) {
      expect(TOOLS_BY_NAME.get(notifying)?.annotations.destructiveHint, notifying).toBe(true);
    }
    expect(TOOLS_BY_NAME.get('create_a_missive_draft')?.annotations.destructiveHint).toBe(false);
    // Updates that replace whole arrays (items left out are deleted) are destructive; plain updates are not.
    for (const replacing of ['update_a_missive_contact_by_id', 'update_a_missive_response_by_id']) {
      expect(TOOLS_BY_NAME.get(replacing)?.annotations.destructiveHint, replacing).toBe(true);
    }
    expect(TOOLS_BY_NAME.get('update_a_missive_team_by_id')?.annotations.destructiveHint).toBe(false);
    expect(TOOLS_BY_NAME.get('missive_conversations_merge')?.method).toBe('merge');
    expect(TOOLS_BY_NAME.get('missive_attachments_download')?.method).toBe('download');
    expect(TOOLS_BY_NAME.get('create_a_missive_webhook')?.method).toBe('webhooks');
    expect(TOOLS_BY_NAME.get('delete_a_missive_webhook_by_id')?.annotations.destructiveHint).toBe(true);
  });

  it('describes every field and rejects unknown keys, at every level', () => {
    const problems = TOOL_CATALOGUE.flatMap((tool) =>
      schemaProblems(z.toJSONSchema(tool.inputSchema, { io: 'input' }) as JsonSchema, tool.name),
    );
    expect(problems).toEqual([]);
  });

  it('gives every list tool the cursor argument, except the ones Missive cannot page', () => {
    // Message-ID lookups answer at most 10; drafts carry delivered_at: null, so they have no `until` to page by.
    const unpaged = ['list_all_missive_messages', 'list_all_missive_conversation_drafts'];
    for (const tool of TOOL_CATALOGUE.filter((t) => t.method === 'list' && !unpaged.includes(t.name))) {
      expect(Object.keys(tool.inputSchema.shape), tool.name).toContain('cursor');
    }
  });

  it('never lets a draft send', () => {
    const draft = TOOLS_BY_NAME.get('create_a_missive_draft')!;
    for (const key of ['send', 'send_at', 'auto_followup']) {
      expect(Object.keys(draft.inputSchema.shape)).not.toContain(key);
      expect(draft.inputSchema.safeParse({ body: 'hi', [key]: true }).success).toBe(false);
    }
  });

  it('rejects ids that could change the upstream path', () => {
    const get = TOOLS_BY_NAME.get('get_single_missive_conversation_by_id')!;
    for (const id of ['../users', 'a/b', 'a?b=1', 'a#b', '%2e%2e', 'x.y', 'http://evil.test', '']) {
      expect(get.inputSchema.safeParse({ id }).success, id).toBe(false);
    }
    expect(get.inputSchema.safeParse({ id: '0d9bab85-a74f-4ece-9142-0f9b9f36ff92' }).success).toBe(true);
  });
});

describe('selectTools', () => {
  it('selects only read tools when methods are omitted', () => {
    const tools = selectTools({});
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((t) => t.annotations.readOnlyHint === true && ['list', 'get'].includes(t.method))).toBe(true);
    expect(tools).toBe(selectTools({ methods: ['read'] }));
  });

  it('keeps webhooks out of write: they are chosen by name', () => {
    const write = selectTools({ methods: ['write'] }).map((t) => t.name);
    expect(write).not.toContain('create_a_missive_webhook');
    expect(write).not.toContain('delete_a_missive_webhook_by_id');
    expect(selectTools({ methods: ['webhooks'] }).map((t) => t.name)).toEqual([
      'create_a_missive_webhook',
      'delete_a_missive_webhook_by_id',
    ]);
    expect(selectTools({ methods: ['create_a_missive_webhook'] }).map((t) => t.name)).toEqual([
      'create_a_missive_webhook',
    ]);
  });

  it('maps read to list+get and write to create+update+delete; custom categories only by name', () => {
    const read = selectTools({ methods: ['read'] });
    expect(read.every((t) => t.method === 'list' || t.method === 'get')).toBe(true);
    expect(read.some((t) => t.name === 'missive_attachments_download')).toBe(false);
    const write = selectTools({ methods: ['write'] });
    expect(write.every((t) => ['create', 'update', 'delete'].includes(t.method))).toBe(true);
    expect(write.some((t) => t.name === 'missive_conversations_merge')).toBe(false);
    expect(selectTools({ methods: ['merge'] }).map((t) => t.name)).toEqual(['missive_conversations_merge']);
    // Four opt-in tools: download, merge and the two webhook tools.
    expect(selectTools({ methods: ['read', 'write'] })).toHaveLength(TOOL_CATALOGUE.length - 4);
  });

  it('combines methods and tags with AND, and accepts exact tool names', () => {
    const tools = selectTools({ methods: ['read'], tags: ['conversations'] });
    expect(tools.map((t) => t.name)).toContain('list_all_missive_conversations');
    expect(tools.every((t) => t.tags.includes('conversations') && ['list', 'get'].includes(t.method))).toBe(true);
    expect(selectTools({ methods: ['create_a_missive_task'] }).map((t) => t.name)).toEqual(['create_a_missive_task']);
    expect(selectTools({ methods: ['create_a_missive_task'], tags: ['contacts'] })).toEqual([]);
  });

  it('is memoized by a canonical key', () => {
    expect(selectTools({ methods: ['write', 'read'], tags: ['tasks'] })).toBe(
      selectTools({ methods: ['read', 'write', 'read'], tags: ['tasks'] }),
    );
  });

  it('knows which method selectors exist', () => {
    for (const ok of ['read', 'write', 'list', 'download', 'merge', 'webhooks', 'create_a_missive_draft']) {
      expect(isKnownMethodSelector(ok), ok).toBe(true);
    }
    for (const bad of ['execute', 'send_a_missive_email', 'READ', ''])
      expect(isKnownMethodSelector(bad), bad).toBe(false);
  });
});
