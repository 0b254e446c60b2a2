-- OAuth 2.1 for MCP clients. Clients, grants and tokens live in OAUTH_KV (the OAuth library's
-- storage); D1 keeps what the gateway itself decides and shows.

-- A tenant's own sign-in for the consent step: where the gateway sends the browser, and the key
-- that signs the consent request and verifies the tenant's answer. The key is stored only as an
-- AES-256-GCM envelope (ENCRYPTION_KEY, associated data "oauth-approval-key:" || tenant_id).
CREATE TABLE tenant_oauth_sign_in (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
  login_url TEXT NOT NULL,
  key_ciphertext TEXT NOT NULL,
  created_at TEXT NOT NULL,
  key_rotated_at TEXT NOT NULL
);

-- When each OAuth grant last reached its server (written at most once a minute per grant).
CREATE TABLE oauth_grant_usage (
  grant_id TEXT PRIMARY KEY,
  server_id TEXT NOT NULL,
  last_used_at TEXT NOT NULL
);

-- The OAuth client (client id or CIMD URL) that made a tool call; NULL for url and api_token servers.
ALTER TABLE mcp_tool_calls ADD COLUMN oauth_client_id TEXT;
