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
  readBody,
  splitIds,
  timestampQuery,
  visibleOrgs,
  type SandboxContext,
  type SandboxEnv,
} from '../http';
import { pageUntil } from '../pagination';
import { commentJson, conversationJson, draftJson, messageJson, postJson } from '../serialize';
import { config, data } from '../store';
import { applyConversationActions, checkActionCombinations, ConversationActionFields } from './conversation-actions';
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

  // A guest (in `users` of another organization's conversation) sees it only with mailbox flags.
  const guestsToo = ids.length === 0 && contactFilters.length === 0 && !c.req.query('organization');
  const isGuest = (cv: Conversation): boolean =>
    !me(c).organizations.includes(cv.organization) && cv.users.includes(meId);
  const matching = [...d.conversations.values()].filter(
    (cv) =>
      cv.merged_into === null &&
      (orgs.includes(cv.organization) || (guestsToo && isGuest(cv))) &&
      checks.every((check) => check(cv)),
  );
  const pageItems = pageUntil(matching, (cv) => cv.last_activity_at, until, limit, config().variants.oversizePages);
  return c.json({
    conversations: pageItems.map((cv) =>
      isGuest(cv) ? { id: cv.id, last_activity_at: cv.last_activity_at } : conversationJson(cv),
    ),
  });
});

conversationRoutes.get('/conversations/:id', (c) => {
  const conversation = resolveConversation(c, c.req.param('id'));
  return c.json({ conversations: [conversationJson(conversation)] });
});

const ConversationPatch = z.object({ id: z.string().min(1), ...ConversationActionFields });
const ConversationPatchBody = z.object({ conversations: z.array(ConversationPatch).min(1) });

/**
 * Batch update with the conversation actions. Missive's 2025-09 reference has no such endpoint;
 * `conversationPatch: false` in the sandbox config makes it answer 404 as an unknown route would.
 */
conversationRoutes.patch('/conversations/:ids', async (c) => {
  if (!config().variants.conversationPatch) return c.json({ error: 'Not found' }, 404);
  const ids = splitIds(c.req.param('ids'));
  const body = await readBody(c, ConversationPatchBody);
  matchBatch(ids, body.conversations);
  for (const patch of body.conversations) checkActionCombinations(patch);
  const targets = body.conversations.map((patch) => ({ conversation: resolveConversation(c, patch.id), patch }));
  for (const { conversation, patch } of targets) applyConversationActions(c, conversation, patch);
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
    messages: pageUntil(items, (m) => m.delivered_at, until, limit, config().variants.oversizePages).map((m) =>
      messageJson(m, origin),
    ),
  });
});

conversationRoutes.get('/conversations/:id/comments', (c) => {
  const cv = resolveConversation(c, c.req.param('id'));
  const { limit, until } = nestedPage(c);
  const items = [...data().comments.values()].filter((m) => m.conversation === cv.id);
  const origin = new URL(c.req.url).origin;
  return c.json({
    comments: pageUntil(items, (m) => m.created_at, until, limit, config().variants.oversizePages).map((m) =>
      commentJson(m, origin),
    ),
  });
});

conversationRoutes.get('/conversations/:id/drafts', (c) => {
  const cv = resolveConversation(c, c.req.param('id'));
  const { limit, until } = nestedPage(c);
  const items = [...data().drafts.values()].filter((m) => m.conversation === cv.id && !m.deleted);
  const origin = new URL(c.req.url).origin;
  // Drafts carry delivered_at: null, so they are ordered (and `until` compared) by created_at.
  return c.json({ drafts: pageUntil(items, (m) => m.created_at, until, limit).map((m) => draftJson(m, origin)) });
});

conversationRoutes.get('/conversations/:id/posts', (c) => {
  const cv = resolveConversation(c, c.req.param('id'));
  const { limit, until } = nestedPage(c);
  const items = [...data().posts.values()].filter((m) => m.conversation === cv.id && !m.deleted);
  return c.json({
    posts: pageUntil(items, (m) => m.created_at, until, limit, config().variants.oversizePages).map(postJson),
  });
});
