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
