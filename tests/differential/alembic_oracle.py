#!/usr/bin/env python3
"""Ask the real Alembic what it does with a project: the reference for Retort's differential tests.

Run with RETORT_PYTHON (an interpreter that can `import alembic`):

    alembic_oracle.py --manifest OUT/manifest.json --out expected.json [--sql-checks 3] [--shard K/N]
    alembic_oracle.py --case DIR/case.json            (one case, JSON on stdout)

Input: the cases written by gen_project.py (project folder or bare versions folders, plus plan
requests {current: [ids], direction: upgrade|downgrade, target}). Output, per case:

  heads          `alembic heads` order: ScriptDirectory.get_heads()
  history        `alembic history` order (walk_revisions("base", "heads"), newest first), with
                 each revision's down_revisions, branch_labels (declared + inherited, as
                 Revision.branch_labels, sorted), depends_on (as declared), message (Script.doc),
                 create_date (the docstring's "Create Date:" line), path, is_head, is_base,
                 is_branch_point, is_merge_point
  plans          for each request, the steps `alembic upgrade/downgrade TARGET` runs from those
                 current heads (ScriptDirectory._upgrade_revs / _downgrade_revs, exactly what
                 command.upgrade/downgrade hand to MigrationContext.run_migrations), the rows of
                 alembic_version after each step (`version_after`, sorted) and after the last one
                 (`resulting_heads`), both from Alembic's own HeadMaintainer applied to each
                 RevisionStep, or the error Alembic raises (class and message)
  errors         {"class", "message", "warnings"} when loading the revision map fails
  sql_checked    how many plans were cross-checked against `alembic upgrade A:B --sql` /
                 `alembic downgrade A:B --sql` output ("-- Running upgrade x -> y" lines);
                 sql_mismatches lists any disagreement (the oracle itself would then be wrong)

Determinism (documented in tests/differential/README.md):
  * Alembic loads files in os.listdir() order, which depends on the file system. The oracle
    patches os.listdir to return sorted names (code point order), the order Retort uses.
  * Alembic 1.8.1 keeps a revision's normalized depends_on entries in a Python set
    (RevisionMap._normalize_depends_on: tuple(set)), so for a revision with two or more
    depends_on entries its step order depends on PYTHONHASHSEED. The oracle keeps the declared
    order instead (same filtering, order preserved) - one of the orders real Alembic produces.
  * Bytecode is not written next to the revision files (sys.dont_write_bytecode).

Which Alembic answers is the one the interpreter imports: Debian's 1.8.1, or another one put first
on the path (PYTHONPATH=.../alembic-1.19.1); the output names it ("alembic_version", "alembic_file").
"""

import argparse
import io
import json
import os
import re
import sys
import time
import traceback
import warnings

sys.dont_write_bytecode = True

_real_listdir = os.listdir


def _sorted_listdir(path="."):
    return sorted(_real_listdir(path))


os.listdir = _sorted_listdir

from alembic import command  # noqa: E402
from alembic import util as alembic_util  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.runtime import migration  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from alembic.script import revision as revmod  # noqa: E402
import sqlalchemy as sa  # noqa: E402


def _normalize_depends_on_declared_order(self, revisions, map_):
    """RevisionMap._normalize_depends_on with the declared order kept (see module docstring)."""
    for revision in revisions:
        if revision._resolved_dependencies:
            normalized_resolved = set(revision._resolved_dependencies)
            for rev in self._get_ancestor_nodes([revision], include_dependencies=False, map_=map_):
                if rev is revision:
                    continue
                elif rev._resolved_dependencies:
                    normalized_resolved.difference_update(rev._resolved_dependencies)
            ordered = []
            for dep in revision._resolved_dependencies:
                if dep in normalized_resolved and dep not in ordered:
                    ordered.append(dep)
            revision._normalized_resolved_dependencies = tuple(ordered)
        else:
            revision._normalized_resolved_dependencies = ()


revmod.RevisionMap._normalize_depends_on = _normalize_depends_on_declared_order

_CREATE_DATE = re.compile(r"^Create Date:[ \t]*(.*?)[ \t]*$", re.M)


class _FakeImpl:
    def _exec(self, construct, *args, **kw):
        return None


class _FakeContext:
    """Just enough of a MigrationContext for HeadMaintainer (offline: no rowcount checks)."""

    def __init__(self):
        self.as_sql = True
        self.impl = _FakeImpl()
        self.version_table = "alembic_version"
        self._version = sa.Table("alembic_version", sa.MetaData(),
                                 sa.Column("version_num", sa.String(32), nullable=False))


