/**
 * What the authorization endpoint needs from the dashboard: who is signed in (a dashboard session of
 * a tenant may approve for that tenant's servers) and the consent pages, in the dashboard's frame.
 * The entry wires the dashboard's implementation in (`createOAuthApp(ui)`), so the two faces stay
 * independent. Pages are complete HTML documents; every client-supplied string must be escaped.
 */
import type { ConsentDescription } from '@cloudflare/workers-oauth-provider';
import type { Context } from 'hono';
import type { ConsentServer } from '../control/oauth-consent-server';
import type { AppEnv } from '../env';

export interface ConsentApprover {
  tenantId: string;
  apiTokenId: string;
}

export interface ConsentUi {
  approver(c: Context<AppEnv>): Promise<ConsentApprover | null>;
  /** First step, no session visible yet (a cross-site navigation): a same-site form brings it. */
  continuePage(client: ConsentDescription, handle: string, action: string): string;
  /** The posting browser has no dashboard session of the server's tenant. */
  signInFirstPage(handle: string, action: string): string;
  /** Allow or Deny, with the client, the server, its account and its tools. */
  consentPage(client: ConsentDescription, server: ConsentServer, handle: string): string;
  errorPage(message: string): string;
}
