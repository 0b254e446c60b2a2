/**
 * Builds the sandbox's seed: two organizations with users, teams, labels, conversations (messages,
 * comments, posts, drafts), tasks, contacts and canned responses. Deterministic: a seeded PRNG and
 * fixed timestamps, never the clock, so every start serves the same data.
 */
import type {
  Address,
  Attachment,
  CannedResponse,
  Comment,
  Contact,
  ContactBook,
  ContactGroup,
  Conversation,
  Draft,
  Mailbox,
  Message,
  Post,
  SandboxData,
  Task,
} from '../types';
import {
  ACME_CONVERSATION_COUNT,
  CEO_EMAIL_MESSAGE_ID,
  GLOBEX_CONVERSATION_COUNT,
  SANDBOX_ACCOUNTS,
  SANDBOX_ATTACHMENTS,
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONTACT_ID,
  SANDBOX_CONVERSATIONS,
  SANDBOX_DELETED_CONTACT_ID,
  SANDBOX_MESSAGES,
  SANDBOX_ORGS,
  SANDBOX_RESPONSE_ID,
  SANDBOX_SHARED_LABELS,
  SANDBOX_TASK_ID,
  SANDBOX_TEAMS,
  SANDBOX_TOKENS,
  SANDBOX_USERS,
} from './fixtures';
import { fileSize } from './files';
import { createRng, type Rng } from './prng';

/** The seed's "now": 2026-11-18T19:33:20Z. Every seeded timestamp is at or before it. */
export const SEED_NOW = 1_795_030_400;

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Ethan',
  'Sophia',
  'Mason',
  'Isabella',
  'Lucas',
  'Mia',
  'Amir',
  'Chloe',
  'Mateo',
  'Zoe',
  'Hiro',
  'Priya',
  'Jonas',
  'Lena',
  'Diego',
  'Fatima',
  'Kenji',
  'Sara',
  'Tomás',
];
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Garcia',
  'Müller',
  'Rossi',
  'Dubois',
  'Tanaka',
  'Kowalski',
  'Silva',
  'Okafor',
  'Larsen',
  'Novak',
  'Haddad',
  'Kim',
  'Patel',
  'Fischer',
  'Moreau',
  'Costa',
  'Andersson',
  'Lopez',
];
const ACME_COMPANIES = [
  { name: 'Initech', domain: 'initech.test' },
  { name: 'Umbrella Corp', domain: 'umbrella.test' },
  { name: 'Stark Industries', domain: 'stark.test' },
  { name: 'Wayne Enterprises', domain: 'wayne.test' },
];
const ACME_TOPICS = [
  'Cannot log in after password reset',
  'Invoice shows the wrong VAT number',
  'Webhook deliveries delayed by several minutes',
  'Feature request: export tickets to CSV',
  'SSO configuration with Okta fails',
  'Question about the Enterprise plan limits',
  'API returns 502 on large uploads',
  'Refund for duplicate charge',
  'Mobile app crashes on Android 15',
  'How do I add a teammate?',
  'Data retention policy question',
  'Slow dashboard loading times',
  'Email notifications going to spam',
  'Custom domain verification pending',
];
const GLOBEX_TOPICS = [
  'Reactor maintenance schedule',
  'Supplier onboarding documents',
  'Quarterly logistics review',
  'Badge access for new contractors',
  'Cafeteria vendor contract',
  'Hammock procurement request',
];

interface SeedBuilder {
  rng: Rng;
  data: SandboxData;
}

function addAttachment(data: SandboxData, attachment: Omit<Attachment, 'size'>): string {
  data.attachments.set(attachment.id, { ...attachment, size: fileSize(attachment.source) });
  return attachment.id;
}

function seedAttachments(data: SandboxData): void {
  addAttachment(data, {
    id: SANDBOX_ATTACHMENTS.textLog.id,
    filename: SANDBOX_ATTACHMENTS.textLog.filename,
    extension: 'log',
    media_type: 'text',
    sub_type: 'plain',
    content_type: 'text/plain; charset=utf-8',
    source: { kind: 'text-log' },
  });
  addAttachment(data, {
    id: SANDBOX_ATTACHMENTS.png.id,
    filename: SANDBOX_ATTACHMENTS.png.filename,
    extension: 'png',
    media_type: 'image',
    sub_type: 'png',
    content_type: 'image/png',
    width: 1,
    height: 1,
    source: { kind: 'png' },
  });
  addAttachment(data, {
    id: SANDBOX_ATTACHMENTS.pdf.id,
    filename: SANDBOX_ATTACHMENTS.pdf.filename,
    extension: 'pdf',
    media_type: 'application',
    sub_type: 'pdf',
    content_type: 'application/pdf',
    source: { kind: 'pdf' },
  });
  addAttachment(data, {
    id: SANDBOX_ATTACHMENTS.large.id,
    filename: SANDBOX_ATTACHMENTS.large.filename,
    extension: 'bin',
    media_type: 'application',
    sub_type: 'octet-stream',
    content_type: 'application/octet-stream',
    source: { kind: 'large', size: SANDBOX_ATTACHMENTS.large.size },
  });
  addAttachment(data, {
    id: SANDBOX_ATTACHMENTS.commentPng.id,
    filename: SANDBOX_ATTACHMENTS.commentPng.filename,
    extension: 'png',
    media_type: 'image',
    sub_type: 'png',
    content_type: 'image/png',
    width: 1,
    height: 1,
    source: { kind: 'png' },
  });
}

