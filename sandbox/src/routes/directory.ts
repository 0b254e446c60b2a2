/** Users, organizations, teams and shared labels: limit/offset lists and batch writes. */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ApiError,
  intQuery,
  me,
  notFound,
  readBody,
  requireOrg,
  splitIds,
  visibleOrgs,
  type SandboxEnv,
} from '../http';
import { pageOffset } from '../pagination';
import { userJson } from '../serialize';
import { data } from '../store';
import type { SharedLabel, Team } from '../types';

export const directoryRoutes = new Hono<SandboxEnv>();

const MAX_LIST = 200;
const DEFAULT_LIST = 50;

function page<T>(c: Parameters<typeof intQuery>[0], items: T[]): T[] {
  const limit = intQuery(c, 'limit', 1, MAX_LIST, DEFAULT_LIST);
  const offset = intQuery(c, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
  return pageOffset(items, limit, offset);
}

/** Checks that a batch body has exactly one object per id of the path. */
export function matchBatch<T extends { id: string }>(pathIds: string[], items: T[]): void {
  const given = items.map((i) => i.id).sort();
  const wanted = [...pathIds].sort();
  if (given.length !== wanted.length || given.some((id, k) => id !== wanted[k])) {
    throw new ApiError(400, 'Body must hold exactly one object per id of the path');
  }
}

directoryRoutes.get('/users', (c) => {
  const orgs = visibleOrgs(c);
  const users = data().users.filter((u) => u.organizations.some((o) => orgs.includes(o)));
  return c.json({ users: page(c, users).map((u) => userJson(u, c.get('userId'))) });
});

directoryRoutes.get('/organizations', (c) => {
  const mine = me(c).organizations;
  const orgs = data().organizations.filter((o) => mine.includes(o.id));
  return c.json({ organizations: page(c, orgs).map((o) => ({ id: o.id, name: o.name })) });
});

function teamJson(t: Team): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    organization: t.organization,
    active_members: t.active_members,
    observers: t.observers,
  };
}

directoryRoutes.get('/teams', (c) => {
  const orgs = visibleOrgs(c);
  return c.json({
    teams: page(
      c,
      data().teams.filter((t) => orgs.includes(t.organization)),
    ).map(teamJson),
  });
});

const TeamCreate = z.object({
  name: z.string().min(1),
  organization: z.string().min(1),
  active_members: z.array(z.string()).optional(),
  observers: z.array(z.string()).optional(),
});
const TeamCreateBody = z.object({ teams: z.array(TeamCreate).min(1) });
const TeamUpdateBody = z.object({
  teams: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1).optional(),
        active_members: z.array(z.string()).optional(),
        observers: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});

function requireAdmin(c: Parameters<typeof me>[0], org: string): void {
  requireOrg(c, org);
  if (!me(c).adminOf.includes(org)) throw new ApiError(403, 'Only organization admins and owners can do this');
}

directoryRoutes.post('/teams', async (c) => {
  const body = await readBody(c, TeamCreateBody);
  const created = body.teams.map((t) => {
    requireAdmin(c, t.organization);
    const team: Team = {
      id: crypto.randomUUID(),
      name: t.name,
      organization: t.organization,
      active_members: t.active_members ?? [],
      observers: t.observers ?? [],
    };
    return team;
  });
  data().teams.push(...created);
  return c.json({ teams: created.map(teamJson) }, 201);
});

directoryRoutes.patch('/teams/:ids', async (c) => {
  const ids = splitIds(c.req.param('ids'));
  const body = await readBody(c, TeamUpdateBody);
  matchBatch(ids, body.teams);
  const mine = me(c).organizations;
  const teams = body.teams.map((patch) => {
    const team = data().teams.find((t) => t.id === patch.id && mine.includes(t.organization));
    if (!team) throw notFound('Team');
    requireAdmin(c, team.organization);
    return { team, patch };
  });
  for (const { team, patch } of teams) {
    if (patch.name !== undefined) team.name = patch.name;
    if (patch.active_members !== undefined) team.active_members = patch.active_members;
    if (patch.observers !== undefined) team.observers = patch.observers;
  }
  return c.json({ teams: teams.map(({ team }) => teamJson(team)) });
});

function labelJson(l: SharedLabel): Record<string, unknown> {
  return {
    id: l.id,
    name: l.name,
    name_with_parent_names: l.parent
      ? `${data().sharedLabels.find((p) => p.id === l.parent)?.name ?? ''}/${l.name}`
      : l.name,
    color: l.color,
    parent: l.parent,
    organization: l.organization,
    share_with_organization: l.share_with_organization,
    share_with_team: l.share_with_team,
    share_with_users: l.share_with_users,
    visibility: l.visibility,
  };
}

directoryRoutes.get('/shared_labels', (c) => {
  const orgs = visibleOrgs(c);
  const labels = data().sharedLabels.filter((l) => orgs.includes(l.organization));
  return c.json({ shared_labels: page(c, labels).map(labelJson) });
});

const LabelFields = {
  color: z.string().nullable().optional(),
  parent: z.string().nullable().optional(),
  share_with_organization: z.boolean().optional(),
  share_with_team: z.string().nullable().optional(),
  share_with_users: z.array(z.string()).optional(),
  visibility: z.string().optional(),
};
const LabelCreateBody = z.object({
  shared_labels: z.array(z.object({ name: z.string().min(1), organization: z.string().min(1), ...LabelFields })).min(1),
});
const LabelUpdateBody = z.object({
  shared_labels: z
    .array(z.object({ id: z.string().min(1), name: z.string().min(1).optional(), ...LabelFields }))
    .min(1),
});

directoryRoutes.post('/shared_labels', async (c) => {
  const body = await readBody(c, LabelCreateBody);
  const created = body.shared_labels.map((l) => {
    requireOrg(c, l.organization);
    if (l.parent && !data().sharedLabels.some((p) => p.id === l.parent && p.organization === l.organization)) {
      throw new ApiError(400, 'parent must be a shared label of the same organization');
    }
    const label: SharedLabel = {
      id: crypto.randomUUID(),
      name: l.name,
      organization: l.organization,
      color: l.color ?? null,
      parent: l.parent ?? null,
      share_with_organization: l.share_with_organization ?? false,
      share_with_team: l.share_with_team ?? null,
      share_with_users: l.share_with_users ?? [],
      visibility: l.visibility ?? 'organization',
    };
    return label;
  });
  data().sharedLabels.push(...created);
  return c.json({ shared_labels: created.map(labelJson) }, 201);
});

directoryRoutes.patch('/shared_labels/:ids', async (c) => {
  const ids = splitIds(c.req.param('ids'));
  const body = await readBody(c, LabelUpdateBody);
  matchBatch(ids, body.shared_labels);
  const mine = me(c).organizations;
  const found = body.shared_labels.map((patch) => {
    const label = data().sharedLabels.find((l) => l.id === patch.id && mine.includes(l.organization));
    if (!label) throw notFound('Shared label');
    return { label, patch };
  });
  for (const { label, patch } of found) {
    if (patch.name !== undefined) label.name = patch.name;
    if (patch.color !== undefined) label.color = patch.color;
    if (patch.parent !== undefined) label.parent = patch.parent;
    if (patch.share_with_organization !== undefined) label.share_with_organization = patch.share_with_organization;
    if (patch.share_with_team !== undefined) label.share_with_team = patch.share_with_team;
    if (patch.share_with_users !== undefined) label.share_with_users = patch.share_with_users;
    if (patch.visibility !== undefined) label.visibility = patch.visibility;
  }
  return c.json({ shared_labels: found.map(({ label }) => labelJson(label)) });
});
