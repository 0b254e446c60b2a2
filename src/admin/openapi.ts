/**
 * OpenAPI 3.1 document of the admin API, generated from the route table and its zod schemas
 * (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
import { z } from 'zod';
import { GATEWAY_NAME, GATEWAY_VERSION } from '../version';
import { ROUTES, type RouteSpec } from './route-table';
import { ErrorSchema } from './schemas';

type JsonObject = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operation(name: string, spec: RouteSpec): JsonObject {
  const params: JsonObject[] = [...spec.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (spec.query) {
    const q = toSchema(spec.query, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
    for (const [key, schema] of Object.entries(q.properties ?? {})) {
      params.push({ name: key, in: 'query', required: q.required?.includes(key) ?? false, schema });
    }
  }
  const responses: JsonObject = {
    [String(spec.response.status)]: {
      description: spec.response.description,
      content: { 'application/json': { schema: toSchema(spec.response.schema, 'output') } },
    },
    '400': errorResponse('Invalid input (`validation_failed` with details, or `invalid_json`)'),
    '401': errorResponse('Missing or invalid credential (with `WWW-Authenticate: Bearer`)'),
    '404': errorResponse('Not found, or owned by another tenant'),
  };
  if (spec.auth === 'admin') responses['403'] = errorResponse('Needs the admin key');
  if (spec.body) {
    responses['413'] = errorResponse('Body over 64 KiB');
    responses['415'] = errorResponse('Content-Type is not application/json');
  }
  return {
    operationId: name,
    summary: spec.summary,
    security: spec.auth === 'none' ? [] : [{ bearer: [] }],
    ...(params.length ? { parameters: params } : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } } }
      : {}),
    responses,
    ...(spec.auth === 'admin' ? { 'x-auth': 'admin key only' } : { 'x-auth': 'admin key or tenant API token' }),
  };
}

let cached: JsonObject | null = null;

/** The OpenAPI 3.1 document (built once per isolate). */
export function buildOpenApiDocument(): JsonObject {
  if (cached) return cached;
  const paths: Record<string, JsonObject> = {};
  for (const [name, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [spec.method]: operation(name, spec) };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: `${GATEWAY_NAME} admin API`,
      version: GATEWAY_VERSION,
      description:
        'Control plane of the Missive MCP gateway. Authenticate with `Authorization: Bearer <ADMIN_API_KEY>` (all tenants) or `Bearer <tenant API token>` (that tenant only).',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: toSchema(ErrorSchema, 'output') },
    },
    paths,
  };
  return cached;
}
