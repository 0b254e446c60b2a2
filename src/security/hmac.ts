/**
 * HMAC-SHA256 of bearer tokens: storage holds only these digests, so a leaked D1 or KV dump
 * holds no usable credential. Keys are imported once per isolate and cached.
 */
import type { VersionedKey } from '../config';
import { toHex } from './encoding';

const keyCache = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function importHmacKey(raw: Uint8Array): Promise<CryptoKey> {
  let key = keyCache.get(raw);
  if (!key) {
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keyCache.set(raw, key);
  }
  return key;
}

/** Hex HMAC-SHA256(key, token). */
export async function hmacTokenHex(key: VersionedKey, token: string): Promise<string> {
  const cryptoKey = await importHmacKey(key.key);
  return toHex(await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(token)));
}

/** Constant-time string equality (both sides are hashed first, so lengths leak nothing either). */
export async function timingSafeEqualStrings(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [da, db] = await Promise.all([
    crypto.subtle.digest('SHA-256', enc.encode(a)),
    crypto.subtle.digest('SHA-256', enc.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(da, db);
}
