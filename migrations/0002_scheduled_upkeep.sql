-- Indexes for the scheduled jobs (src/scheduled/), so each run reads only the rows it acts on.

-- Audit retention deletes the oldest tool-call rows first, in bounded batches.
CREATE INDEX mcp_tool_calls_created ON mcp_tool_calls (created_at, id);

-- Credential re-encryption finds live accounts whose credential is sealed under an older key version.
CREATE INDEX integrated_accounts_key_version ON integrated_accounts (credentials_key_version, id)
  WHERE deleted_at IS NULL;
