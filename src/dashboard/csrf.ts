/**
 * CSRF protection for every state-changing dashboard request (RFC 6265bis SameSite plus a
 * synchronizer token). Three independent checks, all required:
 * 1. the session cookie is SameSite=Strict, so a cross-site form post arrives without it;
 * 2. a browser's `Origin` / `Sec-Fetch-Site` must not name another site;
 * 3. the form's `_csrf` field must equal the random value inside the signed session JWT (or,
 *    before sign-in, the sign-in nonce cookie). Another site can neither read that value nor
 *    forge the JWT, so it cannot produce a matching field.
 */
import type { Context } from 'hono';
import { timingSafeEqualStrings } from '../security/hmac';

/** True when the request comes from this origin as far as the browser says. */
export function sameOriginRequest(c: Context): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('Origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin) return false;
  return true;
}

/** The `_csrf` field of a urlencoded or multipart form, or null. */
export async function formCsrfToken(c: Context): Promise<string | null> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  const body = await c.req.parseBody({ all: true });
  const value = body._csrf;
  return typeof value === 'string' ? value : null;
}

/** All checks of the file comment against `expected` (the session's or the nonce cookie's value). */
export async function csrfOk(c: Context, expected: string | undefined): Promise<boolean> {
  if (!expected || !sameOriginRequest(c)) return false;
  const presented = await formCsrfToken(c);
  if (presented === null) return false;
  return timingSafeEqualStrings(presented, expected);
}
