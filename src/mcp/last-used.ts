/**
 * `last_used_at` without slowing requests: at most one D1 write per server per minute from each
 * isolate. An in-memory map is checked first (no I/O); the write itself goes to `waitUntil`.
 * Different isolates may each write once a minute; that is fine for a "last used" column.
 */

export const LAST_USED_INTERVAL_MS = 60_000;
const MAX_TRACKED_SERVERS = 10_000;

/** Remembers when each server's last_used_at was last written from this isolate. */
export class LastUsedThrottle {
  private readonly written = new Map<string, number>();

  constructor(private readonly intervalMs: number = LAST_USED_INTERVAL_MS) {}

  /** True (and remembers `now`) when the server's last write is older than the interval. */
  shouldWrite(serverId: string, now: number): boolean {
    const last = this.written.get(serverId);
    if (last !== undefined && now - last < this.intervalMs) return false;
    // A bound instead of an LRU: forgetting everything only causes one extra write per server.
    if (this.written.size >= MAX_TRACKED_SERVERS) this.written.clear();
    this.written.set(serverId, now);
    return true;
  }

  /** Forgets a server, so a failed write is retried on the next request. */
  forget(serverId: string): void {
    this.written.delete(serverId);
  }
}

/** The isolate-wide throttle used by the MCP route. */
export const lastUsedThrottle = new LastUsedThrottle();
