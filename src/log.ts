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
 * Token-like substrings that must never be printed whole (MCP tokens, Missive PATs, Bearer values).
 * Every pattern here must stay linear: callers pass text a client controls (tool names, arguments).
 */
const SECRET_PATTERNS: RegExp[] = [/mcp_[A-Za-z0-9_-]{20,}/g, /missive_pat-[A-Za-z0-9_-]+/g, /(Bearer\s+)[^\s"']+/gi];

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

/** Replaces anything shaped like a credential with a marker; linear in the length of `text`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && /^Bearer/i.test(prefix) ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out.includes('eyJ') ? out.replace(DOTTED_RUN, redactJwtsInRun) : out;
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
