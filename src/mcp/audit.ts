/**
 * Audit rows for `tools/call` (table `mcp_tool_calls`), handed to the account authority after the
 * answer is ready (`waitUntil`) and written to D1 by it in batches, so D1 never delays a tool result.
 *
 * What the arguments keep and lose (`redactArguments`):
 * - Secret-like keys (token, secret, password, api_key, authorization, credential, cookie,
 *   signature): the value becomes "[redacted]".
 * - Message content (body, text, markdown, html, base64_data, data, content, description,
 *   subject, notes, preview, notification): strings become "[redacted: N chars]", other values
 *   "[redacted]". Subjects and task descriptions are customer content too; the length is kept so
 *   an operator can still see that something was sent.
 * - Everything else (ids, filters, limits, cursors, addresses, titles, flags) stays, because that
 *   is what an operator needs to answer "what did this server do"; strings are still passed
 *   through `redactSecrets` (a token pasted into any field is caught) and cut to 300 characters.
 * - Depth, array length and total size are bounded, so a hostile call cannot bloat the table.
 */
import { redactSecrets } from '../log';
import type { ToolCallOutcome } from '../storage/tool-calls';

const SECRET_KEY = /token|secret|passw(or)?d|api[_-]?key|authori[sz]ation|credential|cookie|signature/i;

const CONTENT_KEYS = new Set([
  'body',
  'text',
  'markdown',
  'html',
  'base64_data',
  'data',
  'content',
  'description',
  'subject',
  'notes',
  'preview',
  'notification',
]);

const MAX_DEPTH = 6;
const MAX_ARRAY_ITEMS = 50;
const MAX_KEYS = 60;
const MAX_STRING = 200;
/** Bound on the stored JSON; above it only the top-level keys are kept. */
export const MAX_AUDIT_ARGUMENTS_CHARS = 2_000;

function redactValue(key: string | null, value: unknown, depth: number, secrets: readonly string[]): unknown {
  if (key !== null) {
    if (SECRET_KEY.test(key)) return '[redacted]';
    if (CONTENT_KEYS.has(key.toLowerCase())) {
      return typeof value === 'string' ? `[redacted: ${value.length} chars]` : '[redacted]';
    }
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const clean = redactSecrets(value, secrets);
    return clean.length > MAX_STRING ? `${clean.slice(0, MAX_STRING)}…` : clean;
  }
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ARRAY_ITEMS).map((item) => redactValue(null, item, depth + 1, secrets));
    if (value.length > MAX_ARRAY_ITEMS) items.push(`[${value.length - MAX_ARRAY_ITEMS} more]`);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries.slice(0, MAX_KEYS)) out[k] = redactValue(k, v, depth + 1, secrets);
    if (entries.length > MAX_KEYS) out['[more keys]'] = entries.length - MAX_KEYS;
    return out;
  }
  return '[unsupported]';
}

/**
 * The arguments of a tool call with secrets and message content removed (see the file comment);
 * `secrets` are exact values to remove too (the account's own Missive token).
 */
export function redactArguments(args: unknown, secrets: readonly string[] = []): unknown {
  return redactValue(null, args, 0, secrets);
}

/** The JSON stored in `arguments_json`, or null when there were no arguments. */
export function auditArgumentsJson(args: unknown, secrets: readonly string[] = []): string | null {
  if (args === undefined || args === null) return null;
  const json = JSON.stringify(redactArguments(args, secrets));
  if (json.length <= MAX_AUDIT_ARGUMENTS_CHARS) return json;
  const keys = args && typeof args === 'object' && !Array.isArray(args) ? Object.keys(args).slice(0, MAX_KEYS) : [];
  return JSON.stringify({ '[truncated]': true, keys });
}

/** The audit outcome of a tool result: its `structuredContent.error.kind` tells a rate limit apart. */
export function outcomeOf(result: { isError?: boolean; structuredContent?: unknown }): ToolCallOutcome {
  if (!result.isError) return 'ok';
  const structured = result.structuredContent;
  const error = structured && typeof structured === 'object' ? (structured as { error?: unknown }).error : undefined;
  if (error && typeof error === 'object' && (error as { kind?: unknown }).kind === 'rate_limited') {
    return 'rate_limited';
  }
  return 'error';
}

/** Tool names as stored: whatever the caller sent, bounded (an unknown name is caller input). */
export function auditToolName(name: string): string {
  const clean = redactSecrets(name);
  return clean.length > 128 ? `${clean.slice(0, 128)}…` : clean;
}
