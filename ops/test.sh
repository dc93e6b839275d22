#!/usr/bin/env bash
# Runs every test. Starts what the tests need first: PostgreSQL and RabbitMQ, installed from Debian's packages
# when missing. Unit tests need neither; integration tests run the real host against both.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tests create and drop many schemas; durability of a throwaway test cluster is not worth the fsyncs.
MEM0_PG_FSYNC=off ops/services.sh start all
eval "$(ops/services.sh env | sed 's/^/export /')"
export MEM0_TEST_DATABASE_URL="$MEM0_DATABASE_URL" MEM0_TEST_RABBITMQ_URL="$RABBITMQ_URL"

dotnet build Mem0.sln -c Release -warnaserror 2>&1 | tail -n 3
status=0
for project in tests/Mem0.Tests.Unit tests/Mem0.Tests.Integration; do
  echo "== $project"
  dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee ".local-test-$(basename "$project").log" \
    | grep -E '^\s+(Passed|Failed|Skipped) |Total tests|Passed!|Failed!|error' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# One closing line over both projects, in the plain form CI reads.
passed=$(grep -hoE 'Passed: +[0-9]+' .local-test-*.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -hoE 'Failed: +[0-9]+' .local-test-*.log | awk '{s+=$2} END {print s+0}')
skipped=$(grep -hoE 'Skipped: +[0-9]+' .local-test-*.log | awk '{s+=$2} END {print s+0}')
rm -f .local-test-*.log
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
