/** The sandbox's internal records. Routes turn them into Missive's response shapes. */

/** A from/to field: email `{name?, address}`, SMS/WhatsApp `{phone_number}`, custom channel `{id, username?, name?}`. */
export interface Address {
  name?: string | null;
  address?: string;
  phone_number?: string;
  id?: string;
  username?: string;
  type?: string;
}

export interface Organization {
  id: string;
  name: string;
}

export interface User {
  id: string;
  name: string;
  email: string;
  avatar_url: string;
  organizations: string[];
  /** Organizations where this user is admin or owner. */
  adminOf: string[];
}

export interface Team {
  id: string;
  name: string;
  organization: string;
  active_members: string[];
  observers: string[];
}

export interface SharedLabel {
  id: string;
  name: string;
  organization: string;
  color: string | null;
  parent: string | null;
  share_with_organization: boolean;
  share_with_team: string | null;
  share_with_users: string[];
  visibility: string;
}

export type Mailbox = 'inbox' | 'closed' | 'trashed' | 'junked';

export interface Conversation {
  id: string;
  subject: string;
  organization: string;
  team: string | null;
  color: string | null;
  assignees: string[];
  users: string[];
  shared_labels: string[];
  created_at: number;
  last_activity_at: number;
  mailbox: Mailbox;
  flagged: boolean;
  snoozed: boolean;
  /** Company of the external contact, for the contact_organization filter. */
  contact_organization: string | null;
  /** Set once merged: reads of this id answer the surviving conversation. */
  merged_into: string | null;
}

/** Byte source of a downloadable file. */
export type FileSource =
  | { kind: 'text-log' }
  | { kind: 'png' }
  | { kind: 'pdf' }
  | { kind: 'large'; size: number }
  | { kind: 'bytes'; data: Uint8Array };

export interface Attachment {
  id: string;
  filename: string;
  extension: string;
  media_type: string;
  sub_type: string;
  content_type: string;
  size: number;
  width?: number;
  height?: number;
  source: FileSource;
}

export interface Message {
  id: string;
  conversation: string;
  subject: string;
  preview: string;
  body: string;
  type: string;
  account: string | null;
  delivered_at: number;
  created_at: number;
  updated_at: number;
  email_message_id: string;
  in_reply_to: string[];
  references: string[];
  from_field: Address;
  to_fields: Address[];
  cc_fields: Address[];
  bcc_fields: Address[];
  reply_to_fields: Address[];
  attachments: string[];
}

export interface Comment {
  id: string;
  conversation: string;
  body: string;
  created_at: number;
  author: string;
  mentions: string[];
  attachment: string | null;
}

export interface Post {
  id: string;
  conversation: string;
  username: string | null;
  username_icon: string | null;
  text: string | null;
  markdown: string | null;
  notification: { title: string; body: string };
  attachments: unknown[];
  created_at: number;
  deleted: boolean;
}

export interface Draft {
  id: string;
  conversation: string;
  subject: string;
  body: string;
  from_field: Address | null;
  to_fields: Address[];
  cc_fields: Address[];
  bcc_fields: Address[];
  attachments: string[];
  /** Always null: Missive documents drafts with `delivered_at: null`. */
  delivered_at: null;
  created_at: number;
  send_at: number | null;
  author: string;
  deleted: boolean;
}

export type TaskState = 'todo' | 'in_progress' | 'closed';

export interface Task {
  id: string;
  title: string;
  description: string | null;
  state: TaskState;
  type: 'task' | 'conversation';
  organization: string;
  team: string | null;
  assignees: string[];
  conversation: string | null;
  parent_conversation: string | null;
  due_at: number | null;
  created_at: number;
  last_activity_at: number;
}

export interface ContactInfo {
  kind: string;
  label?: string;
  value?: string;
  [key: string]: unknown;
}

export interface ContactMembership {
  group: { id: string; kind: string; name: string };
  title?: string;
  location?: string;
  department?: string;
  description?: string;
}

export interface Contact {
  id: string;
  contact_book: string;
  first_name: string;
  last_name: string;
  middle_name: string | null;
  nickname: string | null;
  gender: string | null;
  notes: string | null;
  starred: boolean;
  infos: ContactInfo[];
  memberships: ContactMembership[];
  modified_at: number;
  deleted: boolean;
}

export interface ContactBook {
  id: string;
  name: string;
  description: string | null;
  organization: string;
  user: string;
  share_with_organization: boolean;
}

export interface ContactGroup {
  id: string;
  name: string;
  kind: 'group' | 'organization';
  contact_book: string;
}

export interface CannedResponse {
  id: string;
  title: string | null;
  body: string;
  subject: string | null;
  organization: string | null;
  user: string | null;
  attachments: { id: string; filename: string; size: number }[];
  created_at: number;
  modified_at: number;
}

export interface Hook {
  id: string;
  type: string;
  url: string;
  /** null: a personal subscription of `user`. */
  organization: string | null;
  user: string;
  filters: Record<string, unknown>;
}

export interface Report {
  id: string;
  organization: string;
  start: number;
  end: number;
  time_zone: string | null;
  createdAtMs: number;
}

/** Everything the sandbox serves; the seed builds a fresh one. */
export interface SandboxData {
  organizations: Organization[];
  users: User[];
  teams: Team[];
  sharedLabels: SharedLabel[];
  conversations: Map<string, Conversation>;
  messages: Map<string, Message>;
  comments: Map<string, Comment>;
  posts: Map<string, Post>;
  drafts: Map<string, Draft>;
  tasks: Map<string, Task>;
  contactBooks: ContactBook[];
  contactGroups: ContactGroup[];
  contacts: Map<string, Contact>;
  responses: Map<string, CannedResponse>;
  attachments: Map<string, Attachment>;
  hooks: Map<string, Hook>;
  reports: Map<string, Report>;
  /** Token value → user id. */
  tokens: Map<string, string>;
}
