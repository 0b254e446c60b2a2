/** Bodies and answers of the admin API's OAuth routes: a tenant's own consent sign-in, a server's grants. */
import { z } from 'zod';
import { LoginUrlSchema } from '../control/tenant-sign-in';

const TimestampOut = z.string().describe('ISO 8601 date-time (UTC)');

export const SetTenantSignInBodySchema = z
  .object({
    login_url: LoginUrlSchema.describe(
      'Where the gateway sends the browser with ?consent_request=<JWT> (https; http only on a loopback host)',
    ),
  })
  .strict();

export const TenantSignInSchema = z.object({
  tenant_id: z.string(),
  login_url: z.string(),
  created_at: TimestampOut,
  key_rotated_at: TimestampOut,
});

export const TenantSignInCreatedSchema = TenantSignInSchema.extend({
  approval_key: z
    .string()
    .describe('32 random bytes, base64url: signs consent requests and verifies the answers (HS256). Shown once.'),
});

export const OAuthGrantSchema = z.object({
  id: z.string(),
  client_id: z.string().describe('The client id; an https URL for a Client ID Metadata Document client'),
  client_name: z.string().nullable(),
  client_id_is_url: z.boolean(),
  approved_by: z.string().nullable().describe('"dashboard:<API token id>" or "tenant:<the tenant\'s user id>"'),
  created_at: TimestampOut,
  expires_at: TimestampOut.nullable(),
  last_used_at: TimestampOut.nullable(),
});

export const OAuthGrantListSchema = z.object({ result: z.array(OAuthGrantSchema) });

export const DeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });
