#!/usr/bin/env python3
"""bench/run section "graph": revision graph commands, Retort vs Alembic vs the I/O floor.

Environment (set by bench/run): RETORT_CLI, RETORT_PYTHON, BENCH_SIZES ("1000 10000"),
BENCH_INPUT_<n> (project folder with alembic.ini), BENCH_RESULTS, BENCH_FRAGMENTS, BENCH_QUICK.

`graph.py --render` re-renders the fragment from BENCH_RESULTS/graph.json without measuring.
Times are hyperfine medians (warm page cache: a probe run and hyperfine's warm-up runs read the
files first; hyperfine subtracts its shell start-up); 20 runs for fast commands, 7 above 0.5 s,
3 above 2 s. Peak memory is /usr/bin/time's maximum resident set
size, median of three runs. Writes BENCH_RESULTS/graph.json and BENCH_FRAGMENTS/graph.md.

Retort runs twice: with its parse cache populated ("warm", the everyday case after the first run
on a project) and with `--no-cache` ("cold": every file read and parsed). The cache lives in
BENCH_WORK/xdg-cache (XDG_CACHE_HOME), never in the user's home. `history` is compared like with
like: `retort-cli history` (text) against `alembic history` (text); the JSON form is timed too.
"""

import json
import os
import shlex
import statistics
import subprocess
import sys
import time

CLI = os.environ["RETORT_CLI"]
PY = os.environ["RETORT_PYTHON"]
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000 10000").split()]
RESULTS = os.environ["BENCH_RESULTS"]
FRAGMENTS = os.environ["BENCH_FRAGMENTS"]
QUICK = os.environ.get("BENCH_QUICK") == "1"

TARGETS_AT = 10000
CACHE_HOME = os.path.join(os.environ.get("BENCH_WORK", RESULTS), "xdg-cache")
os.environ["XDG_CACHE_HOME"] = CACHE_HOME  # inherited by every command below, hyperfine's too
os.environ.pop("RETORT_NO_CACHE", None)


def probe_seconds(command):
    t0 = time.monotonic()
    subprocess.run(command, shell=True, check=True)
    return time.monotonic() - t0


def hyperfine(name, command, runs, warmup, prepare=None):
    """hyperfine median; slow commands get fewer runs (a probe run decides). `prepare` runs
    before every timed run (hyperfine --prepare), outside the timing."""
    if prepare:
        subprocess.run(prepare, shell=True, check=True)
    first = probe_seconds(command)
    if first > 2.0:
        runs, warmup = min(runs, 3), min(warmup, 1)
    elif first > 0.5:
        runs, warmup = min(runs, 7), min(warmup, 1)
    out = os.path.join(RESULTS, "hf-%s.json" % name)
    cmd = ["hyperfine", "--style", "basic", "--warmup", str(warmup), "--runs", str(runs),
           "--export-json", out, "--command-name", name]
    if prepare:
        cmd += ["--prepare", prepare]
    cmd.append(command)
    subprocess.run(cmd, check=True, stdout=sys.stdout, stderr=sys.stderr)
    with open(out) as fh:
        r = json.load(fh)["results"][0]
    return {"median": r["median"], "mean": r["mean"], "stddev": r.get("stddev") or 0.0,
            "min": r["min"], "max": r["max"], "runs": len(r["times"]), "command": command,
            "cpu": (r.get("user") or 0.0) + (r.get("system") or 0.0)}


def retort_phases(project, extra=(), repeat=3):
    """Retort's own log (-v): time to read the files and to build the graph, median of `repeat`."""
    import re
    reads, builds, reused = [], [], None
    for _ in range(repeat):
        argv = [CLI, "-v", "--json"] + list(extra) + ["-p", project, "plan", "upgrade", "heads", "--current", "base"]
        p = subprocess.run(argv, capture_output=True, text=True)
        m = re.search(r"read (\d+) revision files .* in (\d+) ms", p.stderr)
        if m:
            reads.append(int(m.group(2)))
        m = re.search(r"built in (\d+) ms", p.stderr)
        if m:
            builds.append(int(m.group(1)))
        m = re.search(r"parse cache: (\d+) of (\d+) files reused", p.stderr)
        reused = "%s of %s" % (m.group(1), m.group(2)) if m else "no cache"
    out = {"reused": reused}
    if reads:
        out["read_ms"] = statistics.median(reads)
    if builds:
        out["build_ms"] = statistics.median(builds)
    return out


