#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# bench/mc.sh [IMPACT_BINARY] — workload A ("mc") of ../shared/bench-peers:
# the Monte Carlo SROI reference model (bench/mc.impact), 1,000,000 samples,
# timed side by side with its peers:
#   impact    impact run bench/mc.impact --samples 1000000 (model in bench/mc_model.impact)
#   c-gsl     the single-threaded C + GSL loop (built with make -C in a copy)
#   numpy     /usr/bin/python3 python/mc_numpy.py
#   squiggle  node squiggle/run.mjs (after npm ci in the copy; skipped with a
#             message when npm or the network is unavailable)
# and what a user runs on the same model, its whole reports:
#   text      impact run bench/mc_model.impact --samples 1000000
#   json      the same with --format json
# Each figure is the median wall time of 3 runs after 1 warm-up run, and the
# peak resident memory (GNU time %M), both measured by the peers' bench.py.
# The two reports are run once more at 10,000,000 samples for their time and
# peak memory.  Then check_mc.py checks that every output (the JSON report's
# ratio included) agrees with the exact E[SROI] and with the others within
# Monte Carlo error, the text report's ratio is the JSON's, two runs with
# the same seed print the same bytes, and so do the reports run with 1, 2
# and 8 threads (IMPACT_THREADS) at MC_SAMPLES.  Every target and check is
# also a row of the acceptance table (bench/results.py), with the CPU ratio
# of each report to the C loop beside its wall ratio.
# Targets: impact faster than c-gsl and numpy, and 30 times faster than
# squiggle; each whole report at most 1.0 x the c-gsl time (goal 0.5 x);
# at 10,000,000 samples each report within 2 GiB (goal 1 GiB).  The peak
# memory of each report is printed at 1,000,000 and 10,000,000 samples.  Exits 1 if a check fails
# or a target is missed.
#   MC_SAMPLES=N (default 1000000)   MC_RUNS=N (default 3)   MC_ROUNDS=N (default 7)   SKIP_SQUIGGLE=1
#   MC_BIG_SAMPLES=N (default 10000000; 0 skips the large runs)

here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
bench_impact mc.sh "$1"
N=${MC_SAMPLES:-1000000}
RUNS=${MC_RUNS:-3}
PY=/usr/bin/python3
bench_peers mc.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/impact-mc.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
bench_copy_peers "$work/peers"
peers=$work/peers
out=$work/out
mkdir -p "$out"
status=0

# bench NAME OUTFILE -- COMMAND...: prints "NAME median_s peak_MiB" and keeps
# the figures and the load average they were taken under in $out/NAME.time
bench() {
    name=$1; file=$2; shift 3
    at_load=$(bench_load)
    line=$($PY "$peers/bench.py" -n "$RUNS" --warmup 1 --out "$file" -- "$@") || true
    set -- $line
    echo "$1 $4 $at_load" >"$out/$name.time"
    printf '%-9s median %6ss  peak %7s MiB  exit=%s  %s\n' "$name" "$1" "$4" "$5" \
        "$(grep '^mc ' "$file" 2>/dev/null | tail -1 | cut -d' ' -f3-)"
}

bench impact "$out/mc_impact.txt" -- "$impact" run "$here/mc.impact" --samples "$N"
results="$out/mc_impact.txt"

if make -s -C "$peers/c" data/mc >/dev/null 2>&1; then
    bench c-gsl "$out/mc_c.txt" -- "$peers/c/data/mc" "$N"
    results="$results $out/mc_c.txt"
else
    echo "c-gsl     skipped: could not build $peers/c (needs gcc and libgsl-dev)"
fi

