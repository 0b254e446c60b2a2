/**
 * The KV token index: `mcp:v<hmac key version>:<hex HMAC-SHA256 of the token>` →
 * `{"server_id": "...", "account_id": "..."}`. It is only an index: the account's Durable
 * Object decides whether the server is live (KV can lag between locations).
 * Documented in src/storage/storage-schema.md.
 */
import { z } from 'zod';

const TokenIndexValueSchema = z.object({ server_id: z.string().min(1), account_id: z.string().min(1) });
export type TokenIndexValue = z.infer<typeof TokenIndexValueSchema>;

/** The KV key for a token hash under a given HMAC key version. */
export function tokenIndexKey(hmacVersion: number, tokenHash: string): string {
  return `mcp:v${hmacVersion}:${tokenHash}`;
}

/** Writes the index entry; with `expiresAtMs` KV drops it on its own shortly after expiry. */
export async function putTokenIndex(
  kv: KVNamespace,
  hmacVersion: number,
  tokenHash: string,
  value: TokenIndexValue,
  expiresAtMs: number | null,
): Promise<void> {
  const options: KVNamespacePutOptions = {};
  // KV needs expiration >= 60 s in the future; a margin keeps the entry until the alarm has run.
  if (expiresAtMs !== null) options.expiration = Math.floor(expiresAtMs / 1000) + 3600;
  await kv.put(tokenIndexKey(hmacVersion, tokenHash), JSON.stringify(value), options);
}

/** Reads the index entry; null when absent or unparseable. */
export async function getTokenIndex(
  kv: KVNamespace,
  hmacVersion: number,
  tokenHash: string,
): Promise<TokenIndexValue | null> {
  const raw = await kv.get(tokenIndexKey(hmacVersion, tokenHash), 'json');
  const parsed = TokenIndexValueSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Deletes the index entry (idempotent). */
export async function deleteTokenIndex(kv: KVNamespace, hmacVersion: number, tokenHash: string): Promise<void> {
  await kv.delete(tokenIndexKey(hmacVersion, tokenHash));
}
