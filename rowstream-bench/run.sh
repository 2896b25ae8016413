#!/usr/bin/env bash
# Runs the rowstream benchmarks (see docs/benchmarks.md) and keeps the raw output in
# docs/bench-results/<date>.txt (<date>-quick.txt with --quick).
#
#   rowstream-bench/run.sh            # full: 1M and 10M rows, OFFSET at 1M and 2M (~25-35 min)
#   rowstream-bench/run.sh --quick    # 1M rows only (~5 min)
#
# Other options go to the harness (dev.rowstream.bench.Bench): --cases a,b (formats cases only), --keep (do not drop the
# rowstream_bench databases at the end), --only postgresql|mariadb, --batch N (default 10000),
# --heap 64m, --quiet-busy 0.25 and --quiet-max-wait 300 (wait for other CPU work to stop before
# each case), --cli CMD (default: ./rowstream when it exists, else none).
#
# Needs PostgreSQL on 127.0.0.1:5432 (user root, trust) and MariaDB on 127.0.0.1:3306 (root, no
# password), psql and /usr/bin/time. Run nothing else heavy meanwhile: the machine has 2 cores.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

quick=""
cli=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick="-quick" ;;
    --cli|--cli=*) cli="given" ;;
  esac
done

# Offline by default (dependencies are in ~/.m2); ONLINE=1 lets Maven download.
offline="-o"
[ "${ONLINE:-0}" = 1 ] && offline=""
echo "building rowstream-bench (mvn package)..." >&2
# -DskipTests, not -Dmaven.test.skip: the format modules need the core test-jar to resolve.
mvn -q -B $offline -pl rowstream-bench -am package -DskipTests

# Run from a copy, so that rebuilding the modules during a long run cannot change what is measured.
work="$ROOT/rowstream-bench/target/work"
mkdir -p "$work"
cp rowstream-bench/target/rowstream-bench.jar "$work/rowstream-bench.jar"

extra=()
if [ -z "$cli" ]; then
  if [ -x "$ROOT/rowstream" ]; then
    extra=(--cli "$ROOT/rowstream")
    # The launcher builds the CLI jar when needed: do that now, not inside a timed run.
    "$ROOT/rowstream" --version >/dev/null 2>&1 || "$ROOT/rowstream" --help >/dev/null 2>&1 || true
  else
    echo "note: $ROOT/rowstream (the CLI launcher) does not exist: the CLI export is not measured" >&2
    extra=(--cli none)
  fi
fi

mkdir -p docs/bench-results
out="docs/bench-results/$(date -u +%F)$quick.txt"
# A second run on the same day keeps the first one.
[ -e "$out" ] && out="docs/bench-results/$(date -u +%F-%H%M)$quick.txt"
echo "writing $out" >&2
{
  echo "command: rowstream-bench/run.sh $*"
  echo "library: git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), uncommitted changes in rowstream-core:" \
       "$(git status --porcelain -- rowstream-core 2>/dev/null | wc -l) files"
  java -jar "$work/rowstream-bench.jar" --work "$work" "${extra[@]}" "$@"
} 2>&1 | tee "$out"
exit "${PIPESTATUS[0]}"
