/**
 * Small typed helpers that drive the real admin API through `exports.default.fetch` (the same
 * HTTP path production uses). Every suite that needs a tenant, an account or an MCP server
 * builds it with these.
 */
import { exports } from 'cloudflare:workers';
import { SANDBOX_TOKENS } from '../../sandbox/src/seed/fixtures';
import { TEST_SECRETS } from './test-secrets';

export const GATEWAY_ORIGIN = 'https://gateway.test';
export const ADMIN_KEY = TEST_SECRETS.ADMIN_API_KEY;
/** A Missive token the sandbox accepts (the `acme` organization). */
export const DEFAULT_MISSIVE_TOKEN: string = SANDBOX_TOKENS.acme;

/** Who calls: the admin key, or a tenant API token. */
export type AdminAuth = { admin: true } | { apiToken: string };
export const ADMIN: AdminAuth = { admin: true };

export interface ApiCallOptions {
  method?: string;
  body?: unknown;
  /** Default: the admin key. `null` sends no Authorization header. */
  auth?: AdminAuth | null;
  headers?: Record<string, string>;
}

/** Sends one admin API request; the body is JSON-encoded unless it is already a string. */
export async function apiFetch(path: string, opts: ApiCallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const auth = opts.auth === undefined ? ADMIN : opts.auth;
  if (auth) headers.Authorization = `Bearer ${'admin' in auth ? ADMIN_KEY : auth.apiToken}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
  }
  return exports.default.fetch(`${GATEWAY_ORIGIN}${path}`, {
    method: opts.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
}

/** Like apiFetch, but asserts the status and returns the parsed JSON. */
export async function apiJson<T>(path: string, opts: ApiCallOptions & { expect?: number } = {}): Promise<T> {
  const res = await apiFetch(path, opts);
  const text = await res.text();
  const expected = opts.expect ?? (opts.method === 'POST' || (opts.body !== undefined && !opts.method) ? 201 : 200);
  if (res.status !== expected) {
    throw new Error(`${opts.method ?? 'GET'} ${path}: expected ${expected}, got ${res.status}: ${text.slice(0, 500)}`);
  }
  return JSON.parse(text) as T;
}

export interface TenantDto {
  id: string;
  name: string;
  created_at: string;
}
export interface ApiTokenDto {
  id: string;
  tenant_id: string;
  name: string;
  token: string;
  token_last4: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}
export interface AccountDto {
  id: string;
  tenant_id: string;
  name: string;
  integration: 'missive';
  defaults: Record<string, string>;
  created_at: string;
  updated_at: string;
}
export interface McpServerConfigDto {
  methods?: string[];
  tags?: string[];
  auth?: 'url' | 'api_token' | 'oauth';
  require_api_token_auth?: boolean;
  rate_limit?: { concurrent?: number; per_minute?: number; per_15_minutes?: number };
  approval?: 'none' | 'destructive' | 'writes';
}
export interface MintedServerDto {
  id: string;
  name: string;
  config: McpServerConfigDto;
  expires_at: string | null;
  created_at: string;
  url: string;
  /** The token part of `url` (added by the helper). */
  token: string;
}

/** Creates a tenant with the admin key. */
export async function createTenant(name = `tenant-${crypto.randomUUID().slice(0, 8)}`): Promise<TenantDto> {
  return apiJson<TenantDto>('/tenants', { method: 'POST', body: { name } });
}

/** Issues an API token for a tenant (admin key by default). */
export async function createApiToken(
  tenantId: string,
  opts: { name?: string; expires_at?: string | null; auth?: AdminAuth } = {},
): Promise<ApiTokenDto> {
  return apiJson<ApiTokenDto>(`/tenants/${tenantId}/api-tokens`, {
    method: 'POST',
    auth: opts.auth ?? ADMIN,
    body: {
      name: opts.name ?? 'test token',
      ...(opts.expires_at !== undefined ? { expires_at: opts.expires_at } : {}),
    },
  });
}

/** Links a Missive account, either as the admin for `tenantId` or with a tenant `apiToken`. */
export async function linkAccount(
  opts: ({ tenantId: string } | { apiToken: string }) & {
    missiveToken?: string;
    name?: string;
    defaults?: Record<string, string>;
  },
): Promise<AccountDto> {
  const asAdmin = 'tenantId' in opts;
  return apiJson<AccountDto>('/integrated-account', {
    method: 'POST',
    auth: asAdmin ? ADMIN : { apiToken: opts.apiToken },
    body: {
      ...(asAdmin ? { tenant_id: opts.tenantId } : {}),
      name: opts.name ?? 'test account',
      integration: 'missive',
      credentials: { api_token: opts.missiveToken ?? DEFAULT_MISSIVE_TOKEN },
      ...(opts.defaults ? { defaults: opts.defaults } : {}),
    },
  });
}

/** The token of an MCP URL (`…/mcp/<token>`). */
export function tokenFromUrl(url: string): string {
  const token = new URL(url).pathname.split('/').pop();
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

/** Mints an MCP server for an account. */
export async function mintServer(
  auth: AdminAuth,
  accountId: string,
  opts: { name?: string; config?: McpServerConfigDto; expires_at?: string | null } = {},
): Promise<MintedServerDto> {
  const body: Record<string, unknown> = { name: opts.name ?? 'test server' };
  if (opts.config !== undefined) body.config = opts.config;
  if (opts.expires_at !== undefined) body.expires_at = opts.expires_at;
  const minted = await apiJson<Omit<MintedServerDto, 'token'>>(`/integrated-account/${accountId}/mcp`, {
    method: 'POST',
    auth,
    body,
  });
  return { ...minted, token: tokenFromUrl(minted.url) };
}

/** Revokes an MCP server; returns its stored view. */
export async function revokeServer(auth: AdminAuth, accountId: string, serverId: string): Promise<{ status: string }> {
  return apiJson(`/integrated-account/${accountId}/mcp/${serverId}`, { method: 'DELETE', auth });
}

/** Rotates an MCP server's token; returns the new URL and token. */
export async function rotateServer(auth: AdminAuth, accountId: string, serverId: string): Promise<MintedServerDto> {
  const rotated = await apiJson<Omit<MintedServerDto, 'token'>>(
    `/integrated-account/${accountId}/mcp/${serverId}/rotate`,
    {
      method: 'POST',
      auth,
      expect: 200,
    },
  );
  return { ...rotated, token: tokenFromUrl(rotated.url) };
}

/** A tenant, an API token for it, a linked account and one minted server: the usual starting point. */
export async function setupServer(
  opts: {
    config?: McpServerConfigDto;
    expires_at?: string | null;
    missiveToken?: string;
    defaults?: Record<string, string>;
  } = {},
) {
  const tenant = await createTenant();
  const apiToken = await createApiToken(tenant.id);
  const account = await linkAccount({
    apiToken: apiToken.token,
    missiveToken: opts.missiveToken,
    defaults: opts.defaults,
  });
  const server = await mintServer({ apiToken: apiToken.token }, account.id, {
    config: opts.config,
    expires_at: opts.expires_at,
  });
  return { tenant, apiToken, account, server };
}