def prime_cache(project):
    """Populates the parse cache and the heads cache: entries are trusted only when the files are
    more than 2 s older than the cache file, so a cache written right after the project was
    generated (or edited) is rewritten once, 2 s later. Returns the -v line that says how many files
    the next run reuses; fails unless `heads` is then answered from the heads cache."""
    import re
    for args in (["heads"], ["plan", "upgrade", "heads", "--current", "base"]):
        subprocess.run([CLI, "--json", "-p", project] + args, capture_output=True, check=True)
    time.sleep(2.2)
    for _ in range(2):
        p = subprocess.run([CLI, "-v", "--json", "-p", project, "plan", "upgrade", "heads", "--current", "base"],
                           capture_output=True, text=True, check=True)
        h = subprocess.run([CLI, "-v", "--json", "-p", project, "heads"], capture_output=True, text=True, check=True)
    m = re.search(r"parse cache: (\d+) of (\d+) files reused", p.stderr)
    if not m or m.group(1) != m.group(2):
        raise RuntimeError("the parse cache was not reused: %s" % p.stderr[-400:])
    if "heads cache: " not in h.stderr:
        raise RuntimeError("the heads cache was not used: %s" % h.stderr[-400:])
    return m.group(0)


def peak_rss_kb(argv, cwd=None, repeat=3):
    values = []
    for _ in range(repeat):
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, cwd=cwd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise RuntimeError("%s failed: %s" % (" ".join(argv), p.stderr[-500:]))
        values.append(int(p.stderr.strip().splitlines()[-1]))
    return statistics.median(values)


def alembic_heads(project):
    p = subprocess.run([PY, "-m", "alembic", "-c", os.path.join(project, "alembic.ini"), "heads"],
                       cwd=project, capture_output=True, text=True, check=True)
    return [line.split()[0] for line in p.stdout.splitlines() if line.strip()]


