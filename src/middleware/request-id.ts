/**
 * Every request gets an id the gateway generates (`requestId`, answered as `X-Request-Id`), used in
 * logs and audit rows. A client's own `X-Request-Id` never becomes it: a caller could otherwise
 * forge or collide with the ids operators search by. A well-formed client id is kept apart as
 * `clientRequestId`, for correlation only.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9_.:=-]{1,128}$/;

export function serverRequestId(): MiddlewareHandler<AppEnv> {
  return async function serverRequestIdMiddleware(c, next) {
    const id = crypto.randomUUID();
    c.set('requestId', id);
    const client = c.req.header('x-request-id');
    if (client !== undefined && CLIENT_REQUEST_ID.test(client)) c.set('clientRequestId', client);
    await next();
    // After the handler: also on answers a handler built itself (new Response), not only c.json ones.
    c.header('X-Request-Id', id);
  };
}
