#!/usr/bin/env bash
# Section "verify" of bench/run (issue #17): `retort-cli verify` (up, down, up for every revision
# on a scratch database, the schema read after each command) on a 200-revision linear project vs
# the equivalent `alembic` commands run one step at a time: for each revision R,
# `alembic upgrade R`, `alembic downgrade -1`, `alembic upgrade R` (600 Alembic processes), on a
# SQLite file in the same place retort-cli puts its scratch file (/dev/shm when there is one).
# Target: retort-cli at most 1.3x the Alembic commands' wall time. Also: the cost of reading one
# schema (SQLite, and PostgreSQL on a throwaway local cluster when the server binaries exist).
#
# Alone: RETORT_CLI=BUILD/src/cli/retort-cli RETORT_PYTHON=/usr/bin/python3 bench/bench_verify.sh
# BENCH_VERIFY_REVISIONS=N changes the size (default 200).
set -euo pipefail
: "${RETORT_CLI:?set RETORT_CLI to the retort-cli binary (bench/run does)}"
PYTHON="${RETORT_PYTHON:-/usr/bin/python3}"
WORK="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/retort-bench-verify.XXXXXX")}"
FRAGMENTS="${BENCH_FRAGMENTS:-$WORK}"
REVISIONS="${BENCH_VERIFY_REVISIONS:-200}"
RUNS=3
[[ "${BENCH_QUICK:-0}" == 1 ]] && RUNS=1
mkdir -p "$WORK" "$FRAGMENTS"

exec "$PYTHON" - "$RETORT_CLI" "$WORK" "$FRAGMENTS" "$REVISIONS" "$RUNS" "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" <<'PY'
import json, os, shutil, statistics, sys, tempfile

cli, work, fragments, revisions, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
sys.path.insert(0, sys.argv[6])
import timing  # noqa: E402
python = sys.executable
project = os.path.join(work, "verify%d" % revisions)

# ---- the project of tests/support/MigrationProject.h: revision i creates table t<i> with an index
# and adds a column ref<i> to the previous table; every downgrade undoes all of it.
import alembic_project  # noqa: E402


def step(i):
    up = ('    op.create_table("t%d", sa.Column("id", sa.Integer, primary_key=True),\n'
          '                    sa.Column("name", sa.String(40), nullable=False),\n'
          '                    sa.Column("created", sa.DateTime, server_default=sa.func.now()))\n'
          '    op.create_index("ix_t%d_name", "t%d", ["name"])\n' % (i, i, i))
    down = ""
    if i > 1:
        up += '    op.add_column("t%d", sa.Column("ref%d", sa.Integer, nullable=True))\n' % (i - 1, i)
        down += '    op.drop_column("t%d", "ref%d")\n' % (i - 1, i)
    down += '    op.drop_index("ix_t%d_name", table_name="t%d")\n    op.drop_table("t%d")\n' % (i, i, i)
    return "create t%d" % i, up, down


alembic_project.write_linear_project(project, revisions, lambda i: "r%04d" % i, lambda i, rev: "%04d_%s.py" % (i, rev), step)

shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else tempfile.gettempdir()
cache = os.path.join(work, "xdg-cache-verify")


def retort_verify(extra=()):
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    wall, cpu, out = timing.timed([cli, "--no-cache", "--json", "-p", project, "--python", python] + list(extra) + ["verify"],
                                  project, env)
    report = json.loads(out)
    assert report["ok"] and report["checked"] == revisions, report
    return wall, cpu, report["stats"]


def alembic_steps():
    """The same round trips as separate `alembic` commands on a fresh SQLite file."""
    folder = tempfile.mkdtemp(prefix="retort-bench-verify-", dir=shm)
    try:
        env = dict(os.environ, DATABASE_URL="sqlite:///" + os.path.join(folder, "alembic.db"))
        wall = cpu = 0.0
        for i in range(1, revisions + 1):
            rev = "r%04d" % i
            for args in (["upgrade", rev], ["downgrade", "-1"], ["upgrade", rev]):
                w, c, _ = timing.timed([python, "-m", "alembic"] + args, project, env)
                wall, cpu = wall + w, cpu + c
        return wall, cpu
    finally:
        shutil.rmtree(folder, ignore_errors=True)


IN_PROCESS = """
import sys
from alembic import command
from alembic.config import Config
config = Config("alembic.ini")
for i in range(1, int(sys.argv[1]) + 1):
    rev = "r%04d" % i
    command.upgrade(config, rev)
    command.downgrade(config, "-1")
    command.upgrade(config, rev)
"""


