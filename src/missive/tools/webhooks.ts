/** Webhooks: POST /hooks, DELETE /hooks/:id (Missive REST "Hooks"). */
import { z } from 'zod';
import { pickDefined } from '../body';
import { writeCall } from './answers';
import { deleteById } from './by-id';
import { defineTool } from './define';
import { idField } from './fields';

const HOOK_TYPES = [
  'incoming_email',
  'incoming_sms_message',
  'incoming_facebook_message',
  'incoming_whatsapp_message',
  'incoming_twilio_chat_message',
  'new_comment',
] as const;

const filter = (what: string) => z.string().min(1).max(500).optional().describe(`Only events ${what}`);

const CreateWebhookInput = z
  .object({
    type: z.enum(HOOK_TYPES).describe('Event to subscribe to'),
    url: z
      .url({ protocol: /^https$/ })
      .max(2000)
      .describe('HTTPS endpoint Missive will POST the events to (it must answer a validation request)'),
    organization: idField(
      "Organization whose events are sent; omitted: a PERSONAL webhook of the account's own events",
    ).optional(),
    content_contains: filter('whose content contains this text'),
    content_starts_with: filter('whose content starts with this text'),
    content_ends_with: filter('whose content ends with this text'),
    is_task: z.boolean().optional().describe('new_comment: true for task comments only'),
    author: filter('by this author (user id or address)'),
    mention: idField('new_comment: only comments mentioning this user id').optional(),
    from_eq: filter('from this address'),
    subject_contains: filter('whose subject contains this text'),
  })
  .strict();

const HOOK_FIELDS = [
  'type',
  'url',
  'organization',
  'content_contains',
  'content_starts_with',
  'content_ends_with',
  'is_task',
  'author',
  'mention',
  'from_eq',
  'subject_contains',
] as const;

const DeleteWebhookInput = z.object({ id: idField('Webhook id (from create_a_missive_webhook)') }).strict();

export const webhooksTools = [
  defineTool({
    name: 'create_a_missive_webhook',
    title: 'Create a Missive webhook',
    description:
      'Subscribes an HTTPS url to a Missive event type: Missive then POSTs conversation data (subject, participants, ' +
      'latest message) to that url, outside this gateway. Without organization the webhook is personal (only the ' +
      "account owner's events); the account default organization is NOT applied. Optional filters narrow the events. " +
      'Returns the webhook id (remove it with delete_a_missive_webhook_by_id).',
    method: 'webhooks',
    annotateAs: 'create',
    tags: ['webhooks'],
    inputSchema: CreateWebhookInput,
    handler: (args, ctx) =>
      writeCall(ctx, { method: 'POST', path: '/hooks', body: { hooks: pickDefined(args, HOOK_FIELDS) } }, 'hooks'),
  }),
  defineTool({
    name: 'delete_a_missive_webhook_by_id',
    title: 'Delete a Missive webhook',
    description: 'Deletes a webhook by id (from create_a_missive_webhook): Missive stops sending events to its url.',
    method: 'webhooks',
    annotateAs: 'delete',
    tags: ['webhooks'],
    inputSchema: DeleteWebhookInput,
    handler: deleteById({ collection: '/hooks', key: 'hooks', notFound: (id) => `webhook "${id}"` }),
  }),
];
