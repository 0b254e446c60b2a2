/**
 * The floor Worker of `npm run bench`: what any MCP proxy on Workers must at least spend.
 * - `tools/call`: parse the JSON-RPC body, send the same Missive request the gateway sends
 *   (recorded from the sandbox by the bench and installed with POST /__floor/routes) to the
 *   sandbox, and wrap the answer's text in a JSON-RPC result. No auth, no validation, no state.
 * - anything else (`initialize`, `tools/list`): a constant JSON-RPC result padded to `?pad=N`
 *   bytes, so the answer is as large as the gateway's and serialization costs the same.
 * Plain Worker APIs only, no dependencies: the bundle is a few hundred bytes.
 */

interface FloorEnv {
  /** The sandbox's /v1 base, e.g. http://127.0.0.1:8778/v1. */
  SANDBOX_BASE: string;
  /** The sandbox token the gateway's account uses (a sandbox fixture, not a secret). */
  SANDBOX_TOKEN: string;
}

/** One recorded Missive request: method, path below /v1, query string ('' or '?a=b') and JSON body text. */
interface UpstreamSpec {
  method: string;
  path: string;
  query: string;
  body: string | null;
}

const routes = new Map<string, UpstreamSpec>();
const paddedResults = new Map<number, string>();

function json(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

/** A result object whose serialized form is about `size` bytes (built once per size). */
function paddedResult(size: number): string {
  let result = paddedResults.get(size);
  if (result === undefined) {
    result = JSON.stringify({ pad: 'x'.repeat(Math.max(0, size - 40)) });
    paddedResults.set(size, result);
  }
  return result;
}

interface RpcMessage {
  id?: string | number | null;
  method?: string;
  params?: { name?: string };
}

async function handleMcp(request: Request, url: URL, env: FloorEnv): Promise<Response> {
  const message = JSON.parse(await request.text()) as RpcMessage;
  const id = JSON.stringify(message.id ?? null);
  if (message.method !== 'tools/call') {
    const pad = Number(url.searchParams.get('pad') ?? '0');
    return json(`{"jsonrpc":"2.0","id":${id},"result":${paddedResult(Number.isFinite(pad) ? pad : 0)}}`);
  }
  const spec = routes.get(message.params?.name ?? '');
  if (!spec) return json(`{"jsonrpc":"2.0","id":${id},"error":{"code":-32602,"message":"unknown tool"}}`);
  const headers: Record<string, string> = { Authorization: `Bearer ${env.SANDBOX_TOKEN}`, Accept: 'application/json' };
  if (spec.body !== null) headers['Content-Type'] = 'application/json';
  const upstream = await fetch(env.SANDBOX_BASE + spec.path + spec.query, {
    method: spec.method,
    headers,
    body: spec.body,
  });
  const text = await upstream.text();
  return json(
    JSON.stringify({
      jsonrpc: '2.0',
      id: message.id ?? null,
      result: { content: [{ type: 'text', text }], isError: !upstream.ok },
    }),
  );
}

export default {
  async fetch(request: Request, env: FloorEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/healthz') return json('{"ok":true}');
    if (request.method === 'POST' && url.pathname === '/__floor/routes') {
      const table = (await request.json()) as Record<string, UpstreamSpec>;
      routes.clear();
      for (const [name, spec] of Object.entries(table)) routes.set(name, spec);
      return json(JSON.stringify({ ok: true, routes: routes.size }));
    }
    if (request.method === 'POST' && url.pathname.startsWith('/mcp/')) return handleMcp(request, url, env);
    return json('{"error":"not_found"}', 404);
  },
};
