/** Integrated accounts: link (credential checked, then encrypted), list, read, update, delete. */
import type { Context } from 'hono';
import { getConfig } from '../config';
import { notFound } from '../errors';
import { encryptSecret } from '../security/crypto-box';
import { randomId } from '../security/encoding';
import {
  getAccount,
  insertAccount,
  listAccounts,
  loadSealedAccount,
  softDeleteAccount,
  updateAccount,
  type Account,
} from '../storage/accounts';
import { listActiveMcpServers, markMcpServersRevoked } from '../storage/mcp-servers';
import { toPage } from '../storage/pagination';
import { getTenant } from '../storage/tenants';
import { deleteTokenIndex } from '../storage/token-index';
import { actingTenant, tenantScope } from './auth';
import { authorityFor } from '../durable/authority-client';
import { audit, idParam, pageParams } from './common';
import type { AdminEnv, AdminHandler } from './context';
import { checkMissiveToken } from './missive-check';
import { ROUTES, type RouteName } from './route-table';
import type { AccountView } from './schemas';
import { readJsonBody, readQuery } from './validation';

/** The public view: never the credential. */
export function toAccountView(a: Account): AccountView {
  return {
    id: a.id,
    tenant_id: a.tenant_id,
    name: a.name,
    integration: a.integration,
    defaults: a.defaults,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

/** The account in the path if the caller may see it; another tenant's account is a 404 like a missing one. */
export async function scopedAccount(c: Context<AdminEnv>): Promise<Account> {
  const id = idParam(c, 'accountId', 'Integrated account');
  const account = await getAccount(c.env.DB, id, tenantScope(c.get('principal')));
  if (!account) throw notFound('Integrated account');
  return account;
}

/** Handlers of the integrated-account routes. */
export const accountHandlers = {
  createAccount: async (c: Context<AdminEnv>) => {
    const body = await readJsonBody(c.req, ROUTES.createAccount.body);
    const tenantId = actingTenant(c.get('principal'), body.tenant_id);
    if (!(await getTenant(c.env.DB, tenantId))) throw notFound('Tenant');
    await checkMissiveToken(c.env, body.credentials.api_token);
    const id = randomId('acct_');
    const key = getConfig(c.env).encryption.current;
    const ciphertext = await encryptSecret(key, body.credentials.api_token, id);
    const account = await insertAccount(c.env.DB, {
      id,
      tenant_id: tenantId,
      name: body.name,
      credentials_ciphertext: ciphertext,
      credentials_key_version: key.version,
      defaults: body.defaults ?? {},
      created_at: new Date().toISOString(),
    });
    // The MCP endpoint reads the account from its Durable Object (sealed, as in D1), not from D1.
    // Should this fail, the endpoint copies the record from D1 on first use.
    await authorityFor(c.env, id).putAccount({
      id,
      tenantId,
      defaultsJson: JSON.stringify(account.defaults),
      credentialsCiphertext: ciphertext,
      credentialsKeyVersion: key.version,
      updatedAt: account.updated_at,
    });
    await audit(c, 'integrated_account.create', { type: 'integrated_account', id, tenantId });
    return c.json(toAccountView(account), 201);
  },

  listAccounts: async (c: Context<AdminEnv>) => {
    const q = readQuery(c.req.query(), ROUTES.listAccounts.query);
    const principal = c.get('principal');
    // A tenant token naming another tenant gets the same 404 as an unknown tenant.
    const tenantId = principal.kind === 'admin' ? (q.tenant_id ?? null) : actingTenant(principal, q.tenant_id);
    const { cursor, limit } = pageParams(q);
    const rows = await listAccounts(c.env.DB, tenantId, cursor, limit);
    return c.json(toPage(rows, limit, toAccountView));
  },

  getAccount: async (c: Context<AdminEnv>) => c.json(toAccountView(await scopedAccount(c))),

  updateAccount: async (c: Context<AdminEnv>) => {
    const account = await scopedAccount(c);
    const body = await readJsonBody(c.req, ROUTES.updateAccount.body);
    let credentials: { ciphertext: string; keyVersion: number } | undefined;
    if (body.credentials) {
      await checkMissiveToken(c.env, body.credentials.api_token);
      const key = getConfig(c.env).encryption.current;
      credentials = {
        ciphertext: await encryptSecret(key, body.credentials.api_token, account.id),
        keyVersion: key.version,
      };
    }
    const updated = await updateAccount(
      c.env.DB,
      account.id,
      { name: body.name, defaults: body.defaults, credentials },
      new Date().toISOString(),
    );
    if (!updated) throw notFound('Integrated account');
    // Mirror D1 into the account's Durable Object, which the MCP endpoint reads: the next tools/call
    // uses the new credential/defaults. Older copies never overwrite newer ones (by updated_at); if
    // this fails the PATCH answers 500 and repeating it brings the object up to date.
    const sealed = await loadSealedAccount(c.env.DB, account.id);
    if (sealed) await authorityFor(c.env, account.id).putAccount(sealed);
    await audit(c, body.credentials ? 'integrated_account.update_credentials' : 'integrated_account.update', {
      type: 'integrated_account',
      id: account.id,
      tenantId: account.tenant_id,
    });
    return c.json(toAccountView(updated));
  },

  deleteAccount: async (c: Context<AdminEnv>) => {
    const account = await scopedAccount(c);
    const nowIso = new Date().toISOString();
    // Erase the account (and its encrypted credential) first, then revoke: a server minted
    // concurrently either registered before revokeAll (and is revoked by it) or re-checks the
    // account after registering and finds it gone (mcp-servers.ts). If a step below fails, the
    // servers can no longer reach Missive anyway: their credential is gone.
    await softDeleteAccount(c.env.DB, account.id, nowIso);
    const retired = await authorityFor(c.env, account.id).revokeAll({
      id: account.id,
      tenantId: account.tenant_id,
      deletedAt: nowIso,
    });
    const active = await listActiveMcpServers(c.env.DB, account.id);
    await markMcpServersRevoked(
      c.env.DB,
      active.map((s) => s.id),
      nowIso,
    );
    const kvEntries = new Map<string, { version: number; hash: string }>();
    for (const r of retired)
      kvEntries.set(`${r.hmacVersion}:${r.tokenHash}`, { version: r.hmacVersion, hash: r.tokenHash });
    for (const s of active)
      kvEntries.set(`${s.token_hmac_version}:${s.token_hash}`, { version: s.token_hmac_version, hash: s.token_hash });
    await Promise.all([...kvEntries.values()].map((e) => deleteTokenIndex(c.env.TOKEN_INDEX, e.version, e.hash)));
    await audit(c, 'integrated_account.delete', {
      type: 'integrated_account',
      id: account.id,
      tenantId: account.tenant_id,
    });
    return c.json(toAccountView({ ...account, updated_at: nowIso }));
  },
} satisfies Partial<Record<RouteName, AdminHandler>>;
