/** An account's MCP servers, one server with its audit log, and the rotate/revoke confirmations. */
import type { FC } from 'hono/jsx';
import { authModeOf, type McpServerConfig } from '../../missive/server-config';
import type { ServerGrant } from '../../control/oauth-grants';
import { OAuthGrantsSection } from './oauth-grants';
import type { AccountView, ServerView, ToolCallView } from '../models';
import { paths } from '../paths';
import { CsrfField, FormIdField, Layout, Notice, When, type Crumb, type Viewer } from './layout';

const accountCrumbs = (account: AccountView): Crumb[] => [
  { href: paths.accounts, label: 'Accounts' },
  { href: paths.account(account.id), label: account.name },
];

export const StatusBadge: FC<{ status: ServerView['status'] }> = ({ status }) => (
  <span class={`badge ${status}`}>{status}</span>
);

const Chips: FC<{ items: readonly string[] | undefined; all: string }> = ({ items, all }) =>
  items && items.length > 0 ? (
    <ul class="chips">
      {items.map((i) => (
        <li>{i}</li>
      ))}
    </ul>
  ) : (
    <span>{all}</span>
  );

const Methods: FC<{ config: McpServerConfig }> = ({ config }) => <Chips items={config.methods} all="all" />;
const Tags: FC<{ config: McpServerConfig }> = ({ config }) => <Chips items={config.tags} all="all" />;

export interface AccountPageProps {
  viewer: Viewer;
  account: AccountView;
  servers: ServerView[];
  nextCursor: string | null;
  notice?: string;
}

