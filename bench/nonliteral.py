#!/usr/bin/env python3
"""bench/run section "nonliteral": what odd spellings cost `retort-cli heads`.

One generated graph per size in BENCH_SIZES (gen_project.py --seed N --revisions N, mixed shape,
at most 20 labels), written three ways with the same files, ids and edges:
  literal     every value a plain literal (--odd 0)
  folded      1% of the files with spellings Retort folds statically: `revision = '022b' +
              '78e3eaaf'`, `revision = rev_id = '...'`, `('a' + 'b',)` (--folded 0.01)
  nonliteral  the same plus 1% of the files with a value only Python can tell, neutron's
              `branch_labels = (cli.EXPAND_BRANCH,)` and the like (--nonliteral 0.01): Retort
              imports just those files with Alembic's loader in one Python process
`retort-cli -p P heads` warm (parse, heads and import caches populated: the import cache holds
what Python said about the non-literal files, and the heads cache answers all three projects) and cold (--no-cache: every file parsed, the non-literal ones imported), `alembic heads` on the
non-literal project (Alembic imports every file whatever they hold), and the floor of the
Python path: one interpreter start importing Alembic's loader (`python -c "import alembic.script"`).
Goals (issue #13): folded and non-literal heads within 2x of literal heads (warm); cold
non-literal heads about one Python start plus those imports. Writes BENCH_RESULTS/nonliteral.json and BENCH_FRAGMENTS/nonliteral.md.
`nonliteral.py --render` re-renders from the JSON.
"""

import json
import os
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import graph  # noqa: E402  (shares hyperfine(), ms() and the cache location)

CLI, PY, RESULTS, FRAGMENTS = graph.CLI, graph.PY, graph.RESULTS, graph.FRAGMENTS
SOURCE = os.environ.get("BENCH_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = os.environ.get("BENCH_WORK", RESULTS)
VARIANTS = (("literal", []), ("folded", ["--folded", "0.01"]),
            ("nonliteral", ["--folded", "0.01", "--nonliteral", "0.01"]))


def generate(n, name, extra):
    out = os.path.join(WORK, "nonliteral-%d-%s" % (n, name))
    if not os.path.exists(os.path.join(out, "project", "alembic.ini")):
        subprocess.run([PY, os.path.join(SOURCE, "tests", "differential", "gen_project.py"), "--seed", str(n),
                        "--revisions", str(n), "--profile", "mixed", "--odd", "0", "--plans", "0",
                        "--no-crash-shapes", "--max-labels", "20", "--out", out] + extra,
                       check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "case.json")) as fh:
        case = json.load(fh)
    return os.path.join(out, "project"), case


def heads(project):
    p = subprocess.run([CLI, "-p", project, "heads"], capture_output=True, text=True, check=True)
    return p.stdout, p.stderr


def parsed_heads(text):
    """{id: (labels, marker)} of `heads` output: `id (label, label) (head)`."""
    import re
    out = {}
    for line in text.splitlines():
        m = re.match(r"(\S+)(?: \((?!(?:effective )?head\)$)([^)]*)\))?( \((?:effective )?head\))?$", line.strip())
        if m:
            labels = frozenset(x.strip() for x in (m.group(2) or "").split(",") if x.strip())
            out[m.group(1)] = (labels, (m.group(3) or "").strip())
    return out


def prime(project):
    """Parse, import and heads caches written and trusted (files more than 2 s older than the
    cache files; the heads cache keeps an answer needing Python once its values are remembered)."""
    heads(project)
    time.sleep(2.2)
    for _ in range(2):
        heads(project)


def main():
    q = shlex.quote
    rows = []
    for n in graph.SIZES:
        runs, warm = (5, 1) if graph.QUICK else (20, 3)
        res = {"revisions": n}
        projects = {}
        for name, extra in VARIANTS:
            projects[name], case = generate(n, name, extra)
            res["%s_files" % name] = len(case.get("%s_files" % name, []))
        expected, _ = heads(projects["literal"])
        alembic = subprocess.run([PY, "-m", "alembic", "heads"], cwd=projects["nonliteral"], capture_output=True,
                                 text=True, check=True).stdout
        # `alembic heads` lists heads in os.listdir() order and labels in set order: compare each
        # head's id, labels and marker, not the lines
        res["heads_agree"] = all(heads(p)[0] == expected for p in projects.values()) and \
            parsed_heads(alembic) == parsed_heads(expected)
        res["note"] = heads(projects["nonliteral"])[1].strip()
        for name, project in projects.items():
            prime(project)
            for mode, flag in (("warm", ""), ("cold", "--no-cache ")):
                res["%s_%s" % (name, mode)] = graph.hyperfine(
                    "nonliteral-%s-%s-%d" % (name, mode, n), "%s %s-p %s heads > /dev/null" % (q(CLI), flag, q(project)),
                    runs if name != "nonliteral" else min(runs, 10), warm)
        res["python_floor"] = graph.hyperfine("nonliteral-python-floor-%d" % n,
                                              "%s -c 'import alembic.script' > /dev/null" % q(PY), runs, warm)
        res["alembic_heads"] = graph.hyperfine(
            "nonliteral-alembic-heads-%d" % n, "cd %s && %s -m alembic heads > /dev/null" % (q(projects["nonliteral"]), q(PY)),
            3, 1)
        res["load"] = os.getloadavg()
        rows.append(res)
    with open(os.path.join(RESULTS, "nonliteral.json"), "w") as fh:
        json.dump(rows, fh, indent=1)
    render(rows)
    return 0


