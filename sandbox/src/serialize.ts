/** Turns internal records into Missive's JSON shapes (REST endpoints page of the Missive docs). */
import { data } from './store';
import type { Attachment, Comment, Conversation, Draft, Message, Post, Task, User } from './types';

function userRef(id: string): { id: string; name: string; email: string } {
  const user = data().users.find((u) => u.id === id);
  return { id, name: user?.name ?? 'Unknown', email: user?.email ?? '' };
}

/** Attachment object with a download URL on the sandbox's own origin. */
export function attachmentJson(attachment: Attachment, origin: string): Record<string, unknown> {
  return {
    id: attachment.id,
    filename: attachment.filename,
    extension: attachment.extension,
    url: `${origin}/files/${attachment.id}/${encodeURIComponent(attachment.filename)}`,
    media_type: attachment.media_type,
    sub_type: attachment.sub_type,
    size: attachment.size,
    ...(attachment.width !== undefined ? { width: attachment.width, height: attachment.height } : {}),
  };
}

function attachmentsJson(ids: string[], origin: string): Record<string, unknown>[] {
  return ids.flatMap((id) => {
    const a = data().attachments.get(id);
    return a ? [attachmentJson(a, origin)] : [];
  });
}

/** Conversation object as GET /conversations lists it. */
export function conversationJson(conversation: Conversation): Record<string, unknown> {
  const d = data();
  const org = d.organizations.find((o) => o.id === conversation.organization);
  const messages = [...d.messages.values()].filter((m) => m.conversation === conversation.id);
  const latest = messages.sort((a, b) => b.delivered_at - a.delivered_at)[0];
  const drafts = [...d.drafts.values()].filter((x) => x.conversation === conversation.id && !x.deleted);
  const tasks = [...d.tasks.values()].filter((t) => t.conversation === conversation.id);
  const team = conversation.team ? d.teams.find((t) => t.id === conversation.team) : undefined;
  const labels = conversation.shared_labels.flatMap((id) => {
    const label = d.sharedLabels.find((l) => l.id === id);
    return label ? [{ id: label.id, name: label.name }] : [];
  });
  const userState = (id: string): Record<string, unknown> => ({
    ...userRef(id),
    unassigned: !conversation.assignees.includes(id),
    closed: conversation.mailbox === 'closed',
    archived: conversation.mailbox === 'closed',
    trashed: conversation.mailbox === 'trashed',
    junked: conversation.mailbox === 'junked',
    deleted: false,
    flagged: conversation.flagged,
    snoozed: conversation.snoozed,
  });
  const authors = new Map<string, { name: string | null; address: string }>();
  for (const m of messages) {
    if (m.from_field.address)
      authors.set(m.from_field.address, { name: m.from_field.name ?? null, address: m.from_field.address });
  }
  const assignees = conversation.assignees.map(userRef);
  return {
    id: conversation.id,
    created_at: conversation.created_at,
    subject: conversation.subject,
    latest_message_subject: latest?.subject ?? conversation.subject,
    organization: org ? { id: org.id, name: org.name } : null,
    color: conversation.color,
    assignees: conversation.assignees.map(userState),
    users: conversation.users.map(userState),
    attachments_count: messages.reduce((n, m) => n + m.attachments.length, 0),
    messages_count: messages.length,
    authors: [...authors.values()],
    drafts_count: drafts.length,
    send_later_messages_count: drafts.filter((x) => x.send_at !== null).length,
    tasks_count: tasks.length,
    completed_tasks_count: tasks.filter((t) => t.state === 'closed').length,
    web_url: `https://mail.missiveapp.com/#inbox/conversations/${conversation.id}`,
    app_url: `missive://mail.missiveapp.com/#inbox/conversations/${conversation.id}`,
    assignee_names: assignees.map((a) => a.name).join(', '),
    assignee_emails: assignees.map((a) => a.email).join(', '),
    shared_label_names: labels.map((l) => l.name).join(', '),
    last_activity_at: conversation.last_activity_at,
    team: team ? { id: team.id, name: team.name, organization: team.organization } : null,
    shared_labels: labels,
  };
}

