/**
 * Conversations: the filtered list (mailbox filter required, until cursor), get with merge
 * redirection, batch update, merge, and the per-conversation messages/comments/drafts/posts lists.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ApiError,
  flagQuery,
  intQuery,
  me,
  notFound,
  nowSeconds,
  readBody,
  requireOrg,
  splitIds,
  timestampQuery,
  visibleOrgs,
  type SandboxContext,
  type SandboxEnv,
} from '../http';
import { pageUntil } from '../pagination';
import { commentJson, conversationJson, draftJson, messageJson, postJson } from '../serialize';
import { data } from '../store';
import type { Conversation } from '../types';
import { matchBatch } from './directory';

export const conversationRoutes = new Hono<SandboxEnv>();

const BOOLEAN_MAILBOXES = ['inbox', 'all', 'assigned', 'closed', 'snoozed', 'flagged', 'trashed', 'junked', 'drafts'];
const ID_MAILBOXES = ['shared_label', 'team_inbox', 'team_closed', 'team_all'];

/** The visible conversation an id designates, following merges to the surviving conversation; else 404. */
export function resolveConversation(c: SandboxContext, id: string): Conversation {
  const mine = me(c).organizations;
  let conversation = data().conversations.get(id);
  for (let hops = 0; conversation?.merged_into && hops < 20; hops++) {
    conversation = data().conversations.get(conversation.merged_into);
  }
  if (!conversation || !mine.includes(conversation.organization)) throw notFound('Conversation');
  return conversation;
}

function addresses(conversationId: string): string[] {
  const out: string[] = [];
  for (const m of data().messages.values()) {
    if (m.conversation !== conversationId) continue;
    for (const a of [m.from_field, ...m.to_fields, ...m.cc_fields]) if (a.address) out.push(a.address.toLowerCase());
  }
  return out;
}

conversationRoutes.get('/conversations', (c) => {
  const q = (name: string): string | undefined => {
    const v = c.req.query(name);
    return v === undefined || v === '' ? undefined : v;
  };
  const booleans = BOOLEAN_MAILBOXES.filter((name) => flagQuery(c, name));
  const ids = ID_MAILBOXES.filter((name) => q(name) !== undefined);
  if (booleans.length + ids.length === 0) {
    throw new ApiError(
      400,
      `At least one mailbox filter is required: one of ${[...BOOLEAN_MAILBOXES, ...ID_MAILBOXES].join(', ')}`,
    );
  }
  const contactFilters = ['email', 'domain', 'contact_organization'].filter((name) => q(name) !== undefined);
  if (contactFilters.length > 1) {
    throw new ApiError(400, 'email, domain and contact_organization are mutually exclusive: pass at most one');
  }
  const limit = intQuery(c, 'limit', 1, 50, 25);
  const until = timestampQuery(c, 'until');
  const orgs = visibleOrgs(c);
  const meId = c.get('userId');
  const d = data();
  const hasDrafts = new Set([...d.drafts.values()].filter((x) => !x.deleted).map((x) => x.conversation));
  const live = (cv: Conversation): boolean => cv.mailbox !== 'trashed' && cv.mailbox !== 'junked';
  const checks: ((cv: Conversation) => boolean)[] = booleans.map((name) => {
    switch (name) {
      case 'inbox':
        return (cv) => cv.mailbox === 'inbox' && !cv.snoozed;
      case 'all':
        return live;
      case 'assigned':
        return (cv) => live(cv) && cv.assignees.includes(meId);
      case 'closed':
        return (cv) => cv.mailbox === 'closed';
      case 'snoozed':
        return (cv) => cv.snoozed;
      case 'flagged':
        return (cv) => cv.flagged;
      case 'trashed':
        return (cv) => cv.mailbox === 'trashed';
      case 'junked':
        return (cv) => cv.mailbox === 'junked';
      default:
        return (cv) => hasDrafts.has(cv.id);
    }
  });
  const label = q('shared_label');
  if (label) checks.push((cv) => cv.shared_labels.includes(label));
  const teamInbox = q('team_inbox');
  if (teamInbox) checks.push((cv) => cv.team === teamInbox && cv.mailbox === 'inbox');
  const teamClosed = q('team_closed');
  if (teamClosed) checks.push((cv) => cv.team === teamClosed && cv.mailbox === 'closed');
  const teamAll = q('team_all');
  if (teamAll) checks.push((cv) => cv.team === teamAll && live(cv));
  const email = q('email')?.toLowerCase();
  if (email) checks.push((cv) => addresses(cv.id).includes(email));
  const domain = q('domain')?.toLowerCase().replace(/^@/, '');
  if (domain) checks.push((cv) => addresses(cv.id).some((a) => a.endsWith(`@${domain}`)));
  const contactOrg = q('contact_organization');
  if (contactOrg) checks.push((cv) => cv.contact_organization === contactOrg);

  const matching = [...d.conversations.values()].filter(
    (cv) => cv.merged_into === null && orgs.includes(cv.organization) && checks.every((check) => check(cv)),
  );
  const pageItems = pageUntil(matching, (cv) => cv.last_activity_at, until, limit);
  return c.json({ conversations: pageItems.map(conversationJson) });
});

