#!/usr/bin/env bash
# Runs every test. Starts what the tests need first: PostgreSQL and RabbitMQ, installed from Debian's packages
# when missing, and s3rver (from npm) as the backups' S3. Unit tests need none of them; integration tests run
# the real host against them, and the Qdrant suites against the Qdrant stand-in (tests/Mem0.QdrantStandIn).
set -euo pipefail
cd "$(dirname "$0")/.."

# Tests create and drop many schemas; durability of a throwaway test cluster is not worth the fsyncs.
MEM0_PG_FSYNC=off ops/services.sh start postgres
# The tests get a broker node of their own, restarted from empty data on every run: each test host declares
# its own queues, and a broker that recovers thousands of them left by earlier runs takes minutes to start.
export MEM0_RABBIT_PORT=5673 MEM0_RABBIT_NODE=mem0-test@localhost MEM0_RABBIT_DATA=/var/lib/mem0-dev/rabbitmq-test
ops/services.sh stop rabbitmq
ops/services.sh start rabbitmq
# The backup tests' S3: a local S3-compatible server, fresh each run.
ops/services.sh stop s3
if ops/services.sh start s3; then
  export MEM0_TEST_S3_URL="http://127.0.0.1:${MEM0_S3_PORT:-4568}"
else
  echo "test: s3rver did not start (no npm registry?); the S3 backup tests will be reported skipped" >&2
fi
# The console's browser tests drive Debian's chromium; without it they are reported skipped with the reason.
if ops/services.sh start chromium; then
  export MEM0_TEST_CHROMIUM="$(command -v chromium)"
else
  echo "test: chromium could not be installed from Debian's packages; the browser tests will be reported skipped" >&2
fi
# Screenshots of the browser tests, kept after the run.
export MEM0_TEST_ARTIFACTS="$PWD/TestResults/artifacts"
rm -rf "$MEM0_TEST_ARTIFACTS"
eval "$(ops/services.sh env | sed 's/^/export /')"
export MEM0_TEST_DATABASE_URL="$MEM0_DATABASE_URL" MEM0_TEST_RABBITMQ_URL="$RABBITMQ_URL"

echo "== build"
if ! dotnet build Mem0.sln -c Release -warnaserror > .local-build.log 2>&1; then
  grep -E 'error|Error' .local-build.log | sort -u; rm -f .local-build.log; exit 1
fi
tail -n 3 .local-build.log; rm -f .local-build.log
# The rehearsal runs the server as the image does: from `dotnet publish` output (ops/field.sh puts nginx in front).
echo "== publish (for the rehearsal behind nginx)"
rm -rf .local/field-app
dotnet publish src/Mem0.Api -c Release --no-build -o .local/field-app > /dev/null
export MEM0_TEST_FIELD_APP="$PWD/.local/field-app/Mem0.Api.dll"
status=0
passed=0; failed=0; skipped=0
count() { { grep -hoE "^ +$1: +[0-9]+" "$2" || true; } | awk '{s+=$2} END {print s+0}'; }
# The rehearsal (Category=Field) runs on its own after the rest, so its seven processes do not share the two cores
# with the parallel integration suite; the fault suite (Category=Fault) after it, on a PostgreSQL cluster and a
# RabbitMQ node of its own (ports 55433 and 5674) that it stops and restarts under load.
# The Qdrant suites run against the Qdrant stand-in (tests/Mem0.QdrantStandIn, in the test process) unless QDRANT_URL
# names a live Qdrant; then the memory, search, MCP, restore and fault suites run a second time on Qdrant
# (MEM0_TEST_VECTOR_STORE=qdrant), since production runs there and the first pass runs on the embedded index.
on_qdrant="(FullyQualifiedName~.Memories.|FullyQualifiedName~.Mcp.|FullyQualifiedName~.Backups.)&Category!=Field&Category!=Fault"
# Each suite is "project#filter#vector store" (filters hold `|`).
for suite in "tests/Mem0.Tests.Unit##" "tests/Mem0.Tests.Integration#Category!=Field&Category!=Fault#" \
             "tests/Mem0.Tests.Integration#$on_qdrant#qdrant" \
             "tests/Mem0.Tests.Integration#Category=Field#" "tests/Mem0.Tests.Integration#Category=Fault#" \
             "tests/Mem0.Tests.Integration#Category=Fault#qdrant"; do
  IFS='#' read -r project filter store <<<"$suite"
  echo "== $project${filter:+ ($filter)}${store:+ on $store}"
  log=".local-test-$(basename "$project").log"
  started=$SECONDS
  set +e
  MEM0_TEST_VECTOR_STORE="$store" dotnet test "$project" -c Release --no-build ${filter:+--filter "$filter"} --logger "console;verbosity=detailed" > "$log" 2>&1
  rc=$?
  set -e
  echo "   ($((SECONDS - started)) s)"
  grep -E '^\s+(Passed|Skipped) |^Total tests|^ +(Passed|Failed|Skipped): ' "$log" || true
  # The fault suite's figures (requests sent, acknowledged, stored once, 5xx, recovery) per scenario.
  grep -E '^ .+: sent [0-9]+ adds' "$log" || true
  # A failure with its message and the first lines of its stack, so a CI log says what broke.
  grep -A8 -E '^\s+Failed [A-Z]' "$log" | grep -vE '^\s+Passed ' || true
  [ "$rc" -eq 0 ] || { status=1; grep -E 'error|Exception' "$log" | head -20 || true; }
  # A suite whose filter matches nothing would pass silently.
  [ $(($(count Passed "$log") + $(count Failed "$log") + $(count Skipped "$log"))) -gt 0 ] || { echo "   ran no tests: its filter matched none"; status=1; }
  passed=$((passed + $(count Passed "$log"))); failed=$((failed + $(count Failed "$log"))); skipped=$((skipped + $(count Skipped "$log")))
  rm -f "$log"
done

echo "== MCP conformance suite"
set +e
conformance=$(ops/mcp-conformance.sh 2>&1)
rc=$?
set -e
echo "$conformance"
[ "$rc" -eq 0 ] || status=1
passed=$((passed + $(grep -c '^  Passed conformance' <<<"$conformance" || true)))
failed=$((failed + $(grep -c '^  Failed conformance' <<<"$conformance" || true)))
[ "$rc" -eq 0 ] || grep -q '^  Failed conformance' <<<"$conformance" || failed=$((failed + 1))

shots=$({ find "$MEM0_TEST_ARTIFACTS" -name '*.png' 2>/dev/null || true; } | wc -l)
echo "== artifacts: $shots screenshots in ${MEM0_TEST_ARTIFACTS#"$PWD/"}"

# One closing line over both projects and the conformance scenarios, in the plain form CI reads.
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
