/** Helpers shared by the endpoints that create messages, drafts and posts. */
import { z } from 'zod';
import { ApiError, me, notFound, nowSeconds, requireOrg, type SandboxContext } from '../http';
import { SANDBOX_ACCOUNTS } from '../seed/fixtures';
import { data } from '../store';
import type { Conversation } from '../types';
import { resolveConversation } from './conversations';

/**
 * A from/to field. Email `{name?, address}`, SMS/WhatsApp `{phone_number}` (a from_field may add
 * `type`), custom channels and Live Chat `{id, username?, name?}`, Messenger/Instagram `{id}`.
 */
export const AddressSchema = z
  .object({
    name: z.string().nullable().optional(),
    address: z.string().optional(),
    phone_number: z.string().optional(),
    id: z.string().optional(),
    username: z.string().optional(),
    type: z.string().optional(),
  })
  .refine((a) => a.address !== undefined || a.phone_number !== undefined || a.id !== undefined, {
    message: 'needs address, phone_number or id',
  });

export const UploadSchema = z.object({ base64_data: z.string().min(1), filename: z.string().min(1) });

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  log: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

/** Stores uploaded base64 files as downloadable attachments and returns their ids. */
export function storeUploads(uploads: z.infer<typeof UploadSchema>[] | undefined): string[] {
  return (uploads ?? []).map((upload) => {
    let bytes: Uint8Array;
    try {
      bytes = Uint8Array.from(atob(upload.base64_data), (ch) => ch.charCodeAt(0));
    } catch {
      throw new ApiError(400, `attachments: ${upload.filename} is not valid base64`);
    }
    const extension = upload.filename.includes('.') ? (upload.filename.split('.').pop() ?? '').toLowerCase() : '';
    const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
    const [mediaType, subType] = contentType.split(';')[0]?.split('/') ?? ['application', 'octet-stream'];
    const id = crypto.randomUUID();
    data().attachments.set(id, {
      id,
      filename: upload.filename,
      extension,
      media_type: mediaType ?? 'application',
      sub_type: subType ?? 'octet-stream',
      content_type: contentType,
      size: bytes.length,
      source: { kind: 'bytes', data: bytes },
    });
    return id;
  });
}

/** Organization of an account id, if the token owner can use it. */
export function accountOrganization(c: SandboxContext, account: string): string {
  const org = account.startsWith(SANDBOX_ACCOUNTS.globexEmail.slice(0, 8))
    ? data().organizations[1]?.id
    : account.startsWith(SANDBOX_ACCOUNTS.acmeEmail.slice(0, 8))
      ? data().organizations[0]?.id
      : undefined;
  if (!org || !me(c).organizations.includes(org)) throw notFound('Account');
  return org;
}

/**
 * Finds the conversation a write targets: by id, else by an RFC 5322 reference of one of its
 * messages; returns null when neither is given or no reference matches (a new conversation).
 */
export function targetConversation(
  c: SandboxContext,
  conversation: string | undefined,
  references: string[] | undefined,
): Conversation | null {
  if (conversation) return resolveConversation(c, conversation);
  const refs = (references ?? []).filter((r) => !/\s/.test(r));
  if (refs.length === 0) return null;
  const mine = me(c).organizations;
  for (const m of data().messages.values()) {
    if (!refs.includes(m.email_message_id)) continue;
    const cv = data().conversations.get(m.conversation);
    if (cv && mine.includes(cv.organization)) return resolveConversation(c, cv.id);
  }
  return null;
}

/** Creates an empty conversation for a write that starts a new thread. */
export function newConversation(c: SandboxContext, organization: string | undefined, subject: string): Conversation {
  const org = organization ?? me(c).organizations[0];
  if (!org) throw new ApiError(400, 'organization is required');
  requireOrg(c, org);
  const now = nowSeconds();
  const cv: Conversation = {
    id: crypto.randomUUID(),
    subject,
    organization: org,
    team: null,
    color: null,
    assignees: [],
    users: [c.get('userId')],
    shared_labels: [],
    created_at: now,
    last_activity_at: now,
    mailbox: 'inbox',
    flagged: false,
    snoozed: false,
    contact_organization: null,
    merged_into: null,
  };
  data().conversations.set(cv.id, cv);
  return cv;
}
