/** ACCOUNT_LOCATION_HINT becomes a Durable Object location hint only when it is one of Cloudflare's names. */
import { describe, expect, it } from 'vitest';
import { accountLocationHint } from '../../../src/durable/authority-client';

describe('accountLocationHint', () => {
  it('accepts the documented hints and ignores anything else', () => {
    expect(accountLocationHint({ ACCOUNT_LOCATION_HINT: 'enam' } as never)).toBe('enam');
    expect(accountLocationHint({ ACCOUNT_LOCATION_HINT: ' weur ' } as never)).toBe('weur');
    for (const value of ['', 'us-east-1', 'ENAM', undefined]) {
      expect(accountLocationHint({ ACCOUNT_LOCATION_HINT: value } as never)).toBeUndefined();
    }
  });
});
