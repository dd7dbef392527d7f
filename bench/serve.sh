#!/usr/bin/env bash
# bench/serve.sh [--articles N] [--edits E] [--site DIR] [--cli DLL]: edit-to-reload time of `cloudportal serve`.
#
#   1. the site: the N-article corpus site (ensure_corpus N + prepare_corpus.py, as bench/run.sh makes it;
#      default N=10000) in $WORK/N/serve/site, or a copy of --site DIR (e.g. tests/Sites/basic plus
#      themes/, for the fixture) in $WORK/serve-site
#   2. builds the CLI (Release) unless --cli names a prebuilt CloudPortal.Cli.dll
#   3. starts `cloudportal serve --port 0` on it and waits for "Serving ... at URL" (the first build)
#   4. connects to the live-reload stream /__cloudportal/events as a browser would, then 1 + E times
#      (default E=10): appends a line to one article (a different one each time), and times from the
#      moment the file is written and closed to the moment the `reload` event arrives. The first edit
#      is a warm-up (JIT) and is reported apart; the median is over the other E.
#   5. also prints the server's own figure for each edit (its "reload sent N ms after the save" line:
#      the page rendered ahead of the build, else the build's), and when the full incremental build of
#      that save was done (its "rebuilt in" line; the script waits for it, and for that build's own
#      reload if it sent one, before the next edit), then stops the server with SIGTERM (a background
#      job ignores SIGINT) by its PID.
# Log: <work>/serve.log; summary: <work>/serve-summary.txt.
set -euo pipefail

