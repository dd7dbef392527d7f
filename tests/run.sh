#!/usr/bin/env bash
# Runs every test of the repository and ends with one line "tests: N passed, M failed".
# Installs what the tests need when it is missing, so it works on a fresh machine with the .NET SDK.
set -uo pipefail
cd "$(dirname "$0")/.."

# The browser tests (tests/CloudPortal.BrowserTests) drive Debian's Chromium through Playwright and need a
# CJK font for the Chinese pages; Playwright's own browser download is never used.
chromium=/usr/bin/chromium
cjk_font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ ! -x "$chromium" ] || [ ! -f "$cjk_font" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  echo "installing chromium and fonts-wqy-microhei for the browser tests" >&2
  $sudo apt-get update \
    && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium fonts-wqy-microhei \
    || echo "could not install chromium and fonts-wqy-microhei: the browser tests will fail" >&2
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# No fixed LogFileName: every test project writes its own TRX into the results folder (a fixed name
# would make the second project overwrite the first one's file).
dotnet test CloudPortal.sln --configuration Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
reports=0
for trx in "$results"/*.trx "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# One TRX per test project, or some project's tests went uncounted.
projects=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | wc -l)
if [ "$status" -eq 0 ] && [ "$reports" -lt "$projects" ]; then
  echo "only $reports test result file(s) for $projects test projects" >&2
  failed=$((failed + 1))
  status=1
fi

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
