/**
 * The admin API's OAuth routes: a tenant's own sign-in for the consent step (its login URL and the
 * approval key, shown once and replaced on every write), and each MCP server's grants (list, revoke).
 */
import type { Context } from 'hono';
import { oauthApi } from '../control/oauth-provider';
import { listServerGrants, revokeServerGrant } from '../control/oauth-grants';
import { issueTenantSignIn } from '../control/tenant-sign-in';
import { notFound } from '../errors';
import { getMcpServer } from '../storage/mcp-servers';
import { deleteTenantSignIn, getTenantSignIn, type TenantSignInRow } from '../storage/oauth';
import { getTenant } from '../storage/tenants';
import { scopedAccount } from './accounts';
import { canAccessTenant } from './auth';
import { audit, idParam } from './common';
import type { AdminEnv } from './context';
import { ROUTES } from './route-table';
import { readJsonBody } from './validation';

type AdminContext = Context<AdminEnv>;

async function scopedTenantId(c: AdminContext): Promise<string> {
  const tenantId = idParam(c, 'tenantId', 'Tenant');
  if (!canAccessTenant(c.get('principal'), tenantId)) throw notFound('Tenant');
  if (!(await getTenant(c.env.DB, tenantId))) throw notFound('Tenant');
  return tenantId;
}

async function scopedServerId(c: AdminContext): Promise<{ serverId: string; tenantId: string }> {
  const account = await scopedAccount(c);
  const server = await getMcpServer(c.env.DB, account.id, idParam(c, 'mcpId', 'MCP server'));
  if (!server) throw notFound('MCP server');
  return { serverId: server.id, tenantId: account.tenant_id };
}

const signInView = (row: TenantSignInRow) => ({
  tenant_id: row.tenant_id,
  login_url: row.login_url,
  created_at: row.created_at,
  key_rotated_at: row.key_rotated_at,
});

const origin = (c: AdminContext) => new URL(c.req.url).origin;

export const oauthHandlers = {
  setTenantSignIn: async (c: AdminContext) => {
    const tenantId = await scopedTenantId(c);
    const body = await readJsonBody(c.req, ROUTES.setTenantSignIn.body);
    const approvalKey = await issueTenantSignIn(c.env, tenantId, body.login_url, new Date());
    const row = await getTenantSignIn(c.env.DB, tenantId);
    await audit(c, 'tenant.oauth_sign_in.set', { type: 'tenant', id: tenantId, tenantId });
    c.header('Cache-Control', 'no-store');
    return c.json({ ...signInView(row!), approval_key: approvalKey }, 201);
  },

  getTenantSignIn: async (c: AdminContext) => {
    const tenantId = await scopedTenantId(c);
    const row = await getTenantSignIn(c.env.DB, tenantId);
    if (!row) throw notFound('OAuth sign-in');
    return c.json(signInView(row));
  },

  deleteTenantSignIn: async (c: AdminContext) => {
    const tenantId = await scopedTenantId(c);
    if (!(await deleteTenantSignIn(c.env.DB, tenantId))) throw notFound('OAuth sign-in');
    await audit(c, 'tenant.oauth_sign_in.delete', { type: 'tenant', id: tenantId, tenantId });
    return c.json({ id: tenantId, deleted: true as const });
  },

  listOAuthGrants: async (c: AdminContext) => {
    const { serverId } = await scopedServerId(c);
    return c.json({ result: await listServerGrants(oauthApi(c.env, origin(c)), c.env.DB, serverId) });
  },

  revokeOAuthGrant: async (c: AdminContext) => {
    const { serverId, tenantId } = await scopedServerId(c);
    const grantId = idParam(c, 'grantId', 'OAuth grant');
    if (!(await revokeServerGrant(oauthApi(c.env, origin(c)), serverId, grantId))) throw notFound('OAuth grant');
    await audit(c, 'oauth_grant.revoke', { type: 'oauth_grant', id: grantId, tenantId });
    return c.json({ id: grantId, deleted: true as const });
  },
};
