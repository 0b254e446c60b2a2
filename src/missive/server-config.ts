/**
 * The `config` of an MCP server: which tools it offers and whether callers also need an API
 * token. Shared by the admin API (validation), the catalogue (filtering) and the MCP endpoint.
 */
import { z } from 'zod';

export const METHOD_CATEGORIES = [
  'list',
  'get',
  'create',
  'update',
  'delete',
  'download',
  'merge',
  'webhooks',
] as const;
export type MethodCategory = (typeof METHOD_CATEGORIES)[number];

/**
 * `read` and `write` are shorthands for groups of categories. The opt-in categories (`download`,
 * `merge`, `webhooks`) are in neither and are chosen by name: a webhook keeps sending conversation
 * data to its url after the server that created it is gone, so `write` alone must not grant it.
 */
export const METHOD_GROUPS = {
  read: ['list', 'get'],
  write: ['create', 'update', 'delete'],
} as const satisfies Record<string, readonly MethodCategory[]>;

/** What a config without `methods` selects: read-only tools, so a bare mint can change nothing. */
export const DEFAULT_METHODS = ['read'] as const;

export const TOOL_TAGS = [
  'conversations',
  'messages',
  'comments',
  'drafts',
  'posts',
  'contacts',
  'labels',
  'teams',
  'users',
  'tasks',
  'responses',
  'webhooks',
  'analytics',
  'attachments',
  'organizations',
] as const;
export type ToolTag = (typeof TOOL_TAGS)[number];

export const ToolTagSchema = z.enum(TOOL_TAGS).describe('A functional area of the Missive tools');

/**
 * A server's own ceiling inside its account's Missive budget (Missive allows an account 5 concurrent
 * requests, 300 a minute and 900 per 15 minutes). Each field left out takes the default share, half
 * of the account's; a value above the account's budget is refused here.
 */
export const ServerRateLimitSchema = z
  .object({
    concurrent: z.number().int().min(1).max(5).optional().describe('Requests in flight at once (account: 5)'),
    per_minute: z.number().int().min(1).max(300).optional().describe('Requests per minute (account: 300)'),
    per_15_minutes: z.number().int().min(1).max(900).optional().describe('Requests per 15 minutes (account: 900)'),
  })
  .strict();

export type ServerRateLimit = z.infer<typeof ServerRateLimitSchema>;

export const AUTH_MODES = ['url', 'api_token', 'oauth'] as const;
export const AuthModeSchema = z.enum(AUTH_MODES);
export type AuthMode = z.infer<typeof AuthModeSchema>;

interface AuthFields {
  auth?: AuthMode;
  require_api_token_auth?: boolean;
}

/** A server's auth mode: `auth` when set, else `require_api_token_auth` (its older spelling). */
export function authModeOf(config: AuthFields): AuthMode {
  if (config.auth) return config.auth;
  return config.require_api_token_auth ? 'api_token' : 'url';
}

/** Why a config's two spellings disagree (`auth` other than api_token with `require_api_token_auth: true`), or null. */
export function authConflict(config: AuthFields): string | null {
  return config.require_api_token_auth === true && config.auth !== undefined && config.auth !== 'api_token'
    ? `require_api_token_auth: true means auth "api_token", not "${config.auth}"; send only auth`
    : null;
}

/**
 * The auth fields after a PATCH: a patch that names neither keeps the server's, so narrowing a
 * server's tools never drops its protection. `auth` wins; `require_api_token_auth: false` alone
 * turns off only the API token (an oauth server stays oauth).
 */
export function patchedAuth(
  current: AuthFields,
  patch: AuthFields,
): { auth?: AuthMode; require_api_token_auth: boolean } {
  if (patch.auth !== undefined) return { auth: patch.auth, require_api_token_auth: patch.auth === 'api_token' };
  if (patch.require_api_token_auth === true) {
    return current.auth === undefined
      ? { require_api_token_auth: true }
      : { auth: 'api_token', require_api_token_auth: true };
  }
  if (patch.require_api_token_auth === false) {
    const mode = authModeOf(current);
    return mode === 'oauth'
      ? { auth: 'oauth', require_api_token_auth: false }
      : current.auth === undefined
        ? { require_api_token_auth: false }
        : { auth: 'url', require_api_token_auth: false };
  }
  return current.auth === undefined
    ? { require_api_token_auth: current.require_api_token_auth === true }
    : { auth: current.auth, require_api_token_auth: current.auth === 'api_token' };
}

export const McpServerConfigSchema = z
  .object({
    methods: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(100)
      .optional()
      .describe(
        '"read", "write", a method category ("list", "download", "merge", "webhooks", …) or an exact tool name; ' +
          'omitted means "read"',
      ),
    tags: z.array(ToolTagSchema).min(1).max(TOOL_TAGS.length).optional().describe('Only tools with one of these tags'),
    auth: AuthModeSchema.optional().describe(
      'Who may call: "url" (the URL alone, the default), "api_token" (also a Bearer API token of the same tenant) or "oauth" (MCP authorization: an OAuth access token granted for this server)',
    ),
    require_api_token_auth: z.boolean().default(false).describe('The older spelling of auth = "api_token"'),
    rate_limit: ServerRateLimitSchema.optional().describe(
      "This server's ceiling inside the account's Missive budget; half of the account's when omitted",
    ),
    approval: z
      .enum(['none', 'destructive', 'writes'])
      .optional()
      .describe(
        'Which tools ask a human first: "none"; "destructive" (deletes, merges, webhooks; the default when omitted); ' +
          '"writes" (every tool that changes Missive)',
      ),
  })
  .strict();

export type McpServerConfig = z.infer<typeof McpServerConfigSchema>;
