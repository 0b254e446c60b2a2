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

/** Token-like substrings that must never be printed whole (MCP tokens, JWTs, Missive PATs, Bearer values). */
const SECRET_PATTERNS: RegExp[] = [
  /mcp_[A-Za-z0-9_-]{20,}/g,
  /missive_pat-[A-Za-z0-9_-]+/g,
  /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
  /(Bearer\s+)[^\s"']+/gi,
];

/** Replaces anything shaped like a credential with a marker. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && /^Bearer/i.test(prefix) ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out;
}

function parseLevel(value: string | undefined): LogLevel {
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}

export function createLogger(
  base: LogFields = {},
  level: string | undefined = 'info',
  sink: (line: string) => void = (line) => console.log(line),
): Logger {
  const min = LEVEL_ORDER[parseLevel(level)];
  const write = (lvl: LogLevel, event: string, fields?: LogFields) => {
    if (LEVEL_ORDER[lvl] < min) return;
    const line = JSON.stringify({ ts: new Date().toISOString(), level: lvl, event, ...base, ...fields });
    sink(redactSecrets(line));
  };
  return {
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
    child: (fields) => createLogger({ ...base, ...fields }, level, sink),
  };
}
