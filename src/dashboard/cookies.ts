/**
 * The dashboard's two cookies and their attributes: the session (see session.ts) and a
 * short-lived sign-in nonce that protects the sign-in form against login CSRF.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_IDLE_SECONDS } from './session';

const SIGN_IN_NONCE_SECONDS = 10 * 60;

/**
 * Cookies are `Secure` and `__Host-` prefixed (which pins them to this exact host and Path=/,
 * so a sibling subdomain cannot plant one), except on plain http to a loopback address: that
 * is `npm run dev` (wrangler dev on http://127.0.0.1:8787), where a browser would drop a Secure
 * cookie set over http by 127.0.0.1 and signing in would silently fail. Nothing else is exempt:
 * production traffic arrives over https, and plain http to any other host still gets Secure
 * cookies (which the browser then refuses, by design).
 */
export function isLoopbackHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

interface CookieNames {
  session: string;
  signIn: string;
  secure: boolean;
}

function names(c: Context): CookieNames {
  const secure = !isLoopbackHttp(c.req.url);
  return secure
    ? { session: '__Host-mcpgw_session', signIn: '__Host-mcpgw_signin', secure }
    : { session: 'mcpgw_session', signIn: 'mcpgw_signin', secure };
}

function attributes(c: Context, maxAge: number) {
  return {
    path: '/',
    httpOnly: true,
    secure: names(c).secure,
    sameSite: 'Strict' as const,
    maxAge,
  };
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, names(c).session);
}

export function writeSessionCookie(c: Context, jwt: string): void {
  setCookie(c, names(c).session, jwt, attributes(c, SESSION_IDLE_SECONDS));
}

export function clearSessionCookie(c: Context): void {
  const n = names(c);
  deleteCookie(c, n.session, { path: '/', secure: n.secure, httpOnly: true, sameSite: 'Strict' });
}

export function readSignInNonce(c: Context): string | undefined {
  return getCookie(c, names(c).signIn);
}

export function writeSignInNonce(c: Context, nonce: string): void {
  setCookie(c, names(c).signIn, nonce, attributes(c, SIGN_IN_NONCE_SECONDS));
}

export function clearSignInNonce(c: Context): void {
  const n = names(c);
  deleteCookie(c, n.signIn, { path: '/', secure: n.secure, httpOnly: true, sameSite: 'Strict' });
}
