import { describe, expect, it } from 'vitest';
import {
  auditArgumentsJson,
  auditToolName,
  MAX_AUDIT_ARGUMENTS_CHARS,
  outcomeOf,
  redactArguments,
} from '../../../src/mcp/audit';

describe('audit redaction', () => {
  it('drops secrets and message content, keeps ids and filters', () => {
    const redacted = redactArguments({
      conversation: 'c0000001-0000-4000-8000-000000000001',
      body: '<p>Hello, your invoice</p>',
      subject: 'Re: renewal',
      to_fields: [{ address: 'ceo@enterprise-client.com', name: 'CEO' }],
      api_token: 'missive_pat-abc',
      notification: { title: 't', body: 'b' },
      attachments: [{ base64_data: 'AAAA', filename: 'a.png' }],
      limit: 10,
      close: true,
      nested: { Authorization: 'Bearer x', text: 'hi' },
    });
    expect(redacted).toEqual({
      conversation: 'c0000001-0000-4000-8000-000000000001',
      body: '[redacted: 26 chars]',
      subject: '[redacted: 11 chars]',
      to_fields: [{ address: 'ceo@enterprise-client.com', name: 'CEO' }],
      api_token: '[redacted]',
      notification: '[redacted]',
      attachments: [{ base64_data: '[redacted: 4 chars]', filename: 'a.png' }],
      limit: 10,
      close: true,
      nested: { Authorization: '[redacted]', text: '[redacted: 2 chars]' },
    });
  });

  it('catches credentials pasted into ordinary fields and bounds sizes', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const out = redactArguments({
      email: `x ${jwt}`,
      title: 'y'.repeat(1000),
      ids: Array.from({ length: 80 }, (_, i) => i),
    }) as {
      email: string;
      title: string;
      ids: unknown[];
    };
    expect(out.email).not.toContain(jwt);
    expect(out.title.length).toBeLessThanOrEqual(301);
    expect(out.ids).toHaveLength(51);
    const huge = auditArgumentsJson(
      Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v'.repeat(290)])),
    );
    expect(huge!.length).toBeLessThanOrEqual(MAX_AUDIT_ARGUMENTS_CHARS);
    expect(JSON.parse(huge!)).toMatchObject({ '[truncated]': true });
    expect(auditArgumentsJson(undefined)).toBeNull();
    expect(auditToolName('x'.repeat(500)).length).toBeLessThanOrEqual(129);
  });

  it('classifies results', () => {
    expect(outcomeOf({})).toBe('ok');
    expect(outcomeOf({ isError: true })).toBe('error');
    expect(outcomeOf({ isError: true, structuredContent: { error: { kind: 'rate_limited' } } })).toBe('rate_limited');
  });
});
