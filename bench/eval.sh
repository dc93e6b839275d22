#!/usr/bin/env bash
# Retrieval quality, offline: starts the server with the local profile on a throwaway schema (RabbitMQ bus),
# imports generated multi-session conversations turn by turn through the REST API, asks every question in each
# search mode, and prints R@5, R@10 and MRR beside two baselines computed in the same run (BM25 and dense
# retrieval with the same embedder, over the same turns). Seeded: the same seed gives the same corpus.
#   bench/eval.sh [--seed 7] [--conversations 12]
# BENCH_SERVER_ENV="env NAME=value" passes settings to the server process only (to compare models or modes).
set -euo pipefail
cd "$(dirname "$0")/.."

port=8766
# shellcheck source=bench/local-server.sh
. bench/local-server.sh
bench_services rabbitmq
local_server_env eval
export LOG_LEVEL=WARNING
build_bench
start_local_server "$port" /tmp/mem0-eval-server.log
echo "commit $(git rev-parse --short HEAD), local profile (${BENCH_SERVER_ENV:-defaults})"
dotnet bench/Mem0.Bench/bin/Release/net10.0/Mem0.Bench.dll eval --base-url "http://127.0.0.1:$port" --api-key "$MEM0_API_KEY" "$@"
