/** Messages: batch get, lookup by RFC 5322 Message-ID, and custom-channel incoming messages. */
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, me, notFound, nowSeconds, readBody, splitIds, type SandboxEnv } from '../http';
import { conversationJson, messageJson } from '../serialize';
import { data } from '../store';
import type { Message } from '../types';
import {
  AddressSchema,
  UploadSchema,
  accountOrganization,
  newConversation,
  storeUploads,
  targetConversation,
} from './writes-common';
import { applyConversationActions, checkActionCombinations, ConversationActionFields } from './conversation-actions';

export const messageRoutes = new Hono<SandboxEnv>();

const MAX_MESSAGE_PAYLOAD_BYTES = 10 * 1024 * 1024;

function visibleMessage(orgs: string[], id: string): Message | undefined {
  const m = data().messages.get(id);
  const cv = m ? data().conversations.get(m.conversation) : undefined;
  return m && cv && orgs.includes(cv.organization) ? m : undefined;
}

messageRoutes.get('/messages', (c) => {
  const emailMessageId = c.req.query('email_message_id');
  if (!emailMessageId) throw new ApiError(400, 'email_message_id is required');
  const orgs = me(c).organizations;
  const origin = new URL(c.req.url).origin;
  const found = [...data().messages.values()]
    .filter((m) => m.email_message_id === emailMessageId && visibleMessage(orgs, m.id))
    .sort((a, b) => b.delivered_at - a.delivered_at)
    .slice(0, 10);
  if (found.length === 0) throw notFound('Message');
  return c.json({ messages: found.map((m) => messageJson(m, origin)) });
});

messageRoutes.get('/messages/:ids', (c) => {
  const ids = splitIds(c.req.param('ids'));
  const orgs = me(c).organizations;
  const origin = new URL(c.req.url).origin;
  const found = ids.map((id) => {
    const m = visibleMessage(orgs, id);
    if (!m) throw notFound('Message');
    return m;
  });
  const [only] = found;
  if (found.length === 1 && only) {
    // one id: a single object with its whole conversation embedded
    const cv = data().conversations.get(only.conversation);
    return c.json({
      messages: { ...messageJson(only, origin), conversation: cv ? conversationJson(cv) : { id: only.conversation } },
    });
  }
  return c.json({ messages: found.map((m) => messageJson(m, origin)) });
});

const MessageCreateBody = z.object({
  messages: z.object({
    account: z.string().min(1),
    from_field: AddressSchema,
    to_fields: z.array(AddressSchema).optional(),
    cc_fields: z.array(AddressSchema).optional(),
    bcc_fields: z.array(AddressSchema).optional(),
    subject: z.string().optional(),
    body: z.string().optional(),
    delivered_at: z.number().int().optional(),
    attachments: z.array(UploadSchema).optional(),
    conversation: z.string().optional(),
    references: z.array(z.string()).optional(),
    external_id: z.string().optional(),
    ...ConversationActionFields,
  }),
});

messageRoutes.post('/messages', async (c) => {
  const length = Number(c.req.header('Content-Length') ?? '0');
  if (length > MAX_MESSAGE_PAYLOAD_BYTES) throw new ApiError(413, 'Payload exceeds 10 MB');
  const { messages: input } = await readBody(c, MessageCreateBody);
  const org = accountOrganization(c, input.account);
  checkActionCombinations(input);
  const subject = input.subject ?? '';
  const cv =
    targetConversation(c, input.conversation, input.references) ??
    newConversation(c, input.organization ?? org, subject || '(no subject)');
  applyConversationActions(c, cv, input);
  const now = nowSeconds();
  const id = crypto.randomUUID();
  const text = input.body ?? '';
  const message: Message = {
    id,
    conversation: cv.id,
    subject,
    preview: text.replace(/<[^>]+>/g, '').slice(0, 80),
    body: text,
    type: 'custom',
    account: input.account,
    delivered_at: input.delivered_at ?? now,
    created_at: now,
    updated_at: now,
    email_message_id: input.external_id ?? `<${id}@custom.sandbox.test>`,
    in_reply_to: [],
    references: input.references ?? [],
    from_field: input.from_field,
    to_fields: input.to_fields ?? [],
    cc_fields: input.cc_fields ?? [],
    bcc_fields: input.bcc_fields ?? [],
    reply_to_fields: [],
    attachments: storeUploads(input.attachments),
  };
  data().messages.set(id, message);
  cv.last_activity_at = Math.max(cv.last_activity_at, message.delivered_at);
  return c.json({ messages: messageJson(message, new URL(c.req.url).origin) }, 201);
});
