#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance 0.1.12, the newest that runs on
# Node 20) against the real server: its server-initialize, ping, tools-list and dns-rebinding-protection
# scenarios. The suite cannot send a bearer key, so it talks to a loopback proxy that adds one
# (ops/conformance/key-proxy.mjs); the server's PUBLIC_BASE_URL is the proxy's address, as it would be behind
# any reverse proxy. Expects a Release build and PostgreSQL (ops/test.sh provides both). Prints one line per
# scenario and "conformance scenarios: N of M passed"; exits 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.1.12
scenarios=(server-initialize ping tools-list dns-rebinding-protection)
server_port=8777
proxy_port=8778
dir=.local/conformance

command -v node >/dev/null || { echo "conformance: node is missing; installing Debian's nodejs and npm" >&2;
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
if [ ! -x "$dir/node_modules/.bin/conformance" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund "@modelcontextprotocol/conformance@$version" >/dev/null)
fi

eval "$(ops/services.sh env | sed 's/^/export /')"
unset RABBITMQ_URL
schema="conf_$(date +%s)"
export MEM0_PROFILE=local MEM0_DEFAULT_USER_ID=conformance MEM0_DATABASE_SCHEMA="$schema" MEM0_BUS_PREFIX="$schema"
export MEM0_API_KEY="conf-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" PUBLIC_BASE_URL="http://127.0.0.1:$proxy_port"

server= proxy=
cleanup() {
  for p in $server $proxy; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  psql "$MEM0_DATABASE_URL" -qc "drop schema if exists $schema cascade" >/dev/null 2>&1 || true
}
trap cleanup EXIT
dotnet src/Mem0.Api/bin/Release/net10.0/Mem0.Api.dll --urls "http://127.0.0.1:$server_port" > .local/conformance/server.log 2>&1 &
server=$!
node ops/conformance/key-proxy.mjs "$proxy_port" "$server_port" > .local/conformance/proxy.log 2>&1 &
proxy=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$server_port/healthz" >/dev/null && break; sleep 0.5; done

passed=0 failed=0
for s in "${scenarios[@]}"; do
  if out=$("$dir/node_modules/.bin/conformance" server --url "http://127.0.0.1:$proxy_port/mcp" --scenario "$s" 2>&1) &&
     grep -qE '^Passed: [0-9]+/[0-9]+, 0 failed' <<<"$out"; then
    echo "  Passed conformance $s"; passed=$((passed + 1))
  else
    echo "  Failed conformance $s"; sed 's/^/    /' <<<"$out" | tail -n 20; failed=$((failed + 1))
  fi
done
echo "conformance scenarios: $passed of $((passed + failed)) passed"
[ "$failed" -eq 0 ]
