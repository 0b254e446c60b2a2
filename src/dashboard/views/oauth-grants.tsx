/**
 * A server page's "Connected OAuth clients" section: one row per grant (client name, client id or
 * Client ID Metadata Document URL, who approved, created, last used) with a Revoke button. Client
 * names come from the clients themselves: JSX escapes them.
 */
import type { FC } from 'hono/jsx';
import type { ServerGrant } from '../../control/oauth-grants';
import { CsrfField, When } from './layout';

export const OAuthGrantsSection: FC<{
  grants: ServerGrant[];
  csrf: string;
  /** The POST target that revokes one grant. */
  revokeAction: (grantId: string) => string;
}> = ({ grants, csrf, revokeAction }) => (
  <section aria-labelledby="oauth-grants">
    <h2 id="oauth-grants">Connected OAuth clients</h2>
    <div class="table-wrap" role="region" aria-labelledby="oauth-grants" tabindex={0}>
      {grants.length === 0 ? (
        <p class="empty">No client is connected. MCP clients connect with the server URL and a consent step.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Approved by</th>
              <th scope="col">Connected</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr>
                <td>
                  <strong>{g.client_name ?? 'Unnamed client'}</strong>
                  <span class="hint">
                    <code>{g.client_id}</code>
                  </span>
                </td>
                <td>{g.approved_by ?? '—'}</td>
                <td>
                  <When iso={g.created_at} />
                </td>
                <td>
                  <When iso={g.last_used_at} empty="never" />
                </td>
                <td>
                  <form method="post" action={revokeAction(g.id)} class="inline">
                    <CsrfField token={csrf} />
                    <button type="submit" class="danger">
                      Revoke
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  </section>
);
