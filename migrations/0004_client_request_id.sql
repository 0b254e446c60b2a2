-- The request id stored in an audit row is the gateway's own; the one a client sent (X-Request-Id) is kept apart,
-- so a caller cannot forge or collide with the ids operators use to find a request in the logs.
ALTER TABLE mcp_tool_calls ADD COLUMN client_request_id TEXT;
