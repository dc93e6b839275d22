#!/usr/bin/env bash
# The mixed concurrent load on the production topology (ops/field.sh split: nginx over TLS, two api processes, two
# extractors, a scheduler) on the local PostgreSQL and RabbitMQ, on a fresh schema: 32 clients adding (each add
# under its own Idempotency-Key), searching and listing for 60 s; throughput, latency per operation, failures, and
# every acknowledged memory read back.
#   bench/load.sh [--clients 32] [--seconds 60]
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/field-app.sh
. bench/field-app.sh
export FIELD_SCHEMA="bench_load_$(date +%s)"
dir="$(mktemp -d)"
cleanup() {
  ops/field.sh stop "$dir"
  psql "$MEM0_DATABASE_URL" -qc "drop schema if exists $FIELD_SCHEMA cascade" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
echo "commit $(git rev-parse --short HEAD), $(nproc) cores"
ops/field.sh start "$dir"
# shellcheck disable=SC1091
. "$dir/field.env"
sleep 10 # start-up work (JIT, index load, Hangfire's first polls) settles first
dotnet bench/Mem0.Bench/bin/Release/net10.0/Mem0.Bench.dll load --base-url "$FIELD_URL" --api-key "$FIELD_API_KEY" \
  --ca "$FIELD_CA" --resolve "$FIELD_HOST:127.0.0.1" "$@"
