/**
 * `npm run dev`: the whole product on this machine. Creates .dev.vars with fresh secrets when
 * missing, applies the local D1 migrations, starts the Missive sandbox (127.0.0.1:8788) and the
 * gateway (127.0.0.1:8787), seeds a demo tenant, API token, integrated account and MCP server
 * (idempotently), prints what to paste, and runs until Ctrl-C.
 */
import { startLocalStack } from './local-stack.ts';
import { seedDemo } from './seed-demo.ts';

const verbose = process.argv.includes('--verbose');
const stack = await startLocalStack({ log: verbose ? (line) => console.log(line) : undefined });

let shuttingDown = false;
const shutdown = async (code: number) => {
  if (shuttingDown) return;
  shuttingDown = true;
  await stack.stop();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
for (const worker of [stack.gateway, stack.sandbox]) {
  worker.process.on('exit', (code) => {
    if (shuttingDown) return;
    console.error(`${worker.name} stopped unexpectedly (exit ${code}). Last output:\n${worker.output()}`);
    void shutdown(1);
  });
}

try {
  const demo = await seedDemo(stack.gateway.origin, stack.vars);
  console.log(`
Missive MCP gateway is running.

  Gateway        ${stack.gateway.origin}   (health: ${stack.gateway.origin}/healthz, API docs: ${stack.gateway.origin}/openapi.json)
  Dashboard      ${stack.gateway.origin}/dashboard
  Missive sandbox ${stack.sandbox.origin}/v1   (what the gateway calls instead of public.missiveapp.com)

  MCP URL        ${demo.mcp_url}
  OAuth MCP URL  ${demo.oauth_mcp_url}
                 (config.auth = "oauth": the client runs the OAuth flow; approve on the consent page
                  after signing in to the dashboard with the API token below; see docs/oauth.md)
  API token      ${demo.api_token}
  Admin key      ${demo.admin_key}

Paste the MCP URL into an MCP client, or try:
  npx @modelcontextprotocol/inspector@2.12.0 --cli ${demo.mcp_url} --transport http --method tools/list

These are also saved in .wrangler/demo.json. Ctrl-C stops everything.
`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
}
