#!/usr/bin/env bash
# Section "graph" of bench/run: `retort-cli heads/history/plan` vs the real `alembic heads/history`
# vs `cat` of the same revision files, at every size in BENCH_SIZES. Figures: bench/graph.py.
set -euo pipefail
exec "$RETORT_PYTHON" "$(dirname "${BASH_SOURCE[0]}")/graph.py"
