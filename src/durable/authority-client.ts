/** The stub of an account's AccountAuthority Durable Object (one per account, by name). */
import type { Bindings } from '../env';

const LOCATION_HINTS: readonly string[] = ['wnam', 'enam', 'sam', 'weur', 'eeur', 'apac', 'oc', 'afr', 'me'];

/**
 * ACCOUNT_LOCATION_HINT as a Durable Object location hint, or undefined (no hint) when it is empty
 * or not one of Cloudflare's hint names. A hint only matters when the object is first created: it
 * puts each account's object near Missive's API rather than wherever the admin call that linked
 * the account happened to land.
 */
export function accountLocationHint(
  env: Pick<Bindings, 'ACCOUNT_LOCATION_HINT'>,
): DurableObjectLocationHint | undefined {
  const hint = (env.ACCOUNT_LOCATION_HINT as string | undefined)?.trim();
  return hint && LOCATION_HINTS.includes(hint) ? (hint as DurableObjectLocationHint) : undefined;
}

/** The authority for `accountId`. */
export function authorityFor(env: Bindings, accountId: string) {
  const locationHint = accountLocationHint(env);
  const id = env.ACCOUNT_AUTHORITY.idFromName(accountId);
  return locationHint ? env.ACCOUNT_AUTHORITY.get(id, { locationHint }) : env.ACCOUNT_AUTHORITY.get(id);
}
