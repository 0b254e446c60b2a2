/**
 * Tool calls refused before Missive (unknown or hidden tool, invalid arguments, the governor's
 * rate limit) as counters in the AccountAuthority's SQLite (`refused_calls`): one row per server
 * and kind, whatever the number of calls, so a flood of refused calls cannot grow any table.
 * Synchronous, like every DO SQLite call.
 */

export const REFUSAL_KINDS = ['unknown_tool', 'invalid_arguments', 'rate_limited'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

/** Per kind: how many calls were refused and when the last one was (ISO 8601, or null if none). */
export type RefusedCallCounts = Record<RefusalKind, { count: number; last_at: string | null }>;

interface CounterRow extends Record<string, SqlStorageValue> {
  kind: string;
  count: number;
  last_at_ms: number;
}

export class RefusedCallCounter {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS refused_calls (
      server_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      count INTEGER NOT NULL,
      last_at_ms INTEGER NOT NULL,
      PRIMARY KEY (server_id, kind)
    )`);
  }

  /** Adds one refused call of `kind` for `serverId`. */
  add(serverId: string, kind: RefusalKind, nowMs: number): void {
    this.sql.exec(
      `INSERT INTO refused_calls (server_id, kind, count, last_at_ms) VALUES (?1, ?2, 1, ?3)
       ON CONFLICT (server_id, kind) DO UPDATE SET count = count + 1, last_at_ms = MAX(last_at_ms, excluded.last_at_ms)`,
      serverId,
      kind,
      nowMs,
    );
  }

  /** The counters of one server (zero for kinds never seen). */
  counts(serverId: string): RefusedCallCounts {
    const out = Object.fromEntries(REFUSAL_KINDS.map((k) => [k, { count: 0, last_at: null }])) as RefusedCallCounts;
    const rows = this.sql
      .exec<CounterRow>('SELECT kind, count, last_at_ms FROM refused_calls WHERE server_id = ?', serverId)
      .toArray();
    for (const row of rows) {
      if ((REFUSAL_KINDS as readonly string[]).includes(row.kind)) {
        out[row.kind as RefusalKind] = { count: row.count, last_at: new Date(row.last_at_ms).toISOString() };
      }
    }
    return out;
  }
}
