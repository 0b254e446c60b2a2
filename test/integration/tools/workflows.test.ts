/**
 * The two end-to-end workflows of seeds/002 ("Connect Missive to ChatGPT"), driven through the
 * MCP SDK client against a minted URL: every step is a real tools/call over Streamable HTTP,
 * through the token check, the filter, the governor and the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SANDBOX_ORGS, SANDBOX_TEAMS, SANDBOX_USERS } from '../../../sandbox/src/seed/fixtures';
import { setupServer } from '../../helpers/admin-client';
import { connect } from '../mcp/helpers';
import { lastSeq, requestLog, resetSandbox } from './helpers';

type Connected = Awaited<ReturnType<typeof connect>>;
type Row = Record<string, unknown>;

let session: Connected;

async function call(name: string, args: Record<string, unknown>): Promise<Row> {
  const result = (await session.client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  const structured = result.structuredContent as Row;
  // the same JSON is in the text content, for clients that only read text
  const text = result.content.find((c) => c.type === 'text') as { text: string } | undefined;
  expect(JSON.parse(text!.text)).toEqual(structured);
  return structured;
}

const rows = (answer: Row) => answer.result as Row[];

beforeAll(async () => {
  await resetSandbox();
  const { server } = await setupServer({
    config: {
      methods: ['read', 'write'],
      tags: ['conversations', 'messages', 'comments', 'labels', 'teams', 'posts', 'tasks', 'drafts'],
    },
    defaults: { organization: SANDBOX_ORGS.acme.id },
  });
  session = await connect(server.url);
});

afterAll(async () => {
  await session?.close();
});

describe('seed workflows through the MCP SDK client', () => {
  it('the server offers the tools both workflows need', async () => {
    const { tools } = await session.client.listTools();
    const names = tools.map((t) => t.name);
    for (const needed of [
      'list_all_missive_conversations',
      'list_all_missive_conversation_messages',
      'list_all_missive_conversation_comments',
      'list_all_missive_shared_labels',
      'list_all_missive_teams',
      'create_a_missive_post',
      'create_a_missive_task',
      'create_a_missive_draft',
    ]) {
      expect(names).toContain(needed);
    }
    expect(names).not.toContain('list_all_missive_contacts');
  });

  it('support triage: L1 Support thread → messages and comments → Backend Engineering → post + task', async () => {
    const labels = rows(await call('list_all_missive_shared_labels', {}));
    const l1 = labels.find((l) => l.name === 'L1 Support');
    expect(l1).toBeDefined();

    const conversations = rows(await call('list_all_missive_conversations', { shared_label: l1!.id, limit: 5 }));
    const thread = conversations[0]!;
    const messages = rows(await call('list_all_missive_conversation_messages', { conversation_id: thread.id }));
    expect(messages.length).toBeGreaterThan(0);
    const comments = rows(await call('list_all_missive_conversation_comments', { conversation_id: thread.id }));
    expect(Array.isArray(comments)).toBe(true);

    const teams = rows(await call('list_all_missive_teams', {}));
    const backend = teams.find((t) => t.name === 'Backend Engineering');
    expect(backend?.id).toBe(SANDBOX_TEAMS.acmeBackend.id);

    const summary = `AI triage: ${String(messages[0]!.subject)} — customer reports errors; escalated to Backend Engineering.`;
    const post = (
      await call('create_a_missive_post', {
        conversation: thread.id,
        text: summary,
        notification: { title: 'AI triage', body: 'Summary added' },
      })
    ).result as Row;
    expect(post.conversation).toBe(thread.id);

    const task = (
      await call('create_a_missive_task', {
        title: 'Review the attached logs',
        description: summary,
        team: backend!.id,
        conversation: thread.id,
      })
    ).result as Row;
    expect(task.title).toBe('Review the attached logs');

    const posts = rows(await call('list_all_missive_conversation_posts', { conversation_id: thread.id }));
    expect(posts.map((p) => p.id)).toContain(post.id);
    const tasks = rows(await call('list_all_missive_tasks', { team: backend!.id, limit: 50 }));
    expect(tasks.map((t) => t.id)).toContain(task.id);
  });

  it('VIP reply drafting: ceo@enterprise-client.com thread → latest message → draft (not sent) → note', async () => {
    const threads = rows(
      await call('list_all_missive_conversations', { all: true, email: 'ceo@enterprise-client.com' }),
    );
    const thread = threads[0]!;
    const messages = rows(await call('list_all_missive_conversation_messages', { conversation_id: thread.id }));
    const latest = messages[0]!;
    expect((latest.from_field as Row).address).toBe('ceo@enterprise-client.com');

    const since = await lastSeq();
    const draft = (
      await call('create_a_missive_draft', {
        conversation: thread.id,
        subject: `Re: ${String(latest.subject)}`,
        to_fields: [{ address: 'ceo@enterprise-client.com' }],
        body: '<p>Thank you, we are on it and will follow up today.</p>',
      })
    ).result as Row;
    const sent = (await requestLog(since)).requests.find((r) => r.path === '/v1/drafts');
    expect(JSON.stringify(sent?.body)).not.toMatch(/"send/);

    const drafts = rows(await call('list_all_missive_conversation_drafts', { conversation_id: thread.id }));
    expect(drafts.map((d) => d.id)).toContain(draft.id);
    const after = rows(await call('list_all_missive_conversation_messages', { conversation_id: thread.id }));
    expect(after.map((m) => m.id)).not.toContain(draft.id);

    const note = (
      await call('create_a_missive_post', {
        conversation: thread.id,
        text: `@${SANDBOX_USERS.acmeBob.name} I prepared a draft reply for this VIP request. Please review and send.`,
        notification: { title: 'VIP draft ready', body: 'Please review the draft reply' },
      })
    ).result as Row;
    expect(note.conversation).toBe(thread.id);
  });
});
