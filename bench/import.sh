#!/usr/bin/env bash
# Imports a generated Readwise export of short distinct highlights through `mem0 import readwise` into a local-profile
# server on a throwaway schema (RabbitMQ unless --in-memory), end to end: items/s, and the memories stored counted back.
#   bench/import.sh [--in-memory] [--items 10000] [--batch-size 50] [--concurrency 4]
set -euo pipefail
cd "$(dirname "$0")/.."

bus=rabbitmq
items=10000
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --in-memory) bus=in-memory ;;
    --items) items="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

port=8766
# shellcheck source=bench/local-server.sh
. bench/local-server.sh
bench_services "$bus"
local_server_env benchimport
export LOG_LEVEL=WARNING

build_bench cli
csv="$(mktemp --suffix .csv)"
dotnet bench/Mem0.Bench/bin/Release/net10.0/Mem0.Bench.dll readwise-csv --count "$items" --out "$csv"
start_local_server "$port" /tmp/mem0-bench-import.log
echo "bus: $bus, commit $(git rev-parse --short HEAD), $(nproc) cores, $items highlights"
t0=$(date +%s.%N)
dotnet src/Mem0.Cli/bin/Release/net10.0/mem0.dll import readwise "$csv" --url "http://127.0.0.1:$port" --api-key "$MEM0_API_KEY" "${args[@]}" \
  | awk 'NR % 40 == 0 || /^import/'
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v n="$items" 'BEGIN { printf "import: %.1f s, %.0f items/s end to end\n", b - a, n / (b - a) }'
psql "$MEM0_DATABASE_URL" -Atc "select count(*) from $schema.mt_doc_memoryview" | sed 's/^/memories stored: /'
rm -f "$csv"
