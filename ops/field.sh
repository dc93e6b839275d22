#!/usr/bin/env bash
# The production topology on one machine, for the rehearsal tests (tests/…/Field) and the bench:
#   nginx terminating TLS for a test hostname on 127.0.0.1:443 (a throwaway CA made here), with the site file
#   the README recommends; behind it FIELD_API_REPLICAS api processes (round robin), FIELD_EXTRACTORS extractor
#   processes sharing the command queues, and one scheduler, each a `dotnet Mem0.Api.dll` from `dotnet publish`
#   output as the Dockerfile's entrypoint runs it, on PostgreSQL and RabbitMQ.
# The processes get the production variables of .env.example; only what cannot run here is swapped, and named:
#   MEM0_LLM_PROVIDER=local and MEM0_EMBED_PROVIDER=local with their default models (no provider keys or network),
#   MEM0_VECTOR_STORE=embedded (no Qdrant server can be installed here), or with FIELD_VECTOR_STORE=qdrant the
#   Qdrant at FIELD_QDRANT_HOST, FIELD_QDRANT_GRPC_PORT, FIELD_QDRANT_PORT (REST), FIELD_QDRANT_API_KEY (the tests'
#   stand-in, or a live one) in the collection alias mem0_{schema}; plus the connection settings, the secrets made
#   here, and TRUSTED_PROXIES=127.0.0.1 (nginx's address: the clients are on other loopback addresses).
#
#   ops/field.sh start DIR     needs FIELD_APP (the published Mem0.Api.dll), MEM0_DATABASE_URL, RABBITMQ_URL;
#                              optional FIELD_SCHEMA, FIELD_HOST (mem0.field.test), FIELD_API_REPLICAS (2),
#                              FIELD_EXTRACTORS (2), FIELD_LAYOUT=single (one process with every role behind
#                              nginx instead, for comparisons). Writes DIR/field.env (URL, CA, key, ports, pids).
#   ops/field.sh stop DIR      stops what start started (SIGTERM, then SIGKILL after 15 s).
#   ops/field.sh restart DIR NAME...   starts named processes (api1, extractor2, scheduler…) again as start ran
#                              them, after a test killed them, and waits until each answers /healthz.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

