#!/usr/bin/env bash
# Section "tables" of bench/run: schema inspection of 2,000 PostgreSQL tables, `retort-cli tables`
# vs SQLAlchemy's inspector vs psql running Retort's catalog queries. Figures: bench/tables.py.
# Alone: RETORT_CLI=BUILD/src/cli/retort-cli RETORT_PYTHON=/usr/bin/python3 bench/bench_tables.sh
set -euo pipefail
: "${RETORT_CLI:?set RETORT_CLI to the retort-cli binary (bench/run does)}"
exec "${RETORT_PYTHON:-/usr/bin/python3}" "$(dirname "${BASH_SOURCE[0]}")/tables.py"
