/**
 * Ready-to-paste client set-ups for a freshly minted MCP URL. Pure: no runtime imports.
 * The API token is never filled in: snippets name it `${API_TOKEN}` so the page never holds
 * a second secret and a screenshot of it leaks only the MCP URL.
 */

/** mcp-remote version verified against this gateway (TOOLCHAIN.md). */
export const MCP_REMOTE_PACKAGE = 'mcp-remote@0.15.1';
export const MCP_PROTOCOL_VERSION = '2025-11-25';

export interface ClientSnippets {
  chatgpt: string;
  claude: string;
  mcpJson: string;
  curl: string;
}

/** Single-quotes a string for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Builds the four snippets for `url`; with `requireBearer`, each carries the Authorization header. */
export function buildSnippets(url: string, requireBearer: boolean): ClientSnippets {
  const args = ['-y', MCP_REMOTE_PACKAGE, url, '--transport', 'http-only'];
  if (requireBearer) args.push('--header', 'Authorization: Bearer ${API_TOKEN}');
  const server: Record<string, unknown> = { command: 'npx', args };
  if (requireBearer) server.env = { API_TOKEN: '<your gateway API token>' };
  const mcpJson = JSON.stringify({ mcpServers: { missive: server } }, null, 2);

  const curlLines = [
    `curl -sS -X POST ${shellQuote(url)}`,
    `  -H 'Content-Type: application/json'`,
    `  -H 'Accept: application/json, text/event-stream'`,
    `  -H 'MCP-Protocol-Version: ${MCP_PROTOCOL_VERSION}'`,
    ...(requireBearer ? [`  -H "Authorization: Bearer $API_TOKEN"`] : []),
    `  -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`,
  ];

  return {
    chatgpt: url,
    claude: url,
    mcpJson,
    curl: curlLines.join(' \\\n'),
  };
}
