/**
 * The AccountAuthority's audit outbox (its own SQLite table `audit_outbox`): tool-call rows that the
 * MCP endpoint handed to the object with the permit release (`finishToolCall`), waiting to be
 * written to D1 in batches by the object's alarm. Rows are durable from the moment the object
 * accepted them (DO SQLite), so a crash or eviction loses none; D1 gets one batched write per flush
 * instead of one per tool call. Synchronous, like every DO SQLite call.
 */
import type { ToolCallRow } from './tool-calls';

interface OutboxRow extends Record<string, SqlStorageValue> {
  id: string;
  row_json: string;
}

export class AuditOutbox {
  /** Whether the table has rows; known in memory so the hot path's append needs no count query. */
  private hasRows: boolean | null = null;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS audit_outbox (
      id TEXT PRIMARY KEY,
      row_json TEXT NOT NULL,
      queued_at_ms INTEGER NOT NULL
    )`);
  }

  /** Queues rows (a row already queued under the same id is kept as is). */
  append(rows: readonly ToolCallRow[], nowMs: number): void {
    for (const row of rows) {
      this.sql.exec(
        'INSERT OR IGNORE INTO audit_outbox (id, row_json, queued_at_ms) VALUES (?, ?, ?)',
        row.id,
        JSON.stringify(row),
        nowMs,
      );
    }
    if (rows.length > 0) this.hasRows = true;
  }

  /** True when no row is queued. */
  isEmpty(): boolean {
    this.hasRows ??= this.sql.exec('SELECT 1 FROM audit_outbox LIMIT 1').toArray().length > 0;
    return !this.hasRows;
  }

  /** When the oldest queued row was queued, or null when the outbox is empty. */
  oldestQueuedAt(): number | null {
    if (this.isEmpty()) return null;
    const rows = this.sql
      .exec<{ oldest: number | null }>('SELECT MIN(queued_at_ms) AS oldest FROM audit_outbox')
      .toArray();
    return rows[0]?.oldest ?? null;
  }

  /** Up to `limit` queued rows, oldest first. */
  peek(limit: number): ToolCallRow[] {
    return this.sql
      .exec<OutboxRow>('SELECT id, row_json FROM audit_outbox ORDER BY queued_at_ms, id LIMIT ?', limit)
      .toArray()
      .map((r) => JSON.parse(r.row_json) as ToolCallRow);
  }

  /** Removes rows once D1 has them. */
  remove(ids: readonly string[]): void {
    this.sql.exec('DELETE FROM audit_outbox WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(ids));
    this.hasRows = null;
  }

  size(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM audit_outbox').toArray()[0]?.n ?? 0;
  }
}
