/** Unit tests of the sandbox's pure parts: rate windows, pagination, fault matching, report phases, seed. */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../sandbox/src/app';
import { faultMatches, takeFault } from '../../sandbox/src/faults';
import { pageOffset, pageUntil } from '../../sandbox/src/pagination';
import { admitRequest, finishRequest, newTokenRateState, type RateLimits } from '../../sandbox/src/rate-limit';
import { reportPhase } from '../../sandbox/src/routes/analytics';
import { buildSeed, SEED_NOW } from '../../sandbox/src/seed/data';
import { ACME_CONVERSATION_COUNT, SANDBOX_CONTACT_BOOKS } from '../../sandbox/src/seed/fixtures';
import type { Fault } from '../../sandbox/src/store';

const LIMITS: RateLimits = {
  concurrent: 2,
  perMinute: 3,
  perQuarterHour: 5,
  minuteWindowMs: 60_000,
  quarterHourWindowMs: 900_000,
};

describe('rate-limit maths', () => {
  it('counts down, refuses past the minute budget with reset = oldest + window, and frees after it', () => {
    const state = newTokenRateState();
    const t0 = 1_800_000_000_000;
    const remaining: number[] = [];
    for (let k = 0; k < 3; k++) {
      const d = admitRequest(state, LIMITS, t0 + k * 1_000);
      expect(d.ok).toBe(true);
      remaining.push(d.headers.remaining);
      finishRequest(state);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const refused = admitRequest(state, LIMITS, t0 + 10_000);
    expect(refused).toMatchObject({ ok: false, reason: 'minute', retryAfterSeconds: 50 });
    expect(refused.headers.resetEpochSeconds).toBe((t0 + 60_000) / 1000);
    expect(admitRequest(state, LIMITS, t0 + 60_001).ok).toBe(true);
  });

  it('applies the 15-minute window after the minute one rolls over', () => {
    const state = newTokenRateState();
    const t0 = 1_800_000_000_000;
    for (let k = 0; k < 5; k++) {
      expect(admitRequest(state, LIMITS, t0 + k * 61_000).ok).toBe(true);
      finishRequest(state);
    }
    const refused = admitRequest(state, LIMITS, t0 + 5 * 61_000);
    expect(refused).toMatchObject({ ok: false, reason: 'quarter_hour' });
  });

  it('refuses beyond the concurrency limit and records maxima', () => {
    const state = newTokenRateState();
    const t0 = 1_800_000_000_000;
    expect(admitRequest(state, LIMITS, t0).ok).toBe(true);
    expect(admitRequest(state, LIMITS, t0).ok).toBe(true);
    expect(admitRequest(state, LIMITS, t0)).toMatchObject({ ok: false, reason: 'concurrency', retryAfterSeconds: 1 });
    expect(state.maxConcurrencyAdmitted).toBe(2);
    expect(state.maxConcurrencyAttempted).toBe(3);
    finishRequest(state);
    expect(state.inFlight).toBe(1);
  });
});

describe('pagination', () => {
  const items = [
    { id: 'a', ts: 50 },
    { id: 'b', ts: 40 },
    { id: 'c', ts: 40 },
    { id: 'd', ts: 30 },
  ];
  it('includes the until boundary and orders newest first', () => {
    expect(pageUntil(items, (i) => i.ts, undefined, 2).map((i) => i.id)).toEqual(['a', 'b']);
    expect(pageUntil(items, (i) => i.ts, 40, 2).map((i) => i.id)).toEqual(['b', 'c']);
  });
  it('slices limit/offset', () => {
    expect(pageOffset(items, 2, 3).map((i) => i.id)).toEqual(['d']);
  });
});

describe('faults', () => {
  const fault = (path: string, remaining: number | null, method: string | null = null): Fault => ({
    id: 1,
    method,
    path,
    kind: 'status_500',
    remaining,
    hangMs: 1,
  });
  it('matches a prefix, a regex and a method', () => {
    expect(faultMatches(fault('/v1/users', null), 'GET', '/v1/users/x')).toBe(true);
    expect(faultMatches(fault('^/v1/conversations/[^/]+$', null), 'GET', '/v1/conversations/abc')).toBe(true);
    expect(faultMatches(fault('^/v1/conversations/[^/]+$', null), 'GET', '/v1/conversations/abc/messages')).toBe(false);
    expect(faultMatches(fault('/v1', null, 'POST'), 'GET', '/v1/users')).toBe(false);
    expect(faultMatches(fault('([', null), 'GET', '/v1')).toBe(false);
  });
  it('consumes limited faults', () => {
    const all = [fault('/v1', 1)];
    expect(takeFault(all, 'GET', '/v1/users')).not.toBeNull();
    expect(all).toHaveLength(0);
    expect(takeFault(all, 'GET', '/v1/users')).toBeNull();
  });
});

describe('analytics phases', () => {
  it('is pending, then ready, then expired', () => {
    const report = { createdAtMs: 1_000 };
    expect(reportPhase(report, 1_500, 1_000, 5_000)).toBe('pending');
    expect(reportPhase(report, 2_000, 1_000, 5_000)).toBe('ready');
    expect(reportPhase(report, 7_000, 1_000, 5_000)).toBe('expired');
  });
});

describe('seed', () => {
  it('is deterministic and never later than SEED_NOW', () => {
    const a = buildSeed();
    const b = buildSeed();
    expect([...a.conversations.keys()]).toEqual([...b.conversations.keys()]);
    expect([...a.messages.keys()]).toEqual([...b.messages.keys()]);
    expect([...a.contacts.keys()]).toEqual([...b.contacts.keys()]);
    const acme = [...a.conversations.values()].filter((c) => c.organization === a.organizations[0]?.id);
    expect(acme).toHaveLength(ACME_CONVERSATION_COUNT);
    expect(Math.max(...[...a.messages.values()].map((m) => m.delivered_at))).toBeLessThanOrEqual(SEED_NOW);
    const book = [...a.contacts.values()].filter((c) => c.contact_book === SANDBOX_CONTACT_BOOKS.acmeCustomers.id);
    expect(book).toHaveLength(SANDBOX_CONTACT_BOOKS.acmeCustomers.contacts);
  });
});

describe('control endpoints', () => {
  it('answer 404 unless SANDBOX_CONTROL is on', async () => {
    const app = createApp();
    const off = await app.request('/__sandbox/reset', { method: 'POST' }, {});
    expect(off.status).toBe(404);
    const on = await app.request('/__sandbox/config', {}, { SANDBOX_CONTROL: 'on' });
    expect(on.status).toBe(200);
  });
});
