/**
 * The admin dashboard at /dashboard: server-rendered pages over the admin API.
 *
 * Order of the middleware: security headers on everything; static assets and the sign-in form
 * need no session; every other route needs a valid session (session.ts), and every POST also
 * passes the CSRF checks (csrf.ts) before its handler runs. All reads and changes go through
 * the admin API as the signed-in principal (admin-client.ts explains why).
 */
import { Hono, type Context, type ExecutionContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { authenticate } from '../admin/auth';
import type {
  AccountView as ApiAccount,
  McpServerView as ApiServer,
  ToolCallView as ApiToolCall,
} from '../admin/schemas';
import { getConfig } from '../config';
import type { Bindings, Variables } from '../env';
import { GatewayError } from '../errors';
import { TOOLS_BY_NAME, selectTools } from '../missive/catalogue';
import { listActiveMcpServers } from '../storage/mcp-servers';
import { getApiTokenRecord } from '../storage/api-tokens';
import { deleteFormUse, getFormUse, putFormUse, type FormUse } from '../storage/dashboard-forms';
import { AdminClient, type ApiResult, type GatewayFetch } from './admin-client';
import { APP_CSS, APP_ICON_SVG, APP_JS } from './assets';
import {
  clearSessionCookie,
  clearSignInNonce,
  readSessionCookie,
  readSignInNonce,
  writeSessionCookie,
  writeSignInNonce,
} from './cookies';
import { csrfOk } from './csrf';
import { FORM_ID_MAX_AGE_SECONDS, checkFormId, issueFormId, type FormPurpose } from './form-id';
import {
  DEFAULT_MINT_FORM,
  configFromForm,
  mintRequestFromForm,
  readMintForm,
  splitToolNames,
  type FieldErrors,
  type MintFormValues,
} from './mint-form';
import { serverStatus, type AccountView, type ServerView, type TenantView, type ToolCallView } from './models';
import { ASSET_PATHS, DASHBOARD_BASE, paths } from './paths';
import { dashboardSecurityHeaders } from './security-headers';
import { nowSeconds, randomToken, shouldRenew, signSession, verifySession, type Session } from './session';
import { AccountsPage, DEFAULT_FIELDS, type LinkFormDefaults, type LinkFormState } from './views/accounts';
import { ErrorPage } from './views/error';
import type { Viewer } from './views/layout';
import { AlreadySubmittedPage, MintPage, MintedPage, type ToolCount } from './views/mint';
import { AccountPage, ConfirmPage, ServerPage } from './views/servers';
import { SignInPage } from './views/sign-in';

export interface DashboardEnv {
  Bindings: Bindings;
  Variables: Variables & { session: Session; viewer: Viewer; api: AdminClient };
}

type DashboardContext = Context<DashboardEnv>;

/** Form posts are small; anything bigger is not a dashboard form. */
const MAX_FORM_BYTES = 64 * 1024;

/** Fixed success messages chosen by a `?done=` key, so no text from the URL is ever reflected. */
const DONE_MESSAGES = {
  linked: 'Account linked. Its Missive token is stored encrypted and will not be shown again.',
  revoked: 'Server revoked. Its URL now answers 404.',
  grant_revoked: 'OAuth client disconnected. Its tokens stop working on their next request.',
  signed_out: 'You are signed out.',
  expired: 'Your session has ended. Sign in again.',
} as const;

function doneMessage(c: DashboardContext): string | undefined {
  const key = c.req.query('done');
  return key && key in DONE_MESSAGES ? DONE_MESSAGES[key as keyof typeof DONE_MESSAGES] : undefined;
}

const CursorQuery = z.string().min(1).max(500).optional().catch(undefined);
const TenantFilterQuery = z.string().min(1).max(100).optional().catch(undefined);

/** The sign-in form's fields. */
const SignInFormSchema = z.object({ credential: z.string().trim().min(1).max(4096) });
/** The link-account form's fields (the admin API validates them again, and checks the token with Missive). */
const LinkFormSchema = z.object({
  name: z.string().trim().max(200).default(''),
  api_token: z.string().trim().max(512).default(''),
  tenant_id: z.string().trim().max(100).optional(),
  ...Object.fromEntries(DEFAULT_FIELDS.map((f) => [f.name, z.string().trim().max(320).default('')])),
});

/** The account defaults the form filled in; empty fields are left out so the account has no default for them. */
function defaultsFromForm(form: Record<string, unknown>): LinkFormDefaults {
  const out: LinkFormDefaults = {};
  for (const { name } of DEFAULT_FIELDS) {
    const value = form[name];
    if (typeof value === 'string' && value !== '') out[name] = value;
  }
  return out;
}

/**
 * Builds the dashboard sub-app. `gatewayFetch` is the gateway app's own fetch: the dashboard
 * calls the admin API through it in-process.
 */
export function createDashboard(gatewayFetch: GatewayFetch): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();

  app.use('*', dashboardSecurityHeaders());
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST') return bodyLimit({ maxSize: MAX_FORM_BYTES })(c, next);
    await next();
  });

  // --- static assets: public, cacheable, same-origin only --------------------------------------
  app.get(ASSET_PATHS.css.slice(DASHBOARD_BASE.length), (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get(ASSET_PATHS.js.slice(DASHBOARD_BASE.length), (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  app.get(ASSET_PATHS.icon.slice(DASHBOARD_BASE.length), (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(APP_ICON_SVG, 200, { 'Content-Type': 'image/svg+xml' });
  });

  // --- sign in / out ----------------------------------------------------------------------------
  app.get('/', async (c) => c.redirect((await currentSession(c)) ? paths.accounts : paths.signIn, 303));

  app.get('/sign-in', async (c) => {
    if (await currentSession(c)) return c.redirect(paths.accounts, 303);
    const nonce = randomToken();
    writeSignInNonce(c, nonce);
    return c.html(<SignInPage nonce={nonce} notice={doneMessage(c)} />);
  });

  app.post('/sign-in', async (c) => {
    // Login CSRF: the form must come from our sign-in page (nonce cookie + field) on this origin.
    if (!(await csrfOk(c, readSignInNonce(c)))) return forbidden(c, null);
    const nonce = randomToken();
    const parsed = SignInFormSchema.safeParse(await c.req.parseBody({ all: true }));
    const refuse = (message: string) => {
      writeSignInNonce(c, nonce);
      return c.html(<SignInPage nonce={nonce} error={message} />, 401);
    };
    if (!parsed.success) return refuse('Enter an API token or the admin key.');
    let principal: Awaited<ReturnType<typeof authenticate>>;
    try {
      // The very check the admin API runs on a Bearer header: one definition of a valid credential.
      principal = await authenticate(c.env, `Bearer ${parsed.data.credential}`);
    } catch (err) {
      if (err instanceof GatewayError && err.status === 401) {
        c.get('log')?.info('dashboard.sign_in_refused');
        return refuse('That API token or admin key is not valid, or has been revoked.');
      }
      throw err;
    }
    const now = nowSeconds();
    const session: Session = {
      principal:
        principal.kind === 'admin'
          ? { kind: 'admin' }
          : { kind: 'tenant', tenantId: principal.tenantId, apiTokenId: principal.tokenId },
      csrf: randomToken(),
      authTime: now,
      issuedAt: now,
    };
    writeSessionCookie(c, await signSession(sessionSecrets(c.env), session, now));
    clearSignInNonce(c);
    c.get('log')?.info('dashboard.signed_in', {
      principal: principal.kind,
      ...(principal.kind === 'tenant' ? { tenant_id: principal.tenantId, api_token_id: principal.tokenId } : {}),
    });
    return c.redirect(paths.accounts, 303);
  });

  // --- everything below needs a session ---------------------------------------------------------
  app.use('*', async (c, next) => {
    const session = await currentSession(c);
    if (!session) {
      const hadCookie = readSessionCookie(c) !== undefined;
      if (hadCookie) clearSessionCookie(c);
      // Pages and form posts go back to the sign-in page; the page script's JSON fetches get a 401.
      if (c.req.header('Accept')?.includes('text/html') !== false) {
        return c.redirect(hadCookie ? `${paths.signIn}?done=expired` : paths.signIn, 303);
      }
      return c.json({ error: { code: 'unauthorized', message: 'Sign in again' } }, 401);
    }
    if (c.req.method === 'POST' && !(await csrfOk(c, session.csrf))) {
      c.get('log')?.warn('dashboard.csrf_refused', { path: c.req.path });
      return forbidden(c, viewerOf(session));
    }
    if (shouldRenew(session)) {
      // Sliding idle timeout: a fresh JWT with the same principal, CSRF value and sign-in time.
      writeSessionCookie(c, await signSession(sessionSecrets(c.env), session));
    }
    c.set('session', session);
    c.set('viewer', viewerOf(session));
    c.set(
      'api',
      new AdminClient({
        fetch: gatewayFetch,
        env: c.env,
        ctx: executionCtx(c),
        origin: new URL(c.req.url).origin,
        principal: session.principal,
        requestId: c.get('requestId'),
      }),
    );
    await next();
  });

  app.post('/sign-out', (c) => {
    clearSessionCookie(c);
    return c.redirect(`${paths.signIn}?done=signed_out`, 303);
  });

  // --- accounts ---------------------------------------------------------------------------------
  app.get('/accounts', async (c) => renderAccounts(c, { name: '', tenantId: '' }, 200));

  app.post('/accounts', async (c) => {
    // parseBody is cached per request: the CSRF check already read it with `all: true`, so a repeated
    // field arrives as an array and fails this schema like any other malformed form.
    const parsed = LinkFormSchema.safeParse(await c.req.parseBody({ all: true }));
    if (!parsed.success) return renderAccounts(c, { name: '', tenantId: '', error: 'The form was malformed.' }, 400);
    const form = parsed.data;
    const defaults = defaultsFromForm(form);
    const link: LinkFormState = { name: form.name, tenantId: form.tenant_id ?? '', defaults };
    if (!form.name || !form.api_token) {
      return renderAccounts(c, { ...link, error: 'Enter a name and the Missive API token.' }, 400);
    }
    const res = await c.get('api').linkAccount({
      tenant_id: c.get('session').principal.kind === 'admin' ? form.tenant_id : undefined,
      name: form.name,
      api_token: form.api_token,
      defaults,
    });
    if (!res.ok) {
      if (res.status === 401) return sessionEnded(c);
      // The token itself is never echoed back into the form.
      return renderAccounts(c, { ...link, error: apiErrorText(res) }, res.status === 404 ? 404 : 400);
    }
    return c.redirect(`${paths.account(res.data.id)}?done=linked`, 303);
  });

  app.get('/accounts/:accountId', async (c) => {
    const api = c.get('api');
    const accountId = c.req.param('accountId');
    const cursor = CursorQuery.parse(c.req.query('cursor'));
    const [account, servers] = await Promise.all([api.getAccount(accountId), api.listServers(accountId, cursor)]);
    if (!account.ok) return apiFailure(c, account);
    if (!servers.ok) return apiFailure(c, servers);
    return c.html(
      <AccountPage
        viewer={c.get('viewer')}
        account={await accountView(c, account.data)}
        servers={servers.data.result.map(serverView)}
        nextCursor={servers.data.next_cursor}
        notice={doneMessage(c)}
      />,
    );
  });

  // --- minting ----------------------------------------------------------------------------------
  app.get('/tool-count', (c) => {
    const values = readMintForm({
      methods: c.req.queries('methods') ?? [],
      tags: c.req.queries('tags') ?? [],
      tool_names: c.req.query('tool_names') ?? '',
    });
    return c.json(toolCount(values));
  });

  app.get('/accounts/:accountId/servers/new', async (c) => {
    const account = await c.get('api').getAccount(c.req.param('accountId'));
    if (!account.ok) return apiFailure(c, account);
    return renderMint(c, await accountView(c, account.data), DEFAULT_MINT_FORM, {}, undefined, 200);
  });

  app.post('/accounts/:accountId/servers', async (c) => {
    const api = c.get('api');
    const accountRes = await api.getAccount(c.req.param('accountId'));
    if (!accountRes.ok) return apiFailure(c, accountRes);
    const account = await accountView(c, accountRes.data);
    const body = await c.req.parseBody({ all: true });
    const values = readMintForm(body);
    if (body.intent === 'preview') return renderMint(c, account, values, {}, undefined, 200);
    const parsed = mintRequestFromForm(values);
    if (!parsed.ok) return renderMint(c, account, values, parsed.errors, undefined, 400);
    // Only now, with a form that would mint, is its one-time id spent (see form-id.ts).
    const claim = await claimForm(c, { action: 'mint', accountId: account.id }, body._form_id);
    if (claim.kind === 'invalid') return formRefused(c);
    if (claim.kind === 'expired') return renderMint(c, account, values, {}, FORM_EXPIRED_TEXT, 400);
    if (claim.kind === 'used') return alreadySubmitted(c, account, claim.use);
    const res = await api.mintServer(account.id, parsed.request);
    if (!res.ok) {
      // Nothing was minted: the same form may be sent again (e.g. after fixing what the API refused).
      await deleteFormUse(c.env.TOKEN_INDEX, claim.nonce);
      if (res.status === 401) return sessionEnded(c);
      if (res.status === 404) return apiFailure(c, res);
      return renderMint(c, account, values, {}, apiErrorText(res), 400);
    }
    await putFormUse(
      c.env.TOKEN_INDEX,
      claim.nonce,
      { action: 'mint', state: 'done', account_id: account.id, server_id: res.data.id },
      FORM_USE_TTL_SECONDS,
    );
    c.get('log')?.info('dashboard.server_minted', { account_id: account.id, server_id: res.data.id });
    const created = await api.getServer(account.id, res.data.id);
    if (!created.ok) return apiFailure(c, created);
    return c.html(
      <MintedPage
        viewer={c.get('viewer')}
        account={account}
        minted={{ server: serverView(created.data), url: res.data.url }}
        rotated={false}
      />,
      201,
    );
  });

  // --- one server: details + audit log, rotate, revoke ----------------------------------------
  app.get('/accounts/:accountId/servers/:serverId', async (c) => {
    const loaded = await loadServer(c);
    if (loaded instanceof Response) return loaded;
    const cursor = CursorQuery.parse(c.req.query('cursor'));
    const calls = await c.get('api').listToolCalls(loaded.account.id, loaded.server.id, cursor);
    if (!calls.ok) return apiFailure(c, calls);
    const grants = await c.get('api').listOAuthGrants(loaded.account.id, loaded.server.id);
    if (!grants.ok) return apiFailure(c, grants);
    return c.html(
      <ServerPage
        viewer={c.get('viewer')}
        account={loaded.account}
        server={loaded.server}
        calls={calls.data.result.map(toolCallView)}
        nextCursor={calls.data.next_cursor}
        notice={doneMessage(c)}
        grants={grants.data.result}
      />,
    );
  });

  app.post('/accounts/:accountId/servers/:serverId/oauth-grants/:grantId/revoke', async (c) => {
    const loaded = await loadServer(c);
    if (loaded instanceof Response) return loaded;
    const res = await c.get('api').revokeOAuthGrant(loaded.account.id, loaded.server.id, c.req.param('grantId'));
    if (!res.ok) return apiFailure(c, res);
    return c.redirect(`${paths.server(loaded.account.id, loaded.server.id)}?done=grant_revoked`, 303);
  });

  for (const action of ['rotate', 'revoke'] as const) {
    app.get(`/accounts/:accountId/servers/:serverId/${action}`, async (c) => {
      const loaded = await loadServer(c);
      if (loaded instanceof Response) return loaded;
      if (loaded.server.status !== 'live') {
        return c.redirect(paths.server(loaded.account.id, loaded.server.id), 303);
      }
      return renderConfirm(c, action, loaded, undefined, 200);
    });
  }

  app.post('/accounts/:accountId/servers/:serverId/rotate', async (c) => {
    const loaded = await loadServer(c);
    if (loaded instanceof Response) return loaded;
    const purpose: FormPurpose = { action: 'rotate', accountId: loaded.account.id, serverId: loaded.server.id };
    const body = await c.req.parseBody({ all: true });
    const claim = await claimForm(c, purpose, body._form_id);
    if (claim.kind === 'invalid') return formRefused(c);
    if (claim.kind === 'expired') return renderConfirm(c, 'rotate', loaded, FORM_EXPIRED_TEXT, 400);
    if (claim.kind === 'used') return alreadySubmitted(c, loaded.account, claim.use);
    const res = await c.get('api').rotateServer(loaded.account.id, loaded.server.id);
    if (!res.ok) {
      await deleteFormUse(c.env.TOKEN_INDEX, claim.nonce);
      return apiFailure(c, res);
    }
    await putFormUse(
      c.env.TOKEN_INDEX,
      claim.nonce,
      { action: 'rotate', state: 'done', account_id: loaded.account.id, server_id: loaded.server.id },
      FORM_USE_TTL_SECONDS,
    );
    c.get('log')?.info('dashboard.server_rotated', { account_id: loaded.account.id, server_id: loaded.server.id });
    const after = await c.get('api').getServer(loaded.account.id, loaded.server.id);
    if (!after.ok) return apiFailure(c, after);
    return c.html(
      <MintedPage
        viewer={c.get('viewer')}
        account={loaded.account}
        minted={{ server: serverView(after.data), url: res.data.url }}
        rotated={true}
      />,
    );
  });

  app.post('/accounts/:accountId/servers/:serverId/revoke', async (c) => {
    const loaded = await loadServer(c);
    if (loaded instanceof Response) return loaded;
    const res = await c.get('api').revokeServer(loaded.account.id, loaded.server.id);
    if (!res.ok) return apiFailure(c, res);
    c.get('log')?.info('dashboard.server_revoked', { account_id: loaded.account.id, server_id: loaded.server.id });
    return c.redirect(`${paths.server(loaded.account.id, loaded.server.id)}?done=revoked`, 303);
  });

  app.all('*', (c) =>
    c.html(<ErrorPage viewer={c.get('viewer')} title="Not found" message="There is no such page." />, 404),
  );

  app.onError((err, c) => {
    if (err instanceof GatewayError && err.status < 500) {
      return c.html(<ErrorPage viewer={safeViewer(c)} title="Request refused" message={err.message} />, err.status);
    }
    c.get('log')?.error('dashboard.crashed', {
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    return c.html(
      <ErrorPage
        viewer={safeViewer(c)}
        title="Something went wrong"
        message="The page could not be built. Try again."
      />,
      500,
    );
  });

  return app;
}

// --- helpers -------------------------------------------------------------------------------------

function sessionSecrets(env: Bindings) {
  const config = getConfig(env);
  return { jwtSigningKey: config.jwt.current.key, adminApiKey: config.adminApiKey };
}

/**
 * The request's session, or null. A tenant session is also checked against D1 on every request:
 * the API token it came from must still exist, belong to the tenant, be unrevoked and unexpired.
 */
async function currentSession(c: DashboardContext): Promise<Session | null> {
  const jwt = readSessionCookie(c);
  if (!jwt || jwt.length > 4096) return null;
  const session = await verifySession(sessionSecrets(c.env), jwt);
  if (!session) return null;
  const p = session.principal;
  if (p.kind === 'tenant') {
    const record = await getApiTokenRecord(c.env.DB, p.apiTokenId);
    if (!record || record.revoked_at !== null || record.tenant_id !== p.tenantId) return null;
    if (record.expires_at !== null && Date.parse(record.expires_at) <= Date.now()) return null;
  }
  return session;
}

function viewerOf(session: Session): Viewer {
  const p = session.principal;
  return {
    label: p.kind === 'admin' ? 'admin (all tenants)' : `tenant ${p.tenantId}`,
    isAdmin: p.kind === 'admin',
    csrf: session.csrf,
  };
}

function safeViewer(c: DashboardContext): Viewer | null {
  try {
    return c.get('viewer') ?? null;
  } catch {
    return null;
  }
}

function executionCtx(c: DashboardContext): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

function forbidden(c: DashboardContext, viewer: Viewer | null) {
  return c.html(
    <ErrorPage
      viewer={viewer}
      title="Request refused"
      message="This form was not sent from this dashboard (missing or wrong security token). Reload the page and try again."
    />,
    403,
  );
}

function sessionEnded(c: DashboardContext) {
  clearSessionCookie(c);
  return c.redirect(`${paths.signIn}?done=expired`, 303);
}

/** A readable sentence from an admin API error (its public message, plus field details when given). */
function apiErrorText(res: { message: string; details: unknown }): string {
  const details = z.array(z.object({ path: z.unknown(), message: z.string() })).safeParse(res.details);
  if (!details.success || details.data.length === 0) return res.message;
  return `${res.message}: ${details.data
    .slice(0, 5)
    .map((d) => d.message)
    .join('; ')}`;
}

/** Renders an admin API failure as a page: 404s stay 404s (another tenant's ids look missing). */
function apiFailure(c: DashboardContext, res: Extract<ApiResult<unknown>, { ok: false }>) {
  if (res.status === 401) return sessionEnded(c);
  const viewer = c.get('viewer');
  if (res.status === 404) return c.html(<ErrorPage viewer={viewer} title="Not found" message={res.message} />, 404);
  const status: ContentfulStatusCode = res.status >= 500 ? 502 : (res.status as ContentfulStatusCode);
  return c.html(<ErrorPage viewer={viewer} title="Request refused" message={apiErrorText(res)} />, status);
}

async function renderAccounts(c: DashboardContext, link: LinkFormState, status: ContentfulStatusCode) {
  const api = c.get('api');
  const isAdmin = c.get('session').principal.kind === 'admin';
  const cursor = CursorQuery.parse(c.req.query('cursor'));
  const tenantFilter = isAdmin ? TenantFilterQuery.parse(c.req.query('tenant')) : undefined;
  const [accounts, tenants] = await Promise.all([
    api.listAccounts(cursor, tenantFilter),
    isAdmin ? api.listTenants() : null,
  ]);
  if (!accounts.ok) return apiFailure(c, accounts);
  if (tenants && !tenants.ok) return apiFailure(c, tenants);
  const tenantList: TenantView[] | null = tenants ? tenants.data.result.map((t) => ({ id: t.id, name: t.name })) : null;
  return c.html(
    <AccountsPage
      viewer={c.get('viewer')}
      accounts={await Promise.all(accounts.data.result.map((a) => accountView(c, a)))}
      tenants={tenantList}
      nextCursor={accounts.data.next_cursor}
      tenantFilter={tenantFilter ?? ''}
      link={link}
      notice={doneMessage(c)}
    />,
    status,
  );
}

/**
 * The page's account view. The number of live servers is read from storage for an account the
 * admin API has just returned to this principal, so no access decision is made here.
 */
async function accountView(c: DashboardContext, a: ApiAccount): Promise<AccountView> {
  const active = await listActiveMcpServers(c.env.DB, a.id);
  const now = new Date();
  return {
    id: a.id,
    tenantId: a.tenant_id,
    name: a.name,
    createdAt: a.created_at,
    liveServers: active.filter((s) => serverStatus(s.status, s.expires_at, now) === 'live').length,
  };
}

function serverView(s: ApiServer): ServerView {
  return {
    id: s.id,
    accountId: s.account_id,
    name: s.name,
    config: s.config,
    status: serverStatus(s.status, s.expires_at),
    tokenLast4: s.token_last4,
    createdAt: s.created_at,
    expiresAt: s.expires_at,
    lastUsedAt: s.last_used_at,
    revokedAt: s.revoked_at,
  };
}

function toolCallView(t: ApiToolCall): ToolCallView {
  return {
    id: t.id,
    tool: t.tool,
    outcome: t.outcome,
    upstreamStatus: t.upstream_status,
    durationMs: t.duration_ms,
    createdAt: t.created_at,
    requestId: t.request_id,
    argumentsJson:
      t.arguments === null || t.arguments === undefined ? null : JSON.stringify(t.arguments, null, 2).slice(0, 4000),
  };
}

async function loadServer(c: DashboardContext): Promise<{ account: AccountView; server: ServerView } | Response> {
  const api = c.get('api');
  const accountId = c.req.param('accountId') ?? '';
  const serverId = c.req.param('serverId') ?? '';
  const [account, server] = await Promise.all([api.getAccount(accountId), api.getServer(accountId, serverId)]);
  if (!account.ok) return apiFailure(c, account);
  if (!server.ok) return apiFailure(c, server);
  return { account: await accountView(c, account.data), server: serverView(server.data) };
}

/**
 * How many tools a choice exposes, from the same `selectTools` the MCP endpoint filters with.
 * Unknown exact names are called out, since they silently match nothing.
 */
function toolCount(values: MintFormValues): ToolCount {
  const { config, errors } = configFromForm(values);
  if (errors.methods && !config.methods) return { count: 0, tools: [], note: errors.methods };
  const tools = selectTools(config).map((t) => t.name);
  const count = tools.length;
  const unknown = splitToolNames(values.toolNames).filter((n) => !TOOLS_BY_NAME.has(n));
  const notes: string[] = [];
  if (unknown.length > 0)
    notes.push(`Unknown tool name${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}.`);
  if (count === 0) notes.push('No tool matches this choice, so it cannot be minted.');
  return { count, tools, note: notes.join(' ') };
}

/** Every render of the mint form carries a fresh one-time form id. */
async function renderMint(
  c: DashboardContext,
  account: AccountView,
  values: MintFormValues,
  errors: FieldErrors,
  apiError: string | undefined,
  status: ContentfulStatusCode,
) {
  return c.html(
    <MintPage
      viewer={c.get('viewer')}
      account={account}
      values={values}
      errors={errors}
      toolCount={toolCount(values)}
      apiError={apiError}
      formId={await newFormId(c, { action: 'mint', accountId: account.id })}
    />,
    status,
  );
}

/** The rotate/revoke confirmation; the rotate form carries a fresh one-time form id. */
async function renderConfirm(
  c: DashboardContext,
  action: 'rotate' | 'revoke',
  loaded: { account: AccountView; server: ServerView },
  notice: string | undefined,
  status: ContentfulStatusCode,
) {
  const formId =
    action === 'rotate'
      ? await newFormId(c, { action: 'rotate', accountId: loaded.account.id, serverId: loaded.server.id })
      : undefined;
  return c.html(
    <ConfirmPage viewer={c.get('viewer')} action={action} {...loaded} formId={formId} notice={notice} />,
    status,
  );
}

// --- one-time form ids (form-id.ts) ---------------------------------------------------------------

/**
 * How long a used form id is remembered: at least as long as any id can still be posted
 * (FORM_ID_MAX_AGE_SECONDS after it was rendered), so an id cannot outlive the record of its use.
 */
const FORM_USE_TTL_SECONDS = FORM_ID_MAX_AGE_SECONDS + 5 * 60;

const FORM_EXPIRED_TEXT =
  'This form was open for more than an hour, so it was not sent. Nothing was changed: check it and submit again.';

type FormClaim =
  | { kind: 'claimed'; nonce: string }
  | { kind: 'used'; use: FormUse | null }
  | { kind: 'expired' }
  | { kind: 'invalid' };

async function newFormId(c: DashboardContext, purpose: FormPurpose): Promise<string> {
  return issueFormId(sessionSecrets(c.env).jwtSigningKey, c.get('session').csrf, purpose, nowSeconds());
}

/**
 * Checks a posted form id and, when it is genuine and unused, records it as used (`pending`)
 * BEFORE the action runs, so a resend that arrives while the first POST is still minting is
 * refused too.
 *
 * Not atomic: KV has no compare-and-set, so two POSTs whose reads both land before either's
 * write (a sub-second race, e.g. a double click with the page script off, which disables the
 * button otherwise) can both pass. The worst case is then two servers minted (or two rotations),
 * as if the form had no id, for that race only; every later resend is refused. (KV writes are
 * usually visible at once in the location that made them, and one browser's POSTs normally reach
 * the same location; a resend routed elsewhere within KV's ~60 s propagation could also pass.)
 * A strict guarantee would need the account's Durable Object to hold the claim. If the action
 * throws, the claim stays `pending`: a resend is refused (fails closed) and links to the account.
 */
async function claimForm(c: DashboardContext, purpose: FormPurpose, posted: unknown): Promise<FormClaim> {
  const check = await checkFormId(
    sessionSecrets(c.env).jwtSigningKey,
    c.get('session').csrf,
    purpose,
    posted,
    nowSeconds(),
  );
  if (!check.ok) return { kind: check.reason };
  const kv = c.env.TOKEN_INDEX;
  const used = await getFormUse(kv, check.nonce);
  if (used) return { kind: 'used', use: used };
  const pending: FormUse = { action: purpose.action, state: 'pending', account_id: purpose.accountId };
  if (purpose.action === 'rotate') pending.server_id = purpose.serverId;
  await putFormUse(kv, check.nonce, pending, FORM_USE_TTL_SECONDS);
  return { kind: 'claimed', nonce: check.nonce };
}

/** A form id from another session or form, or none: the same answer as a failed CSRF check. */
function formRefused(c: DashboardContext) {
  c.get('log')?.warn('dashboard.form_id_refused', { path: c.req.path });
  return c.html(
    <ErrorPage
      viewer={c.get('viewer')}
      title="Request refused"
      message="This form does not belong to this session (missing or wrong form id). Reload the page and try again."
    />,
    403,
  );
}

/** A second POST of a form that was already used: nothing is done, and the page says why. */
function alreadySubmitted(c: DashboardContext, account: AccountView, use: FormUse | null) {
  c.get('log')?.info('dashboard.form_resubmitted', {
    path: c.req.path,
    account_id: account.id,
    ...(use?.server_id ? { server_id: use.server_id } : {}),
  });
  return c.html(
    <AlreadySubmittedPage
      viewer={c.get('viewer')}
      account={account}
      serverId={use?.server_id ?? null}
      pending={use?.state === 'pending'}
    />,
    409,
  );
}
