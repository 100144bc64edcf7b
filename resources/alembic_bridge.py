"""Retort's bridge to a project's own Alembic.

Retort never re-implements Alembic's operations: this script runs inside the project's Python
(its virtualenv, `uv run`, `poetry run`, a compose service, ...) and drives the project's own
Alembic through its public API only (``alembic.config.Config``, ``ScriptDirectory``,
``EnvironmentContext``, ``MigrationContext``, ``alembic.command``) plus a logging handler on
``alembic.runtime.migration``.

Usage (the script is normally fed on stdin: ``python - OP [options]``)::

    python - hello
    python - revisions --config alembic.ini
    python - scripts   [--config alembic.ini] --file versions/a.py [--file ...]
    python - url       --config alembic.ini [--offline]
    python - sql       --config alembic.ini --direction upgrade|downgrade --target T [--current a,b]
    python - upgrade   --config alembic.ini --target T [--lock-timeout MS]
    python - downgrade --config alembic.ini --target T [--lock-timeout MS]
    python - stamp     --config alembic.ini --target T[,T2] [--purge]
    python - merge     --config alembic.ini --target A,B[,C] [--message M] [--branch-label L]
                       [--rev-id ID]
    python -c BOOT session --config alembic.ini [--require-url-match]
    python - revision  --config alembic.ini [--message M] [--autogenerate [--review]] [--head H]
                       [--splice] [--branch-label L] [--depends-on D]... [--rev-id ID]
                       [--version-path DIR] [--expect-changes SHA1]
    python - check     --config alembic.ini
    python - bootstrap --config alembic.ini --version-locations DIR --rev-id ID [--message M]

Common options: ``--section NAME`` (ini section, default "alembic"), ``--x KEY=VALUE``
(repeatable, Alembic's ``-x``), ``--tag TAG``, ``--require-url-match``, ``--no-reread`` (skip the
fresh-connection read of the version table after upgrade/downgrade/stamp: the caller does it).

``scripts`` imports only the revision files it is given (the ones whose values Retort cannot read
statically), each with Alembic's own loader (``Script._from_path`` on the project's
``ScriptDirectory``, i.e. ``alembic.util.load_python_file``, what ``alembic heads`` does for every
file). Without ``--config`` (a bare versions folder) the ScriptDirectory is the files' folder;
without Alembic at all, the files are loaded with importlib the way Alembic's loader does it and
the values normalised as Alembic's ``Revision`` does. The file list usually arrives in the injected
line (``RETORT_FILES``, no length limit); relative paths are relative to the config's folder. The
first file that cannot be imported ends the operation with ``revision-import-failed`` naming it.

``session`` runs many upgrade/downgrade commands in one process (the schema time machine walks a
scratch database through every revision and inspects it between commands). Its script cannot
come on stdin to EOF, since stdin then carries the commands: Retort starts ``python -c BOOT``,
where BOOT reads one line with the script's length in bytes and then exactly that many bytes of
script, and leaves the rest of stdin to the session. After ``ready``, each line on stdin is one
JSON command, ``{"id": N, "command": "upgrade"|"downgrade", "target": T}``, answered by the
command's plan/step events and one ``done`` event; ``{"command": "quit"}`` or the end of stdin ends
the session. A failing migration is answered with a ``done`` carrying the error and the session
goes on (the caller decides what next); a url mismatch, a broken env.py or a cancel end it.

``revision`` is ``alembic revision`` (``command.revision``: the project's script.py.mako, its
``file_template``, its hooks). With ``--autogenerate --review`` nothing is written: env.py runs the
way ``alembic revision --autogenerate`` runs it (the comparison, then env.py's own
``process_revision_directives``) and the ``autogenerate`` event lists what the file would hold;
``--expect-changes`` on the writing run refuses to write when the comparison no longer finds what was
reviewed (the database changed in between). Options the project's Alembic does not have are refused
naming its version. ``check`` is the drift check ``alembic check`` (1.9+) makes, through
``compare_metadata`` so that it works with any Alembic: models (env.py's ``target_metadata``) against
the database env.py connects to; the database must be at the heads, as for autogenerate.

``--lock-timeout MS`` (upgrade/downgrade, PostgreSQL only) runs ``SET lock_timeout`` on the
connection env.py hands to ``context.configure``, before any migration runs: a blocked ALTER fails
after MS milliseconds instead of queueing every query on the table behind it.

The database URL override is never passed on the command line (it would be visible in ``ps``):
Retort prepends one line ``RETORT_INJECTED_ENV = {"RETORT_OVERRIDE_URL": "..."}`` to the script
it sends on stdin (the environment variable ``RETORT_OVERRIDE_URL`` works too, for running the
script by hand). This reaches the process in a compose service as well. When set, it becomes
``sqlalchemy.url`` in the Config and ``DATABASE_URL`` in the environment, and the URL env.py
really uses is compared with it at ``context.configure`` time, before any migration runs.

Protocol: one JSON object per line on the original stdout, each with an ``"event"`` key:

    hello          {protocol, op, python, executable, alembic, sqlalchemy, pid}
    url            {url (password masked), dialect, driver, database, host, port, source,
                    offline, has_password, version_table, version_table_schema,
                    transaction_per_migration, transactional_ddl, override, matches_override,
                    backend_pid, backend_start, application_name (PostgreSQL: the migration
                    connection's server process and the run's tag, see install_connection_hooks)}
    warning        {code, message}
    log            {level, logger, message}
    plan           {current: [...], total, steps: [{index, revision, direction, from, to}]}
    step_started   {index, total, revision, direction, from, to, is_stamp}
    step_finished  {index, total, revision, direction, from, to, is_stamp, heads, elapsed_ms}
    revisions      {count, revisions: [{revision, down_revisions, branch_labels, depends_on,
                    empty_depends_on, lacks_upgrade, lacks_downgrade, path, doc, longdoc}]}
    scripts        {count, loader, revisions: [same fields, one per --file, in that order]}
    merged         {revision, path, down_revisions, message}  (merge: the file Alembic wrote)
    autogenerate   {scripts: [{revision, message, changes: [...], upgrade_code, downgrade_code}],
                    dropped, fingerprint, compare_type, compare_server_default, dialect}
                   (revision --autogenerate --review, and check: what Alembic's comparison found)
    written        {revisions: [{revision, path, down_revisions, branch_labels, depends_on, message}]}
    sql_section    {index, kind: preamble|step|between|epilogue, revision, direction, from, to, sql}
    result         {ok, op, heads, version_rows, version_rows_error, steps_run, current, elapsed_ms}
    error          {code, message, type, traceback, revision, step_index, phase, path, line}
    ready          {}  (session: waiting for the first command)
    done           {id, command, target, ok, heads, steps_run, elapsed_ms, error: {as the error event} | null}

Everything else the project prints (``print`` in a migration, Alembic's own log output, warnings)
goes to stderr: the JSON channel is a private duplicate of the original stdout file descriptor
and fd 1 / ``sys.stdout`` are pointed at stderr before any project code runs. This works the same
when the script arrives on stdin through ``docker compose exec -T SERVICE python -``.

Besides RETORT_OVERRIDE_URL the injected line may carry RETORT_RUN_TAG ("retort-run-<hex>": the
application_name of every PostgreSQL connection of the run) and RETORT_READ_TIMEOUT_MS (url only:
lock_timeout and statement_timeout of those connections).

sys.exit() inside env.py or a migration is reported as an error (code "system-exit") naming the
step it happened in, never as a silent end of the process.

Exit status: 0 success, 1 Alembic or a migration failed, 2 bad setup (arguments, missing
Alembic, broken configuration), 3 cancelled (SIGTERM/SIGINT).
"""

import gc

# Importing Alembic and SQLAlchemy creates a few hundred thousand objects that live as long as the
# process, and the cyclic garbage collector would walk them again and again: during the imports
# and in every full collection of the run (~50 ms of CPU in a 40-step upgrade, a sixth of the
# whole process). The collector is off until they are loaded; then they are frozen (gc.freeze,
# Python 3.7+) and collection resumes for everything created later (env.py, the migrations).
gc.disable()

import argparse  # noqa: E402 - after the collector is switched off
import inspect  # noqa: E402
import json
import logging
import os
import re
import signal
import sys
import time
import traceback

PROTOCOL = 1

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SETUP = 2
EXIT_CANCELLED = 3


# --------------------------------------------------------------------------------------------
# The JSON channel
# --------------------------------------------------------------------------------------------

def _open_channel():
    """Keep the real stdout for JSON; send everything else written to stdout to stderr."""
    try:
        sys.stdout.flush()
    except Exception:
        pass
    fd = os.dup(1)
    os.dup2(2, 1)  # C-level writes to fd 1 (extensions, subprocesses) land on stderr
    sys.stdout = sys.stderr  # Python-level print() too
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1, newline="\n")


_CHANNEL = _open_channel()


def emit(event, **fields):
    fields["event"] = event
    line = json.dumps(fields, ensure_ascii=False, default=str, separators=(",", ":"))
    _CHANNEL.write(line + "\n")
    _CHANNEL.flush()


