import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../sandbox/src/seed/fixtures';

describe('test harness', () => {
  it('serves /healthz from the gateway with its version', async () => {
    const res = await exports.default.fetch('https://gateway.test/healthz');
    expect(res.status).toBe(200);
    const body = await res.json<{ status: string; version: string }>();
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('reaches the Missive sandbox through the service binding', async () => {
    const ok = await env.MISSIVE_UPSTREAM.fetch('https://missive.sandbox/v1/users', {
      headers: { Authorization: `Bearer ${SANDBOX_TOKENS.acme}` },
    });
    expect(ok.status).toBe(200);
    const denied = await env.MISSIVE_UPSTREAM.fetch('https://missive.sandbox/v1/users');
    expect(denied.status).toBe(401);
  });

  it('has the D1 schema applied', async () => {
    const row = await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").first<{
      n: number;
    }>();
    expect(row?.n).toBeGreaterThan(0);
  });
});
