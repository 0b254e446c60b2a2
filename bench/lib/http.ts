/**
 * A lean HTTP client for the benchmark (node:http with keep-alive): undici's fetch costs more
 * client CPU per request, and the client shares the machine's two cores with the workers.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpAnswer {
  status: number;
  text: string;
  /** performance.now() when the request was sent and when the answer was complete. */
  start: number;
  end: number;
}

/** One request; the body is a string (JSON) or absent. */
export function request(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const u = new URL(url);
    const req = http.request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            start,
            end: performance.now(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${u.pathname}`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Closes idle keep-alive sockets so the process can exit. */
export function closeAgent(): void {
  agent.destroy();
}
