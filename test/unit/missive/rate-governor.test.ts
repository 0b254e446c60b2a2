import { describe, expect, it } from 'vitest';
import { defaultShare, shareFor } from '../../../src/durable/fair-share';
import { MISSIVE_RATE_BUDGET, RateGovernor, rateBudgetFromVar } from '../../../src/durable/rate-governor';

describe('RateGovernor', () => {
  it('admits at most `concurrent` requests in flight and frees slots on release', () => {
    const g = new RateGovernor({ concurrent: 5, perMinute: 300, perQuarterHour: 900 });
    const permits: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = g.acquire(1_000);
      expect(r.ok).toBe(true);
      if (r.ok) permits.push(r.permit);
    }
    const denied = g.acquire(1_000);
    expect(denied).toMatchObject({ ok: false, reason: 'concurrency', retryAfterSeconds: 1 });
    g.release(permits[0]!, 1_010);
    expect(g.acquire(1_020).ok).toBe(true);
  });

  it('expires a permit that was never released', () => {
    const g = new RateGovernor({ concurrent: 1, perMinute: 300, perQuarterHour: 900 }, 20_000);
    expect(g.acquire(0).ok).toBe(true);
    expect(g.acquire(19_999).ok).toBe(false);
    expect(g.acquire(20_000).ok).toBe(true);
  });

  it('enforces the per-minute window and says when it frees', () => {
    const g = new RateGovernor({ concurrent: 100, perMinute: 3, perQuarterHour: 900 });
    for (const t of [0, 10_000, 20_000]) {
      const r = g.acquire(t);
      expect(r.ok).toBe(true);
      if (r.ok) g.release(r.permit, t + 5);
    }
    const denied = g.acquire(30_000);
    expect(denied).toMatchObject({ ok: false, reason: 'minute', retryAfterSeconds: 30 });
    expect(g.acquire(60_001).ok).toBe(true);
  });

  it('counts the minute window exactly behind a long 15-minute log (entries older than a minute do not count)', () => {
    const g = new RateGovernor({ concurrent: 1_000_000, perMinute: 2_000, perQuarterHour: 1_000_000 });
    // 20 000 starts spread over the 13 minutes before the last one (~1 540 a minute, under the budget).
    const now = 1_000_000;
    for (let i = 0; i < 20_000; i++) {
      const t = now - 840_000 + i * 39;
      const r = g.acquire(t);
      expect(r.ok, `start ${i}`).toBe(true);
      if (r.ok) g.release(r.permit, t);
    }
    expect(g.snapshot(now)).toMatchObject({ lastMinute: 0, lastQuarterHour: 20_000 });
    for (let i = 0; i < 2_000; i++) expect(g.acquire(now + i).ok).toBe(true);
    // The next one waits until the first start of this minute leaves it.
    expect(g.acquire(now + 2_000)).toMatchObject({ ok: false, reason: 'minute', retryAfterMs: 58_000 });
    expect(g.snapshot(now + 2_000).lastMinute).toBe(2_000);
    expect(g.acquire(now + 60_001).ok).toBe(true);
  });

  it('enforces the 15-minute window', () => {
    const g = new RateGovernor({ concurrent: 100, perMinute: 1000, perQuarterHour: 4 });
    for (let i = 0; i < 4; i++) {
      const r = g.acquire(i * 61_000);
      if (r.ok) g.release(r.permit, i * 61_000 + 1);
    }
    const denied = g.acquire(300_000);
    expect(denied).toMatchObject({ ok: false, reason: 'quarter_hour', retryAfterSeconds: 600 });
    expect(g.acquire(900_001).ok).toBe(true);
  });

  it('blocks the account after an upstream 429 until Retry-After passes', () => {
    const g = new RateGovernor();
    const r = g.acquire(0);
    if (!r.ok) throw new Error('expected a permit');
    g.release(r.permit, 100, { rateLimited: true, retryAfterSeconds: 7 });
    expect(g.acquire(5_000)).toMatchObject({ ok: false, reason: 'upstream', retryAfterSeconds: 3 });
    expect(g.acquire(7_100).ok).toBe(true);
  });

  it('a 429 without Retry-After blocks briefly, not for a window of Missive', () => {
    const g = new RateGovernor();
    const r = g.acquire(0);
    if (!r.ok) throw new Error('expected a permit');
    g.release(r.permit, 0, { rateLimited: true });
    expect(g.acquire(500)).toMatchObject({ ok: false, reason: 'upstream', retryAfterSeconds: 1 });
    expect(g.acquire(1_000).ok).toBe(true);
  });

  it('keeps each server within its share, so another server of the account still gets through', () => {
    const g = new RateGovernor();
    const share = defaultShare(MISSIVE_RATE_BUDGET);
    let admitted = 0;
    for (let i = 0; i < 400; i++) {
      const r = g.acquire(i, 'leaked', share);
      if (!r.ok) break;
      admitted += 1;
      g.release(r.permit, i);
    }
    expect(admitted).toBe(150);
    expect(g.acquire(500, 'leaked', share)).toMatchObject({ ok: false, reason: 'minute' });
    expect(g.snapshot(500)).toMatchObject({ lastMinute: 150 });
    expect(g.acquire(500, 'other', share).ok).toBe(true);
  });

  it('holds each server to its own concurrency inside the account’s', () => {
    const g = new RateGovernor();
    const share = shareFor(MISSIVE_RATE_BUDGET, { concurrent: 2 });
    expect(g.acquire(0, 'a', share).ok).toBe(true);
    expect(g.acquire(0, 'a', share).ok).toBe(true);
    expect(g.acquire(0, 'a', share)).toMatchObject({ ok: false, reason: 'concurrency' });
    expect(g.acquire(0, 'b', share).ok).toBe(true);
    expect(g.acquire(0, 'b', share).ok).toBe(true);
    expect(g.acquire(0, 'c', share).ok).toBe(true);
    // The account's 5 are now in flight: a sixth server waits too.
    expect(g.acquire(0, 'd', share)).toMatchObject({ ok: false, reason: 'concurrency' });
    expect(g.snapshot(0, 'a')).toMatchObject({ inFlight: 2, lastMinute: 2 });
  });

  it('a refunded permit leaves both windows; a normal release and an unknown permit do not', () => {
    const g = new RateGovernor({ concurrent: 5, perMinute: 2, perQuarterHour: 900 });
    const a = g.acquire(0);
    const b = g.acquire(0);
    if (!a.ok || !b.ok) throw new Error('expected permits');
    g.release(a.permit, 10, { refund: true });
    expect(g.snapshot(10)).toMatchObject({ inFlight: 1, lastMinute: 1, lastQuarterHour: 1 });
    g.release(a.permit, 11, { refund: true }); // twice: already gone, nothing more is given back
    g.release(b.permit, 12);
    expect(g.snapshot(12)).toMatchObject({ inFlight: 0, lastMinute: 1, lastQuarterHour: 1 });
    expect(g.acquire(20).ok).toBe(true);
    expect(g.acquire(30)).toMatchObject({ ok: false, reason: 'minute' });
  });

  it('reports its usage', () => {
    const g = new RateGovernor();
    g.acquire(0);
    expect(g.snapshot(1)).toEqual({ inFlight: 1, lastMinute: 1, lastQuarterHour: 1, blockedForMs: 0 });
  });
});