_BRANCH_DUP = re.compile(r"^Branch name '(.*)' in revision (\S+) already used by revision (\S+)$")
_REFERENCED = re.compile(r"^Revision (\S+) referenced from (.*) is not present$")


def _expect(exc, warning_texts):
    """What an equivalent error message must contain: a list of alternatives, each a list of
    substrings that must all occur in Retort's message."""
    msg = str(exc)
    if isinstance(exc, KeyError):
        # Alembic crashes on a missing down_revision/depends_on target; for a missing
        # down_revision it warns "Revision X referenced from <Script str> is not present" first.
        for w in warning_texts:
            m = _REFERENCED.match(w)
            if m:
                child = re.search(r"-> (\S+?)(?: \(|,|$)", m.group(2))
                child_id = child.group(1) if child else m.group(2)
                return [["Revision %s referenced from" % m.group(1), child_id, "is not present"]]
        key = exc.args[0] if exc.args else msg
        return [[str(key)]]
    m = _BRANCH_DUP.match(msg)
    if m:
        # which of the two revisions is named first depends on set iteration order in Alembic
        label, a, b = m.groups()
        swapped = "Branch name '%s' in revision %s already used by revision %s" % (label, b, a)
        return [[msg], [swapped]]
    return [[msg]]


def _error(exc, caught_warnings=()):
    texts = [str(w.message) for w in caught_warnings]
    return {"class": type(exc).__name__, "message": str(exc), "warnings": texts,
            "command_error": isinstance(exc, alembic_util.CommandError),
            "expect": _expect(exc, texts)}


def _script_directory(case):
    if case.get("project"):
        ini = os.path.join(case["project"], "alembic.ini")
        if case.get("layout", "").startswith("pyproject"):
            # As the `alembic` command builds it in the project folder (the cwd): alembic.ini
            # (read when it exists) and pyproject.toml [tool.alembic] (Alembic 1.16+).
            cfg = Config(file_=ini, toml_file=os.path.join(case["project"], "pyproject.toml"))
        else:
            cfg = Config(ini)
        cfg.attributes["configure_logger"] = False
        return ScriptDirectory.from_config(cfg), cfg
    locations = case["versions"]
    return ScriptDirectory(os.path.dirname(locations[0]), version_locations=list(locations)), None


def _history_entry(sc):
    longdoc = sc.longdoc
    m = _CREATE_DATE.search(longdoc)
    return {
        "revision": sc.revision,
        "down_revisions": list(sc._versioned_down_revisions),
        "branch_labels": sorted(sc.branch_labels),
        "declared_branch_labels": list(sc._orig_branch_labels),
        # dependencies is "" for `depends_on = ""` / ("",): nothing to depend on
        "depends_on": list(alembic_util.to_tuple(sc.dependencies, default=())) if sc.dependencies else [],
        "message": sc.doc,
        "create_date": m.group(1) if m else "",
        "path": os.path.realpath(sc.path),
        "is_head": bool(sc.is_head),
        "is_real_head": bool(sc._is_real_head),
        "is_base": bool(sc.is_base),
        "is_branch_point": bool(sc.is_branch_point),
        "is_merge_point": bool(sc.is_merge_point),
    }


def _plan(script, req):
    current = tuple(req["current"])
    target = req["target"]
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if req["direction"] == "upgrade":
                steps = script._upgrade_revs(target, current)
            else:
                steps = script._downgrade_revs(target, current)
            maintainer = migration.HeadMaintainer(_FakeContext(), current)
            after = []
            for step in steps:
                maintainer.update_to_step(step)
                after.append(sorted(maintainer.heads))
    except alembic_util.CommandError as e:
        return {"error": _error(e, caught)}
    except Exception as e:  # Alembic crashed (KeyError, AssertionError, ...): not a verdict
        return {"crash": _error(e, caught), "traceback": traceback.format_exc(limit=4)}
    return {
        "steps": [{"direction": "upgrade" if s.is_upgrade else "downgrade",
                   "revision": s.revision.revision, "version_after": rows} for s, rows in zip(steps, after)],
        "resulting_heads": sorted(maintainer.heads),
        "warnings": [str(w.message) for w in caught],
    }


_RUNNING = re.compile(r"^-- Running (upgrade|downgrade) (.*?) -> (.*)$", re.M)


