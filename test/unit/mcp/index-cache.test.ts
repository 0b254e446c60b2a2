import { describe, expect, it } from 'vitest';
import { createIndexCache } from '../../../src/mcp/index-cache';

describe('index cache', () => {
  it('returns what was set until it is older than the TTL', () => {
    const cache = createIndexCache<string>(10, 1000);
    cache.set('a', 'srv_1', 5000);
    expect(cache.get('a', 5999)).toBe('srv_1');
    expect(cache.get('a', 6000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the oldest entries beyond its size', () => {
    const cache = createIndexCache<number>(2, 60_000);
    cache.set('a', 1, 0);
    cache.set('b', 2, 1);
    cache.set('a', 3, 2); // re-set moves it to the newest position
    cache.set('c', 4, 3);
    expect(cache.get('b', 4)).toBeUndefined();
    expect(cache.get('a', 4)).toBe(3);
    expect(cache.get('c', 4)).toBe(4);
    expect(cache.size).toBe(2);
  });

  it('forgets a deleted key and refuses entries from the future (clock moved back)', () => {
    const cache = createIndexCache<number>(5, 60_000);
    cache.set('a', 1, 1000);
    cache.delete('a');
    expect(cache.get('a', 1001)).toBeUndefined();
    cache.set('b', 2, 1000);
    expect(cache.get('b', 999)).toBeUndefined();
  });
});
