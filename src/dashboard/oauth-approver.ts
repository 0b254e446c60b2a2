/**
 * Who may approve on the gateway's own consent page: a signed-in dashboard user of the tenant that
 * owns the server. The session is the dashboard's (same cookie, same checks: the API token it came
 * from must still be live); an admin session approves nothing, since grants act for a tenant.
 */
import type { Context } from 'hono';
import { getConfig } from '../config';
import { readSessionCookie } from './cookies';
import { verifySession } from './session';
import type { AppEnv } from '../env';
import { getApiTokenRecord } from '../storage/api-tokens';

export interface Approver {
  tenantId: string;
  apiTokenId: string;
}

export async function dashboardApprover(c: Context<AppEnv>, now = Date.now()): Promise<Approver | null> {
  const jwt = readSessionCookie(c);
  if (!jwt || jwt.length > 4096) return null;
  const config = getConfig(c.env);
  const session = await verifySession(
    { jwtSigningKey: config.jwt.current.key, adminApiKey: config.adminApiKey },
    jwt,
    Math.floor(now / 1000),
  );
  if (!session || session.principal.kind !== 'tenant') return null;
  const { tenantId, apiTokenId } = session.principal;
  const record = await getApiTokenRecord(c.env.DB, apiTokenId);
  if (!record || record.revoked_at !== null || record.tenant_id !== tenantId) return null;
  if (record.expires_at !== null && Date.parse(record.expires_at) <= now) return null;
  return { tenantId, apiTokenId };
}
