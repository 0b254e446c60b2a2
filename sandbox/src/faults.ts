/** Fault injection: chosen requests answer 500, hang past a client's timeout, or send malformed JSON. */
import type { Fault } from './store';

/** Whether a fault applies to this method and path. A path starting with '/' is a prefix, else a regex. */
export function faultMatches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path.startsWith('/')) return path.startsWith(fault.path);
  try {
    return new RegExp(fault.path).test(path);
  } catch {
    return false;
  }
}

/** Finds the first matching fault and consumes one of its uses. */
export function takeFault(all: Fault[], method: string, path: string): Fault | null {
  const index = all.findIndex((f) => (f.remaining === null || f.remaining > 0) && faultMatches(f, method, path));
  const fault = all[index];
  if (!fault) return null;
  if (fault.remaining !== null) {
    fault.remaining--;
    if (fault.remaining <= 0) all.splice(index, 1);
  }
  return fault;
}

/** The response a fault produces (after waiting, for a hang). */
export async function faultResponse(fault: Fault): Promise<Response> {
  switch (fault.kind) {
    case 'status_500':
      return Response.json({ error: 'Internal Server Error (injected fault)' }, { status: 500 });
    case 'malformed_json':
      return new Response('{"conversations": [{"id": "truncated', {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
    case 'hang':
      await new Promise((resolve) => setTimeout(resolve, fault.hangMs));
      return Response.json({ error: 'Gateway Timeout (injected hang)' }, { status: 504 });
  }
}
