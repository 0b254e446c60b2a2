import { describe, expect, it } from 'vitest';
import { checkOrigin, normalizeOrigin, parseAllowedOrigins } from '../../../src/mcp/origin';

describe('origin allowlist', () => {
  const allowed = parseAllowedOrigins(' https://app.example.com/ ,not a url, HTTPS://Other.Example.com:443');

  it('parses and normalizes the comma-separated var, ignoring junk', () => {
    expect([...allowed].sort()).toEqual(['https://app.example.com', 'https://other.example.com']);
    expect(parseAllowedOrigins(undefined).size).toBe(0);
    expect(parseAllowedOrigins('').size).toBe(0);
    expect(normalizeOrigin('null')).toBeNull();
    expect(normalizeOrigin('file:///etc')).toBeNull();
  });

  it('allows a missing Origin and listed origins; refuses the rest', () => {
    const url = 'https://gw.example.com/mcp/x';
    expect(checkOrigin(undefined, allowed, url)).toEqual({ allowed: true, corsOrigin: null });
    expect(checkOrigin('https://app.example.com', allowed, url)).toEqual({
      allowed: true,
      corsOrigin: 'https://app.example.com',
    });
    expect(checkOrigin('https://evil.example.com', allowed, url).allowed).toBe(false);
    expect(checkOrigin('null', allowed, url).allowed).toBe(false);
    expect(checkOrigin('https://app.example.com.evil.com', allowed, url).allowed).toBe(false);
    // The gateway's own public origin is not implicitly trusted: only loopback gets that.
    expect(checkOrigin('https://gw.example.com', allowed, url).allowed).toBe(false);
  });

  it('allows a loopback page of the same local server, never a rebinding origin', () => {
    const none = new Set<string>();
    expect(checkOrigin('http://127.0.0.1:8787', none, 'http://127.0.0.1:8787/mcp/x').allowed).toBe(true);
    expect(checkOrigin('http://localhost:8787', none, 'http://localhost:8787/mcp/x').allowed).toBe(true);
    expect(checkOrigin('http://[::1]:8787', none, 'http://[::1]:8787/mcp/x').allowed).toBe(true);
    // Another local port, or a rebinding host that resolves to 127.0.0.1: refused.
    expect(checkOrigin('http://127.0.0.1:3000', none, 'http://127.0.0.1:8787/mcp/x').allowed).toBe(false);
    expect(checkOrigin('http://evil.example.com:8787', none, 'http://evil.example.com:8787/mcp/x').allowed).toBe(false);
    expect(checkOrigin('http://127.0.0.1:8787', none, 'https://gw.example.com/mcp/x').allowed).toBe(false);
  });
});
