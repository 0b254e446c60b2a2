/**
 * Named constants of the sandbox seed that gateway tests import: tokens, organization, team,
 * label, conversation, message, contact book and user ids. Plain data only (no runtime
 * imports), so any test or script can import it without pulling the sandbox in.
 */

/** Personal access tokens accepted by the sandbox, by fixture name. The tiny one allows 3 requests per minute. */
export const SANDBOX_TOKENS = {
  acme: 'missive_pat-sandbox-acme-7c1e4b9a2f3d4e5a8b6c0d1e2f3a4b5c',
  globex: 'missive_pat-sandbox-globex-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6',
  tiny: 'missive_pat-sandbox-tiny-9f8e7d6c5b4a43928170f6e5d4c3b2a1',
} as const;

export type SandboxTokenName = keyof typeof SANDBOX_TOKENS;

/** Per-minute budget of the `tiny` token (the other windows stay at the documented defaults). */
export const TINY_TOKEN_PER_MINUTE = 3;

export const SANDBOX_ORGS = {
  acme: { id: '0d9bab85-a74f-4ece-9142-0f9b9f36ff92', name: 'Acme Support' },
  globex: { id: '5f2e8c1a-3b4d-4e6f-8a9b-0c1d2e3f4a5b', name: 'Globex' },
} as const;

export const SANDBOX_USERS = {
  /** Owner of the `acme` token (`me: true` with that token); Acme admin. */
  acmeMe: { id: '1ce8117e-ae42-4304-b953-c81656da4bd1', name: 'Alice Martin', email: 'alice@acme-support.test' },
  acmeBob: { id: '74f91030-39b8-4627-9835-9cfbce9d67c1', name: 'Bob Nguyen', email: 'bob@acme-support.test' },
  acmeCarla: { id: '2b7c9d1e-4f3a-4b5c-9d8e-7f6a5b4c3d2e', name: 'Carla Diaz', email: 'carla@acme-support.test' },
  /** Owner of the `tiny` token: a plain Acme member (not admin). */
  acmeTina: { id: '3c8d0e2f-5a4b-4c6d-8e9f-0a1b2c3d4e5f', name: 'Tina Brooks', email: 'tina@acme-support.test' },
  /** Owner of the `globex` token; Globex admin. */
  globexMe: { id: '4d9e1f3a-6b5c-4d7e-9f0a-1b2c3d4e5f6a', name: 'Hank Scorpio', email: 'hank@globex.test' },
  globexMarge: { id: '5e0f2a4b-7c6d-4e8f-8a1b-2c3d4e5f6a7b', name: 'Marge Simpson', email: 'marge@globex.test' },
} as const;

export const SANDBOX_TEAMS = {
  acmeBackend: { id: '0e24f298-965d-4475-9220-b32636a1e2c3', name: 'Backend Engineering' },
  acmeCustomerSuccess: { id: '6a1b3c5d-8e7f-4a9b-8c2d-3e4f5a6b7c8d', name: 'Customer Success' },
  globexOps: { id: '7b2c4d6e-9f8a-4b0c-9d3e-4f5a6b7c8d9e', name: 'Operations' },
} as const;

export const SANDBOX_SHARED_LABELS = {
  l1Support: { id: 'bca0bb8f-8b2f-45f8-a59a-333de84f0184', name: 'L1 Support' },
  supportTriage: { id: '8c3d5e7f-0a9b-4c1d-8e4f-5a6b7c8d9e0f', name: 'Support Triage' },
  billing: { id: '9d4e6f8a-1b0c-4d2e-9f5a-6b7c8d9e0f1a', name: 'Billing' },
  globexVip: { id: 'ae5f7a9b-2c1d-4e3f-8a6b-7c8d9e0f1a2b', name: 'VIP' },
} as const;

export const SANDBOX_CONVERSATIONS = {
  /** Acme inbox thread from ceo@enterprise-client.com; the newest conversation of Acme. */
  ceoThread: 'c0000001-0000-4000-8000-000000000001',
  /** Newest "L1 Support" conversation: a technical issue whose latest message carries a text log attachment. */
  l1TechnicalIssue: 'c0000001-0000-4000-8000-000000000002',
  /** 28 messages; messages at positions 9-12 (1-based, newest first) share one delivered_at (page boundary of 10). */
  manyMessages: 'c0000001-0000-4000-8000-000000000003',
  /** Carries a PNG screenshot message and a comment with an attachment. */
  withImage: 'c0000001-0000-4000-8000-000000000004',
  /** Carries the large (> 5 MB) attachment. */
  withLargeFile: 'c0000001-0000-4000-8000-000000000005',
  /** A Globex conversation (invisible to the acme token). */
  globexFirst: 'c0000002-0000-4000-8000-000000000001',
  /** The oldest Globex conversation, where Acme's owner is a guest (listed with only id and last_activity_at). */
  acmeGuest: 'c0000002-0000-4000-8000-0000000000ff',
} as const;