_SCHEME = re.compile(r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*://")
_KV_PASSWORD = re.compile(r"((?:^|[\s?&;,'\"])(?:password|passwd|pwd|pgpassword)\s*=\s*)"
                          r"(?:(?P<sq>'(?:[^'\\]|\\.)*)(?P<sqc>')?|(?P<dq>\"(?:[^\"\\]|\\.)*)(?P<dqc>\")?"
                          r"|(?P<bare>[^\s&;,'\"]+))",
                          re.IGNORECASE)


def _hide_value(match):
    """A quoted value keeps its quotes ('***'), so a second redaction changes nothing."""
    if match.group("sq") is not None:
        return match.group(1) + "'***" + (match.group("sqc") or "")
    if match.group("dq") is not None:
        return match.group(1) + '"***' + (match.group("dqc") or "")
    return match.group(1) + "***"


def _starts_host(text, at, end):
    """The character after an '@' can start a host (or it is the end: an empty host)."""
    if at + 1 >= end:
        return True
    c = text[at + 1]
    return c.isalnum() or c in "[/?_.-%"


def _redact_userinfo(text):
    """scheme://user:password@host -> scheme://user:***@host, conservatively (Retort's
    core/common/Redact.cpp does the same): the password runs from the ':' after the user name to
    the LAST '@' that can start a host, before the next URL or the end of the line, so quotes,
    spaces, '@', '%', ':' or '/' in it never let a part of it through."""
    matches = list(_SCHEME.finditer(text))
    if not matches:
        return text
    out = []
    copied = 0
    for i, match in enumerate(matches):
        start = match.end()
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        newline = text.find("\n", start, end)
        if newline >= 0:
            end = newline
        colon = start
        while colon < end and text[colon] not in ":/":
            colon += 1
        if colon >= end or text[colon] != ":":
            continue
        if text.startswith("***@", colon + 1, end):
            continue  # already redacted
        at = text.rfind("@", colon + 1, end)
        while at > colon and not _starts_host(text, at, end):
            at = text.rfind("@", colon + 1, at)
        if at <= colon:
            continue
        out.append(text[copied:colon + 1])
        out.append("***")
        copied = at
    out.append(text[copied:])
    return "".join(out)


def redact(text):
    """Masks passwords in URLs and key=value connection strings (free text)."""
    if text is None:
        return None
    # key=value first (it may hide a "scheme://" inside a value), then URLs: stable when repeated.
    return _redact_userinfo(_KV_PASSWORD.sub(_hide_value, str(text)))


def shown_url(url):
    """A URL for display: SQLAlchemy's own rendering with the password hidden when it parses,
    else the conservative text redaction."""
    if url is None:
        return None
    try:
        from sqlalchemy.engine import make_url

        parsed = url if hasattr(url, "drivername") else make_url(str(url))
        return parsed.render_as_string(hide_password=True)
    except Exception:
        return redact(url)


class Cancelled(BaseException):
    """Raised from the SIGTERM/SIGINT handler; a BaseException so `except Exception` in a
    migration cannot swallow it. Open transactions roll back as the stack unwinds."""


def _on_signal(signum, frame):
    # A second signal while cleaning up ends the process the default way.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    raise Cancelled("cancelled by signal %d" % signum)


# --------------------------------------------------------------------------------------------
# Run state shared by the hooks
# --------------------------------------------------------------------------------------------

class State:
    def __init__(self, args):
        self.args = args
        injected = globals().get("RETORT_INJECTED_ENV") or {}
        self.override = injected.get("RETORT_OVERRIDE_URL") or os.environ.get("RETORT_OVERRIDE_URL") or None
        self.files = list(injected.get("RETORT_FILES") or []) + list(args.file or [])
        tag = injected.get("RETORT_RUN_TAG") or os.environ.get("RETORT_RUN_TAG") or ""
        # Only a tag Retort could have made ("retort-run-" + hex): it is written into SQL below.
        self.run_tag = tag if re.match(r"^retort-run-[0-9a-f]{1,32}$", tag) else ""
        # Reads only (url): lock_timeout / statement_timeout on PostgreSQL connections, so a lock
        # held on alembic_version by another session ends the read with an error, not a hang.
        self.read_timeout_ms = int(injected.get("RETORT_READ_TIMEOUT_MS") or 0) if args.op == "url" else 0
        self.phase = "loading"  # loading -> configured -> running -> done
        self.configured = 0
        self.run_migrations_called = False
        self.url_info = None  # dict for the url event
        self.full_url = None  # with password: used only in this process for the re-read
        self.version_table = "alembic_version"
        self.version_table_schema = None
        self.current = None  # heads before the run, as Alembic saw them
        self.steps = []  # [dict] the plan Alembic computed
        self.started = -1  # index of the step in progress
        self.finished = -1  # index of the last finished step
        self.last_heads = None  # heads after the last finished step (inside the transaction)
        self.final_heads = None  # heads read right after run_migrations returned
        self.step_clock = 0.0
        self.sql = SqlCapture() if args.op == "sql" else None

    def begin_command(self):
        """session: forget the previous command's run (the connection facts stay)."""
        self.phase = "loading"
        self.configured = 0
        self.run_migrations_called = False
        self.current = None
        self.steps = []
        self.started = -1
        self.finished = -1
        self.last_heads = None
        self.final_heads = None


def _info_dict(info, index, total):
    direction = "upgrade" if info.is_upgrade else "downgrade"
    if info.is_stamp:
        revision = ",".join(info.destination_revision_ids) or "base"
    else:
        revision = info.up_revision_id
    return {
        "index": index,
        "total": total,
        "revision": revision,
        "direction": direction,
        "from": list(info.source_revision_ids),
        "to": list(info.destination_revision_ids),
        "is_stamp": bool(info.is_stamp),
    }


class SqlCapture:
    """The offline output buffer: records section boundaries as Alembic writes."""

    def __init__(self):
        self.parts = []
        self.length = 0
        self.marks = []  # (position, kind, step dict or None)

    def write(self, text):
        self.parts.append(text)
        self.length += len(text)
        return len(text)

    def flush(self):
        pass

    def mark(self, kind, step=None):
        self.marks.append((self.length, kind, step))

    def text(self):
        return "".join(self.parts)

    def sections(self):
        """Splits the output: preamble, one section per step starting at its
        `-- Running ...` marker and ending after its alembic_version statement, text between
        steps (per-migration BEGIN/COMMIT), and the epilogue (COMMIT, DROP TABLE ...)."""
        text = self.text()
        result = []
        pos = 0
        pending_start = None
        for position, kind, step in self.marks:
            if kind == "start":
                pending_start = (position, step)
            elif kind == "end" and pending_start is not None:
                start_pos, start_step = pending_start
                # The `-- Running` comment is written after the start mark; anything before it
                # (a per-migration BEGIN, CREATE TABLE alembic_version) is left in the gap.
                marker = text.find("-- Running ", start_pos, position)
                if marker >= 0:
                    start_pos = marker
                gap = text[pos:start_pos]
                if gap:
                    result.append({"kind": "preamble" if not result else "between", "sql": gap})
                section = {"kind": "step", "sql": text[start_pos:position]}
                section.update({k: start_step[k] for k in ("revision", "direction", "from", "to")})
                section["step_index"] = start_step["index"]
                result.append(section)
                pos = position
                pending_start = None
        tail = text[pos:]
        if tail:
            result.append({"kind": "epilogue" if result else "preamble", "sql": tail})
        return result


# --------------------------------------------------------------------------------------------
# Hooks on Alembic's public classes
# --------------------------------------------------------------------------------------------

class MigrationLogHandler(logging.Handler):
    """Forwards alembic.runtime.migration records; its "Running ..." records mark where a
    step's offline SQL starts."""

    def __init__(self, state):
        super().__init__(level=logging.INFO)
        self.state = state

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        emit("log", level=record.levelname, logger=record.name, message=redact(message))


def _url_facts(state, connection, url, dialect_name):
    from sqlalchemy.engine import make_url

    offline = connection is None
    source = "connection"
    parsed = None
    if connection is not None:
        try:
            parsed = connection.engine.url
        except Exception:
            parsed = None
    elif url is not None:
        source = "url"
        try:
            parsed = make_url(str(url)) if not hasattr(url, "drivername") else url
        except Exception:
            parsed = None
    else:
        source = "dialect_name"

    facts = {"source": source, "offline": offline}
    if parsed is not None:
        try:
            full = parsed.render_as_string(hide_password=False)
        except AttributeError:  # SQLAlchemy < 1.4
            full = str(parsed)
        state.full_url = full if connection is not None else (str(url) if url is not None else full)
        facts.update(
            url=shown_url(parsed),
            dialect=parsed.get_backend_name(),
            driver=parsed.get_driver_name(),
            database=parsed.database,
            host=parsed.host,
            port=parsed.port,
            has_password=bool(parsed.password),
        )
        if facts["dialect"] == "sqlite" and parsed.database and parsed.database != ":memory:":
            facts["database_path"] = os.path.abspath(parsed.database)
    else:
        facts.update(url=None, dialect=dialect_name, driver=None, database=None, host=None,
                     port=None, has_password=False)
    return facts, parsed


def _same_database(override, parsed):
    """True when `parsed` (the URL env.py used) names the same database as `override`."""
    from sqlalchemy.engine import make_url

    if parsed is None:
        return False
    try:
        wanted = make_url(override)
    except Exception:
        return False
    if wanted.get_backend_name() != parsed.get_backend_name():
        return False
    if wanted.get_backend_name() == "sqlite":
        def norm(db):
            if not db or db == ":memory:":
                return db or ""
            return os.path.realpath(os.path.abspath(db))
        return norm(wanted.database) == norm(parsed.database)
    default_port = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306}.get(wanted.get_backend_name())
    return (
        (wanted.host or "localhost") == (parsed.host or "localhost")
        and (wanted.port or default_port) == (parsed.port or default_port)
        and (wanted.database or "") == (parsed.database or "")
        and (wanted.username or "") == (parsed.username or "")
    )


