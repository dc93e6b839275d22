#!/usr/bin/env bash
# Sustained adds on the local profile with RabbitMQ (one server process, local extractor and embedder), on a fresh
# schema: 16 clients adding new content for 60 s, every add under its own Idempotency-Key; adds/s, p50/p95/p99, the
# add stages, failures, and every acknowledged memory read back.
#   bench/sustained.sh [--in-memory] [--clients 16] [--seconds 60]
set -euo pipefail
cd "$(dirname "$0")/.."

bus=rabbitmq
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --in-memory) bus=in-memory ;;
    *) args+=("$1") ;;
  esac
  shift
done
port=8768
# shellcheck source=bench/local-server.sh
. bench/local-server.sh
bench_services "$bus"
local_server_env benchsustained
export LOG_LEVEL=WARNING
build_bench
start_local_server "$port" /tmp/mem0-bench-sustained.log
echo "bus: $bus, commit $(git rev-parse --short HEAD), $(nproc) cores"
sleep 5 # start-up work (JIT, Hangfire's first polls) settles first
dotnet bench/Mem0.Bench/bin/Release/net10.0/Mem0.Bench.dll load --base-url "http://127.0.0.1:$port" --api-key "$MEM0_API_KEY" \
  --adds-only "${args[@]}"
