import { beforeEach, describe, expect, it } from 'vitest';
import {
  SANDBOX_ORGS,
  SANDBOX_SHARED_LABELS,
  SANDBOX_TEAMS,
  SANDBOX_TOKENS,
  SANDBOX_USERS,
} from '../../sandbox/src/seed/fixtures';
import { BASE, api, apiJson, resetSandbox, type Identified } from './helpers';
import { env } from 'cloudflare:workers';

beforeEach(resetSandbox);

describe('auth', () => {
  it('answers 401 with a JSON error without a token or with an unknown one', async () => {
    const missing = await api('/users', { token: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toHaveProperty('error');
    const unknown = await env.MISSIVE_UPSTREAM.fetch(`${BASE}/v1/users`, {
      headers: { Authorization: 'Bearer missive_pat-not-a-real-token' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('content-type')).toContain('application/json');
  });

  it('accepts each seeded token', async () => {
    for (const token of Object.keys(SANDBOX_TOKENS) as (keyof typeof SANDBOX_TOKENS)[]) {
      expect((await api('/organizations', { token })).status).toBe(200);
    }
  });
});

describe('directory', () => {
  it('marks the token owner with me: true and scopes users to its organization', async () => {
    const { users } = await apiJson<{ users: (Identified & { me: boolean })[] }>('/users');
    expect(users.filter((u) => u.me).map((u) => u.id)).toEqual([SANDBOX_USERS.acmeMe.id]);
    expect(users.map((u) => u.id)).not.toContain(SANDBOX_USERS.globexMe.id);
    const globex = await apiJson<{ users: (Identified & { me: boolean })[] }>('/users', { token: 'globex' });
    expect(globex.users.find((u) => u.me)?.id).toBe(SANDBOX_USERS.globexMe.id);
  });

  it('lists organizations, teams and shared labels of the token owner only', async () => {
    const { organizations } = await apiJson<{ organizations: (Identified & { name: string })[] }>('/organizations');
    expect(organizations).toEqual([{ id: SANDBOX_ORGS.acme.id, name: 'Acme Support' }]);
    const { teams } = await apiJson<{ teams: (Identified & { name: string })[] }>('/teams');
    expect(teams.map((t) => t.name).sort()).toEqual(['Backend Engineering', 'Customer Success']);
    expect(teams.find((t) => t.name === 'Backend Engineering')?.id).toBe(SANDBOX_TEAMS.acmeBackend.id);
    const { shared_labels } = await apiJson<{ shared_labels: (Identified & { name: string })[] }>('/shared_labels');
    expect(shared_labels.map((l) => l.id)).toEqual(
      expect.arrayContaining([SANDBOX_SHARED_LABELS.l1Support.id, SANDBOX_SHARED_LABELS.supportTriage.id]),
    );
    expect(shared_labels.map((l) => l.id)).not.toContain(SANDBOX_SHARED_LABELS.globexVip.id);
    expect((await api(`/teams?organization=${SANDBOX_ORGS.globex.id}`)).status).toBe(404);
  });

  it('pages limit/offset lists and refuses limits over 200', async () => {
    const first = await apiJson<{ users: Identified[] }>('/users?limit=2&offset=0');
    const second = await apiJson<{ users: Identified[] }>('/users?limit=2&offset=2');
    expect(first.users).toHaveLength(2);
    expect(second.users).toHaveLength(2);
    expect(new Set([...first.users, ...second.users].map((u) => u.id)).size).toBe(4);
    expect((await api('/users?limit=201')).status).toBe(400);
  });

  it('creates teams and shared labels from plural-key bodies and updates them by comma-joined ids', async () => {
    const created = await apiJson<{ teams: (Identified & { name: string })[] }>(
      '/teams',
      { body: { teams: [{ name: 'Night Shift', organization: SANDBOX_ORGS.acme.id }] } },
      201,
    );
    expect(created.teams[0]?.name).toBe('Night Shift');
    expect((await api('/teams', { body: { team: { name: 'x' } } })).status).toBe(400);
    // a plain member (the tiny token's owner) is not an admin
    const refused = await api('/teams', {
      token: 'tiny',
      body: { teams: [{ name: 'Nope', organization: SANDBOX_ORGS.acme.id }] },
    });
    expect(refused.status).toBe(403);

    const labels = await apiJson<{ shared_labels: Identified[] }>(
      '/shared_labels',
      {
        body: {
          shared_labels: [
            { name: 'Escalated', organization: SANDBOX_ORGS.acme.id },
            { name: 'Refunds', organization: SANDBOX_ORGS.acme.id, color: '#00ff00' },
          ],
        },
      },
      201,
    );
    const ids = labels.shared_labels.map((l) => l.id);
    const updated = await apiJson<{ shared_labels: (Identified & { name: string })[] }>(
      `/shared_labels/${ids.join(',')}`,
      {
        method: 'PATCH',
        body: { shared_labels: ids.map((id, k) => ({ id, name: `Renamed ${k}` })) },
      },
    );
    expect(updated.shared_labels.map((l) => l.name)).toEqual(['Renamed 0', 'Renamed 1']);
    const mismatch = await api(`/shared_labels/${ids.join(',')}`, {
      method: 'PATCH',
      body: { shared_labels: [{ id: ids[0], name: 'only one' }] },
    });
    expect(mismatch.status).toBe(400);
    const unknown = await api('/teams/00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      body: { teams: [{ id: '00000000-0000-4000-8000-000000000000', name: 'x' }] },
    });
    expect(unknown.status).toBe(404);
  });
});