export const AccountPage: FC<AccountPageProps> = ({ viewer, account, servers, nextCursor, notice }) => (
  <Layout title={account.name} viewer={viewer} crumbs={accountCrumbs(account)}>
    <h1>{account.name}</h1>
    <p class="lead">
      Account <code>{account.id}</code>
      {viewer.isAdmin ? (
        <>
          {' '}
          of tenant <code>{account.tenantId}</code>
        </>
      ) : null}
      , linked <When iso={account.createdAt} />.
    </p>
    {notice ? <Notice kind="success">{notice}</Notice> : null}
    <p>
      <a class="button" href={paths.newServer(account.id)}>
        Mint an MCP server
      </a>
    </p>
    <div class="table-wrap" role="region" aria-label="MCP servers table" tabindex={0}>
      <table>
        <caption>MCP servers</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Methods</th>
            <th scope="col">Tags</th>
            <th scope="col">
              <abbr title="Callers must also send a tenant API token">Bearer</abbr>
            </th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((s) => (
            <tr>
              <th scope="row">
                <a href={paths.server(account.id, s.id)}>{s.name}</a>
              </th>
              <td>
                <StatusBadge status={s.status} />
              </td>
              <td>
                <Methods config={s.config} />
              </td>
              <td>
                <Tags config={s.config} />
              </td>
              <td>{s.config.require_api_token_auth ? 'yes' : 'no'}</td>
              <td>
                <When iso={s.createdAt} />
              </td>
              <td>
                <When iso={s.expiresAt} empty="never" />
              </td>
              <td>
                <When iso={s.lastUsedAt} empty="never" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {servers.length === 0 ? <p class="empty">No MCP servers for this account yet.</p> : null}
    </div>
    {nextCursor ? (
      <p>
        <a href={`${paths.account(account.id)}?cursor=${encodeURIComponent(nextCursor)}`}>More servers</a>
      </p>
    ) : null}
  </Layout>
);

export interface ServerPageProps {
  viewer: Viewer;
  account: AccountView;
  server: ServerView;
  calls: ToolCallView[];
  nextCursor: string | null;
  notice?: string;
  /** The server's OAuth grants (connected clients). */
  grants?: ServerGrant[];
}

export const ServerPage: FC<ServerPageProps> = ({ viewer, account, server, calls, nextCursor, notice, grants }) => (
  <Layout title={server.name} viewer={viewer} crumbs={[...accountCrumbs(account), { label: server.name }]}>
    <h1>
      {server.name} <StatusBadge status={server.status} />
    </h1>
    {notice ? <Notice kind="success">{notice}</Notice> : null}
    <section class="card" aria-labelledby="facts">
      <h2 id="facts" class="sr-only">
        Details
      </h2>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={server.status} />
          {server.status === 'revoked' && server.revokedAt ? (
            <>
              {' '}
              since <When iso={server.revokedAt} />; its URL answers 404.
            </>
          ) : null}
          {server.status === 'expired' ? ' Its URL answers 404.' : null}
        </dd>
        <dt>Server id</dt>
        <dd>
          <code>{server.id}</code>
        </dd>
        <dt>URL</dt>
        <dd>
          ends in <code>…{server.tokenLast4}</code> (shown in full only when minted or rotated)
        </dd>
        <dt>Methods</dt>
        <dd>
          <Methods config={server.config} />
        </dd>
        <dt>Tags</dt>
        <dd>
          <Tags config={server.config} />
        </dd>
        <dt>Protection</dt>
        <dd>
          {
            {
              url: 'the URL alone',
              api_token: 'the URL and a tenant API token (Bearer)',
              oauth: 'the URL and an OAuth access token granted on the consent page',
            }[authModeOf(server.config)]
          }
        </dd>
        <dt>Asks a human before</dt>
        <dd>
          {
            { none: 'nothing', destructive: 'deletes, merges and webhooks', writes: 'every change' }[
              server.config.approval ?? 'destructive'
            ]
          }
        </dd>
        <dt>Created</dt>
        <dd>
          <When iso={server.createdAt} />
        </dd>
        <dt>Expires</dt>
        <dd>
          <When iso={server.expiresAt} empty="never" />
        </dd>
        <dt>Last used</dt>
        <dd>
          <When iso={server.lastUsedAt} empty="never" />
        </dd>
      </dl>
    </section>
    {server.status === 'live' ? (
      <div class="actions">
        <a class="button secondary" href={paths.rotate(account.id, server.id)}>
          Rotate URL…
        </a>
        <a class="button danger" href={paths.revoke(account.id, server.id)}>
          Revoke…
        </a>
      </div>
    ) : null}

    {grants && (grants.length > 0 || authModeOf(server.config) === 'oauth') && viewer ? (
      <OAuthGrantsSection
        grants={grants}
        csrf={viewer.csrf}
        revokeAction={(grantId) => paths.revokeGrant(account.id, server.id, grantId)}
      />
    ) : null}

    <h2 id="audit">Tool calls</h2>
    <div class="table-wrap" role="region" aria-labelledby="audit" tabindex={0}>
      <table aria-labelledby="audit">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Tool</th>
            <th scope="col">Outcome</th>
            <th scope="col" class="num">
              Upstream
            </th>
            <th scope="col" class="num">
              Duration
            </th>
            <th scope="col">Request id</th>
            <th scope="col">Arguments (redacted)</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr>
              <td>
                <When iso={call.createdAt} />
              </td>
              <td>
                <code>{call.tool}</code>
              </td>
              <td>
                <span class={`badge ${call.outcome}`}>{call.outcome.replace('_', ' ')}</span>
              </td>
              <td class="num">{call.upstreamStatus ?? '—'}</td>
              <td class="num">{call.durationMs} ms</td>
              <td>{call.requestId ? <code>{call.requestId}</code> : '—'}</td>
              <td>
                {call.argumentsJson ? (
                  <details>
                    <summary>
                      Show<span class="sr-only"> arguments</span>
                    </summary>
                    <pre>
                      <code>{call.argumentsJson}</code>
                    </pre>
                  </details>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {calls.length === 0 ? <p class="empty">No tool calls recorded yet.</p> : null}
    </div>
    {nextCursor ? (
      <p>
        <a href={`${paths.server(account.id, server.id)}?cursor=${encodeURIComponent(nextCursor)}#audit`}>
          Older calls
        </a>
      </p>
    ) : null}
  </Layout>
);

export interface ConfirmPageProps {
  viewer: Viewer;
  account: AccountView;
  server: ServerView;
  action: 'rotate' | 'revoke';
  /** The rotate form's one-time id (rotating shows a URL once, so it must act once per render). */
  formId?: string;
  /** Why the form is shown again, e.g. it was open too long. */
  notice?: string;
}

/** A confirmation that names the server; the POST it sends is the only way to act. */
export const ConfirmPage: FC<ConfirmPageProps> = ({ viewer, account, server, action, formId, notice }) => {
  const revoke = action === 'revoke';
  const title = revoke ? `Revoke ${server.name}?` : `Rotate the URL of ${server.name}?`;
  return (
    <Layout
      title={title}
      viewer={viewer}
      crumbs={[
        ...accountCrumbs(account),
        { href: paths.server(account.id, server.id), label: server.name },
        { label: revoke ? 'Revoke' : 'Rotate' },
      ]}
    >
      <h1>{title}</h1>
      {notice ? <Notice kind="error">{notice}</Notice> : null}
      <Notice kind="warning">
        {revoke ? (
          <p>
            The server <strong>{server.name}</strong> (<code>{server.id}</code>) of account{' '}
            <strong>{account.name}</strong> stops working on its next request: every client that uses its URL gets 404.
            This cannot be undone.
          </p>
        ) : (
          <p>
            The server <strong>{server.name}</strong> (<code>{server.id}</code>) of account{' '}
            <strong>{account.name}</strong> gets a new URL, shown once on the next page. The current URL (ending in{' '}
            <code>…{server.tokenLast4}</code>) stops working at once; every client must be given the new one.
          </p>
        )}
      </Notice>
      <form
        method="post"
        action={revoke ? paths.revoke(account.id, server.id) : paths.rotate(account.id, server.id)}
        autocomplete="off"
        data-submit-once
      >
        <CsrfField token={viewer.csrf} />
        {formId ? <FormIdField formId={formId} /> : null}
        <div class="actions">
          <button type="submit" class={revoke ? 'danger' : ''}>
            {revoke ? `Revoke ${server.name}` : `Rotate the URL of ${server.name}`}
          </button>
          <a href={paths.server(account.id, server.id)}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
};
