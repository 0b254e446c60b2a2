/**
 * Request parsing for the admin API: JSON bodies (content type, size, syntax, strict schema),
 * query strings and path params, all with zod, all failing as the gateway's error shape.
 * Issue details carry the path and zod's message, never the offending value (it could be a secret).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { GatewayError } from '../errors';
import type { AdminEnv } from './context';

export const ADMIN_BODY_LIMIT_BYTES = 64 * 1024;

export interface IssueDetail {
  path: string;
  message: string;
}

/** zod issues → `[{ path, message }]`. */
export function issueDetails(error: z.ZodError): IssueDetail[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Parses with the schema or throws 400 validation_failed. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new GatewayError(400, 'validation_failed', `Invalid ${what}`, { details: issueDetails(parsed.error) });
  }
  return parsed.data;
}

/** 413 for bodies over the admin limit, checked while streaming (no trust in Content-Length). */
export function adminBodyLimit(): MiddlewareHandler<AdminEnv> {
  return bodyLimit({
    maxSize: ADMIN_BODY_LIMIT_BYTES,
    onError: () => {
      throw new GatewayError(413, 'payload_too_large', `Request body exceeds ${ADMIN_BODY_LIMIT_BYTES} bytes`);
    },
  });
}

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;.*)?$/i;

/** Reads the JSON body: 415 for another content type, 400 invalid_json for bad syntax, then the schema. */
export async function readJsonBody<S extends z.ZodType>(
  req: { header(name: string): string | undefined; text(): Promise<string> },
  schema: S,
): Promise<z.output<S>> {
  const type = req.header('Content-Type');
  if (!type || !JSON_TYPE.test(type)) {
    throw new GatewayError(415, 'unsupported_media_type', 'Content-Type must be application/json');
  }
  const text = await req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayError(400, 'invalid_json', 'Request body is not valid JSON');
  }
  return parseOrThrow(schema, value, 'request body');
}

/** Parses the query string (single values only) with the schema. */
export function readQuery<S extends z.ZodType>(query: Record<string, string>, schema: S): z.output<S> {
  return parseOrThrow(schema, query, 'query parameters');
}
