#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# bench/core.sh [IMPACT_BINARY] — start-up and parse+evaluate times of impact.
#
#   start-up:        `impact -e 1`                          target < 5 ms
#   parse+evaluate:  `impact run` on a generated 10,000-line
#                    file (bench/gen_lines.py)               target < 100 ms
# Each figure is the median of 20 runs (after 2 warm-up runs), timed as the
# wall time of the whole process with Python's time.perf_counter around
# subprocess.run, so start-up is included in the second figure too.
# Prints one line per figure with its target and "ok" or "SLOW", and records
# it in the acceptance table (bench/results.py).

here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
bench_impact core.sh "$1"
work=$(mktemp -d "${TMPDIR:-/tmp}/impact-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
python3 "$here/gen_lines.py" 10000 >"$work/lines.impact" || exit 1
expected=$(python3 "$here/gen_lines.py" 10000 --expected) || exit 1

exec python3 - "$impact" "$work/lines.impact" "$expected" "$here" <<'PY'
import statistics, subprocess, sys, time
sys.path.insert(0, sys.argv[4])
import results

RUNS, WARMUP = 20, 2

def median_ms(cmd):
    for _ in range(WARMUP):
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.stderr.write("%s failed (exit %d):\n%s" % (" ".join(cmd), r.returncode,
                                                          r.stderr.decode(errors="replace")))
            return None
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)

def report(label, ms, target):
    if ms is None:
        print("%-48s  failed               (target < %d ms)" % (label, target))
        results.record("%s < %d ms" % (label, target), "failed", "FAILED")
        return False
    verdict = "ok" if ms < target else "SLOW"
    print("%-48s  median %7.2f ms     (target < %d ms)  %s" % (label, ms, target, verdict))
    results.record("%s < %d ms" % (label, target), "median %.2f ms wall" % ms,
                   "ok" if ms < target else "MISSED")
    return ms < target

def result_is_right(impact, lines, expected):
    """The generated file must print its total (money, to 6 significant digits)."""
    r = subprocess.run([impact, "run", lines], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    words = r.stdout.decode(errors="replace").split()
    try:
        got = float(words[0])
    except (IndexError, ValueError):
        got = None
    if r.returncode != 0 or got is None or words[1:] != ["EUR"] \
            or abs(got - expected) > 1e-6 * abs(expected) + 0.5:
        sys.stderr.write("core.sh: the 10,000-line file printed %r (exit %d), expected %.2f EUR\n%s"
                         % (r.stdout.decode(errors="replace"), r.returncode, expected,
                            r.stderr.decode(errors="replace")))
        results.record("core: the 10,000-line file prints its total", "%r" % " ".join(words[:2]),
                       "FAILED")
        return False
    return True

impact, lines, expected = sys.argv[1], sys.argv[2], float(sys.argv[3])
if not result_is_right(impact, lines, expected):
    sys.exit(1)
ok = report("core: start-up (impact -e 1)", median_ms([impact, "-e", "1"]), 5)
ok &= report("core: parse+evaluate 10,000 lines (impact run)", median_ms([impact, "run", lines]), 100)
sys.exit(0 if ok else 1)
PY