function seedDirectory(data: SandboxData): void {
  const { acme, globex } = SANDBOX_ORGS;
  data.organizations.push({ ...acme }, { ...globex });
  const u = SANDBOX_USERS;
  const avatar = (id: string): string => `https://avatars.sandbox.test/${id}.png`;
  for (const user of [u.acmeMe, u.acmeBob, u.acmeCarla, u.acmeTina]) {
    data.users.push({
      ...user,
      avatar_url: avatar(user.id),
      organizations: [acme.id],
      adminOf: user.id === u.acmeMe.id ? [acme.id] : [],
    });
  }
  for (const user of [u.globexMe, u.globexMarge]) {
    data.users.push({
      ...user,
      avatar_url: avatar(user.id),
      organizations: [globex.id],
      adminOf: user.id === u.globexMe.id ? [globex.id] : [],
    });
  }
  const t = SANDBOX_TEAMS;
  data.teams.push(
    {
      ...t.acmeBackend,
      organization: acme.id,
      active_members: [u.acmeMe.id, u.acmeBob.id],
      observers: [u.acmeCarla.id],
    },
    {
      ...t.acmeCustomerSuccess,
      organization: acme.id,
      active_members: [u.acmeCarla.id, u.acmeTina.id],
      observers: [u.acmeMe.id],
    },
    { ...t.globexOps, organization: globex.id, active_members: [u.globexMe.id, u.globexMarge.id], observers: [] },
  );
  const l = SANDBOX_SHARED_LABELS;
  const label = (
    def: { id: string; name: string },
    organization: string,
    color: string,
  ): SandboxData['sharedLabels'][number] => ({
    ...def,
    organization,
    color,
    parent: null,
    share_with_organization: true,
    share_with_team: null,
    share_with_users: [],
    visibility: 'organization',
  });
  data.sharedLabels.push(
    label(l.l1Support, acme.id, '#e5534b'),
    label(l.supportTriage, acme.id, '#f0b429'),
    label(l.billing, acme.id, '#2f81f7'),
    label(l.globexVip, globex.id, '#8957e5'),
  );
  data.tokens.set(SANDBOX_TOKENS.acme, u.acmeMe.id);
  data.tokens.set(SANDBOX_TOKENS.globex, u.globexMe.id);
  data.tokens.set(SANDBOX_TOKENS.tiny, u.acmeTina.id);
}

interface ContactSeedResult {
  /** Organization-kind groups of the main book, with their email domain. */
  companies: { groupId: string; name: string; domain: string }[];
}

