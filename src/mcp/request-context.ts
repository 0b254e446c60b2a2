/**
 * Everything one `POST /mcp/:token` needs after its server is known, as one object: the helpers
 * of the data plane take this instead of positional arguments, so a new concern (approvals, a
 * second protocol era) adds a field here rather than a parameter everywhere.
 */
import type { Bindings } from '../env';
import type { Logger } from '../log';
import type { PrepaidPermit } from '../missive/tool-definition';
import type { RefusalKind } from '../storage/refused-calls';
import type { ToolCallRow } from '../storage/tool-calls';
import type { McpAuthorization } from './lookup-server';

/** Work that runs after the answer (`waitUntil`); failures are logged, never thrown. */
export type AfterAnswer = (what: string, promise: Promise<unknown>) => void;

export interface McpRequestContext {
  env: Bindings;
  /** The request's logger, already carrying the server and account ids. */
  log: Logger;
  /** The HTTP request (its body already read by the guards). */
  request: Request;
  requestId: string | null;
  /** The id the client sent for its request, if any (echoed in the audit row). */
  clientRequestId: string | null;
  /** CORS headers for an allowed browser origin (empty otherwise), added to every answer. */
  cors: Record<string, string>;
  /** The live server, the account's sealed record and the governor's answer. */
  auth: McpAuthorization;
  /** The permit taken with the live check for a tools/call, spent by the first Missive request. */
  prepaid: PrepaidPermit | null;
  /** The OAuth client calling an `oauth` server (null otherwise), once authorization.ts has passed it. */
  oauthClientId: string | null;
  /** Audit rows of this request; the after-answer step hands them to the account's authority. */
  audit: ToolCallRow[];
  /** Calls refused before Missive: counted per server in the authority, never stored as rows. */
  refused: RefusalKind[];
  /** Exact values the audit redacts too (the account's Missive token, once the account is opened). */
  accountSecrets: string[];
  afterAnswer: AfterAnswer;
  /** Adds fields to the request's single access log line. */
  noteAccess: (fields: Record<string, unknown>) => void;
  now: () => number;
}
