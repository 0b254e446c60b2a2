/**
 * The account behind a request's server: decrypted in this isolate only when a tool runs, and its
 * defaults (for the initialize instructions) read without decryption when the authority has them.
 */
import { authorityFor } from '../durable/authority-client';
import { missiveTokenForms } from '../log';
import type { AccountDefaults } from '../missive/tool-definition';
import { loadSealedAccount, openSealedAccount, parseDefaultsJson, type AccountForMcp } from '../storage/accounts';
import type { McpRequestContext } from './request-context';

/**
 * From the authority's sealed copy, or, for a server registered before the authority kept one,
 * from D1 once, copying it into the authority (after the answer) so the next request needs no D1 read.
 */
async function openAccount(ctx: McpRequestContext): Promise<AccountForMcp | null> {
  if (ctx.auth.account) return openSealedAccount(ctx.env, ctx.auth.account);
  const sealed = await loadSealedAccount(ctx.env.DB, ctx.auth.server.accountId);
  if (!sealed) return null;
  ctx.afterAnswer('account_backfill', authorityFor(ctx.env, ctx.auth.server.accountId).putAccount(sealed));
  return openSealedAccount(ctx.env, sealed);
}

/** A loader that opens the account at most once per request, on first need. */
export function accountLoader(ctx: McpRequestContext): () => Promise<AccountForMcp | null> {
  let opened: Promise<AccountForMcp | null> | null = null;
  // Once known, the account's Missive token is redacted from the audit row as an exact value too.
  return () =>
    (opened ??= openAccount(ctx).then((account) => {
      if (account) ctx.accountSecrets.push(...missiveTokenForms(account.missiveToken));
      return account;
    }));
}

/** The account's defaults; no decryption needed when the authority has them. */
export async function accountDefaults(
  ctx: McpRequestContext,
  loadAccount: () => Promise<AccountForMcp | null>,
): Promise<AccountDefaults | null> {
  const sealed = ctx.auth.account;
  if (!sealed) return (await loadAccount())?.defaults ?? null;
  return sealed.credentialsCiphertext === null ? null : parseDefaultsJson(sealed.defaultsJson);
}
