/**
 * Test and dev controls under /__sandbox (only when SANDBOX_CONTROL is "on"): reset, configuration
 * (rate windows, analytics timings, latency), fault injection and the request log.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { readBody, type SandboxEnv } from '../http';
import {
  addFault,
  clearFaults,
  clearRecordedRequests,
  concurrencySnapshot,
  config,
  faults,
  recordedRequests,
  resetSandbox,
  setConfig,
} from '../store';

export const controlRoutes = new Hono<SandboxEnv>();

const LimitsPatch = z
  .object({
    concurrent: z.number().int().min(1),
    perMinute: z.number().int().min(1),
    perQuarterHour: z.number().int().min(1),
    minuteWindowMs: z.number().int().min(1),
    quarterHourWindowMs: z.number().int().min(1),
  })
  .partial()
  .strict();

const ConfigPatch = z
  .object({
    limits: LimitsPatch.optional(),
    tokenLimits: z
      .object({ acme: LimitsPatch.optional(), globex: LimitsPatch.optional(), tiny: LimitsPatch.optional() })
      .strict()
      .optional(),
    analytics: z
      .object({ readyAfterMs: z.number().int().min(0), expireAfterMs: z.number().int().min(1) })
      .partial()
      .strict()
      .optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    variants: z
      .object({
        rateLimitHeaders: z.enum(['always', 'on_429']),
        errorBody: z.enum(['error', 'errors', 'message', 'empty']),
        validationStatus: z.union([z.literal(400), z.literal(422)]),
        createdStatus: z.union([z.literal(200), z.literal(201)]),
        conversationPatch: z.boolean(),
        oversizePages: z.boolean(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

const FaultBody = z
  .object({
    method: z.enum(['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD']).optional(),
    path: z.string().min(1),
    kind: z.enum(['status_500', 'hang', 'malformed_json']),
    times: z.number().int().min(1).optional(),
    hangMs: z.number().int().min(1).max(300_000).optional(),
  })
  .strict();

controlRoutes.post('/__sandbox/reset', (c) => {
  resetSandbox();
  return c.json({ ok: true, config: config() });
});

controlRoutes.get('/__sandbox/config', (c) => c.json({ config: config() }));

controlRoutes.post('/__sandbox/config', async (c) => {
  const patch = await readBody(c, ConfigPatch);
  const current = config();
  const tokenLimits = { ...current.tokenLimits };
  for (const [name, limits] of Object.entries(patch.tokenLimits ?? {}) as [keyof typeof tokenLimits, object][]) {
    tokenLimits[name] = { ...tokenLimits[name], ...limits };
  }
  setConfig({
    variants: { ...current.variants, ...patch.variants },
    limits: { ...current.limits, ...patch.limits },
    tokenLimits,
    analyticsReadyAfterMs: patch.analytics?.readyAfterMs ?? current.analyticsReadyAfterMs,
    analyticsExpireAfterMs: patch.analytics?.expireAfterMs ?? current.analyticsExpireAfterMs,
    latencyMs: patch.latencyMs ?? current.latencyMs,
  });
  return c.json({ config: config() });
});

controlRoutes.get('/__sandbox/faults', (c) => c.json({ faults: faults() }));

controlRoutes.post('/__sandbox/faults', async (c) => {
  const body = await readBody(c, FaultBody);
  const fault = addFault({
    method: body.method ?? null,
    path: body.path,
    kind: body.kind,
    remaining: body.times ?? null,
    hangMs: body.hangMs ?? 30_000,
  });
  return c.json({ fault }, 201);
});

controlRoutes.delete('/__sandbox/faults', (c) => {
  clearFaults();
  return c.json({ ok: true });
});

controlRoutes.get('/__sandbox/requests', (c) => {
  const since = Number(c.req.query('since') ?? '0');
  const requests = recordedRequests(Number.isFinite(since) ? since : 0);
  return c.json({
    requests,
    last_seq: requests.at(-1)?.seq ?? (Number.isFinite(since) ? since : 0),
    concurrency: concurrencySnapshot(),
  });
});

controlRoutes.delete('/__sandbox/requests', (c) => {
  clearRecordedRequests();
  return c.json({ ok: true });
});
