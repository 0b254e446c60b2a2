/**
 * missive_attachments_download: returns an attachment of a message or comment as MCP content.
 * SSRF defence: the caller names the message (or comment) and the attachment by id, never a URL;
 * the URL comes from Missive's own answer and must be https (or on the API base's origin, for the
 * local sandbox). No credential is sent with the download, redirects are checked hop by hop,
 * and the size is capped both from Content-Length and while reading.
 */
import { z } from 'zod';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { callMissive, UNAVAILABLE_MESSAGE } from '../client';
import { pageUntil, type PageCursor } from '../pagination';
import { invalidArguments, toolFailure } from '../results';
import type { ToolContext, ToolOutcome, UpstreamOutcome } from '../tool-definition';
import { fetchUpstreamUrl, UpstreamTimeoutError } from '../upstream';
import { extractList, extractOne, unexpectedAnswer, type Item } from './answers';
import { idPath } from './by-id';
import { defineTool } from './define';
import { idField } from './fields';

/** Largest file returned inline; MCP results travel as one JSON message, so bigger files do not fit. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;
/** How many pages of comments (10 each) are searched for comment_id. */
const MAX_COMMENT_PAGES = 10;

const DownloadInput = z
  .object({
    attachment_id: idField('Attachment id, from the attachments of a message or the attachment of a comment'),
    message_id: idField(
      'Message holding the attachment (from list_all_missive_conversation_messages); or give conversation_id + comment_id',
    ).optional(),
    conversation_id: idField('Conversation of the comment holding the attachment (with comment_id)').optional(),
    comment_id: idField('Comment holding the attachment (from list_all_missive_conversation_comments)').optional(),
  })
  .strict();

interface AttachmentMeta {
  id: string;
  filename: string;
  url: string;
  media_type: string | null;
  size: number | null;
}

function attachmentMeta(value: unknown): AttachmentMeta | null {
  if (!value || typeof value !== 'object') return null;
  const a = value as Item;
  if (typeof a.id !== 'string' || typeof a.url !== 'string') return null;
  const media =
    typeof a.media_type === 'string' && typeof a.sub_type === 'string'
      ? `${a.media_type}/${a.sub_type}`
      : typeof a.content_type === 'string'
        ? a.content_type
        : null;
  return {
    id: a.id,
    filename: typeof a.filename === 'string' ? a.filename : 'attachment',
    url: a.url,
    media_type: media,
    size: typeof a.size === 'number' ? a.size : null,
  };
}

function attachmentsOf(item: Item): AttachmentMeta[] {
  const list: unknown[] = [];
  if (Array.isArray(item.attachments)) list.push(...(item.attachments as unknown[]));
  if (item.attachment) list.push(item.attachment);
  return list.map(attachmentMeta).filter((a): a is AttachmentMeta => a !== null);
}