def _sql_steps(cfg, req):
    """Steps as printed by `alembic upgrade|downgrade A:B --sql`."""
    buf = io.StringIO()
    cfg.output_buffer = buf
    start = req["current"][0] if req["current"] else "base"
    rng = "%s:%s" % (start, req["target"])
    if req["direction"] == "upgrade":
        command.upgrade(cfg, rng, sql=True)
    else:
        command.downgrade(cfg, rng, sql=True)
    steps = []
    for m in _RUNNING.finditer(buf.getvalue()):
        direction, frm, to = m.groups()
        # upgrade: "<down revs> -> rev"; downgrade: "rev -> <down revs>"
        rev = to.strip() if direction == "upgrade" else frm.strip()
        steps.append({"direction": direction, "revision": rev})
    return steps


def run_case(case, sql_checks):
    t0 = time.time()
    out = {"name": case["name"], "seed": case.get("seed"), "dir": case.get("dir"),
           "malformed": case.get("malformed", "")}
    cwd = os.getcwd()
    if case.get("project"):
        os.chdir(case["project"])  # Alembic resolves a relative script_location against the cwd
    try:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                script, cfg = _script_directory(case)
                script.revision_map._revision_map  # load (raises on graph errors)
            out["load_warnings"] = [str(w.message) for w in caught]
        except Exception as e:
            out["errors"] = _error(e, caught)
            # what the commands say: `alembic heads/history` let a RevisionError through
            # (traceback); `alembic upgrade` wraps it in a CommandError with the same text
            out["heads"] = None
            out["history"] = None
            # `alembic upgrade/downgrade` fail on the same error before planning anything
            out["plans"] = [{"error": out["errors"]} for _ in case["plans"]]
            return out

        out["heads"] = list(script.get_heads())
        out["real_heads"] = list(script.revision_map._real_heads)
        out["bases"] = list(script.get_bases())
        try:
            out["history"] = [_history_entry(sc) for sc in script.walk_revisions()]
        except Exception as e:
            out["history"] = None
            out["history_error"] = _error(e)
        out["plans"] = [_plan(script, req) for req in case["plans"]]

        checked, mismatches = 0, []
        if cfg is not None and sql_checks > 0:
            for req, res in zip(case["plans"], out["plans"]):
                if checked >= sql_checks:
                    break
                if "steps" not in res or len(req["current"]) > 1 or not res["steps"]:
                    continue
                if req["target"].startswith(("+", "-")) or "@" in req["target"]:
                    continue
                try:
                    got = _sql_steps(cfg, req)
                except Exception as e:
                    mismatches.append({"request": req, "api": res["steps"], "sql_error": _error(e)})
                    checked += 1
                    continue
                if got != [{"direction": s["direction"], "revision": s["revision"]} for s in res["steps"]]:
                    mismatches.append({"request": req, "api": res["steps"], "sql": got})
                checked += 1
        out["sql_checked"] = checked
        out["sql_mismatches"] = mismatches
    finally:
        os.chdir(cwd)
        out["seconds"] = round(time.time() - t0, 3)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", help="manifest.json written by gen_project.py --suite")
    ap.add_argument("--case", help="one case.json written by gen_project.py")
    ap.add_argument("--out", help="write the results here (default: stdout)")
    ap.add_argument("--sql-checks", type=int, default=3,
                    help="per case, cross-check this many plans against `alembic ... --sql`")
    ap.add_argument("--shard", default="0/1",
                    help="K/N: answer only shard K of N (cases spread by size, largest first)")
    args = ap.parse_args(argv)
    if args.manifest:
        with open(args.manifest) as fh:
            cases = json.load(fh)["cases"]
    elif args.case:
        with open(args.case) as fh:
            cases = [json.load(fh)]
    else:
        ap.error("--manifest or --case is required")

    k, _, n = args.shard.partition("/")
    k, n = int(k), int(n or 1)
    if n > 1:
        # greedy by cost (revisions + plans), deterministic: every process computes the same split
        def cost(c):  # Alembic's walks grow faster than linearly with the graph
            return c.get("revisions", 0) ** 1.5 + 10 * len(c["plans"])
        load = [0.0] * n
        owner = {}
        order = sorted(range(len(cases)), key=lambda i: (-cost(cases[i]), i))
        for i in order:
            j = min(range(n), key=lambda x: (load[x], x))
            owner[i] = j
            load[j] += cost(cases[i])
        cases = [c for i, c in enumerate(cases) if owner[i] == k]

    import alembic
    results = {"alembic_version": alembic.__version__, "alembic_file": alembic.__file__, "python": sys.version.split()[0],
               "sqlalchemy_version": sa.__version__, "cases": []}
    for case in cases:
        checks = args.sql_checks if case.get("revisions", 0) <= 200 else 0
        results["cases"].append(run_case(case, checks))
    text = json.dumps(results)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
