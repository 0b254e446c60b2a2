/**
 * Secret rotation: with the new key current and the old one as "previous", everything the old key
 * produced keeps working (MCP token lookups, stored credentials, API tokens); once the previous
 * key is dropped it stops.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../../src/env';
import { lookupLiveServer } from '../../../src/mcp/lookup-server';
import { verifyApiToken } from '../../../src/security/api-tokens';
import { loadAccountForMcp } from '../../../src/storage/accounts';
import { DEFAULT_MISSIVE_TOKEN, setupServer } from '../../helpers/admin-client';

const NEW_KEY = 'bmV3LWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFi'; // 36 bytes
const NEW_AES_KEY = 'bmV3LWFlcy1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM'; // 32 bytes

const rotated = (extra: Record<string, string>): Bindings => ({ ...env, ...extra }) as Bindings;

describe('key rotation', () => {
  it('TOKEN_HMAC_KEY: lookups fall back to the previous key version', async () => {
    const { server } = await setupServer();
    const during = rotated({
      TOKEN_HMAC_KEY: NEW_KEY,
      TOKEN_HMAC_KEY_VERSION: '2',
      TOKEN_HMAC_PREVIOUS_KEY: env.TOKEN_HMAC_KEY,
      TOKEN_HMAC_PREVIOUS_KEY_VERSION: env.TOKEN_HMAC_KEY_VERSION,
    });
    expect((await lookupLiveServer(during, server.token))?.id).toBe(server.id);
    const after = rotated({ TOKEN_HMAC_KEY: NEW_KEY, TOKEN_HMAC_KEY_VERSION: '2' });
    expect(await lookupLiveServer(after, server.token)).toBeNull();
  });

  it('ENCRYPTION_KEY: stored credentials decrypt with the previous key by their stored version', async () => {
    const { account } = await setupServer();
    const during = rotated({
      ENCRYPTION_KEY: NEW_AES_KEY,
      ENCRYPTION_KEY_VERSION: '2',
      ENCRYPTION_PREVIOUS_KEY: env.ENCRYPTION_KEY,
      ENCRYPTION_PREVIOUS_KEY_VERSION: env.ENCRYPTION_KEY_VERSION,
    });
    expect((await loadAccountForMcp(during, account.id))?.missiveToken).toBe(DEFAULT_MISSIVE_TOKEN);
    const after = rotated({ ENCRYPTION_KEY: NEW_AES_KEY, ENCRYPTION_KEY_VERSION: '2' });
    expect(await loadAccountForMcp(after, account.id)).toBeNull();
  });

  it('JWT_SIGNING_KEY: API tokens signed under the previous kid still verify', async () => {
    const { apiToken, tenant } = await setupServer();
    const during = rotated({
      JWT_SIGNING_KEY: NEW_KEY,
      JWT_SIGNING_KEY_ID: 'k-new',
      JWT_PREVIOUS_SIGNING_KEY: env.JWT_SIGNING_KEY,
      JWT_PREVIOUS_SIGNING_KEY_ID: env.JWT_SIGNING_KEY_ID,
    });
    expect(await verifyApiToken(during, apiToken.token)).toEqual({ tenantId: tenant.id, tokenId: apiToken.id });
    const after = rotated({ JWT_SIGNING_KEY: NEW_KEY, JWT_SIGNING_KEY_ID: 'k-new' });
    expect(await verifyApiToken(after, apiToken.token)).toBeNull();
    expect(await verifyApiToken(env, apiToken.token)).not.toBeNull();
  });
});
