#!/usr/bin/env python3
"""bench/run section "tables": schema inspection of a 2,000-table PostgreSQL database.

Compares, on a throwaway PostgreSQL 15 cluster started here (initdb/pg_ctl from
/usr/lib/postgresql/15/bin, run as the `postgres` OS user when root; stopped at the end):
  - `retort-cli --json --url URL tables` (start-up, connect, catalog queries, JSON out);
  - SQLAlchemy's inspector walking the same schema the usual way: get_table_names(), then per table
    get_columns, get_pk_constraint, get_foreign_keys, get_indexes (a Python process per run, like
    the CLI; its in-process walk time is reported too);
  - psql running Retort's own catalog queries (`retort-cli tables --show-sql`), the floor.
Targets (issue #4): Retort at least 20x faster than the inspector, within 2x of psql.

Environment (set by bench/run; defaults make it runnable alone): RETORT_CLI, RETORT_PYTHON,
BENCH_RESULTS, BENCH_FRAGMENTS, BENCH_QUICK, BENCH_TABLES (default 2000).
Modes: `tables.py` (the benchmark), `tables.py walk URL` (the SQLAlchemy walk in its own process).
"""

import json
import os
import pwd
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PG_BIN = os.environ.get("RETORT_PG_BINDIR", "/usr/lib/postgresql/15/bin")


def walk(url):
    """The SQLAlchemy inspector walk; prints tables, columns and the in-process seconds."""
    import sqlalchemy
    start = time.perf_counter()
    engine = sqlalchemy.create_engine(url)
    insp = sqlalchemy.inspect(engine)
    columns = 0
    names = insp.get_table_names(schema="public")
    for name in names:
        columns += len(insp.get_columns(name, schema="public"))
        insp.get_pk_constraint(name, schema="public")
        insp.get_foreign_keys(name, schema="public")
        insp.get_indexes(name, schema="public")
    engine.dispose()
    print(json.dumps({"tables": len(names), "columns": columns, "seconds": time.perf_counter() - start}))


def schema_sql(count):
    """`count` tables of 10 columns: serial primary key, a foreign key to the previous table, a
    unique and a check constraint, two more indexes, a comment; a few rows each."""
    out = ["BEGIN;"]
    for i in range(count):
        t = "t%04d" % i
        parent = "REFERENCES t%04d (id) ON DELETE CASCADE" % (i - 1) if i else ""
        out.append(
            "CREATE TABLE %s (id serial PRIMARY KEY, parent_id int %s, code varchar(40) NOT NULL UNIQUE, "
            "name text, amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0), "
            "created_at timestamptz NOT NULL DEFAULT now(), flag boolean, qty int, note varchar(200), data jsonb);"
            % (t, parent))
        out.append("CREATE INDEX %s_name_idx ON %s (name);" % (t, t))
        out.append("CREATE INDEX %s_created_qty_idx ON %s (created_at, qty) WHERE flag;" % (t, t))
        out.append("COMMENT ON TABLE %s IS 'benchmark table %d';" % (t, i))
        out.append("INSERT INTO %s (code, name, qty) SELECT 'c' || g, 'n' || g, g FROM generate_series(1, %d) g;"
                   % (t, 1 + i % 7))
    out.append("COMMIT;")
    out.append("ANALYZE;")
    return "\n".join(out) + "\n"