def alembic_in_process():
    """The same commands through Alembic's API in one Python process (no interpreter start per
    command, but each command reads the revision files again, as `alembic.command` does)."""
    folder = tempfile.mkdtemp(prefix="retort-bench-verify-", dir=shm)
    try:
        env = dict(os.environ, DATABASE_URL="sqlite:///" + os.path.join(folder, "alembic.db"))
        wall, cpu, _ = timing.timed([python, "-c", IN_PROCESS, str(revisions)], project, env)
        return wall, cpu
    finally:
        shutil.rmtree(folder, ignore_errors=True)


ours = [retort_verify() for _ in range(runs)]
o_wall = statistics.median(w for w, _, _ in ours)
o_cpu = statistics.median(c for _, c, _ in ours)
stats = ours[len(ours) // 2][2]
print("retort-cli verify: %.1f s wall, %.1f s CPU; %s" % (o_wall, o_cpu, stats))
t_wall, t_cpu = alembic_steps()
print("alembic, %d commands: %.1f s wall, %.1f s CPU" % (3 * revisions, t_wall, t_cpu))
i_wall, i_cpu = alembic_in_process()
print("alembic API, one process: %.1f s wall, %.1f s CPU" % (i_wall, i_cpu))

pg = None
pg_root = "/usr/lib/postgresql"
if os.path.isdir(pg_root) and any(os.path.exists(os.path.join(pg_root, v, "bin", "initdb")) for v in os.listdir(pg_root)):
    # A PostgreSQL project: retort-cli starts a throwaway local cluster for its scratch database.
    pg_wall, pg_cpu, pg_stats = retort_verify(["--url", "postgresql://bench@localhost:1/bench"])
    pg = (pg_wall, pg_stats)
    print("retort-cli verify on PostgreSQL (local cluster): %.1f s wall; %s" % (pg_wall, pg_stats))

import alembic, sqlalchemy
per_command = stats["alembic_ms"] / max(stats["commands"], 1)
per_inspect = stats["inspect_ms"] / max(stats["inspections"], 1)
lines = [
    "## Round trips: verify (issue #17)",
    "",
    "`retort-cli verify` on a %d-revision linear project (each revision creates a table with an index and "
    "adds a column to the previous one; every downgrade undoes it) vs the same round trips as separate "
    "commands, `alembic upgrade R`, `alembic downgrade -1`, `alembic upgrade R` for every revision (%d "
    "processes), both on a SQLite file in %s. retort-cli also reads the whole schema after every command "
    "(%d reads) and compares it. Median of %d runs of retort-cli, one of the Alembic commands; no schema "
    "cache (`--no-cache`). Alembic %s, SQLAlchemy %s, Python %s. Generated by `bench/bench_verify.sh`."
    % (revisions, 3 * revisions, shm, stats["inspections"], runs, alembic.__version__, sqlalchemy.__version__,
       sys.version.split()[0]),
    "",
    "| | wall: retort-cli verify | wall: alembic commands | wall ratio | CPU: retort-cli | CPU: alembic | CPU ratio | target (wall) |",
    "|---|---|---|---|---|---|---|---|",
    "| %d revisions, SQLite | %.1f s | %.1f s | %.2f | %.1f s | %.1f s | %.2f | <= 1.3 %s |"
    % (revisions, o_wall, t_wall, o_wall / t_wall, o_cpu, t_cpu, o_cpu / t_cpu, "met" if o_wall / t_wall <= 1.3 else "NOT met"),
    "",
    "Most of the Alembic commands' time is %d Python start-ups, each importing Alembic and reading the %d "
    "revision files. Without them - the same %d commands through `alembic.command` in one Python process, "
    "which still reads the revision files for every command - Alembic takes %.1f s wall, %.1f s CPU: "
    "retort-cli verify is **%.2fx** of that in wall time, %.2fx in CPU, schema reads and comparisons included "
    "(its session reads the revision files once)."
    % (3 * revisions, revisions, 3 * revisions, i_wall, i_cpu, o_wall / i_wall, o_cpu / i_cpu),
    "",
    "Inside the walk (SQLite): %.0f ms per Alembic command in the bridge's session (one Python process for all %d), "
    "**%.1f ms per schema read** (the inspector's catalog queries on the scratch database; the schema grows "
    "to %d tables), %.0f ms per revision for the whole walk (3 commands, 3 reads and 2 comparisons each; the one Python start shared)."
    % (per_command, stats["commands"], per_inspect, revisions, stats["elapsed_ms"] / revisions),
]
if pg:
    pg_stats = pg[1]
    lines += ["",
              "PostgreSQL (a throwaway local cluster started by retort-cli, initdb included): verify %.1f s wall, "
              "%.0f ms per Alembic command, **%.1f ms per schema read**, %.0f ms per revision."
              % (pg[0], pg_stats["alembic_ms"] / max(pg_stats["commands"], 1), pg_stats["inspect_ms"] / max(pg_stats["inspections"], 1),
                 pg_stats["elapsed_ms"] / revisions)]
lines.append("")
with open(os.path.join(fragments, "verify.md"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
