/** Canned responses: organization- or user-owned; PATCH replaces the whole attachment set. */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ApiError,
  intQuery,
  me,
  notFound,
  nowSeconds,
  readBody,
  requireOrg,
  splitIds,
  visibleOrgs,
  type SandboxContext,
  type SandboxEnv,
} from '../http';
import { pageOffset } from '../pagination';
import { attachmentJson } from '../serialize';
import { data } from '../store';
import type { CannedResponse } from '../types';
import { matchBatch } from './directory';
import { UploadSchema, storeUploads } from './writes-common';

export const responseRoutes = new Hono<SandboxEnv>();

function visible(c: SandboxContext, r: CannedResponse): boolean {
  const user = me(c);
  return r.organization ? user.organizations.includes(r.organization) : r.user === user.id;
}

function responseJson(r: CannedResponse, origin: string): Record<string, unknown> {
  return {
    id: r.id,
    title: r.title,
    subject: r.subject,
    body: r.body,
    organization: r.organization,
    user: r.user,
    attachments: r.attachments.flatMap((a) => {
      const stored = data().attachments.get(a.id);
      return stored ? [attachmentJson(stored, origin)] : [];
    }),
    created_at: r.created_at,
    modified_at: r.modified_at,
  };
}

function attachmentsFrom(uploads: z.infer<typeof UploadSchema>[] | undefined): CannedResponse['attachments'] {
  return storeUploads(uploads).map((id) => {
    const a = data().attachments.get(id);
    return { id, filename: a?.filename ?? '', size: a?.size ?? 0 };
  });
}

responseRoutes.get('/responses', (c) => {
  const orgs = visibleOrgs(c);
  const orgFilter = c.req.query('organization');
  const limit = intQuery(c, 'limit', 1, 200, 50);
  const offset = intQuery(c, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
  const items = [...data().responses.values()].filter(
    (r) => visible(c, r) && (r.organization ? orgs.includes(r.organization) : !orgFilter),
  );
  const origin = new URL(c.req.url).origin;
  return c.json({ responses: pageOffset(items, limit, offset).map((r) => responseJson(r, origin)) });
});

responseRoutes.get('/responses/:id', (c) => {
  const r = data().responses.get(c.req.param('id'));
  if (!r || !visible(c, r)) throw notFound('Response');
  return c.json({ responses: [responseJson(r, new URL(c.req.url).origin)] });
});

const ResponseFields = {
  title: z.string().optional(),
  subject: z.string().max(500).optional(),
  attachments: z.array(UploadSchema).optional(),
  share_with_team: z.string().optional(),
  shared_labels: z.array(z.string()).optional(),
  external_id: z.string().optional(),
  external_source: z.string().optional(),
};
const ResponseCreateBody = z.object({
  responses: z
    .array(
      z.object({
        body: z.string(),
        organization: z.string().optional(),
        user: z.string().optional(),
        ...ResponseFields,
      }),
    )
    .min(1),
});
const ResponseUpdateBody = z.object({
  responses: z.array(z.object({ id: z.string().min(1), body: z.string().optional(), ...ResponseFields })).min(1),
});

responseRoutes.post('/responses', async (c) => {
  const body = await readBody(c, ResponseCreateBody);
  const now = nowSeconds();
  const created = body.responses.map((input) => {
    if (Boolean(input.organization) === Boolean(input.user)) {
      throw new ApiError(400, 'Give exactly one of organization or user');
    }
    if (input.organization) requireOrg(c, input.organization);
    if (input.user && input.user !== me(c).id) throw new ApiError(400, 'user must be the token owner');
    const r: CannedResponse = {
      id: crypto.randomUUID(),
      title: input.title ?? null,
      subject: input.subject ?? null,
      body: input.body,
      organization: input.organization ?? null,
      user: input.user ?? null,
      attachments: attachmentsFrom(input.attachments),
      created_at: now,
      modified_at: now,
    };
    return r;
  });
  for (const r of created) data().responses.set(r.id, r);
  const origin = new URL(c.req.url).origin;
  return c.json({ responses: created.map((r) => responseJson(r, origin)) }, 201);
});

responseRoutes.patch('/responses/:ids', async (c) => {
  const ids = splitIds(c.req.param('ids'));
  const body = await readBody(c, ResponseUpdateBody);
  matchBatch(ids, body.responses);
  const found = body.responses.map((patch) => {
    const r = data().responses.get(patch.id);
    if (!r || !visible(c, r)) throw notFound('Response');
    return { r, patch };
  });
  for (const { r, patch } of found) {
    if (patch.title !== undefined) r.title = patch.title;
    if (patch.subject !== undefined) r.subject = patch.subject;
    if (patch.body !== undefined) r.body = patch.body;
    if (patch.attachments !== undefined) r.attachments = attachmentsFrom(patch.attachments);
    r.modified_at = nowSeconds();
  }
  const origin = new URL(c.req.url).origin;
  return c.json({ responses: found.map(({ r }) => responseJson(r, origin)) });
});

responseRoutes.delete('/responses/:ids', (c) => {
  const ids = splitIds(c.req.param('ids'));
  const found = ids.map((id) => {
    const r = data().responses.get(id);
    if (!r || !visible(c, r)) throw notFound('Response');
    return r;
  });
  for (const r of found) data().responses.delete(r.id);
  return c.json({});
});
