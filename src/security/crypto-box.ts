/**
 * AES-256-GCM for credentials at rest (the Missive API token of an integrated account).
 * Envelope: `v<key version>.<iv b64url>.<ciphertext+tag b64url>`; the key version travels with
 * the ciphertext so ENCRYPTION_KEY can rotate (old rows decrypt with the previous key). The
 * associated data binds a ciphertext to its row (the account id): a ciphertext copied to another
 * account fails to decrypt.
 */
import type { VersionedKey } from '../config';
import { base64urlDecode, base64urlEncode } from './encoding';

const keyCache = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  let key = keyCache.get(raw);
  if (!key) {
    key = crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    keyCache.set(raw, key);
  }
  return key;
}

const ENVELOPE = /^v([1-9][0-9]{0,8})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

/** Encrypts `plaintext` with the key, binding it to `associatedData`. */
export async function encryptSecret(key: VersionedKey, plaintext: string, associatedData: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const enc = new TextEncoder();
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: enc.encode(associatedData) },
    await importAesKey(key.key),
    enc.encode(plaintext),
  );
  return `v${key.version}.${base64urlEncode(iv)}.${base64urlEncode(new Uint8Array(ct))}`;
}

/** The key version an envelope was sealed with, or null for a malformed envelope. */
export function envelopeKeyVersion(envelope: string): number | null {
  const m = ENVELOPE.exec(envelope);
  return m ? Number(m[1]) : null;
}

/**
 * Decrypts an envelope with whichever of `keys` has its version. Returns null when the envelope
 * is malformed, its key is unknown, or authentication fails (tampered data or wrong AAD).
 */
export async function decryptSecret(
  keys: readonly VersionedKey[],
  envelope: string,
  associatedData: string,
): Promise<string | null> {
  const m = ENVELOPE.exec(envelope);
  if (!m) return null;
  const key = keys.find((k) => k.version === Number(m[1]));
  const iv = base64urlDecode(m[2]!);
  const ct = base64urlDecode(m[3]!);
  if (!key || !iv || !ct) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(associatedData) },
      await importAesKey(key.key),
      ct,
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
