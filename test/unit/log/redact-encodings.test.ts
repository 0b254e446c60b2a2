/** Redaction catches a credential however it is written, and leaves ids readable. */
import { describe, expect, it } from 'vitest';
import { missiveTokenForms, redactSecrets, registerSecret } from '../../../src/log';
import { redactArguments } from '../../../src/mcp/audit';
import { generateMcpToken } from '../../../src/security/mcp-token';
import { parseConfig } from '../../../src/config';
import { TEST_SECRETS } from '../../helpers/test-secrets';

describe('redaction of every encoding of a credential', () => {
  it('catches an MCP token in any case, percent-encoded, and its random part alone', () => {
    // A token whose random part mixes cases and digits (the high-entropy check needs all three).
    let token = generateMcpToken();
    while (!/[A-Z]/.test(token.slice(4)) || !/[a-z]/.test(token.slice(4)) || !/[0-9]/.test(token.slice(4)))
      token = generateMcpToken();
    const random = token.slice(4);
    for (const form of [
      token,
      `MCP_${random}`,
      `Mcp_${random}`,
      `mcp%5F${random}`,
      `mcp%5f${random.replace(/-/g, '%2D')}`,
      `%6D%63%70%5F${random}`,
      random,
      encodeURIComponent(`https://gw.example/mcp/${token}`),
    ]) {
      const out = redactSecrets(`see ${form} here`);
      expect(out, form).not.toContain(random.slice(0, 20));
      expect(out).toContain('[redacted]');
    }
  });

  it("catches a Missive token with or without its prefix when it is the account's own", () => {
    const own = 'missive_pat-Zq7xV2mB9kL4pR8sT1wY6cN3';
    const bare = own.slice('missive_pat-'.length);
    expect(redactSecrets(`a ${own} b`)).toBe('a [redacted] b');
    expect(redactSecrets(`a ${bare} b`, missiveTokenForms(own))).toBe('a [redacted] b');
    const lowHex = 'missive_pat-sandbox-acme-7c1e4b9a2f3d4e5a8b6c0d1e2f3a4b5c';
    const args = redactArguments({ filter: lowHex.slice(12) }, missiveTokenForms(lowHex));
    expect(args).toEqual({ filter: '[redacted]' });
  });

  it('catches the admin key once the config is parsed, whatever its shape', () => {
    parseConfig(TEST_SECRETS);
    registerSecret(TEST_SECRETS.ADMIN_API_KEY);
    expect(redactSecrets(`key=${TEST_SECRETS.ADMIN_API_KEY}`)).toBe('key=[redacted]');
  });

  it('catches high-entropy strings but keeps UUIDs, hex ids and words', () => {
    expect(redactSecrets('sk=Ab3dE5gH7jK9mN1pQ3sT5vX7zB9dF1hJ')).toBe('sk=[redacted]');
    for (const keep of [
      '0d9bab85-a74f-4ece-9142-0f9b9f36ff92',
      'srv_3b1f0c9d2a7e4b6c8d0e1f2a3b4c5d6e',
      'list_all_missive_conversation_messages_and_more',
    ]) {
      expect(redactSecrets(keep)).toBe(keep);
    }
  });
});

describe('ADMIN_API_KEY shape', () => {
  it('refuses a key that does not look random', () => {
    for (const weak of ['a'.repeat(40), 'passwordpasswordpasswordpassword', 'correct horse battery staple 1234']) {
      expect(() => parseConfig({ ...TEST_SECRETS, ADMIN_API_KEY: weak }), weak).toThrow();
    }
    expect(() => parseConfig({ ...TEST_SECRETS, ADMIN_API_KEY: 'Zq7xV2mB9kL4pR8sT1wY6cN3aF5hJ0dG' })).not.toThrow();
  });
});
