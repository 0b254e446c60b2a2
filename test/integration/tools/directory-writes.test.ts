/** Writes of the directory, contact, response, task, message and webhook tools against the sandbox. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_ACCOUNTS,
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONTACT_ID,
  SANDBOX_CONVERSATIONS,
  SANDBOX_ORGS,
  SANDBOX_RESPONSE_ID,
  SANDBOX_TASK_ID,
  SANDBOX_TEAMS,
  SANDBOX_TOKENS,
  SANDBOX_USERS,
} from '../../../sandbox/src/seed/fixtures';
import { callParsed, callTool, errorOf, okResult, resetSandbox, toolContext } from './helpers';

const MISSING = '00000000-0000-4000-8000-00000000dead';
const ACME = SANDBOX_ORGS.acme.id;
const withOrg = () => toolContext({ defaults: { organization: ACME } });

beforeAll(resetSandbox);

describe('labels, teams, contacts, responses, tasks', () => {
  it('shared label create and update', async () => {
    expect(errorOf(await callTool('create_a_missive_shared_label', { name: 'X' })).kind).toBe('invalid_arguments');
    const label = okResult(
      await callTool('create_a_missive_shared_label', { name: 'Escalations', color: '#d0021b' }, withOrg()),
    );
    expect(label.organization).toBeDefined();
    const renamed = okResult(
      await callTool('update_a_missive_shared_label_by_id', { id: label.id, name: 'Escalated' }),
    );
    expect(renamed.name).toBe('Escalated');
    expect(errorOf(await callTool('update_a_missive_shared_label_by_id', { id: MISSING, name: 'x' })).kind).toBe(
      'not_found',
    );
  });

  it('team create and update; a plain member is refused', async () => {
    const team = okResult(
      await callTool(
        'create_a_missive_team',
        { name: 'Night Shift', active_members: [SANDBOX_USERS.acmeBob.id] },
        withOrg(),
      ),
    );
    expect(team.name).toBe('Night Shift');
    const updated = okResult(await callTool('update_a_missive_team_by_id', { id: team.id, name: 'Night Ops' }));
    expect(updated.name).toBe('Night Ops');
    const tina = toolContext({ missiveToken: SANDBOX_TOKENS.tiny, defaults: { organization: ACME } });
    const err = errorOf(await callTool('create_a_missive_team', { name: 'Nope' }, tina));
    expect(err.kind).toBe('forbidden');
    expect(err.message).toMatch(/admin/);
  });

  it('contact create and update (infos replace the array)', async () => {
    const ctx = toolContext({ defaults: { contact_book: SANDBOX_CONTACT_BOOKS.acmePartners.id } });
    const contact = okResult(
      await callTool(
        'create_a_missive_contact',
        {
          first_name: 'Dana',
          last_name: 'Scully',
          infos: [{ kind: 'email', label: 'work', value: 'dana@fbi.test', secret: 'x' }],
          memberships: [{ group: { kind: 'organization', name: 'FBI' }, title: 'Agent' }],
        },
        ctx,
      ),
    );
    expect(contact.contact_book).toBe(SANDBOX_CONTACT_BOOKS.acmePartners.id);
    const updated = okResult(
      await callTool('update_a_missive_contact_by_id', {
        id: contact.id,
        infos: [{ kind: 'phone_number', label: 'mobile', value: '+15550100' }],
      }),
    );
    expect((updated.infos as { kind: string }[]).map((i) => i.kind)).toEqual(['phone_number']);
    expect(errorOf(await callTool('update_a_missive_contact_by_id', { id: MISSING, first_name: 'x' })).kind).toBe(
      'not_found',
    );
    expect(errorOf(await callTool('create_a_missive_contact', { first_name: 'x' })).kind).toBe('invalid_arguments');
    expect(SANDBOX_CONTACT_ID).toBeTruthy();
  });

  it('response create (organization XOR user) and update', async () => {
    const both = await callTool('create_a_missive_response', {
      body: 'x',
      organization: ACME,
      user: SANDBOX_USERS.acmeMe.id,
    });
    expect(errorOf(both).kind).toBe('invalid_arguments');
    const created = okResult(
      await callTool('create_a_missive_response', { title: 'Refund', body: 'We refunded you.' }, withOrg()),
    );
    const updated = okResult(
      await callTool('update_a_missive_response_by_id', { id: created.id, subject: 'Your refund' }),
    );
    expect(updated.subject).toBe('Your refund');
    expect(errorOf(await callTool('update_a_missive_response_by_id', { id: MISSING, title: 't' })).kind).toBe(
      'not_found',
    );
    expect(SANDBOX_RESPONSE_ID).toBeTruthy();
  });

  it('task create for a team and update', async () => {
    const task = okResult(
      await callTool(
        'create_a_missive_task',
        { title: 'Review server logs', team: SANDBOX_TEAMS.acmeBackend.id, conversation: undefined },
        withOrg(),
      ),
    );
    expect(task.title).toBe('Review server logs');
    const closed = okResult(await callTool('update_a_missive_task_by_id', { id: task.id, state: 'closed' }));
    expect(closed.state).toBe('closed');
    expect(errorOf(await callTool('update_a_missive_task_by_id', { id: MISSING, state: 'closed' })).kind).toBe(
      'not_found',
    );
    expect(errorOf(await callTool('create_a_missive_task', { title: 'x' })).kind).toBe('invalid_arguments');
    const sub = okResult(
      await callTool('create_a_missive_task', { title: 'Sub', conversation: SANDBOX_CONVERSATIONS.l1TechnicalIssue }),
    );
    expect(sub.id).toBeDefined();
    expect(SANDBOX_TASK_ID).toBeTruthy();
  });
});

describe('messages, webhooks', () => {
  it('create_a_missive_message needs an account; the default fills it', async () => {
    expect(errorOf(await callTool('create_a_missive_message', { from_field: { address: 'a@b.c' } })).kind).toBe(
      'invalid_arguments',
    );
    const ctx = toolContext({ defaults: { account: SANDBOX_ACCOUNTS.acmeCustomChannel } });
    const message = okResult(
      await callTool(
        'create_a_missive_message',
        { from_field: { name: 'Order bot', id: 'bot-1' }, body: 'Order 42 shipped', subject: 'Shipping', send: true },
        ctx,
      ),
    );
    expect(message.subject).toBe('Shipping');
    const err = errorOf(
      await callTool('create_a_missive_message', { account: MISSING, from_field: { name: 'x', id: 'x-1' }, body: 'y' }),
    );
    expect(err.kind).toBe('not_found');
  });

  it('webhook create (https only) and delete', async () => {
    await expect(
      callParsed('create_a_missive_webhook', { type: 'new_comment', url: 'http://insecure.test/h' }),
    ).rejects.toThrow();
    const hook = okResult(
      await callTool(
        'create_a_missive_webhook',
        { type: 'new_comment', url: 'https://hooks.example.test/m' },
        withOrg(),
      ),
    );
    expect(hook.id).toBeDefined();
    okResult(await callTool('delete_a_missive_webhook_by_id', { id: hook.id }));
    expect(errorOf(await callTool('delete_a_missive_webhook_by_id', { id: hook.id })).kind).toBe('not_found');
  });
});
