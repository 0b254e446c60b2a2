/**
 * How the dashboard reads and changes anything: by calling the gateway's own admin API
 * in-process (the Hono app's `fetch`, no network hop), as the signed-in principal.
 *
 * Why not call storage functions directly: the admin API's handlers hold the rules (tenant
 * scoping that answers another tenant's ids with 404, expiry bounds, "a config that leaves no
 * tool is a 400", the Missive token check, the Durable Object authority on revoke/rotate, the
 * admin audit row) inline in their routes. Calling the route is the only way to be certain the
 * dashboard enforces exactly the same authorization and validation, today and after those
 * rules change; re-implementing them here would drift.
 *
 * The credential for that call is re-derived per request, never taken from the browser:
 * - admin session → `Bearer ADMIN_API_KEY` (a Worker secret the Worker already holds);
 * - tenant session → a fresh API token JWT, valid 60 s, with the SAME `jti` and tenant as the
 *   API token the user signed in with. The admin API then runs its normal checks on it (signature,
 *   D1 row exists, not revoked, tenant matches), so revoking that API token also stops the
 *   dashboard, and the admin audit log attributes every action to that API token. The JWT lives
 *   only inside this request; it is never sent to the browser or logged.
 */
import type { ExecutionContext } from 'hono';
import { z } from 'zod';
import * as S from '../admin/schemas';
import * as O from '../admin/oauth-schemas';
import { getConfig } from '../config';
import type { Bindings } from '../env';
import { signApiToken } from '../security/api-token-jwt';
import type { SessionPrincipal } from './session';

/** The gateway app's fetch (the same one the Worker exports). */
export type GatewayFetch = (request: Request, env: Bindings, ctx?: ExecutionContext) => Response | Promise<Response>;

/** Lifetime of the per-request credential: long enough for one page's calls, no longer. */
const INTERNAL_TOKEN_SECONDS = 60;

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string; details: unknown };

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export interface AdminClientOptions {
  fetch: GatewayFetch;
  env: Bindings;
  ctx: ExecutionContext | undefined;
  /** Origin of the dashboard request, so minted URLs point where the user is. */
  origin: string;
  principal: SessionPrincipal;
  /** Propagated so the internal calls' log lines share the page request's id. */
  requestId: string | undefined;
}

/** Builds the Authorization header for the principal (see the file comment). */
export async function internalAuthorization(env: Bindings, principal: SessionPrincipal): Promise<string> {
  const config = getConfig(env);
  if (principal.kind === 'admin') return `Bearer ${config.adminApiKey}`;
  const token = await signApiToken(config.jwt, {
    tenantId: principal.tenantId,
    tokenId: principal.apiTokenId,
    expiresAt: new Date(Date.now() + INTERNAL_TOKEN_SECONDS * 1000),
  });
  return `Bearer ${token}`;
}

/** A typed client for the admin API routes the dashboard uses. */
export class AdminClient {
  private authorization: Promise<string> | null = null;

  constructor(private readonly opts: AdminClientOptions) {}

  private async call<T extends z.ZodType>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: T,
    body?: unknown,
  ): Promise<ApiResult<z.infer<T>>> {
    this.authorization ??= internalAuthorization(this.opts.env, this.opts.principal);
    const headers: Record<string, string> = { Authorization: await this.authorization, Accept: 'application/json' };
    if (this.opts.requestId) headers['X-Request-Id'] = this.opts.requestId;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const request = new Request(new URL(path, this.opts.origin), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const res = await this.opts.fetch(request, this.opts.env, this.opts.ctx);
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new Error(`admin API ${method} ${path}: unexpected answer shape`);
      return { ok: true, status: res.status, data: parsed.data };
    }
    const err = ErrorBodySchema.safeParse(json);
    return err.success
      ? {
          ok: false,
          status: res.status,
          code: err.data.error.code,
          message: err.data.error.message,
          details: err.data.error.details,
        }
      : { ok: false, status: res.status, code: 'unknown', message: `HTTP ${res.status}`, details: undefined };
  }

  listTenants(cursor?: string) {
    return this.call('GET', `/tenants${query({ limit: '100', cursor })}`, S.TenantPageSchema);
  }

  /** `tenantId` filters (admin key only; the API answers a tenant token naming another tenant with 404). */
  listAccounts(cursor?: string, tenantId?: string) {
    return this.call(
      'GET',
      `/integrated-account${query({ limit: '50', cursor, tenant_id: tenantId })}`,
      S.AccountPageSchema,
    );
  }

  getAccount(accountId: string) {
    return this.call('GET', `/integrated-account/${enc(accountId)}`, S.AccountSchema);
  }

  linkAccount(body: { tenant_id?: string; name: string; api_token: string; defaults?: Record<string, string> }) {
    return this.call('POST', '/integrated-account', S.AccountSchema, {
      ...(body.tenant_id ? { tenant_id: body.tenant_id } : {}),
      name: body.name,
      integration: 'missive',
      credentials: { api_token: body.api_token },
      ...(body.defaults && Object.keys(body.defaults).length > 0 ? { defaults: body.defaults } : {}),
    });
  }

  listServers(accountId: string, cursor?: string, limit = 50) {
    return this.call(
      'GET',
      `/integrated-account/${enc(accountId)}/mcp${query({ limit: String(limit), cursor })}`,
      S.McpServerPageSchema,
    );
  }

  getServer(accountId: string, serverId: string) {
    return this.call('GET', `/integrated-account/${enc(accountId)}/mcp/${enc(serverId)}`, S.McpServerSchema);
  }

  listOAuthGrants(accountId: string, serverId: string) {
    return this.call(
      'GET',
      `/integrated-account/${enc(accountId)}/mcp/${enc(serverId)}/oauth-grants`,
      O.OAuthGrantListSchema,
    );
  }

  revokeOAuthGrant(accountId: string, serverId: string, grantId: string) {
    return this.call(
      'DELETE',
      `/integrated-account/${enc(accountId)}/mcp/${enc(serverId)}/oauth-grants/${enc(grantId)}`,
      O.DeletedSchema,
    );
  }

  mintServer(accountId: string, body: z.input<typeof S.CreateMcpServerBodySchema>) {
    return this.call('POST', `/integrated-account/${enc(accountId)}/mcp`, S.McpServerCreatedSchema, body);
  }

  rotateServer(accountId: string, serverId: string) {
    return this.call(
      'POST',
      `/integrated-account/${enc(accountId)}/mcp/${enc(serverId)}/rotate`,
      S.McpServerCreatedSchema,
    );
  }

  revokeServer(accountId: string, serverId: string) {
    return this.call('DELETE', `/integrated-account/${enc(accountId)}/mcp/${enc(serverId)}`, S.McpServerSchema);
  }

  listToolCalls(accountId: string, serverId: string, cursor?: string) {
    return this.call(
      'GET',
      `/integrated-account/${enc(accountId)}/mcp/${enc(serverId)}/logs${query({ limit: '50', cursor })}`,
      S.ToolCallPageSchema,
    );
  }
}

const enc = encodeURIComponent;

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
