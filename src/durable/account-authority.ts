/**
 * One Durable Object per integrated account: the authority on which of its MCP servers
 * are live, the expiry alarm, and the account's Missive rate budget.
 * (Filled in by the control-plane work: see issue 2.)
 */
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env';

export class AccountAuthority extends DurableObject<Bindings> {}
