/**
 * The OAuth consent step's pages, in the dashboard's frame and style (wired into the authorization
 * endpoint by the entry, see src/oauth/consent-ui.ts). Every string that came from the
 * client (name, URI, redirect host) is rendered through JSX, which escapes it.
 *
 * Two steps because the dashboard's session cookie is SameSite=Strict: the authorization request
 * arrives as a cross-site navigation without it, so the first page (`ContinuePage`) posts back to
 * this origin, and that same-site request carries the session that may approve (`ConsentPage`).
 */
import type { ConsentDescription } from '@cloudflare/workers-oauth-provider';
import type { FC } from 'hono/jsx';
import { Layout, Notice } from './layout';
import type { ConsentServer } from '../../control/oauth-consent-server';
import { OAUTH_PATHS } from '../../control/oauth-provider';

const ClientFacts: FC<{ client: ConsentDescription }> = ({ client }) => (
  <dl class="facts">
    <dt>Application</dt>
    <dd>
      <strong>{client.clientName}</strong>
      {client.clientDomain ? (
        <span class="hint">Published by {client.clientDomain}</span>
      ) : (
        <span class="hint">This application registered itself; its name is not verified.</span>
      )}
    </dd>
    {client.clientUri ? (
      <>
        <dt>Website</dt>
        <dd>{client.clientUri}</dd>
      </>
    ) : null}
    <dt>Access goes to</dt>
    <dd>
      <code>{client.redirectHost}</code>
    </dd>
  </dl>
);

/** First step: no session is visible yet; posting the form brings it (same-site). */
export const ContinuePage: FC<{ client: ConsentDescription; handle: string; action: string }> = ({
  client,
  handle,
  action,
}) => (
  <Layout title="Authorize an application">
    <h1>Connect {client.clientName} to Missive</h1>
    <section class="card">
      <ClientFacts client={client} />
      <p>Continue to choose whether this application may use the MCP server it asked for.</p>
      <form method="post" action={action}>
        <input type="hidden" name="handle" value={handle} />
        <div class="actions">
          <button type="submit" name="step" value="review">
            Continue
          </button>
        </div>
      </form>
    </section>
  </Layout>
);

/** Shown when the posting browser has no dashboard session of the server's tenant. */
export const SignInFirstPage: FC<{ handle: string; action: string }> = ({ handle, action }) => (
  <Layout title="Sign in to approve">
    <h1>Sign in to approve</h1>
    <Notice kind="warning">
      <p>
        Only a signed-in dashboard user of the tenant that owns this MCP server can approve it.{' '}
        <a href="/dashboard/sign-in" target="_blank" rel="noopener">
          Sign in to the dashboard
        </a>{' '}
        in another tab, then continue here.
      </p>
    </Notice>
    <form method="post" action={action}>
      <input type="hidden" name="handle" value={handle} />
      <button type="submit" name="step" value="review">
        Continue
      </button>
    </form>
  </Layout>
);

export const ConsentPage: FC<{ client: ConsentDescription; server: ConsentServer; handle: string }> = ({
  client,
  server,
  handle,
}) => (
  <Layout title="Authorize an application">
    <h1>Allow {client.clientName} to use this MCP server?</h1>
    {client.redirectIsLoopback ? (
      <Notice kind="warning">
        <p>
          This sends access to an application on the user's own computer. Continue only if you just started connecting
          from it.
        </p>
      </Notice>
    ) : null}
    <section class="card" aria-labelledby="consent-client">
      <h2 id="consent-client">Application</h2>
      <ClientFacts client={client} />
    </section>
    <section class="card" aria-labelledby="consent-server">
      <h2 id="consent-server">What it can reach</h2>
      <dl class="facts">
        <dt>MCP server</dt>
        <dd>
          {server.name} <code>{server.id}</code>
        </dd>
        <dt>Missive account</dt>
        <dd>
          {server.accountName} <code>{server.accountId}</code>
        </dd>
        <dt>Tools ({server.tools.length})</dt>
        <dd>
          <ul class="chips">
            {server.tools.map((tool) => (
              <li>{tool}</li>
            ))}
          </ul>
        </dd>
      </dl>
    </section>
    <form method="post" action={OAUTH_PATHS.consent}>
      <input type="hidden" name="handle" value={handle} />
      <div class="actions">
        <button type="submit" name="step" value="approve">
          Allow
        </button>
        <button type="submit" name="step" value="deny" class="secondary">
          Deny
        </button>
      </div>
    </form>
  </Layout>
);

/** A request that cannot go back to the client safely (unknown client, bad redirect, expired page). */
export const ConsentErrorPage: FC<{ message: string }> = ({ message }) => (
  <Layout title="Authorization failed">
    <h1>This authorization cannot continue</h1>
    <Notice kind="error">
      <p>{message}</p>
    </Notice>
    <p>Start connecting again from the application.</p>
  </Layout>
);

/** The dashboard's side of the consent step, as the authorization endpoint expects it (oauth/consent-ui.ts). */
export const consentPages = {
  continuePage: (client: ConsentDescription, handle: string, action: string) =>
    String(<ContinuePage client={client} handle={handle} action={action} />),
  signInFirstPage: (handle: string, action: string) => String(<SignInFirstPage handle={handle} action={action} />),
  consentPage: (client: ConsentDescription, server: ConsentServer, handle: string) =>
    String(<ConsentPage client={client} server={server} handle={handle} />),
  errorPage: (message: string) => String(<ConsentErrorPage message={message} />),
};
