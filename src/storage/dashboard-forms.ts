/**
 * Used dashboard form ids (see src/dashboard/form-id.ts): `dashboard-form:v1:<nonce>` →
 * `{"action", "state", "account_id", "server_id"?}` in the TOKEN_INDEX namespace, with a TTL.
 * Never holds a URL or token: only which form was used and, once known, which server it made.
 * Documented in src/storage/storage-schema.md.
 */
import { z } from 'zod';

const FormUseSchema = z.object({
  action: z.enum(['mint', 'rotate']),
  /** `pending` from the claim until the action has answered; `done` after. */
  state: z.enum(['pending', 'done']),
  account_id: z.string().min(1),
  /** The server acted on (rotate), or the one minted (mint, once done). */
  server_id: z.string().min(1).optional(),
});
export type FormUse = z.infer<typeof FormUseSchema>;

/** The KV key of a form id's nonce. */
export function dashboardFormKey(nonce: string): string {
  return `dashboard-form:v1:${nonce}`;
}

/** Reads the record of a used form id; null when unused (or unparseable, which no writer makes). */
export async function getFormUse(kv: KVNamespace, nonce: string): Promise<FormUse | null> {
  const parsed = FormUseSchema.safeParse(await kv.get(dashboardFormKey(nonce), 'json'));
  return parsed.success ? parsed.data : null;
}

/** Records a form id as used for `ttlSeconds` (KV's minimum of 60 s applies). */
export async function putFormUse(kv: KVNamespace, nonce: string, use: FormUse, ttlSeconds: number): Promise<void> {
  await kv.put(dashboardFormKey(nonce), JSON.stringify(FormUseSchema.parse(use)), {
    expirationTtl: Math.max(60, Math.ceil(ttlSeconds)),
  });
}

/** Forgets a form id (its action failed, so submitting it again may retry). */
export async function deleteFormUse(kv: KVNamespace, nonce: string): Promise<void> {
  await kv.delete(dashboardFormKey(nonce));
}
