/**
 * Middleware order, error rendering and route mounting. Logic lives in the folders the
 * routes come from; this file only wires them.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env';
import { GatewayError } from './errors';
import { d1Sessions } from './middleware/d1-sessions';
import { requestContext } from './middleware/request-context';
import { serverRequestId } from './middleware/request-id';
import { createAdminApp } from './admin';
import { createHealthApp } from './health';
import { createDashboard } from './dashboard/routes';
import { createMcpApp } from './mcp/route';
import { createOAuthApp } from './oauth/routes';
import { dashboardApprover } from './dashboard/oauth-approver';
import { consentPages } from './dashboard/views/oauth-consent';

/** The admin API's collection reads: the ones that may come from a D1 read replica. */
const ADMIN_LISTINGS = [
  /^\/tenants$/,
  /^\/tenants\/[^/]+\/api-tokens$/,
  /^\/integrated-account$/,
  /^\/integrated-account\/[^/]+\/mcp$/,
];

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use('*', serverRequestId());
  app.use('*', requestContext());

  // Liveness (/healthz, no I/O) and readiness (/readyz, admin key), see src/health/.
  app.route('/', createHealthApp());
  // D1 read replicas where a read may lag by a moment: admin listings, dashboard pages (not a server's
  // page, whose audit rows the account's object has just written to the primary). Never /mcp/*.
  const adminReads = d1Sessions({ stale: (c) => ADMIN_LISTINGS.some((re) => re.test(c.req.path)) });
  for (const path of ['/tenants', '/tenants/*', '/integrated-account', '/integrated-account/*'])
    app.use(path, adminReads);
  app.use(
    '/dashboard/*',
    d1Sessions({
      stale: (c) => !/\/servers\/[^/]+$/.test(c.req.path),
      cookie: { name: 'mcpgw_d1_bookmark', path: '/dashboard' },
    }),
  );
  // Control plane: /tenants, /integrated-account, /openapi.json (see src/admin/route-table.ts).
  app.route('/', createAdminApp());
  // MCP authorization: /.well-known/oauth-*, /oauth/* (see src/oauth/routes.ts).
  // The consent step's pages and session check come from the dashboard.
  app.route('/', createOAuthApp({ approver: dashboardApprover, ...consentPages }));
  // Data plane: POST /mcp/:token (MCP Streamable HTTP), see src/mcp/route.ts.
  app.route('/mcp', createMcpApp());
  // Admin web pages; they call the admin API above in-process through this app's own fetch.
  app.route(
    '/dashboard',
    createDashboard((request, env, ctx) => app.fetch(request, env, ctx)),
  );

  app.notFound((c) => c.json(new GatewayError(404, 'not_found', 'Not found').toBody(), 404));

  app.onError((err, c) => {
    if (err instanceof GatewayError) {
      if (err.status >= 500) {
        c.get('log')?.error('request.failed', { code: err.code, internal: err.internal });
      }
      return c.json(err.toBody(), err.status, err.headers);
    }
    if (err instanceof HTTPException) {
      // Hono's own exceptions (e.g. a malformed body) become our error shape.
      const status = err.status;
      const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request';
      return c.json(new GatewayError(status, code, err.message || 'Bad request').toBody(), status);
    }
    c.get('log')?.error('request.crashed', {
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    return c.json(new GatewayError(500, 'internal_error', 'Internal error').toBody(), 500);
  });

  return app;
}
