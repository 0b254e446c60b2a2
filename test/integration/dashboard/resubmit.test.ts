/**
 * One-time form ids: a reload / double click / "resend form" of the mint or rotate form must not
 * mint a second server or rotate a second time. Through the real Worker, with D1/KV/DO and the
 * sandbox behind the admin API; servers are counted through the admin API.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '../../../src/config';
import { issueFormId } from '../../../src/dashboard/form-id';
import { lookupLiveServer } from '../../../src/mcp/lookup-server';
import {
  apiJson,
  createApiToken,
  createTenant,
  linkAccount,
  mintServer,
  tokenFromUrl,
  type AccountDto,
  type ApiTokenDto,
} from '../../helpers/admin-client';
import { TestBrowser, csrfFrom, formIdFrom, textById } from './browser';

const ALREADY =
  'This form was already submitted. The URL is shown only once; if you did not copy it, rotate the server to get a new one.';

let token: ApiTokenDto;
let account: AccountDto;

beforeAll(async () => {
  const reset = await env.MISSIVE_UPSTREAM.fetch('https://missive.sandbox/__sandbox/reset', { method: 'POST' });
  expect(reset.status).toBe(200);
  const tenant = await createTenant('dash-resubmit');
  token = await createApiToken(tenant.id, { name: 'resubmit token' });
  account = await linkAccount({ apiToken: token.token, name: 'resubmit customer' });
});

/** Every server of the account, whatever its status, counted through the admin API. */
async function serverCount(): Promise<number> {
  const page = await apiJson<{ result: unknown[]; next_cursor: string | null }>(
    `/integrated-account/${account.id}/mcp?limit=100`,
  );
  expect(page.next_cursor).toBeNull();
  return page.result.length;
}

async function signedIn(): Promise<TestBrowser> {
  const browser = new TestBrowser();
  expect((await browser.signIn(token.token)).status).toBe(303);
  return browser;
}

