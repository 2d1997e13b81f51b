# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# bench/common.sh — sourced by the bench scripts (agg.sh, core.sh, mc.sh)
# after they set $here (their own folder): what each needs before timing.
#
#   bench_impact SCRIPT [BINARY]   sets $impact: BINARY, else $IMPACT, else the
#                                  impact built next to bench/, made absolute;
#                                  exits 2 when it is not an executable
#   bench_peers SCRIPT             sets $peers_src: ../shared/bench-peers next
#                                  to the project; exits 2 when it is absent
#   bench_copy_peers DIR           copies the peers into DIR (made), without
#                                  node_modules and data: their folder may be
#                                  read-only, and the builds happen in the copy

bench_impact() {
    impact=${2:-${IMPACT:-$here/../impact}}
    case "$impact" in /*) ;; *) impact=$(pwd)/$impact ;; esac
    if [ ! -x "$impact" ]; then
        echo "$1: '$impact' is not an executable: build it first (make)" >&2
        exit 2
    fi
}

bench_peers() {
    peers_src=$(cd "$here/../../shared/bench-peers" 2>/dev/null && pwd)
    if [ -z "$peers_src" ]; then
        echo "$1: ../shared/bench-peers not found next to the project" >&2
        exit 2
    fi
}

bench_copy_peers() {
    mkdir -p "$1"
    (cd "$peers_src" && tar cf - --exclude=node_modules --exclude=data .) | (cd "$1" && tar xf -)
}
