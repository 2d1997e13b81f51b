#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# bench/sroi.sh [IMPACT_BINARY] — the SROI engine's evaluation time on a
# generated model of 1,000 outcomes over up to 10 years (bench/gen_sroi.py).
# The generated file is run once as is and once with 30 more evaluations of
# the model (each rebuilds and re-validates it from its declaration and
# computes sroi, present value and value per stakeholder: three copies per
# repeat); median of 10 runs each.  The difference divided by the number of
# model evaluations is the engine's time per model.  Start-up and parsing
# cancel out.  Target: under 10 ms (a row of the acceptance table,
# bench/results.py).  Exits 1 if the target is missed.
here=$(cd "$(dirname "$0")" && pwd)
IMPACT=${1:-${IMPACT:-$here/../impact}}
work=$(mktemp -d "${TMPDIR:-/tmp}/impact-bench-sroi.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
python3 "$here/gen_sroi.py" "$work/once.impact" 1000 0 || exit 1
python3 "$here/gen_sroi.py" "$work/again.impact" 1000 30 || exit 1
python3 - "$IMPACT" "$work/once.impact" "$work/again.impact" "$here" <<'PY'
import statistics, subprocess, sys, time
impact, once, again = sys.argv[1:4]
sys.path.insert(0, sys.argv[4])
import results
EVALUATIONS = 30 * 3   # repeats × model copies per repeat

def median_ms(path, runs=10):
    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        r = subprocess.run([impact, "run", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - t0) * 1000)
        if r.returncode != 0:
            sys.exit(f"bench/sroi.sh: {path} failed: {r.stderr.decode()[:500]}")
    return statistics.median(times[1:])   # the first run warms the caches

t_once, t_again = median_ms(once), median_ms(again)
per_model = (t_again - t_once) / EVALUATIONS
print(f"sroi 1000 outcomes x 10 years: whole run {t_once:.1f} ms (start-up and parsing included); "
      f"model evaluation {per_model:.2f} ms (target < 10 ms)")
results.record("sroi: one evaluation of a 1,000-outcome model < 10 ms",
               "%.2f ms (wall, whole runs' difference)" % per_model,
               "ok" if per_model < 10 else "MISSED")
sys.exit(0 if per_model < 10 else 1)
PY