conversationRoutes.get('/conversations/:id', (c) => {
  const conversation = resolveConversation(c, c.req.param('id'));
  return c.json({ conversations: [conversationJson(conversation)] });
});

const ConversationPatch = z.object({
  id: z.string().min(1),
  subject: z.string().optional(),
  color: z.string().nullable().optional(),
  close: z.boolean().optional(),
  reopen: z.boolean().optional(),
  add_to_inbox: z.boolean().optional(),
  add_to_team_inbox: z.string().optional(),
  add_assignees: z.array(z.string()).optional(),
  remove_assignees: z.array(z.string()).optional(),
  add_shared_labels: z.array(z.string()).optional(),
  remove_shared_labels: z.array(z.string()).optional(),
  add_users: z.array(z.string()).optional(),
  organization: z.string().optional(),
});
const ConversationPatchBody = z.object({ conversations: z.array(ConversationPatch).min(1) });

conversationRoutes.patch('/conversations/:ids', async (c) => {
  const ids = splitIds(c.req.param('ids'));
  const body = await readBody(c, ConversationPatchBody);
  matchBatch(ids, body.conversations);
  const d = data();
  const targets = body.conversations.map((patch) => {
    const conversation = resolveConversation(c, patch.id);
    const needsOrg =
      patch.add_to_team_inbox !== undefined ||
      patch.add_assignees !== undefined ||
      patch.add_shared_labels !== undefined ||
      patch.add_users !== undefined;
    if (needsOrg && !patch.organization) {
      throw new ApiError(
        400,
        'organization is required with add_to_team_inbox, add_assignees, add_shared_labels and add_users',
      );
    }
    if (patch.organization) {
      requireOrg(c, patch.organization);
      if (patch.organization !== conversation.organization) {
        throw new ApiError(400, 'organization does not match the conversation');
      }
    }
    for (const labelId of patch.add_shared_labels ?? []) {
      if (!d.sharedLabels.some((l) => l.id === labelId && l.organization === conversation.organization)) {
        throw new ApiError(400, `Unknown shared label: ${labelId}`);
      }
    }
    for (const userId of [...(patch.add_assignees ?? []), ...(patch.add_users ?? [])]) {
      if (!d.users.some((u) => u.id === userId && u.organizations.includes(conversation.organization))) {
        throw new ApiError(400, `Unknown user: ${userId}`);
      }
    }
    if (patch.add_to_team_inbox && !d.teams.some((t) => t.id === patch.add_to_team_inbox)) {
      throw new ApiError(400, `Unknown team: ${patch.add_to_team_inbox}`);
    }
    return { conversation, patch };
  });
  const now = nowSeconds();
  for (const { conversation: cv, patch } of targets) {
    if (patch.subject !== undefined) cv.subject = patch.subject;
    if (patch.color !== undefined) cv.color = patch.color;
    if (patch.close) cv.mailbox = 'closed';
    if (patch.reopen || patch.add_to_inbox) cv.mailbox = 'inbox';
    if (patch.add_to_team_inbox) {
      cv.team = patch.add_to_team_inbox;
      cv.mailbox = 'inbox';
    }
    const union = (a: string[], b: string[] | undefined): string[] => [...new Set([...a, ...(b ?? [])])];
    cv.assignees = union(cv.assignees, patch.add_assignees).filter((id) => !patch.remove_assignees?.includes(id));
    cv.shared_labels = union(cv.shared_labels, patch.add_shared_labels).filter(
      (id) => !patch.remove_shared_labels?.includes(id),
    );
    cv.users = union(cv.users, [...(patch.add_users ?? []), ...(patch.add_assignees ?? [])]);
    cv.last_activity_at = Math.max(cv.last_activity_at, now);
  }
  return c.json({ conversations: targets.map(({ conversation }) => conversationJson(conversation)) });
});

