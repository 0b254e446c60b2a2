/**
 * The authorization server's refusals, over raw HTTP through the Worker: an unregistered redirect
 * URI (rendered, never redirected), a Client ID Metadata Document at a private address, a wrong
 * PKCE verifier, a replayed authorization code, and a request that names no server.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { setupServer } from '../../helpers/admin-client';
import { TestBrowser } from '../dashboard/browser';

const ORIGIN = 'https://gateway.test';
const REDIRECT = 'http://127.0.0.1:43111/cb';

const gateway = (path: string, init?: RequestInit) =>
  exports.default.fetch(`${ORIGIN}${path}`, { redirect: 'manual', ...init });

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function register(): Promise<string> {
  const res = await gateway('/oauth/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_name: 'Raw client', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { client_id: string }).client_id;
}

function authorizePath(params: Record<string, string>): string {
  return `/oauth/authorize?${new URLSearchParams({ response_type: 'code', resource: `${ORIGIN}/mcp`, state: 's1', ...params })}`;
}

const tokenRequest = (fields: Record<string, string>) =>
  gateway('/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

/** A code approved by the tenant's dashboard user for `serverId`, with its verifier. */
async function approvedCode(apiToken: string, serverId: string, clientId: string) {
  const verifier = crypto.randomUUID() + crypto.randomUUID();
  const browser = new TestBrowser();
  await browser.signIn(apiToken);
  const page = await (
    await browser.get(
      authorizePath({
        client_id: clientId,
        redirect_uri: REDIRECT,
        code_challenge: await s256(verifier),
        code_challenge_method: 'S256',
        scope: `mcp:server:${serverId}`,
      }),
    )
  ).text();
  const handle = /name="handle" value="([^"]+)"/.exec(page)![1]!;
  const res = await browser.postForm('/oauth/consent', { handle, step: 'approve' });
  return { code: new URL(res.headers.get('location')!).searchParams.get('code')!, verifier };
}

describe('authorization server refusals', { timeout: 30_000 }, () => {
  it('renders an unregistered redirect URI as an error page, never a redirect', async () => {
    const clientId = await register();
    const res = await gateway(
      authorizePath({
        client_id: clientId,
        redirect_uri: 'https://evil.test/cb',
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Invalid redirect URI');
  });

  it('refuses a Client ID Metadata Document at a private address', async () => {
    for (const clientId of [
      'https://10.0.0.7/oauth/client.json',
      'https://127.0.0.1/oauth/client.json',
      'https://[::1]/oauth/client.json',
      'https://169.254.169.254/latest/client.json',
      'https://localhost/client.json',
    ]) {
      const res = await gateway(
        authorizePath({
          client_id: clientId,
          redirect_uri: REDIRECT,
          code_challenge: 'x'.repeat(43),
          code_challenge_method: 'S256',
        }),
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('not at a public address');
    }
    const token = await tokenRequest({
      grant_type: 'authorization_code',
      code: 'x',
      client_id: 'https://10.0.0.7/c.json',
    });
    expect(token.status).toBe(401);
  });

  it('sends invalid_scope back to a request that names no MCP server', async () => {
    const clientId = await register();
    const res = await gateway(
      authorizePath({
        client_id: clientId,
        redirect_uri: REDIRECT,
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
      }),
    );
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('invalid_scope');
    expect(back.searchParams.get('iss')).toBe(ORIGIN);
  });

  it('refuses a wrong code_verifier and a replayed code', async () => {
    const { apiToken, server } = await setupServer({ config: { methods: ['read'], auth: 'oauth' } });
    const clientId = await register();
    const base = { grant_type: 'authorization_code', client_id: clientId, redirect_uri: REDIRECT };

    const wrong = await approvedCode(apiToken.token, server.id, clientId);
    const bad = await tokenRequest({ ...base, code: wrong.code, code_verifier: 'w'.repeat(64) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_grant' });

    const { code, verifier } = await approvedCode(apiToken.token, server.id, clientId);
    const ok = await tokenRequest({ ...base, code, code_verifier: verifier });
    expect(ok.status).toBe(200);
    const replay = await tokenRequest({ ...base, code, code_verifier: verifier });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
