#!/usr/bin/env bash
# Section "lint" of bench/run (issue #16): `retort-cli lint upgrade` over a 1,000-step plan vs
# `retort-cli sql upgrade` for the same plan (the offline SQL lint reviews). Target: lint at most
# 1.5x sql, whole command.
#
# The project: a base revision creating 100 tables (id, name varchar(50), value int, note text),
# then 1,000 revisions cycling through ten kinds of operation on them (add column, CREATE INDEX,
# CREATE INDEX CONCURRENTLY in an autocommit block, int -> bigint, CHECK NOT VALID + VALIDATE,
# foreign key, UPDATE ... WHERE, DROP INDEX, varchar widening, DROP COLUMN). The plan starts after
# the base revision, so every step works on existing tables.
#
# Two settings: offline (no database: both commands only render and, for lint, review), and live
# (--url to a throwaway PostgreSQL 15 holding the base tables with rows: sql reads alembic_version,
# lint also reads the tables' facts, sizes and locks). The live setting is skipped, and said so,
# when PostgreSQL's initdb/pg_ctl are missing. Runs alternate between the commands; median of 5
# runs (3 with --quick).
#
# Alone: RETORT_CLI=BUILD/src/cli/retort-cli RETORT_PYTHON=/usr/bin/python3 bench/bench_lint.sh
set -euo pipefail
: "${RETORT_CLI:?set RETORT_CLI to the retort-cli binary (bench/run does)}"
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${RETORT_PYTHON:-/usr/bin/python3}"
WORK="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/retort-bench-lint.XXXXXX")}"
FRAGMENTS="${BENCH_FRAGMENTS:-$WORK}"
STEPS="${BENCH_LINT_STEPS:-1000}"
RUNS=5
[[ "${BENCH_QUICK:-0}" == 1 ]] && RUNS=3
mkdir -p "$WORK" "$FRAGMENTS"

exec "$PYTHON" - "$RETORT_CLI" "$WORK" "$FRAGMENTS" "$STEPS" "$RUNS" "$BENCH_DIR" <<'PY'
import json, os, pwd, shutil, socket, statistics, subprocess, sys, tempfile

cli, work, fragments, steps, runs, bench_dir = sys.argv[1:7]
steps, runs = int(steps), int(runs)
sys.path.insert(0, bench_dir)
from timing import timed  # noqa: E402
python = sys.executable
project = os.path.join(work, "lint%d" % steps)
TABLES = 100
BASE = "r00000"

