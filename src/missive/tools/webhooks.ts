/** Webhooks: POST /hooks, DELETE /hooks/:id (Missive REST "Hooks"). */
import { z } from 'zod';
import { idField } from '../ids';
import { annotationsFor, defineTool, deleteById, organizationField, writeCall } from './shared';

const CreateWebhookInput = z
  .object({
    type: z
      .string()
      .regex(/^[a-z_]{1,60}$/)
      .describe('Event to subscribe to, e.g. "new_comment", "incoming_email", "incoming_sms_message"'),
    url: z
      .url({ protocol: /^https$/ })
      .max(2000)
      .describe('HTTPS endpoint Missive will POST the event payloads to (it must answer a validation request)'),
    organization: organizationField('Organization whose events are sent'),
  })
  .strict();

const DeleteWebhookInput = z.object({ id: idField('Webhook id (from create_a_missive_webhook)') }).strict();

export const webhooksTools = [
  defineTool({
    name: 'create_a_missive_webhook',
    title: 'Create a Missive webhook',
    description:
      'Subscribes an HTTPS url to a Missive event type: from then on Missive POSTs conversation data (subject, ' +
      'participants, latest message) to that url, outside this gateway. Needs type and url; organization defaults to ' +
      "the account's. Organization admins and owners only. Returns the webhook id (remove it with delete_a_missive_webhook_by_id).",
    method: 'webhooks',
    tags: ['webhooks'],
    inputSchema: CreateWebhookInput,
    annotations: annotationsFor('create', 'Create a Missive webhook'),
    handler: (args, ctx) => {
      const hook = { type: args.type, url: args.url, organization: args.organization ?? ctx.defaults.organization };
      return writeCall(ctx, { method: 'POST', path: '/hooks', body: { hooks: hook } }, 'hooks');
    },
  }),
  defineTool({
    name: 'delete_a_missive_webhook_by_id',
    title: 'Delete a Missive webhook',
    description:
      'Deletes a webhook by id (from create_a_missive_webhook): the rule holding the webhook action is removed and ' +
      'Missive stops sending events to its url.',
    method: 'webhooks',
    tags: ['webhooks'],
    inputSchema: DeleteWebhookInput,
    annotations: annotationsFor('delete', 'Delete a Missive webhook'),
    handler: deleteById({ collection: '/hooks', key: 'hooks', notFound: (id) => `webhook "${id}"` }),
  }),
];
