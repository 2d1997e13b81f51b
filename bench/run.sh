#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# bench/run.sh [IMPACT_BINARY] — runs every benchmark script that exists
# (core.sh, agg.sh, mc.sh, sroi.sh, growth.sh, in that order), each given the binary as
# its first argument and as $IMPACT, and prints their output; then the
# acceptance table: every target the scripts judged in this run, with what
# they measured, the load average and the verdict (bench/results.py; the
# rows are kept in bench/data/results.tsv, or $BENCH_RESULTS).  Exits 1 if any
# of them failed or missed its target.

here=$(cd "$(dirname "$0")" && pwd)
IMPACT=${1:-${IMPACT:-$here/../impact}}
case "$IMPACT" in /*) ;; *) IMPACT=$(pwd)/$IMPACT ;; esac
export IMPACT
mkdir -p "$here/data"
BENCH_RESULTS=${BENCH_RESULTS:-$here/data/results.tsv}
: >"$BENCH_RESULTS"
export BENCH_RESULTS
status=0
exits=
for name in core agg mc sroi growth; do
    script=$here/$name.sh
    [ -f "$script" ] || continue
    echo "== bench/$name.sh"
    sh "$script" "$IMPACT"
    code=$?
    [ $code -eq 0 ] || status=1
    exits="$exits $name.sh $code,"
done
echo
python3 "$here/results.py" --table "$BENCH_RESULTS"
echo "  exit status of each script (0: every check passed, every target met):${exits%,}"
exit $status
