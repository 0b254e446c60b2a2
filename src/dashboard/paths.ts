/** URL paths of the dashboard, in one place so views and routes agree. */
export const DASHBOARD_BASE = '/dashboard';

export const ASSET_PATHS = {
  css: `${DASHBOARD_BASE}/assets/app.css`,
  js: `${DASHBOARD_BASE}/assets/app.js`,
  icon: `${DASHBOARD_BASE}/assets/icon.svg`,
} as const;

export const paths = {
  signIn: `${DASHBOARD_BASE}/sign-in`,
  signOut: `${DASHBOARD_BASE}/sign-out`,
  accounts: `${DASHBOARD_BASE}/accounts`,
  account: (accountId: string) => `${DASHBOARD_BASE}/accounts/${encodeURIComponent(accountId)}`,
  newServer: (accountId: string) => `${DASHBOARD_BASE}/accounts/${encodeURIComponent(accountId)}/servers/new`,
  createServer: (accountId: string) => `${DASHBOARD_BASE}/accounts/${encodeURIComponent(accountId)}/servers`,
  toolCount: `${DASHBOARD_BASE}/tool-count`,
  server: (accountId: string, serverId: string) =>
    `${DASHBOARD_BASE}/accounts/${encodeURIComponent(accountId)}/servers/${encodeURIComponent(serverId)}`,
  rotate: (accountId: string, serverId: string) =>
    `${DASHBOARD_BASE}/accounts/${encodeURIComponent(accountId)}/servers/${encodeURIComponent(serverId)}/rotate`,
  revokeGrant: (accountId: string, serverId: string, grantId: string) =>
    `${DASHBOARD_BASE}/accounts/${encodeURIComponent(accountId)}/servers/${encodeURIComponent(serverId)}/oauth-grants/${encodeURIComponent(grantId)}/revoke`,
  revoke: (accountId: string, serverId: string) =>
    `${DASHBOARD_BASE}/accounts/${encodeURIComponent(accountId)}/servers/${encodeURIComponent(serverId)}/revoke`,
} as const;
