/**
 * "A config that leaves no tool is a 400" (issue 2). The tool catalogue (src/missive/catalogue.ts,
 * issue 5) decides which tools a config selects; until it is wired here this checks only what can
 * be checked without it: every `methods` entry is a group, a category or a plausible tool name.
 * TODO(lead): once catalogue.ts exports `selectTools`, replace the body with
 *   `if (selectTools(config).length === 0) throw noTools();` plus unknown-name detection.
 */
import { GatewayError } from '../errors';
import { METHOD_CATEGORIES, METHOD_GROUPS, type McpServerConfig } from '../missive/server-config';

const KNOWN_WORDS = new Set<string>([...Object.keys(METHOD_GROUPS), ...METHOD_CATEGORIES]);
const TOOL_NAME = /^[a-z][a-z0-9_]{2,99}$/;

/** Throws 400 when the config cannot select any tool. */
export function assertConfigSelectsTools(config: McpServerConfig, field = 'config'): void {
  const bad = (config.methods ?? []).filter((m) => !KNOWN_WORDS.has(m) && !TOOL_NAME.test(m));
  if (bad.length > 0) {
    throw new GatewayError(400, 'validation_failed', 'config.methods has entries that name no method or tool', {
      details: bad.map((m, i) => ({
        path: `${field}.methods`,
        message: `Unknown method "${m.slice(0, 100)}"`,
        index: i,
      })),
    });
  }
}
