/** The Hono environment of the admin API: the app's bindings and variables plus the caller. */
import type { Context } from 'hono';
import type { Bindings, Variables } from '../env';

/** Who is calling: the operator's root key, or one tenant's API token. */
export type Principal = { kind: 'admin' } | { kind: 'tenant'; tenantId: string; tokenId: string };

export interface AdminEnv {
  Bindings: Bindings;
  Variables: Variables & { principal: Principal };
}

/** An admin route handler (registered from the route table in ./index.ts). */
export type AdminHandler = (c: Context<AdminEnv>) => Promise<Response>;