class UrlMismatch(Exception):
    pass


def _set_lock_timeout(connection, milliseconds):
    """SET lock_timeout on env.py's connection (PostgreSQL only), without changing its transaction
    state: inside a transaction the SET joins it (and lasts past its COMMIT); otherwise it runs on
    the DBAPI connection and is committed there, so Alembic still sees a connection with no
    transaction begun (SQLAlchemy 2.0 would otherwise autobegin one that Alembic never commits)."""
    if connection.dialect.name != "postgresql":
        emit("warning", code="lock-timeout-ignored",
             message="--lock-timeout applies to PostgreSQL only; %s has no lock_timeout" % connection.dialect.name)
        return
    statement = "SET lock_timeout = %d" % int(milliseconds)
    if connection.in_transaction():
        (getattr(connection, "exec_driver_sql", None) or connection.execute)(statement)
    else:
        dbapi_connection = connection.connection
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(statement)
        finally:
            cursor.close()
        dbapi_connection.commit()
    emit("log", level="INFO", logger="retort.bridge", message="lock_timeout = %d ms" % int(milliseconds))


_POSTGRES_DRIVERS = ("psycopg", "asyncpg", "pg8000")


def install_connection_hooks(state):
    """Every PostgreSQL connection SQLAlchemy opens in this process (env.py's own engine included:
    a listener on the Pool class sees them all) gets the run's tag as application_name and
    remembers its backend (pid, start time) in the connection record's info dict, where
    ``Connection.info`` finds it at context.configure time. Retort uses these to cancel or
    terminate the run's statement on the server when the run is cancelled or times out, so no
    backend lives on holding locks. Nothing here touches SQLite or other databases."""
    if not state.run_tag and not state.read_timeout_ms:
        return
    try:
        from sqlalchemy import event
        from sqlalchemy.pool import Pool
    except Exception:
        return

    statements = []
    if state.run_tag:
        statements.append("SET application_name = '%s'" % state.run_tag)
    if state.read_timeout_ms:
        statements.append("SET lock_timeout = %d" % state.read_timeout_ms)
        statements.append("SET statement_timeout = %d" % state.read_timeout_ms)

    def on_connect(dbapi_connection, connection_record):
        module = type(dbapi_connection).__module__ or ""
        if not any(name in module for name in _POSTGRES_DRIVERS):
            return
        try:
            cursor = dbapi_connection.cursor()
            try:
                for statement in statements:
                    cursor.execute(statement)
                cursor.execute("SELECT pid, extract(epoch FROM backend_start)::text FROM pg_stat_activity "
                               "WHERE pid = pg_backend_pid()")
                row = cursor.fetchone()
            finally:
                cursor.close()
            dbapi_connection.commit()
            if row:
                connection_record.info["retort_backend"] = {"pid": int(row[0]), "backend_start": str(row[1])}
        except Exception as exc:  # a driver without cursors here, a server without pg_stat_activity
            try:
                dbapi_connection.rollback()
            except Exception:
                pass
            emit("warning", code="backend-unknown",
                 message=redact("could not tag the database connection (%s: %s); a cancelled run cannot "
                                "stop its statement on the server" % (type(exc).__name__, exc)))

    event.listen(Pool, "connect", on_connect)


def install_hooks(state):
    import inspect

    from alembic.runtime.environment import EnvironmentContext

    original_configure = EnvironmentContext.configure
    original_run = EnvironmentContext.run_migrations
    signature = inspect.signature(original_configure)
    handler = MigrationLogHandler(state)

    def on_version_apply(ctx=None, step=None, heads=None, run_args=None, **_):
        index = state.started if state.started >= 0 else state.finished + 1
        total = len(state.steps)
        info = _info_dict(step, index, total)
        info["heads"] = sorted(heads or ())
        info["elapsed_ms"] = int((time.monotonic() - state.step_clock) * 1000)
        state.finished = index
        state.last_heads = info["heads"]
        if state.sql is not None:
            state.sql.mark("end", info)
        emit("step_finished", **info)

    def wrap_fn(fn):
        def steps_fn(rev, context):
            steps = list(fn(rev, context))
            state.current = sorted(rev) if isinstance(rev, (tuple, list)) else ([rev] if rev else [])
            total = len(steps)
            state.steps = [_info_dict(s.info, i, total) for i, s in enumerate(steps)]
            state.phase = "running"
            emit("plan", current=state.current, total=total, steps=state.steps)
            for i, s in enumerate(steps):
                state.started = i
                state.step_clock = time.monotonic()
                if state.sql is not None:
                    state.sql.mark("start", state.steps[i])
                emit("step_started", **state.steps[i])
                yield s
            state.started = -1

        steps_fn._retort_wrapped = True
        return steps_fn

    def configure(self, *args, **kw):
        bound = signature.bind(self, *args, **kw)
        bound.apply_defaults()
        params = dict(bound.arguments)
        extra = params.pop("kw", {}) or {}
        connection = params.get("connection")
        url = params.get("url")
        dialect_name = params.get("dialect_name")

        facts, parsed = _url_facts(state, connection, url, dialect_name)
        version_table = extra.get("version_table", "alembic_version")
        version_schema = extra.get("version_table_schema")
        state.version_table = version_table
        state.version_table_schema = version_schema
        facts["version_table"] = version_table
        facts["version_table_schema"] = version_schema
        facts["transaction_per_migration"] = bool(params.get("transaction_per_migration"))
        # Our step hooks, in addition to any the project installed.
        existing = params.get("on_version_apply")
        if existing is None:
            callbacks = ()
        elif callable(existing):
            callbacks = (existing,)
        else:
            callbacks = tuple(existing)
        bound.arguments["on_version_apply"] = callbacks + (on_version_apply,)

        fn = self.context_opts.get("fn")
        if fn is not None and not getattr(fn, "_retort_wrapped", False):
            self.context_opts["fn"] = wrap_fn(fn)

        if state.sql is not None and self.is_offline_mode():
            if params.get("output_buffer") is not None:
                emit("warning", code="output-buffer-replaced",
                     message="env.py passes its own output_buffer; Retort captures the offline SQL instead")
            bound.arguments["output_buffer"] = state.sql
            if state.args.current_list and len(state.args.current_list) > 1:
                # command.upgrade() takes one starting revision in "a:b"; several current heads
                # are given to the context directly (Alembic accepts a sequence here).
                self.context_opts["starting_rev"] = tuple(state.args.current_list)

        # env.py's fileConfig() has run by now: it drops the handlers of (and, with
        # disable_existing_loggers=True, disables) loggers it does not name. Re-attach.
        migration_logger = logging.getLogger("alembic.runtime.migration")
        migration_logger.disabled = False
        if handler not in migration_logger.handlers:
            migration_logger.addHandler(handler)
        if not migration_logger.isEnabledFor(logging.INFO):
            migration_logger.setLevel(logging.INFO)

        if connection is not None and state.args.lock_timeout:
            _set_lock_timeout(connection, state.args.lock_timeout)

        state.phase = "configured"
        result = original_configure(*bound.args, **bound.kwargs)
        try:
            facts["transactional_ddl"] = bool(self.is_transactional_ddl())
        except Exception:
            facts["transactional_ddl"] = None
        backend = None
        if connection is not None:
            try:
                backend = connection.info.get("retort_backend")
            except Exception:
                backend = None
        facts["backend_pid"] = backend["pid"] if backend else None
        facts["backend_start"] = backend["backend_start"] if backend else None
        facts["application_name"] = state.run_tag or None
        facts["override"] = shown_url(state.override) if state.override else None
        facts["matches_override"] = _same_database(state.override, parsed) if state.override else None
        state.url_info = facts
        state.configured += 1
        emit("url", **facts)
        if state.override and not facts["matches_override"]:
            message = (
                "env.py connects to %s, not to the requested database %s: it ignores both "
                "sqlalchemy.url and DATABASE_URL" % (facts.get("url") or facts.get("dialect"),
                                                      shown_url(state.override))
            )
            emit("warning", code="url-mismatch", message=message)
            if state.args.require_url_match:
                raise UrlMismatch(message + "; nothing was run")
        return result

    def run_migrations(self, **kw):
        state.run_migrations_called = True
        result = original_run(self, **kw)
        if not self.is_offline_mode():
            try:
                state.final_heads = sorted(self.get_context().get_current_heads())
            except Exception:
                state.final_heads = None
        return result

    EnvironmentContext.configure = configure
    EnvironmentContext.run_migrations = run_migrations

    logger = logging.getLogger("alembic.runtime.migration")
    logger.addHandler(handler)
    if not logger.isEnabledFor(logging.INFO):
        logger.setLevel(logging.INFO)
    return handler


