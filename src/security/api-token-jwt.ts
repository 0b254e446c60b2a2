/**
 * API tokens are JWTs (HS256, RFC 7519) signed with JWT_SIGNING_KEY. The header's `kid` names the
 * key, so verification accepts the current key and, during a rotation, the previous one.
 * Claims: `iss` (this gateway), `sub` (tenant id), `jti` (the token's id, the D1 row that can
 * revoke it), `iat`, optional `exp`. This file checks signatures and claims only; revocation is
 * a D1 read in `api-tokens.ts`.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { GatewayConfig, SigningKey } from '../config';

export const API_TOKEN_ISSUER = 'missive-mcp-gateway';

export interface ApiTokenClaims {
  tenantId: string;
  tokenId: string;
  /** Epoch seconds, or null for a token that never expires. */
  expiresAt: number | null;
}

/** Signs a new API token with the current key. */
export async function signApiToken(
  jwt: GatewayConfig['jwt'],
  claims: { tenantId: string; tokenId: string; expiresAt?: Date | null },
  now: Date = new Date(),
): Promise<string> {
  const builder = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: jwt.current.kid, typ: 'JWT' })
    .setIssuer(API_TOKEN_ISSUER)
    .setSubject(claims.tenantId)
    .setJti(claims.tokenId)
    .setIssuedAt(Math.floor(now.getTime() / 1000));
  if (claims.expiresAt) builder.setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000));
  return builder.sign(jwt.current.key);
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** True when the text has the three-part shape of a compact JWS (no verification). */
export function looksLikeJwt(text: string): boolean {
  return text.length <= 4096 && JWT_SHAPE.test(text);
}

/**
 * Verifies signature (key chosen by `kid`), algorithm, issuer and expiry. Null for any failure:
 * callers answer every bad token the same way.
 */
export async function verifyApiTokenJwt(
  jwt: GatewayConfig['jwt'],
  token: string,
  now: Date = new Date(),
): Promise<ApiTokenClaims | null> {
  if (!looksLikeJwt(token)) return null;
  const keys: SigningKey[] = jwt.previous ? [jwt.current, jwt.previous] : [jwt.current];
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const match = keys.find((k) => k.kid === header.kid);
        if (!match) throw new joseErrors.JWKSNoMatchingKey();
        return match.key;
      },
      { algorithms: ['HS256'], issuer: API_TOKEN_ISSUER, currentDate: now, requiredClaims: ['sub', 'jti', 'iat'] },
    );
    if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return null;
    return {
      tenantId: payload.sub,
      tokenId: payload.jti,
      expiresAt: typeof payload.exp === 'number' ? payload.exp : null,
    };
  } catch {
    return null;
  }
}
