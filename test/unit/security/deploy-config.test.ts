/**
 * The deploy config must not make Cloudflare store live MCP tokens: invocation logs and traces record
 * each request's URL, and an MCP URL is the server's bearer token. Our own log lines carry the path
 * as /mcp/:token instead (request-context.ts).
 */
import { describe, expect, it } from 'vitest';
import wranglerToml from '../../../wrangler.toml?raw';

/** The `key = value` lines of one `[table]` of a TOML file (enough for flat tables). */
function table(toml: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inside = false;
  for (const raw of toml.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line.startsWith('[')) {
      inside = line === `[${name}]`;
      continue;
    }
    const m = /^([A-Za-z_]+)\s*=\s*(.+)$/.exec(line);
    if (inside && m) out[m[1]!] = m[2]!;
  }
  return out;
}

describe('wrangler.toml observability', () => {
  it('keeps Workers Logs for our lines but no invocation logs and no traces (they would hold MCP URLs)', () => {
    expect(table(wranglerToml, 'observability.logs')).toMatchObject({ enabled: 'true', invocation_logs: 'false' });
    expect(table(wranglerToml, 'observability.traces')).toMatchObject({ enabled: 'false' });
  });
});

describe('wrangler.toml placement and upkeep', () => {
  it('places the Worker with Smart Placement and account objects near Missive', () => {
    expect(table(wranglerToml, 'placement')).toMatchObject({ mode: '"smart"' });
    expect(table(wranglerToml, 'vars')).toMatchObject({ ACCOUNT_LOCATION_HINT: '"enam"' });
  });

  it('runs the scheduled jobs on a Cron Trigger and keeps 30 days of tool-call audit by default', () => {
    expect(table(wranglerToml, 'triggers').crons).toMatch(/^\["[^"]+"\]$/);
    expect(table(wranglerToml, 'vars')).toMatchObject({ AUDIT_RETENTION_DAYS: '"30"' });
  });
});