# The whole reports of the same model, beside the C loop.
model=$here/mc_model.impact
bench text "$out/mc_text.txt" -- "$impact" run "$model" --samples "$N"
bench json "$out/mc_json.txt" -- "$impact" run "$model" --samples "$N" --format json
# The ratios the targets judge: the C loop, the text report and the JSON
# report run in turn, MC_ROUNDS times (7 by default), and each one's median
# wall and CPU time (user + system of every thread) is kept.  One program's
# runs back to back, then the next's, measure this virtual machine's drift
# as much as the programs (its speed changes by up to half within minutes);
# in turn, a slow minute slows all three alike.
ROUNDS=${MC_ROUNDS:-7}
if [ -x /usr/bin/time ] && [ -x "$peers/c/data/mc" ]; then
    for i in $(seq "$ROUNDS"); do
        for name in c-gsl text json; do
            case $name in
            c-gsl) set -- "$peers/c/data/mc" "$N" ;;
            text) set -- "$impact" run "$model" --samples "$N" ;;
            json) set -- "$impact" run "$model" --samples "$N" --format json ;;
            esac
            /usr/bin/time -f "%e %U %S" -o "$out/round.tmp" "$@" >/dev/null 2>&1
            awk -v n="$name" '{ print n, $1, $2 + $3 }' "$out/round.tmp" >>"$out/rounds.txt"
        done
    done
    for name in c-gsl text json; do
        for col in 2 3; do
            awk -v n="$name" -v c="$col" '$1 == n { print $c }' "$out/rounds.txt" | sort -n |
                awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }' >"$out/$name.col$col"
        done
        mv "$out/$name.col2" "$out/$name.iwall"
        mv "$out/$name.col3" "$out/$name.cpu"
    done
    echo "in turn   $ROUNDS rounds of c-gsl, text, json: medians (wall s) $(cat "$out/c-gsl.iwall")," \
        "$(cat "$out/text.iwall"), $(cat "$out/json.iwall")"
fi
# The JSON report's ratio in the peers' format, for check_mc.py; the text
# report's median and 90% interval must be the JSON's, to its two decimals.
if $PY - "$out/mc_json.txt" "$out/mc_text.txt" "$N" >"$out/mc_report.txt" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))["models"][0]["sroi"]
print("mc impact-json N=%s mean=%.4f sd=%.4f p5=%.4f p50=%.4f p95=%.4f"
      % (sys.argv[3], r["mean"], r["sd"], r["p5"], r["p50"], r["p95"]))
line = [l for l in open(sys.argv[2]) if l.strip().startswith("SROI ratio")][0]
want = "%.2f (90%%: %.2f to %.2f)" % (r["p50"], r["p5"], r["p95"])
if want not in line:
    sys.exit("text report: '%s', JSON: %s" % (line.strip(), want))
PY
then
    results="$results $out/mc_report.txt"
    echo "reports   agree  the text report's SROI ratio is the JSON report's"
    bench_result "MC: the text report's ratio = the JSON report's" "median and 90% interval, 2 decimals" ok
else
    bench_result "MC: the text report's ratio = the JSON report's" "they differ, or did not run" FAILED
    echo "reports   FAILED the text and JSON reports disagree (or did not run)"
    status=1
fi
BIG=${MC_BIG_SAMPLES:-10000000}
if [ "$BIG" -gt 0 ] 2>/dev/null; then
    for fmt in text json; do
        at_load=$(bench_load)
        line=$($PY "$peers/bench.py" -n 1 --warmup 0 -- "$impact" run "$model" --samples "$BIG" \
            --format $fmt) || true
        set -- $line
        echo "$1 $4 $at_load" >"$out/big_$fmt.time"
        printf '%-9s %s samples: %6ss  peak %7s MiB  exit=%s\n' "$fmt" "$BIG" "$1" "$4" "$5"
    done
fi

if $PY -c 'import numpy' 2>/dev/null; then
    bench numpy "$out/mc_numpy.txt" -- $PY "$peers/python/mc_numpy.py" "$N"
    results="$results $out/mc_numpy.txt"
else
    echo "numpy     skipped: /usr/bin/python3 has no numpy (apt-get install python3-numpy)"
