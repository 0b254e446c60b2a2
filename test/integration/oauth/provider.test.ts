/**
 * The OAuth library in this Worker's shape: OAUTH_KV from wrangler.toml, one resource `<origin>/mcp`,
 * dynamic registration, an authorization code with PKCE exchanged at the token endpoint, and the
 * access token validated for the resource with the grant's props.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { oauthApi, oauthServersFor, OAUTH_PATHS, resourceFor } from '../../../src/control/oauth-provider';

const ORIGIN = 'https://gateway.test';
const REDIRECT = 'http://127.0.0.1:33418/callback';

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

describe('OAuth provider wiring', () => {
  it('registers a client, issues a code, exchanges it with PKCE and validates the token for /mcp', async () => {
    const { authorization } = oauthServersFor(ORIGIN);
    const ctx = createExecutionContext();
    const reg = await authorization.fetch(
      new Request(`${ORIGIN}${OAUTH_PATHS.register}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_name: 'Probe', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }),
      }),
      env,
      ctx,
    );
    expect(reg.status).toBe(201);
    const client = (await reg.json()) as { client_id: string };

    const verifier = 'v'.repeat(64);
    const authUrl = new URL(`${ORIGIN}${OAUTH_PATHS.authorize}`);
    authUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: REDIRECT,
      code_challenge: await s256(verifier),
      code_challenge_method: 'S256',
      state: 'st',
      scope: 'mcp:server:srv_probe',
      resource: resourceFor(ORIGIN),
    }).toString();
    const api = oauthApi(env, ORIGIN);
    const parsed = await api.parseAuthRequest(new Request(authUrl));
    const { redirectTo } = await api.completeAuthorization({
      request: parsed,
      userId: 'srv_probe',
      metadata: { server_id: 'srv_probe' },
      scope: parsed.scope,
      props: { serverId: 'srv_probe' },
    });
    const code = new URL(redirectTo).searchParams.get('code')!;
    expect(new URL(redirectTo).searchParams.get('iss')).toBe(ORIGIN);

    const token = await authorization.fetch(
      new Request(`${ORIGIN}${OAUTH_PATHS.token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: client.client_id,
          redirect_uri: REDIRECT,
          code_verifier: verifier,
        }).toString(),
      }),
      env,
      ctx,
    );
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as { access_token: string; expires_in: number; refresh_token: string };
    expect(tokens.expires_in).toBeLessThanOrEqual(3600);
    const valid = await authorization.validateToken(resourceFor(ORIGIN), tokens.access_token, env);
    expect(valid?.props).toEqual({ serverId: 'srv_probe' });
    expect(valid?.scope).toEqual(['mcp:server:srv_probe']);
    expect(await env.OAUTH_KV.list()).toMatchObject({ keys: expect.any(Array) });
  });
});
