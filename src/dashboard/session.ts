/**
 * Dashboard sessions: a short-lived JWT in an HttpOnly, SameSite=Strict cookie.
 *
 * The JWT never carries the credential the user signed in with. It names the principal:
 * `admin` (bound to a fingerprint of the current ADMIN_API_KEY, so rotating the key ends
 * every admin session), or a tenant id plus the id (`jti`) of the API token used to sign in,
 * so revoking that API token ends the session on the next request.
 *
 * A session JWT and an API token can never stand in for each other: sessions are signed with
 * a key derived from JWT_SIGNING_KEY for this purpose only (HMAC(JWT_SIGNING_KEY, label)), and
 * carry their own `typ` and `aud`, both checked on verify.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { base64urlEncode } from '../security/encoding';
import { timingSafeEqualStrings } from '../security/hmac';

export const SESSION_TYP = 'dashboard-session+jwt';
export const SESSION_AUDIENCE = 'missive-mcp-gateway:dashboard';
export const SESSION_ISSUER = 'missive-mcp-gateway';
/** Idle timeout: each request renews the cookie, so a session ends 30 minutes after its last use. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** Absolute cap: even an active session must sign in again after 12 hours. */
export const SESSION_MAX_SECONDS = 12 * 60 * 60;
/** Renew the cookie only when it is at least this old, so most requests don't set a cookie. */
const RENEW_AFTER_SECONDS = 60;

const SESSION_KEY_LABEL = 'missive-mcp-gateway/dashboard-session/v1';
const ADMIN_FINGERPRINT_LABEL = 'missive-mcp-gateway/dashboard-admin-fingerprint/v1';

export type SessionPrincipal = { kind: 'admin' } | { kind: 'tenant'; tenantId: string; apiTokenId: string };

export interface Session {
  principal: SessionPrincipal;
  /** Random per session; every state-changing form must echo it (see csrf.ts). */
  csrf: string;
  /** When the user signed in (epoch seconds); bounds the session's total life. */
  authTime: number;
  /** When this JWT was issued (epoch seconds). */
  issuedAt: number;
}

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  kind: z.enum(['admin', 'tenant']),
  tid: z.string().min(1).optional(),
  tok: z.string().min(1).optional(),
  akf: z.string().min(1).optional(),
  csrf: z.string().min(16),
  auth_time: z.number().int(),
  iat: z.number().int(),
});

const encoder = new TextEncoder();

async function hmac(key: Uint8Array, message: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message)));
}

/** 128 random bits, base64url. */
export function randomToken(): string {
  return base64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
}

/** The session signing key: derived, so it is never the key that signs API tokens. */
function sessionKey(secrets: SessionSecrets): Promise<Uint8Array> {
  return hmac(secrets.jwtSigningKey, SESSION_KEY_LABEL);
}

/** A one-way fingerprint of the admin key: binds admin sessions to the key without storing it. */
export async function adminKeyFingerprint(adminKey: string): Promise<string> {
  return base64urlEncode((await hmac(encoder.encode(adminKey), ADMIN_FINGERPRINT_LABEL)).slice(0, 16));
}

/** The two secrets sessions depend on, taken from the parsed config (config.ts). */
export interface SessionSecrets {
  /** JWT_SIGNING_KEY, decoded: only the input of the session key derivation. */
  jwtSigningKey: Uint8Array;
  adminApiKey: string;
}

/** Signs a session JWT for `session`. */
export async function signSession(secrets: SessionSecrets, session: Session, now = nowSeconds()): Promise<string> {
  const p = session.principal;
  const claims: Record<string, unknown> = { kind: p.kind, csrf: session.csrf, auth_time: session.authTime };
  if (p.kind === 'admin') claims.akf = await adminKeyFingerprint(secrets.adminApiKey);
  else {
    claims.tid = p.tenantId;
    claims.tok = p.apiTokenId;
  }
  const exp = Math.min(now + SESSION_IDLE_SECONDS, session.authTime + SESSION_MAX_SECONDS);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: SESSION_TYP })
    .setSubject(p.kind === 'admin' ? 'admin' : `tenant:${p.tenantId}`)
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(await sessionKey(secrets));
}

/**
 * Verifies a session JWT: signature with the session key, `typ`, `aud`, `iss`, `exp`, and for
 * admin sessions that the admin key has not changed. Returns null for anything invalid; the
 * caller still has to check that a tenant session's API token is live (storage).
 */
export async function verifySession(secrets: SessionSecrets, jwt: string, now = nowSeconds()): Promise<Session | null> {
  try {
    const { payload } = await jwtVerify(jwt, await sessionKey(secrets), {
      algorithms: ['HS256'],
      typ: SESSION_TYP,
      audience: SESSION_AUDIENCE,
      issuer: SESSION_ISSUER,
      currentDate: new Date(now * 1000),
    });
    const claims = ClaimsSchema.parse(payload);
    if (now - claims.auth_time > SESSION_MAX_SECONDS) return null;
    let principal: SessionPrincipal;
    if (claims.kind === 'admin') {
      if (claims.sub !== 'admin' || !claims.akf) return null;
      if (!(await timingSafeEqualStrings(claims.akf, await adminKeyFingerprint(secrets.adminApiKey)))) return null;
      principal = { kind: 'admin' };
    } else {
      if (!claims.tid || !claims.tok || claims.sub !== `tenant:${claims.tid}`) return null;
      principal = { kind: 'tenant', tenantId: claims.tid, apiTokenId: claims.tok };
    }
    return { principal, csrf: claims.csrf, authTime: claims.auth_time, issuedAt: claims.iat };
  } catch (err) {
    if (err instanceof joseErrors.JOSEError || err instanceof z.ZodError) return null;
    throw err;
  }
}

/** True when the cookie should be re-issued to slide the idle timeout forward. */
export function shouldRenew(session: Session, now = nowSeconds()): boolean {
  return now - session.issuedAt >= RENEW_AFTER_SECONDS;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
