/** The stub of an account's AccountAuthority Durable Object (one per account, by name). */
import type { Bindings } from '../env';

/** The authority for `accountId`. */
export function authorityFor(env: Bindings, accountId: string) {
  return env.ACCOUNT_AUTHORITY.get(env.ACCOUNT_AUTHORITY.idFromName(accountId));
}
