/**
 * A small per-isolate cache of KV token-index entries (token hash → server and account ids).
 * Safe because the entry for a hash never changes: a token belongs to one server for life
 * (rotation mints a new token, hence a new hash), and liveness is decided by the account's
 * Durable Object on every request, never by this cache or by KV. It saves a KV read (billed,
 * and a round trip) on every request after the first in an isolate. Bounded in size and age
 * so memory stays flat. Pure: no runtime imports.
 */
export interface IndexCache<V> {
  get(key: string, nowMs: number): V | undefined;
  set(key: string, value: V, nowMs: number): void;
  delete(key: string): void;
  readonly size: number;
}

/** A least-recently-set cache: at most `maxEntries`, each kept at most `ttlMs`. */
export function createIndexCache<V>(maxEntries: number, ttlMs: number): IndexCache<V> {
  const entries = new Map<string, { value: V; storedAt: number }>();
  return {
    get(key, nowMs) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (nowMs - hit.storedAt >= ttlMs || nowMs < hit.storedAt) {
        entries.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set(key, value, nowMs) {
      entries.delete(key);
      entries.set(key, { value, storedAt: nowMs });
      // Map iterates in insertion order: the first key is the oldest.
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