function seedContacts({ rng, data }: SeedBuilder): ContactSeedResult {
  const b = SANDBOX_CONTACT_BOOKS;
  const books: ContactBook[] = [
    {
      id: b.acmeCustomers.id,
      name: b.acmeCustomers.name,
      description: 'Every customer contact of Acme Support',
      organization: SANDBOX_ORGS.acme.id,
      user: SANDBOX_USERS.acmeMe.id,
      share_with_organization: true,
    },
    {
      id: b.acmePartners.id,
      name: b.acmePartners.name,
      description: 'Resellers and integration partners',
      organization: SANDBOX_ORGS.acme.id,
      user: SANDBOX_USERS.acmeMe.id,
      share_with_organization: true,
    },
    {
      id: b.globexClients.id,
      name: b.globexClients.name,
      description: null,
      organization: SANDBOX_ORGS.globex.id,
      user: SANDBOX_USERS.globexMe.id,
      share_with_organization: true,
    },
  ];
  data.contactBooks.push(...books);

  const group = (contact_book: string, kind: ContactGroup['kind'], name: string): ContactGroup => {
    const g: ContactGroup = { id: rng.uuid(), name, kind, contact_book };
    data.contactGroups.push(g);
    return g;
  };
  const enterprise = group(b.acmeCustomers.id, 'organization', 'Enterprise Client Inc');
  const companies = [{ groupId: enterprise.id, name: enterprise.name, domain: 'enterprise-client.com' }];
  for (const c of ACME_COMPANIES) {
    companies.push({ groupId: group(b.acmeCustomers.id, 'organization', c.name).id, name: c.name, domain: c.domain });
  }
  const vip = group(b.acmeCustomers.id, 'group', 'VIP');
  const newsletter = group(b.acmeCustomers.id, 'group', 'Newsletter');
  group(b.acmeCustomers.id, 'group', 'Beta testers');
  const resellers = group(b.acmePartners.id, 'group', 'Resellers');
  const soylent = group(b.acmePartners.id, 'organization', 'Soylent Partners');
  const keyAccounts = group(b.globexClients.id, 'group', 'Key accounts');
  const nuclear = group(b.globexClients.id, 'organization', 'Springfield Nuclear');

  const addContacts = (
    book: { id: string; contacts: number },
    pickMemberships: (k: number) => Contact['memberships'],
    domainFor: (k: number) => string,
    fixedIds: string[],
    deletedIndexes: Set<number>,
  ): void => {
    for (let k = 0; k < book.contacts; k++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const ascii = (s: string): string =>
        s
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase();
      const contact: Contact = {
        id: fixedIds[k] ?? rng.uuid(),
        contact_book: book.id,
        first_name: first,
        last_name: last,
        middle_name: null,
        nickname: null,
        gender: null,
        notes: k % 9 === 0 ? 'Prefers email over phone.' : null,
        starred: k % 11 === 0,
        infos: [
          { kind: 'email', label: 'work', value: `${ascii(first)}.${ascii(last)}${k}@${domainFor(k)}` },
          { kind: 'phone_number', label: 'mobile', value: `+1555${String(1_000_000 + k * 7919).slice(-7)}` },
        ],
        memberships: pickMemberships(k),
        modified_at: SEED_NOW - 86_400 - k * 3_000,
        deleted: deletedIndexes.has(k),
      };
      data.contacts.set(contact.id, contact);
    }
  };
  const membership = (g: ContactGroup, title?: string): Contact['memberships'][number] => ({
    group: { id: g.id, kind: g.kind, name: g.name },
    ...(title ? { title } : {}),
  });
  addContacts(
    b.acmeCustomers,
    (k) => {
      const company = companies[k % companies.length];
      const org = data.contactGroups.find((g) => g.id === company?.groupId);
      const out = org ? [membership(org, k % 4 === 0 ? 'CTO' : 'Operations Manager')] : [];
      if (k % 10 === 0) out.push(membership(vip));
      if (k % 3 === 1) out.push(membership(newsletter));
      return out;
    },
    (k) => companies[k % companies.length]?.domain ?? 'example.test',
    [SANDBOX_CONTACT_ID, SANDBOX_DELETED_CONTACT_ID],
    new Set([1, 37, 88, 121, 170, 219]),
  );
  addContacts(
    b.acmePartners,
    (k) => (k % 2 === 0 ? [membership(resellers), membership(soylent, 'Partner Manager')] : [membership(resellers)]),
    () => 'soylent-partners.test',
    [],
    new Set(),
  );
  addContacts(
    b.globexClients,
    (k) => (k % 5 === 0 ? [membership(keyAccounts), membership(nuclear)] : [membership(nuclear)]),
    () => 'springfield-nuclear.test',
    [],
    new Set([7]),
  );
  return { companies };
}

