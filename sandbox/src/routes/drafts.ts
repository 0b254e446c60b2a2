/** Drafts: create (in a new or existing conversation, optionally sent at once) and delete. */
import { Hono } from 'hono';
import { z } from 'zod';
import { me, notFound, nowSeconds, readBody, type SandboxEnv } from '../http';
import { draftJson } from '../serialize';
import { data } from '../store';
import type { Draft } from '../types';
import { applyConversationActions, checkActionCombinations, ConversationActionFields } from './conversation-actions';
import { AddressSchema, UploadSchema, newConversation, storeUploads, targetConversation } from './writes-common';

export const draftRoutes = new Hono<SandboxEnv>();

const DraftCreateBody = z.object({
  drafts: z.object({
    subject: z.string().optional(),
    body: z.string().optional(),
    quote_previous_message: z.boolean().optional(),
    account: z.string().optional(),
    from_field: AddressSchema.optional(),
    to_fields: z.array(AddressSchema).optional(),
    cc_fields: z.array(AddressSchema).optional(),
    bcc_fields: z.array(AddressSchema).optional(),
    attachments: z.array(UploadSchema).optional(),
    conversation: z.string().optional(),
    references: z.array(z.string()).optional(),
    external_response_id: z.string().optional(),
    external_response_variables: z.record(z.string(), z.unknown()).optional(),
    ...ConversationActionFields,
    send: z.boolean().optional(),
    send_at: z.number().int().optional(),
    auto_followup: z.boolean().optional(),
  }),
});

draftRoutes.post('/drafts', async (c) => {
  const { drafts: input } = await readBody(c, DraftCreateBody);
  checkActionCombinations(input);
  const subject = input.subject ?? '';
  const cv =
    targetConversation(c, input.conversation, input.references) ??
    newConversation(c, input.organization, subject || '(no subject)');
  applyConversationActions(c, cv, input);
  const now = nowSeconds();
  const user = me(c);
  const draft: Draft = {
    id: crypto.randomUUID(),
    conversation: cv.id,
    subject,
    body: input.body ?? '',
    from_field: input.from_field ?? { name: user.name, address: user.email },
    to_fields: input.to_fields ?? [],
    cc_fields: input.cc_fields ?? [],
    bcc_fields: input.bcc_fields ?? [],
    attachments: storeUploads(input.attachments),
    delivered_at: null,
    created_at: now,
    send_at: input.send_at ?? null,
    author: user.id,
    deleted: false,
  };
  const origin = new URL(c.req.url).origin;
  if (input.send && input.send_at === undefined) {
    // sent at once: it becomes a message of the conversation, not a draft
    data().messages.set(draft.id, {
      id: draft.id,
      conversation: cv.id,
      subject,
      preview: draft.body.replace(/<[^>]+>/g, '').slice(0, 80),
      body: draft.body,
      type: 'email',
      account: null,
      delivered_at: now,
      created_at: now,
      updated_at: now,
      email_message_id: `<${draft.id}@mail.sandbox.test>`,
      in_reply_to: [],
      references: input.references ?? [],
      from_field: draft.from_field ?? {},
      to_fields: draft.to_fields,
      cc_fields: draft.cc_fields,
      bcc_fields: draft.bcc_fields,
      reply_to_fields: [],
      attachments: draft.attachments,
    });
    return c.json({ drafts: draftJson(draft, origin) }, 201);
  }
  data().drafts.set(draft.id, draft);
  return c.json({ drafts: draftJson(draft, origin) }, 201);
});

draftRoutes.delete('/drafts/:id', (c) => {
  const draft = data().drafts.get(c.req.param('id'));
  const cv = draft ? data().conversations.get(draft.conversation) : undefined;
  if (!draft || draft.deleted || !cv || !me(c).organizations.includes(cv.organization)) throw notFound('Draft');
  draft.deleted = true;
  return c.json({});
});
