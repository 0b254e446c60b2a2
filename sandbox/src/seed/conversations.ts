/** Seeds the Acme and Globex conversations with their messages, comments, posts and drafts. */
import type { Address, Comment, Draft, Mailbox, Post } from '../types';
import {
  ACME_CONVERSATION_COUNT,
  CEO_EMAIL_MESSAGE_ID,
  GLOBEX_CONVERSATION_COUNT,
  SANDBOX_ACCOUNTS,
  SANDBOX_ATTACHMENTS,
  SANDBOX_CONVERSATIONS,
  SANDBOX_MESSAGES,
  SANDBOX_ORGS,
  SANDBOX_SHARED_LABELS,
  SANDBOX_TEAMS,
  SANDBOX_USERS,
} from './fixtures';
import { SEED_NOW, FIRST_NAMES, LAST_NAMES, ACME_TOPICS, GLOBEX_TOPICS, type SeedBuilder } from './vocabulary';
import { type ConversationPlan, addConversation, type MessagePlan, addMessages } from './conversation-builders';
import { type ContactSeedResult } from './contacts';

export function seedAcmeConversations({ rng, data }: SeedBuilder, companies: ContactSeedResult['companies']): void {
  const org = SANDBOX_ORGS.acme.id;
  const u = SANDBOX_USERS;
  const allUsers = [u.acmeMe.id, u.acmeBob.id, u.acmeCarla.id, u.acmeTina.id];
  const C = SANDBOX_CONVERSATIONS;
  const specialIds = [C.ceoThread, C.l1TechnicalIssue, C.manyMessages, C.withImage, C.withLargeFile];
  const timestamp = (i: number): number => {
    // 0-based 23..26 share one timestamp: the default page of 25 ends inside the tie
    const effective = i >= 23 && i <= 26 ? 23 : i;
    return SEED_NOW - 600 - effective * 5_400;
  };
  const support: Address = { name: 'Acme Support', address: 'support@acme-support.test' };
  const account = SANDBOX_ACCOUNTS.acmeEmail;
  let commentCount = 0;
  for (let i = 0; i < ACME_CONVERSATION_COUNT; i++) {
    const id = specialIds[i] ?? rng.uuid();
    const company = companies[(i % (companies.length - 1)) + 1] ?? companies[0];
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let customer: Address = {
      name: `${first} ${last}`,
      address: `${first
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')}@${company?.domain}`,
    };
    let contactOrganization = company?.groupId ?? null;
    let subject = `${rng.pick(ACME_TOPICS)} (${company?.name})`;
    const labels: string[] = [];
    if (i % 4 === 1) labels.push(SANDBOX_SHARED_LABELS.l1Support.id);
    if (i % 3 === 0) labels.push(SANDBOX_SHARED_LABELS.supportTriage.id);
    if (i % 7 === 2) labels.push(SANDBOX_SHARED_LABELS.billing.id);
    const mailbox: Mailbox =
      i === ACME_CONVERSATION_COUNT - 2
        ? 'trashed'
        : i === ACME_CONVERSATION_COUNT - 1
          ? 'junked'
          : i % 5 === 3
            ? 'closed'
            : 'inbox';
    const team = i % 3 === 0 ? SANDBOX_TEAMS.acmeBackend.id : i % 3 === 1 ? SANDBOX_TEAMS.acmeCustomerSuccess.id : null;
    const assignees = i % 3 === 0 ? [u.acmeMe.id] : i % 3 === 1 ? [u.acmeBob.id] : [];
    if (id === C.ceoThread) {
      subject = 'Contract renewal and last week’s outage';
      customer = { name: 'Dana Whitfield', address: 'ceo@enterprise-client.com' };
      contactOrganization = companies[0]?.groupId ?? null;
    }
    if (id === C.l1TechnicalIssue) {
      subject = 'API gateway returns 504 on checkout since this morning';
    }
    if (id === C.manyMessages) subject = 'Long-running migration to the new billing API';
    if (id === C.withImage) subject = 'Checkout page shows a blank error dialog';
    if (id === C.withLargeFile) subject = 'Full diagnostics bundle for the sync failure';
    const ts = timestamp(i);
    const plan: ConversationPlan = {
      id,
      organization: org,
      subject,
      lastActivity: ts,
      mailbox,
      team,
      labels,
      assignees,
      users: allUsers,
      customer,
      contactOrganization,
      supportAddress: support,
      account,
    };
    addConversation(data, plan, i);

    const messages: MessagePlan[] = [];
    if (id === C.ceoThread) {
      messages.push(
        {
          id: SANDBOX_MESSAGES.ceoLatest,
          deliveredAt: ts,
          inbound: true,
          emailMessageId: CEO_EMAIL_MESSAGE_ID,
          body: 'We need a call this week: our renewal depends on a clear post-mortem of the outage on the 11th. Please send the root cause and the remediation plan before Friday.',
        },
        {
          id: rng.uuid(),
          deliveredAt: ts - 7_200,
          inbound: false,
          body: 'Thank you for your patience. Our engineering team is finishing the incident report.',
        },
        {
          id: rng.uuid(),
          deliveredAt: ts - 20_000,
          inbound: true,
          body: 'Our team could not process orders for three hours. What happened?',
        },
      );
    } else if (id === C.l1TechnicalIssue) {
      messages.push(
        {
          id: SANDBOX_MESSAGES.withTextAttachment,
          deliveredAt: ts,
          inbound: true,
          attachments: [SANDBOX_ATTACHMENTS.textLog.id],
          body: 'Since 14:02 UTC every POST /api/v2/checkout ends with a 504 after 30 seconds. The gateway logs are attached; the errors started right after your maintenance window. Connection pool looks saturated.',
        },
        {
          id: rng.uuid(),
          deliveredAt: ts - 3_600,
          inbound: false,
          body: 'Could you send us the gateway logs from the time of the failures?',
        },
      );
    } else if (id === C.manyMessages) {
      for (let k = 0; k < 28; k++) {
        // 0-based 8..11 share one delivered_at: a limit-10 page ends inside the tie
        const effective = k >= 8 && k <= 11 ? 8 : k;
        messages.push({
          id: rng.uuid(),
          deliveredAt: ts - effective * 900,
          inbound: k % 2 === 0,
          body: `Migration step ${28 - k}: ${k % 2 === 0 ? 'customer update' : 'our answer'} about the billing API cut-over.`,
        });
      }
    } else if (id === C.withImage) {
      messages.push({
        id: SANDBOX_MESSAGES.withPngAttachment,
        deliveredAt: ts,
        inbound: true,
        attachments: [SANDBOX_ATTACHMENTS.png.id, SANDBOX_ATTACHMENTS.pdf.id],
        body: 'Screenshot of the dialog attached, plus last month’s invoice for reference.',
      });
    } else if (id === C.withLargeFile) {
      messages.push({
        id: SANDBOX_MESSAGES.withLargeAttachment,
        deliveredAt: ts,
        inbound: true,
        attachments: [SANDBOX_ATTACHMENTS.large.id],
        body: 'Here is the full diagnostics bundle produced by the sync agent.',
      });
    } else {
      const count = 1 + (i % 3);
      for (let k = 0; k < count; k++) {
        messages.push({
          id: rng.uuid(),
          deliveredAt: ts - k * 2_700,
          inbound: k % 2 === 0,
          body:
            k % 2 === 0
              ? `Hello, ${subject.toLowerCase()}. Could you look into it?`
              : 'Thanks for reaching out, we are looking into it and will get back to you shortly.',
        });
      }
    }
    addMessages(data, plan, messages);

    // internal comments: most conversations have a few; the many-messages one has 12 to page through
    const comments = id === C.manyMessages ? 12 : i % 3;
    for (let k = 0; k < comments; k++) {
      commentCount++;
      const comment: Comment = {
        id: rng.uuid(),
        conversation: id,
        body:
          id === C.l1TechnicalIssue
            ? '@Bob this looks like the pool exhaustion we saw in October, can you check the gateway?'
            : `Internal note ${k + 1}: ${rng.pick(['escalating to backend', 'customer is on the Enterprise plan', 'waiting for logs', 'refund approved'])}`,
        created_at: ts - 300 - k * 600,
        author: allUsers[commentCount % allUsers.length] as string,
        mentions: id === C.l1TechnicalIssue ? [u.acmeBob.id] : [],
        attachment: id === C.withImage && k === 0 ? SANDBOX_ATTACHMENTS.commentPng.id : null,
      };
      data.comments.set(comment.id, comment);
    }
    if (id === C.withImage && comments === 0) {
      const comment: Comment = {
        id: rng.uuid(),
        conversation: id,
        body: 'Annotated the dashboard screenshot.',
        created_at: ts - 300,
        author: u.acmeBob.id,
        mentions: [],
        attachment: SANDBOX_ATTACHMENTS.commentPng.id,
      };
      data.comments.set(comment.id, comment);
    }
    if (i % 4 === 2) {
      const post: Post = {
        id: rng.uuid(),
        conversation: id,
        username: 'Status Bot',
        username_icon: null,
        text: null,
        markdown: `**Order #${10_000 + i}** payment status changed to _${rng.pick(['paid', 'refunded', 'disputed'])}_`,
        notification: { title: 'Order update', body: `Order #${10_000 + i} changed` },
        attachments: [],
        created_at: ts - 120,
        deleted: false,
      };
      data.posts.set(post.id, post);
    }
    if (i % 6 === 0) {
      const draft: Draft = {
        id: rng.uuid(),
        conversation: id,
        subject: `Re: ${subject}`,
        body: '<div>Hi, following up on your request: </div>',
        from_field: support,
        to_fields: [customer],
        cc_fields: [],
        bcc_fields: [],
        attachments: [],
        delivered_at: null,
        created_at: ts - 60,
        send_at: null,
        author: u.acmeMe.id,
        deleted: false,
      };
      data.drafts.set(draft.id, draft);
    }
  }
}

