/** The request id in audit rows is the gateway's own; a client's X-Request-Id is kept apart. */
import { describe, expect, it } from 'vitest';
import { setupServer } from '../../helpers/admin-client';
import { auditRows, rawPost } from '../mcp/helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('audit request ids', () => {
  it("stores the server's request id, and the client's in its own field", async () => {
    const { server } = await setupServer();
    const call = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'list_all_missive_teams', arguments: {} },
    };
    const res = await rawPost(server.url, call, { 'X-Request-Id': 'forged-id-of-another-request' });
    expect(res.status).toBe(200);
    const answered = res.headers.get('x-request-id');
    expect(answered).toMatch(UUID);
    const [row] = await auditRows(server.id);
    expect(row?.request_id).toBe(answered);
    expect((row as unknown as { client_request_id: string | null }).client_request_id).toBe(
      'forged-id-of-another-request',
    );
  });
});
