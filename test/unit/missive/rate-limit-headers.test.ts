import { describe, expect, it } from 'vitest';
import {
  normalizeRateLimitHeaders,
  parseRetryAfter,
  resetToDeltaSeconds,
  retryAfterSeconds,
} from '../../../src/missive/rate-limit-headers';

const NOW_MS = Date.UTC(2026, 10, 22, 1, 0, 0);
const NOW_S = NOW_MS / 1000;

describe('normalizeRateLimitHeaders', () => {
  it('turns an epoch reset into delta seconds', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '300',
      'X-RateLimit-Remaining': '12',
      'X-RateLimit-Reset': String(NOW_S + 42),
    });
    expect(normalizeRateLimitHeaders(headers, NOW_MS)).toEqual({
      'ratelimit-limit': '300',
      'ratelimit-remaining': '12',
      'ratelimit-reset': '42',
    });
  });

  it('clamps a reset in the past to 0', () => {
    expect(normalizeRateLimitHeaders({ 'x-ratelimit-reset': String(NOW_S - 30) }, NOW_MS)).toEqual({
      'ratelimit-reset': '0',
    });
  });

  it('accepts a delta-form reset and a millisecond epoch', () => {
    expect(normalizeRateLimitHeaders({ 'X-RateLimit-Reset': '17' }, NOW_MS)['ratelimit-reset']).toBe('17');
    expect(normalizeRateLimitHeaders({ 'X-RateLimit-Reset': String(NOW_MS + 5_000) }, NOW_MS)['ratelimit-reset']).toBe(
      '5',
    );
  });

  it('drops malformed values and passes Retry-After through', () => {
    const out = normalizeRateLimitHeaders(
      new Headers({
        'X-RateLimit-Limit': 'lots',
        'X-RateLimit-Remaining': '-3',
        'X-RateLimit-Reset': '1e10',
        'Retry-After': '7',
      }),
      NOW_MS,
    );
    expect(out).toEqual({ 'retry-after': '7' });
  });

  it('converts an HTTP-date Retry-After and ignores garbage', () => {
    expect(parseRetryAfter(new Date(NOW_MS + 9_000).toUTCString(), NOW_MS)).toBe(9);
    expect(parseRetryAfter('soon-ish', NOW_MS)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW_MS)).toBeUndefined();
  });

  it('returns nothing when no rate-limit header is present', () => {
    expect(normalizeRateLimitHeaders(new Headers({ 'Content-Type': 'application/json' }), NOW_MS)).toEqual({});
  });
});

describe('retryAfterSeconds', () => {
  it('prefers Retry-After, then the reset delta, and is at least 1', () => {
    expect(retryAfterSeconds({ 'retry-after': '12', 'ratelimit-reset': '30' })).toBe(12);
    expect(retryAfterSeconds({ 'ratelimit-reset': '30' })).toBe(30);
    expect(retryAfterSeconds({ 'ratelimit-reset': '0' })).toBe(1);
    expect(retryAfterSeconds({})).toBe(1);
    expect(resetToDeltaSeconds(NOW_S + 0.2, NOW_MS)).toBe(1);
  });
});
