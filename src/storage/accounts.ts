/**
 * D1 access for integrated accounts. The Missive token is stored only as an AES-GCM envelope
 * (see security/crypto-box.ts) bound to the account id; `openSealedAccount` is the one place
 * that decrypts it. The account's Durable Object keeps a copy of the sealed record (authority-store.ts)
 * so the MCP hot path reads no D1; it is decrypted here, in the worker, never in the object.
 */
import { z } from 'zod';
import { getConfig } from '../config';
import type { Bindings } from '../env';
import type { AccountDefaults } from '../missive/tool-definition';
import { decryptSecret } from '../security/crypto-box';
import type { Cursor } from './pagination';

/** The stored shape of `defaults_json`; mirrors AccountDefaults. */
export const AccountDefaultsSchema = z
  .object({
    organization: z.string().min(1).max(200).optional(),
    team: z.string().min(1).max(200).optional(),
    contact_book: z.string().min(1).max(200).optional(),
    from_address: z.string().min(3).max(320).optional(),
    from_name: z.string().min(1).max(200).optional(),
    account: z.string().min(1).max(200).optional(),
  })
  .strict() satisfies z.ZodType<AccountDefaults>;

export interface AccountRow {
  id: string;
  tenant_id: string;
  name: string;
  integration: 'missive';
  credentials_ciphertext: string | null;
  credentials_key_version: number | null;
  defaults_json: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** An account as the rest of the code sees it: parsed defaults, no credential. */
export interface Account {
  id: string;
  tenant_id: string;
  name: string;
  integration: 'missive';
  defaults: AccountDefaults;
  created_at: string;
  updated_at: string;
}

const COLUMNS =
  'id, tenant_id, name, integration, credentials_ciphertext, credentials_key_version, defaults_json, created_at, updated_at, deleted_at';

/** Parses a stored `defaults_json`; a corrupt column reads as no defaults rather than crashing. */
export function parseDefaultsJson(json: string): AccountDefaults {
  try {
    const parsed = AccountDefaultsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function toAccount(row: AccountRow): Account {
  const defaults = parseDefaultsJson(row.defaults_json);
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    name: row.name,
    integration: row.integration,
    defaults,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export interface NewAccount {
  id: string;
  tenant_id: string;
  name: string;
  credentials_ciphertext: string;
  credentials_key_version: number;
  defaults: AccountDefaults;
  created_at: string;
}

/** Inserts a linked account (credential already encrypted). */
export async function insertAccount(db: D1Database, a: NewAccount): Promise<Account> {
  await db
    .prepare(`INSERT INTO integrated_accounts (${COLUMNS}) VALUES (?, ?, ?, 'missive', ?, ?, ?, ?, ?, NULL)`)
    .bind(
      a.id,
      a.tenant_id,
      a.name,
      a.credentials_ciphertext,
      a.credentials_key_version,
      JSON.stringify(a.defaults),
      a.created_at,
      a.created_at,
    )
    .run();
  return {
    id: a.id,
    tenant_id: a.tenant_id,
    name: a.name,
    integration: 'missive',
    defaults: a.defaults,
    created_at: a.created_at,
    updated_at: a.created_at,
  };
}

/**
 * A live (not deleted) account. With `tenantId` the account must belong to that tenant: callers
 * scoped to a tenant see another tenant's account exactly like a missing one.
 */
export async function getAccount(db: D1Database, id: string, tenantId: string | null): Promise<Account | null> {
  const row = await db
    .prepare(
      `SELECT ${COLUMNS} FROM integrated_accounts WHERE id = ?1 AND deleted_at IS NULL AND (?2 IS NULL OR tenant_id = ?2)`,
    )
    .bind(id, tenantId)
    .first<AccountRow>();
  return row ? toAccount(row) : null;
}

/** Up to `limit + 1` live accounts (of one tenant, or all when `tenantId` is null), oldest first. */
export async function listAccounts(
  db: D1Database,
  tenantId: string | null,
  cursor: Cursor | null,
  limit: number,
): Promise<Account[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM integrated_accounts
       WHERE deleted_at IS NULL AND (?1 IS NULL OR tenant_id = ?1)
         AND (?2 IS NULL OR created_at > ?2 OR (created_at = ?2 AND id > ?3))
       ORDER BY created_at, id LIMIT ?4`,
    )
    .bind(tenantId, cursor?.c ?? null, cursor?.i ?? '', limit + 1)
    .all<AccountRow>();
  return results.map(toAccount);
}

export interface AccountPatch {
  name?: string;
  defaults?: AccountDefaults;
  credentials?: { ciphertext: string; keyVersion: number };
}

/** Applies a patch to a live account; returns the updated account or null when it is gone. */
export async function updateAccount(
  db: D1Database,
  id: string,
  patch: AccountPatch,
  nowIso: string,
): Promise<Account | null> {
  await db
    .prepare(
      `UPDATE integrated_accounts SET
         name = COALESCE(?2, name),
         defaults_json = COALESCE(?3, defaults_json),
         credentials_ciphertext = COALESCE(?4, credentials_ciphertext),
         credentials_key_version = COALESCE(?5, credentials_key_version),
         updated_at = ?6
       WHERE id = ?1 AND deleted_at IS NULL`,
    )
    .bind(
      id,
      patch.name ?? null,
      patch.defaults ? JSON.stringify(patch.defaults) : null,
      patch.credentials?.ciphertext ?? null,
      patch.credentials?.keyVersion ?? null,
      nowIso,
    )
    .run();
  return getAccount(db, id, null);
}

/** Soft-deletes an account and erases its encrypted credential. True if it was live. */
export async function softDeleteAccount(db: D1Database, id: string, nowIso: string): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE integrated_accounts SET deleted_at = ?2, updated_at = ?2, credentials_ciphertext = NULL, credentials_key_version = NULL
       WHERE id = ?1 AND deleted_at IS NULL`,
    )
    .bind(id, nowIso)
    .run();
  return res.meta.changes > 0;
}

export interface AccountForMcp {
  id: string;
  tenantId: string;
  defaults: AccountDefaults;
  /** Decrypted Missive API token. Never log it, never return it. */
  missiveToken: string;
}

/**
 * What the MCP endpoint needs of an account, with the Missive token still sealed (AES-GCM envelope,
 * AAD = account id) exactly as D1 stores it. The account's Durable Object holds a copy of this.
 * `credentialsCiphertext` null = the account was deleted (its credential erased).
 */
export interface SealedAccount {
  id: string;
  tenantId: string;
  defaultsJson: string;
  credentialsCiphertext: string | null;
  credentialsKeyVersion: number | null;
  /** D1's `updated_at` (ISO 8601): the object keeps the newest copy it is given. */
  updatedAt: string;
}

/** The sealed record of a live account, or null if it is gone. */
export async function loadSealedAccount(db: D1Database, accountId: string): Promise<SealedAccount | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM integrated_accounts WHERE id = ? AND deleted_at IS NULL`)
    .bind(accountId)
    .first<AccountRow>();
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    defaultsJson: row.defaults_json,
    credentialsCiphertext: row.credentials_ciphertext,
    credentialsKeyVersion: row.credentials_key_version,
    updatedAt: row.updated_at,
  };
}

/** Decrypts a sealed account for one MCP request; null if erased or undecryptable (key gone, tampered, wrong account). */
export async function openSealedAccount(env: Bindings, sealed: SealedAccount): Promise<AccountForMcp | null> {
  if (!sealed.credentialsCiphertext) return null;
  const { encryption } = getConfig(env);
  const keys = encryption.previous ? [encryption.current, encryption.previous] : [encryption.current];
  const missiveToken = await decryptSecret(keys, sealed.credentialsCiphertext, sealed.id);
  if (missiveToken === null) return null;
  return { id: sealed.id, tenantId: sealed.tenantId, defaults: parseDefaultsJson(sealed.defaultsJson), missiveToken };
}

/** Loads a live account from D1 with its decrypted Missive token; null if gone or undecryptable. */
export async function loadAccountForMcp(env: Bindings, accountId: string): Promise<AccountForMcp | null> {
  const sealed = await loadSealedAccount(env.DB, accountId);
  return sealed ? openSealedAccount(env, sealed) : null;
}
