#!/usr/bin/env bash
# Starts, stops and reports the local PostgreSQL and RabbitMQ that the local run and the tests use.
# Idempotent: a running service is left alone; a missing one is installed from Debian's packages.
# No systemd here, so PostgreSQL runs as the postgres user in a data folder of ours.
#
#   ops/services.sh start [postgres|rabbitmq|s3|all]   (default: all = postgres and rabbitmq)
#   ops/services.sh stop  [postgres|rabbitmq|s3|all]
#   ops/services.sh status
#   ops/services.sh env                              prints MEM0_DATABASE_URL and RABBITMQ_URL
#   ops/services.sh start chromium                   installs Debian's chromium (the console's browser tests drive
#                                                    it; nothing runs until a test launches it)
#
# MEM0_RABBIT_PORT, MEM0_RABBIT_NODE and MEM0_RABBIT_DATA pick another broker node (ops/test.sh uses them);
# MEM0_PG_PORT and MEM0_PG_DATA another PostgreSQL cluster (the fault suite's, which it stops and restarts).
# s3 is a local S3-compatible server (s3rver from npm, key and secret S3RVER) on MEM0_S3_PORT (4568), for the
# backup tests; it is installed under /var/lib/mem0-dev/s3rver on first start and keeps no data between starts.
set -euo pipefail

PG_PORT="${MEM0_PG_PORT:-55432}"
PG_DATA="${MEM0_PG_DATA:-/var/lib/mem0-dev/postgres}"
PG_USER=mem0
PG_PASSWORD=mem0
PG_DB=mem0
# The broker: Debian's default node unless told otherwise. The tests ask for a node of their own
# (port 5673, data under /var/lib/mem0-dev) that starts from empty data each time it is started, so queues
# left by a killed run can never pile up and slow a later start.
RABBIT_PORT="${MEM0_RABBIT_PORT:-5672}"
RABBIT_NODE="${MEM0_RABBIT_NODE:-rabbit@localhost}"
RABBIT_DATA="${MEM0_RABBIT_DATA:-}"

log() { printf 'services: %s\n' "$*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port, seconds, name
  local i
  for ((i = 0; i < $2 * 4; i++)); do port_open "$1" && return 0; sleep 0.25; done
  log "$3 did not open port $1 within $2 s"; return 1
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then log "apt-get update"; as_root apt-get update -qq >/dev/null; apt_updated=1; fi
  log "installing $*"
  # Debian's packages try to start their own services; there is no init here, and we start ours ourselves.
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

start_postgres() {
  if port_open "$PG_PORT"; then log "postgres already running on $PG_PORT"; return 0; fi
  [ -n "$(pg_bin)" ] || apt_install postgresql
  local bin; bin="$(pg_bin)"
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    log "initialising $PG_DATA"
    as_root mkdir -p "$PG_DATA"
    # Only the data folder: its parent holds other services' data (the test broker's), which must keep its owner.
    as_root chown -R postgres:postgres "$PG_DATA"
    as_root chmod 700 "$PG_DATA"
    as_root runuser -u postgres -- "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_root mkdir -p /var/run/postgresql && as_root chown postgres:postgres /var/run/postgresql
  log "starting postgres on 127.0.0.1:$PG_PORT"
  as_root runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=/var/run/postgresql -c max_connections=300 -c fsync=${MEM0_PG_FSYNC:-on}" start >/dev/null
  wait_port "$PG_PORT" 60 postgres
  local psql=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='$PG_USER'")" != 1 ]; then
    "${psql[@]}" -c "create role $PG_USER login password '$PG_PASSWORD' createdb" >/dev/null
  fi
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname='$PG_DB'")" != 1 ]; then
    "${psql[@]}" -c "create database $PG_DB owner $PG_USER" >/dev/null
  fi
}

stop_postgres() {
  local bin; bin="$(pg_bin)"
  if [ -n "$bin" ] && [ -s "$PG_DATA/postmaster.pid" ]; then
    as_root runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && log "postgres stopped"
  fi
}

# The environment that points rabbitmq's scripts at our node.
RABBIT_ENV=(RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RABBIT_PORT"
  RABBITMQ_DIST_PORT="$((RABBIT_PORT + 20000))")
[ -z "$RABBIT_DATA" ] || RABBIT_ENV+=(RABBITMQ_MNESIA_BASE="$RABBIT_DATA/mnesia" RABBITMQ_LOG_BASE="$RABBIT_DATA/log")

