/**
 * The admin API's route table: one entry per route with the schemas its handler parses and
 * answers with. Handlers register from this table (method + path + schemas) and
 * /openapi.json is generated from it, so the two cannot drift.
 */
import type { z } from 'zod';
import * as S from './schemas';
import * as O from './oauth-schemas';

export type RouteAuth = 'admin' | 'admin_or_tenant' | 'none';

export interface RouteSpec {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Hono path syntax (`:param`). */
  path: string;
  summary: string;
  auth: RouteAuth;
  body?: z.ZodType;
  query?: z.ZodType;
  response: { status: 200 | 201; schema: z.ZodType; description: string };
}

const route = <T extends RouteSpec>(spec: T): T => spec;

export const ROUTES = {
  createTenant: route({
    method: 'post',
    path: '/tenants',
    summary: 'Create a tenant',
    auth: 'admin',
    body: S.CreateTenantBodySchema,
    response: { status: 201, schema: S.TenantSchema, description: 'The new tenant' },
  }),
  listTenants: route({
    method: 'get',
    path: '/tenants',
    summary: 'List tenants',
    auth: 'admin',
    query: S.ListQuerySchema,
    response: { status: 200, schema: S.TenantPageSchema, description: 'A page of tenants, oldest first' },
  }),
  getTenant: route({
    method: 'get',
    path: '/tenants/:tenantId',
    summary: 'Get a tenant',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: S.TenantSchema, description: 'The tenant' },
  }),
  createApiToken: route({
    method: 'post',
    path: '/tenants/:tenantId/api-tokens',
    summary: 'Issue an API token for a tenant (shown once)',
    auth: 'admin_or_tenant',
    body: S.CreateApiTokenBodySchema,
    response: { status: 201, schema: S.ApiTokenCreatedSchema, description: 'The token and its metadata' },
  }),
  listApiTokens: route({
    method: 'get',
    path: '/tenants/:tenantId/api-tokens',
    summary: "List a tenant's API tokens (metadata only)",
    auth: 'admin_or_tenant',
    query: S.ListQuerySchema,
    response: { status: 200, schema: S.ApiTokenPageSchema, description: 'A page of token metadata' },
  }),
  revokeApiToken: route({
    method: 'delete',
    path: '/tenants/:tenantId/api-tokens/:tokenId',
    summary: 'Revoke an API token (effective on the next request)',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: S.ApiTokenSchema, description: 'The revoked token' },
  }),
  createAccount: route({
    method: 'post',
    path: '/integrated-account',
    summary: 'Link a Missive account (the API token is checked, then stored encrypted)',
    auth: 'admin_or_tenant',
    body: S.CreateAccountBodySchema,
    response: { status: 201, schema: S.AccountSchema, description: 'The account (never the credential)' },
  }),
  listAccounts: route({
    method: 'get',
    path: '/integrated-account',
    summary: 'List integrated accounts',
    auth: 'admin_or_tenant',
    query: S.AccountListQuerySchema,
    response: { status: 200, schema: S.AccountPageSchema, description: 'A page of accounts, oldest first' },
  }),
  getAccount: route({
    method: 'get',
    path: '/integrated-account/:accountId',
    summary: 'Get an integrated account',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: S.AccountSchema, description: 'The account' },
  }),
  updateAccount: route({
    method: 'patch',
    path: '/integrated-account/:accountId',
    summary: 'Update name, defaults or credentials (a new credential is checked first)',
    auth: 'admin_or_tenant',
    body: S.PatchAccountBodySchema,
    response: { status: 200, schema: S.AccountSchema, description: 'The updated account' },
  }),
  deleteAccount: route({
    method: 'delete',
    path: '/integrated-account/:accountId',
    summary: 'Delete an account and revoke all its MCP servers',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: S.AccountSchema, description: 'The deleted account' },
  }),
  createMcpServer: route({
    method: 'post',
    path: '/integrated-account/:accountId/mcp',
    summary: 'Mint an MCP server; the URL holds its token and is shown once',
    auth: 'admin_or_tenant',
    body: S.CreateMcpServerBodySchema,
    response: { status: 201, schema: S.McpServerCreatedSchema, description: 'The server and its URL' },
  }),
  listMcpServers: route({
    method: 'get',
    path: '/integrated-account/:accountId/mcp',
    summary: "List an account's MCP servers (never the token or URL)",
    auth: 'admin_or_tenant',
    query: S.ListQuerySchema,
    response: { status: 200, schema: S.McpServerPageSchema, description: 'A page of servers, oldest first' },
  }),
  getMcpServer: route({
    method: 'get',
    path: '/integrated-account/:accountId/mcp/:mcpId',
    summary: 'Get an MCP server (never the token or URL)',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: S.McpServerSchema, description: 'The server' },
  }),
  updateMcpServer: route({
    method: 'patch',
    path: '/integrated-account/:accountId/mcp/:mcpId',
    summary: 'Update name, config or expires_at (null clears it)',
    auth: 'admin_or_tenant',
    body: S.PatchMcpServerBodySchema,
    response: { status: 200, schema: S.McpServerSchema, description: 'The updated server' },
  }),
  revokeMcpServer: route({
    method: 'delete',
    path: '/integrated-account/:accountId/mcp/:mcpId',
    summary: 'Revoke an MCP server (effective on the next request)',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: S.McpServerSchema, description: 'The revoked server' },
  }),
  rotateMcpServer: route({
    method: 'post',
    path: '/integrated-account/:accountId/mcp/:mcpId/rotate',
    summary: 'Issue a new token for the same server; the old one stops at once',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: S.McpServerCreatedSchema, description: 'The server and its new URL' },
  }),
  listToolCalls: route({
    method: 'get',
    path: '/integrated-account/:accountId/mcp/:mcpId/logs',
    summary: "An MCP server's tool calls, newest first",
    auth: 'admin_or_tenant',
    query: S.ListQuerySchema,
    response: { status: 200, schema: S.ToolCallPageSchema, description: 'A page of tool calls' },
  }),
  setTenantSignIn: route({
    method: 'post',
    path: '/tenants/:tenantId/oauth-sign-in',
    summary: "Set the tenant's own sign-in for OAuth consent; issues a new approval key (shown once) each time",
    auth: 'admin_or_tenant',
    body: O.SetTenantSignInBodySchema,
    response: { status: 201, schema: O.TenantSignInCreatedSchema, description: 'The sign-in and its new approval key' },
  }),
  getTenantSignIn: route({
    method: 'get',
    path: '/tenants/:tenantId/oauth-sign-in',
    summary: "The tenant's own sign-in for OAuth consent (never the key)",
    auth: 'admin_or_tenant',
    response: { status: 200, schema: O.TenantSignInSchema, description: 'The sign-in' },
  }),
  deleteTenantSignIn: route({
    method: 'delete',
    path: '/tenants/:tenantId/oauth-sign-in',
    summary: 'Remove the tenant sign-in: consent falls back to a dashboard session',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: O.DeletedSchema, description: 'Removed' },
  }),
  listOAuthGrants: route({
    method: 'get',
    path: '/integrated-account/:accountId/mcp/:mcpId/oauth-grants',
    summary: 'The OAuth clients connected to an MCP server',
    auth: 'admin_or_tenant',
    response: { status: 200, schema: O.OAuthGrantListSchema, description: 'Its grants, newest first' },
  }),
  revokeOAuthGrant: route({
    method: 'delete',
    path: '/integrated-account/:accountId/mcp/:mcpId/oauth-grants/:grantId',
    summary: "Revoke one OAuth client's grant with its tokens (effective on its next request)",
    auth: 'admin_or_tenant',
    response: { status: 200, schema: O.DeletedSchema, description: 'Revoked' },
  }),
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;
