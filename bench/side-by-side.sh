#!/usr/bin/env bash
# This server against the open-source mem0 library (npm mem0ai, bench/side-by-side/package.json), both calling one
# local OpenAI-format provider stand-in through their own client libraries, on the same facts in the same order:
# add, search, repeated add, one at a time; p50/p95 per phase, the ratio, and the model calls each made. Two latency
# profiles: a stand-in that answers at once, and one that takes 300 ms per chat call and 50 ms per embedding call.
# The server runs the local profile on RabbitMQ with the stand-in as its LLM and embedder (MEM0_LLM_PROVIDER=openai,
# MEM0_EMBED_PROVIDER=openai); mem0 runs in process with its "memory" vector store and its history, SQLite files both.
#   bench/side-by-side.sh [--n 200] [--latent-n 100] [--only zero|latent]
# BENCH_SERVER_ENV="env NAME=value" passes settings to the server only (MEM0_PIPELINE=one-call, say).
set -euo pipefail
cd "$(dirname "$0")/.."

n=200
latent_n=100
only=
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift ;;
    --latent-n) latent_n="$2"; shift ;;
    --only) only="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done

# mem0ai's vector store is SQLite (better-sqlite3): its native part is built here, as npm does not run install scripts.
if [ ! -d bench/side-by-side/node_modules/mem0ai ]; then
  (cd bench/side-by-side && npm ci --no-audit --no-fund >/dev/null && npm rebuild better-sqlite3 --foreground-scripts >/dev/null)
fi

port=8769
provider_port=8790
dims=256
# shellcheck source=bench/local-server.sh
. bench/local-server.sh
bench_services rabbitmq
build_bench
bench=(dotnet bench/Mem0.Bench/bin/Release/net10.0/Mem0.Bench.dll)
work="$(mktemp -d)"
provider=
stop_provider() { [ -n "$provider" ] && { kill "$provider" 2>/dev/null || true; wait "$provider" 2>/dev/null || true; }; provider=; }
trap 'stop_provider; local_server_cleanup; rm -rf "$work"' EXIT
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, mem0ai $(node -p "require('./bench/side-by-side/node_modules/mem0ai/package.json').version")"

run_profile() { # name chat_ms embed_ms count
  "${bench[@]}" provider --port "$provider_port" --chat-ms "$2" --embed-ms "$3" --dims "$dims" > "$work/provider.log" 2>&1 &
  provider=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$provider_port/calls" >/dev/null && break; sleep 0.2; done
  "${bench[@]}" side-by-side data --out "$work/data.json" --n "$4"
  rm -rf "$work/mem0" && mkdir -p "$work/mem0"
  MEM0_TELEMETRY=false node bench/side-by-side/mem0.mjs "$work/data.json" "$work/mem0.json" "http://127.0.0.1:$provider_port/v1" "$dims" "$work/mem0"
  local_server_env sidebyside
  export LOG_LEVEL=WARNING MEM0_LLM_PROVIDER=openai MEM0_LLM_MODEL=gpt-4.1-mini MEM0_EMBED_PROVIDER=openai MEM0_EMBED_MODEL=text-embedding-3-small \
    MEM0_EMBED_DIMS="$dims" OPENAI_API_KEY=stand-in OPENAI_BASE_URL="http://127.0.0.1:$provider_port/v1"
  start_local_server "$port" "$work/server.log"
  "${bench[@]}" side-by-side server --data "$work/data.json" --mem0 "$work/mem0.json" --base-url "http://127.0.0.1:$port" \
    --api-key "$MEM0_API_KEY" --provider "http://127.0.0.1:$provider_port" --profile "$1"
  local_server_cleanup
  stop_provider
  echo
}

[ "$only" = latent ] || run_profile "answering at once" 0 0 "$n"
[ "$only" = zero ] || run_profile "taking 300 ms per chat call, 50 ms per embedding call" 300 50 "$latent_n"
