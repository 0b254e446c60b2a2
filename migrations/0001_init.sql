-- Control-plane schema: tenants, API tokens, integrated accounts, MCP servers, audit.
-- Timestamps are ISO 8601 UTC strings (`new Date().toISOString()`), so they sort as text.
-- No secret is stored in clear: API tokens are not stored at all (only metadata keyed by
-- their `jti`), MCP tokens only as HMAC-SHA256, Missive API tokens only AES-GCM encrypted.

CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX tenants_created ON tenants (created_at, id);

-- One row per issued API token (JWT). `id` is the JWT's `jti`; the JWT itself is never stored.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  name TEXT NOT NULL,
  key_id TEXT NOT NULL,
  token_last4 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id, created_at, id);

-- A customer's Missive account linked by a tenant. Deletion is soft: the row stays for the
-- audit trail, but the encrypted credential is erased.
CREATE TABLE integrated_accounts (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  name TEXT NOT NULL,
  integration TEXT NOT NULL CHECK (integration IN ('missive')),
  -- `v<key version>.<iv>.<ciphertext>` (base64url), AES-256-GCM, AAD = account id. NULL once deleted.
  credentials_ciphertext TEXT,
  credentials_key_version INTEGER,
  defaults_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX integrated_accounts_tenant ON integrated_accounts (tenant_id, created_at, id);
CREATE INDEX integrated_accounts_created ON integrated_accounts (created_at, id);

-- An MCP server minted for an account. `token_hash` = hex HMAC-SHA256(TOKEN_HMAC_KEY v<token_hmac_version>, token).
CREATE TABLE mcp_servers (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES integrated_accounts (id),
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  name TEXT NOT NULL,
  config_json TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  token_hmac_version INTEGER NOT NULL,
  token_last4 TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'revoked', 'expired')),
  expires_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT,
  rotated_at TEXT
);
CREATE INDEX mcp_servers_account ON mcp_servers (account_id, created_at, id);

-- One row per MCP tools/call. `arguments_json` is redacted by the caller before insert.
CREATE TABLE mcp_tool_calls (
  id TEXT PRIMARY KEY,
  server_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  tool TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'denied', 'rate_limited')),
  upstream_status INTEGER,
  duration_ms INTEGER NOT NULL,
  arguments_json TEXT,
  request_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX mcp_tool_calls_server ON mcp_tool_calls (server_id, created_at DESC, id DESC);

-- Who did what to which object, for every admin API mutation.
CREATE TABLE admin_audit (
  id TEXT PRIMARY KEY,
  actor_type TEXT NOT NULL CHECK (actor_type IN ('admin', 'api_token', 'system')),
  actor_id TEXT,
  tenant_id TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  request_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX admin_audit_tenant ON admin_audit (tenant_id, created_at);