interface ConversationPlan {
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

function addConversation(data: SandboxData, plan: ConversationPlan, index: number): Conversation {
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

interface MessagePlan {
  id: string;
  deliveredAt: number;
  inbound: boolean;
  body: string;
  attachments?: string[];
  emailMessageId?: string;
}

function addMessages(data: SandboxData, plan: ConversationPlan, messages: MessagePlan[]): void {
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

function seedAcmeConversations({ rng, data }: SeedBuilder, companies: ContactSeedResult['companies']): void {
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

function seedGlobexConversations({ rng, data }: SeedBuilder): void {
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

function seedTasks({ rng, data }: SeedBuilder): void {
  const u = SANDBOX_USERS;
  const states: Task['state'][] = ['todo', 'in_progress', 'closed'];
  const acmeConversations = [...data.conversations.values()].filter((c) => c.organization === SANDBOX_ORGS.acme.id);
  for (let k = 0; k < 40; k++) {
    const conversationTask = k % 3 === 2;
    const task: Task = {
      id: k === 0 ? SANDBOX_TASK_ID : rng.uuid(),
      title:
        k === 0
          ? 'Write the post-mortem for the checkout outage'
          : `${rng.pick(['Follow up', 'Review', 'Call back', 'Prepare quote for'])} ${rng.pick(FIRST_NAMES)}`,
      description: k % 2 === 0 ? 'Details in the linked conversation.' : null,
      state: states[k % 3] as Task['state'],
      type: conversationTask ? 'conversation' : 'task',
      organization: SANDBOX_ORGS.acme.id,
      team: k % 2 === 0 ? SANDBOX_TEAMS.acmeBackend.id : SANDBOX_TEAMS.acmeCustomerSuccess.id,
      assignees: k % 4 === 0 ? [u.acmeMe.id] : [u.acmeBob.id],
      conversation: conversationTask ? (acmeConversations[k]?.id ?? null) : null,
      parent_conversation: null,
      due_at: SEED_NOW + 86_400 * ((k % 10) - 3),
      created_at: SEED_NOW - 86_400 * 3 - k * 7_200,
      last_activity_at: SEED_NOW - 900 - k * 7_200,
    };
    data.tasks.set(task.id, task);
  }
  for (let k = 0; k < 12; k++) {
    const task: Task = {
      id: rng.uuid(),
      title: `Globex task ${k + 1}`,
      description: null,
      state: states[k % 3] as Task['state'],
      type: 'task',
      organization: SANDBOX_ORGS.globex.id,
      team: SANDBOX_TEAMS.globexOps.id,
      assignees: [u.globexMe.id],
      conversation: null,
      parent_conversation: null,
      due_at: null,
      created_at: SEED_NOW - 86_400 - k * 3_600,
      last_activity_at: SEED_NOW - 1_200 - k * 3_600,
    };
    data.tasks.set(task.id, task);
  }
}

function seedResponses({ rng, data }: SeedBuilder): void {
  const titles = [
    'Thanks for reaching out',
    'Password reset steps',
    'Refund confirmation',
    'Escalated to engineering',
    'Outage acknowledgement',
    'Invoice copy',
    'Feature request logged',
    'Closing the ticket',
  ];
  const add = (r: Omit<CannedResponse, 'created_at' | 'modified_at'>, k: number): void => {
    data.responses.set(r.id, {
      ...r,
      created_at: SEED_NOW - 86_400 * 30 + k * 3_600,
      modified_at: SEED_NOW - k * 3_600,
    });
  };
  titles.forEach((title, k) =>
    add(
      {
        id: k === 0 ? SANDBOX_RESPONSE_ID : rng.uuid(),
        title,
        subject: k % 2 === 0 ? title : null,
        body: `<p>Hello {{contact.first_name}},</p><p>${title}.</p><p>— Acme Support</p>`,
        organization: SANDBOX_ORGS.acme.id,
        user: null,
        attachments: [],
      },
      k,
    ),
  );
  for (let k = 0; k < 2; k++) {
    add(
      {
        id: rng.uuid(),
        title: `Alice personal snippet ${k + 1}`,
        subject: null,
        body: '<p>Talk soon, Alice</p>',
        organization: null,
        user: SANDBOX_USERS.acmeMe.id,
        attachments: [],
      },
      10 + k,
    );
  }
  for (let k = 0; k < 3; k++) {
    add(
      {
        id: rng.uuid(),
        title: `Globex reply ${k + 1}`,
        subject: null,
        body: '<p>Globex Operations</p>',
        organization: SANDBOX_ORGS.globex.id,
        user: null,
        attachments: [],
      },
      20 + k,
    );
  }
}

/** Builds a fresh copy of the seed (same content on every call). */
export function buildSeed(): SandboxData {
  const data: SandboxData = {
    organizations: [],
    users: [],
    teams: [],
    sharedLabels: [],
    conversations: new Map(),
    messages: new Map(),
    comments: new Map(),
    posts: new Map(),
    drafts: new Map(),
    tasks: new Map(),
    contactBooks: [],
    contactGroups: [],
    contacts: new Map(),
    responses: new Map(),
    attachments: new Map(),
    hooks: new Map(),
    reports: new Map(),
    tokens: new Map(),
  };
  const builder: SeedBuilder = { rng: createRng(20_261_118), data };
  seedAttachments(data);
  seedDirectory(data);
  const { companies } = seedContacts(builder);
  seedAcmeConversations(builder, companies);
  seedGlobexConversations(builder);
  seedTasks(builder);
  seedResponses(builder);
  return data;
}
