#!/usr/bin/env bash
# Section "nonliteral" of bench/run: `retort-cli heads` on one graph written three ways (all
# literal; 1% folded spellings; 1% folded + 1% non-literal values) vs `alembic heads`.
# Figures: bench/nonliteral.py.
set -euo pipefail
exec "$RETORT_PYTHON" "$(dirname "${BASH_SOURCE[0]}")/nonliteral.py"
