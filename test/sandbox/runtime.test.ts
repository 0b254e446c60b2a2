import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  SANDBOX_ATTACHMENTS,
  SANDBOX_CONVERSATIONS,
  SANDBOX_MESSAGES,
  SANDBOX_ORGS,
  SANDBOX_TOKENS,
  TINY_TOKEN_PER_MINUTE,
} from '../../sandbox/src/seed/fixtures';
import { api, apiJson, control, resetSandbox } from './helpers';

beforeEach(resetSandbox);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface AttachmentOut {
  id: string;
  filename: string;
  url: string;
  size: number;
  media_type: string;
  sub_type: string;
}

describe('attachments', () => {
  async function attachmentsOf(messageId: string): Promise<AttachmentOut[]> {
    return (await apiJson<{ messages: { attachments: AttachmentOut[] } }>(`/messages/${messageId}`)).messages
      .attachments;
  }

  it('serves the text log, PNG and PDF with their content type and length', async () => {
    const [log] = await attachmentsOf(SANDBOX_MESSAGES.withTextAttachment);
    expect(log?.id).toBe(SANDBOX_ATTACHMENTS.textLog.id);
    expect(log?.url).toMatch(/^https:\/\/missive\.sandbox\/files\//);
    const res = await env.MISSIVE_UPSTREAM.fetch(log?.url as string);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('ERROR api-gateway upstream timeout');
    expect(new TextEncoder().encode(text).length).toBe(log?.size);

    const [png, pdf] = await attachmentsOf(SANDBOX_MESSAGES.withPngAttachment);
    const pngRes = await env.MISSIVE_UPSTREAM.fetch(png?.url as string);
    expect(pngRes.headers.get('content-type')).toBe('image/png');
    const pngBytes = new Uint8Array(await pngRes.arrayBuffer());
    expect([...pngBytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(Number(pngRes.headers.get('content-length'))).toBe(pngBytes.length);
    const pdfRes = await env.MISSIVE_UPSTREAM.fetch(pdf?.url as string);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    expect((await pdfRes.text()).startsWith('%PDF-')).toBe(true);
  });

  it('serves the large file (> 5 MB) with its exact length, and 404 for unknown files', async () => {
    const [large] = await attachmentsOf(SANDBOX_MESSAGES.withLargeAttachment);
    expect(large?.size).toBeGreaterThan(5 * 1024 * 1024);
    const res = await env.MISSIVE_UPSTREAM.fetch(large?.url as string);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(SANDBOX_ATTACHMENTS.large.size);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(SANDBOX_ATTACHMENTS.large.size);
    expect(bytes[300]).toBe(300 % 251);
    expect((await env.MISSIVE_UPSTREAM.fetch('https://missive.sandbox/files/nope/x.txt')).status).toBe(404);
  });

  it('gives comments an attachment with a downloadable url', async () => {
    const { comments } = await apiJson<{ comments: { attachment: AttachmentOut | null }[] }>(
      `/conversations/${SANDBOX_CONVERSATIONS.withImage}/comments`,
    );
    const attachment = comments.find((c) => c.attachment)?.attachment;
    expect(attachment?.id).toBe(SANDBOX_ATTACHMENTS.commentPng.id);
    expect((await env.MISSIVE_UPSTREAM.fetch(attachment?.url as string)).status).toBe(200);
  });
});

describe('analytics reports', () => {
  it('answers 404 while incomplete, then data, then 404 after expiry', async () => {
    await control('/config', 'POST', { analytics: { readyAfterMs: 300, expireAfterMs: 400 } });
    const created = await apiJson<{ reports: { id: string } }>(
      '/analytics/reports',
      { body: { reports: { organization: SANDBOX_ORGS.acme.id, start: 1_790_000_000, end: 1_795_100_000 } } },
      201,
    );
    const id = created.reports.id;
    expect((await api(`/analytics/reports/${id}`)).status).toBe(404);
    await sleep(350);
    const ready = await apiJson<{ reports: { id: string; selected_period: { conversations: { total: number } } } }>(
      `/analytics/reports/${id}`,
    );
    expect(ready.reports.id).toBe(id);
    expect(ready.reports.selected_period.conversations.total).toBeGreaterThan(0);
    await sleep(450);
    expect((await api(`/analytics/reports/${id}`)).status).toBe(404);
    expect((await api('/analytics/reports', { body: { report: {} } })).status).toBe(400);
  });
});

describe('rate limits', () => {
  it('sends X-RateLimit-* on success with Remaining counting down', async () => {
    const a = await api('/users');
    const b = await api('/users');
    expect(a.headers.get('x-ratelimit-limit')).toBe('300');
    expect(Number(a.headers.get('x-ratelimit-remaining')) - Number(b.headers.get('x-ratelimit-remaining'))).toBe(1);
    const reset = Number(b.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
  });

  it('answers 429 with Retry-After and epoch-seconds reset once the tiny token spends its budget', async () => {
    for (let k = 0; k < TINY_TOKEN_PER_MINUTE; k++) {
      const ok = await api('/users', { token: 'tiny' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(TINY_TOKEN_PER_MINUTE - k - 1));
    }
    const limited = await api('/users', { token: 'tiny' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-ratelimit-limit')).toBe(String(TINY_TOKEN_PER_MINUTE));
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(1_700_000_000);
    expect(Math.abs(reset - (Date.now() / 1000 + retryAfter))).toBeLessThanOrEqual(2);
    // other tokens are unaffected
    expect((await api('/users')).status).toBe(200);
  });

  it('applies a configured window: requests pass again after it rolls over', async () => {
    await control('/config', 'POST', { limits: { perMinute: 2, minuteWindowMs: 300 } });
    expect((await api('/users')).status).toBe(200);
    expect((await api('/users')).status).toBe(200);
    expect((await api('/users')).status).toBe(429);
    await sleep(350);
    expect((await api('/users')).status).toBe(200);
  });

  it('applies the 15-minute window', async () => {
    await control('/config', 'POST', { limits: { perQuarterHour: 2 } });
    await api('/users');
    await api('/users');
    const limited = await api('/users');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
  });

  it('refuses the 6th concurrent request and reports the concurrency observed', async () => {
    await control('/config', 'POST', { latencyMs: 400 });
    const results = await Promise.all(Array.from({ length: 7 }, () => api('/organizations')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const log = await (
      await control('/requests', 'GET')
    ).json<{
      concurrency: Record<string, { maxAttempted: number; maxAdmitted: number; inFlight: number }>;
    }>();
    expect(log.concurrency.acme?.maxAdmitted).toBe(5);
    // the refused ones arrived while 5 were in flight: 6 wanted to run at once
    expect(log.concurrency.acme?.maxAttempted).toBe(6);
    expect(log.concurrency.acme?.inFlight).toBe(0);
  });
});

describe('request log', () => {
  it('records method, path, query, JSON body and the token fixture name, never the token', async () => {
    await api('/conversations?inbox=true&limit=5');
    await api('/drafts', { body: { drafts: { subject: 'Logged', body: 'x' } } });
    await api('/users', { token: null });
    const res = await control('/requests', 'GET');
    const text = await res.text();
    expect(text).not.toContain(SANDBOX_TOKENS.acme);
    const log = JSON.parse(text) as {
      requests: {
        seq: number;
        method: string;
        path: string;
        query: unknown;
        body: unknown;
        token: unknown;
        status: number;
        at: string;
      }[];
      last_seq: number;
    };
    expect(log.requests).toHaveLength(3);
    expect(log.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1/conversations',
      query: { inbox: 'true', limit: '5' },
      body: null,
      token: 'acme',
      status: 200,
    });
    expect(log.requests[1]).toMatchObject({ method: 'POST', body: { drafts: { subject: 'Logged' } }, status: 201 });
    expect(log.requests[2]).toMatchObject({ token: null, status: 401 });
    expect(Date.parse(log.requests[0]?.at ?? '')).not.toBeNaN();
    const since = await (
      await control(`/requests?since=${log.requests[1]?.seq}`, 'GET')
    ).json<{ requests: unknown[] }>();
    expect(since.requests).toHaveLength(1);
    await control('/requests', 'DELETE');
    const cleared = await (await control('/requests', 'GET')).json<{ requests: unknown[] }>();
    expect(cleared.requests).toHaveLength(0);
  });
});

describe('faults', () => {
  it('injects a 500 a given number of times on a path prefix', async () => {
    const created = await control('/faults', 'POST', { path: '/v1/users', kind: 'status_500', times: 2 });
    expect(created.status).toBe(201);
    expect((await api('/users')).status).toBe(500);
    expect((await api('/organizations')).status).toBe(200);
    expect((await api('/users')).status).toBe(500);
    expect((await api('/users')).status).toBe(200);
  });

  it('returns malformed JSON on a regex match and method, until cleared', async () => {
    await control('/faults', 'POST', { method: 'GET', path: '^/v1/conversations/[^/]+$', kind: 'malformed_json' });
    const res = await api(`/conversations/${SANDBOX_CONVERSATIONS.ceoThread}`);
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
    expect((await api('/conversations?all=true')).status).toBe(200);
    await control('/faults', 'DELETE');
    expect((await api(`/conversations/${SANDBOX_CONVERSATIONS.ceoThread}`)).status).toBe(200);
  });

  it('hangs past a client deadline', async () => {
    await control('/faults', 'POST', { path: '/v1/teams', kind: 'hang', hangMs: 5_000, times: 1 });
    const started = Date.now();
    await expect(
      env.MISSIVE_UPSTREAM.fetch('https://missive.sandbox/v1/teams', {
        headers: { Authorization: `Bearer ${SANDBOX_TOKENS.acme}` },
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('validates control bodies', async () => {
    expect((await control('/faults', 'POST', { path: '/v1', kind: 'explode' })).status).toBe(400);
    expect((await control('/config', 'POST', { limits: { perMinute: 0 } })).status).toBe(400);
    expect((await control('/config', 'POST', { nonsense: true })).status).toBe(400);
  });

  it('resets data, faults and config on POST /__sandbox/reset', async () => {
    await control('/faults', 'POST', { path: '/v1/users', kind: 'status_500' });
    await control('/config', 'POST', { latencyMs: 50 });
    await api(`/drafts`, { body: { drafts: { subject: 'temp' } } });
    await resetSandbox();
    expect((await api('/users')).status).toBe(200);
    const cfg = await (await control('/config', 'GET')).json<{ config: { latencyMs: number } }>();
    expect(cfg.config.latencyMs).toBe(0);
  });
});
