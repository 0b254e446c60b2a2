/**
 * The gateway's hot path inside workerd with in-memory bindings (fakes.ts): GET /run?op=call_list&n=2000
 * sends n MCP requests through the gateway's own `fetch` in one invocation and answers when done.
 * No storage simulator, no network and no other isolate runs meanwhile, so the runtime's CPU over the
 * request is the gateway's code alone (workerd.ts reads it from /proc). Never deployed.
 */
import * as gateway from './entry';
import { fakeEnv, sendOnce, type GatewayModules } from './fakes';

const modules = gateway as unknown as GatewayModules;
let prepared: Promise<{ env: Record<string, unknown>; token: string }> | null = null;
const app = gateway.createApp();

export default {
  async fetch(request: Request, vars: Record<string, string>): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== '/run') return new Response('GET /run?op=…&n=…', { status: 404 });
    const op = url.searchParams.get('op') ?? 'call_list';
    const n = Number(url.searchParams.get('n') ?? '1000');
    prepared ??= fakeEnv(modules, vars);
    const { env, token } = await prepared;
    // Lines are built and redacted, not printed (printing is priced by --ops); the logger uses one
    // console method per level, so every one is silenced.
    /* eslint-disable no-console -- silencing the logger's output is the point here */
    const methods = ['debug', 'info', 'log', 'warn', 'error'] as const;
    const saved = methods.map((m) => console[m]);
    for (const m of methods) console[m] = () => undefined;
    try {
      for (let i = 0; i < n; i++) await sendOnce(app.fetch as never, env, token, op);
    } finally {
      methods.forEach((m, i) => (console[m] = saved[i]!));
    }
    /* eslint-enable no-console */
    return new Response(JSON.stringify({ op, n }), { headers: { 'Content-Type': 'application/json' } });
  },
};