# --------------------------------------------------------------------------------------------
# Operations
# --------------------------------------------------------------------------------------------

def make_config(state):
    from alembic.config import Config

    args = state.args
    if not args.config:
        raise SetupError("config-missing", "no --config given", "pass the project's alembic.ini")
    if not os.path.isfile(args.config):
        raise SetupError("config-not-found", "config file %s does not exist" % args.config,
                         "check the project path", path=args.config)
    cmd_opts = argparse.Namespace(x=list(args.x or []), sql=args.op == "sql", tag=args.tag)
    # As the `alembic` command builds its Config in the project folder: alembic.ini (read when it
    # exists) and, from Alembic 1.16, pyproject.toml [tool.alembic] beside it. A project
    # configured in pyproject.toml alone is given as that file.
    folder = os.path.dirname(os.path.abspath(args.config))
    ini, toml = args.config, os.path.join(folder, "pyproject.toml")
    if os.path.basename(args.config) == "pyproject.toml":
        ini, toml = os.path.join(folder, "alembic.ini"), args.config
    extra = {}
    if "toml_file" in inspect.signature(Config.__init__).parameters:
        if os.path.isfile(toml):
            extra["toml_file"] = toml
    elif ini != args.config:
        import alembic
        raise SetupError("config-pyproject-unsupported",
                         "Alembic %s reads no pyproject.toml ([tool.alembic] is read from Alembic 1.16)"
                         % alembic.__version__,
                         "upgrade the project's Alembic, or write the configuration to alembic.ini",
                         path=args.config)
    config = Config(file_=ini, ini_section=args.section, stdout=sys.stderr,
                    cmd_opts=cmd_opts, **extra)
    if state.override:
        config.set_main_option("sqlalchemy.url", state.override.replace("%", "%%"))
        os.environ["DATABASE_URL"] = state.override
    if getattr(args, "version_locations", None):
        # One folder holding copies of the project's revision files (bootstrap works on a copy):
        # a single path needs no separator, whatever path_separator the project sets.
        config.set_main_option("version_locations", args.version_locations.replace("%", "%%"))
        # Alembic 1.8's own template writes "version_path_separator = os  # Use os.pathsep...",
        # which 1.8 rejects as soon as version_locations is set: the one path splits the same
        # with any separator.
        config.set_main_option("version_path_separator", "os")
    return config


class SetupError(Exception):
    def __init__(self, code, message, hint="", path=None):
        super().__init__(message)
        self.code = code
        self.hint = hint
        self.path = path


def _list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value]
    return [str(value)]


def _entry(module, revision, down_revision, dependencies, path, longdoc):
    """One revision as the revisions/scripts events report it: down_revision and dependencies as
    Alembic's Revision holds them (tuple_rev_as_scalar: an empty value is None), branch_labels as
    declared in the file."""
    return {
        "revision": revision,
        "down_revisions": _list(down_revision),
        "branch_labels": _list(getattr(module, "branch_labels", None)),
        "depends_on": _list(dependencies) if dependencies else [],
        "empty_depends_on": dependencies is not None and not dependencies,
        "lacks_upgrade": not hasattr(module, "upgrade"),
        "lacks_downgrade": not hasattr(module, "downgrade"),
        "path": os.path.abspath(path) if path else None,
        "doc": re.split("\n\n", longdoc)[0],
        "longdoc": longdoc,
    }


def _script_entry(sc):
    return _entry(sc.module, sc.revision, sc.down_revision, sc.dependencies, sc.path, sc.longdoc)


def op_revisions(state):
    from alembic.script import ScriptDirectory

    config = make_config(state)
    script = ScriptDirectory.from_config(config)
    out = [_script_entry(sc) for sc in script.walk_revisions("base", "heads")]
    emit("revisions", count=len(out), revisions=out, heads=list(script.get_heads()))
    return {"ok": True}


class ScriptImportError(SetupError):
    """A revision file that cannot be imported (or that Alembic refuses once imported)."""

    def __init__(self, path, exc):
        location = _file_line(exc, path)
        super().__init__("revision-import-failed", "%s: %s" % (type(exc).__name__, exc) if str(exc) else type(exc).__name__,
                         "Alembic fails to load this project the same way: fix the file (or what it imports).",
                         path=path)
        self.line = location


def _file_line(exc, path):
    """The line of `path` where `exc` arose (the deepest frame in that file; a SyntaxError's own
    line), 0 when the file is not on the stack."""
    target = os.path.abspath(path)
    if isinstance(exc, SyntaxError) and exc.filename and os.path.abspath(exc.filename) == target:
        return exc.lineno or 0
    line = 0
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename and not frame.filename.startswith("<") and os.path.abspath(frame.filename) == target:
            line = frame.lineno or 0
    return line


def _to_tuple(value, default=None):
    # alembic.util.to_tuple
    if value is None:
        return default
    if isinstance(value, str):
        return (value,)
    if hasattr(value, "__iter__"):
        return tuple(value)
    return (value,)


def _as_scalar(value):
    # alembic.util.tuple_rev_as_scalar
    if not value:
        return None
    if len(value) == 1:
        return value[0]
    return value


_LEGACY_REV = re.compile(r"([a-f0-9]+)\.py$")


def _load_plain(path):
    """No Alembic in this interpreter: load the file the way alembic.util.load_python_file does
    and normalise its values the way Alembic's Script / Revision do."""
    import importlib.util

    filename = os.path.basename(path)
    spec = importlib.util.spec_from_file_location(re.sub(r"\W", "_", filename), path)
    if spec is None or spec.loader is None:
        raise ImportError("Can't find Python file %s" % path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if hasattr(module, "revision"):
        revision = module.revision
    else:
        m = _LEGACY_REV.match(filename)
        if not m:
            raise RuntimeError("Could not determine revision id from filename %s. Be sure the 'revision' "
                               "variable is declared inside the script." % filename)
        revision = m.group(1)
    down = _as_scalar(_to_tuple(module.down_revision, default=None))
    dependencies = _as_scalar(_to_tuple(getattr(module, "depends_on", None), default=()))
    longdoc = (module.__doc__ or "").strip()
    return _entry(module, revision, down, dependencies, path, longdoc)


def op_scripts(state):
    """Only the given revision files, imported with Alembic's own loader (see the module doc)."""
    args = state.args
    files = list(state.files)
    if not files:
        raise SetupError("usage", "scripts needs the revision files to import (--file)", "")
    base = os.path.dirname(os.path.abspath(args.config)) if args.config else os.getcwd()
    files = [f if os.path.isabs(f) else os.path.join(base, f) for f in files]
    try:
        from alembic.script import Script, ScriptDirectory
    except ImportError:
        Script = ScriptDirectory = None
    if ScriptDirectory is None:
        scriptdir, loader = None, "importlib"
    elif args.config:
        # from_config also applies prepend_sys_path, as `alembic heads` does before loading.
        scriptdir, loader = ScriptDirectory.from_config(make_config(state)), "alembic"
    else:
        scriptdir, loader = ScriptDirectory(os.path.dirname(files[0])), "alembic"
    state.phase = "importing"
    before = set(sys.modules)
    out = []
    for path in files:
        try:
            if scriptdir is None:
                out.append(_load_plain(path))
                continue
            sc = Script._from_path(scriptdir, path)
            if sc is None:
                raise RuntimeError("Alembic does not load %s as a revision file (its name)" % os.path.basename(path))
            out.append(_script_entry(sc))
        except (Exception, SystemExit) as exc:
            raise ScriptImportError(path, exc) from exc
    # The modules those imports loaded (the project's own, usually): the values depend on them as
    # much as on the files, so Retort's import cache checks their stamps too (ImportCache).
    modules = set()
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None)
        if name not in before and isinstance(origin, str):
            modules.add(os.path.abspath(origin))
    emit("scripts", count=len(out), loader=loader, revisions=out, modules=sorted(modules))
    return {"ok": True, "imported": len(out)}


def _check_env_ran(state, offline):
    if state.configured == 0:
        mode = "offline" if offline else "online"
        function = "run_migrations_offline" if offline else "run_migrations_online"
        raise SetupError(
            "env-no-configure",
            "env.py ran but never called context.configure() in %s mode" % mode,
            "env.py must define and call %s() for this mode (see Alembic's generic template)" % function)
    if not state.run_migrations_called:
        raise SetupError("env-no-run-migrations",
                         "env.py called context.configure() but never context.run_migrations()",
                         "call context.run_migrations() inside context.begin_transaction()")


def op_url(state):
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory

    config = make_config(state)
    script = ScriptDirectory.from_config(config)
    seen = {}

    def current(rev, context):
        seen["current"] = sorted(rev) if isinstance(rev, (tuple, list)) else ([rev] if rev else [])
        return []

    with EnvironmentContext(config, script, fn=current, as_sql=state.args.offline):
        script.run_env()
    _check_env_ran(state, state.args.offline)
    return {"ok": True, "current": None if state.args.offline else seen.get("current", [])}