N=10000
EDITS=10
SITE_SRC=
CLI_DLL=
usage() { echo "usage: bench/serve.sh [--articles N] [--edits E] [--site DIR] [--cli CloudPortal.Cli.dll]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --articles) [ $# -ge 2 ] || usage; N=$2; shift 2 ;;
    --edits) [ $# -ge 2 ] || usage; EDITS=$2; shift 2 ;;
    --site) [ $# -ge 2 ] || usage; SITE_SRC=$2; shift 2 ;;
    --cli) [ $# -ge 2 ] || usage; CLI_DLL=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "bench/serve.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ $N =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || { echo "bench/serve.sh: --articles must be a positive integer" >&2; exit 2; }
[[ $EDITS =~ ^[0-9]+$ ]] && [ "$EDITS" -ge 1 ] || { echo "bench/serve.sh: --edits must be a positive integer" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$(cd "$REPO/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}
die() { echo "bench/serve.sh: FAILED: $*" >&2; exit 1; }
log() { echo "[serve-bench] $*" >&2; }
command -v python3 > /dev/null || die "python3 is needed"
command -v dotnet > /dev/null || die "dotnet (the .NET 10 SDK) is needed"
WORK=${WORK:-/tmp/ssg-bench}

# ---- site --------------------------------------------------------------------------------------
if [ -n "$SITE_SRC" ]; then
  [ -f "$SITE_SRC/cloudportal.yaml" ] || die "--site $SITE_SRC: no cloudportal.yaml there"
  DIR=$WORK/serve-site
  SITE=$DIR/site
  rm -rf "$SITE"
  mkdir -p "$SITE"
  cp -r "$SITE_SRC/." "$SITE/"
  rm -rf "$SITE/public" "$SITE/.cloudportal"
  [ -d "$SITE/themes" ] || cp -r "$REPO/themes" "$SITE/themes"
  LABEL="site $SITE_SRC"
else
  [ -f "$SHARED_BENCH/bench_lib.sh" ] || die "no bench_lib.sh in $SHARED_BENCH (set SHARED_BENCH)"
  # shellcheck source=/dev/null
  source "$SHARED_BENCH/bench_lib.sh"
  DIR=$WORK/$N/serve
  SITE=$DIR/site
  mkdir -p "$DIR"
  CORPUS=$(ensure_corpus "$N")
  log "preparing $SITE from $CORPUS"
  python3 "$HERE/prepare_corpus.py" "$CORPUS" "$SITE"
  LABEL="N=$N articles"
fi
ARTICLES=$SITE/content/articles
[ -d "$ARTICLES" ] || die "no $ARTICLES"

# ---- CLI ---------------------------------------------------------------------------------------
if [ -n "$CLI_DLL" ]; then
  [ -f "$CLI_DLL" ] || die "--cli $CLI_DLL: no such file"
else
  CLI_DLL=$REPO/src/CloudPortal.Cli/bin/Release/net10.0/CloudPortal.Cli.dll
  log "building CloudPortal (Release); log: $DIR/dotnet-build.log"
  dotnet build "$REPO/src/CloudPortal.Cli" -c Release -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false \
    > "$DIR/dotnet-build.log" 2>&1 || { tail -30 "$DIR/dotnet-build.log" >&2; die "dotnet build of src/CloudPortal.Cli failed"; }
fi

# ---- server ------------------------------------------------------------------------------------
SERVER_LOG=$DIR/serve.log
log "starting cloudportal serve on $SITE; log: $SERVER_LOG"
dotnet "$CLI_DLL" serve --source "$SITE" --port 0 > "$SERVER_LOG" 2>&1 &
PID=$!
stop() { kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
trap stop EXIT

T0=$(date +%s.%N)
URL=
for _ in $(seq 2400); do
  URL=$(sed -n 's/^Serving .* at \(http:[^ ]*\)$/\1/p' "$SERVER_LOG" | head -n 1)
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || { tail -20 "$SERVER_LOG" >&2; die "cloudportal serve exited"; }
  sleep 0.25
done
[ -n "$URL" ] || die "no 'Serving ... at URL' line after 600 s"
READY_S=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
grep -q '^Build failed' "$SERVER_LOG" && { tail -20 "$SERVER_LOG" >&2; die "the first build failed"; }
log "serving at $URL after $READY_S s"

# ---- edits -------------------------------------------------------------------------------------
SUMMARY=$DIR/serve-summary.txt
{
  echo "# $(date -u +%FT%TZ)  bench/serve.sh ($LABEL), $EDITS edits + 1 warm-up; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "server ready (first build) after ${READY_S} s; its log: $(grep -m1 '^Built ' "$SERVER_LOG" | sed 's/ (.*)//')"
  python3 - "$URL" "$ARTICLES" "$EDITS" "$SERVER_LOG" <<'PY'
import os, re, statistics, sys, time, urllib.request

url, articles, edits, server_log = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
files = sorted(f for f in os.listdir(articles) if f.endswith(".md"))
stream = urllib.request.urlopen(url + "__cloudportal/events", timeout=600)

def next_event():
    name = None
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("the event stream ended")
        line = line.decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            name = line[7:]
        elif line == "" and name:
            return name

assert next_event() == "hello"

def log_text():
    with open(server_log, encoding="utf-8") as f:
        return f.read()

def rebuilt_lines():
    return re.findall(r"^.*: (?:rebuilt in .*|build failed .*)$", log_text(), re.M)

client, server, full = [], [], []
for k in range(edits + 1):
    path = os.path.join(articles, files[(k * 1999 + 7) % len(files)])
    before = len(rebuilt_lines())
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"\nEdited for the reload benchmark, edit {k}.\n")
    saved = time.monotonic()
    while (name := next_event()) != "reload":
        pass
    client.append((time.monotonic() - saved) * 1000)
    # Then wait for the full (incremental) build of the same save, and for its own reload if it sent one,
    # so that the next edit starts from a quiet server.
    while len(rebuilt_lines()) == before:
        time.sleep(0.01)
    full.append((time.monotonic() - saved) * 1000)
    line = rebuilt_lines()[before]
    ahead = re.findall(r"page shown ahead of the build; reload sent (\d+) ms after the save", log_text())
    built = re.search(r"reload sent (\d+) ms after the save", line)
    if ahead and built:
        while next_event() != "reload":
            pass
    figures = re.findall(r"reload sent (\d+) ms after the save", log_text())
    server.append(int(ahead[-1]) if ahead else (int(built.group(1)) if built else float("nan")))
    print(f"edit {k}{' (warm-up)' if k == 0 else ''}: {os.path.basename(path)}: reload event after {client[-1]:.0f} ms "
          f"(server: {server[-1]} ms); full build done after {full[-1]:.0f} ms")
    time.sleep(0.5)

print(f"edit-to-reload, median of {edits}: {statistics.median(client[1:]):.0f} ms at the client "
      f"(min {min(client[1:]):.0f}, max {max(client[1:]):.0f}); server's own figure {statistics.median(server[1:]):.0f} ms; "
      f"warm-up edit {client[0]:.0f} ms; full incremental build after the save, median {statistics.median(full[1:]):.0f} ms")
PY
  echo "server memory: $(grep -E 'VmHWM|VmRSS' "/proc/$PID/status" | tr -s ' \t' ' ' | tr '\n' ' ')"
} | tee "$SUMMARY"

stop
trap - EXIT
grep -q '^Stopping\.' "$SERVER_LOG" || die "the server did not stop cleanly (log: $SERVER_LOG)"
log "server stopped (pid $PID); log: $SERVER_LOG"
