/**
 * The rate governor's memory in the AccountAuthority Durable Object's SQLite storage: every permit
 * admitted within the last 15 minutes (`governor_permits`) and the account's upstream block
 * (`governor_state`), so an evicted or restarted object resumes the same windows instead of
 * granting a fresh budget. Synchronous: DO SQLite calls do not yield.
 */
/** One admitted request as the journal keeps it. */
export interface PermitRecord {
  permit: string;
  serverId: string;
  start: number;
  /** When its concurrency slot frees on its own if never released. */
  expiresAt: number;
  /** Still holding a concurrency slot. */
  inFlight: boolean;
}

/** Where the governor writes what must outlive the object's memory (the object's SQLite storage). */
export interface GovernorJournal {
  /** Permits admitted within the last 15 minutes, oldest first, and the upstream block. */
  load(sinceMs: number): { permits: PermitRecord[]; blockedUntil: number };
  admitted(p: PermitRecord): void;
  /** The permit's slot is free; a refunded permit leaves the windows too. */
  released(permit: string, refunded: boolean): void;
  blocked(untilMs: number): void;
  /** Starts at or before `horizonMs` no longer count anywhere. */
  pruned(horizonMs: number): void;
}

interface PermitRow extends Record<string, SqlStorageValue> {
  permit: string;
  server_id: string;
  start_ms: number;
  expires_ms: number;
  in_flight: number;
}

const BLOCKED_UNTIL = 'blocked_until_ms';

export class SqlGovernorJournal implements GovernorJournal {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS governor_permits (
      permit TEXT PRIMARY KEY,
      server_id TEXT NOT NULL,
      start_ms INTEGER NOT NULL,
      expires_ms INTEGER NOT NULL,
      in_flight INTEGER NOT NULL
    )`);
    sql.exec('CREATE INDEX IF NOT EXISTS governor_permits_start ON governor_permits (start_ms)');
    sql.exec('CREATE TABLE IF NOT EXISTS governor_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL)');
  }

  load(sinceMs: number): { permits: PermitRecord[]; blockedUntil: number } {
    const permits = this.sql
      .exec<PermitRow>('SELECT * FROM governor_permits WHERE start_ms > ? ORDER BY start_ms', sinceMs)
      .toArray()
      .map((r) => ({
        permit: r.permit,
        serverId: r.server_id,
        start: r.start_ms,
        expiresAt: r.expires_ms,
        inFlight: r.in_flight === 1,
      }));
    const state = this.sql
      .exec<{ value: number }>('SELECT value FROM governor_state WHERE key = ?', BLOCKED_UNTIL)
      .toArray()[0];
    return { permits, blockedUntil: state?.value ?? 0 };
  }

  admitted(p: PermitRecord): void {
    this.sql.exec(
      'INSERT OR REPLACE INTO governor_permits (permit, server_id, start_ms, expires_ms, in_flight) VALUES (?, ?, ?, ?, ?)',
      p.permit,
      p.serverId,
      p.start,
      p.expiresAt,
      p.inFlight ? 1 : 0,
    );
  }

  released(permit: string, refunded: boolean): void {
    if (refunded) this.sql.exec('DELETE FROM governor_permits WHERE permit = ?', permit);
    else this.sql.exec('UPDATE governor_permits SET in_flight = 0 WHERE permit = ?', permit);
  }

  blocked(untilMs: number): void {
    this.sql.exec('INSERT OR REPLACE INTO governor_state (key, value) VALUES (?, ?)', BLOCKED_UNTIL, untilMs);
  }

  pruned(horizonMs: number): void {
    this.sql.exec('DELETE FROM governor_permits WHERE start_ms <= ?', horizonMs);
  }
}
