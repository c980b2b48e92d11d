#!/usr/bin/env bash
# Installs the Node MCP servers whose cold start benchmarks/side-by-side.sh compares with ours, pinned
# by benchmarks/peers/package-lock.json, into benchmarks/peers (never globally):
#   @ivotoby/openapi-mcp-server 1.16.1   reads the Airflow 3.2.0 spec at start
#   openapi-mcp-generator 4.0.1          its output for the same spec, generated into
#                                        benchmarks/peers/gen/airflow and compiled with tsc
# Optional: without them the benchmark skips the peers' rows and says so. Needs npm; the servers run
# on Node >= 20 (the Node 24 of scripts/install-test-tools.sh when installed, else `node`).
set -euo pipefail
cd "$(dirname "$0")/peers"

if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed to install the benchmark peers (apt-get install npm)" >&2
  exit 1
fi
node=$(cd ../.. && pwd)/.tools/node_modules/.bin/node
[ -x "$node" ] || node=node
# The lock file pins every package; no install scripts (none of these needs one).
npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error
rm -rf gen
"$node" node_modules/openapi-mcp-generator/bin/openapi-mcp-generator.js \
  -i ../../airflow-specs/airflow-3.2.0-v2.yaml -o gen/airflow -n airflow-gen \
  -b http://127.0.0.1:8080 -t stdio >/dev/null
[ -f gen/airflow/src/index.ts ] || { echo "error: openapi-mcp-generator wrote no project" >&2; exit 1; }
# The generated project's dependencies are the ones installed above (Node looks for them in the
# parent folders' node_modules); compile it with the pinned TypeScript.
(cd gen/airflow && "$node" ../../node_modules/typescript/bin/tsc -p .)
echo "benchmark peers installed in benchmarks/peers (Node $("$node" --version))"
