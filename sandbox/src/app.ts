/**
 * The sandbox app: control routes, then for every other request the recorder, and for /v1 the
 * fault injector, Bearer auth and the per-token rate limiter, in that order; then the Missive routes.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { faultResponse, takeFault } from './faults';
import { ApiError, type SandboxEnv } from './http';
import { admitRequest, finishRequest } from './rate-limit';
import { analyticsRoutes } from './routes/analytics';
import { contactRoutes } from './routes/contacts';
import { controlRoutes } from './routes/control';
import { conversationRoutes } from './routes/conversations';
import { directoryRoutes } from './routes/directory';
import { draftRoutes } from './routes/drafts';
import { fileRoutes } from './routes/files';
import { hookRoutes } from './routes/hooks';
import { messageRoutes } from './routes/messages';
import { postRoutes } from './routes/posts';
import { responseRoutes } from './routes/responses';
import { taskRoutes } from './routes/tasks';
import { config, data, faults, limitsFor, rateState, recordRequest, tokenName } from './store';

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Records every non-control request: method, path, query, JSON body, which seeded token, and the final status. */
const recorder: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  let body: unknown = null;
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const text = await c.req.text();
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { unparsed: text.slice(0, 1_000) };
    }
  }
  const token = bearerToken(c.req.header('Authorization'));
  const entry = recordRequest({
    at: new Date().toISOString(),
    method: c.req.method,
    path: url.pathname,
    query,
    body,
    token: token === null ? null : (tokenName(token) ?? 'unknown'),
    status: null,
  });
  await next();
  entry.status = c.res.status;
};

/** Answers with an injected fault when one matches. */
const faultInjector: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const fault = takeFault(faults(), c.req.method, new URL(c.req.url).pathname);
  if (fault) return faultResponse(fault);
  await next();
};

/** Bearer auth: only seeded tokens are known. */
const auth: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  const name = token ? tokenName(token) : null;
  const userId = token ? data().tokens.get(token) : undefined;
  if (!name || !userId) return c.json({ error: 'Unauthorized: missing or invalid API token' }, 401);
  c.set('tokenName', name);
  c.set('userId', userId);
  await next();
};

/** Missive's three per-token limits; X-RateLimit-* on a 429, and on every answer unless variants say 'on_429'. */
const rateLimiter: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const name = c.get('tokenName');
  const state = rateState(name);
  const decision = admitRequest(state, limitsFor(name), Date.now());
  const headers = {
    'X-RateLimit-Limit': String(decision.headers.limit),
    'X-RateLimit-Remaining': String(decision.headers.remaining),
    'X-RateLimit-Reset': String(decision.headers.resetEpochSeconds),
  };
  if (!decision.ok) {
    return c.json({ error: `Too Many Requests (${decision.reason} limit)` }, 429, {
      ...headers,
      'Retry-After': String(decision.retryAfterSeconds),
    });
  }
  try {
    const latency = config().latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    await next();
  } finally {
    finishRequest(state);
  }
  if (config().variants.rateLimitHeaders === 'always') {
    for (const [key, value] of Object.entries(headers)) c.res.headers.set(key, value);
  }
};

/** Plays the configured status of a successful create (Missive may answer 200 or 201). */
const createdStatus: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  await next();
  if (c.res.status === 201 && config().variants.createdStatus === 200) {
    c.res = new Response(c.res.body, { status: 200, headers: c.res.headers });
  }
};

/** An ApiError in the configured body style and validation status. */
function errorAnswer(err: ApiError): Response {
  const { errorBody, validationStatus } = config().variants;
  const status = err.status === 400 ? validationStatus : err.status;
  if (errorBody === 'empty') return new Response(null, { status });
  const body =
    errorBody === 'errors'
      ? { errors: [err.message] }
      : errorBody === 'message'
        ? { message: err.message }
        : { error: err.message };
  return Response.json(body, { status });
}

/** Builds the sandbox app. */
export function createApp(): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.use('/__sandbox/*', async (c, next) => {
    if (c.env.SANDBOX_CONTROL !== 'on') return c.json({ error: 'Not found' }, 404);
    await next();
  });
  app.route('/', controlRoutes);
  app.use('/v1/*', recorder, faultInjector, auth, rateLimiter, createdStatus);
  app.use('/files/*', recorder);
  app.route('/', fileRoutes);
  for (const routes of [
    directoryRoutes,
    conversationRoutes,
    messageRoutes,
    draftRoutes,
    postRoutes,
    contactRoutes,
    responseRoutes,
    taskRoutes,
    hookRoutes,
    analyticsRoutes,
  ]) {
    app.route('/v1', routes);
  }
  app.notFound((c) => c.json({ error: 'Not found' }, 404));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorAnswer(err);
    console.error(JSON.stringify({ level: 'error', msg: 'sandbox handler failed', error: String(err) }));
    return c.json({ error: 'Internal Server Error' }, 500);
  });
  return app;
}
