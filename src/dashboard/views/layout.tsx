/** The page frame every dashboard page shares: head, header with navigation and sign-out, main. */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { ASSET_PATHS, DASHBOARD_BASE } from '../paths';

export interface Viewer {
  /** `Admin` or the tenant's id, for the header. */
  label: string;
  isAdmin: boolean;
  csrf: string;
}

export interface Crumb {
  href?: string;
  label: string;
}

export interface LayoutProps {
  title: string;
  viewer?: Viewer | null;
  crumbs?: Crumb[];
}

/** The hidden field every state-changing form carries (see csrf.ts). */
export const CsrfField: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

/** The one-time id of a form whose POST must act at most once (see form-id.ts). */
export const FormIdField: FC<{ formId: string }> = ({ formId }) => (
  <input type="hidden" name="_form_id" value={formId} autocomplete="off" />
);

export const Layout: FC<PropsWithChildren<LayoutProps>> = ({ title, viewer, crumbs, children }) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <link rel="icon" href={ASSET_PATHS.icon} type="image/svg+xml" />
        <title>{`${title} · Missive MCP gateway`}</title>
        <link rel="stylesheet" href={ASSET_PATHS.css} />
        <script src={ASSET_PATHS.js} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <div class="bar">
            <a class="brand" href={DASHBOARD_BASE}>
              Missive MCP gateway
            </a>
            {viewer ? (
              <>
                <nav aria-label="Main">
                  <ul>
                    <li>
                      <a href={`${DASHBOARD_BASE}/accounts`}>Accounts</a>
                    </li>
                  </ul>
                </nav>
                <span class="who">Signed in as {viewer.label}</span>
                <form class="inline" method="post" action={`${DASHBOARD_BASE}/sign-out`}>
                  <CsrfField token={viewer.csrf} />
                  <button type="submit" class="secondary">
                    Sign out
                  </button>
                </form>
              </>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {crumbs && crumbs.length > 0 ? <Breadcrumbs crumbs={crumbs} /> : null}
          {children}
        </main>
      </body>
    </html>
  </>
);

const Breadcrumbs: FC<{ crumbs: Crumb[] }> = ({ crumbs }) => (
  <nav class="crumbs" aria-label="Breadcrumb">
    <ol>
      {crumbs.map((crumb, i) => (
        <li>
          {crumb.href && i < crumbs.length - 1 ? (
            <a href={crumb.href}>{crumb.label}</a>
          ) : (
            <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{crumb.label}</span>
          )}
        </li>
      ))}
    </ol>
  </nav>
);

export type NoticeKind = 'info' | 'success' | 'error' | 'warning';

/** A message box; errors are announced to screen readers at once. */
export const Notice: FC<{ kind?: NoticeKind; children?: Child }> = ({ kind = 'info', children }) => (
  <div class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);

/** An ISO timestamp shown in UTC with a machine-readable <time>. */
export const When: FC<{ iso: string | null | undefined; empty?: string }> = ({ iso, empty = '—' }) => {
  if (!iso) return <span>{empty}</span>;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return <span>{iso}</span>;
  const text = `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return <time datetime={d.toISOString()}>{text}</time>;
};
