/**
 * Checks a Missive API token before it is stored, with the cheapest authenticated call
 * (`GET /users?limit=1`, https://missiveapp.com/help/api-documentation/rest-endpoints#users).
 */
import type { Bindings } from '../env';
import { GatewayError } from '../errors';
import { redactSecrets } from '../log';
import { fetchMissive } from '../missive/upstream';

const CHECK_TIMEOUT_MS = 10_000;

/** Missive's own reason from an error answer, cleaned of anything credential-shaped. */
async function missiveReason(res: Response, token: string): Promise<string> {
  let text = '';
  try {
    text = (await res.text()).slice(0, 2000);
  } catch {
    text = '';
  }
  let reason = text;
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object') {
      const obj = body as Record<string, unknown>;
      const candidate = obj.error ?? obj.message ?? obj.errors;
      reason = typeof candidate === 'string' ? candidate : JSON.stringify(candidate ?? body);
    }
  } catch {
    // plain text answer: keep it
  }
  reason = redactSecrets(reason.split(token).join('[redacted]')).replace(/\s+/g, ' ').trim().slice(0, 200);
  return reason || `HTTP ${res.status}`;
}

/** Resolves when Missive accepts the token; throws 400 (rejected), 429 or 502 otherwise. */
export async function checkMissiveToken(env: Bindings, token: string): Promise<void> {
  let res: Response;
  try {
    res = await fetchMissive(env, token, { method: 'GET', path: '/users', query: { limit: 1 } }, CHECK_TIMEOUT_MS);
  } catch (err) {
    throw new GatewayError(502, 'upstream_unavailable', 'Missive could not be reached to check the API token', {
      internal: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
  }
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  const reason = await missiveReason(res, token);
  if (res.status === 401 || res.status === 403) {
    throw new GatewayError(400, 'validation_failed', `Missive rejected the API token: ${reason}`, {
      details: [{ path: 'credentials.api_token', message: `Missive answered ${res.status}: ${reason}` }],
    });
  }
  if (res.status === 429) {
    const retryAfter = res.headers.get('Retry-After');
    throw new GatewayError(429, 'rate_limited', 'Missive is rate limiting this API token; try again later', {
      headers: retryAfter && /^\d+$/.test(retryAfter) ? { 'Retry-After': retryAfter } : {},
    });
  }
  throw new GatewayError(
    502,
    res.status >= 500 ? 'upstream_unavailable' : 'upstream_error',
    'Missive could not check the API token',
    {
      internal: `missive check answered ${res.status}: ${reason}`,
    },
  );
}