/** Message object (list and get). */
export function messageJson(message: Message, origin: string): Record<string, unknown> {
  return {
    id: message.id,
    subject: message.subject,
    preview: message.preview,
    type: message.type,
    delivered_at: message.delivered_at,
    updated_at: message.updated_at,
    created_at: message.created_at,
    email_message_id: message.email_message_id,
    in_reply_to: message.in_reply_to,
    references: message.references,
    body: message.body,
    from_field: message.from_field,
    to_fields: message.to_fields,
    cc_fields: message.cc_fields,
    bcc_fields: message.bcc_fields,
    reply_to_fields: message.reply_to_fields,
    attachments: attachmentsJson(message.attachments, origin),
    author: null,
    conversation: { id: message.conversation },
  };
}

/** A mention as Missive documents it: the user id and where `@Name` sits in the body. */
function mentionJson(body: string, id: string): { id: string; index: number; length: number } {
  const name = data().users.find((u) => u.id === id)?.name ?? '';
  const at = name ? body.indexOf(`@${name.split(' ')[0]}`) : -1;
  return { id, index: Math.max(at, 0), length: at >= 0 ? name.split(' ')[0]!.length + 1 : 0 };
}

/** Comment object; Missive gives a comment at most one `attachment`. */
export function commentJson(comment: Comment, origin: string): Record<string, unknown> {
  const author = data().users.find((u) => u.id === comment.author);
  const attachment = comment.attachment ? data().attachments.get(comment.attachment) : undefined;
  return {
    id: comment.id,
    body: comment.body,
    created_at: comment.created_at,
    mentions: comment.mentions.map((id) => mentionJson(comment.body, id)),
    author: author ? { id: author.id, name: author.name, email: author.email, avatar_url: author.avatar_url } : null,
    attachment: attachment ? attachmentJson(attachment, origin) : null,
    task: null,
  };
}

/** Post object. */
export function postJson(post: Post): Record<string, unknown> {
  return {
    id: post.id,
    conversation: post.conversation,
    username: post.username,
    username_icon: post.username_icon,
    text: post.text,
    markdown: post.markdown,
    notification: post.notification,
    attachments: post.attachments,
    created_at: post.created_at,
  };
}

/** Draft object (same shape as a message, plus scheduling). */
export function draftJson(draft: Draft, origin: string): Record<string, unknown> {
  return {
    id: draft.id,
    subject: draft.subject,
    preview: draft.body.replace(/<[^>]+>/g, '').slice(0, 80),
    type: 'email',
    delivered_at: draft.delivered_at,
    created_at: draft.created_at,
    updated_at: draft.created_at,
    body: draft.body,
    from_field: draft.from_field,
    to_fields: draft.to_fields,
    cc_fields: draft.cc_fields,
    bcc_fields: draft.bcc_fields,
    attachments: attachmentsJson(draft.attachments, origin),
    send_at: draft.send_at,
    author: userRef(draft.author),
    conversation: draft.conversation,
  };
}

/** Task object. */
export function taskJson(task: Task): Record<string, unknown> {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    state: task.state,
    type: task.type,
    organization: task.organization,
    team: task.team,
    assignees: task.assignees,
    conversation: task.conversation,
    parent_conversation: task.parent_conversation,
    due_at: task.due_at,
    created_at: task.created_at,
    last_activity_at: task.last_activity_at,
  };
}

/** A single task (GET /tasks/:id): assignees as user objects, team as an object. */
export function taskDetailJson(task: Task): Record<string, unknown> {
  const team = task.team ? data().teams.find((t) => t.id === task.team) : undefined;
  return {
    ...taskJson(task),
    assignees: task.assignees.map(userRef),
    team: team ? { id: team.id, name: team.name, organization: team.organization } : task.team && { id: task.team },
  };
}

/** User object, with `me` for the token owner. */
export function userJson(user: User, meId: string): Record<string, unknown> {
  return { id: user.id, me: user.id === meId, name: user.name, email: user.email, avatar_url: user.avatar_url };
}
