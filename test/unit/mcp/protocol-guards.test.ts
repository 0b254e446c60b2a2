import { describe, expect, it } from 'vitest';
import {
  checkProtocolVersionHeader,
  declaredLengthTooLarge,
  jsonRpcMethod,
  parseJsonRpcBody,
  readBodyLimited,
} from '../../../src/mcp/protocol-guards';

describe('protocol guards', () => {
  it('parses one JSON-RPC object; refuses malformed JSON (-32700), batches and scalars (-32600)', () => {
    expect(parseJsonRpcBody('{"jsonrpc":"2.0","id":1,"method":"ping"}')).toEqual({
      ok: true,
      value: { jsonrpc: '2.0', id: 1, method: 'ping' },
    });
    const bad = parseJsonRpcBody('{"jsonrpc":');
    expect(bad.ok === false && bad.failure).toMatchObject({ status: 400, code: -32700 });
    const batch = parseJsonRpcBody('[{"jsonrpc":"2.0","id":1,"method":"ping"}]');
    expect(batch.ok === false && batch.failure).toMatchObject({ status: 400, code: -32600 });
    const scalar = parseJsonRpcBody('42');
    expect(scalar.ok === false && scalar.failure).toMatchObject({ status: 400, code: -32600 });
  });

  it('accepts a supported or absent MCP-Protocol-Version, refuses others', () => {
    expect(checkProtocolVersionHeader(null)).toBeNull();
    expect(checkProtocolVersionHeader('2025-11-25')).toBeNull();
    expect(checkProtocolVersionHeader('2025-06-18')).toBeNull();
    expect(checkProtocolVersionHeader('2030-01-01')).toMatchObject({ status: 400 });
  });

  it('limits the body by Content-Length and by what actually arrives', async () => {
    expect(declaredLengthTooLarge('11', 10)).toBe(true);
    expect(declaredLengthTooLarge('10', 10)).toBe(false);
    expect(declaredLengthTooLarge(null, 10)).toBe(false);
    const ok = await readBodyLimited(new Request('https://x/', { method: 'POST', body: '0123456789' }), 10);
    expect(ok).toEqual({ ok: true, value: '0123456789' });
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('012345'));
        c.enqueue(new TextEncoder().encode('6789A'));
        c.close();
      },
    });
    const streamed = await readBodyLimited(
      new Request('https://x/', { method: 'POST', body: chunks, duplex: 'half' } as RequestInit),
      10,
    );
    expect(streamed.ok === false && streamed.failure.status).toBe(413);
  });

  it('reads a body with a declared Content-Length in one go, still checking what arrived', async () => {
    const post = (body: string, length: string) =>
      new Request('https://x/', { method: 'POST', body, headers: { 'Content-Length': length } });
    expect(await readBodyLimited(post('{"a":"é"}', '10'), 10)).toEqual({ ok: true, value: '{"a":"é"}' });
    // A length that understates the body: the limit applies to the bytes read, not to the header.
    const understated = await readBodyLimited(post('0123456789AB', '5'), 10);
    expect(understated.ok === false && understated.failure.status).toBe(413);
  });

  it('reads the JSON-RPC method of requests and notifications only', () => {
    expect(jsonRpcMethod({ jsonrpc: '2.0', id: 1, method: 'initialize' })).toBe('initialize');
    expect(jsonRpcMethod({ jsonrpc: '2.0', id: 1, result: {} })).toBeNull();
    expect(jsonRpcMethod(null)).toBeNull();
  });
});
