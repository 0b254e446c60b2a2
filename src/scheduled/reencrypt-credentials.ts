/**
 * Credential re-encryption: after an ENCRYPTION_KEY rotation (the old key moved to
 * ENCRYPTION_PREVIOUS_KEY), moves each live account's sealed Missive token to the current key,
 * in D1 and in the account's Durable Object, so the previous key can be removed.
 *
 * Idempotent and bounded: each run re-seals at most REENCRYPT_PER_RUN accounts, each with a
 * compare-and-set on the old ciphertext (a concurrent PATCH or delete wins). D1 is written first,
 * then the object; if the object cannot be reached, D1 is set back to the old ciphertext so the
 * next run tries again. So "no live account in D1 on the previous version" means both copies
 * have moved, and the log line's `by_version` says when that is.
 */
import { getConfig } from '../config';
import { authorityFor } from '../durable/authority-client';
import type { Bindings } from '../env';
import type { Logger } from '../log';
import { decryptSecret, encryptSecret } from '../security/crypto-box';
import { countAccountsByKeyVersion, listAccountsSealedWith, swapCredential } from '../storage/upkeep';

/** Accounts re-sealed per run at most (each costs one D1 write and one Durable Object call). */
export const REENCRYPT_PER_RUN = 50;
/** Accounts examined per run at most, so rows that cannot be decrypted cannot stall a run. */
export const REENCRYPT_EXAMINED_PER_RUN = 200;
const PAGE = 50;

export interface ReencryptReport {
  current_version: number;
  previous_version: number | null;
  examined: number;
  reencrypted: number;
  /** Changed by someone else between read and write: the next run sees the new state. */
  skipped: number;
  /** Sealed under the previous version but not decryptable with it (wrong key or tampered row). */
  undecryptable: number;
  /** Re-sealed in D1 but the Durable Object could not take it: set back, retried next run. */
  failed: number;
  /** Live accounts per key version after this run; rotation is done when only the current one is left. */
  by_version: Record<string, number>;
}

export async function reencryptCredentials(env: Bindings, log: Logger, nowMs: number): Promise<ReencryptReport> {
  const { encryption } = getConfig(env);
  const report: ReencryptReport = {
    current_version: encryption.current.version,
    previous_version: encryption.previous?.version ?? null,
    examined: 0,
    reencrypted: 0,
    skipped: 0,
    undecryptable: 0,
    failed: 0,
    by_version: {},
  };
  const previous = encryption.previous;
  if (previous) {
    const keys = [previous];
    const nowIso = new Date(nowMs).toISOString();
    let afterId = '';
    while (report.reencrypted < REENCRYPT_PER_RUN && report.examined < REENCRYPT_EXAMINED_PER_RUN) {
      const page = await listAccountsSealedWith(env.DB, previous.version, afterId, PAGE);
      if (page.length === 0) break;
      for (const account of page) {
        if (report.reencrypted >= REENCRYPT_PER_RUN || report.examined >= REENCRYPT_EXAMINED_PER_RUN) break;
        report.examined += 1;
        afterId = account.id;
        const plaintext = await decryptSecret(keys, account.credentialsCiphertext, account.id);
        if (plaintext === null) {
          report.undecryptable += 1;
          log.warn('scheduled.reencrypt.undecryptable', { account_id: account.id, key_version: previous.version });
          continue;
        }
        const next = {
          ciphertext: await encryptSecret(encryption.current, plaintext, account.id),
          keyVersion: encryption.current.version,
        };
        // Never older than the row: the object keeps the newest copy by updated_at.
        const updatedAt = nowIso > account.updatedAt ? nowIso : account.updatedAt;
        if (!(await swapCredential(env.DB, account.id, account.credentialsCiphertext, next, updatedAt))) {
          report.skipped += 1;
          continue;
        }
        try {
          await authorityFor(env, account.id).putAccount({
            ...account,
            credentialsCiphertext: next.ciphertext,
            credentialsKeyVersion: next.keyVersion,
            updatedAt,
          });
          report.reencrypted += 1;
        } catch (err) {
          await swapCredential(
            env.DB,
            account.id,
            next.ciphertext,
            { ciphertext: account.credentialsCiphertext, keyVersion: previous.version },
            updatedAt,
          );
          report.failed += 1;
          log.warn('scheduled.reencrypt.authority_failed', {
            account_id: account.id,
            error: err instanceof Error ? err.name : 'unknown',
          });
        }
      }
      if (page.length < PAGE) break;
    }
  }
  report.by_version = await countAccountsByKeyVersion(env.DB);
  return report;
}
