/** Webhook subscriptions: create and delete. The sandbox never calls the URL. */
import { Hono } from 'hono';
import { z } from 'zod';
import { me, notFound, readBody, requireOrg, type SandboxEnv } from '../http';
import { data } from '../store';
import type { Hook } from '../types';

export const hookRoutes = new Hono<SandboxEnv>();

const HookCreateBody = z.object({
  hooks: z.object({ type: z.string().min(1), url: z.url(), organization: z.string().optional() }).catchall(z.unknown()),
});

hookRoutes.post('/hooks', async (c) => {
  const { hooks: input } = await readBody(c, HookCreateBody);
  const organization = input.organization ?? me(c).organizations[0] ?? null;
  if (organization) requireOrg(c, organization);
  const { type, url, organization: _org, ...filters } = input;
  const hook: Hook = { id: crypto.randomUUID(), type, url, organization, filters };
  data().hooks.set(hook.id, hook);
  return c.json({ hooks: { id: hook.id, type, url, organization, ...filters } }, 201);
});

hookRoutes.delete('/hooks/:id', (c) => {
  const hook = data().hooks.get(c.req.param('id'));
  if (!hook || (hook.organization !== null && !me(c).organizations.includes(hook.organization))) {
    throw notFound('Hook');
  }
  data().hooks.delete(hook.id);
  return c.json({});
});
