/**
 * One leaked URL cannot starve its account: each server gets its own share of the account's
 * Missive budget, the windows live in the Durable Object's storage (an evicted object does not
 * hand out a fresh budget), and a server's configured share is what the governor enforces.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccountAuthority } from '../../../src/durable/account-authority';
import { authorityFor } from '../../../src/durable/authority-client';
import { apiFetch, mintServer, setupServer } from '../../helpers/admin-client';
import { rawPost, resetSandbox } from '../mcp/helpers';

beforeAll(resetSandbox);

interface CallAnswer {
  result?: { isError?: boolean; structuredContent?: { error?: { kind?: string } } };
}

async function callTeams(url: string): Promise<CallAnswer> {
  const res = await rawPost(url, {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'list_all_missive_teams', arguments: {} },
  });
  expect(res.status).toBe(200);
  return res.json();
}

const rateLimited = (a: CallAnswer) => a.result?.isError === true && JSON.stringify(a).includes('rate_limited');

describe('fair share of the account budget', () => {
  it("a burst through one server's URL leaves another server of the same account working", async () => {
    const { apiToken, account, server: leaked } = await setupServer();
    const other = await mintServer({ apiToken: apiToken.token }, account.id, { name: 'other' });
    // More than the account's 300 a minute, all through one URL.
    let refused = 0;
    for (let i = 0; i < 305; i++) if (rateLimited(await callTeams(leaked.url))) refused += 1;
    expect(refused).toBeGreaterThanOrEqual(150);
    const answer = await callTeams(other.url);
    expect(answer.result?.isError, JSON.stringify(answer)).toBeFalsy();
  }, 60_000);

  it("a server's configured rate_limit is its ceiling; its siblings keep theirs", async () => {
    const {
      apiToken,
      account,
      server: small,
    } = await setupServer({
      config: { methods: ['read'], rate_limit: { per_minute: 3 } },
    });
    const sibling = await mintServer({ apiToken: apiToken.token }, account.id, { name: 'sibling' });
    for (let i = 0; i < 3; i++) expect((await callTeams(small.url)).result?.isError).toBeFalsy();
    expect(rateLimited(await callTeams(small.url))).toBe(true);
    expect((await callTeams(sibling.url)).result?.isError).toBeFalsy();
  });

  it('refuses a rate_limit above the account budget, and a PATCH without one keeps it', async () => {
    const { apiToken, account, server } = await setupServer({ config: { rate_limit: { concurrent: 1 } } });
    const auth = { apiToken: apiToken.token };
    const tooMuch = await apiFetch(`/integrated-account/${account.id}/mcp`, {
      auth,
      body: { name: 'greedy', config: { rate_limit: { per_minute: 301 } } },
    });
    expect(tooMuch.status).toBe(400);
    const patched = await apiFetch(`/integrated-account/${account.id}/mcp/${server.id}`, {
      method: 'PATCH',
      auth,
      body: { config: { methods: ['read'], tags: ['teams'] } },
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { config: unknown }).config).toMatchObject({ rate_limit: { concurrent: 1 } });
  });

  it("the governor's windows survive the object's eviction", async () => {
    const { account, server } = await setupServer();
    await runInDurableObject(authorityFor(env, account.id), async (instance: AccountAuthority, state) => {
      const now = Date.now();
      for (let i = 0; i < 150; i++) {
        const r = await instance.acquireUpstreamSlot(server.id, now);
        if (!r.ok) throw new Error(`refused at ${i}`);
        await instance.releaseUpstreamSlot(r.permit, {}, now);
      }
      const held = await instance.acquireUpstreamSlot('srv-other', now);
      expect(held.ok).toBe(true);
      // A new instance over the same storage: what the runtime builds after evicting the object.
      const revived = new AccountAuthority(state, env);
      expect(revived.upstreamGovernor.snapshot(now)).toMatchObject({ lastMinute: 151, inFlight: 1 });
      expect(await revived.acquireUpstreamSlot(server.id, now)).toMatchObject({ ok: false, reason: 'minute' });
      if (held.ok) await revived.releaseUpstreamSlot(held.permit, { refund: true }, now);
      expect(revived.upstreamGovernor.snapshot(now)).toMatchObject({ lastMinute: 150, inFlight: 0 });
    });
  });
});
