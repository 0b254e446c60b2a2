/**
 * The signed consent request and answer of a tenant's own sign-in: a genuine answer verifies; a
 * forged, expired, over-long-lived, wrong-audience or request-shaped one is refused. The clock is
 * passed in.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  CONSENT_ANSWER_TYP,
  CONSENT_REQUEST_TYP,
  signConsentRequest,
  verifyConsentAnswer,
  answerIssuer,
} from '../../../src/oauth/tenant-approval';

const GATEWAY = 'https://gateway.test';
const TENANT = 'ten_1';
const NOW = Date.parse('2026-11-28T10:00:00Z');
const key = crypto.getRandomValues(new Uint8Array(32));
const otherKey = crypto.getRandomValues(new Uint8Array(32));

function answer(
  claims: Record<string, unknown> = {},
  opts: { key?: Uint8Array; typ?: string; iss?: string; aud?: string; iat?: number; exp?: number } = {},
) {
  const iat = opts.iat ?? Math.floor(NOW / 1000);
  return new SignJWT({ handle: 'h1', server_id: 'srv_1', decision: 'approve', sub: 'user-7', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: opts.typ ?? CONSENT_ANSWER_TYP })
    .setIssuer(opts.iss ?? TENANT)
    .setAudience(opts.aud ?? GATEWAY)
    .setIssuedAt(iat)
    .setExpirationTime(opts.exp ?? iat + 120)
    .sign(opts.key ?? key);
}

const verify = (jwt: string, now = NOW) => verifyConsentAnswer(key, jwt, { issuer: GATEWAY, tenantId: TENANT, now });

describe('tenant consent answers', () => {
  it('accepts a genuine answer and names its tenant before verification', async () => {
    const jwt = await answer();
    expect(answerIssuer(jwt)).toBe(TENANT);
    const result = await verify(jwt);
    expect(result).toMatchObject({ ok: true, answer: { handle: 'h1', server_id: 'srv_1', decision: 'approve' } });
  });

  it('refuses a forged answer (another key), another audience, another issuer, and no key at all', async () => {
    expect(await verify(await answer({}, { key: otherKey }))).toEqual({ ok: false, error: 'bad_signature' });
    expect(await verify(await answer({}, { aud: 'https://evil.test' }))).toEqual({ ok: false, error: 'bad_signature' });
    expect(await verify(await answer({}, { iss: 'ten_2' }))).toEqual({ ok: false, error: 'bad_signature' });
    expect(await verifyConsentAnswer(null, await answer(), { issuer: GATEWAY, tenantId: TENANT, now: NOW })).toEqual({
      ok: false,
      error: 'unknown_tenant',
    });
  });

  it('refuses an expired answer and one that claims to live too long', async () => {
    const jwt = await answer();
    expect(await verify(jwt, NOW + 10 * 60_000)).toEqual({ ok: false, error: 'expired' });
    const longLived = await answer({}, { exp: Math.floor(NOW / 1000) + 3600 });
    expect(await verify(longLived)).toEqual({ ok: false, error: 'too_long_lived' });
  });

  it("refuses the gateway's own consent request presented as an answer", async () => {
    const request = await signConsentRequest(
      key,
      {
        handle: 'h1',
        server: { id: 'srv_1', name: 's' },
        account: { id: 'acct_1', name: 'a' },
        client: { id: 'c', name: 'C', uri: null, domain: null, redirect_host: 'x', loopback: false },
        tools: [],
      },
      { issuer: GATEWAY, tenantId: TENANT, returnTo: `${GATEWAY}/oauth/answer`, now: NOW },
    );
    expect(await verify(request)).toEqual({ ok: false, error: 'bad_signature' });
    // Even with the right typ swapped in, the issuer/audience pair is the other way round.
    const swapped = await answer({}, { typ: CONSENT_REQUEST_TYP });
    expect(await verify(swapped)).toEqual({ ok: false, error: 'bad_signature' });
  });

  it('refuses an answer without a decision', async () => {
    expect(await verify(await answer({ decision: 'maybe' }))).toEqual({ ok: false, error: 'malformed' });
  });
});
