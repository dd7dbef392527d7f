#!/usr/bin/env bash
# Runs every test of the repository and ends with one line "tests: N passed, M failed".
# Installs what the tests need when it is missing, so it works on a fresh machine with the .NET SDK.
set -uo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet test CloudPortal.sln --configuration Release --logger "trx;LogFileName=results.trx" \
  --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the runner failed before any test could report: count that as a failure.
  failed=1
fi
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ]
