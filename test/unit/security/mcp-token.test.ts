import { describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode } from '../../../src/security/encoding';
import {
  MCP_TOKEN_LENGTH,
  MCP_TOKEN_PREFIX,
  crc32,
  generateMcpToken,
  isWellFormedMcpToken,
  tokenLast4,
} from '../../../src/security/mcp-token';

describe('MCP token format', () => {
  it('generates prefixed, fixed-length, URL-safe tokens that pass the shape check', () => {
    const token = generateMcpToken();
    expect(token.startsWith(MCP_TOKEN_PREFIX)).toBe(true);
    expect(token).toHaveLength(MCP_TOKEN_LENGTH);
    expect(token).toMatch(/^mcp_[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(isWellFormedMcpToken(token)).toBe(true);
  });

  it('carries 256 random bits: no two tokens alike', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateMcpToken));
    expect(tokens.size).toBe(200);
    const body = generateMcpToken().slice(4, 4 + 43);
    expect(base64urlDecode(body)?.length).toBe(32);
  });

  it('rejects a token with any single character changed (checksum)', () => {
    const token = generateMcpToken();
    for (let i = MCP_TOKEN_PREFIX.length; i < token.length; i++) {
      const ch = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + ch + token.slice(i + 1);
      expect(isWellFormedMcpToken(tampered)).toBe(false);
    }
  });

  it('rejects wrong prefix, length and alphabet', () => {
    const token = generateMcpToken();
    expect(isWellFormedMcpToken('xyz_' + token.slice(4))).toBe(false);
    expect(isWellFormedMcpToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedMcpToken(token + 'A')).toBe(false);
    expect(isWellFormedMcpToken(token.slice(0, 10) + '.' + token.slice(11))).toBe(false);
    expect(isWellFormedMcpToken('')).toBe(false);
    expect(isWellFormedMcpToken('mcp_' + 'A'.repeat(MCP_TOKEN_LENGTH - 4))).toBe(false);
  });

  it('shows only the last 4 characters', () => {
    expect(tokenLast4('mcp_abcdefgh')).toBe('efgh');
  });

  it('uses the standard CRC-32 (zlib) polynomial', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('base64url', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      expect(base64urlDecode(base64urlEncode(bytes))).toEqual(bytes);
    }
  });
  it('refuses characters outside the alphabet', () => {
    expect(base64urlDecode('ab+/')).toBeNull();
    expect(base64urlDecode('a')).toBeNull();
  });
});