/** Renders the mint form: its CSRF value and one-time form id. */
async function mintForm(browser: TestBrowser): Promise<{ csrf: string; formId: string; html: string }> {
  const res = await browser.get(`/dashboard/accounts/${account.id}/servers/new`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { csrf: csrfFrom(html), formId: formIdFrom(html), html };
}

const mintPath = () => `/dashboard/accounts/${account.id}/servers`;
const mintFields = (csrf: string, formId: string, name: string) => ({
  _csrf: csrf,
  _form_id: formId,
  name,
  methods: 'read',
  expiry: 'never',
  intent: 'mint',
});

describe('mint form: acts once per render', () => {
  it('renders a one-time form id, with autocomplete off and the submit-once hook', async () => {
    const browser = await signedIn();
    const first = await mintForm(browser);
    const second = await mintForm(browser);
    expect(first.formId).not.toBe(second.formId);
    expect(first.html).toMatch(/<form[^>]*autocomplete="off"[^>]*data-submit-once/);
  });

  it('a second POST of the same form mints nothing and says the URL is shown only once', async () => {
    const browser = await signedIn();
    const { csrf, formId } = await mintForm(browser);
    const before = await serverCount();
    const first = await browser.postForm(mintPath(), mintFields(csrf, formId, 'Resent once'));
    expect(first.status).toBe(201);
    const url = textById(await first.text(), 'mcp-url') ?? '';
    const live = await lookupLiveServer(env, tokenFromUrl(url));
    expect(live).not.toBeNull();
    expect(await serverCount()).toBe(before + 1);

    for (let i = 0; i < 2; i++) {
      const again = await browser.postForm(mintPath(), mintFields(csrf, formId, 'Resent once'));
      expect(again.status).toBe(409);
      expect(again.headers.get('cache-control')).toBe('no-store');
      const html = await again.text();
      expect(html).toContain(ALREADY);
      expect(html).toContain(`href="/dashboard/accounts/${account.id}/servers/${live?.id ?? 'x'}"`);
      expect(html).not.toContain(tokenFromUrl(url));
      expect(textById(html, 'mcp-url')).toBeNull();
    }
    expect(await serverCount()).toBe(before + 1);
    // The URL that was shown still works: the resend changed nothing.
    expect(await lookupLiveServer(env, tokenFromUrl(url))).not.toBeNull();
  });

  it('a preview or a refused form does not spend the id', async () => {
    const browser = await signedIn();
    const { csrf, formId } = await mintForm(browser);
    const before = await serverCount();
    const preview = await browser.postForm(mintPath(), {
      ...mintFields(csrf, formId, 'After preview'),
      intent: 'preview',
    });
    expect(preview.status).toBe(200);
    expect(formIdFrom(await preview.text())).not.toBe(formId);
    const invalid = await browser.postForm(mintPath(), { ...mintFields(csrf, formId, ''), name: '' });
    expect(invalid.status).toBe(400);
    expect(await serverCount()).toBe(before);
    const minted = await browser.postForm(mintPath(), mintFields(csrf, formId, 'After preview'));
    expect(minted.status).toBe(201);
    expect(await serverCount()).toBe(before + 1);
  });

  it('refuses a form id from another session, another form, or none (403) and mints nothing', async () => {
    const owner = await signedIn();
    const { formId } = await mintForm(owner);
    const other = await signedIn();
    const otherCsrf = (await mintForm(other)).csrf;
    const before = await serverCount();
    const stolen = await other.postForm(mintPath(), mintFields(otherCsrf, formId, 'Stolen id'));
    expect(stolen.status).toBe(403);
    expect(await stolen.text()).toContain('form id');
    const missing = await other.postForm(mintPath(), { ...mintFields(otherCsrf, '', 'No id'), _form_id: [] });
    expect(missing.status).toBe(403);
    const doubled = await other.postForm(mintPath(), {
      ...mintFields(otherCsrf, '', 'Two ids'),
      _form_id: [formId, formId],
    });
    expect(doubled.status).toBe(403);
    // A rotate form's id is not a mint form's id, even in the right session.
    const server = await mintServer({ apiToken: token.token }, account.id, {
      name: 'id donor',
      config: { methods: ['read'] },
    });
    const rotateId = formIdFrom(
      await (await other.get(`/dashboard/accounts/${account.id}/servers/${server.id}/rotate`)).text(),
    );
    const wrongForm = await other.postForm(mintPath(), mintFields(otherCsrf, rotateId, 'Wrong form'));
    expect(wrongForm.status).toBe(403);
    expect(await serverCount()).toBe(before + 1); // only the donor, minted through the API
    // The owner's id is still unspent.
    const ownerCsrf = csrfFrom(await (await owner.get('/dashboard/accounts')).text());
    expect((await owner.postForm(mintPath(), mintFields(ownerCsrf, formId, 'Owner'))).status).toBe(201);
  });

  it('asks to submit again, minting nothing, when the form was rendered more than an hour ago', async () => {
    const browser = await signedIn();
    const { csrf } = await mintForm(browser);
    const old = await issueFormId(
      getConfig(env).jwt.current.key,
      csrf,
      { action: 'mint', accountId: account.id },
      Math.floor(Date.now() / 1000) - 2 * 3600,
    );
    const before = await serverCount();
    const res = await browser.postForm(mintPath(), mintFields(csrf, old, 'Stale form'));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('more than an hour');
    expect(html).toContain('value="Stale form"');
    expect(formIdFrom(html)).not.toBe(old);
    expect(await serverCount()).toBe(before);
  });
});

describe('rotate form: acts once per render', () => {
  it('a second POST rotates nothing: the URL from the first rotate keeps working', async () => {
    const browser = await signedIn();
    const server = await mintServer({ apiToken: token.token }, account.id, {
      name: 'rotate once',
      config: { methods: ['read'] },
    });
    const rotatePath = `/dashboard/accounts/${account.id}/servers/${server.id}/rotate`;
    const confirmHtml = await (await browser.get(rotatePath)).text();
    expect(confirmHtml).toMatch(/<form[^>]*autocomplete="off"[^>]*data-submit-once/);
    const fields = { _csrf: csrfFrom(confirmHtml), _form_id: formIdFrom(confirmHtml) };
    const first = await browser.postForm(rotatePath, fields);
    expect(first.status).toBe(200);
    const url = textById(await first.text(), 'mcp-url') ?? '';
    expect(url).not.toBe(server.url);
    expect(await lookupLiveServer(env, tokenFromUrl(url))).not.toBeNull();

    const again = await browser.postForm(rotatePath, fields);
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain(ALREADY);
    expect(html).toContain(`href="/dashboard/accounts/${account.id}/servers/${server.id}"`);
    expect(textById(html, 'mcp-url')).toBeNull();
    // The URL shown by the first rotate still works; the original stays dead.
    expect(await lookupLiveServer(env, tokenFromUrl(url))).not.toBeNull();
    expect(await lookupLiveServer(env, server.token)).toBeNull();
  });

  it("refuses another session's rotate form id, and one for another server", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const server = await mintServer({ apiToken: token.token }, account.id, {
      name: 'not yours to rotate',
      config: { methods: ['read'] },
    });
    const sibling = await mintServer({ apiToken: token.token }, account.id, {
      name: 'sibling',
      config: { methods: ['read'] },
    });
    const rotatePath = (id: string) => `/dashboard/accounts/${account.id}/servers/${id}/rotate`;
    const ownerId = formIdFrom(await (await owner.get(rotatePath(server.id))).text());
    const otherHtml = await (await other.get(rotatePath(sibling.id))).text();
    const otherCsrf = csrfFrom(otherHtml);
    const stolen = await other.postForm(rotatePath(server.id), { _csrf: otherCsrf, _form_id: ownerId });
    expect(stolen.status).toBe(403);
    const wrongServer = await other.postForm(rotatePath(server.id), {
      _csrf: otherCsrf,
      _form_id: formIdFrom(otherHtml),
    });
    expect(wrongServer.status).toBe(403);
    expect((await other.postForm(rotatePath(server.id), { _csrf: otherCsrf })).status).toBe(403);
    expect(await lookupLiveServer(env, server.token)).not.toBeNull();
    expect(await lookupLiveServer(env, sibling.token)).not.toBeNull();
  });
});
