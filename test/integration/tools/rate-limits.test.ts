import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS, TINY_TOKEN_PER_MINUTE } from '../../../sandbox/src/seed/fixtures';
import type { AccountAuthority } from '../../../src/durable/account-authority';
import {
  callTool,
  configureSandbox,
  errorOf,
  freshAccountId,
  lastSeq,
  listAnswer,
  requestLog,
  resetSandbox,
  sandboxFetch,
  toolContext,
} from './helpers';

beforeAll(resetSandbox);
beforeEach(async () => {
  await resetSandbox();
});

describe('upstream 429', () => {
  it('becomes an isError result with retry_after_seconds and normalized headers', async () => {
    const ctx = toolContext({ missiveToken: SANDBOX_TOKENS.tiny });
    for (let i = 0; i < TINY_TOKEN_PER_MINUTE; i++) {
      const ok = await callTool('list_all_missive_organizations', {}, ctx);
      expect(ok.result.isError).toBeFalsy();
      expect(ok.upstream?.rateLimitHeaders['ratelimit-limit']).toBe(String(TINY_TOKEN_PER_MINUTE));
      expect(Number(ok.upstream?.rateLimitHeaders['ratelimit-reset'])).toBeLessThanOrEqual(61); // epoch seconds round up: never too early
    }
    const limited = await callTool('list_all_missive_organizations', {}, ctx);
    const err = errorOf(limited);
    expect(err.kind).toBe('rate_limited');
    expect(err.retry_after_seconds).toBeGreaterThanOrEqual(1);
    expect(err.message).toContain(`retry_after_seconds: ${err.retry_after_seconds as number}`);
    expect(limited.upstream?.status).toBe(429);
    const headers = limited.upstream!.rateLimitHeaders;
    expect(headers['ratelimit-remaining']).toBe('0');
    expect(Number(headers['ratelimit-reset'])).toBeGreaterThanOrEqual(0);
    expect(Number(headers['ratelimit-reset'])).toBeLessThanOrEqual(61); // epoch seconds round up: never too early
    expect(headers['retry-after']).toBe(String(err.retry_after_seconds));
  });

  it('after a 429 the account fails fast without calling Missive until Retry-After passes', async () => {
    const ctx = toolContext({ missiveToken: SANDBOX_TOKENS.tiny });
    for (let i = 0; i <= TINY_TOKEN_PER_MINUTE; i++) await callTool('list_all_missive_organizations', {}, ctx);
    const since = await lastSeq();
    const outcome = await callTool('list_all_missive_users', {}, ctx);
    expect(errorOf(outcome).kind).toBe('rate_limited');
    expect(outcome.upstream).toBeUndefined();
    expect((await requestLog(since)).requests).toHaveLength(0);
    // another server of the same account shares the block
    const sibling = toolContext({ missiveToken: SANDBOX_TOKENS.tiny, accountId: ctx.accountId, serverId: 'srv-2' });
    expect(errorOf(await callTool('list_all_missive_teams', {}, sibling)).kind).toBe('rate_limited');
    expect((await requestLog(since)).requests).toHaveLength(0);
  });

  it('writes are not retried after a 429', async () => {
    const ctx = toolContext({ missiveToken: SANDBOX_TOKENS.tiny, accountId: freshAccountId('w') });
    // spend the tiny budget from another account so this account's governor has seen nothing
    const other = toolContext({ missiveToken: SANDBOX_TOKENS.tiny });
    for (let i = 0; i < TINY_TOKEN_PER_MINUTE; i++) await callTool('list_all_missive_organizations', {}, other);
    const since = await lastSeq();
    const outcome = await callTool(
      'create_a_missive_post',
      { text: 'x', notification: { title: 't', body: 'b' } },
      ctx,
    );
    expect(errorOf(outcome).kind).toBe('rate_limited');
    const posts = (await requestLog(since)).requests.filter((r) => r.method === 'POST' && r.path === '/v1/posts');
    expect(posts).toHaveLength(1);
  });
});

describe('account governor', () => {
  it('keeps a burst from several servers of one account within 5 concurrent requests', async () => {
    await configureSandbox({ latencyMs: 60 });
    await sandboxFetch('/__sandbox/requests', { method: 'DELETE' });
    const accountId = freshAccountId('burst');
    const calls = Array.from({ length: 15 }, (_, i) =>
      callTool('list_all_missive_users', {}, toolContext({ accountId, serverId: `srv-${i % 3}` })),
    );
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o.result.isError)).toHaveLength(0);
    const { concurrency } = await requestLog();
    expect(concurrency.acme?.maxAttempted).toBeLessThanOrEqual(5);
    expect(concurrency.acme?.maxAttempted).toBeGreaterThanOrEqual(2);
  });

  it('without a shared account the same burst overruns Missive (the check above can fail)', async () => {
    await configureSandbox({ latencyMs: 60 });
    await sandboxFetch('/__sandbox/requests', { method: 'DELETE' });
    const outcomes = await Promise.all(
      Array.from({ length: 15 }, () => callTool('list_all_missive_users', {}, toolContext())),
    );
    const { concurrency } = await requestLog();
    expect(concurrency.acme?.maxAttempted).toBeGreaterThan(5);
    expect(outcomes.some((o) => o.result.isError && errorOf(o).kind === 'rate_limited')).toBe(true);
  });

  it('fails fast without calling Missive when the account spent its minute budget', async () => {
    const accountId = freshAccountId('spent');
    const stub = env.ACCOUNT_AUTHORITY.get(env.ACCOUNT_AUTHORITY.idFromName(accountId));
    await runInDurableObject(stub, async (instance: AccountAuthority) => {
      const now = Date.now();
      // Two servers, each spending its half of the account's 300 a minute.
      for (let i = 0; i < 300; i++) {
        const r = await instance.acquireUpstreamSlot(i % 2 === 0 ? 'srv-a' : 'srv-b', now);
        if (!r.ok) throw new Error('budget ended early');
        await instance.releaseUpstreamSlot(r.permit, {}, now);
      }
    });
    const since = await lastSeq();
    const outcome = await callTool('list_all_missive_users', {}, toolContext({ accountId }));
    const err = errorOf(outcome);
    expect(err.kind).toBe('rate_limited');
    expect(err.retry_after_seconds).toBeGreaterThan(50);
    expect(err.retry_after_seconds).toBeLessThanOrEqual(61); // epoch seconds round up: never too early
    expect((await requestLog(since)).requests).toHaveLength(0);
    // a different account is unaffected
    listAnswer(await callTool('list_all_missive_users', {}, toolContext()));
  });
});
