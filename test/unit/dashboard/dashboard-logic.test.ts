/** The dashboard's pure pieces: the mint form parse, the snippets, session JWTs and server status. */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { isLoopbackHttp } from '../../../src/dashboard/cookies';
import { configFromForm, mintRequestFromForm, readMintForm, splitToolNames } from '../../../src/dashboard/mint-form';
import { serverStatus } from '../../../src/dashboard/models';
import {
  SESSION_IDLE_SECONDS,
  SESSION_MAX_SECONDS,
  shouldRenew,
  signSession,
  verifySession,
  type Session,
} from '../../../src/dashboard/session';
import { buildSnippets, shellQuote } from '../../../src/dashboard/snippets';

const secrets = { jwtSigningKey: new TextEncoder().encode('k'.repeat(32)), adminApiKey: 'a'.repeat(40) };
const NOW = 1_800_000_000;
const tenantSession: Session = {
  principal: { kind: 'tenant', tenantId: 'ten_1', apiTokenId: 'tok_1' },
  csrf: 'c'.repeat(22),
  authTime: NOW,
  issuedAt: NOW,
};

describe('mint form', () => {
  it('turns checkboxes, names and a preset into the admin API body', () => {
    const values = readMintForm({
      name: '  Copilot ',
      methods: ['read', 'create', 'bogus'],
      tool_names: 'list_all_missive_users, get_single_missive_conversation_by_id',
      tags: ['conversations'],
      require_api_token_auth: 'on',
      expiry: '1d',
    });
    const now = new Date('2026-01-01T00:00:00Z');
    const res = mintRequestFromForm(values, now);
    expect(res).toEqual({
      ok: true,
      request: {
        name: 'Copilot',
        config: {
          methods: ['read', 'create', 'list_all_missive_users', 'get_single_missive_conversation_by_id'],
          tags: ['conversations'],
          require_api_token_auth: true,
        },
        expires_at: '2026-01-02T00:00:00.000Z',
      },
    });
  });

  it('reports missing name, no method, bad names, unknown tags and a past custom expiry', () => {
    const res = mintRequestFromForm(
      readMintForm({ name: '', tags: ['nope'], expiry: 'custom', expires_at: '2020-01-01T00:00' }),
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(Object.keys(res.errors).sort()).toEqual(['expiry', 'methods', 'name', 'tags']);
    expect(
      configFromForm({ methods: [], toolNames: 'Bad-Name', tags: [], requireBearer: false }).errors.methods,
    ).toMatch(/not a tool name/);
  });

  it('reads a custom expiry as UTC and leaves "never" as null', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const custom = mintRequestFromForm(
      readMintForm({ name: 'x', methods: 'read', expiry: 'custom', expires_at: '2026-03-04T05:06' }),
      now,
    );
    expect(custom.ok && custom.request.expires_at).toBe('2026-03-04T05:06:00.000Z');
    const never = mintRequestFromForm(readMintForm({ name: 'x', methods: 'read', expiry: 'never' }), now);
    expect(never.ok && never.request.expires_at).toBeNull();
  });

  it('splits tool names on commas and whitespace, without duplicates', () => {
    expect(splitToolNames(' a, b\nc  a ,')).toEqual(['a', 'b', 'c']);
  });
});

