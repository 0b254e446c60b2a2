/**
 * Every request and response shape of the admin API. The handlers parse with these and
 * /openapi.json is generated from them, so the documentation cannot drift from the validation.
 */
import { z } from 'zod';
import { McpServerConfigSchema } from '../missive/server-config';
import { AccountDefaultsSchema } from '../storage/accounts';
import { MAX_PAGE_SIZE } from '../storage/pagination';

const Name = z.string().trim().min(1).max(200);
const Id = z.string().min(1).max(100);
const Timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time');
const TimestampOut = z.string().describe('ISO 8601 date-time (UTC)');

export const ListQuerySchema = z
  .object({
    cursor: z.string().min(1).max(500).optional().describe('Opaque cursor from the previous page'),
    limit: z
      .string()
      .regex(/^[0-9]{1,3}$/, 'must be an integer')
      .transform(Number)
      .pipe(z.number().int().min(1).max(MAX_PAGE_SIZE))
      .optional()
      .describe(`Page size, 1-${MAX_PAGE_SIZE} (default 50)`),
  })
  .strict();

export const AccountListQuerySchema = ListQuerySchema.extend({
  tenant_id: Id.optional().describe('Admin key only: only this tenant'),
}).strict();

const page = <T extends z.ZodType>(item: T) => z.object({ result: z.array(item), next_cursor: z.string().nullable() });

// --- tenants -------------------------------------------------------------------------------
export const CreateTenantBodySchema = z.object({ name: Name }).strict();
export const TenantSchema = z.object({ id: z.string(), name: z.string(), created_at: TimestampOut });
export const TenantPageSchema = page(TenantSchema);

// --- API tokens ----------------------------------------------------------------------------
export const CreateApiTokenBodySchema = z
  .object({
    name: Name,
    expires_at: Timestamp.nullable().optional().describe('When the token stops working; omit or null for never'),
  })
  .strict();
export const ApiTokenSchema = z.object({
  id: z.string(),
  tenant_id: z.string(),
  name: z.string(),
  token_last4: z.string(),
  created_at: TimestampOut,
  expires_at: TimestampOut.nullable(),
  revoked_at: TimestampOut.nullable(),
});
export const ApiTokenCreatedSchema = ApiTokenSchema.extend({
  token: z.string().describe('The API token (a JWT). Shown once.'),
});
export const ApiTokenPageSchema = page(ApiTokenSchema);

// --- integrated accounts -------------------------------------------------------------------
export const MissiveCredentialsSchema = z
  .object({
    api_token: z
      .string()
      .trim()
      .min(8)
      .max(512)
      .describe('Missive API token; checked against Missive, stored encrypted'),
  })
  .strict();
export const CreateAccountBodySchema = z
  .object({
    tenant_id: Id.optional().describe('Required with the admin key; omitted (or equal) with a tenant API token'),
    name: Name,
    integration: z.literal('missive'),
    credentials: MissiveCredentialsSchema,
    defaults: AccountDefaultsSchema.optional(),
  })
  .strict();
export const PatchAccountBodySchema = z
  .object({
    name: Name.optional(),
    credentials: MissiveCredentialsSchema.optional(),
    defaults: AccountDefaultsSchema.optional().describe('Replaces the stored defaults as a whole'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'At least one field is required' });
export const AccountSchema = z.object({
  id: z.string(),
  tenant_id: z.string(),
  name: z.string(),
  integration: z.literal('missive'),
  defaults: AccountDefaultsSchema,
  created_at: TimestampOut,
  updated_at: TimestampOut,
});
export const AccountPageSchema = page(AccountSchema);

// --- MCP servers ---------------------------------------------------------------------------
export const CreateMcpServerBodySchema = z
  .object({
    name: Name,
    config: McpServerConfigSchema.optional().describe('Which tools the server offers; read-only tools when omitted'),
    expires_at: Timestamp.nullable().optional().describe('At least 60 s ahead; omit or null for no expiry'),
  })
  .strict();
/**
 * A PATCH config replaces `methods` and `tags`; `require_api_token_auth` and `rate_limit` left out
 * keep their current values (no default here), so narrowing a server's tools can never silently
 * drop its bearer check or widen its share of the account's budget.
 */
export const PatchMcpServerConfigSchema = McpServerConfigSchema.extend({
  require_api_token_auth: z
    .boolean()
    .optional()
    .describe('Callers must also send Authorization: Bearer <API token> of the same tenant; unchanged when omitted'),
}).strict();
export const PatchMcpServerBodySchema = z
  .object({
    name: Name.optional(),
    config: PatchMcpServerConfigSchema.optional(),
    expires_at: Timestamp.nullable().optional().describe('At least 60 s ahead; null clears it'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'At least one field is required' });
export const McpServerCreatedSchema = z.object({
  id: z.string(),
  name: z.string(),
  config: McpServerConfigSchema,
  expires_at: TimestampOut.nullable(),
  created_at: TimestampOut,
  url: z.string().describe('`<origin>/mcp/<token>`: the token is a bearer credential, shown once'),
});
export const McpServerSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  name: z.string(),
  config: McpServerConfigSchema,
  status: z.enum(['active', 'revoked', 'expired']),
  token_last4: z.string(),
  expires_at: TimestampOut.nullable(),
  created_at: TimestampOut,
  updated_at: TimestampOut,
  last_used_at: TimestampOut.nullable(),
  revoked_at: TimestampOut.nullable(),
});
export const McpServerPageSchema = page(McpServerSchema);

export const ToolCallSchema = z.object({
  id: z.string(),
  tool: z.string(),
  outcome: z.enum(['ok', 'error', 'denied', 'rate_limited']),
  upstream_status: z.number().int().nullable(),
  duration_ms: z.number().int(),
  arguments: z.unknown().describe('Redacted arguments'),
  request_id: z.string().nullable().describe("The gateway's own id of the request (X-Request-Id of its answer)"),
  client_request_id: z.string().nullable().describe('The X-Request-Id the client sent, if any; not verified'),
  created_at: TimestampOut,
});
const RefusedCountSchema = z.object({ count: z.number().int(), last_at: TimestampOut.nullable() });
export const ToolCallPageSchema = page(ToolCallSchema).extend({
  refused_calls: z
    .object({
      unknown_tool: RefusedCountSchema,
      invalid_arguments: RefusedCountSchema,
      rate_limited: RefusedCountSchema,
    })
    .nullable()
    .describe(
      'Calls refused before Missive (unknown or hidden tool, invalid arguments, rate limit): counted, not listed',
    ),
});

export const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export type Tenant = z.infer<typeof TenantSchema>;
export type ApiTokenView = z.infer<typeof ApiTokenSchema>;
export type AccountView = z.infer<typeof AccountSchema>;
export type McpServerView = z.infer<typeof McpServerSchema>;
export type McpServerCreated = z.infer<typeof McpServerCreatedSchema>;
export type ToolCallView = z.infer<typeof ToolCallSchema>;
