/** What a server gets when its minter says little: read-only tools, and never a webhook through `write`. */
import { describe, expect, it } from 'vitest';
import { setupServer } from '../../helpers/admin-client';
import { connect } from '../mcp/helpers';

async function toolNames(url: string): Promise<{ name: string; readOnly: boolean | undefined }[]> {
  const { client, close } = await connect(url);
  try {
    const { tools } = await client.listTools();
    return tools.map((t) => ({ name: t.name, readOnly: t.annotations?.readOnlyHint }));
  } finally {
    await close();
  }
}

describe('safe defaults', () => {
  it('a server minted without config.methods offers no write tools', async () => {
    const { server } = await setupServer();
    const tools = await toolNames(server.url);
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.filter((t) => t.readOnly !== true)).toEqual([]);
    expect(tools.map((t) => t.name)).not.toContain('create_a_missive_webhook');
  });

  it('write does not include webhooks; they are chosen by name', async () => {
    const write = await setupServer({ config: { methods: ['write'] } });
    const names = (await toolNames(write.server.url)).map((t) => t.name);
    expect(names).toContain('create_a_missive_task');
    expect(names).not.toContain('create_a_missive_webhook');
    expect(names).not.toContain('delete_a_missive_webhook_by_id');

    const hooks = await setupServer({ config: { methods: ['webhooks'] } });
    expect((await toolNames(hooks.server.url)).map((t) => t.name).sort()).toEqual([
      'create_a_missive_webhook',
      'delete_a_missive_webhook_by_id',
    ]);
  });
});
