/**
 * Webhook subscriptions: create and delete. The sandbox never calls the URL. `type` is one of the
 * six documented events; only documented filters are accepted; without `organization` the
 * subscription is personal (the token owner's own events), as Missive documents.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { me, notFound, readBody, requireOrg, type SandboxEnv } from '../http';
import { data } from '../store';
import type { Hook } from '../types';

export const hookRoutes = new Hono<SandboxEnv>();

export const HOOK_TYPES = [
  'incoming_email',
  'incoming_sms_message',
  'incoming_facebook_message',
  'incoming_whatsapp_message',
  'incoming_twilio_chat_message',
  'new_comment',
] as const;

const HookCreateBody = z.object({
  hooks: z
    .object({
      type: z.enum(HOOK_TYPES),
      url: z.url(),
      organization: z.string().min(1).optional(),
      content_contains: z.string().optional(),
      content_starts_with: z.string().optional(),
      content_ends_with: z.string().optional(),
      is_task: z.boolean().optional(),
      author: z.string().optional(),
      mention: z.string().optional(),
      from_eq: z.string().optional(),
      subject_contains: z.string().optional(),
    })
    .strict(),
});

hookRoutes.post('/hooks', async (c) => {
  const { hooks: input } = await readBody(c, HookCreateBody);
  const organization = input.organization ?? null;
  if (organization) requireOrg(c, organization);
  const { type, url, organization: _org, ...filters } = input;
  const hook: Hook = { id: crypto.randomUUID(), type, url, organization, user: c.get('userId'), filters };
  data().hooks.set(hook.id, hook);
  return c.json({ hooks: { id: hook.id } }, 201);
});

hookRoutes.delete('/hooks/:id', (c) => {
  const hook = data().hooks.get(c.req.param('id'));
  const visible =
    hook &&
    (hook.organization === null ? hook.user === c.get('userId') : me(c).organizations.includes(hook.organization));
  if (!hook || !visible) throw notFound('Hook');
  data().hooks.delete(hook.id);
  return c.json({});
});
