# Sourced by the benches that run the production topology (bench/field.sh, bench/load.sh): starts the local
# PostgreSQL and RabbitMQ and exports their URLs, builds the server and the harness, and publishes the server as the
# image runs it, exporting FIELD_APP for ops/field.sh.
ops/services.sh start postgres
ops/services.sh start rabbitmq
eval "$(ops/services.sh env | sed 's/^/export /')"
# shellcheck source=bench/local-server.sh
. bench/local-server.sh
build_bench
rm -rf .local/field-bench-app
dotnet publish src/Mem0.Api -c Release --no-build -o .local/field-bench-app > /dev/null
export FIELD_APP="$PWD/.local/field-bench-app/Mem0.Api.dll"
