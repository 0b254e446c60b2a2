/**
 * Request bodies are built only from declared fields: a caller's extra keys (say `send: true`
 * on a draft) must never reach Missive, even if a handler is called without schema validation.
 * Pure: no runtime imports.
 */

/** Copies only the listed keys whose values are defined; every other key of `source` is ignored. */
export function pickDefined<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** `pickDefined` over each object of an optional array (nested attachments, recipients, infos). */
export function pickEach<T extends object, K extends keyof T>(
  items: readonly T[] | undefined,
  keys: readonly K[],
): Partial<Pick<T, K>>[] | undefined {
  return items === undefined ? undefined : items.map((item) => pickDefined(item, keys));
}

/** Drops keys whose value is undefined (so defaults and optional fields leave no `null`s behind). */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, v] of Object.entries(value) as [keyof T, T[keyof T]][]) {
    if (v !== undefined) out[key] = v;
  }
  return out;
}

export interface Recipient {
  name?: string;
  address?: string;
  phone_number?: string;
  id?: string;
  username?: string;
}

export const RECIPIENT_KEYS = ['name', 'address', 'phone_number', 'id', 'username'] as const;

export interface AttachmentUpload {
  base64_data: string;
  filename: string;
}

export const ATTACHMENT_UPLOAD_KEYS = ['base64_data', 'filename'] as const;
