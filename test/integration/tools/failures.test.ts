import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callMissive, UNAVAILABLE_MESSAGE } from '../../../src/missive/client';
import { callTool, errorOf, lastSeq, requestLog, resetSandbox, sandboxFetch, toolContext } from './helpers';

async function injectFault(fault: Record<string, unknown>): Promise<void> {
  const res = await sandboxFetch('/__sandbox/faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (res.status !== 201) throw new Error(`fault not accepted: ${res.status}`);
}

beforeAll(resetSandbox);
afterEach(async () => {
  await sandboxFetch('/__sandbox/faults', { method: 'DELETE' });
});

describe('upstream failures become results a model can act on', () => {
  it('a 5xx says Missive is unavailable, with no internals', async () => {
    await injectFault({ path: '/v1/users', kind: 'status_500', times: 1 });
    const outcome = await callTool('list_all_missive_users', {});
    const err = errorOf(outcome);
    expect(err.kind).toBe('unavailable');
    expect(err.message).toBe(UNAVAILABLE_MESSAGE);
    expect(JSON.stringify(outcome.result)).not.toMatch(/injected|Internal Server Error/);
    expect(outcome.upstream?.status).toBe(500);
  });

  it('malformed JSON from Missive is reported as unavailable', async () => {
    await injectFault({ path: '/v1/conversations', kind: 'malformed_json', times: 1 });
    const err = errorOf(await callTool('list_all_missive_conversations', { inbox: true }));
    expect(err.kind).toBe('unavailable');
  });

  it('a hung upstream is cut off by the deadline', async () => {
    await injectFault({ path: '/v1/organizations', kind: 'hang', hangMs: 600, times: 1 });
    const started = Date.now();
    const call = await callMissive(toolContext(), { method: 'GET', path: '/organizations' }, { timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(call.ok).toBe(false);
    if (!call.ok) {
      expect(call.kind).toBe('unavailable');
      expect(errorOf(call.outcome).message).toBe(UNAVAILABLE_MESSAGE);
    }
    // let the abandoned request finish so it does not count as in flight for later suites
    await new Promise((r) => setTimeout(r, 600));
  });

  it('a write that fails upstream is not retried', async () => {
    await injectFault({ method: 'POST', path: '/v1/posts', kind: 'status_500', times: 1 });
    const since = await lastSeq();
    const outcome = await callTool('create_a_missive_post', { text: 'x', notification: { title: 't', body: 'b' } });
    expect(errorOf(outcome).kind).toBe('unavailable');
    const posts = (await requestLog(since)).requests.filter((r) => r.method === 'POST' && r.path === '/v1/posts');
    expect(posts).toHaveLength(1);
  });

  it('a rejected credential asks for a relink and never echoes the token', async () => {
    const token = 'missive_pat-not-a-real-token-0000000000';
    const outcome = await callTool('list_all_missive_users', {}, toolContext({ missiveToken: token }));
    const err = errorOf(outcome);
    expect(err.kind).toBe('credential_rejected');
    expect(err.message).toMatch(/relink/);
    expect(JSON.stringify(outcome)).not.toContain(token);
  });

  it("a 400 carries Missive's reason", async () => {
    const err = errorOf(await callTool('list_all_missive_tasks', { limit: 1 }));
    // the schema would refuse limit 1 (Missive's minimum is 2); a bypassing caller gets Missive's own reason
    expect(err.kind).toBe('rejected');
    expect(err.message).toMatch(/limit/);
  });
});
