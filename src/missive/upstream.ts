/**
 * The one place that sends HTTP to Missive. Production goes to MISSIVE_API_BASE over the
 * internet; tests reach the sandbox through the MISSIVE_UPSTREAM service binding. Every call
 * has a deadline, so a hung upstream turns into a clear "unavailable" instead of a stuck tool.
 * Missive docs: https://missiveapp.com/help/api-documentation/rest-endpoints
 */
import type { Bindings } from '../env';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined | null;

export interface UpstreamRequest {
  method: HttpMethod;
  /** Path below the API base, starting with '/', with every id already URL-encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body (already in Missive's plural-key shape). */
  body?: unknown;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 15_000;
/** The largest Missive answer read into memory; anything bigger is refused unread. */
export const MAX_UPSTREAM_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The body as text, read at most `maxBytes` (a declared Content-Length above it is refused before
 * reading); null when it is larger or the stream fails, so a hostile or broken upstream cannot
 * exhaust the isolate's memory.
 */
export async function readUpstreamText(res: Response, maxBytes = MAX_UPSTREAM_BODY_BYTES): Promise<string | null> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

export class UpstreamTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Missive did not answer within ${timeoutMs} ms`);
    this.name = 'UpstreamTimeoutError';
  }
}

/** Builds the absolute URL; refuses paths that could leave the API base (the host and prefix are fixed). */
export function buildUpstreamUrl(base: string, path: string, query?: Record<string, QueryValue>): URL {
  if (!path.startsWith('/') || path.includes('..') || path.includes('//') || /[?#\\]/.test(path)) {
    throw new Error('invalid upstream path');
  }
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    url.searchParams.set(key, String(value));
  }
  return url;
}

/** Sends one request to Missive with the account's token and a deadline. Never retries. */
export async function fetchMissive(
  env: Pick<Bindings, 'MISSIVE_API_BASE' | 'MISSIVE_UPSTREAM'>,
  apiToken: string,
  req: UpstreamRequest,
  timeoutMs: number = DEFAULT_UPSTREAM_TIMEOUT_MS,
): Promise<Response> {
  const url = buildUpstreamUrl(env.MISSIVE_API_BASE, req.path, req.query);
  const headers: Record<string, string> = { Authorization: `Bearer ${apiToken}`, Accept: 'application/json' };
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';
  const init: RequestInit = {
    method: req.method,
    headers,
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    signal: AbortSignal.timeout(timeoutMs),
  };
  const send = env.MISSIVE_UPSTREAM ? env.MISSIVE_UPSTREAM.fetch.bind(env.MISSIVE_UPSTREAM) : fetch;
  try {
    return await send(url.toString(), init);
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new UpstreamTimeoutError(timeoutMs);
    }
    throw err;
  }
}

/**
 * Fetches one absolute URL (an attachment link taken from Missive's own answer) through the same
 * transport as fetchMissive, with a deadline. Redirects are not followed: the caller checks every
 * hop against its allow-list. No credential is added here; the caller decides whether one may go.
 */
export async function fetchUpstreamUrl(
  env: Pick<Bindings, 'MISSIVE_UPSTREAM'>,
  url: URL,
  options: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  const init: RequestInit = {
    method: 'GET',
    headers: options.headers ?? {},
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  };
  const send = env.MISSIVE_UPSTREAM ? env.MISSIVE_UPSTREAM.fetch.bind(env.MISSIVE_UPSTREAM) : fetch;
  try {
    return await send(url.toString(), init);
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new UpstreamTimeoutError(timeoutMs);
    }
    throw err;
  }
}
