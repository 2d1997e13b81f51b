#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# bench/run.sh [IMPACT_BINARY] — runs every benchmark script that exists
# (core.sh, agg.sh, mc.sh, sroi.sh, growth.sh, in that order), each given the binary as
# its first argument and as $IMPACT, and prints their output.  Exits 1 if any
# of them failed or missed its target.

here=$(cd "$(dirname "$0")" && pwd)
IMPACT=${1:-${IMPACT:-$here/../impact}}
case "$IMPACT" in /*) ;; *) IMPACT=$(pwd)/$IMPACT ;; esac
export IMPACT
status=0
for name in core agg mc sroi growth; do
    script=$here/$name.sh
    [ -f "$script" ] || continue
    echo "== bench/$name.sh"
    sh "$script" "$IMPACT" || status=1
done
exit $status
