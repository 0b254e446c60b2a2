/** Argument fields several tools share: recipients and uploaded attachments. */
import { z } from 'zod';

/** One address of a message, draft or response (email or phone). */
export const RecipientInput = z
  .object({
    name: z.string().max(200).optional().describe('Display name'),
    address: z.string().max(320).optional().describe('Email address'),
    phone_number: z.string().max(40).optional().describe('Phone number, for SMS / WhatsApp channels'),
  })
  .strict();

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

export const attachmentsUploadField = z
  .array(AttachmentUploadInput)
  .max(25)
  .optional()
  .describe('Files to attach (base64); the whole request must stay under 10 MB');

export const RECIPIENT_FIELDS = ['name', 'address', 'phone_number'] as const;
export const ATTACHMENT_FIELDS = ['base64_data', 'filename'] as const;
