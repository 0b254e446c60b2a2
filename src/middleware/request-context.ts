/**
 * Gives every request a logger bound to its request id and writes one access line when
 * the request ends ("canonical log line": handlers put what they learned, e.g. the MCP method,
 * tool and outcome, in `accessFields` instead of writing lines of their own). The path is logged
 * without the MCP token segment: a URL that holds a bearer credential must not land in logs.
 */
import type { MiddlewareHandler } from 'hono';
import { createLogger } from '../log';
import type { AppEnv } from '../env';

/** `/mcp/<token>` → `/mcp/:token`, so access logs never hold a live credential. */
export function loggablePath(path: string): string {
  return path.replace(/^\/mcp\/[^/]+/, '/mcp/:token');
}

export function requestContext(): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const requestId = c.get('requestId');
    const log = createLogger({ request_id: requestId }, c.env.LOG_LEVEL);
    c.set('log', log);
    const started = Date.now();
    await next();
    // Handlers may have put a logger with more context (e.g. the MCP server id) on the request.
    c.get('log').info('http.request', {
      method: c.req.method,
      path: loggablePath(c.req.path),
      status: c.res.status,
      duration_ms: Date.now() - started,
      ...c.get('accessFields'),
    });
  };
}
