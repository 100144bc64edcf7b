#!/usr/bin/env bash
# Section "upgrade" of bench/run (issue #5): upgrading 200 revisions through
# `retort-cli upgrade heads` vs `alembic upgrade heads` on the same project, each run on a fresh
# SQLite database. Target: retort-cli at most 1.2x Alembic's time.
#
# retort-cli does more than Alembic here: it parses the project and plans (Retort's planner),
# reads alembic_version before the run, drives the same Alembic through the bridge (one Python
# process, as `alembic` itself), re-reads alembic_version afterwards and compares it with the plan.
#
# Two databases: a file on tmpfs (/dev/shm: CPU cost only, no fsync) and one in the work folder
# (the disk: every step's commit is an fsync, as users see it). Runs alternate between the two
# tools; the figure is the median of N runs (5, or 3 with --quick).
#
# Alone: RETORT_CLI=BUILD/src/cli/retort-cli RETORT_PYTHON=/usr/bin/python3 bench/bench_upgrade.sh
set -euo pipefail
: "${RETORT_CLI:?set RETORT_CLI to the retort-cli binary (bench/run does)}"
PYTHON="${RETORT_PYTHON:-/usr/bin/python3}"
WORK="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/retort-bench-upgrade.XXXXXX")}"
FRAGMENTS="${BENCH_FRAGMENTS:-$WORK}"
REVISIONS="${BENCH_UPGRADE_REVISIONS:-200}"
RUNS=5
[[ "${BENCH_QUICK:-0}" == 1 ]] && RUNS=3
mkdir -p "$WORK" "$FRAGMENTS"

exec "$PYTHON" - "$RETORT_CLI" "$WORK" "$FRAGMENTS" "$REVISIONS" "$RUNS" "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" <<'PY'
import os, shutil, statistics, sys

cli, work, fragments, revisions, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
sys.path.insert(0, sys.argv[6])
import timing  # noqa: E402
python = sys.executable
project = os.path.join(work, "upgrade%d" % revisions)

# ---- a linear project: every revision creates a table and adds an index (real DDL per step)
if not os.path.exists(os.path.join(project, "alembic.ini")):
    versions = os.path.join(project, "migrations", "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(project, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %(here)s/migrations\n"
                "sqlalchemy.url = sqlite:///%(here)s/default.db\n\n"
                "[loggers]\nkeys = root\n[handlers]\nkeys = console\n[formatters]\nkeys = generic\n"
                "[logger_root]\nlevel = WARN\nhandlers = console\n"
                "[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\nformatter = generic\n"
                "[formatter_generic]\nformat = %(levelname)-5.5s [%(name)s] %(message)s\n")
    with open(os.path.join(project, "migrations", "env.py"), "w") as f:
        f.write('''import os
from logging.config import fileConfig
from alembic import context
from sqlalchemy import engine_from_config, pool
config = context.config
fileConfig(config.config_file_name)
def url():
    return os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
if context.is_offline_mode():
    context.configure(url=url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    section = config.get_section(config.config_ini_section)
    section["sqlalchemy.url"] = url()
    engine = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
''')
    previous = None
    for i in range(1, revisions + 1):
        rev = "b%011d" % i
        with open(os.path.join(versions, "%04d_%s_table_%d.py" % (i, rev, i)), "w") as f:
            f.write('''"""create table t%(i)d

Revision ID: %(rev)s
"""
from alembic import op
import sqlalchemy as sa

revision = "%(rev)s"
down_revision = %(down)r
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("t%(i)d", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)), sa.Column("value", sa.Integer))
    op.create_index("ix_t%(i)d_name", "t%(i)d", ["name"])


def downgrade():
    op.drop_index("ix_t%(i)d_name", "t%(i)d")
    op.drop_table("t%(i)d")
''' % {"i": i, "rev": rev, "down": previous})
        previous = rev
head = "b%011d" % revisions


def timed(args, env):
    return timing.timed(args, project, env)[:2]


def version_of(db):
    import sqlite3
    with sqlite3.connect(db) as c:
        return [r[0] for r in c.execute("select version_num from alembic_version")]


def measure(label, folder):
    os.makedirs(folder, exist_ok=True)
    ours_db, theirs_db = os.path.join(folder, "retort.db"), os.path.join(folder, "alembic.db")
    ours, theirs = [], []
    for _ in range(runs):
        for db in (ours_db, theirs_db):
            if os.path.exists(db):
                os.remove(db)
        env = dict(os.environ)
        ours.append(timed([cli, "-p", project, "--url", "sqlite:///" + ours_db,
                           "upgrade", "heads", "--python", python], env))
        env["DATABASE_URL"] = "sqlite:///" + theirs_db
        theirs.append(timed([python, "-m", "alembic", "upgrade", "heads"], env))
        assert version_of(ours_db) == version_of(theirs_db) == [head], "both must end at the head"
    o, t = statistics.median(w for w, _ in ours), statistics.median(w for w, _ in theirs)
    oc, tc = statistics.median(c for _, c in ours), statistics.median(c for _, c in theirs)
    print("%-34s wall: retort-cli %.2f s  alembic %.2f s  ratio %.2f | CPU: %.2f s vs %.2f s  ratio %.2f"
          % (label, o, t, o / t, oc, tc, oc / tc))
    return o, t, oc, tc


shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
rows = []
if shm:
    tmpfs = os.path.join(shm, "retort-bench-upgrade-%d" % os.getpid())
    try:
        rows.append(("SQLite file on tmpfs (no fsync)",) + measure("SQLite on tmpfs", tmpfs))
    finally:
        shutil.rmtree(tmpfs, ignore_errors=True)
rows.append(("SQLite file on disk (fsync per commit)",) + measure("SQLite on disk", os.path.join(work, "upgrade-disk")))

import alembic, sqlalchemy
lines = [
    "## Upgrade through the bridge (issue #5)",
    "",
    "`retort-cli upgrade heads` vs `python -m alembic upgrade heads` on the same %d-revision linear "
    "project (each revision creates a table and an index), each run on a fresh SQLite database; "
    "runs alternate between the tools; median of %d runs. retort-cli also parses "
    "and plans, reads alembic_version before and after, and compares the result with the plan. "
    "Alembic %s, SQLAlchemy %s, Python %s. Generated by `bench/bench_upgrade.sh`."
    % (revisions, runs, alembic.__version__, sqlalchemy.__version__, sys.version.split()[0]),
    "",
    "| database | wall: retort-cli | wall: alembic | wall ratio | CPU: retort-cli | CPU: alembic | CPU ratio | target (wall) |",
    "|---|---|---|---|---|---|---|---|",
]
for label, o, t, oc, tc in rows:
    lines.append("| %s | %.2f s | %.2f s | %.2f | %.2f s | %.2f s | %.2f | <= 1.2 %s |"
                 % (label, o, t, o / t, oc, tc, oc / tc, "met" if o / t <= 1.2 else "NOT met"))
lines.append("")
lines.append("CPU = user + system time of the process and its children (the Python running Alembic), "
             "which other load on the machine does not inflate.")
lines.append("")
with open(os.path.join(fragments, "upgrade.md"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