export function seedGlobexConversations({ rng, data }: SeedBuilder): void {
  const org = SANDBOX_ORGS.globex.id;
  const u = SANDBOX_USERS;
  const support: Address = { name: 'Globex Operations', address: 'ops@globex.test' };
  for (let i = 0; i < GLOBEX_CONVERSATION_COUNT; i++) {
    const drawn = i === 0 ? SANDBOX_CONVERSATIONS.globexFirst : rng.uuid();
    // The oldest Globex thread has Acme's Alice as a guest: she sees it with only id and last_activity_at.
    const guest = i === GLOBEX_CONVERSATION_COUNT - 1;
    const id = guest ? SANDBOX_CONVERSATIONS.acmeGuest : drawn;
    const first = rng.pick(FIRST_NAMES);
    const ts = SEED_NOW - 1_000 - i * 6_000;
    const plan: ConversationPlan = {
      id,
      organization: org,
      subject: `${rng.pick(GLOBEX_TOPICS)} #${100 + i}`,
      lastActivity: ts,
      mailbox: i % 4 === 3 ? 'closed' : 'inbox',
      team: i % 2 === 0 ? SANDBOX_TEAMS.globexOps.id : null,
      labels: i % 5 === 0 ? [SANDBOX_SHARED_LABELS.globexVip.id] : [],
      assignees: i % 2 === 0 ? [u.globexMe.id] : [u.globexMarge.id],
      users: guest ? [u.globexMe.id, u.globexMarge.id, u.acmeMe.id] : [u.globexMe.id, u.globexMarge.id],
      customer: { name: first, address: `${first.toLowerCase()}@springfield-nuclear.test` },
      contactOrganization: null,
      supportAddress: support,
      account: SANDBOX_ACCOUNTS.globexEmail,
    };
    addConversation(data, plan, i);
    const messages: MessagePlan[] = [];
    for (let k = 0; k < 1 + (i % 2); k++) {
      messages.push({ id: rng.uuid(), deliveredAt: ts - k * 1_800, inbound: k === 0, body: `Globex thread ${i}.` });
    }
    addMessages(data, plan, messages);
    if (i % 3 === 0) {
      const comment: Comment = {
        id: rng.uuid(),
        conversation: id,
        body: 'Globex internal note.',
        created_at: ts - 200,
        author: u.globexMarge.id,
        mentions: [],
        attachment: null,
      };
      data.comments.set(comment.id, comment);
    }
  }
}
