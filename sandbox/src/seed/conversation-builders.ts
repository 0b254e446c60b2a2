/** Adds one planned conversation and its messages to the seed. */
import type { Address, Conversation, Mailbox, Message, SandboxData } from '../types';

export interface ConversationPlan {
  id: string;
  organization: string;
  subject: string;
  lastActivity: number;
  mailbox: Mailbox;
  team: string | null;
  labels: string[];
  assignees: string[];
  users: string[];
  customer: Address;
  contactOrganization: string | null;
  supportAddress: Address;
  account: string;
}

export function addConversation(data: SandboxData, plan: ConversationPlan, index: number): Conversation {
  const conversation: Conversation = {
    id: plan.id,
    subject: plan.subject,
    organization: plan.organization,
    team: plan.team,
    color: index % 8 === 0 ? '#e5534b' : null,
    assignees: plan.assignees,
    users: plan.users,
    shared_labels: plan.labels,
    created_at: plan.lastActivity - 86_400 * 2,
    last_activity_at: plan.lastActivity,
    mailbox: plan.mailbox,
    flagged: index % 9 === 4,
    snoozed: index % 13 === 6,
    contact_organization: plan.contactOrganization,
    merged_into: null,
  };
  data.conversations.set(conversation.id, conversation);
  return conversation;
}

export interface MessagePlan {
  id: string;
  deliveredAt: number;
  inbound: boolean;
  body: string;
  attachments?: string[];
  emailMessageId?: string;
}

export function addMessages(data: SandboxData, plan: ConversationPlan, messages: MessagePlan[]): void {
  // messages are given newest first; each one references the older ones (a real email thread)
  const ordered = [...messages].reverse();
  const seen: string[] = [];
  for (const m of ordered) {
    const emailMessageId = m.emailMessageId ?? `<${m.id}@mail.sandbox.test>`;
    const message: Message = {
      id: m.id,
      conversation: plan.id,
      subject: seen.length === 0 ? plan.subject : `Re: ${plan.subject}`,
      preview: m.body.slice(0, 80),
      body: `<div>${m.body}</div>`,
      type: 'email',
      account: plan.account,
      delivered_at: m.deliveredAt,
      created_at: m.deliveredAt,
      updated_at: m.deliveredAt,
      email_message_id: emailMessageId,
      in_reply_to: seen.length ? [seen[seen.length - 1] as string] : [],
      references: [...seen],
      from_field: m.inbound ? plan.customer : plan.supportAddress,
      to_fields: [m.inbound ? plan.supportAddress : plan.customer],
      cc_fields: [],
      bcc_fields: [],
      reply_to_fields: [],
      attachments: m.attachments ?? [],
    };
    seen.push(emailMessageId);
    data.messages.set(message.id, message);
  }
}
