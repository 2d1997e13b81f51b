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
# Each figure is the median wall time of 3 runs after 1 warm-up run, and the
# peak resident memory (GNU time %M), both measured by the peers' bench.py.
# Then check_mc.py checks that every output agrees with the exact E[SROI] and
# with the others within Monte Carlo error, and two runs with the same seed
# must print the same bytes.
# Targets: impact faster than c-gsl and numpy, and 30 times faster than
# squiggle.  Exits 1 if a check fails or a target is missed.
#   MC_SAMPLES=N (default 1000000)   MC_RUNS=N (default 3)   SKIP_SQUIGGLE=1

here=$(cd "$(dirname "$0")" && pwd)
impact=${1:-${IMPACT:-$here/../impact}}
case "$impact" in /*) ;; *) impact=$(pwd)/$impact ;; esac
if [ ! -x "$impact" ]; then
    echo "mc.sh: '$impact' is not an executable: build it first (make)" >&2
    exit 2
fi
N=${MC_SAMPLES:-1000000}
RUNS=${MC_RUNS:-3}
PY=/usr/bin/python3
peers_src=$(cd "$here/../../shared/bench-peers" 2>/dev/null && pwd)
if [ -z "$peers_src" ]; then
    echo "mc.sh: ../shared/bench-peers not found next to the project" >&2
    exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/impact-mc.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# The peers' folder may be read-only: work in a copy (without node_modules).
mkdir -p "$work/peers"
(cd "$peers_src" && tar cf - --exclude=node_modules --exclude=data .) | (cd "$work/peers" && tar xf -)
peers=$work/peers
out=$work/out
mkdir -p "$out"
status=0

# bench NAME OUTFILE -- COMMAND...: prints "NAME median_s peak_MiB" and keeps
# the figures in $out/NAME.time
bench() {
    name=$1; file=$2; shift 3
    line=$($PY "$peers/bench.py" -n "$RUNS" --warmup 1 --out "$file" -- "$@") || true
    set -- $line
    echo "$1 $4" >"$out/$name.time"
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
$PY - "$out" <<'PY' || status=1
import os, sys
out = sys.argv[1]
t = {}
for name in ("impact", "c-gsl", "numpy", "squiggle"):
    p = os.path.join(out, name + ".time")
    if os.path.exists(p):
        wall, mib = open(p).read().split()
        try:
            t[name] = float(wall)
        except ValueError:
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
sys.exit(1 if bad else 0)
PY

$PY "$peers/python/check_mc.py" $results || status=1

# Reproducibility: the same seed gives the same output, byte for byte.
"$impact" run "$here/mc.impact" --samples 100000 --seed 7 >"$out/repro1.txt" 2>&1
"$impact" run "$here/mc.impact" --samples 100000 --seed 7 >"$out/repro2.txt" 2>&1
if cmp -s "$out/repro1.txt" "$out/repro2.txt"; then
    echo "repro     ok     two runs with --seed 7 print the same bytes"
else
    echo "repro     FAILED two runs with --seed 7 differ"
    status=1
fi
exit $status