describe('snippets', () => {
  const url = 'https://gw.example/mcp/mcp_abc';

  it('gives the bare URL to ChatGPT and Claude and an mcp-remote mcp.json', () => {
    const s = buildSnippets(url, false);
    expect(s.chatgpt).toBe(url);
    expect(s.claude).toBe(url);
    expect(JSON.parse(s.mcpJson)).toEqual({
      mcpServers: { missive: { command: 'npx', args: ['-y', 'mcp-remote@0.15.1', url, '--transport', 'http-only'] } },
    });
    expect(s.curl).not.toContain('Authorization');
    expect(s.curl).toContain(`'${url}'`);
    expect(s.claudeCode).toBe(`claude mcp add --transport http missive '${url}'`);
  });

  it('adds the bearer header (as a variable, never a value) when required', () => {
    const s = buildSnippets(url, true);
    const json = JSON.parse(s.mcpJson) as { mcpServers: { missive: { args: string[]; env: object } } };
    expect(json.mcpServers.missive.args.slice(-2)).toEqual(['--header', 'Authorization:${MISSIVE_GATEWAY_AUTH}']);
    expect(json.mcpServers.missive.env).toEqual({ MISSIVE_GATEWAY_AUTH: 'Bearer <your gateway API token>' });
    expect(s.curl).toContain('-H "Authorization: Bearer $API_TOKEN"');
    expect(s.claudeCode).toBe(
      `claude mcp add --transport http missive '${url}' --header "Authorization: Bearer $API_TOKEN"`,
    );
  });

  it('quotes for the shell', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

describe('session JWT', () => {
  it('round-trips a tenant session and an admin session', async () => {
    expect(await verifySession(secrets, await signSession(secrets, tenantSession, NOW), NOW + 10)).toMatchObject({
      principal: tenantSession.principal,
      csrf: tenantSession.csrf,
    });
    const admin: Session = { ...tenantSession, principal: { kind: 'admin' } };
    expect((await verifySession(secrets, await signSession(secrets, admin, NOW), NOW))?.principal).toEqual({
      kind: 'admin',
    });
  });

  it('expires after the idle timeout and never outlives the absolute cap', async () => {
    const jwt = await signSession(secrets, tenantSession, NOW);
    expect(await verifySession(secrets, jwt, NOW + SESSION_IDLE_SECONDS + 1)).toBeNull();
    const old: Session = { ...tenantSession, authTime: NOW - SESSION_MAX_SECONDS + 10 };
    const renewed = await signSession(secrets, old, NOW);
    expect(await verifySession(secrets, renewed, NOW + 5)).not.toBeNull();
    expect(await verifySession(secrets, renewed, NOW + 11)).toBeNull();
  });

  it('renews the cookie (sliding idle timeout) only once it is a minute old', () => {
    expect(shouldRenew(tenantSession, NOW + 59)).toBe(false);
    expect(shouldRenew(tenantSession, NOW + 60)).toBe(true);
  });

  it('ends admin sessions when the admin key changes', async () => {
    const admin: Session = { ...tenantSession, principal: { kind: 'admin' } };
    const jwt = await signSession(secrets, admin, NOW);
    expect(await verifySession({ ...secrets, adminApiKey: 'b'.repeat(40) }, jwt, NOW)).toBeNull();
  });

  it('refuses a JWT signed with JWT_SIGNING_KEY itself (an API token shape), or with another typ or audience', async () => {
    const claims = { kind: 'tenant', tid: 'ten_1', tok: 'tok_1', csrf: 'c'.repeat(22), auth_time: NOW };
    const withRawKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'dashboard-session+jwt' })
      .setSubject('tenant:ten_1')
      .setIssuer('missive-mcp-gateway')
      .setAudience('missive-mcp-gateway:dashboard')
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 60)
      .sign(secrets.jwtSigningKey);
    expect(await verifySession(secrets, withRawKey, NOW)).toBeNull();
    const good = await signSession(secrets, tenantSession, NOW);
    const [, payload, sig] = good.split('.');
    const otherTyp = `${btoa(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).replace(/=+$/, '')}.${payload}.${sig}`;
    expect(await verifySession(secrets, otherTyp, NOW)).toBeNull();
    expect(await verifySession(secrets, `${good}x`, NOW)).toBeNull();
    expect(await verifySession(secrets, 'not a jwt', NOW)).toBeNull();
  });
});

describe('server status and cookie security', () => {
  it('treats an active server past its expiry as expired', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(serverStatus('active', null, now)).toBe('live');
    expect(serverStatus('active', '2026-01-01T00:00:01Z', now)).toBe('live');
    expect(serverStatus('active', '2025-12-31T23:59:59Z', now)).toBe('expired');
    expect(serverStatus('revoked', null, now)).toBe('revoked');
    expect(serverStatus('expired', null, now)).toBe('expired');
  });

  it('drops Secure only for plain http to a loopback host', () => {
    expect(isLoopbackHttp('http://127.0.0.1:8787/dashboard')).toBe(true);
    expect(isLoopbackHttp('http://localhost:8787/dashboard')).toBe(true);
    expect(isLoopbackHttp('https://127.0.0.1/dashboard')).toBe(false);
    expect(isLoopbackHttp('http://gateway.example.com/dashboard')).toBe(false);
    expect(isLoopbackHttp('http://127.0.0.1.evil.test/dashboard')).toBe(false);
  });
});
