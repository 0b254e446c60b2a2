/**
 * The conversation actions that POST /posts, POST /drafts, POST /messages and PATCH /conversations
 * share (missive-api.md "Conversation actions"), with the combinations Missive refuses:
 * `add_to_team_inbox` is a boolean and needs `team`; `force_team` needs `team`; `organization` is
 * required with `team`, `add_users` and `add_assignees`.
 */
import { z } from 'zod';
import { ApiError, nowSeconds, requireOrg, type SandboxContext } from '../http';
import { data } from '../store';
import type { Conversation } from '../types';

const ids = z.array(z.string().min(1)).optional();

/** The action fields; spread into each endpoint's body schema. */
export const ConversationActionFields = {
  close: z.boolean().optional(),
  reopen: z.boolean().optional(),
  add_to_inbox: z.boolean().optional(),
  add_to_team_inbox: z.boolean().optional(),
  team: z.string().min(1).optional(),
  force_team: z.boolean().optional(),
  organization: z.string().min(1).optional(),
  add_users: ids,
  add_assignees: ids,
  remove_assignees: ids,
  add_shared_labels: ids,
  remove_shared_labels: ids,
  conversation_subject: z.string().optional(),
  conversation_color: z.string().optional(),
};

export type ConversationActions = {
  [K in keyof typeof ConversationActionFields]?: z.infer<(typeof ConversationActionFields)[K]>;
};

/** 400 for a combination Missive refuses, before anything is stored. */
export function checkActionCombinations(actions: ConversationActions): void {
  if (actions.add_to_team_inbox === true && !actions.team) {
    throw new ApiError(400, 'add_to_team_inbox requires team');
  }
  if (actions.force_team === true && !actions.team) throw new ApiError(400, 'force_team requires team');
  const needsOrg = actions.team !== undefined || actions.add_users?.length || actions.add_assignees?.length;
  if (needsOrg && !actions.organization) {
    throw new ApiError(400, 'organization is required with team, add_users and add_assignees');
  }
}

/** Checks that every referenced team, user and label exists in the conversation's organization. */
function checkReferences(c: SandboxContext, cv: Conversation, actions: ConversationActions): void {
  const d = data();
  if (actions.organization) {
    requireOrg(c, actions.organization);
    if (actions.organization !== cv.organization)
      throw new ApiError(400, 'organization does not match the conversation');
  }
  if (actions.team && !d.teams.some((t) => t.id === actions.team && t.organization === cv.organization)) {
    throw new ApiError(400, `Unknown team: ${actions.team}`);
  }
  for (const id of [...(actions.add_shared_labels ?? []), ...(actions.remove_shared_labels ?? [])]) {
    if (!d.sharedLabels.some((l) => l.id === id && l.organization === cv.organization)) {
      throw new ApiError(400, `Unknown shared label: ${id}`);
    }
  }
  for (const id of [...(actions.add_users ?? []), ...(actions.add_assignees ?? [])]) {
    if (!d.users.some((u) => u.id === id && u.organizations.includes(cv.organization))) {
      throw new ApiError(400, `Unknown user: ${id}`);
    }
  }
}

/** Validates (400 on the first problem) and then applies the actions to a conversation. */
export function applyConversationActions(c: SandboxContext, cv: Conversation, actions: ConversationActions): void {
  checkActionCombinations(actions);
  checkReferences(c, cv, actions);
  // A team moves a conversation that has none; an existing team changes only with force_team.
  if (actions.team && (cv.team === null || actions.force_team === true || actions.add_to_team_inbox === true)) {
    cv.team = actions.team;
  }
  if (actions.conversation_subject !== undefined) cv.subject = actions.conversation_subject;
  if (actions.conversation_color !== undefined) cv.color = actions.conversation_color;
  const union = (a: string[], b: string[] | undefined): string[] => [...new Set([...a, ...(b ?? [])])];
  cv.assignees = union(cv.assignees, actions.add_assignees).filter((id) => !actions.remove_assignees?.includes(id));
  cv.users = union(cv.users, [...(actions.add_users ?? []), ...(actions.add_assignees ?? [])]);
  cv.shared_labels = union(cv.shared_labels, actions.add_shared_labels).filter(
    (id) => !actions.remove_shared_labels?.includes(id),
  );
  if (actions.reopen || actions.add_to_inbox || actions.add_to_team_inbox) cv.mailbox = 'inbox';
  // Given together, close wins: the reading of `reopen` under which a post keeps a closed thread closed.
  if (actions.close) cv.mailbox = 'closed';
  cv.last_activity_at = Math.max(cv.last_activity_at, nowSeconds());
}
