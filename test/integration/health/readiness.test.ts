/**
 * /healthz stays free (no I/O, no auth); /readyz checks D1, KV and the Durable Object binding for
 * the operator only, and never prints a secret.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, GATEWAY_ORIGIN, setupServer } from '../../helpers/admin-client';
import { TEST_SECRETS } from '../../helpers/test-secrets';

const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`${GATEWAY_ORIGIN}${path}`, { headers });

describe('health routes', () => {
  it('/healthz answers without auth', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('/readyz needs the admin key: no bearer, a wrong one and a tenant API token all get 401', async () => {
    const { apiToken } = await setupServer();
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${apiToken.token}` },
    ];
    for (const headers of attempts) {
      const res = await get('/readyz', headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    }
  });

  it('/readyz reports each dependency with the admin key, uncached and without secrets', async () => {
    const res = await get('/readyz', { Authorization: `Bearer ${ADMIN_KEY}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const text = await res.text();
    const body = JSON.parse(text) as { status: string; checks: Record<string, { ok: boolean; ms: number }> };
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['config', 'd1', 'durable_object', 'kv']);
    for (const check of Object.values(body.checks)) {
      expect(check.ok).toBe(true);
      expect(check.ms).toBeGreaterThanOrEqual(0);
    }
    expect(body.checks.d1).toMatchObject({ last_migration: expect.stringMatching(/^\d{4}_.+\.sql$/) });
    for (const secret of Object.values(TEST_SECRETS)) {
      if (secret.length > 4) expect(text).not.toContain(secret);
    }
  });
});

describe('checkReadiness', () => {
  it('reports a failing dependency by its error name only, and not_ready', async () => {
    const { env } = await import('cloudflare:workers');
    const { checkReadiness } = await import('../../../src/health/readiness');
    const brokenKv = {
      get: () => Promise.reject(new TypeError('kv unreachable at 10.0.0.1')),
    } as unknown as KVNamespace;
    const result = await checkReadiness({ ...env, TOKEN_INDEX: brokenKv }, Date.now());
    expect(result.status).toBe('not_ready');
    expect(result.checks.kv).toMatchObject({ ok: false, error: 'TypeError' });
    expect(JSON.stringify(result)).not.toContain('10.0.0.1');
    expect(result.checks.d1.ok && result.checks.durable_object.ok && result.checks.config.ok).toBe(true);
  });
});
