/** Shared HTTP helpers of the sandbox routes: the app type, Missive-style errors, query and body parsing. */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { SandboxTokenName } from './seed/fixtures';
import { data } from './store';
import type { User } from './types';

export interface SandboxBindings {
  SANDBOX_CONTROL?: string;
}

export interface SandboxVariables {
  userId: string;
  tokenName: SandboxTokenName;
}

export interface SandboxEnv {
  Bindings: SandboxBindings;
  Variables: SandboxVariables;
}

export type SandboxContext = Context<SandboxEnv>;

/** An error answered as Missive does: a status and `{ "error": "<message>" }`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 404 for an id that does not exist, was deleted, or belongs to another organization. */
export function notFound(what: string): ApiError {
  return new ApiError(404, `${what} not found`);
}

/** Reads an integer query parameter within [min, max]; absent → fallback; anything else → 400. */
export function intQuery(c: SandboxContext, name: string, min: number, max: number, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ApiError(400, `${name} must be an integer`);
  const value = Number(raw);
  if (value < min || value > max) throw new ApiError(400, `${name} must be between ${min} and ${max}`);
  return value;
}

/** Reads an optional unix-timestamp query parameter (integer or decimal seconds). */
export function timestampQuery(c: SandboxContext, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new ApiError(400, `${name} must be a unix timestamp`);
  return Number(raw);
}

/** Boolean query flags as Missive takes them (`true`). */
export function flagQuery(c: SandboxContext, name: string): boolean {
  const raw = c.req.query(name);
  return raw === 'true' || raw === '1';
}

/** Parses the JSON body with a schema; malformed JSON or a wrong shape → 400 with the first problem. */
export async function readBody<S extends z.ZodType>(c: SandboxContext, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'Request body must be JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new ApiError(400, `Invalid request body: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Splits a comma-joined id segment. */
export function splitIds(segment: string): string[] {
  const ids = segment
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new ApiError(400, 'No id given');
  return ids;
}

/** The token owner. */
export function me(c: SandboxContext): User {
  const user = data().users.find((u) => u.id === c.get('userId'));
  if (!user) throw new ApiError(401, 'Unauthorized');
  return user;
}

/** Organizations the token owner belongs to, optionally narrowed by the `organization` query parameter. */
export function visibleOrgs(c: SandboxContext): string[] {
  const mine = me(c).organizations;
  const wanted = c.req.query('organization');
  if (wanted === undefined || wanted === '') return mine;
  if (!mine.includes(wanted)) throw notFound('Organization');
  return [wanted];
}

/** Checks an organization id from a body belongs to the token owner. */
export function requireOrg(c: SandboxContext, org: string): void {
  if (!me(c).organizations.includes(org)) throw notFound('Organization');
}

/** Current unix time in seconds (write timestamps only; the seed never uses the clock). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
