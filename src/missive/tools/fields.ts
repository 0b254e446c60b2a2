/** The zod argument fields the tools share: ids, pages, organization, recipients, uploads. */
import { z } from 'zod';
import { ID_PATTERN } from '../ids';

/** One Missive id with the field's description. */
export function idField(description: string) {
  return z.string().regex(ID_PATTERN, 'must contain only letters, digits, "-" and "_"').describe(description);
}

/** An optional list of ids. */
export function idList(what: string, max = 50) {
  return z.array(idField(what)).max(max).optional();
}

/** More ids for a batch endpoint (`PATCH /<collection>/:id1,:id2`): changed the same way, in the same request. */
export function moreIdsField(what: string) {
  return z.array(idField(what)).max(49).optional().describe('More ids to change the same way, in the same request');
}

/** The opaque `cursor` argument of every paginated list tool. */
export const cursorField = z
  .string()
  .max(8000)
  .optional()
  .describe('Opaque next_cursor from the previous page of this same tool; omit for the first page');

/** An optional page size capped at Missive's maximum for the endpoint. */
export function limitField(max: number, def: number, min = 1) {
  return z.number().int().min(min).max(max).optional().describe(`Items per page (${min}–${max}, default ${def})`);
}

/** An optional organization id; handlers fill it from the account default when the caller leaves it out. */
export function organizationField(what = 'Organization id (from list_all_missive_organizations)') {
  return z.string().regex(ID_PATTERN).optional().describe(`${what}; the account default applies when omitted`);
}

/** Message-IDs (or custom-channel external ids) naming a conversation. */
export function referencesField(what: string) {
  return z.array(z.string().max(998)).max(50).optional().describe(what);
}

/**
 * One from/to field. Email `{name?, address}`; SMS / WhatsApp `{phone_number}`; custom channels
 * and Live Chat `{id, username?, name?}`; Messenger / Instagram `{id}`.
 */
export const RecipientInput = z
  .object({
    name: z.string().max(200).optional().describe('Display name'),
    address: z.string().max(320).optional().describe('Email address'),
    phone_number: z.string().max(40).optional().describe('SMS / WhatsApp number, "+" and digits'),
    id: z.string().max(200).optional().describe('Custom channel, Live Chat, Messenger or Instagram user id'),
    username: z.string().max(200).optional().describe('Custom channel / Live Chat username'),
  })
  .strict();
export const RECIPIENT_FIELDS = ['name', 'address', 'phone_number', 'id', 'username'] as const;

/** A sender: a recipient plus `type`, which a phone number shared by several channels may need. */
export const SenderInput = RecipientInput.extend({
  type: z.string().max(40).optional().describe('Channel of a phone from_field, e.g. "whatsapp"'),
}).strict();
export const SENDER_FIELDS = [...RECIPIENT_FIELDS, 'type'] as const;

/** An optional list of recipients. */
export function recipientsField(what: string) {
  return z.array(RecipientInput).max(100).optional().describe(what);
}

/** A file uploaded inline (base64) with a draft, message or response. */
export const AttachmentUploadInput = z
  .object({
    base64_data: z.string().min(1).max(14_000_000).describe('File content, base64-encoded'),
    filename: z.string().min(1).max(255).describe('File name with extension, e.g. "report.pdf"'),
  })
  .strict();
export const ATTACHMENT_FIELDS = ['base64_data', 'filename'] as const;

export const attachmentsUploadField = z
  .array(AttachmentUploadInput)
  .max(25)
  .optional()
  .describe('Files to attach (base64); the whole request must stay under 10 MB');
