import { describe, expect, it } from 'vitest';
import { upstreamReason } from '../../../src/missive/client';

describe('upstreamReason', () => {
  it("extracts Missive's message from the usual error shapes", () => {
    expect(upstreamReason('{"error":"limit must be between 2 and 50"}')).toBe('limit must be between 2 and 50');
    expect(upstreamReason('{"errors":[{"message":"a"},{"message":"b"}]}')).toBe('a; b');
    expect(upstreamReason('plain text reason')).toBe('plain text reason');
  });

  it('drops HTML pages and empty bodies, trims long ones and scrubs credentials', () => {
    expect(upstreamReason('')).toBeNull();
    expect(upstreamReason('<!DOCTYPE html><html><body>oops</body></html>')).toBeNull();
    expect(upstreamReason('x'.repeat(2000))!.length).toBeLessThanOrEqual(400);
    expect(upstreamReason('{"error":"bad token missive_pat-abc123"}')).not.toContain('missive_pat-abc123');
  });

  it("scrubs the account's own Missive token, whatever its shape, if Missive echoes it", () => {
    const token = '0f8e2c1a-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
    const reason = upstreamReason(`{"error":"token ${token} lacks the scope"}`, token);
    expect(reason).toBe('token [redacted] lacks the scope');
  });
});
