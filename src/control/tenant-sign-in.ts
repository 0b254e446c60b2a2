/**
 * A tenant's own sign-in for the consent step: its login URL and its approval key. The key is 32
 * random bytes, returned once (base64url) when the sign-in is set or its key rotated, and stored only
 * as an AES-GCM envelope bound to the tenant. Setting it again always issues a new key, so a leaked
 * key is replaced by writing the sign-in again.
 */
import { z } from 'zod';
import { getConfig } from '../config';
import type { Bindings } from '../env';
import { decryptSecret, encryptSecret } from '../security/crypto-box';
import { base64urlDecode, base64urlEncode } from '../security/encoding';
import { approvalKeyAad, getTenantSignIn, putTenantSignIn } from '../storage/oauth';

/** https, or http on a loopback host (a tenant's app in local development). */
export const LoginUrlSchema = z
  .url()
  .max(2048)
  .refine((value) => {
    const url = new URL(value);
    if (url.username || url.password || url.hash) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'must be an https URL (http only on a loopback host), without credentials or fragment');

export interface TenantSignIn {
  loginUrl: string;
  key: Uint8Array;
}

/** Stores `loginUrl` with a fresh approval key; returns the key, base64url, to show once. */
export async function issueTenantSignIn(env: Bindings, tenantId: string, loginUrl: string, now: Date): Promise<string> {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const encoded = base64urlEncode(key);
  const { encryption } = getConfig(env);
  await putTenantSignIn(env.DB, {
    tenant_id: tenantId,
    login_url: loginUrl,
    key_ciphertext: await encryptSecret(encryption.current, encoded, approvalKeyAad(tenantId)),
    now: now.toISOString(),
  });
  return encoded;
}

/** The tenant's sign-in with its key decrypted, or null when it has none (or the key cannot be opened). */
export async function loadTenantSignIn(env: Bindings, tenantId: string): Promise<TenantSignIn | null> {
  const row = await getTenantSignIn(env.DB, tenantId);
  if (!row) return null;
  const { encryption } = getConfig(env);
  const keys = encryption.previous ? [encryption.current, encryption.previous] : [encryption.current];
  const encoded = await decryptSecret(keys, row.key_ciphertext, approvalKeyAad(tenantId));
  const key = encoded ? base64urlDecode(encoded) : null;
  return key ? { loginUrl: row.login_url, key } : null;
}
