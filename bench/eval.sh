#!/usr/bin/env bash
# Retrieval quality, offline: starts the server with the local profile on a throwaway schema (RabbitMQ bus),
# imports generated multi-session conversations turn by turn through the REST API, asks every question in each
# search mode, and prints R@5, R@10 and MRR beside two baselines computed in the same run (BM25 and dense
# retrieval with the same embedder, over the same turns). Seeded: the same seed gives the same corpus.
#   bench/eval.sh [--seed 7] [--conversations 12]
# BENCH_SERVER_ENV="env NAME=value" passes settings to the server process only (to compare models or modes).
set -euo pipefail
cd "$(dirname "$0")/.."

ops/services.sh start postgres
ops/services.sh start rabbitmq
eval "$(ops/services.sh env | sed 's/^/export /')"
schema="eval_$(date +%s)"
port=8766
export MEM0_PROFILE=local MEM0_DEFAULT_USER_ID=eval-user MEM0_DATABASE_SCHEMA="$schema" MEM0_BUS_PREFIX="$schema" LOG_LEVEL=WARNING
export MEM0_API_KEY="eval-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
dotnet build src/Mem0.Api -c Release -v q -nologo > /dev/null
dotnet build bench/Mem0.Bench -c Release -v q -nologo > /dev/null
server=
cleanup() {
  [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  psql "$MEM0_DATABASE_URL" -qc "drop schema if exists $schema cascade" >/dev/null 2>&1 || true
}
trap cleanup EXIT
${BENCH_SERVER_ENV:-} dotnet src/Mem0.Api/bin/Release/net10.0/Mem0.Api.dll --urls "http://127.0.0.1:$port" > /tmp/mem0-eval-server.log 2>&1 &
server=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
echo "commit $(git rev-parse --short HEAD), local profile (${BENCH_SERVER_ENV:-defaults})"
dotnet bench/Mem0.Bench/bin/Release/net10.0/Mem0.Bench.dll eval --base-url "http://127.0.0.1:$port" --api-key "$MEM0_API_KEY" "$@"
