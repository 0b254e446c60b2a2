/**
 * Origin allowlist for /mcp/* (MCP 2025-11-25, Transports § Security Warning: servers MUST
 * validate Origin to prevent DNS rebinding). Pure: no runtime imports.
 *
 * - No `Origin` header: allowed. Non-browser clients (SDKs, mcp-remote, ChatGPT/Claude back ends)
 *   do not send one, and a browser always does on a POST, so its absence is not an attack.
 * - An origin listed in MCP_ALLOWED_ORIGINS (comma-separated, e.g. "https://app.example.com"): allowed.
 * - A loopback origin on a loopback request URL with the same scheme/host/port: allowed, so a local
 *   `wrangler dev` answers its own pages. A rebinding page keeps its own (non-loopback) origin, so
 *   this never admits it.
 * - Anything else, including the opaque origin "null": refused with 403 before any token work.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Normalizes an origin string ("HTTPS://Example.com:443/" → "https://example.com"); null if it is not one. */
export function normalizeOrigin(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'null') return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

let parsedCache: { raw: string; origins: ReadonlySet<string> } | null = null;

/** The allowlist from the MCP_ALLOWED_ORIGINS var; malformed entries are ignored. Cached per raw value. */
export function parseAllowedOrigins(raw: string | undefined): ReadonlySet<string> {
  const text = raw ?? '';
  if (parsedCache?.raw === text) return parsedCache.origins;
  const origins = new Set<string>();
  for (const part of text.split(',')) {
    const origin = normalizeOrigin(part);
    if (origin) origins.add(origin);
  }
  parsedCache = { raw: text, origins };
  return origins;
}

export type OriginDecision = { allowed: true; corsOrigin: string | null } | { allowed: false };

/** Decides whether a request with this `Origin` header may reach the MCP endpoint. */
export function checkOrigin(
  originHeader: string | null | undefined,
  allowed: ReadonlySet<string>,
  requestUrl: string,
): OriginDecision {
  if (originHeader === null || originHeader === undefined) return { allowed: true, corsOrigin: null };
  const origin = normalizeOrigin(originHeader);
  if (!origin) return { allowed: false };
  if (allowed.has(origin)) return { allowed: true, corsOrigin: origin };
  let own: URL;
  try {
    own = new URL(requestUrl);
  } catch {
    return { allowed: false };
  }
  const originHost = new URL(origin).hostname;
  if (LOOPBACK_HOSTS.has(originHost) && LOOPBACK_HOSTS.has(own.hostname) && origin === own.origin) {
    return { allowed: true, corsOrigin: origin };
  }
  return { allowed: false };
}
