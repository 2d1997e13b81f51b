# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""bench/results.py — the acceptance table that ends `make bench`.

Each bench script records every target it judged, with the figure it
measured in this run, the load average it was measured under and its
verdict, as one tab-separated line appended to the file named by
$BENCH_RESULTS (bench/run.sh sets it, empties it first, and prints the table
after the last script; a script run alone records nothing).

  from Python:   sys.path.insert(0, BENCH_DIR); import results
                 results.record(target, measured, verdict, load=None)
  from a shell:  python3 bench/results.py TARGET MEASURED VERDICT [LOAD]
  the table:     python3 bench/results.py --table FILE

The load is the load average of the last minute (/proc/loadavg) when the
caller gives none: give the one read when the figure was measured when the
verdict is written later.  Standard library only.
"""
import os
import sys


def load():
    """The load average of the last minute, as /proc/loadavg says it."""
    try:
        return open("/proc/loadavg").read().split()[0]
    except (OSError, IndexError):
        return "?"


def record(target, measured, verdict, at_load=None):
    path = os.environ.get("BENCH_RESULTS")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as f:
        f.write("\t".join((target, measured, at_load or load(), verdict)) + "\n")


def table(path):
    """Prints the rows of path, verdict first; returns the number of rows
    whose verdict is not "ok"."""
    try:
        rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if l.strip()]
    except OSError:
        rows = []
    rows = [r for r in rows if len(r) == 4]
    width = max([len(r[0]) for r in rows] + [6])
    print("acceptance table: every target judged in this run (bench/README.md, \"The "
          "acceptance table\")")
    print("  %-7s %5s  %-*s  %s" % ("verdict", "load", width, "target", "measured"))
    for target, measured, at_load, verdict in rows:
        print("  %-7s %5s  %-*s  %s" % (verdict, at_load, width, target, measured))
    missed = sum(r[3] != "ok" for r in rows)
    print("  %d targets, %d ok, %d not ok" % (len(rows), len(rows) - missed, missed))
    return missed


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        sys.exit(1 if table(sys.argv[2]) else 0)
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: results.py TARGET MEASURED VERDICT [LOAD] | --table FILE")
    record(*sys.argv[1:])
