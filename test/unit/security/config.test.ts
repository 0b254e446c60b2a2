import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config';
import { GatewayError } from '../../../src/errors';
import { TEST_SECRETS } from '../../helpers/test-secrets';

const failure = (raw: Record<string, string>): GatewayError => {
  try {
    parseConfig(raw);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected parseConfig to throw');
};

describe('config parsing', () => {
  it('parses the test secrets', () => {
    const cfg = parseConfig(TEST_SECRETS);
    expect(cfg.jwt.current.kid).toBe('test-k1');
    expect(cfg.encryption.current.key.length).toBe(32);
    expect(cfg.tokenHmac.current.version).toBe(1);
    expect(cfg.jwt.previous).toBeNull();
  });

  it('names a missing or weak variable without its value', () => {
    const { ADMIN_API_KEY: _omit, ...rest } = TEST_SECRETS;
    const missing = failure(rest);
    expect(missing.status).toBe(500);
    expect(missing.internal).toContain('ADMIN_API_KEY');
    expect(missing.message).toBe('Internal error');

    const short = failure({ ...TEST_SECRETS, TOKEN_HMAC_KEY: 'c2hvcnQta2V5' });
    expect(short.internal).toContain('TOKEN_HMAC_KEY');
    expect(short.internal).not.toContain('c2hvcnQta2V5');

    expect(failure({ ...TEST_SECRETS, ENCRYPTION_KEY_VERSION: 'one' }).internal).toContain('ENCRYPTION_KEY_VERSION');
    expect(failure({ ...TEST_SECRETS, ADMIN_API_KEY: 'short' }).internal).toContain('ADMIN_API_KEY');
  });

  it('accepts previous keys only in pairs and distinct from the current ones', () => {
    const withPrev = parseConfig({
      ...TEST_SECRETS,
      JWT_PREVIOUS_SIGNING_KEY: TEST_SECRETS.TOKEN_HMAC_KEY,
      JWT_PREVIOUS_SIGNING_KEY_ID: 'old',
    });
    expect(withPrev.jwt.previous?.kid).toBe('old');
    expect(failure({ ...TEST_SECRETS, JWT_PREVIOUS_SIGNING_KEY_ID: 'old' }).internal).toContain('must be set together');
    expect(
      failure({
        ...TEST_SECRETS,
        TOKEN_HMAC_PREVIOUS_KEY: TEST_SECRETS.JWT_SIGNING_KEY,
        TOKEN_HMAC_PREVIOUS_KEY_VERSION: '1',
      }).internal,
    ).toContain('must differ');
  });

  it('treats empty optional values as unset', () => {
    expect(
      parseConfig({ ...TEST_SECRETS, JWT_PREVIOUS_SIGNING_KEY: '', JWT_PREVIOUS_SIGNING_KEY_ID: '' }).jwt.previous,
    ).toBeNull();
  });
});