def op_sql(state):
    try:
        _render_offline(state)
    except BaseException:
        # A step that cannot render offline (it reads the database): the steps before it still
        # count; the error event that follows names the failing step.
        if state.finished >= 0:
            _emit_sections(state)
        raise
    sections = _emit_sections(state)
    return {"ok": True, "sections": len(sections), "steps_run": state.finished + 1}


def _render_offline(state):
    from alembic import command

    args = state.args
    config = make_config(state)
    current = args.current_list
    if args.direction == "upgrade":
        revision = "%s:%s" % (current[0], args.target) if current else args.target
        command.upgrade(config, revision, sql=True, tag=args.tag)
    else:
        if not current:
            raise SetupError("usage", "downgrade --sql needs the current revision (--current)",
                             "Alembic requires <fromrev>:<torev> for offline downgrades")
        if len(current) > 1:
            raise SetupError("usage", "offline downgrade starts from one revision; got %s" % ",".join(current),
                             "Alembic's downgrade --sql takes a single <fromrev>")
        command.downgrade(config, "%s:%s" % (current[0], args.target), sql=True, tag=args.tag)
    _check_env_ran(state, True)


def _emit_sections(state):
    sections = state.sql.sections()
    for i, section in enumerate(sections):
        section["index"] = i
        emit("sql_section", **section)
    return sections


def op_run(state):
    from alembic import command

    args = state.args
    config = make_config(state)
    if args.op == "upgrade":
        command.upgrade(config, args.target, tag=args.tag)
    elif args.op == "downgrade":
        command.downgrade(config, args.target, tag=args.tag)
    else:
        targets = [t for t in args.target.split(",") if t]
        command.stamp(config, targets if len(targets) > 1 else targets[0], purge=args.purge, tag=args.tag)
    _check_env_ran(state, False)
    return {"ok": True, "steps_run": state.finished + 1}


def op_session(state):
    """Many upgrade/downgrade commands in one process, read from stdin (see the module doc)."""
    from alembic import command

    config = make_config(state)
    project_dir = os.path.dirname(os.path.abspath(state.args.config))
    # The revision files are read once for the whole session: every command asks
    # ScriptDirectory.from_config for this config and gets the same object (its revision map is
    # built on first use), instead of importing every revision file again per command - the bulk
    # of a command's cost on a long history. The files do not change during a walk.
    from alembic.script import ScriptDirectory

    original_from_config = ScriptDirectory.from_config.__func__
    scripts = {}

    def from_config(cls, cfg):
        if cfg is not config:
            return original_from_config(cls, cfg)
        if "script" not in scripts:
            scripts["script"] = original_from_config(cls, cfg)
        return scripts["script"]

    ScriptDirectory.from_config = classmethod(from_config)
    commands = 0
    emit("ready")
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            break  # Retort closed the session (or went away)
        try:
            request = json.loads(line.decode("utf-8"))
        except ValueError:
            emit("done", id=None, command=None, target=None, ok=False, heads=None, steps_run=0, elapsed_ms=0,
                 error={"code": "usage", "message": "not a JSON command: %r" % line[:80]})
            continue
        name = request.get("command")
        if name == "quit":
            break
        target = request.get("target")
        started = time.monotonic()
        state.begin_command()
        error = None
        if name not in ("upgrade", "downgrade") or not target:
            error = {"code": "usage", "message": "session commands are upgrade/downgrade with a target"}
        else:
            try:
                if name == "upgrade":
                    command.upgrade(config, target)
                else:
                    command.downgrade(config, target)
                _check_env_ran(state, False)
            except (SetupError, UrlMismatch):
                raise  # the project cannot run here at all: end the session
            except Exception as exc:  # a migration (or Alembic) failed: report it, keep going
                if state.phase == "loading" and state.configured == 0:
                    raise  # env.py itself failed before configuring: every command would
                error = _error_fields(state, exc, project_dir)
        commands += 1
        emit("done", id=request.get("id"), command=name, target=target, ok=error is None,
             heads=state.final_heads if state.final_heads is not None else state.last_heads,
             steps_run=state.finished + 1, elapsed_ms=int((time.monotonic() - started) * 1000), error=error)
    return {"ok": True, "commands": commands}


def op_merge(state):
    """``alembic merge``: Alembic writes a new revision file whose down_revision is the given
    revisions, from the project's own script.py.mako. No database is involved (newer Alembic runs
    env.py first when ``revision_environment`` is set; command.merge does that itself)."""
    from alembic import command

    args = state.args
    config = make_config(state)
    revisions = [r for r in args.target.split(",") if r]
    if len(revisions) < 2:
        raise SetupError("usage", "merge needs at least two revisions; got %s" % (args.target or "none"),
                         "name the heads to join, e.g. --target a1b2,c3d4")
    if args.rev_id:
        bad = set(args.rev_id) & set("@-+:'\"\\/")
        if bad or args.rev_id in (".", "..") or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in args.rev_id):
            raise SetupError("invalid-revision-id",
                             "invalid revision id %r: it must not contain path separators, quotes, whitespace, "
                             "control characters or any of @ - + :" % args.rev_id,
                             "use letters, digits and '_'")
    state.phase = "merging"  # a failure from here on is Alembic's, not env.py's
    script = command.merge(config, revisions, message=args.message or None,
                           branch_label=args.branch_label or None, rev_id=args.rev_id or None)
    if script is None or not getattr(script, "path", None):
        raise SetupError("merge-not-written",
                         "Alembic did not report the merge revision it wrote",
                         "check the versions folder and script.py.mako")
    path = os.path.abspath(script.path)
    emit("merged", revision=script.revision, path=path,
         down_revisions=_list(script.down_revision), message=args.message or "")
    return {"ok": True, "revision": script.revision, "path": path}


# --------------------------------------------------------------------------------------------
# revision / check: autogenerate's comparison, described for a person to review
# --------------------------------------------------------------------------------------------

def _name(value):
    return None if value is None else str(value)


def _type_text(type_, dialect):
    if type_ is None:
        return None
    try:
        return str(type_.compile(dialect=dialect))
    except Exception:
        try:
            return repr(type_)
        except Exception:
            return type(type_).__name__


def _default_text(default):
    """A server default as SQL text (None when there is none)."""
    if default is None or default is False:
        return None
    arg = getattr(default, "arg", default)
    text = getattr(arg, "text", None)
    if text is not None:
        return str(text)
    try:
        return str(arg)
    except Exception:
        return repr(arg)


def _column_names(items):
    out = []
    for item in items:
        name = getattr(item, "name", None)
        out.append(str(name) if name is not None else str(item))
    return out


def _column_facts(column, dialect):
    return {
        "name": _name(column.name),
        "type": _type_text(column.type, dialect),
        "nullable": bool(column.nullable),
        "primary_key": bool(column.primary_key),
        "default": _default_text(column.server_default),
    }


def _constraint_facts(constraint):
    """kind (primary_key, unique, foreign_key, check), name, columns and what it refers to."""
    from sqlalchemy import CheckConstraint, ForeignKeyConstraint, PrimaryKeyConstraint, UniqueConstraint

    facts = {"name": _name(constraint.name)}
    if isinstance(constraint, ForeignKeyConstraint):
        facts["constraint"] = "foreign_key"
        facts["columns"] = [str(c) for c in constraint.column_keys]
        facts["referred"] = [str(e.target_fullname) for e in constraint.elements]
    elif isinstance(constraint, PrimaryKeyConstraint):
        facts["constraint"] = "primary_key"
        facts["columns"] = _column_names(constraint.columns)
    elif isinstance(constraint, UniqueConstraint):
        facts["constraint"] = "unique"
        facts["columns"] = _column_names(constraint.columns)
    elif isinstance(constraint, CheckConstraint):
        facts["constraint"] = "check"
        facts["detail"] = str(getattr(constraint.sqltext, "text", constraint.sqltext))
    else:
        facts["constraint"] = type(constraint).__name__
        facts["columns"] = _column_names(getattr(constraint, "columns", []))
    return facts


def _index_facts(index):
    expressions = list(getattr(index, "expressions", None) or index.columns)
    return {"name": _name(index.name), "columns": _column_names(expressions), "unique": bool(index.unique)}


def _table_items(table, dialect):
    """A new or dropped table's columns, indexes and constraints (stable order: they feed the
    fingerprint)."""
    items = [dict(_column_facts(c, dialect), item="column") for c in table.columns]
    indexes = [dict(_index_facts(i), item="index") for i in table.indexes]
    indexes.sort(key=lambda i: (i["name"] or "", i["columns"]))
    constraints = [dict(_constraint_facts(c), item="constraint") for c in table.constraints]
    constraints.sort(key=lambda c: (c["constraint"], c["name"] or "", c.get("columns") or [], c.get("detail") or ""))
    return items + indexes + constraints


