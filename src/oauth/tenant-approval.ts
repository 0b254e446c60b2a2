/**
 * Consent through the tenant's own sign-in: the gateway sends the browser to the tenant's login URL
 * with a signed *consent request*; the tenant's app signs its user in, decides, and sends the browser
 * back to `return_to` with a signed *consent answer*. Both are compact JWTs, HS256 with the tenant's
 * approval key (32 random bytes, issued through the admin API and shown once).
 *
 * The two directions cannot stand in for each other: each has its own `typ`, and the issuer and
 * audience are swapped (request: gateway → tenant id; answer: tenant id → gateway). An answer names
 * the consent `handle` it answers, which the library binds to the browser and accepts once, and the
 * server it approves, which must be the server the stored authorization request names. Lifetimes
 * are short and checked against the `now` the caller passes.
 *
 * @example
 * // The tenant's app, after its user clicked Allow (any JOSE library, HS256):
 * // new SignJWT({ handle: request.handle, server_id: request.server.id, decision: 'approve', sub: userId })
 * //   .setProtectedHeader({ alg: 'HS256', typ: 'oauth-consent-answer+jwt' })
 * //   .setIssuer(request.aud).setAudience(request.iss).setIssuedAt().setExpirationTime('2m').sign(key)
 */
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { z } from 'zod';
import { randomId } from '../security/encoding';

export const CONSENT_REQUEST_TYP = 'oauth-consent-request+jwt';
export const CONSENT_ANSWER_TYP = 'oauth-consent-answer+jwt';
/** A consent request is valid for five minutes; an answer may live at most five minutes too. */
export const CONSENT_REQUEST_SECONDS = 5 * 60;
export const CONSENT_ANSWER_MAX_SECONDS = 5 * 60;
const CLOCK_SKEW_SECONDS = 30;

/** What the tenant's page needs to show before its user decides. */
export interface ConsentFacts {
  handle: string;
  server: { id: string; name: string };
  account: { id: string; name: string };
  client: {
    id: string;
    name: string;
    uri: string | null;
    domain: string | null;
    redirect_host: string;
    loopback: boolean;
  };
  tools: string[];
}

export async function signConsentRequest(
  key: Uint8Array,
  facts: ConsentFacts,
  opts: { issuer: string; tenantId: string; returnTo: string; now: number },
): Promise<string> {
  const iat = Math.floor(opts.now / 1000);
  return new SignJWT({ ...facts, return_to: opts.returnTo })
    .setProtectedHeader({ alg: 'HS256', typ: CONSENT_REQUEST_TYP })
    .setIssuer(opts.issuer)
    .setAudience(opts.tenantId)
    .setJti(randomId('creq_'))
    .setIssuedAt(iat)
    .setExpirationTime(iat + CONSENT_REQUEST_SECONDS)
    .sign(key);
}

const AnswerClaims = z.object({
  iss: z.string().min(1),
  handle: z.string().min(1).max(512),
  server_id: z.string().min(1).max(64),
  decision: z.enum(['approve', 'deny']),
  /** The tenant's own user who decided; kept with the grant for the audit trail. */
  sub: z.string().min(1).max(200).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});

export type ConsentAnswer = z.infer<typeof AnswerClaims>;

export type AnswerFailure = 'malformed' | 'unknown_tenant' | 'bad_signature' | 'expired' | 'too_long_lived';

export type AnswerResult = { ok: true; answer: ConsentAnswer } | { ok: false; error: AnswerFailure };

/** The tenant an answer claims to come from, read before verification only to pick its key. */
export function answerIssuer(jwt: string): string | null {
  try {
    const iss = decodeJwt(jwt).iss;
    return typeof iss === 'string' && iss.length <= 64 ? iss : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a consent answer signed by `tenantId` for this gateway (`issuer`) at `now`. A null key
 * (the tenant has no approval key) is `unknown_tenant`.
 */
export async function verifyConsentAnswer(
  key: Uint8Array | null,
  jwt: string,
  opts: { issuer: string; tenantId: string; now: number },
): Promise<AnswerResult> {
  if (!key) return { ok: false, error: 'unknown_tenant' };
  const nowSeconds = Math.floor(opts.now / 1000);
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(jwt, key, {
      algorithms: ['HS256'],
      typ: CONSENT_ANSWER_TYP,
      issuer: opts.tenantId,
      audience: opts.issuer,
      requiredClaims: ['iat', 'exp'],
      currentDate: new Date(nowSeconds * 1000),
      clockTolerance: CLOCK_SKEW_SECONDS,
    }));
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { ok: false, error: code === 'ERR_JWT_EXPIRED' ? 'expired' : 'bad_signature' };
  }
  const parsed = AnswerClaims.safeParse(payload);
  if (!parsed.success) return { ok: false, error: 'malformed' };
  const answer = parsed.data;
  if (answer.exp - answer.iat > CONSENT_ANSWER_MAX_SECONDS) return { ok: false, error: 'too_long_lived' };
  if (answer.iat > nowSeconds + CLOCK_SKEW_SECONDS) return { ok: false, error: 'malformed' };
  return { ok: true, answer };
}
