#!/usr/bin/env bash
# bench/run.sh [--articles N] [--runs R] [--cli DLL]: cold builds of CloudPortal and of the Hugo peer on the same
# synthetic corpus, side by side. See bench/README.md.
#
#   1. ensure_corpus N (shared/bench/bench_lib.sh; cached in ~/.cache/cloudportal-bench/corpus/N)
#   2. prepare_site hugo   -> $WORK/N/hugo/site          (shared peer config + templates + corpus)
#      prepare_corpus.py   -> $WORK/N/cloudportal/site   (bench/site/ + corpus + provider records)
#   3. installs Debian's hugo and time packages when missing (needs root), builds CloudPortal (Release)
#   4. R runs, alternating which tool goes first; each run is a cold build of each tool into an empty
#      output folder (CloudPortal's .cloudportal/ cache and Hugo's resources/ set aside too), then, for
#      CloudPortal only, a no-change rebuild into the output it just wrote, and an incremental rebuild
#      after appending a paragraph to one article; all under /usr/bin/time -v
#   5. prints the medians in one table and ends with the line `ratio: wall=W peak=P` (CloudPortal ÷ Hugo)
#
# --cli DLL skips step 3's build and runs that CloudPortal.Cli.dll instead (a copy of an earlier
# bin/Release/net10.0 folder): to compare builds, or to keep measuring one build while src/ changes.
# Every CloudPortal (and Hugo) run must exit 0; otherwise the script stops with a message and exit 1.
# Work folders and logs: $WORK/N (WORK=/tmp/ssg-bench, from bench_lib.sh).
#
# Nothing is deleted while builds are timed: earlier outputs and sites are renamed into $WORK/N/trash
# and removed at the end. On an ext4 file system without a journal (this machine's), creating files
# within minutes of deleting many others is slow: the inode allocator skips every inode deleted in
# the last 60 s, or 360 s while its inode table block is dirty, and a cold build of 14,000 folders
# spent a third of its CPU time there (`perf record`: recently_deleted, find_inode_bit) right after
# an `rm -rf` of the last output. So the script also waits, before the first build, until six
# minutes have passed since its last deletion (its own clean-up of an earlier run included).
set -euo pipefail

N=1000
RUNS=3
CLI_DLL=
usage() { echo "usage: bench/run.sh [--articles N] [--runs R] [--cli CloudPortal.Cli.dll]   (defaults: N=1000, R=3, build src/)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --articles) [ $# -ge 2 ] || usage; N=$2; shift 2 ;;
    --articles=*) N=${1#*=}; shift ;;
    --runs) [ $# -ge 2 ] || usage; RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --cli) [ $# -ge 2 ] || usage; CLI_DLL=$2; shift 2 ;;
    --cli=*) CLI_DLL=${1#*=}; shift ;;
    -h|--help) usage ;;
    *) echo "bench/run.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ $N =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || { echo "bench/run.sh: --articles must be a positive integer" >&2; exit 2; }
