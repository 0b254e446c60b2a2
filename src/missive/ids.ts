/**
 * Ids that go into an upstream path. Missive ids are UUIDs; the pattern is a little wider
 * (letters, digits, `-`, `_`) but excludes everything that could change the path or host
 * (`/`, `.`, `%`, `?`, `#`, `\`, `@`, `:`). Values are also URL-encoded, as a second fence.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** True for a value that may be used as a path segment. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** One encoded path segment, or null for a value that is not a valid id. */
export function idSegment(value: unknown): string | null {
  return isValidId(value) ? encodeURIComponent(value) : null;
}
