import { beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_ATTACHMENTS,
  SANDBOX_CONVERSATIONS,
  SANDBOX_MESSAGES,
  SANDBOX_ORGS,
} from '../../../sandbox/src/seed/fixtures';
import { isAllowedDownloadUrl, MAX_ATTACHMENT_BYTES, readCapped } from '../../../src/missive/tools/attachments';
import {
  callTool,
  configureSandbox,
  errorOf,
  lastSeq,
  listAnswer,
  okResult,
  requestLog,
  resetSandbox,
  structured,
  toolContext,
} from './helpers';

beforeAll(resetSandbox);

describe('missive_attachments_download', () => {
  it('returns a PNG as image content', async () => {
    const since = await lastSeq();
    const outcome = await callTool('missive_attachments_download', {
      message_id: SANDBOX_MESSAGES.withPngAttachment,
      attachment_id: SANDBOX_ATTACHMENTS.png.id,
    });
    expect(outcome.result.isError).toBeFalsy();
    const image = outcome.result.content.find((c) => c.type === 'image');
    expect(image).toMatchObject({ type: 'image', mimeType: 'image/png' });
    const bytes = Uint8Array.from(atob((image as { data: string }).data), (c) => c.charCodeAt(0));
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(structured(outcome)).toMatchObject({
      delivered_as: 'image',
      attachment: { filename: 'checkout-error.png' },
    });
    // the file was fetched from the link in Missive's answer, without the account's credential
    const download = (await requestLog(since)).requests.find((r) => r.path.startsWith('/files/'));
    expect(download).toBeDefined();
    expect(download?.token).toBeNull();
  });

  it('returns a log file as text content', async () => {
    const outcome = await callTool('missive_attachments_download', {
      message_id: SANDBOX_MESSAGES.withTextAttachment,
      attachment_id: SANDBOX_ATTACHMENTS.textLog.id,
    });
    const texts = outcome.result.content.filter((c) => c.type === 'text').map((c) => (c as { text: string }).text);
    expect(texts.some((t) => t.includes('api-gateway') && t.includes('ERROR'))).toBe(true);
  });

  it('returns a PDF as an embedded resource blob', async () => {
    const outcome = await callTool('missive_attachments_download', {
      message_id: SANDBOX_MESSAGES.withPngAttachment,
      attachment_id: SANDBOX_ATTACHMENTS.pdf.id,
    });
    const resource = outcome.result.content.find((c) => c.type === 'resource') as
      { resource: { blob: string; mimeType: string; uri: string } } | undefined;
    expect(resource?.resource.mimeType).toBe('application/pdf');
    expect(atob(resource!.resource.blob).startsWith('%PDF')).toBe(true);
    expect(resource!.resource.uri).toMatch(/^missive:\/\/attachments\//);
  });

  it('refuses a file over 5 MB with a clear error and without downloading it', async () => {
    const since = await lastSeq();
    const err = errorOf(
      await callTool('missive_attachments_download', {
        message_id: SANDBOX_MESSAGES.withLargeAttachment,
        attachment_id: SANDBOX_ATTACHMENTS.large.id,
      }),
    );
    expect(err.kind).toBe('too_large');
    expect(err.message).toMatch(/5\.0 MB limit/);
    const { requests } = await requestLog(since);
    expect(requests.some((r) => r.path.startsWith('/files/'))).toBe(false);
  });

  it("downloads a comment's attachment by conversation and comment id", async () => {
    const comments = listAnswer(
      await callTool('list_all_missive_conversation_comments', { conversation_id: SANDBOX_CONVERSATIONS.withImage }),
    );
    const comment = comments.result.find(
      (c) => (c.attachment as { id?: string } | null)?.id === SANDBOX_ATTACHMENTS.commentPng.id,
    );
    expect(comment).toBeDefined();
    const outcome = await callTool('missive_attachments_download', {
      conversation_id: SANDBOX_CONVERSATIONS.withImage,
      comment_id: comment!.id,
      attachment_id: SANDBOX_ATTACHMENTS.commentPng.id,
    });
    expect(outcome.result.content.some((c) => c.type === 'image')).toBe(true);
  });

  it('names the attachments a message really has when the id is wrong', async () => {
    const err = errorOf(
      await callTool('missive_attachments_download', {
        message_id: SANDBOX_MESSAGES.withPngAttachment,
        attachment_id: SANDBOX_ATTACHMENTS.textLog.id,
      }),
    );
    expect(err.kind).toBe('not_found');
    expect(err.message).toContain(SANDBOX_ATTACHMENTS.png.id);
    expect(errorOf(await callTool('missive_attachments_download', { attachment_id: 'abc' })).kind).toBe(
      'invalid_arguments',
    );
  });

  it('stops reading a body that grows past the cap (when Content-Length is missing or wrong)', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    const stream = (chunks: number) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < chunks; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
    expect(await readCapped(stream(6), MAX_ATTACHMENT_BYTES)).toBeNull();
    expect((await readCapped(stream(5), MAX_ATTACHMENT_BYTES))?.byteLength).toBe(5 * 1024 * 1024);
  });

  it('only follows https links or the API origin, never links with credentials', () => {
    const base = 'http://127.0.0.1:8788/v1';
    expect(isAllowedDownloadUrl(new URL('https://files.missiveapp.com/x.png'), base)).toBe(true);
    expect(isAllowedDownloadUrl(new URL('http://127.0.0.1:8788/files/a/b'), base)).toBe(true);
    expect(isAllowedDownloadUrl(new URL('http://169.254.169.254/latest/meta-data'), base)).toBe(false);
    expect(isAllowedDownloadUrl(new URL('http://127.0.0.1:9999/x'), base)).toBe(false);
    expect(isAllowedDownloadUrl(new URL('https://user:pw@files.test/x'), base)).toBe(false);
    expect(isAllowedDownloadUrl(new URL('file:///etc/passwd'), base)).toBe(false);
  });
});

describe('analytics reports', () => {
  it('reports pending while Missive answers 404, then the figures', async () => {
    await configureSandbox({ analytics: { readyAfterMs: 400, expireAfterMs: 60_000 } });
    const ctx = toolContext({ defaults: { organization: SANDBOX_ORGS.acme.id } });
    const end = Math.floor(Date.UTC(2026, 10, 20) / 1000);
    const created = okResult(
      await callTool('create_a_missive_analytics_report', { start: end - 30 * 86_400, end }, ctx),
    );
    expect(typeof created.id).toBe('string');
    const pending = await callTool('get_single_missive_analytics_report_by_id', { id: created.id }, ctx);
    expect(pending.result.isError).toBeFalsy();
    expect(structured(pending)).toMatchObject({ status: 'pending', id: created.id });
    expect(JSON.stringify(structured(pending))).toMatch(/expired/);
    await new Promise((r) => setTimeout(r, 500));
    const done = await callTool('get_single_missive_analytics_report_by_id', { id: created.id }, ctx);
    expect(structured(done)).toMatchObject({ status: 'complete', result: { id: created.id } });
  });

  it('refuses a period whose end is not after its start, and needs an organization', async () => {
    const ctx = toolContext({ defaults: { organization: SANDBOX_ORGS.acme.id } });
    expect(errorOf(await callTool('create_a_missive_analytics_report', { start: 10, end: 5 }, ctx)).kind).toBe(
      'invalid_arguments',
    );
    expect(errorOf(await callTool('create_a_missive_analytics_report', { start: 1, end: 5 })).kind).toBe(
      'invalid_arguments',
    );
  });
});
