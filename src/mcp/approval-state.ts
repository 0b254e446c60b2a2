/**
 * The signed approval state: what a human is asked to approve, bound to the server, the tool and
 * the canonical arguments, with a short expiry and a single-use nonce. The same sealed string is
 * the 2026-07-28 `requestState` and the confirmation token of clients that cannot elicit.
 * Sealed with the SDK's HMAC codec under a key derived from the gateway's own token HMAC key, so
 * no new secret is needed and nothing the client holds reveals the server or the arguments.
 */
import { createRequestStateCodec, type RequestStateCodec } from '@modelcontextprotocol/server';
import { getConfig } from '../config';
import type { Bindings } from '../env';
import { toHex } from '../security/encoding';
import { hmacTokenHex } from '../security/hmac';

/** How long a human has to answer. */
export const APPROVAL_TTL_SECONDS = 300;

export interface ApprovalClaim {
  /** Server id. */
  s: string;
  /** Tool name. */
  t: string;
  /** SHA-256 (hex) of the canonical arguments. */
  a: string;
  /** Single-use nonce, consumed in the account's authority when the approval is used. */
  n: string;
}

const codecs = new Map<string, RequestStateCodec<ApprovalClaim>>();

/** The approval key: derived from the current token HMAC key, never stored or shown. */
export function approvalKey(env: Bindings): Promise<string> {
  return hmacTokenHex(getConfig(env).tokenHmac.current, 'mcp-approval-state');
}

/** The codec for the current token HMAC key (a key rotation invalidates open approvals, at most a few minutes' worth). */
export async function approvalCodec(env: Bindings): Promise<RequestStateCodec<ApprovalClaim>> {
  const { current } = getConfig(env).tokenHmac;
  const cacheKey = `v${current.version}`;
  let codec = codecs.get(cacheKey);
  if (!codec) {
    const key = await approvalKey(env);
    codec = createRequestStateCodec<ApprovalClaim>({ key, ttlSeconds: APPROVAL_TTL_SECONDS });
    codecs.clear();
    codecs.set(cacheKey, codec);
  }
  return codec;
}

/** JSON with object keys sorted at every level, so equal arguments always give equal bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function argumentsDigest(args: unknown): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(args))));
}

/** A new claim for this call. */
export async function claimFor(serverId: string, tool: string, args: unknown): Promise<ApprovalClaim> {
  const nonce = new Uint8Array(16);
  crypto.getRandomValues(nonce);
  return { s: serverId, t: tool, a: await argumentsDigest(args), n: toHex(nonce.buffer) };
}

/** True when a verified claim was minted for exactly this server, tool and arguments. */
export async function claimMatches(
  claim: ApprovalClaim,
  serverId: string,
  tool: string,
  args: unknown,
): Promise<boolean> {
  return claim.s === serverId && claim.t === tool && claim.a === (await argumentsDigest(args));
}