def _describe(diff, dialect):
    """One of autogenerate's diff tuples (compare_metadata's format) as JSON-able dicts."""
    if isinstance(diff, list):  # several changes to one column
        out = []
        for item in diff:
            out.extend(_describe(item, dialect))
        return out
    kind = str(diff[0])
    try:
        if kind in ("add_table", "remove_table"):
            table = diff[1]
            return [{"kind": kind, "schema": table.schema, "table": table.name, "items": _table_items(table, dialect)}]
        if kind in ("add_column", "remove_column"):
            change = {"kind": kind, "schema": diff[1], "table": diff[2]}
            change.update(_column_facts(diff[3], dialect))
            return [change]
        if kind in ("add_index", "remove_index"):
            index = diff[1]
            table = index.table
            change = {"kind": kind, "schema": getattr(table, "schema", None), "table": getattr(table, "name", None)}
            change.update(_index_facts(index))
            return [change]
        if kind in ("add_constraint", "remove_constraint", "add_fk", "remove_fk"):
            constraint = diff[1]
            table = constraint.table
            change = {"kind": kind, "schema": table.schema, "table": table.name}
            change.update(_constraint_facts(constraint))
            return [change]
        if kind in ("add_table_comment", "remove_table_comment"):
            table = diff[1]
            return [{"kind": kind, "schema": table.schema, "table": table.name,
                     "new": table.comment if kind == "add_table_comment" else None,
                     "old": diff[2] if len(diff) > 2 else None}]
        if kind.startswith("modify_"):
            schema, table, column, old, new = diff[1], diff[2], diff[3], diff[5], diff[6]
            if kind == "modify_type":
                old, new = _type_text(old, dialect), _type_text(new, dialect)
            elif kind == "modify_default":
                old, new = _default_text(old), _default_text(new)
            elif kind == "modify_nullable":
                old, new = bool(old), bool(new)
            else:
                old, new = _name(old), _name(new)
            return [{"kind": kind, "schema": schema, "table": table, "name": _name(column), "old": old, "new": new}]
    except Exception:
        pass
    return [{"kind": kind, "detail": redact(repr(diff))}]


def _operation_changes(container, dialect, out):
    """The changes an UpgradeOps holds (as_diffs, one operation at a time, so an operation that
    has no diff form - one a process_revision_directives hook added - is still listed)."""
    for op in container.ops:
        if hasattr(op, "ops"):
            _operation_changes(op, dialect, out)
            continue
        try:
            diff = op.to_diff_tuple()
        except Exception:
            out.append({"kind": "operation", "detail": type(op).__name__})
            continue
        out.extend(_describe(diff, dialect))
    return out


def _script_changes(migration_script, dialect):
    changes = []
    for upgrade_ops in migration_script.upgrade_ops_list:
        _operation_changes(upgrade_ops, dialect, changes)
    return changes


