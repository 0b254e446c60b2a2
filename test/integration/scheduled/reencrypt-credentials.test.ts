/**
 * Credential re-encryption through the Worker's `scheduled` handler after an ENCRYPTION_KEY
 * rotation: D1 and the account's Durable Object both move to the new key, so the previous key can
 * be removed; runs are bounded and idempotent; log lines say how far the rotation is and hold no secret.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getConfig } from '../../../src/config';
import { authorityFor } from '../../../src/durable/authority-client';
import type { Bindings } from '../../../src/env';
import { REENCRYPT_PER_RUN } from '../../../src/scheduled/reencrypt-credentials';
import { encryptSecret } from '../../../src/security/crypto-box';
import { hmacTokenHex } from '../../../src/security/hmac';
import { insertAccount, loadAccountForMcp, openSealedAccount } from '../../../src/storage/accounts';
import { swapCredential } from '../../../src/storage/upkeep';
import { createTenant, DEFAULT_MISSIVE_TOKEN, setupServer } from '../../helpers/admin-client';
import { TEST_SECRETS } from '../../helpers/test-secrets';
import { jobLine, runCron } from './helpers';

const NEW_AES_KEY = 'bmV3LWFlcy1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM'; // 32 bytes
const NOW = Date.UTC(2031, 5, 1);

/** Key 2 current, key 1 previous: the state between `wrangler secret put` and the end of the rotation. */
const during = {
  ...env,
  ENCRYPTION_KEY: NEW_AES_KEY,
  ENCRYPTION_KEY_VERSION: '2',
  ENCRYPTION_PREVIOUS_KEY: TEST_SECRETS.ENCRYPTION_KEY,
  ENCRYPTION_PREVIOUS_KEY_VERSION: TEST_SECRETS.ENCRYPTION_KEY_VERSION,
} as Bindings;
/** The rotation finished: the previous key removed. */
const after = { ...env, ENCRYPTION_KEY: NEW_AES_KEY, ENCRYPTION_KEY_VERSION: '2' } as Bindings;

async function keyVersionOf(accountId: string): Promise<number | null> {
  const row = await env.DB.prepare('SELECT credentials_key_version AS v FROM integrated_accounts WHERE id = ?')
    .bind(accountId)
    .first<{ v: number | null }>();
  return row?.v ?? null;
}

describe('scheduled credential re-encryption', () => {
  it('moves D1 and the Durable Object copy to the new key; the previous key can then go', async () => {
    const { account, server } = await setupServer();
    expect(await keyVersionOf(account.id)).toBe(1);

    const run = await runCron(during, NOW);
    expect(run.error).toBeNull();
    const line = jobLine(run, 'scheduled.reencrypt_credentials');
    expect(line).toMatchObject({ level: 'info', current_version: 2, previous_version: 1, failed: 0 });
    expect(line.reencrypted).toBeGreaterThanOrEqual(1);
    expect(run.text).not.toContain(DEFAULT_MISSIVE_TOKEN);
    expect(run.text).not.toContain(NEW_AES_KEY);
    expect(run.text).not.toContain(TEST_SECRETS.ENCRYPTION_KEY);

    // D1: sealed under version 2, readable without the previous key.
    expect(await keyVersionOf(account.id)).toBe(2);
    expect((await loadAccountForMcp(after, account.id))?.missiveToken).toBe(DEFAULT_MISSIVE_TOKEN);

    // The account's Durable Object (what the MCP hot path reads) holds the new envelope too.
    const tokenHash = await hmacTokenHex(getConfig(env).tokenHmac.current, server.token);
    const auth = await authorityFor(env, account.id).authorize(server.id, tokenHash, NOW - 1);
    expect(auth?.account?.credentialsKeyVersion).toBe(2);
    expect((await openSealedAccount(after, auth!.account!))?.missiveToken).toBe(DEFAULT_MISSIVE_TOKEN);
  });

  it('is bounded per run and idempotent; by_version shows when the rotation is done', async () => {
    const tenant = await createTenant();
    const oldKey = getConfig(env).encryption.current;
    const ids: string[] = [];
    for (let i = 0; i < REENCRYPT_PER_RUN + 7; i++) {
      const id = `acct_reenc_${String(i).padStart(4, '0')}_${crypto.randomUUID().slice(0, 8)}`;
      ids.push(id);
      await insertAccount(env.DB, {
        id,
        tenant_id: tenant.id,
        name: `bulk ${i}`,
        credentials_ciphertext: await encryptSecret(oldKey, `missive_pat-bulk-${i}`, id),
        credentials_key_version: oldKey.version,
        defaults: {},
        created_at: new Date(NOW - 86_400_000).toISOString(),
      });
    }

    const first = await runCron(during, NOW);
    expect(jobLine(first, 'scheduled.reencrypt_credentials')).toMatchObject({ reencrypted: REENCRYPT_PER_RUN });
    const afterFirst = await Promise.all(ids.map(keyVersionOf));
    expect(afterFirst.filter((v) => v === 2).length).toBeGreaterThan(0);

    // Drain whatever is left (other suites' accounts may share this database), then one more run is a no-op.
    let line: Record<string, unknown> = {};
    for (let i = 0; i < 10; i++) {
      line = jobLine(await runCron(during, NOW + (i + 1) * 900_000), 'scheduled.reencrypt_credentials');
      if (line.reencrypted === 0) break;
    }
    expect(line).toMatchObject({ reencrypted: 0, examined: 0 });
    expect(line.by_version).toEqual({ '2': expect.any(Number) });
    expect(await Promise.all(ids.map(keyVersionOf))).toEqual(ids.map(() => 2));
    for (const [i, id] of ids.slice(0, 3).entries()) {
      expect((await loadAccountForMcp(after, id))?.missiveToken).toBe(`missive_pat-bulk-${i}`);
    }
    // Sixty accounts and two runs of fifty Durable Object calls: seconds on a loaded two-core machine.
  }, 60_000);

  it('without a previous key does nothing and reports the versions still in use', async () => {
    const run = await runCron(env, NOW);
    expect(jobLine(run, 'scheduled.reencrypt_credentials')).toMatchObject({
      current_version: 1,
      previous_version: null,
      examined: 0,
      reencrypted: 0,
    });
  });

  it('never overwrites a credential that changed after it was read (compare-and-set)', async () => {
    const { account } = await setupServer();
    const next = { ciphertext: 'v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', keyVersion: 2 };
    expect(await swapCredential(env.DB, account.id, 'v1.not-what-is-stored', next, new Date(NOW).toISOString())).toBe(
      false,
    );
    expect(await keyVersionOf(account.id)).toBe(1);
  });
});
