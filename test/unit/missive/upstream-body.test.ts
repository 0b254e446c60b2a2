import { describe, expect, it } from 'vitest';
import { readUpstreamText } from '../../../src/missive/upstream';

function streamed(parts: string[]): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(enc.encode(p));
      controller.close();
    },
  });
  return new Response(body);
}

describe('readUpstreamText', () => {
  it('reads an answer within the cap', async () => {
    expect(await readUpstreamText(streamed(['{"a":', '1}']), 100)).toBe('{"a":1}');
  });

  it('refuses an answer over the cap, declared or not', async () => {
    expect(await readUpstreamText(streamed(['x'.repeat(60), 'y'.repeat(60)]), 100)).toBeNull();
    const declared = new Response('x'.repeat(10), { headers: { 'Content-Length': '1000' } });
    expect(await readUpstreamText(declared, 100)).toBeNull();
  });
});