/** Only https, or the API base's own origin (the local sandbox), and never embedded credentials. */
export function isAllowedDownloadUrl(url: URL, apiBase: string): boolean {
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  try {
    return url.origin === new URL(apiBase).origin;
  } catch {
    return false;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function tooLarge(meta: AttachmentMeta, size: number | null): ToolOutcome {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return toolFailure(
    'too_large',
    `The attachment "${meta.filename}" is ${size === null ? 'larger than' : `${mb(size)} MB, over`} the ${mb(MAX_ATTACHMENT_BYTES)} MB limit for downloads through this tool. Open it in Missive instead.`,
    { attachment_id: meta.id, filename: meta.filename, size, max_bytes: MAX_ATTACHMENT_BYTES },
  );
}

/** Reads at most `max` bytes; null when the body is longer. */
export async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

async function findInComments(
  ctx: ToolContext,
  conversationId: string,
  commentId: string,
): Promise<
  { ok: true; comment: Item | null; upstream: UpstreamOutcome | undefined } | { ok: false; outcome: ToolOutcome }
> {
  const path = idPath('/conversations/{conversation_id}/comments', { conversation_id: conversationId });
  if (typeof path !== 'string') return { ok: false, outcome: path };
  let previous: { until: number; seen: string[] } | null = null;
  let upstream: UpstreamOutcome | undefined;
  for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
    const call = await callMissive(
      ctx,
      { method: 'GET', path, query: { limit: 10, ...(previous ? { until: previous.until } : {}) } },
      { notFound: `conversation "${conversationId}"` },
    );
    if (!call.ok) return { ok: false, outcome: call.outcome };
    upstream = call.upstream;
    const raw = extractList(call.data, 'comments');
    if (raw === null) return { ok: false, outcome: unexpectedAnswer() };
    const found = raw.find((c) => c.id === commentId);
    if (found) return { ok: true, comment: found, upstream };
    const next: PageCursor | null = pageUntil(raw, {
      limit: 10,
      previous,
      id: (c) => (typeof c.id === 'string' ? c.id : undefined),
      timestamp: (c) => (typeof c.created_at === 'number' ? c.created_at : undefined),
    }).next;
    if (next === null || next.kind !== 'until') break;
    previous = next;
  }
  return { ok: true, comment: null, upstream };
}

async function download(
  ctx: ToolContext,
  meta: AttachmentMeta,
  upstream: UpstreamOutcome | undefined,
): Promise<ToolOutcome> {
  if (meta.size !== null && meta.size > MAX_ATTACHMENT_BYTES) return tooLarge(meta, meta.size);
  let url: URL;
  try {
    url = new URL(meta.url);
  } catch {
    return toolFailure('unavailable', 'Missive gave no usable download link for this attachment.');
  }
  let res: Response | null = null;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isAllowedDownloadUrl(url, ctx.env.MISSIVE_API_BASE)) {
      ctx.log.warn('attachment.url_refused', { attachment_id: meta.id, protocol: url.protocol });
      return toolFailure(
        'unavailable',
        'The download link Missive gave for this attachment is not allowed (https only).',
      );
    }
    try {
      res = await fetchUpstreamUrl(ctx.env, url);
    } catch (err) {
      ctx.log.warn('attachment.fetch_failed', { timed_out: err instanceof UpstreamTimeoutError });
      return toolFailure('unavailable', UNAVAILABLE_MESSAGE);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      url = new URL(location, url);
      res = null;
      continue;
    }
    break;
  }
  if (res === null) return toolFailure('unavailable', 'The attachment download redirected too many times.');
  if (res.status === 404 || res.status === 403 || res.status === 410) {
    await res.body?.cancel();
    return toolFailure(
      'not_found',
      `The file of attachment "${meta.id}" is no longer available at its link (links expire); read the message again and retry.`,
    );
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    return toolFailure('unavailable', UNAVAILABLE_MESSAGE);
  }
  const declared = Number(res.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > MAX_ATTACHMENT_BYTES) {
    await res.body.cancel();
    return tooLarge(meta, declared);
  }
  const bytes = await readCapped(res.body, MAX_ATTACHMENT_BYTES);
  if (bytes === null) return tooLarge(meta, null);

  const mimeType = (res.headers.get('content-type') ?? meta.media_type ?? 'application/octet-stream')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const info = { id: meta.id, filename: meta.filename, media_type: mimeType, size: bytes.byteLength };
  const isText = mimeType.startsWith('text/') || /^application\/(json|xml|csv|x-ndjson)$/.test(mimeType);
  const isImage = /^image\/(png|jpeg|gif|webp)$/.test(mimeType);
  const deliveredAs = isImage ? 'image' : isText ? 'text' : 'resource';
  const content: CallToolResult['content'] = [
    { type: 'text', text: JSON.stringify({ attachment: info, delivered_as: deliveredAs }) },
  ];
  if (isImage) content.push({ type: 'image', data: toBase64(bytes), mimeType });
  else if (isText) content.push({ type: 'text', text: new TextDecoder().decode(bytes) });
  else {
    content.push({
      type: 'resource',
      resource: {
        uri: `missive://attachments/${encodeURIComponent(meta.id)}/${encodeURIComponent(meta.filename)}`,
        mimeType,
        blob: toBase64(bytes),
      },
    });
  }
  return {
    result: { content, structuredContent: { attachment: info, delivered_as: deliveredAs } },
    ...(upstream ? { upstream } : {}),
  };
}

export const attachmentsTools = [
  defineTool({
    name: 'missive_attachments_download',
    title: 'Download a Missive attachment',
    description:
      'Downloads one attachment of a message or comment and returns the file itself: images as image content, text ' +
      '(logs, CSV, JSON) as text, anything else (PDF, archives) as an embedded resource. Give attachment_id plus ' +
      'message_id (attachments listed by list_all_missive_conversation_messages), or plus conversation_id and ' +
      `comment_id (a comment's attachment). Files over ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB are refused. Read-only.`,
    method: 'download',
    tags: ['attachments', 'messages', 'comments'],
    inputSchema: DownloadInput,
    handler: async (args, ctx) => {
      let holder: Item | null;
      let upstream: UpstreamOutcome | undefined;
      let where: string;
      if (args.message_id !== undefined) {
        const path = idPath('/messages/{message_id}', { message_id: args.message_id });
        if (typeof path !== 'string') return path;
        const call = await callMissive(ctx, { method: 'GET', path }, { notFound: `message "${args.message_id}"` });
        if (!call.ok) return call.outcome;
        holder = extractOne(call.data, 'messages');
        if (holder === null) return unexpectedAnswer();
        upstream = call.upstream;
        where = `message "${args.message_id}"`;
      } else if (args.conversation_id !== undefined && args.comment_id !== undefined) {
        const found = await findInComments(ctx, args.conversation_id, args.comment_id);
        if (!found.ok) return found.outcome;
        if (found.comment === null) {
          return toolFailure(
            'not_found',
            `Not found: comment "${args.comment_id}" is not among the latest ${MAX_COMMENT_PAGES * 10} comments of conversation "${args.conversation_id}".`,
          );
        }
        holder = found.comment;
        upstream = found.upstream;
        where = `comment "${args.comment_id}"`;
      } else {
        return invalidArguments(
          'Give message_id, or conversation_id together with comment_id, along with attachment_id.',
        );
      }
      const meta = attachmentsOf(holder).find((a) => a.id === args.attachment_id);
      if (!meta) {
        const available = attachmentsOf(holder).map((a) => `${a.id} (${a.filename})`);
        return toolFailure(
          'not_found',
          `Not found: ${where} has no attachment "${args.attachment_id}".${available.length ? ` Its attachments: ${available.join(', ')}.` : ' It has no attachments.'}`,
        );
      }
      return download(ctx, meta, upstream);
    },
  }),
];