const MergeBody = z.object({ target: z.string().min(1), subject: z.string().optional() });

conversationRoutes.post('/conversations/:id/merge', async (c) => {
  const body = await readBody(c, MergeBody);
  const source = resolveConversation(c, c.req.param('id'));
  const target = resolveConversation(c, body.target);
  if (source.id === target.id) throw new ApiError(400, 'Cannot merge a conversation into itself');
  if (source.organization !== target.organization) {
    throw new ApiError(400, 'Both conversations must belong to the same organization');
  }
  const d = data();
  for (const store of [d.messages, d.comments, d.posts, d.drafts]) {
    for (const item of store.values()) if (item.conversation === source.id) item.conversation = target.id;
  }
  for (const task of d.tasks.values()) if (task.conversation === source.id) task.conversation = target.id;
  for (const cv of d.conversations.values()) if (cv.merged_into === source.id) cv.merged_into = target.id;
  target.assignees = [...new Set([...target.assignees, ...source.assignees])];
  target.users = [...new Set([...target.users, ...source.users])];
  target.shared_labels = [...new Set([...target.shared_labels, ...source.shared_labels])];
  target.last_activity_at = Math.max(target.last_activity_at, source.last_activity_at);
  if (body.subject !== undefined) target.subject = body.subject;
  source.merged_into = target.id;
  return c.json({ conversations: [conversationJson(target)] });
});

/** Limit and until of the per-conversation lists (at most 10 per page). */
function nestedPage(c: SandboxContext): { limit: number; until: number | undefined } {
  return { limit: intQuery(c, 'limit', 1, 10, 10), until: timestampQuery(c, 'until') };
}

conversationRoutes.get('/conversations/:id/messages', (c) => {
  const cv = resolveConversation(c, c.req.param('id'));
  const { limit, until } = nestedPage(c);
  const items = [...data().messages.values()].filter((m) => m.conversation === cv.id);
  const origin = new URL(c.req.url).origin;
  return c.json({
    messages: pageUntil(items, (m) => m.delivered_at, until, limit).map((m) => messageJson(m, origin)),
  });
});

conversationRoutes.get('/conversations/:id/comments', (c) => {
  const cv = resolveConversation(c, c.req.param('id'));
  const { limit, until } = nestedPage(c);
  const items = [...data().comments.values()].filter((m) => m.conversation === cv.id);
  const origin = new URL(c.req.url).origin;
  return c.json({
    comments: pageUntil(items, (m) => m.created_at, until, limit).map((m) => commentJson(m, origin)),
  });
});

conversationRoutes.get('/conversations/:id/drafts', (c) => {
  const cv = resolveConversation(c, c.req.param('id'));
  const { limit, until } = nestedPage(c);
  const items = [...data().drafts.values()].filter((m) => m.conversation === cv.id && !m.deleted);
  const origin = new URL(c.req.url).origin;
  return c.json({ drafts: pageUntil(items, (m) => m.delivered_at, until, limit).map((m) => draftJson(m, origin)) });
});

conversationRoutes.get('/conversations/:id/posts', (c) => {
  const cv = resolveConversation(c, c.req.param('id'));
  const { limit, until } = nestedPage(c);
  const items = [...data().posts.values()].filter((m) => m.conversation === cv.id && !m.deleted);
  return c.json({ posts: pageUntil(items, (m) => m.created_at, until, limit).map(postJson) });
});
