#!/usr/bin/env python3
"""Assemble bench/RESULTS.md: the machine, the date, the versions, then each section's fragment
(graph first, the others in name order). Standard library only."""

import argparse
import datetime
import os
import platform
import subprocess
import sys


def run(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem_gb = int(line.split()[1]) / 1024.0 / 1024.0
    except OSError:
        pass
    return cpu, os.cpu_count() or 0, mem_gb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fragments", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--out")
    args = ap.parse_args()

    cpu, cores, mem = machine()
    try:
        with open("/proc/loadavg") as fh:
            load = " / ".join(fh.read().split()[:3])
    except OSError:
        load = "unknown"
    versions = run([args.python, "-c", "import alembic, sqlalchemy, sys; print('Alembic %s, SQLAlchemy %s, Python %s' "
                    "% (alembic.__version__, sqlalchemy.__version__, sys.version.split()[0]))"])
    retort = run([args.cli, "--version"]).splitlines()
    hyperfine = run(["hyperfine", "--version"])
    os_name = ""
    try:
        with open("/etc/os-release") as fh:
            for line in fh:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass

    lines = ["# Retort benchmark results", "",
             "Produced by `bench/run` (see bench/README.md) on the machine below; a section may come from a "
             "separate `bench/run --only NAME` run in the same work folder.", "",
             "- Date: %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
             "- Machine: %s, %d logical CPUs (nproc), %.1f GB RAM; %s, Linux %s" % (
                 cpu or "unknown CPU", cores, mem, os_name or platform.system(), platform.release()),
             "- Retort: %s" % (retort[0] if retort else "retort-cli --version printed nothing"),
             "- Reference: %s (Debian packages)" % versions,
             "- Tools: %s, GNU time for peak memory" % (hyperfine or "hyperfine"),
             "- Load average at the end of the run (1/5/15 min): %s. The machine is shared with other builds: "
             "wall times include waiting for a CPU, so CPU times and ratios matter more than absolute times." % load,
             ""]
    notes_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes")
    names = {f[:-3] for f in os.listdir(args.fragments) if f.endswith(".md")}
    if os.path.isdir(notes_dir):  # a section may be notes only (measured by its script run alone)
        names |= {f[:-3] for f in os.listdir(notes_dir) if f.endswith(".md")}
    names = sorted(names)
    if "graph" in names:
        names.remove("graph")
        names.insert(0, "graph")
    for name in names:
        fragment = os.path.join(args.fragments, name + ".md")
        if os.path.isfile(fragment):
            with open(fragment) as fh:
                lines.append(fh.read().rstrip() + "\n")
        # hand-written remarks of the section's owner, kept across runs (bench/notes/<name>.md)
        note = os.path.join(notes_dir, name + ".md")
        if os.path.isfile(note):
            with open(note) as fh:
                lines.append(fh.read().rstrip() + "\n")
    text = "\n".join(lines)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
