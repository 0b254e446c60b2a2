/**
 * Health routes. `/healthz` is liveness: no I/O, no auth, safe to poll every few seconds.
 * `/readyz` is readiness (readiness.ts): it touches D1, KV and a Durable Object, so each call
 * costs billable reads and load on stores every tenant shares; it therefore needs the operator's
 * `Authorization: Bearer <ADMIN_API_KEY>` (401 otherwise), and answers 200 when ready, 503 when not.
 */
import { Hono } from 'hono';
import { getConfig } from '../config';
import type { AppEnv } from '../env';
import { GatewayError } from '../errors';
import { bearerFromHeader } from '../security/api-tokens';
import { timingSafeEqualStrings } from '../security/hmac';
import { GATEWAY_NAME, GATEWAY_VERSION } from '../version';
import { checkReadiness } from './readiness';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function createHealthApp(): Hono<AppEnv> {
  const health = new Hono<AppEnv>();

  health.get('/healthz', (c) => c.json({ status: 'ok', name: GATEWAY_NAME, version: GATEWAY_VERSION }));

  health.get('/readyz', async function readiness(c) {
    let adminKey: string | null = null;
    try {
      adminKey = getConfig(c.env).adminApiKey;
    } catch {
      // Secrets missing or malformed: nothing can be authenticated, and nothing can serve either.
      c.get('log').error('readiness.config_invalid');
      return c.json({ status: 'not_ready', checks: { config: { ok: false } } }, 503, NO_STORE);
    }
    const bearer = bearerFromHeader(c.req.header('Authorization'));
    if (!bearer || !(await timingSafeEqualStrings(bearer, adminKey))) {
      throw new GatewayError(401, 'unauthorized', 'The admin key is required', {
        headers: { 'WWW-Authenticate': 'Bearer realm="missive-mcp-gateway"' },
      });
    }
    const readiness = await checkReadiness(c.env, Date.now());
    return c.json(readiness, readiness.status === 'ready' ? 200 : 503, NO_STORE);
  });

  return health;
}
