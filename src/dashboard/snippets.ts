/**
 * Ready-to-paste client set-ups for a freshly minted MCP URL. Pure: no runtime imports.
 * The API token is never filled in: snippets leave a placeholder or a variable for it, so the page
 * never holds a second secret. Conventions follow docs/connecting-clients.md.
 */

/** mcp-remote version verified against this gateway (TOOLCHAIN.md). */
export const MCP_REMOTE_PACKAGE = 'mcp-remote@0.15.1';
export const MCP_PROTOCOL_VERSION = '2025-11-25';

export interface ClientSnippets {
  chatgpt: string;
  claude: string;
  mcpJson: string;
  claudeCode: string;
  curl: string;
}

/** Env var the mcp.json snippet reads the header from (same convention as docs/connecting-clients.md). */
export const MCP_JSON_AUTH_ENV = 'MISSIVE_GATEWAY_AUTH';

/** Single-quotes a string for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Builds the snippets for `url`; with `requireBearer`, each carries the Authorization header. */
export function buildSnippets(url: string, requireBearer: boolean): ClientSnippets {
  const args = ['-y', MCP_REMOTE_PACKAGE, url, '--transport', 'http-only'];
  // mcp-remote's own advice: no space inside the argument, the "Bearer …" value comes from env,
  // because some desktop clients split arguments on spaces.
  if (requireBearer) args.push('--header', `Authorization:\${${MCP_JSON_AUTH_ENV}}`);
  const server: Record<string, unknown> = { command: 'npx', args };
  if (requireBearer) server.env = { [MCP_JSON_AUTH_ENV]: 'Bearer <your gateway API token>' };
  const mcpJson = JSON.stringify({ mcpServers: { missive: server } }, null, 2);

  const curlLines = [
    `curl -sS -X POST ${shellQuote(url)}`,
    `  -H 'Content-Type: application/json'`,
    `  -H 'Accept: application/json, text/event-stream'`,
    `  -H 'MCP-Protocol-Version: ${MCP_PROTOCOL_VERSION}'`,
    ...(requireBearer ? [`  -H "Authorization: Bearer $API_TOKEN"`] : []),
    `  -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`,
  ];

  const claudeCode = [
    `claude mcp add --transport http missive ${shellQuote(url)}`,
    ...(requireBearer ? [`--header "Authorization: Bearer $API_TOKEN"`] : []),
  ].join(' ');

  return {
    chatgpt: url,
    claude: url,
    mcpJson,
    claudeCode,
    curl: curlLines.join(' \\\n'),
  };
}
