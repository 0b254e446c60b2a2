import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src/log';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZW5fMSJ9.c2lnbmF0dXJlX2J5dGVz';

describe('redactSecrets', () => {
  it('redacts JWTs wherever they sit, and only the three segments', () => {
    expect(redactSecrets(`token ${JWT} end`)).toBe('token [redacted] end');
    expect(redactSecrets(`{"t":"${JWT}"}`)).toBe('{"t":"[redacted]"}');
    expect(redactSecrets(`prefix${JWT}.tail`)).toBe('prefix[redacted].tail');
    expect(redactSecrets(`a.b.${JWT}`)).toBe('a.b.[redacted]');
    expect(redactSecrets(`${JWT} and ${JWT}`)).toBe('[redacted] and [redacted]');
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('missive_pat-abcdef and mcp_' + 'A'.repeat(45))).toBe('[redacted] and [redacted]');
  });

  it('leaves text that is not a credential alone', () => {
    for (const text of ['eyJ', 'eyJ.a.b', 'eyJa.b', 'eyJa.b.', 'version 1.2.3', 'no secrets here']) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('stays linear on hostile input (tool names and arguments reach it from any MCP caller)', () => {
    // The former /eyJ[…]+\.[…]+\.[…]+/ backtracked from every "eyJ" of a dotless run: ~4 s of CPU here, ~200 s for 1 MiB.
    for (const hostile of ['eyJ'.repeat(50_000), 'eyJ-'.repeat(40_000) + '.x', `${'eyJ'.repeat(50_000)}.a`]) {
      const started = Date.now();
      redactSecrets(hostile);
      expect(Date.now() - started).toBeLessThan(500);
    }
  });
});
