/** Helpers of the sandbox contract tests: authenticated calls and control endpoints. */
import { env } from 'cloudflare:workers';
import { SANDBOX_TOKENS, type SandboxTokenName } from '../../sandbox/src/seed/fixtures';

export const BASE = 'https://missive.sandbox';

/** Calls the sandbox API with a seeded token (or none). */
export function api(
  path: string,
  init: { token?: SandboxTokenName | null; method?: string; body?: unknown } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? 'acme' : init.token;
  if (token) headers.Authorization = `Bearer ${SANDBOX_TOKENS[token]}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return env.MISSIVE_UPSTREAM.fetch(`${BASE}/v1${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Calls the sandbox and parses a JSON answer, asserting the status. */
export async function apiJson<T>(path: string, init: Parameters<typeof api>[1] = {}, status = 200): Promise<T> {
  const res = await api(path, init);
  const text = await res.text();
  if (res.status !== status)
    throw new Error(`${init.method ?? 'GET'} ${path}: expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Calls a control endpoint. */
export function control(path: string, method = 'POST', body?: unknown): Promise<Response> {
  return env.MISSIVE_UPSTREAM.fetch(`${BASE}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Resets the sandbox to its seed. */
export async function resetSandbox(): Promise<void> {
  const res = await control('/reset');
  if (res.status !== 200) throw new Error(`sandbox reset failed: ${res.status}`);
}

export interface Identified {
  id: string;
}
