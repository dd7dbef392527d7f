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

# The browser-side search code runs in node's own test runner against the same test vectors
# (and against an index the C# tests wrote), so both tokenizers are held to one file.
node_log="$results/node.txt"
if command -v node >/dev/null 2>&1; then
  node --test tests/js/ 2>&1 | tee "$node_log"
  node_status=${PIPESTATUS[0]}
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$node_log" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$node_log" | tail -n 1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$node_status" -ne 0 ]; then
    status=$node_status
    [ "${f:-0}" -eq 0 ] && failed=$((failed + 1))
  fi
else
  echo "node is missing: the JavaScript tests did not run" >&2
  failed=$((failed + 1))
  status=1
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the runner failed before any test could report: count that as a failure.
  failed=1
fi
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ]