def render(rows):
    ms = graph.ms
    lines = ["## Odd spellings: folded and non-literal values (`heads`)", "",
             "One generated graph (mixed shape, at most 20 labels) written three ways: every value a plain literal; "
             "1% of the files with spellings Retort folds statically (`'022b' + '78e3eaaf'`, `revision = rev_id = ...`, "
             "`('a' + 'b',)`); the same plus 1% of the files with a value only Python can tell "
             "(`branch_labels = (cli.EXPAND_BRANCH,)`), which Retort reads by importing just those files with Alembic's "
             "loader in one Python process. `retort-cli -p P heads`, hyperfine medians, warm page cache; warm = parse "
             "cache populated (the import cache holds the values Python gave for the non-literal files, and the heads "
             "cache answers all three projects while those files and what their import read are unchanged: a warm "
             "run starts no Python), cold = `--no-cache` (every file parsed, the non-literal ones imported). The Python floor is one interpreter start importing Alembic's loader "
             "(`python -c \"import alembic.script\"`).", "",
             "Wall time (median) and, in parentheses, CPU time (user + system, mean); on a loaded machine the CPU "
             "figures are the steadier ones.", "",
             "| revisions | spelling | files | Retort warm | Retort cold | vs literal, warm / cold (CPU) | Alembic 1.8.1 "
             "| Alembic / Retort warm (CPU) |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]

    def cell(m):
        return "%s (%s)" % (ms(m["median"]), ms(m["cpu"]))

    for r in rows:
        lw, lc = r["literal_warm"], r["literal_cold"]
        a = r["alembic_heads"]
        for name, label, files in (("literal", "all literal", "-"),
                                   ("folded", "1% folded", str(r["folded_files"])),
                                   ("nonliteral", "1% folded + 1% non-literal", str(r["nonliteral_files"]))):
            w, c = r["%s_warm" % name], r["%s_cold" % name]
            lines.append("| %d | %s | %s | %s | %s | %.2fx / %.2fx (%.2fx / %.2fx) | %s | %.0fx (%.0fx) |" % (
                r["revisions"], label, files, cell(w), cell(c), w["median"] / lw["median"], c["median"] / lc["median"],
                w["cpu"] / lw["cpu"], c["cpu"] / lc["cpu"], cell(a), a["median"] / w["median"], a["cpu"] / w["cpu"]))
        lines.append("| %d | Python floor (`import alembic.script`) | | %s | | | | |" % (
            r["revisions"], cell(r["python_floor"])))
    lines.append("")
    for r in rows:
        # both cold runs read and parse every file and build the graph: the difference is Python's
        over = r["nonliteral_cold"]["median"] - r["literal_cold"]["median"]
        over_cpu = r["nonliteral_cold"]["cpu"] - r["literal_cold"]["cpu"]
        lines.append("At %d revisions: heads agree across the three spellings and with Alembic: **%s**. "
                     "Folded / literal: warm %.2fx, cold %.2fx; non-literal / literal, warm: %.2fx (goal <= 2x). "
                     "Non-literal minus literal, both cold: "
                     "%s wall, %s CPU for %d imported files, against a Python floor of %s (%s CPU). Load average "
                     "during the run: %s." % (
                         r["revisions"], "yes" if r["heads_agree"] else "NO",
                         r["folded_warm"]["median"] / r["literal_warm"]["median"],
                         r["folded_cold"]["median"] / r["literal_cold"]["median"],
                         r["nonliteral_warm"]["median"] / r["literal_warm"]["median"], ms(over), ms(over_cpu),
                         r["nonliteral_files"], ms(r["python_floor"]["median"]), ms(r["python_floor"]["cpu"]),
                         ", ".join("%.1f" % x for x in r["load"])))
    lines.append("")
    with open(os.path.join(FRAGMENTS, "nonliteral.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--render"]:
        with open(os.path.join(RESULTS, "nonliteral.json")) as fh:
            render(json.load(fh))
        sys.exit(0)
    sys.exit(main())
