import { describe, expect, it } from 'vitest';
import type { VersionedKey } from '../../../src/config';
import { decryptSecret, encryptSecret, envelopeKeyVersion } from '../../../src/security/crypto-box';
import { hmacTokenHex, timingSafeEqualStrings } from '../../../src/security/hmac';

const key = (version: number, fill: number): VersionedKey => ({ version, key: new Uint8Array(32).fill(fill) });

describe('HMAC-SHA256 of tokens', () => {
  it('matches the RFC 4231 test case 2 vector', async () => {
    const k: VersionedKey = { version: 1, key: new TextEncoder().encode('Jefe') };
    expect(await hmacTokenHex(k, 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
  it('differs per key and per token', async () => {
    const a = await hmacTokenHex(key(1, 1), 'mcp_x');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await hmacTokenHex(key(2, 2), 'mcp_x')).not.toBe(a);
    expect(await hmacTokenHex(key(1, 1), 'mcp_y')).not.toBe(a);
    expect(await hmacTokenHex(key(1, 1), 'mcp_x')).toBe(a);
  });
  it('compares strings in constant time, any lengths', async () => {
    expect(await timingSafeEqualStrings('abc', 'abc')).toBe(true);
    expect(await timingSafeEqualStrings('abc', 'abd')).toBe(false);
    expect(await timingSafeEqualStrings('abc', 'abcd')).toBe(false);
    expect(await timingSafeEqualStrings('', '')).toBe(true);
  });
});

describe('AES-GCM credential box', () => {
  it('round-trips with the key version in the envelope', async () => {
    const sealed = await encryptSecret(key(3, 7), 'missive_pat-secret', 'acct_1');
    expect(sealed.startsWith('v3.')).toBe(true);
    expect(envelopeKeyVersion(sealed)).toBe(3);
    expect(sealed).not.toContain('missive_pat');
    expect(await decryptSecret([key(3, 7)], sealed, 'acct_1')).toBe('missive_pat-secret');
  });
  it('uses a fresh IV each time', async () => {
    const a = await encryptSecret(key(1, 7), 'same', 'acct_1');
    const b = await encryptSecret(key(1, 7), 'same', 'acct_1');
    expect(a).not.toBe(b);
  });
  it('fails on the wrong associated data (a ciphertext moved to another account)', async () => {
    const sealed = await encryptSecret(key(1, 7), 'secret', 'acct_1');
    expect(await decryptSecret([key(1, 7)], sealed, 'acct_2')).toBeNull();
  });
  it('fails on any tampered ciphertext byte or IV', async () => {
    const sealed = await encryptSecret(key(1, 7), 'secret', 'acct_1');
    const [v, iv, ct] = sealed.split('.') as [string, string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    expect(await decryptSecret([key(1, 7)], `${v}.${iv}.${flip(ct, 3)}`, 'acct_1')).toBeNull();
    expect(await decryptSecret([key(1, 7)], `${v}.${flip(iv, 2)}.${ct}`, 'acct_1')).toBeNull();
    expect(await decryptSecret([key(1, 7)], `${v}.${iv}.${ct.slice(0, -2)}`, 'acct_1')).toBeNull();
  });
  it('fails with the wrong key or an unknown version, and picks the right key during rotation', async () => {
    const sealed = await encryptSecret(key(1, 7), 'secret', 'acct_1');
    expect(await decryptSecret([key(1, 8)], sealed, 'acct_1')).toBeNull();
    expect(await decryptSecret([key(2, 7)], sealed, 'acct_1')).toBeNull();
    expect(await decryptSecret([key(2, 9), key(1, 7)], sealed, 'acct_1')).toBe('secret');
  });
  it('refuses malformed envelopes', async () => {
    expect(await decryptSecret([key(1, 7)], 'garbage', 'a')).toBeNull();
    expect(await decryptSecret([key(1, 7)], 'v1..', 'a')).toBeNull();
    expect(envelopeKeyVersion('v0.x.y')).toBeNull();
  });
});