# The shared corpus generator numbers articles with five digits.
[ "$N" -le 99999 ] || { echo "bench/run.sh: --articles must be at most 99999 (gen_corpus.py's limit); use 99999 for the 100,000 case" >&2; exit 2; }
[[ $RUNS =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 1 ] || { echo "bench/run.sh: --runs must be a positive integer" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$(cd "$REPO/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}
[ -f "$SHARED_BENCH/bench_lib.sh" ] || { echo "bench/run.sh: no bench_lib.sh in $SHARED_BENCH (set SHARED_BENCH)" >&2; exit 1; }
# shellcheck source=/dev/null
source "$SHARED_BENCH/bench_lib.sh"

die() { echo "bench/run.sh: FAILED: $*" >&2; exit 1; }
log() { echo "[bench] $*" >&2; }

# ---- tools -------------------------------------------------------------------------------------
apt_install() {  # apt_install PACKAGE...: Debian packages, as root only
  [ "$(id -u)" -eq 0 ] || die "$* missing and not root: run 'apt-get update && apt-get install -y $*' first"
  log "installing $* (apt-get)"
  apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 || die "apt-get install $* failed"
}
command -v hugo > /dev/null || apt_install hugo
[ -x /usr/bin/time ] || apt_install time
command -v python3 > /dev/null || die "python3 is needed (prepare_corpus.py, the summary)"
command -v dotnet > /dev/null || die "dotnet (the .NET 10 SDK) is needed to build CloudPortal"

DIR=$WORK/$N
mkdir -p "$DIR"
TRASH=$DIR/trash
DELETED_AT=$WORK/.deleted-at
# set_aside PATH...: renames each existing PATH into $TRASH (one system call; deleted at the end).
set_aside() {
  local path
  mkdir -p "$TRASH"
  for path in "$@"; do
    [ -e "$path" ] || continue
    mv "$path" "$(mktemp -d "$TRASH/XXXXXX")/"
  done
}
# empty_trash: deletes what was set aside, flushed to disk, and notes when.
empty_trash() {
  [ -d "$TRASH" ] || return 0
  log "removing the outputs set aside ($TRASH)"
  rm -rf "$TRASH"
  sync
  date +%s > "$DELETED_AT"
}
empty_trash   # left by an interrupted run
CLI_ARG=$CLI_DLL
if [ -n "$CLI_DLL" ]; then
  [ -f "$CLI_DLL" ] || die "--cli $CLI_DLL: no such file"
  CLI_DLL=$(cd "$(dirname "$CLI_DLL")" && pwd)/$(basename "$CLI_DLL")
  log "using the prebuilt $CLI_DLL (src/ not built)"
else
  CLI_DLL=$DIR/cli/CloudPortal.Cli.dll
  log "publishing CloudPortal (Release, ReadyToRun); log: $DIR/dotnet-build.log"
  # Published as it ships: ReadyToRun code, so start-up is not spent in the JIT.
  # No build servers left behind (-nodeReuse:false, no shared compiler): nothing runs beside the benchmark.
  rm -rf "$DIR/cli"
  dotnet publish "$REPO/src/CloudPortal.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$DIR/cli" -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false \
    > "$DIR/dotnet-build.log" 2>&1 || { tail -30 "$DIR/dotnet-build.log" >&2; die "dotnet publish of src/CloudPortal.Cli failed"; }
  [ -f "$CLI_DLL" ] || die "no $CLI_DLL after the build"
fi

# ---- sites -------------------------------------------------------------------------------------
CORPUS=$(ensure_corpus "$N")
HUGO_SITE=$DIR/hugo/site
HUGO_OUT=$DIR/hugo/public
CP_SITE=$DIR/cloudportal/site
CP_OUT=$DIR/cloudportal/public
log "preparing $HUGO_SITE and $CP_SITE from $CORPUS"
mkdir -p "$DIR/hugo" "$DIR/cloudportal"
set_aside "$HUGO_SITE" "$CP_SITE" "$HUGO_OUT" "$CP_OUT"
prepare_site hugo "$CORPUS" "$HUGO_SITE"
python3 "$HERE/prepare_corpus.py" "$CORPUS" "$CP_SITE"

HUGO_VERSION=$(hugo version | awk '{print $2}' | sed 's/+.*//')
CP_VERSION=$(dotnet "$CLI_DLL" --version | sed 's/+\(.......\).*/+\1/')

# ---- measuring ---------------------------------------------------------------------------------
RESULTS=$DIR/results.tsv   # tool run wall cpu rss_kib pages rc
: > "$RESULTS"

# measure TOOL RUN -- COMMAND...: runs COMMAND under /usr/bin/time -v, appends one line to $RESULTS,
# returns COMMAND's exit code. stdout+stderr of COMMAND go to $DIR/logs/TOOL-RUN.log.
measure() {
  local tool=$1 run=$2; shift 3
  local logf=$DIR/logs/$tool-$run.log timef=$DIR/logs/$tool-$run.time rc=0
  mkdir -p "$DIR/logs"
  /usr/bin/time -v -o "$timef" "$@" > "$logf" 2>&1 || rc=$?
  local wall cpu rss out pages
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:04.31"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$timef")
  cpu=$(awk -F': ' '/User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 } END { printf "%.2f", u + s }' "$timef")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timef")
  case $tool in hugo) out=$HUGO_OUT ;; *) out=$CP_OUT ;; esac
  pages=$(find "$out" -name '*.html' -type f 2>/dev/null | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$run" "${wall:-0}" "${cpu:-0}" "${rss:-0}" "$pages" "$rc" >> "$RESULTS"
  return "$rc"
}

run_hugo() {
  set_aside "$HUGO_OUT" "$HUGO_SITE/resources" "$HUGO_SITE/.hugo_build.lock"
  # Both tools build future-dated articles too: the corpus dates article i at 2017-01-01 + i hours, so
  # past N≈86,000 some are in the future, and both would otherwise leave them out (and CloudPortal's
  # link check would rightly fail on the links other articles make to them).
  measure hugo "$1" -- hugo --quiet --buildFuture -s "$HUGO_SITE" -d "$HUGO_OUT" \
    || { tail -20 "$DIR/logs/hugo-$1.log" >&2; die "hugo exited non-zero on run $1 (log: $DIR/logs/hugo-$1.log)"; }
}

run_cloudportal() {
  local rc=0
  set_aside "$CP_OUT" "$CP_SITE/.cloudportal"
  measure cloudportal "$1" -- dotnet "$CLI_DLL" build --future --source "$CP_SITE" --output "$CP_OUT" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "---- CloudPortal build output (run $1, exit code $rc), last 40 lines:" >&2
    tail -40 "$DIR/logs/cloudportal-$1.log" >&2
    die "CloudPortal cold build exited with code $rc on run $1 (full log: $DIR/logs/cloudportal-$1.log)"
  fi
  # no-change rebuild: same sources, into the output just written, nothing deleted
  rc=0
  measure cloudportal-rebuild "$1" -- dotnet "$CLI_DLL" build --future --source "$CP_SITE" --output "$CP_OUT" || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -40 "$DIR/logs/cloudportal-rebuild-$1.log" >&2
    die "CloudPortal no-change rebuild exited with code $rc on run $1 (full log: $DIR/logs/cloudportal-rebuild-$1.log)"
  fi
  # one article edited (a paragraph appended to a different one each run), then an incremental build
  local article
  article=$(find "$CP_SITE/content/articles" -name '*.md' | sort | sed -n "$((1 + $1 * 997 % N))p")
  printf '\nA paragraph added by the benchmark, run %s.\n' "$1" >> "$article"
  rc=0
  measure cloudportal-edit "$1" -- dotnet "$CLI_DLL" build --future --source "$CP_SITE" --output "$CP_OUT" || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -40 "$DIR/logs/cloudportal-edit-$1.log" >&2
    die "CloudPortal rebuild after an edit exited with code $rc on run $1 (full log: $DIR/logs/cloudportal-edit-$1.log)"
  fi
}

if [ -f "$DELETED_AT" ]; then
  wait_s=$(( $(cat "$DELETED_AT") + 370 - $(date +%s) ))
  if [ "$wait_s" -gt 0 ]; then
    log "waiting ${wait_s} s: files were deleted less than six minutes ago, which slows creating new ones"
    sleep "$wait_s"
  fi
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
  if [ $((run % 2)) -eq 1 ]; then order="hugo cloudportal"; else order="cloudportal hugo"; fi
  for tool in $order; do
    log "run $run/$RUNS: $tool"
    "run_$tool" "$run"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
empty_trash
# the CLI's own summary lines of the last run (informative only; absent if the CLI words them differently)
REBUILD_FILES=$({ grep -h '^Files:' "$DIR/logs/cloudportal-rebuild-$RUNS.log" || echo "?"; } | sed 's/ Output:.*//')
COLD_SUMMARY=$({ grep -h '^Built ' "$DIR/logs/cloudportal-$RUNS.log" || echo "?"; } | sed 's/ in [0-9.]* s\.$//')

# ---- summary -----------------------------------------------------------------------------------
{
  echo "# $(date -u +%FT%TZ)  bench/run.sh --articles $N --runs $RUNS${CLI_ARG:+ --cli $CLI_ARG}"
  echo "# machine: nproc=$(nproc), memory $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); load average before ${LOAD_BEFORE}, after ${LOAD_AFTER}"
  python3 - "$RESULTS" "$N" "$RUNS" "$HUGO_VERSION" "$CP_VERSION" "$REBUILD_FILES" "$COLD_SUMMARY" <<'PY'
import statistics, sys
results, n, runs, hugo_v, cp_v, rebuild_files, cold_summary = sys.argv[1:8]
rows = {}
for line in open(results, encoding="utf-8"):
    tool, run, wall, cpu, rss, pages, rc = line.rstrip("\n").split("\t")
    wall, cpu, rss_mib, pages = float(wall), float(cpu), int(rss) / 1024, int(pages)
    rows.setdefault(tool, []).append((wall, cpu, rss_mib, pages, pages / wall if wall > 0 else 0.0))
med = {t: [statistics.median(col) for col in zip(*v)] for t, v in rows.items()}
cols = [("hugo", f"Hugo {hugo_v}"), ("cloudportal", f"CloudPortal {cp_v}"),
        ("cloudportal-rebuild", "no-change rebuild"), ("cloudportal-edit", "one article edited")]
cols = [(k, h) for k, h in cols if k in med]
metrics = [("pages written (*.html)", 3, "{:.0f}"), ("wall s", 0, "{:.2f}"), ("CPU s (user+sys)", 1, "{:.2f}"),
           ("peak RSS MiB", 2, "{:.0f}"), ("pages/s (pages / wall)", 4, "{:.0f}")]
w0 = max(len(m[0]) for m in metrics) + 2
widths = [max(len(h), 10) + 2 for _, h in cols]
print(f"N={n} articles, medians of {runs} run(s)")
print("".ljust(w0) + "".join(h.rjust(w) for (_, h), w in zip(cols, widths)))
for label, i, fmt in metrics:
    print(label.ljust(w0) + "".join(fmt.format(med[k][i]).rjust(w) for (k, _), w in zip(cols, widths)))
print(f"CloudPortal cold build: {cold_summary}")
print(f"CloudPortal no-change rebuild: {rebuild_files}")
if "cloudportal-rebuild" in med and "cloudportal-edit" in med:
    cold = med["cloudportal"][0]
    print(f"CloudPortal rebuilds as a share of its cold build: no change {med['cloudportal-rebuild'][0] / cold:.1%}, "
          f"one article edited {med['cloudportal-edit'][0] / cold:.1%}")
h, c = med["hugo"], med["cloudportal"]
print(f"ratio: wall={c[0] / h[0]:.2f} peak={c[2] / h[2]:.2f}")
PY
} | tee "$DIR/summary.txt"
