import { describe, expect, it } from 'vitest';
import { createAdminApp } from '../../../src/admin';
import { buildOpenApiDocument } from '../../../src/admin/openapi';
import { ROUTES } from '../../../src/admin/route-table';
import { decodeCursor, encodeCursor, toPage } from '../../../src/storage/pagination';

describe('admin route table and OpenAPI', () => {
  it('registers exactly the routes of the table (plus /openapi.json)', () => {
    const registered = new Set(
      createAdminApp()
        .routes.filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`),
    );
    const table = new Set(Object.values(ROUTES).map((r) => `${r.method.toUpperCase()} ${r.path}`));
    table.add('GET /openapi.json');
    expect(registered).toEqual(table);
  });

  it('documents every route with its request schema', () => {
    const doc = buildOpenApiDocument() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of Object.values(ROUTES)) {
      const op = doc.paths[spec.path.replace(/:(\w+)/g, '{$1}')]?.[spec.method];
      expect(op, `${spec.method} ${spec.path}`).toBeDefined();
      expect(Boolean(op?.requestBody)).toBe('body' in spec);
    }
    const create = doc.paths['/integrated-account']?.post?.requestBody?.content['application/json']?.schema as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
      required: string[];
    };
    expect(Object.keys(create.properties)).toEqual(
      expect.arrayContaining(['name', 'integration', 'credentials', 'defaults', 'tenant_id']),
    );
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(expect.arrayContaining(['name', 'integration', 'credentials']));
  });
});

describe('pagination cursors', () => {
  it('round-trips and refuses foreign cursors', () => {
    const c = encodeCursor({ created_at: '2026-01-01T00:00:00.000Z', id: 'x_1' });
    expect(decodeCursor(c)).toEqual({ c: '2026-01-01T00:00:00.000Z', i: 'x_1' });
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(btoa('{"c":1}'))).toBeNull();
  });
  it('splits limit+1 rows into a page and a next cursor', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, created_at: `2026-01-0${n}` }));
    const page = toPage(rows, 2, (r) => r.id);
    expect(page.result).toEqual(['r1', 'r2']);
    expect(decodeCursor(page.next_cursor!)).toEqual({ c: '2026-01-02', i: 'r2' });
    expect(toPage(rows, 3, (r) => r.id).next_cursor).toBeNull();
  });
});