/** Acme conversations seeded (plus a few trashed/junked at the very end); Globex has GLOBEX_CONVERSATION_COUNT. */
export const ACME_CONVERSATION_COUNT = 64;
export const GLOBEX_CONVERSATION_COUNT = 62;
/**
 * With `all=true` (newest first), Acme conversations at 1-based positions 24..27 share one
 * last_activity_at, so page 1 (limit 25) ends inside the tie and page 2 (until = that ts) repeats 24 and 25.
 */
export const ACME_BOUNDARY_TIE_POSITIONS = [24, 25, 26, 27] as const;

export const SANDBOX_MESSAGES = {
  /** Latest message of l1TechnicalIssue, with a text/plain log attachment. */
  withTextAttachment: '4d000001-0000-4000-8000-000000000002',
  /** Message of withImage with a small PNG and a PDF. */
  withPngAttachment: '4d000001-0000-4000-8000-000000000004',
  /** Message of withLargeFile with a > 5 MB binary attachment. */
  withLargeAttachment: '4d000001-0000-4000-8000-000000000005',
  /** Latest message from ceo@enterprise-client.com. */
  ceoLatest: '4d000001-0000-4000-8000-000000000001',
} as const;

/** Accounts that POST /messages (custom channel) and drafts send from. */
export const SANDBOX_ACCOUNTS = {
  acmeEmail: 'ac000001-0000-4000-8000-000000000001',
  acmeCustomChannel: 'ac000001-0000-4000-8000-000000000002',
  globexEmail: 'ac000002-0000-4000-8000-000000000001',
} as const;

/** RFC 5322 Message-ID of SANDBOX_MESSAGES.ceoLatest (for GET /messages?email_message_id=). */
export const CEO_EMAIL_MESSAGE_ID = '<ceo-2026-11-18-renewal@enterprise-client.com>';

export const SANDBOX_ATTACHMENTS = {
  textLog: { id: 'a0000001-0000-4000-8000-000000000001', filename: 'api-gateway-errors.log' },
  png: { id: 'a0000001-0000-4000-8000-000000000002', filename: 'checkout-error.png' },
  pdf: { id: 'a0000001-0000-4000-8000-000000000003', filename: 'invoice-2026-10.pdf' },
  large: { id: 'a0000001-0000-4000-8000-000000000004', filename: 'full-diagnostics.bin', size: 5_767_168 },
  commentPng: { id: 'a0000001-0000-4000-8000-000000000005', filename: 'dashboard-annotated.png' },
} as const;

export const SANDBOX_CONTACT_BOOKS = {
  /** 240 contacts (6 of them deleted): more than one page of 200. */
  acmeCustomers: { id: 'b0000001-0000-4000-8000-000000000001', name: 'Acme Customers', contacts: 240 },
  acmePartners: { id: 'b0000001-0000-4000-8000-000000000002', name: 'Acme Partners', contacts: 35 },
  globexClients: { id: 'b0000002-0000-4000-8000-000000000001', name: 'Globex Clients', contacts: 60 },
} as const;

/** A live contact of acmeCustomers with two infos and one membership. */
export const SANDBOX_CONTACT_ID = 'd0000001-0000-4000-8000-000000000001';
/** A deleted contact of acmeCustomers (GET answers 404). */
export const SANDBOX_DELETED_CONTACT_ID = 'd0000001-0000-4000-8000-000000000002';

export const SANDBOX_TASK_ID = 'e0000001-0000-4000-8000-000000000001';
export const SANDBOX_RESPONSE_ID = 'f0000001-0000-4000-8000-000000000001';

/** Defaults of the sandbox configuration (POST /__sandbox/config changes them until reset). */
export const SANDBOX_DEFAULTS = {
  concurrent: 5,
  perMinute: 300,
  perQuarterHour: 900,
  minuteWindowMs: 60_000,
  quarterHourWindowMs: 900_000,
  analyticsReadyAfterMs: 3_000,
  analyticsExpireAfterMs: 60_000,
  latencyMs: 0,
} as const;
