/**
 * The official SDK v2 client (@modelcontextprotocol/client), pinned to MCP 2026-07-28, against one
 * MCP URL: tools/list, a read tool call, and an approval round trip on a delete tool (the client
 * declares form elicitation and answers the gateway's input_required request), once accepted and
 * once declined. Exits non-zero on any failure.
 *
 * Usage: node scripts/mcp-clients/v2-client.ts <mcp-url>   (a server with config.methods read + write)
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const url = process.argv[2];
if (!url) {
  console.error('Usage: node scripts/mcp-clients/v2-client.ts <mcp-url>');
  process.exit(2);
}
const READ_TOOL = 'list_all_missive_users';
const DELETE_TOOL = 'delete_a_missive_post_by_id';
const DELETE_ARGS = { id: '3b1c6a5e-0000-4000-8000-00000000c1e7' };

let failed = false;
function report(step: string, ok: boolean, detail: string): void {
  if (!ok) failed = true;
  console.log(`${ok ? 'PASS' : 'FAIL'}  v2 client: ${step}: ${detail}`);
}

async function connect(answer: 'accept' | 'decline', asked: string[]): Promise<Client> {
  const client = new Client(
    { name: 'gateway-ci-v2', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  client.setRequestHandler('elicitation/create', (request) => {
    asked.push(String((request.params as { message?: unknown }).message ?? ''));
    return answer === 'accept' ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
  });
  await client.connect(new StreamableHTTPClientTransport(new URL(url!)));
  return client;
}

function text(result: { content?: unknown }): string {
  return JSON.stringify(result.content ?? '').slice(0, 200);
}

try {
  const asked: string[] = [];
  const client = await connect('accept', asked);
  const { tools } = await client.listTools();
  report('tools/list', tools.length > 0, `${tools.length} tools`);
  const read = await client.callTool({ name: READ_TOOL, arguments: { limit: 2 } });
  report(`tools/call ${READ_TOOL}`, read.isError !== true, text(read));

  const approved = await client.callTool({ name: DELETE_TOOL, arguments: DELETE_ARGS });
  const reachedMissive = !(approved.structuredContent as { approval_required?: boolean } | undefined)
    ?.approval_required;
  report(
    'approval accepted',
    asked.length === 1 && asked[0]!.includes(DELETE_TOOL) && reachedMissive,
    `asked ${asked.length}x; answer ${text(approved)}`,
  );
  await client.close();

  const declinedAsked: string[] = [];
  const decliner = await connect('decline', declinedAsked);
  const declined = await decliner.callTool({ name: DELETE_TOOL, arguments: DELETE_ARGS });
  report(
    'approval declined',
    declinedAsked.length === 1 && declined.isError === true && text(declined).includes('did not approve'),
    text(declined),
  );
  await decliner.close();
} catch (err) {
  report('session', false, err instanceof Error ? err.message : String(err));
}
process.exit(failed ? 1 : 0);
