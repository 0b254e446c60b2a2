/**
 * Structured JSON-line logging. Every line carries the request id so an operator can
 * follow one request across the gateway, the Durable Object and the upstream call.
 * Callers pass facts (ids, statuses, durations), never secrets: tokens, keys and message
 * bodies must not reach a log line. `redactSecrets` is a last line of defence for strings
 * that could embed one (e.g. an upstream error body).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/**
 * Token-like substrings that must never be printed whole: MCP tokens in any case and with the
 * prefix or body percent-encoded, Missive PATs, Bearer values. Every pattern here must stay linear:
 * callers pass text a client controls (tool names, arguments).
 */
const SECRET_PATTERNS: RegExp[] = [
  /(?:m|%6d)(?:c|%63)(?:p|%70)(?:_|%5f)(?:[A-Za-z0-9_-]|%[0-9a-f]{2}){20,}/gi,
  /missive_pat-[A-Za-z0-9_-]+/gi,
  /(Bearer\s+)[^\s"']+/gi,
];

/**
 * Runs that may be a bare secret (an MCP token's random part, an unprefixed key): 32 or more
 * base64/base64url characters mixing upper case, lower case and digits with high entropy. Ids
 * (UUIDs, hex) have no upper case and stay readable.
 */
const CANDIDATE_RUN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;
const MIN_BITS_PER_CHAR = 3.5;

function looksRandom(run: string): boolean {
  if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/[0-9]/.test(run)) return false;
  const counts = new Map<string, number>();
  for (const ch of run) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / run.length) * Math.log2(n / run.length);
  return bits >= MIN_BITS_PER_CHAR;
}

/** Exact secret values of this deployment (e.g. ADMIN_API_KEY), registered once at config parse. */
const knownSecrets = new Set<string>();

/** Adds an exact value every later `redactSecrets` call replaces (values under 8 characters are ignored). */
export function registerSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= 8) knownSecrets.add(value);
}

/** The forms of a Missive token worth redacting: as given, and without its `missive_pat-` prefix. */
export function missiveTokenForms(token: string): string[] {
  const bare = token.replace(/^missive_pat-/i, '');
  return bare !== token && bare.length >= 8 ? [token, bare] : [token];
}

/**
 * A maximal run of base64url segments joined by dots. JWTs are found inside these runs by
 * `redactJwts` rather than with /eyJ[…]+\.[…]+\.[…]+/: that regex backtracks from every "eyJ" of a
 * dotless run, so "eyJeyJeyJ…" costs O(n²) (a 100 KB string took ~2 s of CPU).
 */
const DOTTED_RUN = /[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*/g;

/** Within one dotted run: from an "eyJ" followed by two more segments, the three segments become the marker. */
function redactJwtsInRun(run: string): string {
  if (!run.includes('eyJ')) return run;
  const segments = run.split('.');
  const out: string[] = [];
  let i = 0;
  while (i < segments.length) {
    const segment = segments[i]!;
    const at = segment.indexOf('eyJ');
    if (at >= 0 && at + 3 < segment.length && i + 2 < segments.length) {
      out.push(`${segment.slice(0, at)}[redacted]`);
      i += 3;
    } else {
      out.push(segment);
      i += 1;
    }
  }
  return out.join('.');
}

/**
 * Replaces anything shaped like a credential, any registered secret and any of `extra` (e.g. the
 * account's own Missive token) with a marker; linear in the length of `text`.
 */
export function redactSecrets(text: string, extra: readonly string[] = []): string {
  let out = text;
  for (const secret of [...extra, ...knownSecrets]) {
    if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && /^Bearer/i.test(prefix) ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  if (out.includes('eyJ')) out = out.replace(DOTTED_RUN, redactJwtsInRun);
  return out.replace(CANDIDATE_RUN, (run) => (looksRandom(run) ? '[redacted]' : run));
}

function parseLevel(value: string | undefined): LogLevel {
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}

/**
 * Each level through its own console method: Workers Logs records the method as the line's level
 * (so operators can filter on it), and `wrangler dev` prints info lines without running its
 * source-map pass over them, which it does for console.log.
 */
// eslint-disable-next-line no-console -- the logger is the one place that picks console methods by level
const consoleSink = (line: string, level: LogLevel): void => console[level](line);

export function createLogger(
  base: LogFields = {},
  level: string | undefined = 'info',
  sink: (line: string, level: LogLevel) => void = consoleSink,
): Logger {
  const min = LEVEL_ORDER[parseLevel(level)];
  const write = (lvl: LogLevel, event: string, fields?: LogFields) => {
    if (LEVEL_ORDER[lvl] < min) return;
    const line = JSON.stringify({ ts: new Date().toISOString(), level: lvl, event, ...base, ...fields });
    sink(redactSecrets(line), lvl);
  };
  return {
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
    child: (fields) => createLogger({ ...base, ...fields }, level, sink),
  };
}
