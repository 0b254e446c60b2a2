/**
 * One-time form ids for the forms whose POST shows a secret once (mint, rotate).
 *
 * Why: the page that shows a new MCP URL is the answer to the POST. Reloading it, a double click,
 * or the browser's "resend form" would post again and mint (or rotate) a second time: a live
 * credential nobody has seen, or the URL just shown killed. So each rendered form carries an id;
 * the first POST with it acts and records the id as used (src/storage/dashboard-forms.ts), a
 * second POST with it does nothing.
 *
 * The id is `v1.<issued at, epoch s>.<nonce>.<mac>`: 128 random bits plus an HMAC over the
 * purpose (`mint:<account>` or `rotate:<account>:<server>`), the session's CSRF value (random per
 * sign-in, kept across renewals) and the issue time, keyed by a key derived from JWT_SIGNING_KEY
 * for this use only. So an id works only in the session it was rendered for, only for the form it
 * was rendered in, and only for FORM_ID_MAX_AGE_SECONDS (which never exceeds how long the used
 * record is kept, so an id cannot outlive the record of its use). Nothing secret is inside it.
 *
 * Pure: Web Crypto only, no runtime imports.
 */
import { base64urlEncode } from '../security/encoding';
import { timingSafeEqualStrings } from '../security/hmac';

/** How long a rendered form may be submitted. The used-id record lives at least this long. */
export const FORM_ID_MAX_AGE_SECONDS = 60 * 60;
/** Clock skew between isolates we tolerate for ids "from the future". */
const FUTURE_SKEW_SECONDS = 60;
const FORM_ID_KEY_LABEL = 'missive-mcp-gateway/dashboard-form-id/v1';
const FORM_ID_SHAPE = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const encoder = new TextEncoder();

/** What a form does, and to what: an id rendered for one purpose is refused for any other. */
export type FormPurpose =
  { action: 'mint'; accountId: string } | { action: 'rotate'; accountId: string; serverId: string };

function purposeText(p: FormPurpose): string {
  return p.action === 'mint' ? `mint:${p.accountId}` : `rotate:${p.accountId}:${p.serverId}`;
}

async function hmac(key: Uint8Array, message: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message)));
}

async function mac(jwtSigningKey: Uint8Array, sessionCsrf: string, p: FormPurpose, issuedAt: number, nonce: string) {
  // Derived key: a form id MAC can never be confused with a session or API token signature.
  const key = await hmac(jwtSigningKey, FORM_ID_KEY_LABEL);
  // Every part is length-safe: the purpose ids, the CSRF value and the nonce contain no '\n'.
  return base64urlEncode(await hmac(key, ['v1', purposeText(p), sessionCsrf, String(issuedAt), nonce].join('\n')));
}

/** A fresh form id for `purpose` in the session whose CSRF value is `sessionCsrf`. */
export async function issueFormId(
  jwtSigningKey: Uint8Array,
  sessionCsrf: string,
  purpose: FormPurpose,
  now: number,
): Promise<string> {
  const nonce = base64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
  return `v1.${now}.${nonce}.${await mac(jwtSigningKey, sessionCsrf, purpose, now, nonce)}`;
}

export type FormIdCheck =
  /** Genuine, for this session and purpose, still fresh: `nonce` names it in storage. */
  | { ok: true; nonce: string; issuedAt: number }
  /** Genuine but older than FORM_ID_MAX_AGE_SECONDS: the form must be rendered again. */
  | { ok: false; reason: 'expired' }
  /** Absent, malformed, or made for another session or form. */
  | { ok: false; reason: 'invalid' };

/** Checks a posted form id (see the file comment). */
export async function checkFormId(
  jwtSigningKey: Uint8Array,
  sessionCsrf: string,
  purpose: FormPurpose,
  formId: unknown,
  now: number,
): Promise<FormIdCheck> {
  if (typeof formId !== 'string') return { ok: false, reason: 'invalid' };
  const m = FORM_ID_SHAPE.exec(formId);
  if (!m) return { ok: false, reason: 'invalid' };
  const issuedAt = Number(m[1]);
  const nonce = m[2] ?? '';
  const expected = await mac(jwtSigningKey, sessionCsrf, purpose, issuedAt, nonce);
  if (!(await timingSafeEqualStrings(m[3] ?? '', expected))) return { ok: false, reason: 'invalid' };
  if (issuedAt > now + FUTURE_SKEW_SECONDS) return { ok: false, reason: 'invalid' };
  if (now - issuedAt > FORM_ID_MAX_AGE_SECONDS) return { ok: false, reason: 'expired' };
  return { ok: true, nonce, issuedAt };
}
