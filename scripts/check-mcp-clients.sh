#!/usr/bin/env bash
# Checks an MCP URL with the Inspector CLI, mcp-remote and the official conformance suite.
# Usage: scripts/check-mcp-clients.sh [mcp-url] [--bearer <api-token>] [--skip-conformance]
# With no URL it uses .wrangler/demo.json from `npm run dev`. See scripts/mcp-clients/check.ts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Node 22 comes from the `node` devDependency; the Node on PATH may be older.
export PATH="$ROOT/node_modules/.bin:$PATH"
exec node "$ROOT/scripts/mcp-clients/check.ts" "$@"