def retort_json(project, *args):
    p = subprocess.run([CLI, "--json", "-p", project] + list(args), capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("retort-cli %s failed (%d): %s %s" % (" ".join(args), p.returncode,
                                                                 p.stdout[-400:], p.stderr[-400:]))
    return json.loads(p.stdout)


def ms(seconds):
    return "%.1f ms" % (seconds * 1000.0) if seconds < 10 else "%.2f s" % seconds


def main():
    q = shlex.quote
    rows = []
    baseline_rss = peak_rss_kb([CLI, "--version"])
    for n in SIZES:
        project = os.environ["BENCH_INPUT_%d" % n]
        versions = os.path.join(project, "migrations", "versions")
        files = len([f for f in os.listdir(versions) if f.endswith(".py")])
        big = n >= 5000
        r_runs, r_warm = (5, 1) if QUICK else (20, 3)
        a_runs, a_warm = (1, 0) if QUICK else ((3, 1) if big else (5, 1))
        ini = os.path.join(project, "alembic.ini")
        res = {"revisions": n, "files": files}

        # correctness first: the two tools must agree on what they are timing
        heads = retort_json(project, "heads")["heads"]
        # `alembic heads` prints in os.listdir() order, Retort in sorted file-name order (the
        # differential tests compare the order with a sorted listdir); here: the same heads
        res["heads_agree"] = sorted(heads) == sorted(alembic_heads(project))
        res["history_len"] = len(retort_json(project, "history")["revisions"])
        res["plan_steps"] = len(retort_json(project, "plan", "upgrade", "heads", "--current", "base")["steps"])

        res["cache"] = prime_cache(project)
        res["cat"] = hyperfine("cat-%d" % n, "cat %s/*.py > /dev/null" % q(versions), r_runs, r_warm)
        commands = {
            "heads": "heads",
            "history": "history",
            "history_json": "--json history",
            "plan": "--json plan upgrade heads --current base",
        }
        for what, args in commands.items():
            for mode, flag in (("warm", ""), ("cold", "--no-cache ")):
                if what == "history_json" and mode == "cold":
                    continue
                res["retort_%s_%s" % (what, mode)] = hyperfine(
                    "retort-%s-%s-%d" % (what.replace("_", "-"), mode, n),
                    "%s %s-p %s %s > /dev/null" % (q(CLI), flag, q(project), args), r_runs, r_warm)
        # The first run after an edit: one file touched before every run, so the heads cache
        # misses, that file is parsed again and both cache files are rewritten.
        edited = os.path.join(versions, sorted(f for f in os.listdir(versions) if f.endswith(".py"))[0])
        res["retort_heads_edited"] = hyperfine(
            "retort-heads-edited-%d" % n, "%s -p %s heads > /dev/null" % (q(CLI), q(project)), r_runs, r_warm,
            prepare="touch %s" % q(edited))
        prime_cache(project)  # trusted again for what follows
        res["alembic_heads"] = hyperfine("alembic-heads-%d" % n,
                                         "cd %s && %s -m alembic -c %s heads > /dev/null" % (q(project), q(PY), q(ini)),
                                         a_runs, a_warm)
        res["alembic_history"] = hyperfine("alembic-history-%d" % n,
                                           "cd %s && %s -m alembic -c %s history > /dev/null" % (q(project), q(PY), q(ini)),
                                           a_runs, a_warm)
        plan_args = ["--json", "-p", project, "plan", "upgrade", "heads", "--current", "base"]
        res["rss_kb"] = {
            "retort_version": baseline_rss,
            "retort_heads": peak_rss_kb([CLI, "--json", "-p", project, "heads"]),
            "retort_history": peak_rss_kb([CLI, "-p", project, "history"]),
            "retort_history_json": peak_rss_kb([CLI, "--json", "-p", project, "history"]),
            "retort_plan": peak_rss_kb([CLI] + plan_args),
            "retort_plan_cold": peak_rss_kb([CLI, "--no-cache"] + plan_args),
            "alembic_heads": peak_rss_kb([PY, "-m", "alembic", "-c", ini, "heads"], cwd=project, repeat=1),
        }
        res["phases"] = {"warm": retort_phases(project), "cold": retort_phases(project, ["--no-cache"])}
        res["load"] = os.getloadavg()
        rows.append(res)

    with open(os.path.join(RESULTS, "graph.json"), "w") as fh:
        json.dump(rows, fh, indent=1)
    render(rows)
    return 0


def render(rows):
    lines = ["## Revision graph: heads, history, plan", "",
             "Generated projects (tests/differential/gen_project.py, seed = size, mixed shape: branches, "
             "merges, labels, depends_on, several bases; half the files in odd spellings). Warm page cache. "
             "Times are hyperfine medians; `cat` reads the same revision files (the I/O floor).", "",
             "Retort runs with its parse cache populated (**warm**: the files are `stat`ed, not read; what every "
             "run after the first one on a project does; `heads` is then answered by the heads cache, see "
             "docs/DESIGN-NOTES.md) and with `--no-cache` (**cold**: every file read and parsed, the graph built, "
             "as on a first run). The row \"first run after an edit\" touches one revision file before every run: "
             "the heads cache misses, that file is parsed again, the graph is built and both cache files are "
             "rewritten. `history` is compared like with like: text output on both sides "
             "(`--json history` is timed too).", ""]
    lines += ["Wall time (median) and, in parentheses, CPU time (user + system, mean); on a loaded machine "
              "the CPU ratio is the steadier one.", "",
              "| revisions | command | Retort warm | Retort cold | Alembic 1.8.1 | Alembic / Retort warm (cold) "
              "| `cat` | Retort warm / `cat` |",
              "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        cat, catc = r["cat"]["median"], r["cat"]["cpu"]
        plan_label = "`--json plan upgrade heads --current base` (%d steps)" % r["plan_steps"]
        for what, label, ref in (("heads", "`heads`", "alembic_heads"),
                                 ("heads_edited", "`heads`, first run after an edit (a file touched before each run)",
                                  "alembic_heads"),
                                 ("history", "`history`", "alembic_history"),
                                 ("history_json", "`--json history`", None), ("plan", plan_label, None)):
            w = r.get("retort_heads_edited") if what == "heads_edited" else r["retort_%s_warm" % what]
            if w is None:  # results from before the row existed (graph.py --render)
                continue
            c = r.get("retort_%s_cold" % what)
            cold = "%s (%s)" % (ms(c["median"]), ms(c["cpu"])) if c else ""
            if ref:
                al = r[ref]
                alembic = "%s (%s)" % (ms(al["median"]), ms(al["cpu"]))
                ratio = "**%.0fx**" % (al["median"] / w["median"])
                if c:
                    ratio += " (%.0fx)" % (al["median"] / c["median"])
            else:
                alembic, ratio = "", ""
            lines.append("| %d | %s | %s (%s) | %s | %s | %s | %s (%s) | %.2fx (%.2fx) |" % (
                r["revisions"], label, ms(w["median"]), ms(w["cpu"]), cold, alembic, ratio, ms(cat), ms(catc),
                w["median"] / cat, w["cpu"] / catc))
    lines += ["", "Retort's own phase log (`retort-cli -v`, `plan`, wall time, median of 3 runs): " + "; ".join(
        "%d revisions: warm (%s) read files %s ms, build graph %s ms; cold: read files %s ms, build graph %s ms" % (
            r["revisions"], r["phases"]["warm"].get("reused", "?"), r["phases"]["warm"].get("read_ms", "?"),
            r["phases"]["warm"].get("build_ms", "?"), r["phases"]["cold"].get("read_ms", "?"),
            r["phases"]["cold"].get("build_ms", "?"))
        for r in rows) + ". Load average at the end of each size: " + "; ".join(
        "%d: %.2f / %.2f / %.2f" % ((r["revisions"],) + tuple(r.get("load", (0, 0, 0)))) for r in rows) + "."]
    lines += ["", "Peak memory (maximum resident set size, median of 3 runs; `retort-cli --version` = %.1f MB is "
              "the process with Qt loaded and no project):" % (rows[0]["rss_kb"]["retort_version"] / 1024.0), "",
              "| revisions | `heads` | `history` | `--json history` | `plan` warm | `plan` cold | `alembic heads` |",
              "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        m = r["rss_kb"]
        lines.append("| %d | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.1f MB |" % (
            r["revisions"], m["retort_heads"] / 1024.0, m["retort_history"] / 1024.0,
            m["retort_history_json"] / 1024.0, m["retort_plan"] / 1024.0, m["retort_plan_cold"] / 1024.0,
            m["alembic_heads"] / 1024.0))
    lines += ["", "Agreement on the benchmark inputs: " + ", ".join(
        "%d revisions: %s, history of %d revisions, plan of %d steps" % (
            r["revisions"], "the same heads as `alembic heads`" if r["heads_agree"] else "**heads differ from `alembic heads`**",
            r["history_len"], r["plan_steps"])
        for r in rows) + " (`alembic heads` lists them in os.listdir() order, Retort in file-name order; "
        "tests/differential compares the order too, with Alembic fed sorted listings).", ""]

    big = [r for r in rows if r["revisions"] == TARGETS_AT]
    if big:
        r = big[0]

        def med(key):
            return r[key]["median"]

        hh = (med("alembic_heads") / med("retort_heads_warm"), med("alembic_heads") / med("retort_heads_cold"))
        hs = (med("alembic_history") / med("retort_history_warm"), med("alembic_history") / med("retort_history_cold"))
        cc = (med("retort_heads_warm") / med("cat"), med("retort_heads_cold") / med("cat"))
        pw, pc = med("retort_plan_warm"), med("retort_plan_cold")
        checks = [
            ("`heads` >= 100x faster than `alembic heads`", hh[0] >= 100, "warm %.0fx, cold %.0fx" % hh + (
                "; first run after an edit %.0fx" % (med("alembic_heads") / med("retort_heads_edited"))
                if "retort_heads_edited" in r else "")),
            ("`heads` within 3x of `cat`", cc[0] <= 3, "warm %.2fx, cold %.2fx" % cc),
            ("`history` >= 300x faster than `alembic history` (text vs text)", hs[0] >= 300,
             "warm %.0fx, cold %.0fx" % hs),
            ("plan from base to heads < 50 ms (whole command: read + build + plan)", pw < 0.050,
             "warm %s, cold %s" % (ms(pw), ms(pc))),
            ("graph < 50 MB (peak RSS of `retort-cli plan`: every file read, graph built, plan made)",
             max(r["rss_kb"]["retort_plan"], r["rss_kb"]["retort_plan_cold"]) < 50 * 1024,
             "warm %.1f MB, cold %.1f MB (%.1f MB over the empty process)" % (
                 r["rss_kb"]["retort_plan"] / 1024.0, r["rss_kb"]["retort_plan_cold"] / 1024.0,
                 (max(r["rss_kb"]["retort_plan"], r["rss_kb"]["retort_plan_cold"]) - r["rss_kb"]["retort_version"])
                 / 1024.0)),
        ]
        lines += ["Targets at %d revisions (issue #3), judged on the warm figure (the cold one for reference):"
                  % TARGETS_AT, "", "| target | measured | met (warm) |", "|---|---:|:---:|"]
        for text, ok, value in checks:
            lines.append("| %s | %s | %s |" % (text, value, "yes" if ok else "**no**"))
        lines.append("")

    with open(os.path.join(FRAGMENTS, "graph.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1:] == ["--render"]:  # re-render BENCH_RESULTS/graph.json without measuring
        with open(os.path.join(RESULTS, "graph.json")) as fh:
            render(json.load(fh))
        sys.exit(0)
    sys.exit(main())
