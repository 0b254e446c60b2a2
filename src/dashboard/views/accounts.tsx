/** Integrated accounts: the list, and the form that links a new Missive account. */
import type { FC } from 'hono/jsx';
import type { AccountView, TenantView } from '../models';
import { paths } from '../paths';
import { CsrfField, Layout, Notice, When, type Viewer } from './layout';

/** The account defaults the link form offers: they fill fields a tool caller leaves out. */
export const DEFAULT_FIELDS = [
  { name: 'organization', label: 'Organization id', hint: 'Used by tools that need an organization.' },
  { name: 'team', label: 'Team id', hint: 'Default team for drafts, posts and tasks.' },
  { name: 'contact_book', label: 'Contact book id', hint: 'Default contact book for the contact tools.' },
  { name: 'from_address', label: 'From address', hint: "One of the account owner's Missive aliases, for drafts." },
  { name: 'from_name', label: 'From name', hint: 'Display name paired with the from address.' },
  { name: 'account', label: 'Custom-channel account id', hint: 'Only for creating incoming custom-channel messages.' },
] as const;

export type LinkFormDefaults = Partial<Record<(typeof DEFAULT_FIELDS)[number]['name'], string>>;

export interface LinkFormState {
  name: string;
  tenantId: string;
  defaults?: LinkFormDefaults;
  error?: string;
}

export interface AccountsPageProps {
  viewer: Viewer;
  accounts: AccountView[];
  /** Only for admins: the tenants an account can be linked for. */
  tenants: TenantView[] | null;
  nextCursor: string | null;
  /** Admin only: the tenant the list is narrowed to ('' = every tenant). */
  tenantFilter: string;
  link: LinkFormState;
  notice?: string;
}

const tenantName = (tenants: TenantView[] | null, id: string) => tenants?.find((t) => t.id === id)?.name ?? '';

export const AccountsPage: FC<AccountsPageProps> = ({
  viewer,
  accounts,
  tenants,
  nextCursor,
  tenantFilter,
  link,
  notice,
}) => (
  <Layout title="Integrated accounts" viewer={viewer}>
    <h1>Integrated accounts</h1>
    <p class="lead">
      {viewer.isAdmin ? 'Missive accounts linked by every tenant.' : 'Missive accounts linked by your tenant.'}
    </p>
    {notice ? <Notice kind="success">{notice}</Notice> : null}
    {tenants && tenants.length > 0 ? (
      <form class="filter actions" method="get" action={paths.accounts}>
        <label for="tenant_filter">Show accounts of</label>
        <select id="tenant_filter" name="tenant">
          <option value="">All tenants</option>
          {tenants.map((t) => (
            <option value={t.id} selected={t.id === tenantFilter}>
              {t.name}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Show
        </button>
      </form>
    ) : null}
    <div class="table-wrap" role="region" aria-label="Accounts table" tabindex={0}>
      <table>
        <caption>Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {viewer.isAdmin ? <th scope="col">Tenant</th> : null}
            <th scope="col">Created</th>
            <th scope="col" class="num">
              Live servers
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr>
              <th scope="row">
                <a href={paths.account(a.id)}>{a.name}</a>
              </th>
              {viewer.isAdmin ? (
                <td>
                  {tenantName(tenants, a.tenantId)}
                  <span class="hint">
                    <code>{a.tenantId}</code>
                  </span>
                </td>
              ) : null}
              <td>
                <When iso={a.createdAt} />
              </td>
              <td class="num">{a.liveServers}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {accounts.length === 0 ? <p class="empty">No accounts yet. Link one below.</p> : null}
    </div>
    {nextCursor ? (
      <p>
        <a
          href={`${paths.accounts}?${new URLSearchParams({ cursor: nextCursor, ...(tenantFilter ? { tenant: tenantFilter } : {}) }).toString()}`}
        >
          More accounts
        </a>
      </p>
    ) : null}

    <h2 id="link">Link a Missive account</h2>
    <form class="stack card" method="post" action={paths.accounts} aria-labelledby="link">
      <CsrfField token={viewer.csrf} />
      {link.error ? <Notice kind="error">{link.error}</Notice> : null}
      {tenants && tenants.length === 0 ? (
        <Notice kind="info">There are no tenants yet: create one with the admin API (POST /tenants) first.</Notice>
      ) : null}
      {tenants ? (
        <div>
          <label for="tenant_id">Tenant</label>
          <select id="tenant_id" name="tenant_id" required>
            {/* No default: linking a customer's account to the wrong tenant must take a deliberate choice. */}
            <option value="" disabled selected={!link.tenantId}>
              Choose a tenant…
            </option>
            {tenants.map((t) => (
              <option value={t.id} selected={t.id === link.tenantId}>
                {t.name} ({t.id})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label for="account_name">Name</label>
        <span class="hint" id="account_name_hint">
          How you will recognise this account, e.g. the customer's company.
        </span>
        <input
          type="text"
          id="account_name"
          name="name"
          required
          maxlength={200}
          value={link.name}
          aria-describedby="account_name_hint"
        />
      </div>
      <div>
        <label for="api_token">Missive API token</label>
        <span class="hint" id="api_token_hint">
          Checked against Missive, then stored encrypted. It is never shown again, not even here.
        </span>
        <input
          type="password"
          id="api_token"
          name="api_token"
          required
          autocomplete="off"
          spellcheck={false}
          maxlength={500}
          aria-describedby="api_token_hint"
        />
      </div>
      <details>
        <summary>Defaults (optional)</summary>
        <p class="hint">Ids from Missive that tools use when a caller leaves the field out. Each can be left empty.</p>
        {DEFAULT_FIELDS.map((f) => (
          <div>
            <label for={`default_${f.name}`}>{f.label}</label>
            <span class="hint" id={`default_${f.name}_hint`}>
              {f.hint}
            </span>
            <input
              type="text"
              id={`default_${f.name}`}
              name={f.name}
              maxlength={320}
              spellcheck={false}
              autocomplete="off"
              value={link.defaults?.[f.name] ?? ''}
              aria-describedby={`default_${f.name}_hint`}
            />
          </div>
        ))}
      </details>
      <div class="actions">
        <button type="submit">Link account</button>
      </div>
    </form>
  </Layout>
);
