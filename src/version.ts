/** The gateway's version, reported by /healthz and MCP serverInfo; taken from package.json at build time. */
import pkg from '../package.json';

export const GATEWAY_NAME = 'missive-mcp-gateway';
export const GATEWAY_VERSION: string = pkg.version;