fi

if [ -n "$SKIP_SQUIGGLE" ]; then
    echo "squiggle  skipped: SKIP_SQUIGGLE is set"
elif ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "squiggle  skipped: node and npm are not installed"
elif ! (cd "$peers/squiggle" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1); then
    echo "squiggle  skipped: npm ci failed (no network?)"
else
    bench squiggle "$out/mc_squiggle.txt" -- node "$peers/squiggle/run.mjs" "$N"
    results="$results $out/mc_squiggle.txt"
fi

# Targets, from the median wall times.
$PY - "$out" "$N" "$BIG" "$here" <<'PY' || status=1
import os, sys
out, n, big = sys.argv[1], int(sys.argv[2]), int(sys.argv[3] or 0)
sys.path.insert(0, sys.argv[4])
import results
t, mem, cpu, at, turn = {}, {}, {}, {}, {}
for name in ("impact", "c-gsl", "numpy", "squiggle", "text", "json", "big_text", "big_json"):
    p = os.path.join(out, name + ".time")
    if os.path.exists(p):
        wall, mib, at[name] = (open(p).read().split() + ["?"])[:3]
        try:
            t[name], mem[name] = float(wall), float(mib)
        except ValueError:
            pass
    try:
        cpu[name] = float(open(os.path.join(out, name + ".cpu")).read())
        turn[name] = float(open(os.path.join(out, name + ".iwall")).read())
    except (OSError, ValueError):
        pass
bad = 0
if "impact" not in t:
    print("target    FAILED: impact did not run")
    sys.exit(1)
for peer, factor in (("c-gsl", 1), ("numpy", 1), ("squiggle", 30)):
    if peer not in t:
        continue
    ok = t["impact"] * factor < t[peer]
    bad += not ok
    want = "faster than" if factor == 1 else f"{factor}x faster than"
    print(f"target    {'ok    ' if ok else 'MISSED'} impact {t['impact']:.3f}s {want} "
          f"{peer} {t[peer]:.3f}s (ratio {t[peer] / t['impact']:.1f}x)")
    results.record(f"MC summary (mc.impact) {n:,}: impact {want} {peer}",
                   f"{peer} / impact {t[peer] / t['impact']:.2f} (wall)",
                   "ok" if ok else "MISSED", at[peer])
for report in ("text", "json"):
    if report not in t or "c-gsl" not in t:
        bad += 1
        print(f"target    MISSED the {report} report or c-gsl did not run")
        continue
    # judged on the runs in turn when they ran; the runs back to back beside
    in_turn = report in turn and turn.get("c-gsl")
    ratio = turn[report] / turn["c-gsl"] if in_turn else t[report] / t["c-gsl"]
    ok = ratio <= 1.0
    bad += not ok
    how = f"in turn, {turn[report]:.2f}s / {turn['c-gsl']:.2f}s" if in_turn else "back to back"
    print(f"target    {'ok    ' if ok else 'MISSED'} {report} report {ratio:.2f} x c-gsl ({how}; "
          f"back to back {t[report]:.3f}s / {t['c-gsl']:.3f}s = {t[report] / t['c-gsl']:.2f} x) "
          f"(target 1.0 x, goal 0.5 x: {'met' if ratio <= 0.5 else 'not met'}); "
          f"peak {mem[report]:.0f} MiB at {n:,} samples")
    cpu_ratio = (f", CPU {cpu[report] / cpu['c-gsl']:.2f} x"
                 if cpu.get(report) and cpu.get("c-gsl") else "")
    results.record(f"MC {report} report {n:,}: <= 1.0 x C+GSL (goal 0.5)",
                   f"wall {ratio:.2f} x{' in turn' if in_turn else ''}{cpu_ratio}; "
                   f"back to back {t[report] / t['c-gsl']:.2f} x; peak {mem[report]:.0f} MiB",
                   "ok" if ok else "MISSED", at[report])