start_rabbitmq() {
  if port_open "$RABBIT_PORT"; then log "rabbitmq already running on $RABBIT_PORT"; return 0; fi
  command -v rabbitmq-server >/dev/null || [ -x /usr/sbin/rabbitmq-server ] || apt_install rabbitmq-server
  # A fixed node name avoids trouble when the machine's host name does not resolve.
  if ! grep -q '^NODENAME=rabbit@localhost' /etc/rabbitmq/rabbitmq-env.conf 2>/dev/null; then
    echo 'NODENAME=rabbit@localhost' | as_root tee -a /etc/rabbitmq/rabbitmq-env.conf >/dev/null
  fi
  if [ -n "$RABBIT_DATA" ] && [ -z "${MEM0_RABBIT_KEEP_DATA:-}" ]; then
    # A node of our own is throwaway: it starts from empty data, whatever a killed run left there (unless
    # MEM0_RABBIT_KEEP_DATA is set: the fault suite restarts a broker and needs its queues and messages back).
    as_root rm -rf "$RABBIT_DATA"
    as_root mkdir -p "$RABBIT_DATA/mnesia" "$RABBIT_DATA/log"
    as_root chown -R rabbitmq:rabbitmq "$RABBIT_DATA"
  fi
  log "starting rabbitmq ($RABBIT_NODE) on 127.0.0.1:$RABBIT_PORT"
  as_root env "${RABBIT_ENV[@]}" /usr/sbin/rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_port "$RABBIT_PORT" 120 rabbitmq
  as_root /usr/sbin/rabbitmqctl -n "$RABBIT_NODE" await_startup --timeout 120 >/dev/null
}

stop_rabbitmq() {
  if port_open "$RABBIT_PORT"; then
    as_root /usr/sbin/rabbitmqctl -n "$RABBIT_NODE" stop >/dev/null 2>&1 && log "rabbitmq stopped"
  fi
}

S3_PORT="${MEM0_S3_PORT:-4568}"
S3_HOME=/var/lib/mem0-dev/s3rver

start_s3() {
  if port_open "$S3_PORT"; then log "s3rver already running on $S3_PORT"; return 0; fi
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x "$S3_HOME/node_modules/.bin/s3rver" ]; then
    log "installing s3rver from npm"
    mkdir -p "$S3_HOME"
    (cd "$S3_HOME" && npm install --no-audit --no-fund --loglevel=error s3rver@3.7.1 >/dev/null)
  fi
  rm -rf "$S3_HOME/data"; mkdir -p "$S3_HOME/data"
  log "starting s3rver on 127.0.0.1:$S3_PORT"
  # `;` not `&&`: only the server goes to the background, so $! is its pid.
  (cd "$S3_HOME" || exit 1; nohup node_modules/.bin/s3rver --address 127.0.0.1 --port "$S3_PORT" --directory data --silent \
    > s3rver.log 2>&1 & echo $! > s3rver.pid)
  wait_port "$S3_PORT" 30 s3rver
}

stop_s3() {
  local pids i
  pids="$(cat "$S3_HOME/s3rver.pid" 2>/dev/null || true) $(pgrep -f "s3rver --address 127.0.0.1 --port $S3_PORT" || true)"
  # shellcheck disable=SC2086
  if kill $pids 2>/dev/null; then log "s3rver stopped"; fi
  rm -f "$S3_HOME/s3rver.pid"
  for ((i = 0; i < 40; i++)); do port_open "$S3_PORT" || return 0; sleep 0.25; done
  log "s3rver still holds port $S3_PORT"; return 1
}

print_env() {
  echo "MEM0_DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
  echo "RABBITMQ_URL=amqp://guest:guest@127.0.0.1:$RABBIT_PORT/"
}

cmd="${1:-start}"; what="${2:-all}"
# Debian's browser, never one a test tool downloads (this machine's network reaches only the package mirrors).
start_chromium() { command -v chromium >/dev/null || apt_install chromium; command -v chromium >/dev/null; }

case "$cmd" in
  start)
    case "$what" in postgres) start_postgres ;; rabbitmq) start_rabbitmq ;; s3) start_s3 ;; chromium) start_chromium ;; all) start_postgres; start_rabbitmq ;; *) exit 64 ;; esac ;;
  stop)
    case "$what" in postgres) stop_postgres ;; rabbitmq) stop_rabbitmq ;; s3) stop_s3 ;; all) stop_postgres; stop_rabbitmq; stop_s3 ;; *) exit 64 ;; esac ;;
  status)
    port_open "$PG_PORT" && echo "postgres: up ($PG_PORT)" || echo "postgres: down"
    port_open "$RABBIT_PORT" && echo "rabbitmq: up ($RABBIT_PORT)" || echo "rabbitmq: down"
    port_open "$S3_PORT" && echo "s3rver: up ($S3_PORT)" || echo "s3rver: down" ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env [postgres|rabbitmq|s3|all]" >&2; exit 64 ;;
esac