def _fingerprint(value):
    import hashlib

    return hashlib.sha1(json.dumps(value, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _compare_settings(context):
    """compare_type / compare_server_default as this Alembic applies them (compare_type is on by
    default since 1.12)."""
    import alembic

    try:
        major, minor = (int(p) for p in alembic.__version__.split(".")[:2])
    except ValueError:
        major, minor = (1, 0)
    opts = getattr(context, "opts", {}) or {}
    compare_type = opts.get("compare_type", (major, minor) >= (1, 12))
    compare_default = opts.get("compare_server_default", False)
    return {"compare_type": compare_type is not False, "compare_server_default": compare_default is not False}


_NO_METADATA_HINT = ("env.py must pass target_metadata=<your models' MetaData> to context.configure() in "
                     "run_migrations_online(); `retort-cli doctor` shows the snippet to paste")


def _revision_options(args):
    depends = [d.strip() for d in (args.depends_on or []) if d and d.strip()]
    return {
        "message": args.message or None,
        "head": args.head or "head",
        "splice": bool(args.splice),
        "branch_label": args.branch_label or None,
        "version_path": args.version_path or None,
        "rev_id": args.rev_id or None,
        "depends_on": depends or None,
    }


def _require_revision_options(options, autogenerate):
    """Refuses an option the project's Alembic does not have, naming its version."""
    import inspect

    import alembic
    from alembic import command

    parameters = inspect.signature(command.revision).parameters
    wanted = {name: value for name, value in options.items() if value not in (None, False, "head")}
    if autogenerate:
        wanted["autogenerate"] = True
    for name in wanted:
        if name not in parameters:
            raise SetupError("alembic-option-missing",
                             "Alembic %s has no `alembic revision --%s`" % (alembic.__version__, name.replace("_", "-")),
                             "upgrade Alembic in the project's environment, or leave the option out")


_NOT_UP_TO_DATE = "Target database is not up to date."


def _autogenerate_error(exc):
    """Alembic's two refusals before a comparison, as errors with a code and what to do."""
    if "does not provide a MetaData object" in str(exc):
        return SetupError("no-target-metadata", str(exc), _NO_METADATA_HINT)
    if str(exc) == _NOT_UP_TO_DATE:
        return SetupError("db-not-up-to-date", _NOT_UP_TO_DATE,
                          "upgrade the database to the heads first: autogenerate (and alembic check) compare the "
                          "models with a database at the heads")
    return None


def _autogenerate_review(state, config, options):
    """What `alembic revision --autogenerate` would write, without writing: Alembic's own
    RevisionContext (what `alembic check` uses), env.py and its process_revision_directives."""
    from alembic.autogenerate import RevisionContext, render_python_code
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory

    script_directory = ScriptDirectory.from_config(config)
    seen = {"compared": []}

    def record(context, revision, directives):
        # Before env.py's own hook: what the comparison found, per run of env.py.
        seen["compared"].append(_fingerprint([_script_changes(d, context.dialect) for d in directives]))

    command_args = dict(options, autogenerate=True, sql=False)
    revision_context = RevisionContext(config, script_directory, command_args, process_revision_directives=record)

    def retrieve_migrations(rev, context):
        seen["context"] = context
        revision_context.run_autogenerate(rev, context)
        return []

    try:
        with EnvironmentContext(config, script_directory, fn=retrieve_migrations, as_sql=False,
                                template_args=revision_context.template_args, revision_context=revision_context):
            script_directory.run_env()
    except Exception as exc:
        translated = _autogenerate_error(exc)
        if translated is not None:
            raise translated from exc
        raise
    _check_env_ran(state, False)
    context = seen.get("context")
    dialect = context.dialect if context is not None else None
    scripts = []
    for migration_script in revision_context.generated_revisions:
        codes = []
        batch = bool((getattr(context, "opts", None) or {}).get("render_as_batch", False))
        for name in ("upgrade_ops_list", "downgrade_ops_list"):
            try:
                codes.append("\n".join(render_python_code(ops, render_as_batch=batch)
                                       for ops in getattr(migration_script, name)))
            except Exception as exc:  # an operation without a renderer
                codes.append("# cannot render: %s" % exc)
        scripts.append({
            "revision": migration_script.rev_id,
            "message": migration_script.message,
            "changes": _script_changes(migration_script, dialect),
            "upgrade_code": codes[0],
            "downgrade_code": codes[1],
        })
    review = {"scripts": scripts, "dropped": not scripts, "fingerprint": ",".join(seen["compared"]),
              "dialect": getattr(dialect, "name", None)}
    review.update(_compare_settings(context))
    return review


def op_revision(state):
    """``alembic revision`` (see the module doc)."""
    from alembic import command

    args = state.args
    config = make_config(state)
    options = _revision_options(args)
    _require_revision_options(options, args.autogenerate)
    if args.review:
        if not args.autogenerate:
            raise SetupError("usage", "--review goes with --autogenerate", "an empty revision has nothing to review")
        review = _autogenerate_review(state, config, options)
        emit("autogenerate", **review)
        return {"ok": True, "written": 0}

    process = None
    if args.autogenerate and args.expect_changes is not None:
        expected = [f for f in args.expect_changes.split(",") if f]
        runs = []

        def process(context, revision, directives):
            runs.append(_fingerprint([_script_changes(d, context.dialect) for d in directives]))
            index = len(runs) - 1
            if index >= len(expected) or runs[index] != expected[index]:
                raise SetupError("review-outdated",
                                 "the comparison no longer finds what was reviewed (the database or the models "
                                 "changed since); nothing was written",
                                 "review the changes again")

    kwargs = dict(options)
    if args.autogenerate:
        kwargs["autogenerate"] = True
    if process is not None:
        kwargs["process_revision_directives"] = process
    try:
        result = command.revision(config, **kwargs)
    except Exception as exc:
        translated = _autogenerate_error(exc)
        if translated is not None:
            raise translated from exc
        raise
    if args.autogenerate:
        _check_env_ran(state, False)
    scripts = result if isinstance(result, list) else [result]
    written = []
    for script in scripts:
        if script is None:
            continue
        written.append({
            "revision": script.revision,
            "path": os.path.abspath(script.path),
            "down_revisions": _list(script.down_revision),
            "branch_labels": _list(getattr(script.module, "branch_labels", None)),
            "depends_on": _list(script.dependencies),
            "message": script.doc,
        })
    emit("written", revisions=written)
    return {"ok": True, "written": len(written)}


def op_check(state):
    """The drift check: compare_metadata(context, target_metadata) inside env.py's own online
    run, after the test `alembic check` makes first (the database is at the heads)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = make_config(state)
    script = ScriptDirectory.from_config(config)
    seen = {}

    def compare(rev, context):
        seen["context"] = context
        if set(script.get_revisions(rev)) != set(script.get_revisions("heads")):
            raise _autogenerate_error(CommandError(_NOT_UP_TO_DATE))
        metadata = context.opts.get("target_metadata")
        if metadata is None:
            raise SetupError("no-target-metadata",
                             "Can't proceed with --autogenerate option; environment script %s does not provide a "
                             "MetaData object or sequence of objects to the context." % script.env_py_location,
                             _NO_METADATA_HINT)
        seen["diffs"] = compare_metadata(context, metadata)
        return []

    with EnvironmentContext(config, script, fn=compare, as_sql=False):
        script.run_env()
    _check_env_ran(state, False)
    context = seen.get("context")
    dialect = context.dialect if context is not None else None
    changes = []
    for diff in seen.get("diffs") or []:
        changes.extend(_describe(diff, dialect))
    review = {"scripts": [{"revision": None, "message": None, "changes": changes}], "dropped": False,
              "fingerprint": _fingerprint([changes]), "dialect": getattr(dialect, "name", None)}
    review.update(_compare_settings(context))
    emit("autogenerate", **review)
    return {"ok": True, "drift": bool(changes)}


def _metadata_list(metadata):
    if metadata is None:
        return []
    if isinstance(metadata, (list, tuple)):
        return [m for m in metadata if m is not None]
    return [metadata]


_SERIAL_DEFAULT = re.compile(r"^nextval\('[^']*'(::regclass)?\)$")


def _as_declared(metadata):
    """A reflected schema as models would declare it, so the initial revision reads like
    autogenerate's: the SERIAL default of an integer primary key (its own sequence, which a
    fresh database does not have yet) and the reflected autoincrement flags are dropped."""
    for table in metadata.tables.values():
        for column in table.columns:
            default = column.server_default
            text = str(getattr(getattr(default, "arg", None), "text", getattr(default, "arg", "")) or "")
            if default is not None and column.primary_key and _SERIAL_DEFAULT.match(text):
                column.server_default = None
            column.autoincrement = "auto"


def op_bootstrap(state):
    """The initial revision of a history that lacks one (see Bootstrap.h on the C++ side), computed
    on a scratch database (the override URL) with a copy of the revision files (--version-locations,
    where the first revision's down_revision is None):
      1. the models (env.py's target_metadata) are created with create_all;
      2. the copy is stamped at its heads and downgraded to base: the schema left is the one the
         first revision starts from (the models' schema when there are no revisions);
      3. that schema is reflected, the database emptied, and autogenerate's comparison of the
         reflected schema with the empty database rendered as the initial revision's code;
      4. the project's script.py.mako writes it (--rev-id, --message) into the copy's folder."""
    from alembic import command
    from alembic.autogenerate import produce_migrations
    from alembic.autogenerate import render as autogen_render
    from alembic.autogenerate.api import AutogenContext
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import MetaData, inspect as sa_inspect

    args = state.args
    if not state.override:
        raise SetupError("usage", "bootstrap runs only on a scratch database (the override URL)",
                         "Retort passes the scratch database's URL")
    if not args.version_locations or not args.rev_id:
        raise SetupError("usage", "bootstrap needs --version-locations and --rev-id", "")
    config = make_config(state)
    script = ScriptDirectory.from_config(config)
    seen = {}

    def create_models(rev, context):
        metadata = _metadata_list(context.opts.get("target_metadata"))
        if not metadata:
            raise SetupError("no-target-metadata",
                             "env.py (%s) passes no target_metadata to context.configure(): Retort needs the "
                             "models to generate the initial revision" % script.env_py_location,
                             _NO_METADATA_HINT)
        connection = context.connection
        seen["schemas"] = sorted({t.schema for m in metadata for t in m.tables.values() if t.schema}
                                 | ({context.opts.get("version_table_schema")} - {None}))
        if connection.dialect.name == "postgresql":
            # The user's database has the models' schemas; a scratch database starts without them.
            preparer = connection.dialect.identifier_preparer
            for name in seen["schemas"]:
                connection.exec_driver_sql("CREATE SCHEMA IF NOT EXISTS %s" % preparer.quote_schema(name))
        for m in metadata:
            m.create_all(connection)
        seen["metadata"] = metadata
        return []

    emit("bootstrap_step", step="models", message="creating the models' tables (create_all) on the scratch database")
    # dont_mutate: Alembic creates no version table before fn runs (its schema may not exist yet).
    with EnvironmentContext(config, script, fn=create_models, as_sql=False, dont_mutate=True):
        script.run_env()
    _check_env_ran(state, False)
    metadata = seen["metadata"]
    model_tables = sorted(t.fullname for m in metadata for t in m.tables.values())
    has_revisions = any(True for _ in script.walk_revisions())
    if has_revisions:
        emit("bootstrap_step", step="downgrade",
             message="stamping the heads and downgrading to base: the schema before the first revision")
        command.stamp(config, "heads")
        state.begin_command()
        command.downgrade(config, "base")

    schemas = sorted({t.schema for m in metadata for t in m.tables.values()}, key=lambda s: (s is not None, s or ""))
    rendered = {}

    def render_initial(rev, context):
        # On env.py's own connection (its driver, connect_args, search_path; async env.py hands
        # a sync facade), with its autogenerate settings (include_object, render_item, ...).
        connection = context.connection
        version_table = state.version_table or "alembic_version"
        version_schema = state.version_table_schema
        reflected = MetaData()
        for schema in schemas:
            reflected.reflect(connection, schema=schema)
        version_tables = [t for t in reflected.tables.values() if t.name == version_table and t.schema == version_schema]
        for table in version_tables:
            reflected.remove(table)
        reflected.drop_all(connection)
        for table in version_tables:
            table.drop(connection)
        if sa_inspect(connection).has_table(version_table, schema=version_schema):  # in a schema the models do not use
            leftover = MetaData()
            leftover.reflect(connection, schema=version_schema, only=[version_table])
            leftover.drop_all(connection)
        _as_declared(reflected)
        if any(s is not None for s in schemas):
            context.opts["include_schemas"] = True
        migration_script = produce_migrations(context, reflected)
        autogen_context = AutogenContext(context, metadata=reflected)
        rendered["upgrades"] = autogen_render._indent(autogen_render._render_cmd_body(migration_script.upgrade_ops,
                                                                                        autogen_context))
        rendered["downgrades"] = autogen_render._indent(autogen_render._render_cmd_body(migration_script.downgrade_ops,
                                                                                          autogen_context))
        if connection.dialect.name == "postgresql":
            # drop_table leaves the enum types create_table made: drop them too, so the initial
            # revision goes down and up again.
            from sqlalchemy import Enum

            preparer = connection.dialect.identifier_preparer
            enums = []
            for table in reversed(reflected.sorted_tables):
                for column in table.columns:
                    if isinstance(column.type, Enum) and column.type.name:
                        schema = getattr(column.type, "schema", None)  # None: the search path, as create_table made it
                        name = preparer.quote(column.type.name)
                        qualified = "%s.%s" % (preparer.quote_schema(schema), name) if schema else name
                        if qualified not in enums:
                            enums.append(qualified)
            marker = "    # ### end Alembic commands ###"
            if enums and rendered["downgrades"].endswith(marker):
                rendered["downgrades"] = rendered["downgrades"][:-len(marker)] + "".join(
                    "    op.execute(%r)\n" % ("DROP TYPE IF EXISTS " + q) for q in enums) + marker
        rendered["imports"] = "\n".join(sorted(autogen_context.imports))
        rendered["changes"] = _script_changes(migration_script, connection.dialect)
        rendered["dialect"] = connection.dialect.name
        rendered["tables"] = sorted(t.fullname for t in reflected.tables.values())
        return []

    emit("bootstrap_step", step="render", message="reading the schema and rendering the initial revision")
    state.begin_command()
    with EnvironmentContext(config, script, fn=render_initial, as_sql=False, dont_mutate=True):
        script.run_env()
    _check_env_ran(state, False)
    upgrades, downgrades = rendered["upgrades"], rendered["downgrades"]
    changes, dialect_name, initial_tables = rendered["changes"], rendered["dialect"], rendered["tables"]

    script = ScriptDirectory.from_config(config)
    written = script.generate_revision(args.rev_id, args.message or None, refresh=True, head="base", splice=True,
                                       version_path=args.version_locations, config=config,
                                       upgrades=upgrades, downgrades=downgrades, imports=rendered["imports"])
    emit("bootstrap", revision=written.revision, path=os.path.abspath(written.path), message=written.doc,
         upgrade_code=upgrades, downgrade_code=downgrades, changes=changes, dialect=dialect_name,
         model_tables=model_tables, initial_tables=initial_tables, has_revisions=has_revisions,
         schemas=seen["schemas"] if dialect_name == "postgresql" else [])
    return {"ok": True}


def reread_versions(state):
    """Reads the version table on a fresh connection (after the command's own connection is
    gone), with Alembic's MigrationContext so version_table/version_table_schema are honoured."""
    if not state.full_url or (state.url_info or {}).get("offline"):
        return None, "no online connection was made"
    try:
        from alembic.runtime.migration import MigrationContext
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        engine = create_engine(state.full_url, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                if engine.dialect.name == "postgresql":
                    # A lock left on the version table must not make the report hang.
                    execute = getattr(connection, "exec_driver_sql", None) or connection.execute  # SQLAlchemy < 1.4
                    execute("SET lock_timeout = 5000")
                    execute("SET statement_timeout = 15000")
                context = MigrationContext.configure(
                    connection,
                    opts={"version_table": state.version_table,
                          "version_table_schema": state.version_table_schema})
                return sorted(context.get_current_heads()), None
        finally:
            engine.dispose()
    except Exception as exc:  # the server went away, an async-only driver, ...
        return None, redact("%s: %s" % (type(exc).__name__, exc))


def _error_location(tb, project_dir):
    """The deepest frame in the project's own files (env.py, models, revision files)."""
    best = (None, 0)
    for frame in traceback.extract_tb(tb):
        if not frame.filename or frame.filename.startswith("<"):  # <stdin> (this script), <string>, ...
            continue
        filename = os.path.abspath(frame.filename)
        if project_dir and filename.startswith(project_dir + os.sep) and "site-packages" not in filename \
                and "dist-packages" not in filename:
            best = (filename, frame.lineno or 0)
    return best


def _error_fields(state, exc, project_dir):
    """What went wrong, as the error event (and a session's done event) reports it."""
    cancelled = isinstance(exc, (Cancelled, KeyboardInterrupt))
    revision = None
    step_index = None
    if 0 <= state.started < len(state.steps) and state.started > state.finished:
        revision = state.steps[state.started]["revision"]
        step_index = state.started
    path, line = (getattr(exc, "path", None), getattr(exc, "line", 0) or 0)
    if not path:
        path, line = _error_location(exc.__traceback__, project_dir)
    if cancelled:
        err_code = "cancelled"
    elif isinstance(exc, SystemExit):
        # sys.exit() in a migration or env.py: not a success, whatever the exit code; the
        # steps before it may have committed (transaction_per_migration).
        err_code = "system-exit"
    elif isinstance(exc, SetupError):
        err_code = exc.code
    elif isinstance(exc, UrlMismatch):
        err_code = "url-mismatch"
    elif step_index is not None:
        err_code = "migration-failed"
    elif state.phase == "loading":
        err_code = "alembic-error" if type(exc).__name__ in ("CommandError", "RevisionError") \
            or type(exc).__module__.startswith("alembic") else "env-py-failed"
    else:
        err_code = "alembic-error"
    message = "cancelled" if cancelled else str(exc)
    if isinstance(exc, SystemExit):
        who = ("migration %s" % revision) if revision else (
            "env.py" if state.phase in ("loading", "configured") else "the project's code")
        message = "%s called sys.exit(%r)" % (who, exc.code)
    if not message:
        message = type(exc).__name__
    return {"code": err_code, "message": redact(message), "type": type(exc).__name__,
            "hint": getattr(exc, "hint", "") or "",
            "traceback": redact("".join(traceback.format_exception(type(exc), exc, exc.__traceback__))),
            "revision": revision, "step_index": step_index, "phase": state.phase, "path": path, "line": line}


def main(argv):
    parser = argparse.ArgumentParser(prog="alembic_bridge", add_help=True)
    parser.add_argument("op", choices=["hello", "revisions", "scripts", "url", "sql", "upgrade", "downgrade",
                                          "stamp", "merge", "session", "revision", "check", "bootstrap"])
    parser.add_argument("--config", "-c")
    parser.add_argument("--section", "-n", default="alembic")
    parser.add_argument("--target")
    parser.add_argument("--direction", choices=["upgrade", "downgrade"], default="upgrade")
    parser.add_argument("--current", default="")
    parser.add_argument("--purge", action="store_true")
    parser.add_argument("--message", "-m")
    parser.add_argument("--branch-label")
    parser.add_argument("--rev-id")
    parser.add_argument("--autogenerate", action="store_true")  # revision
    parser.add_argument("--review", action="store_true")  # revision --autogenerate: describe, write nothing
    parser.add_argument("--expect-changes")  # revision --autogenerate: the review's fingerprint
    parser.add_argument("--head")  # revision
    parser.add_argument("--splice", action="store_true")  # revision
    parser.add_argument("--depends-on", action="append")  # revision
    parser.add_argument("--version-path")  # revision
    parser.add_argument("--offline", action="store_true")
    parser.add_argument("--tag")
    parser.add_argument("--x", "-x", action="append")
    parser.add_argument("--require-url-match", action="store_true")
    parser.add_argument("--file", action="append")  # scripts: a revision file to import
    parser.add_argument("--no-reread", action="store_true")  # the caller re-reads alembic_version itself
    parser.add_argument("--lock-timeout", type=int, default=0)  # upgrade/downgrade: SET lock_timeout (ms)
    parser.add_argument("--version-locations")  # one folder replacing the project's version locations
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        emit("error", code="usage", message="bad bridge arguments: %s" % " ".join(argv), type="usage",
             phase="arguments", traceback=None, revision=None)
        return EXIT_SETUP if exc.code else EXIT_OK
    args.current_list = [c for c in (args.current or "").split(",") if c and c != "base"]
    if args.op in ("sql", "upgrade", "downgrade", "stamp", "merge") and not args.target:
        emit("error", code="usage", message="%s needs --target" % args.op, type="usage",
             phase="arguments", traceback=None, revision=None)
        return EXIT_SETUP

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    started = time.monotonic()

    try:
        import alembic
        import sqlalchemy
    except ImportError as exc:
        if args.op == "scripts" and not args.config:
            # A bare versions folder: the files themselves may still be importable without Alembic.
            alembic = sqlalchemy = None
        else:
            emit("hello", protocol=PROTOCOL, op=args.op, python=sys.version.split()[0],
                 executable=sys.executable, alembic=None, sqlalchemy=None, pid=os.getpid())
            emit("error", code="alembic-not-installed",
                 message="Alembic cannot be imported by the Python interpreter %s (%s)" % (sys.executable, exc),
                 hint="install alembic into this environment or choose the project's interpreter",
                 type=type(exc).__name__, phase="import", traceback=traceback.format_exc(), revision=None)
            return EXIT_SETUP
    finally:
        # What is loaded now stays loaded: leave it out of every later collection (top of file).
        if hasattr(gc, "freeze"):
            gc.freeze()
        gc.enable()

    emit("hello", protocol=PROTOCOL, op=args.op, python=sys.version.split()[0], executable=sys.executable,
         alembic=getattr(alembic, "__version__", None), sqlalchemy=getattr(sqlalchemy, "__version__", None),
         pid=os.getpid(), cwd=os.getcwd())
    if args.op == "hello":
        emit("result", ok=True, op="hello", elapsed_ms=int((time.monotonic() - started) * 1000))
        return EXIT_OK

    state = State(args)
    install_connection_hooks(state)
    log_handler = install_hooks(state) if alembic is not None else None
    project_dir = os.path.dirname(os.path.abspath(args.config)) if args.config else os.getcwd()
    operations = {"revisions": op_revisions, "scripts": op_scripts, "url": op_url, "sql": op_sql,
                  "upgrade": op_run, "downgrade": op_run, "stamp": op_run, "merge": op_merge,
                  "session": op_session, "revision": op_revision, "check": op_check,
                  "bootstrap": op_bootstrap}
    outcome = None
    code = EXIT_OK
    try:
        outcome = operations[args.op](state)
    except BaseException as exc:  # noqa: B902 - report everything, including Cancelled and SystemExit
        cancelled = isinstance(exc, (Cancelled, KeyboardInterrupt))
        emit("error", **_error_fields(state, exc, project_dir))
        if cancelled:
            code = EXIT_CANCELLED
        elif isinstance(exc, SetupError) and exc.code in ("config-missing", "config-not-found", "usage"):
            code = EXIT_SETUP
        else:
            code = EXIT_FAILED

    result = {"ok": code == EXIT_OK, "op": args.op,
              "steps_run": state.finished + 1, "current": state.current}
    if outcome:
        result.update(outcome)
        result["ok"] = code == EXIT_OK
    if args.op in ("upgrade", "downgrade", "stamp"):
        result["heads"] = state.final_heads if state.final_heads is not None else state.last_heads
        logging.getLogger("alembic.runtime.migration").removeHandler(log_handler)
        if args.no_reread:
            rows, problem = None, "not requested (the caller reads alembic_version itself)"
        else:
            rows, problem = reread_versions(state)
        result["version_rows"] = rows
        result["version_rows_error"] = problem
    result["elapsed_ms"] = int((time.monotonic() - started) * 1000)
    emit("result", **result)
    return code


if __name__ == "__main__":
    try:
        status = main(sys.argv[1:])
    except Cancelled:
        status = EXIT_CANCELLED
    try:
        _CHANNEL.flush()
    except Exception:
        pass
    sys.exit(status)
