#!/usr/bin/env bash
# bench/search.sh [--articles N]: CloudPortal's built-in search vs Pagefind, on the same built site.
#
#   1. corpus N (ensure_corpus from shared/bench/bench_lib.sh) -> CloudPortal site (bench/prepare_corpus.py),
#      with `search: {enabled: true}` instead of bench/site's `search: {enabled: false}`. The bench theme has
#      no search layout, so the prepared copy gets one (the form + [data-search-results] of
#      themes/default/layouts/search.html, literal texts, the same input id) and the default theme's three search JS modules.
#   2. publishes the CLI (Release, ReadyToRun) and builds the site into OUT, as bench/run.sh does.
#   3. installs pagefind@1 and playwright-core@1.64 into $BENCH_CACHE/pagefind (npm), indexes OUT with
#      `pagefind --site OUT` (writes OUT/pagefind/). No browser is downloaded: Debian's /usr/bin/chromium.
#   4. runs bench/search-probe.mjs OUT: bytes fetched, results, ms per query, for both (cold cache each);
#      then bench/search-previews.mjs over bench/search-queries.txt: how many first results need no chunk.
# Work folder: $WORK/search-N (WORK=/tmp/ssg-bench).
set -euo pipefail

N=1000
usage() { echo "usage: bench/search.sh [--articles N]   (default N=1000)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --articles) [ $# -ge 2 ] || usage; N=$2; shift 2 ;;
    --articles=*) N=${1#*=}; shift ;;
    -h|--help) usage ;;
    *) echo "bench/search.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ $N =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || { echo "bench/search.sh: --articles must be a positive integer" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$(cd "$REPO/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}
[ -f "$SHARED_BENCH/bench_lib.sh" ] || { echo "bench/search.sh: no bench_lib.sh in $SHARED_BENCH (set SHARED_BENCH)" >&2; exit 1; }
# shellcheck source=/dev/null
source "$SHARED_BENCH/bench_lib.sh"

die() { echo "bench/search.sh: FAILED: $*" >&2; exit 1; }
log() { echo "[search-bench] $*" >&2; }

apt_install() {
  [ "$(id -u)" -eq 0 ] || die "$* missing and not root: run 'apt-get update && apt-get install -y $*' first"
  log "installing $* (apt-get)"
  apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 || die "apt-get install $* failed"
}
[ -x /usr/bin/chromium ] || apt_install chromium
command -v node > /dev/null || apt_install nodejs
command -v npm > /dev/null || apt_install npm
command -v dotnet > /dev/null || die "dotnet (the .NET 10 SDK) is needed to build CloudPortal"

DIR=$WORK/search-$N
SITE=$DIR/site
OUT=$DIR/public
CACHE=$BENCH_CACHE
PF=$CACHE/pagefind
mkdir -p "$DIR" "$PF"

# ---- npm tools (cached) ------------------------------------------------------------------------
if [ ! -x "$PF/node_modules/.bin/pagefind" ] || [ ! -d "$PF/node_modules/playwright-core" ]; then
  log "installing pagefind@1 and playwright-core@1.64 into $PF (npm)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$PF" --no-audit --no-fund pagefind@1 playwright-core@1.64 \
    > "$DIR/npm.log" 2>&1 || { tail -20 "$DIR/npm.log" >&2; die "npm install failed"; }
fi

# ---- CloudPortal -------------------------------------------------------------------------------
CLI_DLL=$DIR/cli/CloudPortal.Cli.dll
log "publishing CloudPortal (Release, ReadyToRun); log: $DIR/dotnet-build.log"
rm -rf "$DIR/cli"
dotnet publish "$REPO/src/CloudPortal.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$DIR/cli" -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false \
  > "$DIR/dotnet-build.log" 2>&1 || { tail -30 "$DIR/dotnet-build.log" >&2; die "dotnet publish failed"; }

CORPUS=$(ensure_corpus "$N")
log "preparing $SITE from $CORPUS (search on)"
python3 "$HERE/prepare_corpus.py" "$CORPUS" "$SITE"
grep -q '^search: {enabled: false}$' "$SITE/cloudportal.yaml" || die "no 'search: {enabled: false}' line in $SITE/cloudportal.yaml"
sed -i 's/^search: {enabled: false}$/search: {enabled: true}/' "$SITE/cloudportal.yaml"
# Every list the engine has, as a site with search would publish (and as the figures in README.md were
# taken): one page per tag listing thousands of articles would be one search document holding all
# their titles.
sed -i '/^pages: /d' "$SITE/cloudportal.yaml"
mkdir -p "$SITE/themes/bench/static/js"
cp "$REPO"/themes/default/static/js/search{,-core,-tokenizer}.js "$SITE/themes/bench/static/js/"
cat > "$SITE/themes/bench/layouts/search.html" <<'HTML'
{{ include 'top.html' }}
<h1>{{ page.title }}</h1>
<form data-search data-search-index="{{ site.search_index }}" data-search-lang="{{ page.lang }}" action="{{ site.search_url }}" role="search">
<input id="search-page-q" type="search" name="q" autocomplete="off" spellcheck="false" aria-label="search"> <button type="submit">search</button>
</form>
<p data-search-status aria-live="polite"></p>
<div data-search-results data-status-count="{0}" data-status-none="0" data-status-error="error" data-more="more"></div>
{{ script 'js/search.js' }}
{{ include 'bottom.html' }}
HTML

log "building $SITE -> $OUT"
rm -rf "$OUT" "$SITE/.cloudportal"
START=$(date +%s.%N)
dotnet "$CLI_DLL" build --source "$SITE" --output "$OUT" > "$DIR/build.log" 2>&1 \
  || { tail -40 "$DIR/build.log" >&2; die "CloudPortal build failed (log: $DIR/build.log)"; }
CP_S=$(echo "$(date +%s.%N) - $START" | bc)
CP_FILES=$(find "$OUT/search" -type f | wc -l)
CP_SIZE=$(du -sb "$OUT/search" | cut -f1)

log "indexing $OUT with pagefind"
START=$(date +%s.%N)
npx --prefix "$PF" pagefind --site "$OUT" > "$DIR/pagefind.log" 2>&1 || { tail -30 "$DIR/pagefind.log" >&2; die "pagefind failed"; }
PF_S=$(echo "$(date +%s.%N) - $START" | bc)
PF_FILES=$(find "$OUT/pagefind" -type f | wc -l)
PF_SIZE=$(du -sb "$OUT/pagefind" | cut -f1)

log "probing with chromium"
{
  echo "# $(date -u +%FT%TZ)  bash bench/search.sh --articles $N"
  echo "# CloudPortal $(dotnet "$CLI_DLL" --version | sed 's/+\(.......\).*/+\1/'), pagefind $(npx --prefix "$PF" pagefind --version 2>/dev/null | awk '{print $NF}'), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
  printf '# index on disk: CloudPortal search/ %d files %.1f MB (whole build %.1f s); pagefind/ %d files %.1f MB (pagefind run %.1f s)\n' \
    "$CP_FILES" "$(echo "$CP_SIZE / 1000000" | bc -l)" "$CP_S" "$PF_FILES" "$(echo "$PF_SIZE / 1000000" | bc -l)" "$PF_S"
  PF_MODULES=$PF node "$HERE/search-probe.mjs" "$OUT"
  node "$HERE/search-previews.mjs" "$OUT" "$HERE/search-queries.txt"
} | tee "$DIR/summary.txt"
