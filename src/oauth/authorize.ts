/**
 * The authorization endpoint and the consent step. The library validates the request (client,
 * exact redirect URI, PKCE, resource), keeps it server-side behind a single-use `handle` bound to
 * the browser, and writes the grant; this file decides who approves:
 *   1. a tenant with its own sign-in: the browser goes to the tenant's login URL with a signed
 *      consent request and comes back to `/oauth/answer` with the tenant's signed answer;
 *   2. otherwise a dashboard session of the server's tenant, on the gateway's consent page.
 * Failures before the client and redirect URI are trusted are rendered here, never redirected.
 */
import {
  AuthorizationError,
  CimdFetchError,
  authorizationErrorRedirect,
  type AuthRequest,
  type OAuthHelpers,
} from '@cloudflare/workers-oauth-provider';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { isNonPublicClientIdUrl } from './cimd-guard';
import { loadConsentServer, type ConsentServer } from '../control/oauth-consent-server';
import type { OAuthGrantProps } from '../control/oauth-access';
import { OAUTH_PATHS, oauthApi, serverIdFromScopes, serverScope } from '../control/oauth-provider';
import { answerIssuer, signConsentRequest, verifyConsentAnswer, type ConsentFacts } from './tenant-approval';
import { loadTenantSignIn } from '../control/tenant-sign-in';
import type { ConsentUi } from './consent-ui';

type OAuthContext = Context<AppEnv>;

const originOf = (c: OAuthContext) => new URL(c.req.url).origin;

function html(body: string, headers: Headers, status = 200): Response {
  headers.set('Content-Type', 'text/html; charset=utf-8');
  headers.set('Cache-Control', 'no-store');
  return new Response(body, { status, headers });
}

