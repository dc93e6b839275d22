#!/usr/bin/env bash
# Starts the server with the local profile on a throwaway schema, runs the latency harness against it, then
# stops the server and drops the schema. Uses RabbitMQ for the bus unless --in-memory is given.
#   bench/run.sh [--in-memory] [--n 200] [--warmup 20]
#   bench/run.sh --memories 100000 [--n 200]    seeds that many memories first, reports the index load at start,
#                                               search latency, then a rebuild by replay (`mem0 admin rebuild-index`),
#                                               then `mem0 admin backup` and (server stopped) `admin restore --force`
# BENCH_SERVER_ENV="env NAME=value" passes settings to the server process only (runtime knobs, for comparisons).
# The server's start and clean-up are bench/local-server.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."

bus=rabbitmq
memories=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --in-memory) bus=in-memory ;;
    --memories) memories="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

port=8765
# shellcheck source=bench/local-server.sh
. bench/local-server.sh
bench_services "$bus"
local_server_env bench
export LOG_LEVEL=INFO

build_bench cli
bench=(dotnet bench/Mem0.Bench/bin/Release/net10.0/Mem0.Bench.dll)
if [ "$memories" -gt 0 ]; then
  "${bench[@]}" seed --count "$memories"
  args+=(--search-only --memories "$memories")
fi

start_local_server "$port" /tmp/mem0-bench-server.log

echo "bus: $bus, commit $(git rev-parse --short HEAD), $(nproc) cores"
if [ "$memories" -gt 0 ]; then
  grep -o '"Message":"Vector index embedded loaded[^"]*"' /tmp/mem0-bench-server.log | sed 's/"Message":/index load (rebuild from the embedding cache): /' || true
fi
"${bench[@]}" --base-url "http://127.0.0.1:$port" --api-key "$MEM0_API_KEY" "${args[@]}"
if [ "$memories" -gt 0 ]; then
  echo "rebuild by replay into a fresh index (embedding cache, no provider calls):"
  dotnet src/Mem0.Cli/bin/Release/net10.0/mem0.dll admin rebuild-index --url "http://127.0.0.1:$port" --api-key "$MEM0_API_KEY" \
    | awk '/^replaying/ { replay = $0 } /^done/ { print replay; print }'
  mem0=(dotnet src/Mem0.Cli/bin/Release/net10.0/mem0.dll admin)
  backups="$(mktemp -d)"
  seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
  t0=$(date +%s.%N); "${mem0[@]}" backup --dir "$backups" | sed -n 2p; t1=$(date +%s.%N)
  echo "backup: $(seconds "$t0" "$t1") s, $(du -h "$backups"/*.tar.gz | cut -f1) archive"
  # A restore refuses a running server, so this one is stopped (cleanly: its job runner signs off) first.
  stop_local_server
  t0=$(date +%s.%N); "${mem0[@]}" restore --force "$backups"/*.tar.gz | grep '^Restored'; t1=$(date +%s.%N)
  echo "restore (load, fold the views, check the counts; one transaction): $(seconds "$t0" "$t1") s"
  rm -rf "$backups"
fi
