import { describe, expect, it } from 'vitest';
import { isNonPublicClientIdUrl } from '../../../src/oauth/cimd-guard';

describe('isNonPublicClientIdUrl', () => {
  it('flags literal non-public hosts and leaves public ones (and non-URL client ids) alone', () => {
    for (const url of [
      'https://10.1.2.3/c.json',
      'https://172.20.0.1/c.json',
      'https://192.168.1.1/c.json',
      'https://127.0.0.1:8443/c.json',
      'https://169.254.169.254/c.json',
      'https://100.64.0.1/c.json',
      'https://0.0.0.0/c.json',
      'https://[::1]/c.json',
      'https://[fd00::1]/c.json',
      'https://[::ffff:10.0.0.1]/c.json',
      'https://localhost/c.json',
      'https://app.localhost/c.json',
    ]) {
      expect(isNonPublicClientIdUrl(url), url).toBe(true);
    }
    for (const id of ['https://claude.ai/oauth/mcp-oauth-client-metadata', 'https://8.8.8.8/c.json', 'a1b2c3', '']) {
      expect(isNonPublicClientIdUrl(id), id).toBe(false);
    }
  });
});
