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

  // No timing assertion (npm test holds none): ~330 KB of hostile text costs the former backtracking
  // /eyJ[…]+\.[…]+\.[…]+/ pattern ~20 s of CPU (it re-scanned from every "eyJ") and a linear scan
  // milliseconds, so a regression fails on vitest's standard 5 s test timeout by a wide margin.
  it('stays linear on hostile input (tool names and arguments reach it from any MCP caller)', () => {
    for (const hostile of ['eyJ'.repeat(110_000), 'eyJ-'.repeat(85_000) + '.x', `${'eyJ'.repeat(110_000)}.a`]) {
      // Nothing here is a whole JWT, so the text comes back unchanged.
      expect(redactSecrets(hostile)).toBe(hostile);
    }
  });
});
