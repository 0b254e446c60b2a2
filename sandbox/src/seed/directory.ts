/** Seeds the attachments' bytes and the directory: organizations, users, tokens, teams, shared labels. */
import type { Attachment, SandboxData } from '../types';
import {
  SANDBOX_ATTACHMENTS,
  SANDBOX_ORGS,
  SANDBOX_SHARED_LABELS,
  SANDBOX_TEAMS,
  SANDBOX_TOKENS,
  SANDBOX_USERS,
} from './fixtures';
import { fileSize } from './files';

function addAttachment(data: SandboxData, attachment: Omit<Attachment, 'size'>): string {
  data.attachments.set(attachment.id, { ...attachment, size: fileSize(attachment.source) });
  return attachment.id;
}

export function seedAttachments(data: SandboxData): void {
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

export function seedDirectory(data: SandboxData): void {
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
