/**
 * The admin API as a Hono sub-app: every route comes from the route table, each with the body
 * limit and authentication in front of its handler (per route, not `use('*')`, so nothing leaks
 * onto /mcp, /healthz or the dashboard when this app is mounted at '/').
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { accountHandlers } from './accounts';
import { adminAuth } from './auth';
import type { AdminEnv, AdminHandler } from './context';
import { mcpServerHandlers } from './mcp-servers';
import { oauthHandlers } from './oauth';
import { buildOpenApiDocument } from './openapi';
import { ROUTES, type RouteName, type RouteSpec } from './route-table';
import { tenantHandlers } from './tenants';
import { adminBodyLimit } from './validation';

/** Every route name has exactly one handler: a missing one is a type error here. */
export const ADMIN_HANDLERS: Record<RouteName, AdminHandler> = {
  ...tenantHandlers,
  ...accountHandlers,
  ...mcpServerHandlers,
  ...oauthHandlers,
};

/** Builds the admin sub-app (mount with `app.route('/', createAdminApp())`). */
export function createAdminApp(): Hono<AppEnv> {
  const admin = new Hono<AdminEnv>();
  admin.get('/openapi.json', (c) => c.json(buildOpenApiDocument()));
  for (const [name, spec] of Object.entries(ROUTES) as [RouteName, RouteSpec][]) {
    admin.on(spec.method.toUpperCase(), spec.path, adminBodyLimit(), adminAuth(), ADMIN_HANDLERS[name]);
  }
  return admin as unknown as Hono<AppEnv>;
}