describe('shareFor', () => {
  it('defaults to half of each account ceiling and never exceeds the account', () => {
    expect(defaultShare(MISSIVE_RATE_BUDGET)).toEqual({ concurrent: 2, perMinute: 150, perQuarterHour: 450 });
    expect(shareFor(MISSIVE_RATE_BUDGET, { per_minute: 30 })).toEqual({
      concurrent: 2,
      perMinute: 30,
      perQuarterHour: 450,
    });
    expect(
      shareFor({ concurrent: 1, perMinute: 10, perQuarterHour: 20 }, { concurrent: 5, per_15_minutes: 900 }),
    ).toEqual({
      concurrent: 1,
      perMinute: 5,
      perQuarterHour: 20,
    });
  });
});

describe('rateBudgetFromVar', () => {
  it("defaults to Missive's documented budget and only accepts three positive integers", () => {
    expect(rateBudgetFromVar(undefined)).toEqual(MISSIVE_RATE_BUDGET);
    expect(rateBudgetFromVar('')).toEqual(MISSIVE_RATE_BUDGET);
    expect(rateBudgetFromVar('1000, 1000000,1000000')).toEqual({
      concurrent: 1000,
      perMinute: 1_000_000,
      perQuarterHour: 1_000_000,
    });
    for (const bad of ['0,1,1', '5,300', 'a,b,c', '-1,2,3', '5,300,900,1']) {
      expect(rateBudgetFromVar(bad), bad).toEqual(MISSIVE_RATE_BUDGET);
    }
  });
});