class Cluster:
    """A throwaway cluster like tests/support/PgCluster (trust auth: a benchmark, not a test)."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="retort-bench-pg-")
        self.data = os.path.join(self.root, "data")
        self.sock = os.path.join(self.root, "sock")
        os.mkdir(self.sock)
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            for path in (self.root, self.sock):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.running = False

    def _run(self, tool, *args):
        argv = [os.path.join(PG_BIN, tool)] + list(args)
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--"] + argv
        subprocess.run(argv, check=True, cwd=self.root, stdout=subprocess.DEVNULL, env=dict(os.environ, LC_ALL="C"))

    def start(self):
        if not os.access(os.path.join(PG_BIN, "initdb"), os.X_OK):
            raise SystemExit("tables: PostgreSQL 15 server binaries missing in %s (apt-get install postgresql-15)" % PG_BIN)
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C",
                  "--no-sync", "--no-instructions")
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write("listen_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nfsync = off\n"
                       "synchronous_commit = off\nfull_page_writes = off\nautovacuum = off\n"
                       "max_locks_per_transaction = 256\n" % self.sock)
        self._run("pg_ctl", "start", "-w", "-D", self.data, "-l", os.path.join(self.root, "server.log"),
                  "-o", "-p %d" % self.port)
        self.running = True

    def stop(self):
        if self.running:
            self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", self.data)
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db="postgres"):
        return "postgresql://postgres@127.0.0.1:%d/%s" % (self.port, db)


def timed(argv):
    """Wall seconds of one run of argv (stdout discarded); fails loudly."""
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def alternate(commands, runs, warmup):
    """Runs the commands in turn, `runs` rounds after `warmup` rounds, so that a machine whose load
    changes during the benchmark weighs on every command alike (hyperfine runs one command's runs
    back to back). Returns {name: {"median", "min", "max", "runs"}}."""
    times = {name: [] for name in commands}
    for round_ in range(warmup + runs):
        for name, argv in commands.items():
            t = timed(argv)
            if round_ >= warmup:
                times[name].append(t)
    return {name: {"median": statistics.median(v), "min": min(v), "max": max(v), "runs": len(v),
                   "command": " ".join(shlex.quote(a) for a in commands[name])}
            for name, v in times.items()}


def main():
    cli = os.environ["RETORT_CLI"]
    py = os.environ.get("RETORT_PYTHON", "/usr/bin/python3")
    quick = os.environ.get("BENCH_QUICK") == "1"
    count = int(os.environ.get("BENCH_TABLES", "2000"))
    scratch = tempfile.mkdtemp(prefix="retort-bench-tables-")
    results = os.environ.get("BENCH_RESULTS", scratch)
    fragments = os.environ.get("BENCH_FRAGMENTS", scratch)
    runs, warm = (5, 1) if quick else (15, 2)

    cluster = Cluster()
    try:
        cluster.start()
        psql = os.path.join(PG_BIN, "psql")
        subprocess.run([psql, "-X", "-q", "-d", cluster.url(), "-c", "CREATE DATABASE bench"], check=True)
        url = cluster.url("bench")
        t0 = time.perf_counter()
        subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url], input=schema_sql(count), text=True,
                       check=True, stdout=subprocess.DEVNULL)
        print("tables: created %d tables in %.1f s" % (count, time.perf_counter() - t0))

        # Retort and the inspector must see the same schema (checked on the inspector's runs below).
        retort = json.loads(subprocess.run([cli, "--json", "--url", url, "tables"], capture_output=True, text=True,
                                           check=True).stdout)
        retort_columns = sum(len(t["columns"]) for t in retort["tables"])
        if len(retort["tables"]) != count:
            raise SystemExit("tables: retort-cli listed %d tables, expected %d" % (len(retort["tables"]), count))
        queries = json.loads(subprocess.run([cli, "--json", "--url", url, "tables", "--show-sql"], capture_output=True,
                                            text=True, check=True).stdout)["queries"]
        sql_file = os.path.join(scratch, "retort-catalog.sql")
        with open(sql_file, "w") as fh:
            fh.write(";\n".join(queries) + ";\n")

        res = alternate({"retort": [cli, "--json", "--url", url, "tables"],
                         "psql": [psql, "-X", "-q", "-At", "-d", url, "-f", sql_file]}, runs, warm)
        # The inspector takes about a minute per walk on this machine: fewer runs, each timed as a
        # whole process and, inside it, the walk alone (interpreter start-up and imports excluded).
        sa_runs = []
        for _ in range(1 if quick else 3):
            t0 = time.perf_counter()
            out = subprocess.run([py, __file__, "walk", url], capture_output=True, text=True, check=True).stdout
            sa = json.loads(out)
            if sa["tables"] != count or sa["columns"] != retort_columns:
                raise SystemExit("tables: disagreement: retort %d tables/%d columns, sqlalchemy %d/%d"
                                 % (count, retort_columns, sa["tables"], sa["columns"]))
            sa_runs.append((time.perf_counter() - t0, sa["seconds"]))
        res["sqlalchemy"] = {"median": statistics.median(r[0] for r in sa_runs), "runs": len(sa_runs),
                             "min": min(r[0] for r in sa_runs), "max": max(r[0] for r in sa_runs)}
        res["sqlalchemy_walk_seconds"] = statistics.median(r[1] for r in sa_runs)
        res["tables"] = count
        res["columns"] = retort_columns
        res["load_average"] = os.getloadavg()
        with open(os.path.join(results, "tables.json"), "w") as fh:
            json.dump(res, fh, indent=2)

        r, p, s = res["retort"]["median"], res["psql"]["median"], res["sqlalchemy"]["median"]
        walk_s = res["sqlalchemy_walk_seconds"]
        vs_sa, vs_psql = s / r, r / p
        lines = [
            "## Schema inspection: %d tables (db, issue #4)" % count,
            "",
            "A throwaway PostgreSQL 15 cluster (fsync off, local TCP) holding %d tables of 10 columns "
            "(%d columns), each with a serial primary key, a foreign key to the previous table, a unique "
            "and a check constraint, two more indexes (one partial) and a comment; ANALYZEd. "
            "Medians of whole processes (start-up and connect included), warm caches; Retort and psql "
            "alternate run by run (%d runs each after %d warm-up rounds) so that changing machine load "
            "weighs on both alike; %d inspector run(s). Load average at the end: %.1f."
            % (count, retort_columns, res["retort"]["runs"], warm, res["sqlalchemy"]["runs"], res["load_average"][0]),
            "",
            "| what | median | vs Retort |",
            "|---|---|---|",
            "| `retort-cli --json tables` (5 catalog queries, JSON of every column/key/index) | %.3f s | 1.0x |" % r,
            "| `psql -f` Retort's catalog queries (`tables --show-sql`), output discarded | %.3f s | %.2fx |" % (p, p / r),
            "| SQLAlchemy %s inspector: get_table_names + get_columns/get_pk_constraint/get_foreign_keys/get_indexes per table (python process) | %.2f s | %.1fx |"
            % (sqlalchemy_version(py), s, s / r),
            "| the same inspector walk alone, in-process (no interpreter start-up or imports) | %.2f s | %.1fx |" % (walk_s, walk_s / r),
            "",
            "Targets: at least 20x faster than the inspector: **%.0fx** (%s; %.0fx against the in-process walk alone); "
            "within 2x of psql: **%.2fx** (%s)." % (vs_sa, "met" if vs_sa >= 20 else "NOT met", walk_s / r,
                                                    vs_psql, "met" if vs_psql <= 2 else "NOT met"),
            "",
        ]
        with open(os.path.join(fragments, "tables.md"), "w") as fh:
            fh.write("\n".join(lines))
        print("\n".join(lines))
        print("tables: raw figures in %s, section text in %s" % (os.path.join(results, "tables.json"),
                                                                  os.path.join(fragments, "tables.md")))
        return 0 if vs_sa >= 20 and vs_psql <= 2 else 1
    finally:
        cluster.stop()
        if scratch not in (results, fragments):
            shutil.rmtree(scratch, ignore_errors=True)


def sqlalchemy_version(py):
    return subprocess.run([py, "-c", "import sqlalchemy; print(sqlalchemy.__version__)"], capture_output=True,
                          text=True).stdout.strip()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "walk":
        walk(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