# The model's own samples: its 27 uncertain fields would hold 8 bytes a sample
# each if stored; above 2,097,152 samples the 24 drawn straight from their
# parameters are drawn again block by block wherever they are read (SPEC.md,
# "Time and memory of an uncertain model"), and only the 3 computed ones
# (lognormal(...) * EUR, uniform(...) * 15300 EUR) are stored.
stored = (27 if big <= 2097152 else 3) * 8 * big / 2**20
for report in ("text", "json"):
    if not big or "big_" + report not in mem:
        continue
    peak, fields = mem["big_" + report], 27 * 8 * big / 2**20
    ok = peak <= 2048
    bad += not ok
    print(f"target    {'ok    ' if ok else 'MISSED'} {report} report at {big:,} samples: peak "
          f"{peak:.0f} MiB (target 2048 MiB, goal 1024 MiB: "
          f"{'met' if peak <= 1024 else 'not met'}; stored fields {stored:.0f} MiB of the "
          f"{fields:.0f} MiB all 27 would take), {t['big_' + report]:.1f}s")
    results.record(f"MC {report} report {big:,}: peak <= 2048 MiB (goal 1024)",
                   f"peak {peak:.0f} MiB, {t['big_' + report]:.1f} s wall",
                   "ok" if ok else "MISSED", at["big_" + report])
sys.exit(1 if bad else 0)
PY

verdict=ok
agree=$($PY "$peers/python/check_mc.py" $results) || verdict=FAILED
echo "$agree"
[ $verdict = ok ] || status=1
# e.g. "impact, c-gsl, numpy: 4 means vs the exact E[SROI], 6 pairs; largest 2.10 standard errors"
bench_result "MC: outputs agree with exact mean and each other < 4 s.e." "$(echo "$agree" | awk '
    { z = $(NF - 2) + 0; if (z > worst) worst = z }
    / vs exact / { means++; peers = peers (peers ? ", " : "") $2; next }
    { pairs++ }
    END { printf "%s: %d means vs exact, %d pairs; largest %.2f s.e.", peers, means, pairs, worst }')" $verdict

# Reproducibility: the same seed gives the same output, byte for byte.
"$impact" run "$here/mc.impact" --samples 100000 --seed 7 >"$out/repro1.txt" 2>&1
"$impact" run "$here/mc.impact" --samples 100000 --seed 7 >"$out/repro2.txt" 2>&1
if cmp -s "$out/repro1.txt" "$out/repro2.txt"; then
    echo "repro     ok     two runs with --seed 7 print the same bytes"
    bench_result "MC: same seed, same bytes" "two runs with --seed 7, 100,000 samples: cmp" ok
else
    echo "repro     FAILED two runs with --seed 7 differ"
    bench_result "MC: same seed, same bytes" "two runs with --seed 7 differ" FAILED
    status=1
fi
# The whole reports at $N samples, whatever the number of threads.
for fmt in text json; do
    for th in 1 2 8; do
        IMPACT_THREADS=$th "$impact" run "$model" --samples "$N" --seed 7 --format $fmt \
            >"$out/threads$th.$fmt" 2>&1
    done
    if cmp -s "$out/threads1.$fmt" "$out/threads2.$fmt" && cmp -s "$out/threads1.$fmt" "$out/threads8.$fmt"; then
        echo "threads   ok     the $fmt report at $N samples: the same bytes with 1, 2 and 8 threads"
        bench_result "MC $fmt report, $N samples: same bytes, 1/2/8 threads" "IMPACT_THREADS=1, 2, 8, --seed 7: cmp" ok
    else
        echo "threads   FAILED the $fmt report differs between 1, 2 and 8 threads"
        bench_result "MC $fmt report, $N samples: same bytes, 1/2/8 threads" "IMPACT_THREADS=1, 2, 8 differ" FAILED
        status=1
    fi
done
exit $status
