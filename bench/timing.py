"""Timing shared by the bench_*.sh scripts (they run with $RETORT_PYTHON and put bench/ on sys.path)."""
import resource
import subprocess
import sys
import time


def children_cpu():
    """User + system seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args, cwd, env=None, accept=(0,)):
    """Runs `args`; returns (wall seconds, CPU seconds of it and its children, stdout bytes). The CPU
    figure is robust against other load on the machine, the wall figure is what a user waits. An
    exit status outside `accept` ends the benchmark with the command's stderr."""
    cpu0 = children_cpu()
    start = time.monotonic()
    done = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.monotonic() - start
    if done.returncode not in accept:
        sys.exit("failed: %s\n%s" % (" ".join(args), done.stderr.decode(errors="replace")[-2000:]))
    return elapsed, children_cpu() - cpu0, done.stdout
