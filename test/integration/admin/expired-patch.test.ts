/**
 * An expired server stays dead even before its expiry alarm has run: D1 and the authority still say
 * `active` for that moment, and neither a PATCH of `expires_at` nor any other change may revive it.
 */
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lookupLiveServer } from '../../../src/mcp/lookup-server';
import { apiFetch, setupServer, type AdminAuth } from '../../helpers/admin-client';

afterEach(() => {
  vi.useRealTimers();
});

describe('an expired server whose alarm has not run yet', () => {
  it('cannot be revived by a PATCH of expires_at (409), and its URL stays refused', async () => {
    const now = Date.now();
    const { server, account, apiToken } = await setupServer({ expires_at: new Date(now + 61_000).toISOString() });
    const auth: AdminAuth = { apiToken: apiToken.token };

    // Past the expiry; the alarm (due in 61 s of real time) has not run.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now + 62_000);
    expect(await lookupLiveServer(env, server.token)).toBeNull();

    const res = await apiFetch(`/integrated-account/${account.id}/mcp/${server.id}`, {
      method: 'PATCH',
      auth,
      body: { expires_at: new Date(now + 3_600_000).toISOString() },
    });
    expect(res.status).toBe(409);
    expect(await lookupLiveServer(env, server.token)).toBeNull();
    const row = await env.DB.prepare('SELECT expires_at FROM mcp_servers WHERE id = ?')
      .bind(server.id)
      .first<{ expires_at: string }>();
    expect(Date.parse(row!.expires_at)).toBe(Date.parse(server.expires_at!));

    // The authority refuses the change on its own too (a PATCH that read D1 just before the expiry).
    const stub = env.ACCOUNT_AUTHORITY.get(env.ACCOUNT_AUTHORITY.idFromName(account.id));
    const later = new Date(now + 3_600_000).toISOString();
    expect(await runInDurableObject(stub, (i) => i.updateServer(server.id, { expiresAt: later }, now + 62_000))).toBe(
      false,
    );
    expect(await lookupLiveServer(env, server.token)).toBeNull();
  });
});
