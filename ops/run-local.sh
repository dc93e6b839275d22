#!/usr/bin/env bash
# Runs the server with the local profile: no API keys, no network. Starts the local PostgreSQL if needed
# (installing it from Debian's packages when missing), uses the local fact extractor, the arctic-embed-xs ONNX embedder
# and the embedded vector index. Listens on http://127.0.0.1:8000 unless MEM0_URLS says otherwise.
#
# The bus is MassTransit's in-memory transport unless RABBITMQ_URL is set (ops/services.sh start rabbitmq
# starts a local one). The API key is generated once, kept in .local/api-key and printed at start.
set -euo pipefail
cd "$(dirname "$0")/.."

ops/services.sh start postgres
eval "$(ops/services.sh env | grep '^MEM0_DATABASE_URL=' | sed 's/^/export /')"

mkdir -p .local
if [ -z "${MEM0_API_KEY:-}" ]; then
  if [ ! -s .local/api-key ]; then
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > .local/api-key)
  fi
  MEM0_API_KEY="$(cat .local/api-key)"
fi
export MEM0_API_KEY
export MEM0_PROFILE="${MEM0_PROFILE:-local}"
export MEM0_DEFAULT_USER_ID="${MEM0_DEFAULT_USER_ID:-default-user}"
# The nightly backup job writes here (the 3 newest are kept); `mem0 admin backup` does it now.
export BACKUP_DIR="${BACKUP_DIR:-$PWD/.local/backups}"
urls="${MEM0_URLS:-http://127.0.0.1:8000}"
# What the admin commands (mem0 admin backup / backups / restore) read when run from this checkout.
{
  echo "# written by ops/run-local.sh: the local server's settings, for the mem0 admin commands"
  for v in MEM0_PROFILE MEM0_DATABASE_URL MEM0_DATABASE_SCHEMA MEM0_DEFAULT_USER_ID BACKUP_DIR; do
    [ -z "${!v:-}" ] || echo "$v=${!v}"
  done
} > .local/server.env

cat <<INFO
mem0 (local profile) starting on $urls
  API key:  $MEM0_API_KEY      (kept in .local/api-key)
  try:      curl -s $urls/healthz
            curl -s -X POST $urls/api/v1/memories -H "Authorization: Bearer \$(cat .local/api-key)" \\
                 -H "Content-Type: application/json" -d '{"content": "I prefer dark mode"}'
  MCP:      claude mcp add --transport http mem0 $urls/mcp --header "Authorization: Bearer \$(cat .local/api-key)"
  console:  $urls/ui       (sign in with the key)
  docs:     $urls/docs     jobs: $urls/hangfire (the key as password)     metrics: $urls/metrics
INFO

exec dotnet run --project src/Mem0.Api -c Release --no-launch-profile -- --urls "$urls"
