import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../../../src/config';
import { API_TOKEN_ISSUER, looksLikeJwt, signApiToken, verifyApiTokenJwt } from '../../../src/security/api-token-jwt';

const k1 = { kid: 'k1', key: new Uint8Array(32).fill(1) };
const k2 = { kid: 'k2', key: new Uint8Array(32).fill(2) };
const cfg = (current: typeof k1, previous: typeof k1 | null = null): GatewayConfig['jwt'] => ({ current, previous });

describe('API token JWTs', () => {
  it('signs HS256 with kid, jti, sub and verifies', async () => {
    const token = await signApiToken(cfg(k1), { tenantId: 'ten_a', tokenId: 'tok_1' });
    expect(looksLikeJwt(token)).toBe(true);
    const header = JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')));
    expect(header).toMatchObject({ alg: 'HS256', kid: 'k1' });
    expect(await verifyApiTokenJwt(cfg(k1), token)).toEqual({ tenantId: 'ten_a', tokenId: 'tok_1', expiresAt: null });
  });

  it('keeps accepting tokens of the previous key after a rotation, and stops once it is dropped', async () => {
    const old = await signApiToken(cfg(k1), { tenantId: 'ten_a', tokenId: 'tok_1' });
    expect(await verifyApiTokenJwt(cfg(k2, k1), old)).not.toBeNull();
    expect(await verifyApiTokenJwt(cfg(k2), old)).toBeNull();
    const fresh = await signApiToken(cfg(k2, k1), { tenantId: 'ten_a', tokenId: 'tok_2' });
    expect(JSON.parse(atob(fresh.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))).kid).toBe('k2');
  });

  it('refuses a token whose kid names a key but is signed with another', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(API_TOKEN_ISSUER)
      .setSubject('ten_a')
      .setJti('tok_1')
      .setIssuedAt()
      .sign(k2.key);
    expect(await verifyApiTokenJwt(cfg(k1, k2), forged)).toBeNull();
  });

  it('refuses expired tokens, and accepts them before expiry', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const token = await signApiToken(
      cfg(k1),
      { tenantId: 't', tokenId: 'j', expiresAt: new Date('2026-01-01T01:00:00Z') },
      now,
    );
    expect(await verifyApiTokenJwt(cfg(k1), token, new Date('2026-01-01T00:30:00Z'))).toMatchObject({ tenantId: 't' });
    expect(await verifyApiTokenJwt(cfg(k1), token, new Date('2026-01-01T01:00:01Z'))).toBeNull();
  });

  it('refuses alg none, another issuer, missing claims and garbage', async () => {
    const unsigned = `${btoa(JSON.stringify({ alg: 'none', kid: 'k1' })).replace(/=+$/, '')}.${btoa(
      JSON.stringify({ sub: 't', jti: 'j', iss: API_TOKEN_ISSUER, iat: 1 }),
    ).replace(/=+$/, '')}.`;
    expect(await verifyApiTokenJwt(cfg(k1), unsigned)).toBeNull();
    const otherIssuer = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer('someone-else')
      .setSubject('t')
      .setJti('j')
      .setIssuedAt()
      .sign(k1.key);
    expect(await verifyApiTokenJwt(cfg(k1), otherIssuer)).toBeNull();
    const noJti = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(API_TOKEN_ISSUER)
      .setSubject('t')
      .setIssuedAt()
      .sign(k1.key);
    expect(await verifyApiTokenJwt(cfg(k1), noJti)).toBeNull();
    expect(await verifyApiTokenJwt(cfg(k1), 'not.a.jwt')).toBeNull();
    expect(await verifyApiTokenJwt(cfg(k1), '')).toBeNull();
  });
});
