/**
 * The AccountAuthority's single-use record of approval nonces (its own SQLite table
 * `approval_nonces`): an approval (a 2026-07-28 requestState or a confirmation token) is used at
 * most once. A row lives until its approval would have expired anyway; expired rows are removed on
 * the next use. Synchronous, like every DO SQLite call.
 */
export class ApprovalNonces {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS approval_nonces (
      nonce TEXT PRIMARY KEY,
      expires_at_ms INTEGER NOT NULL
    )`);
  }

  /** True the first time `nonce` is used; false ever after (until it has expired). */
  consume(nonce: string, expiresAtMs: number, nowMs: number): boolean {
    this.sql.exec('DELETE FROM approval_nonces WHERE expires_at_ms <= ?', nowMs);
    const cursor = this.sql.exec(
      'INSERT OR IGNORE INTO approval_nonces (nonce, expires_at_ms) VALUES (?, ?)',
      nonce,
      expiresAtMs,
    );
    return cursor.rowsWritten > 0;
  }
}
