/**
 * A config that leaves no tool is a 400: the tool catalogue decides which tools a
 * config selects; an unknown `methods` entry (neither read/write, a method category nor a tool
 * name) is a 400 too, since it would silently select nothing.
 */
import { GatewayError } from '../errors';
import { isKnownMethodSelector, selectTools } from '../missive/catalogue';
import { authConflict, type McpServerConfig } from '../missive/server-config';

/** Throws 400 when the config names an unknown method or selects no tool. */
/** Throws 400 when `auth` and its older spelling `require_api_token_auth` disagree. */
export function assertAuthConsistent(config: Parameters<typeof authConflict>[0], field = 'config'): void {
  const conflict = authConflict(config);
  if (conflict) {
    throw new GatewayError(400, 'validation_failed', `${field}.auth disagrees with require_api_token_auth`, {
      details: [{ path: `${field}.auth`, message: conflict }],
    });
  }
}

export function assertConfigSelectsTools(config: McpServerConfig, field = 'config'): void {
  assertAuthConsistent(config, field);
  const unknown = (config.methods ?? []).map((m, i) => ({ m, i })).filter(({ m }) => !isKnownMethodSelector(m));
  if (unknown.length > 0) {
    throw new GatewayError(400, 'validation_failed', `${field}.methods names an unknown method or tool`, {
      details: unknown.map(({ m, i }) => ({
        path: `${field}.methods.${i}`,
        message: `Unknown method "${m.slice(0, 100)}": use read, write, a method category or a tool name`,
      })),
    });
  }
  if (selectTools(config).length === 0) {
    throw new GatewayError(
      400,
      'validation_failed',
      `${field} selects no tool: combine methods and tags that overlap`,
      {
        details: [{ path: field, message: 'No tool matches both methods and tags' }],
      },
    );
  }
}
