#!/usr/bin/env bash
# The latency harness through nginx over TLS (ops/field.sh), on the same PostgreSQL and RabbitMQ: first two api
# replicas and two extractors behind the proxy (split), then one process with every role behind the same proxy
# (single), each on a fresh schema (the harness's sentences are the same each run, and a store that holds them
# would answer every add as a duplicate), so the cost of the topology shows in one run. Prints each process's
# resident memory at rest before its bench.
#   bench/field.sh [--n 200] [--warmup 20]
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/field-app.sh
. bench/field-app.sh
run="bench_field_$(date +%s)"

dir=
cleanup() {
  [ -z "$dir" ] || ops/field.sh stop "$dir"
  for layout in split single; do
    psql "$MEM0_DATABASE_URL" -qc "drop schema if exists ${run}_$layout cascade" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
echo "commit $(git rev-parse --short HEAD), $(nproc) cores"
for layout in split single; do
  dir="$(mktemp -d)"
  FIELD_LAYOUT=$layout FIELD_SCHEMA="${run}_$layout" ops/field.sh start "$dir"
  # shellcheck disable=SC1091
  . "$dir/field.env"
  sleep 10 # let start-up work (JIT, index load, Hangfire's first polls) settle before reading memory
  echo "== $layout: resident memory at rest"
  for pidfile in "$dir"/*.pid; do
    name="$(basename "$pidfile" .pid)"
    [ "$name" = nginx ] && continue
    echo "  $name: $(( $(ps -o rss= -p "$(cat "$pidfile")") / 1024 )) MB"
  done
  dotnet bench/Mem0.Bench/bin/Release/net10.0/Mem0.Bench.dll --base-url "$FIELD_URL" --api-key "$FIELD_API_KEY" \
    --ca "$FIELD_CA" --resolve "$FIELD_HOST:127.0.0.1" "$@"
  ops/field.sh stop "$dir"
  rm -rf "$dir"; dir=
done