function errorPage(ui: ConsentUi, message: string, status = 400): Response {
  const headers = new Headers({ 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'" });
  return html(ui.errorPage(message), headers, status);
}

function redirect(location: string, headers = new Headers()): Response {
  headers.set('Location', location);
  headers.set('Cache-Control', 'no-store');
  return new Response(null, { status: 302, headers });
}

/** Expected failures become a page or, once the client is trusted, a redirect; anything else is a 500. */
function renderFailure(c: OAuthContext, ui: ConsentUi, err: unknown): Response {
  if (err instanceof AuthorizationError) {
    if (err.redirectTo) return redirect(err.redirectTo);
    return errorPage(ui, err.description);
  }
  if (err instanceof CimdFetchError) {
    c.get('log').info('oauth.cimd_refused', { reason: err.reason, detail: err.detail.slice(0, 200) });
    return errorPage(ui, 'The application could not be verified: its client metadata document is unavailable.');
  }
  throw err;
}

/** The server the request's scope names, if it is a live `oauth` server; else a redirect with invalid_scope. */
async function serverFor(c: OAuthContext, request: AuthRequest): Promise<ConsentServer | Response> {
  const serverId = serverIdFromScopes(request.scope);
  const server = serverId ? await loadConsentServer(c.env.DB, serverId, Date.now()) : null;
  if (server) return server;
  return redirect(
    authorizationErrorRedirect(
      request,
      'invalid_scope',
      'Connect from the MCP server URL: the request names no server',
    ),
  );
}

/** GET (and the same-site POST of the first page) on `/oauth/authorize`. */
export async function authorize(c: OAuthContext, ui: ConsentUi): Promise<Response> {
  const api = oauthApi(c.env, originOf(c));
  if (isNonPublicClientIdUrl(c.req.query('client_id') ?? '')) {
    c.get('log').info('oauth.cimd_refused', { reason: 'non_public_address' });
    return errorPage(ui, 'The application could not be verified: its client id is not at a public address.');
  }
  try {
    const request = await api.parseAuthRequest(c.req.raw);
    const server = await serverFor(c, request);
    if (server instanceof Response) return server;
    const client = await api.describeConsent(request);
    const signIn = await loadTenantSignIn(c.env, server.tenantId);
    const consent = await api.beginConsent(request);
    if (signIn) {
      const facts: ConsentFacts = {
        handle: consent.handle,
        server: { id: server.id, name: server.name },
        account: { id: server.accountId, name: server.accountName },
        client: {
          id: client.clientId,
          name: client.clientName,
          uri: client.clientUri ?? null,
          domain: client.clientDomain ?? null,
          redirect_host: client.redirectHost,
          loopback: client.redirectIsLoopback,
        },
        tools: server.tools,
      };
      const jwt = await signConsentRequest(signIn.key, facts, {
        issuer: originOf(c),
        tenantId: server.tenantId,
        returnTo: `${originOf(c)}${OAUTH_PATHS.answer}`,
        now: Date.now(),
      });
      const target = new URL(signIn.loginUrl);
      target.searchParams.set('consent_request', jwt);
      return redirect(target.toString(), consent.headers);
    }
    const approver = await ui.approver(c);
    // The first page posts back to this same URL (query included), now same-site.
    const action = new URL(c.req.url).pathname + new URL(c.req.url).search;
    const page =
      approver?.tenantId === server.tenantId
        ? ui.consentPage(client, server, consent.handle)
        : c.req.method === 'POST'
          ? ui.signInFirstPage(consent.handle, action)
          : ui.continuePage(client, consent.handle, action);
    return html(page, consent.headers);
  } catch (err) {
    return renderFailure(c, ui, err);
  }
}

/** Writes the grant for `server` and sends the browser back to the client with the code. */
async function grant(
  api: OAuthHelpers,
  request: AuthRequest,
  server: ConsentServer,
  approvedBy: string,
  headers: Headers,
): Promise<Response> {
  const props: OAuthGrantProps = {
    server_id: server.id,
    account_id: server.accountId,
    tenant_id: server.tenantId,
    token_hash: server.tokenHash,
  };
  const { redirectTo } = await api.completeAuthorization({
    request,
    // One "user" per server: listing and revoking a server's grants is listing this user's, and a
    // client that authorizes again replaces only its grant for the same server.
    userId: server.id,
    metadata: {
      server_id: server.id,
      account_id: server.accountId,
      tenant_id: server.tenantId,
      approved_by: approvedBy,
    },
    scope: [serverScope(server.id)],
    props,
  });
  return redirect(redirectTo, headers);
}

/** POST `/oauth/consent`: the dashboard user's Allow or Deny. */
export async function decide(c: OAuthContext, ui: ConsentUi): Promise<Response> {
  const api = oauthApi(c.env, originOf(c));
  const form = await c.req.formData();
  const handle = String(form.get('handle') ?? '');
  const step = form.get('step');
  try {
    const approver = await ui.approver(c);
    if (step === 'deny') {
      const denied = await api.denyConsent(c.req.raw, handle);
      return redirect(denied.redirectTo, denied.headers);
    }
    if (step !== 'approve') return errorPage(ui, 'Unknown consent step.');
    const approved = await api.approveConsent(c.req.raw, handle);
    const server = await serverFor(c, approved.request);
    if (server instanceof Response) return server;
    if (!approver || approver.tenantId !== server.tenantId) {
      return redirect(authorizationErrorRedirect(approved.request, 'access_denied', 'Not approved'), approved.headers);
    }
    return await grant(api, approved.request, server, `dashboard:${approver.apiTokenId}`, approved.headers);
  } catch (err) {
    return renderFailure(c, ui, err);
  }
}

/** GET `/oauth/answer?consent_answer=<jwt>`: the tenant's signed decision, back from its sign-in. */
export async function tenantAnswer(c: OAuthContext, ui: ConsentUi): Promise<Response> {
  const api = oauthApi(c.env, originOf(c));
  const jwt = c.req.query('consent_answer') ?? '';
  const tenantId = jwt.length <= 8192 ? answerIssuer(jwt) : null;
  if (!tenantId) return errorPage(ui, 'The sign-in did not send a valid answer.');
  const signIn = await loadTenantSignIn(c.env, tenantId);
  const verified = await verifyConsentAnswer(signIn?.key ?? null, jwt, {
    issuer: originOf(c),
    tenantId,
    now: Date.now(),
  });
  if (!verified.ok) {
    c.get('log').info('oauth.answer_refused', { error: verified.error });
    return errorPage(ui, 'The sign-in did not send a valid answer.');
  }
  const answer = verified.answer;
  try {
    if (answer.decision === 'deny') {
      const denied = await api.denyConsent(c.req.raw, answer.handle);
      return redirect(denied.redirectTo, denied.headers);
    }
    const approved = await api.approveConsent(c.req.raw, answer.handle);
    const server = await serverFor(c, approved.request);
    if (server instanceof Response) return server;
    // The answer must be the owning tenant's, about the server this request is for.
    if (server.tenantId !== tenantId || server.id !== answer.server_id) {
      return redirect(authorizationErrorRedirect(approved.request, 'access_denied', 'Not approved'), approved.headers);
    }
    return await grant(api, approved.request, server, `tenant:${answer.sub ?? 'unnamed'}`, approved.headers);
  } catch (err) {
    return renderFailure(c, ui, err);
  }
}