# ---- the project
if not os.path.exists(os.path.join(project, "alembic.ini")):
    versions = os.path.join(project, "migrations", "versions")
    os.makedirs(versions, exist_ok=True)
    # alembic.ini and env.py of the lint tests (DATABASE_URL overrides the URL; offline and online).
    template = os.path.join(bench_dir, "..", "tests", "data", "lint", "project")
    shutil.copy(os.path.join(template, "alembic.ini"), project)
    shutil.copy(os.path.join(template, "migrations", "env.py"), os.path.join(project, "migrations"))

    def write(index, rev, down, upgrade):
        with open(os.path.join(versions, "%05d_%s.py" % (index, rev)), "w") as f:
            f.write('"""step %d"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = %r\n'
                    'down_revision = %r\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n%s\n\n'
                    'def downgrade():\n    pass\n' % (index, rev, down, upgrade))

    base = "".join('    op.create_table("t%d", sa.Column("id", sa.Integer, primary_key=True), '
                   'sa.Column("name", sa.String(50)), sa.Column("value", sa.Integer), sa.Column("note", sa.Text))\n'
                   % t for t in range(TABLES))
    write(0, BASE, None, base)
    previous = BASE
    for i in range(1, steps + 1):
        rev = "r%05d" % i
        table = "t%d" % ((i // 10) % TABLES)
        other = "t%d" % (((i // 10) + 1) % TABLES)
        kind = i % 10
        column = "c%d" % (i - kind)  # added by the kind-0 step of this group of ten
        if kind == 0:
            body = '    op.add_column("%s", sa.Column("%s", sa.Integer))' % (table, "c%d" % i)
        elif kind == 1:
            body = '    op.create_index("ix%d", "%s", ["name"])' % (i, table)
        elif kind == 2:
            body = ('    with op.get_context().autocommit_block():\n'
                    '        op.create_index("ixc%d", "%s", ["value"], postgresql_concurrently=True)' % (i, table))
        elif kind == 3:
            body = ('    op.alter_column("%s", "%s", existing_type=sa.Integer(), type_=sa.BigInteger())'
                    % (table, column) if i >= 10 else '    op.execute("SELECT 1")')
        elif kind == 4:
            body = ('    op.create_check_constraint("ck%d", "%s", "value > 0", postgresql_not_valid=True)\n'
                    '    op.execute("ALTER TABLE %s VALIDATE CONSTRAINT ck%d")' % (i, table, table, i))
        elif kind == 5:
            body = '    op.create_foreign_key("fk%d", "%s", "%s", ["value"], ["id"])' % (i, table, other)
        elif kind == 6:
            body = '    op.execute("UPDATE %s SET note = \'x\' WHERE id < 10")' % table
        elif kind == 7:
            body = '    op.drop_index("ix%d", table_name="%s")' % (i - 6, table)
        elif kind == 8:
            body = ('    op.alter_column("%s", "name", existing_type=sa.String(50), type_=sa.String(%d))'
                    % (table, 50 + i))
        else:
            body = ('    op.drop_column("%s", "%s")' % (table, column) if i >= 10
                    else '    op.execute("SELECT 1")')
        write(i, rev, previous, body)
        previous = rev
head = "r%05d" % steps


def measure(label, url):
    common = [cli, "-p", project, "--json"] + (["--url", url] if url else [])
    start = [] if url else ["--current", BASE]
    sql_args = common + ["sql", "upgrade", head] + start + ["--python", python]
    lint_args = common + ["lint", "upgrade", head] + start + ["--python", python]
    sqls, lints = [], []
    report = None
    for _ in range(runs):
        s = timed(sql_args, project)
        l = timed(lint_args, project, accept=(0, 1))  # 1: findings reach --fail-on
        sqls.append(s[:2])
        lints.append(l[:2])
        report = json.loads(l[2])
        assert json.loads(s[2])["steps"] == steps, "sql must render every step"
    assert len(report["steps"]) == steps and all(st["rendered"] for st in report["steps"])
    sw, lw = statistics.median(w for w, _ in sqls), statistics.median(w for w, _ in lints)
    sc, lc = statistics.median(c for _, c in sqls), statistics.median(c for _, c in lints)
    print("%-8s wall: sql %.2f s  lint %.2f s  ratio %.2f | CPU: %.2f s vs %.2f s  ratio %.2f | %d findings"
          % (label, sw, lw, lw / sw, sc, lc, lc / sc, len(report["findings"])))
    return label, sw, lw, sc, lc, report


# ---- a throwaway PostgreSQL 15 for the live setting (as the `postgres` user when run as root)
def start_postgres():
    bindir = os.environ.get("RETORT_PG_BINDIR", "/usr/lib/postgresql/15/bin")
    if not os.path.exists(os.path.join(bindir, "initdb")):
        return None, "PostgreSQL 15's initdb was not found (%s)" % bindir
    root = tempfile.mkdtemp(prefix="retort-bench-pg.", dir="/tmp")
    as_user = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = os.path.join(root, "data")
    subprocess.run(as_user + [os.path.join(bindir, "initdb"), "-D", data, "-A", "trust", "-U", "postgres"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(as_user + [os.path.join(bindir, "pg_ctl"), "-D", data, "-w", "-l", os.path.join(root, "log"), "-o",
                              "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off" % (port, root), "start"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop():
        subprocess.run(as_user + [os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)
    return (port, stop), None


rows = [measure("offline", None)]
live_note = ""
pg, problem = start_postgres()
if pg:
    port, stop = pg
    try:
        url = "postgresql://postgres@127.0.0.1:%d/postgres" % port
        done = subprocess.run([cli, "-p", project, "--url", url, "upgrade", BASE, "--python", python], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if done.returncode != 0:
            sys.exit("cannot build the base schema: %s" % done.stderr.decode(errors="replace")[-2000:])
        import psycopg2
        with psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres") as c:
            with c.cursor() as cur:
                for t in range(TABLES):
                    cur.execute("INSERT INTO t%d (id, name, value, note) SELECT g, 'n' || g, g, 'x' "
                                "FROM generate_series(1, 2000) AS g" % t)
                cur.execute("ANALYZE")
        rows.append(measure("live", url))
    finally:
        stop()
else:
    live_note = "The live setting was skipped: %s." % problem

import alembic, sqlalchemy
offline_report = rows[0][5]
lines = [
    "## Lint of a %d-step plan (issue #16)" % steps,
    "",
    "`retort-cli --json lint upgrade %s` vs `retort-cli --json sql upgrade %s` (the offline SQL lint "
    "reviews) on a %d-revision linear project whose steps alter 100 existing tables (ten kinds of "
    "operation in turn: add column, CREATE INDEX, CREATE INDEX CONCURRENTLY, int -> bigint, CHECK NOT "
    "VALID + VALIDATE, foreign key, UPDATE ... WHERE, DROP INDEX, varchar widening, DROP COLUMN); "
    "offline (`--current %s`), and live (`--url` to a throwaway PostgreSQL 15 holding the 100 tables "
    "with 2,000 rows each: sql reads alembic_version, lint also reads the tables' facts, sizes and "
    "locks). Runs alternate; median of %d runs. Alembic %s, SQLAlchemy %s, Python %s. The offline "
    "review reports %d findings. Generated by `bench/bench_lint.sh`."
    % (head, head, steps + 1, BASE, runs, alembic.__version__, sqlalchemy.__version__, sys.version.split()[0],
       len(offline_report["findings"])),
    "",
    "| setting | wall: sql | wall: lint | wall ratio | CPU: sql | CPU: lint | CPU ratio | target (wall) |",
    "|---|---|---|---|---|---|---|---|",
]
for label, sw, lw, sc, lc, _ in rows:
    lines.append("| %s | %.2f s | %.2f s | %.2f | %.2f s | %.2f s | %.2f | <= 1.5 %s |"
                 % (label, sw, lw, lw / sw, sc, lc, lc / sc, "met" if lw / sw <= 1.5 else "NOT met"))
lines.append("")
lines.append("CPU = user + system time of retort-cli and its children (the Python running Alembic).")
if live_note:
    lines.append("")
    lines.append(live_note)
lines.append("")
with open(os.path.join(fragments, "lint.md"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
