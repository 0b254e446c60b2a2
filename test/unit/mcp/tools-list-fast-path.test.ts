/**
 * The tools/list fast path must answer exactly what the SDK's Server + transport would (status,
 * Content-Type, body bytes), and decline everything it does not reproduce. Differential: each case
 * is also run through the real SDK path of the 2025 era (eras.ts `serveLegacy`: the SDK's Server
 * and WebStandardStreamableHTTPServerTransport).
 */
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { serveLegacy } from '../../../src/mcp/eras';
import { toolSelectionFor, type ToolSelection } from '../../../src/mcp/tool-registration';
import { toolsListAnswer } from '../../../src/mcp/tools-list-fast-path';

const ACCEPT = 'application/json, text/event-stream';

async function viaSdk(message: unknown, selection: ToolSelection, accept: string, contentType: string) {
  const req = new Request('https://gateway.test/mcp/x', {
    method: 'POST',
    headers: { Accept: accept, 'Content-Type': contentType, 'MCP-Protocol-Version': LATEST_PROTOCOL_VERSION },
    body: JSON.stringify(message),
  });
  const res = await serveLegacy({ selection, callTool: () => Promise.reject(new Error('not here')) }, req, message);
  const answer = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
  return answer;
}

const all = toolSelectionFor({});
const narrow = toolSelectionFor({ methods: ['read'], tags: ['users'] });

describe('tools/list fast path', () => {
  const same: [string, unknown, ToolSelection, string][] = [
    ['numeric id, no params', { jsonrpc: '2.0', id: 7, method: 'tools/list' }, all, 'application/json'],
    [
      'string id, empty params',
      { jsonrpc: '2.0', id: 'a-1', method: 'tools/list', params: {} },
      narrow,
      'application/json',
    ],
    [
      'a cursor (ignored: never paginated)',
      { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { cursor: 'c' } },
      all,
      'application/json',
    ],
    ['a string id outside ASCII', { jsonrpc: '2.0', id: 'réq-✓', method: 'tools/list' }, narrow, 'application/json'],
    [
      'Content-Type with a charset',
      { jsonrpc: '2.0', id: 3, method: 'tools/list' },
      narrow,
      'application/json; charset=utf-8',
    ],
  ];
  for (const [what, message, selection, contentType] of same) {
    it(`answers the SDK's exact bytes: ${what}`, async () => {
      const fast = toolsListAnswer(message, selection, { accept: ACCEPT, contentType });
      const sdk = await viaSdk(message, selection, ACCEPT, contentType);
      expect(sdk).toMatchObject({ status: 200, contentType: 'application/json' });
      expect(fast).not.toBeNull();
      // Byte for byte: same length, same UTF-8 (compared as text first for a readable failure).
      expect(new TextDecoder().decode(fast!)).toBe(new TextDecoder().decode(sdk.bytes));
      expect(fast!.length).toBe(sdk.bytes.length);
      expect(fast!.every((byte, i) => byte === sdk.bytes[i])).toBe(true);
    });
  }

  const declined: [string, unknown, string, string][] = [
    [
      'no text/event-stream in Accept (SDK: 406)',
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      'application/json',
      'application/json',
    ],
    ['not JSON (SDK: 415)', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, ACCEPT, 'text/plain; x=application/json'],
    ['no jsonrpc member', { id: 1, method: 'tools/list' }, ACCEPT, 'application/json'],
    ['a null id', { jsonrpc: '2.0', id: null, method: 'tools/list' }, ACCEPT, 'application/json'],
    [
      'a non-string cursor',
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { cursor: 5 } },
      ACCEPT,
      'application/json',
    ],
    [
      '_meta (left to the SDK)',
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { progressToken: 1 } } },
      ACCEPT,
      'application/json',
    ],
    [
      'another method',
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x' } },
      ACCEPT,
      'application/json',
    ],
    ['a notification', { jsonrpc: '2.0', method: 'tools/list' }, ACCEPT, 'application/json'],
  ];
  for (const [what, message, accept, contentType] of declined) {
    it(`leaves it to the SDK: ${what}`, () => {
      expect(toolsListAnswer(message, all, { accept, contentType })).toBeNull();
    });
  }
});
