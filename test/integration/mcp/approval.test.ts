/**
 * Approval before irreversible writes (`config.approval`, default `destructive`): on 2026-07-28
 * with elicitation, an `input_required` round with a signed requestState; for every other client,
 * a one-time confirmation token. Whatever is forged, altered, replayed, expired or declined never
 * reaches Missive (the sandbox's request log is the witness).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRequestStateCodec } from '@modelcontextprotocol/server';
import { env } from 'cloudflare:workers';
import { setupServer } from '../../helpers/admin-client';
import { approvalKey, claimFor } from '../../../src/mcp/approval-state';
import { auditRows, connect, rawPost, resetSandbox, sandboxRequests } from './helpers';

const MODERN = '2026-07-28';
const TOOL = 'delete_a_missive_post_by_id';
const ARGS = { id: '3b1c6a5e-0000-4000-8000-000000000001' };

function meta(elicitation: boolean) {
  return {
    'io.modelcontextprotocol/protocolVersion': MODERN,
    'io.modelcontextprotocol/clientCapabilities': elicitation ? { elicitation: { form: {} } } : {},
    'io.modelcontextprotocol/clientInfo': { name: 'approval-test', version: '1' },
  };
}

interface CallAnswer {
  id: unknown;
  result?: {
    resultType?: string;
    isError?: boolean;
    requestState?: string;
    inputRequests?: Record<string, { method: string; params: { message: string } }>;
    structuredContent?: Record<string, unknown>;
    content?: { text: string }[];
  };
  error?: { code: number; message: string };
}

async function modernCall(url: string, params: Record<string, unknown>, elicitation = true): Promise<CallAnswer> {
  const res = await rawPost(
    url,
    { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { ...params, _meta: meta(elicitation) } },
    { 'MCP-Protocol-Version': MODERN, 'Mcp-Method': 'tools/call', 'Mcp-Name': String(params.name) },
  );
  return res.json();
}

async function upstreamSince(seq: number): Promise<string[]> {
  return (await sandboxRequests(seq)).requests.map((r) => `${r.method} ${r.path}`);
}

const accept = { approval: { action: 'accept', content: { approve: true } } };

let url: string;
let serverId: string;
let otherUrl: string;

beforeAll(async () => {
  await resetSandbox();
  const a = await setupServer({ config: { methods: ['read', 'write'] } });
  url = a.server.url;
  serverId = a.server.id;
  otherUrl = (await setupServer({ config: { methods: ['read', 'write'] } })).server.url;
});

describe('2026-07-28 client with elicitation: input_required round', () => {
  it('asks first, runs after an accepted answer, and refuses the same state twice', async () => {
    const seq = (await sandboxRequests()).last_seq;
    const first = await modernCall(url, { name: TOOL, arguments: ARGS });
    expect(first.result?.resultType).toBe('input_required');
    expect(first.result?.inputRequests?.approval?.method).toBe('elicitation/create');
    expect(first.result?.inputRequests?.approval?.params.message).toContain(TOOL);
    const requestState = first.result?.requestState;
    expect(typeof requestState).toBe('string');
    expect(await upstreamSince(seq)).toEqual([]);

    const retry = await modernCall(url, { name: TOOL, arguments: ARGS, requestState, inputResponses: accept });
    expect(retry.result?.resultType).toBe('complete');
    expect(await upstreamSince(seq)).toEqual([`DELETE /v1/posts/${ARGS.id}`]);

    const replay = await modernCall(url, { name: TOOL, arguments: ARGS, requestState, inputResponses: accept });
    expect(replay.error?.code).toBe(-32602);
    expect(await upstreamSince(seq)).toEqual([`DELETE /v1/posts/${ARGS.id}`]);
  });

  it('a declined answer does nothing upstream and is audited as denied', async () => {
    const seq = (await sandboxRequests()).last_seq;
    const first = await modernCall(url, { name: TOOL, arguments: ARGS });
    const declined = await modernCall(url, {
      name: TOOL,
      arguments: ARGS,
      requestState: first.result?.requestState,
      inputResponses: { approval: { action: 'decline' } },
    });
    expect(declined.result?.isError).toBe(true);
    expect(declined.result?.content?.[0]?.text).toMatch(/did not approve/);
    expect(await upstreamSince(seq)).toEqual([]);
    const rows = await auditRows(serverId);
    expect(rows.filter((r) => r.tool === TOOL).map((r) => r.outcome)).toContain('denied');
  });

  it('refuses a forged, altered-argument, other-server or expired state before Missive', async () => {
    const seq = (await sandboxRequests()).last_seq;
    const first = await modernCall(url, { name: TOOL, arguments: ARGS });
    const state = first.result!.requestState!;
    const forged = `${state.slice(0, -4)}AAAA`;
    expect(
      (await modernCall(url, { name: TOOL, arguments: ARGS, requestState: forged, inputResponses: accept })).error,
    ).toMatchObject({ code: -32602 });
    const otherArgs = { id: '3b1c6a5e-0000-4000-8000-000000000002' };
    expect(
      (await modernCall(url, { name: TOOL, arguments: otherArgs, requestState: state, inputResponses: accept })).error,
    ).toMatchObject({ code: -32602 });
    expect(
      (await modernCall(otherUrl, { name: TOOL, arguments: ARGS, requestState: state, inputResponses: accept })).error,
    ).toMatchObject({ code: -32602 });
    const expiredCodec = createRequestStateCodec({ key: await approvalKey(env), ttlSeconds: 1 });
    const claim = await claimFor(serverId, TOOL, ARGS);
    const realNow = Date.now;
    Date.now = () => realNow() - 60_000;
    let expired: string;
    try {
      expired = await expiredCodec.mint(claim);
    } finally {
      Date.now = realNow;
    }
    expect(
      (await modernCall(url, { name: TOOL, arguments: ARGS, requestState: expired, inputResponses: accept })).error,
    ).toMatchObject({ code: -32602 });
    expect(await upstreamSince(seq)).toEqual([]);
  });
});

describe('clients that cannot elicit: one-time confirmation token', () => {
  it('2025 client: a first answer says what would happen; the echoed token runs it once', async () => {
    const { client, close } = await connect(url);
    const seq = (await sandboxRequests()).last_seq;
    const first = await client.callTool({ name: TOOL, arguments: ARGS });
    expect(first.isError ?? false).toBe(false);
    const structured = first.structuredContent as { approval_required: boolean; confirmation_token: string };
    expect(structured.approval_required).toBe(true);
    expect(JSON.stringify(first.content)).toContain('nothing was done');
    expect(await upstreamSince(seq)).toEqual([]);

    const token = structured.confirmation_token;
    const altered = await client.callTool({
      name: TOOL,
      arguments: { id: '3b1c6a5e-0000-4000-8000-000000000003', confirmation_token: token },
    });
    expect(altered.isError).toBe(true);
    expect(await upstreamSince(seq)).toEqual([]);

    const second = await client.callTool({ name: TOOL, arguments: { ...ARGS, confirmation_token: token } });
    expect(second.structuredContent).not.toHaveProperty('approval_required');
    expect(await upstreamSince(seq)).toEqual([`DELETE /v1/posts/${ARGS.id}`]);

    const again = await client.callTool({ name: TOOL, arguments: { ...ARGS, confirmation_token: token } });
    expect(again.isError).toBe(true);
    expect(JSON.stringify(again.content)).toContain('already used');
    const garbage = await client.callTool({ name: TOOL, arguments: { ...ARGS, confirmation_token: 'v1.x.y' } });
    expect(garbage.isError).toBe(true);
    expect(await upstreamSince(seq)).toEqual([`DELETE /v1/posts/${ARGS.id}`]);
    await close();
  });

  it('a 2026-07-28 client without elicitation gets the token too; the listing offers the argument', async () => {
    const seq = (await sandboxRequests()).last_seq;
    const first = await modernCall(url, { name: TOOL, arguments: ARGS }, false);
    expect(first.result?.resultType).toBe('complete');
    expect(first.result?.structuredContent?.approval_required).toBe(true);
    expect(await upstreamSince(seq)).toEqual([]);
    const { client, close } = await connect(url);
    const { tools } = await client.listTools();
    await close();
    const del = tools.find((t) => t.name === TOOL);
    expect(del?.inputSchema.properties).toHaveProperty('confirmation_token');
    const read = tools.find((t) => t.name === 'list_all_missive_users');
    expect(read?.inputSchema.properties).not.toHaveProperty('confirmation_token');
  });

  it('approval "none" runs at once; "writes" asks for a post too', async () => {
    const none = await setupServer({ config: { methods: ['read', 'write'], approval: 'none' } });
    const seq = (await sandboxRequests()).last_seq;
    const direct = await modernCall(none.server.url, { name: TOOL, arguments: ARGS });
    expect(direct.result?.structuredContent).not.toHaveProperty('approval_required');
    expect(await upstreamSince(seq)).toEqual([`DELETE /v1/posts/${ARGS.id}`]);

    const writes = await setupServer({ config: { methods: ['read', 'write'], approval: 'writes' } });
    const post = await modernCall(writes.server.url, {
      name: 'create_a_missive_post',
      arguments: {
        conversation: '00000000-0000-4000-8000-000000000000',
        text: 'hello',
        notification: { title: 'Triage', body: 'hello' },
      },
    });
    expect(post.result?.resultType).toBe('input_required');
  });
});
