# Sourced by the benches (run, eval, import, sustained, side-by-side; field-app for its build only): a local-profile
# server on a throwaway schema, dropped on exit.
#   local_server_env NAME          exports the local profile's settings for a schema NAME_<time>, user NAME-user
#   start_local_server PORT LOG    starts the built server in the background ($server) and waits for /healthz
#   stop_local_server              stops it (a later start is possible; the schema stays until exit)
# BENCH_SERVER_ENV="env NAME=value" passes settings to the server process only (for comparisons).
# BENCH_APP=DIR runs the server published there instead of the build output (so a build during a run cannot touch it).
#   bench_services BUS             starts PostgreSQL and, for BUS rabbitmq, the bench's own broker; exports their URLs
#   build_bench [cli]              builds the server and the harness (and the mem0 CLI), quietly

# The broker is a node of the bench's own, started from empty data: each run's queues are named after its schema, and
# in the machine's default node they piled up (1,717 after a few weeks) until it took minutes to start.
bench_services() {
  ops/services.sh start postgres
  if [ "$1" = rabbitmq ]; then
    export MEM0_RABBIT_PORT=5675 MEM0_RABBIT_NODE=mem0-bench@localhost MEM0_RABBIT_DATA=/var/lib/mem0-dev/rabbitmq-bench
    ops/services.sh start rabbitmq
  fi
  eval "$(ops/services.sh env | sed 's/^/export /')"
  [ "$1" = rabbitmq ] || unset RABBITMQ_URL
}
build_bench() {
  dotnet build src/Mem0.Api -c Release -v q -nologo > /dev/null
  dotnet build bench/Mem0.Bench -c Release -v q -nologo > /dev/null
  if [ "${1:-}" = cli ]; then dotnet build src/Mem0.Cli -c Release -v q -nologo > /dev/null; fi
}

local_server_env() {
  schema="$1_$(date +%s)"
  export MEM0_PROFILE=local MEM0_DEFAULT_USER_ID="$1-user" MEM0_DATABASE_SCHEMA="$schema" MEM0_BUS_PREFIX="$schema"
  export MEM0_API_KEY="$1-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  server=
  trap local_server_cleanup EXIT
}

start_local_server() {
  ${BENCH_SERVER_ENV:-} dotnet "${BENCH_APP:-src/Mem0.Api/bin/Release/net10.0}/Mem0.Api.dll" --urls "http://127.0.0.1:$1" > "$2" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && break; sleep 0.5; done
}

stop_local_server() {
  [ -n "${server:-}" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  server=
}

local_server_cleanup() {
  stop_local_server
  psql "$MEM0_DATABASE_URL" -qc "drop schema if exists $schema cascade" >/dev/null 2>&1 || true
}