log() { printf 'field: %s\n' "$*" >&2; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
free_port() { # a loopback port nothing listens on, from a range the other scripts do not use
  local p
  for ((p = 18100 + RANDOM % 2000; p < 24000; p++)); do
    port_open 127.0.0.1 "$p" || { echo "$p"; return 0; }
  done
  return 1
}

cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: ops/field.sh start|stop DIR" >&2; exit 64; }

stop() {
  [ -d "$dir" ] || return 0
  if [ -s "$dir/nginx.pid" ]; then nginx -p "$dir" -c "$dir/nginx.conf" -s stop 2>/dev/null || true; fi
  local pids=() f i
  for f in "$dir"/*.pid; do
    [ -e "$f" ] && [ "$(basename "$f")" != nginx.pid ] && pids+=("$(cat "$f")")
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "${pids[@]}" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  rm -f "$dir"/*.pid
}

launch() { # name: starts (again) the process of that name, logging to its log
  bash "$dir/run-$1.sh" >> "$dir/logs/$1.log" 2>&1 &
  echo $! > "$dir/$1.pid"
}
wait_healthz() { # name: until /healthz answers at all (an api replica answers 503 until an extractor replies)
  local name="$1" port i
  port="$(grep "^FIELD_${name^^}_PORT=" "$dir/field.env" | cut -d= -f2)"
  for ((i = 0; i < 240; i++)); do
    curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$port/healthz" && return 0
    kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null || { log "$name exited:"; tail -n 20 "$dir/logs/$name.log" >&2; return 1; }
    sleep 0.5
  done
  log "$name did not answer /healthz within 120 s"; tail -n 20 "$dir/logs/$name.log" >&2; return 1
}
if [ "$cmd" = stop ]; then stop; exit 0; fi
if [ "$cmd" = restart ]; then
  # Starts the named processes again from the scripts `start` left (after a kill), and waits for their /healthz.
  shift 2
  for name in "$@"; do
    [ -f "$dir/run-$name.sh" ] || { echo "field: no process named $name in $dir" >&2; exit 64; }
    launch "$name"
  done
  for name in "$@"; do wait_healthz "$name"; done
  exit 0
fi
[ "$cmd" = start ] || { echo "usage: ops/field.sh start|stop DIR, or restart DIR NAME..." >&2; exit 64; }

: "${FIELD_APP:?FIELD_APP must name the published Mem0.Api.dll}" "${MEM0_DATABASE_URL:?}" "${RABBITMQ_URL:?}"
host="${FIELD_HOST:-mem0.field.test}"
schema="${FIELD_SCHEMA:-field_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
replicas="${FIELD_API_REPLICAS:-2}"
extractors="${FIELD_EXTRACTORS:-2}"

missing=()
command -v nginx >/dev/null || missing+=(nginx-light)
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian's packages"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if port_open 127.0.0.1 443; then log "port 443 on 127.0.0.1 is taken; the rehearsal needs it (the Host header carries no port)"; exit 1; fi

mkdir -p "$dir/logs" "$dir/backups"
chmod 755 "$dir"

# A CA that lives as long as this run, and the test host's certificate signed by it.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mem0 rehearsal CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$host" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' "$host" > "$dir/server.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
  -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null
# The OAuth signing key as an operator pastes it: one line, newlines written as \n.
signing_key="$(openssl genrsa 2048 2>/dev/null | awk 'BEGIN{ORS="\\n"} 1')"
api_key="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# .env.example's production defaults (KEY=VALUE lines; values may hold spaces), then what this run must set.
base=()
while IFS= read -r line; do
  [[ "$line" =~ ^([A-Z0-9_]+)=(.*)$ ]] && base+=("${BASH_REMATCH[1]}=${BASH_REMATCH[2]}")
done < .env.example
vector_store=(MEM0_VECTOR_STORE=embedded)
if [ "${FIELD_VECTOR_STORE:-embedded}" = qdrant ]; then
  vector_store=(MEM0_VECTOR_STORE=qdrant QDRANT_HOST="$FIELD_QDRANT_HOST" QDRANT_GRPC_PORT="$FIELD_QDRANT_GRPC_PORT"
    QDRANT_PORT="$FIELD_QDRANT_PORT" QDRANT_HTTPS=false QDRANT_API_KEY="${FIELD_QDRANT_API_KEY:-unused-by-an-open-qdrant}"
    MEM0_COLLECTION="mem0_$schema")
fi
run() { # name roles
  local name="$1" roles="$2" port
  port="$(free_port)"
  # Each process's command line is kept as a script of its own, so `ops/field.sh restart` can start it again the same way.
  {
    echo '#!/usr/bin/env bash'
    printf 'exec env -i'
    printf ' %q' PATH="$PATH" HOME="${HOME:-/root}" ${DOTNET_ROOT:+DOTNET_ROOT="$DOTNET_ROOT"} DOTNET_NOLOGO=1 "${base[@]}" \
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      MEM0_ROLES="$roles" \
      MEM0_DATABASE_URL="$MEM0_DATABASE_URL" MEM0_DATABASE_SCHEMA="$schema" \
      RABBITMQ_URL="$RABBITMQ_URL" MEM0_BUS_PREFIX="$schema" \
      MEM0_API_KEY="$api_key" MEM0_DEFAULT_USER_ID=default-user \
      PUBLIC_BASE_URL="https://$host" TRUSTED_PROXIES=127.0.0.1 \
      OAUTH_SIGNING_KEY="$signing_key" BACKUP_DIR="$dir/backups" \
      MEM0_LLM_PROVIDER=local MEM0_LLM_MODEL= MEM0_EMBED_PROVIDER=local MEM0_EMBED_MODEL= MEM0_EMBED_DIMS= "${vector_store[@]}" \
      dotnet "$FIELD_APP"
    echo
  } > "$dir/run-$name.sh"
  launch "$name"
  echo "FIELD_${name^^}_PORT=$port" >> "$dir/field.env"
  echo "FIELD_${name^^}_PID=$(cat "$dir/$name.pid")" >> "$dir/field.env"
}
: > "$dir/field.env"
trap 'stop' ERR
upstream=""
if [ "${FIELD_LAYOUT:-split}" = single ]; then
  replicas=1; extractors=0
  run api1 api,extractor,scheduler
  wait_healthz api1
else
  # The first api replica starts alone: it creates the schema (Marten, Hangfire, OpenIddict), so the others find it made.
  run api1 api
  wait_healthz api1
  for ((i = 2; i <= replicas; i++)); do run "api$i" api; done
  for ((i = 1; i <= extractors; i++)); do run "extractor$i" extractor; done
  run scheduler scheduler
  for ((i = 2; i <= replicas; i++)); do wait_healthz "api$i"; done
  for ((i = 1; i <= extractors; i++)); do wait_healthz "extractor$i"; done
  wait_healthz scheduler
fi
for ((i = 1; i <= replicas; i++)); do
  upstream+="        server 127.0.0.1:$(grep "^FIELD_API${i}_PORT=" "$dir/field.env" | cut -d= -f2);"$'\n'
done

# The site file is the README's ("Behind a reverse proxy"), with the headers CapRover's nginx sets.
cat > "$dir/nginx.conf" <<NGINX
user root;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/nginx-body;
    proxy_temp_path $dir/nginx-proxy;
    fastcgi_temp_path $dir/nginx-fastcgi;
    uwsgi_temp_path $dir/nginx-uwsgi;
    scgi_temp_path $dir/nginx-scgi;
    upstream mem0 {
$upstream        keepalive 16;
    }
    server {
        listen 127.0.0.1:443 ssl;
        server_name $host;
        ssl_certificate $dir/server.pem;
        ssl_certificate_key $dir/server.key;
        client_max_body_size 10m;
        location / {
            proxy_pass http://mem0;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # MCP answers can be event streams: pass them on as they come.
            proxy_buffering off;
            proxy_read_timeout 300s;
        }
    }
}
NGINX
nginx -p "$dir" -c "$dir/nginx.conf"
for ((i = 0; i < 40; i++)); do port_open 127.0.0.1 443 && break; sleep 0.25; done
curl -s -o /dev/null --max-time 5 --cacert "$dir/ca.pem" --resolve "$host:443:127.0.0.1" "https://$host/healthz" \
  || { log "nginx does not answer https://$host/healthz"; cat "$dir/logs/nginx-error.log" >&2; stop; exit 1; }

cat >> "$dir/field.env" <<ENV
FIELD_URL=https://$host
FIELD_HOST=$host
FIELD_CA=$dir/ca.pem
FIELD_API_KEY=$api_key
FIELD_SCHEMA=$schema
FIELD_API_REPLICAS=$replicas
FIELD_EXTRACTORS=$extractors
ENV
if [ "${FIELD_LAYOUT:-split}" = single ]; then
  log "up: https://$host (127.0.0.1:443) → 1 process with every role on schema $schema"
else
  log "up: https://$host (127.0.0.1:443) → $replicas api, $extractors extractor, 1 scheduler on schema $schema"
fi
