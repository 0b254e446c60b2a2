/** One-time form ids (src/dashboard/form-id.ts): bound to the session, the form and a time window. */
import { describe, expect, it } from 'vitest';
import { FORM_ID_MAX_AGE_SECONDS, checkFormId, issueFormId, type FormPurpose } from '../../../src/dashboard/form-id';

const KEY = new TextEncoder().encode('k'.repeat(32));
const CSRF = 'c'.repeat(22);
const NOW = 1_800_000_000;
const MINT: FormPurpose = { action: 'mint', accountId: 'acct_1' };
const ROTATE: FormPurpose = { action: 'rotate', accountId: 'acct_1', serverId: 'srv_1' };

describe('form ids', () => {
  it('round-trips for the same session, form and a fresh time; each issue is different', async () => {
    const id = await issueFormId(KEY, CSRF, MINT, NOW);
    expect(id).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const check = await checkFormId(KEY, CSRF, MINT, id, NOW + 10);
    expect(check).toEqual({ ok: true, nonce: id.split('.')[2], issuedAt: NOW });
    expect(await issueFormId(KEY, CSRF, MINT, NOW)).not.toBe(id);
    expect((await checkFormId(KEY, CSRF, ROTATE, await issueFormId(KEY, CSRF, ROTATE, NOW), NOW)).ok).toBe(true);
  });

  it('refuses another session, another form, another key, a tampered id and non-strings', async () => {
    const id = await issueFormId(KEY, CSRF, MINT, NOW);
    const invalid = { ok: false, reason: 'invalid' };
    expect(await checkFormId(KEY, 'd'.repeat(22), MINT, id, NOW)).toEqual(invalid);
    expect(await checkFormId(KEY, CSRF, { action: 'mint', accountId: 'acct_2' }, id, NOW)).toEqual(invalid);
    expect(await checkFormId(KEY, CSRF, ROTATE, id, NOW)).toEqual(invalid);
    expect(await checkFormId(new TextEncoder().encode('j'.repeat(32)), CSRF, MINT, id, NOW)).toEqual(invalid);
    const [v, t, nonce, mac] = id.split('.') as [string, string, string, string];
    const flipped = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(await checkFormId(KEY, CSRF, MINT, [v, t, flipped(nonce), mac].join('.'), NOW)).toEqual(invalid);
    expect(await checkFormId(KEY, CSRF, MINT, [v, t, nonce, flipped(mac)].join('.'), NOW)).toEqual(invalid);
    // Moving the issue time (to stretch the window) breaks the MAC too.
    expect(await checkFormId(KEY, CSRF, MINT, [v, String(NOW + 100), nonce, mac].join('.'), NOW + 100)).toEqual(
      invalid,
    );
    for (const bad of [undefined, null, '', [id], 42, `${id}x`, id.replace('v1.', 'v2.')]) {
      expect(await checkFormId(KEY, CSRF, MINT, bad, NOW)).toEqual(invalid);
    }
  });

  it('expires after the window, and refuses ids from the future beyond a small skew', async () => {
    const id = await issueFormId(KEY, CSRF, MINT, NOW);
    expect((await checkFormId(KEY, CSRF, MINT, id, NOW + FORM_ID_MAX_AGE_SECONDS)).ok).toBe(true);
    expect(await checkFormId(KEY, CSRF, MINT, id, NOW + FORM_ID_MAX_AGE_SECONDS + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect((await checkFormId(KEY, CSRF, MINT, id, NOW - 30)).ok).toBe(true);
    expect(await checkFormId(KEY, CSRF, MINT, id, NOW - 3600)).toEqual({ ok: false, reason: 'invalid' });
  });
});
