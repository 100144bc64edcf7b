#!/usr/bin/env bash
# GUI benchmark: open a generated project in the real main window (offscreen) and measure
# open-to-first-painted-graph, the repaint time of the graph per scrolled frame, and memory.
#
#   bench/bench_gui.sh [BUILD_DIR]        (default: $BENCH_BUILD_DIR, else ./build next to bench/)
#   BENCH_GUI_SIZES="1000 10000"  BENCH_GUI_RUNS=3  BENCH_GUI_PROFILE=mixed|linear|branchy|wide
#   BENCH_GUI_NONLITERAL=0.01  (issue #12: the same 10,000 revisions with 1 % of the files holding a
#   value only Python can tell, loaded through the project's Alembic for those files only; and the
#   selection: click to enabled actions, click to SQL preview, with a SQLite database at base)
#
# Targets (issue #6): 10,000 revisions open to first paint <= 1 s; repaint < 16 ms per frame;
# resident memory < 150 MB. Each line of output is one run's JSON from `retort --bench`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
build="${1:-${BENCH_BUILD_DIR:-$src/build}}"
retort="$build/src/app/retort"
python="${RETORT_PYTHON:-/usr/bin/python3}"
sizes="${BENCH_GUI_SIZES:-1000 10000}"
runs="${BENCH_GUI_RUNS:-3}"
profile="${BENCH_GUI_PROFILE:-mixed}"

[ -x "$retort" ] || { echo "bench_gui: $retort not built (cmake --build $build --target retort)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QT_LOGGING_RULES="qt.qpa.*=false"
export HOME="$work/home"   # settings and logs of the benchmark stay out of the user's home
mkdir -p "$HOME"

echo "# retort --bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPU, $(uname -m), platform $QT_QPA_PLATFORM, profile $profile"
for n in $sizes; do
  "$python" "$src/tests/differential/gen_project.py" --seed 11 --revisions "$n" --profile "$profile" --odd 0.2 \
      --plans 0 --out "$work/p$n" > /dev/null
  for ((i = 1; i <= runs; i++)); do
    sync
    "$retort" --bench --project "$work/p$n/project" --size 1400x900 2>/dev/null
  done
done

nonliteral="${BENCH_GUI_NONLITERAL:-0.01}"
if [ "$nonliteral" != "0" ]; then
  n=10000
  echo "# $n revisions, --nonliteral $nonliteral (the window loads those files through Alembic); with --url: selection"
  "$python" "$src/tests/differential/gen_project.py" --seed 11 --revisions "$n" --profile "$profile" --odd 0.2 \
      --nonliteral "$nonliteral" --plans 0 --out "$work/nl$n" > /dev/null
  : > "$work/base.db"
  for ((i = 1; i <= runs; i++)); do
    sync
    "$retort" --bench --project "$work/nl$n/project" --size 1400x900 2>/dev/null
    if [ -d "$work/p$n" ]; then
      "$retort" --bench --project "$work/p$n/project" --url "sqlite:///$work/base.db" --size 1400x900 2>/dev/null
    fi
    "$retort" --bench --project "$work/nl$n/project" --url "sqlite:///$work/base.db" --size 1400x900 2>/dev/null
  done
fi
