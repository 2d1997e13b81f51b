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
#   bench_result, bench_load,      a row of the acceptance table, the load
#   bench_cpu                      average, a command's CPU time (below)

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

# bench_result TARGET MEASURED VERDICT [LOAD]: one row of the acceptance table
# (bench/results.py; nothing when the script runs alone, outside run.sh)
bench_result() {
    [ -z "$BENCH_RESULTS" ] || python3 "$here/results.py" "$@"
}

# bench_load: the load average of the last minute, as results.py reads it
bench_load() {
    cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'
}

# bench_cpu RUNS COMMAND...: the median CPU time in seconds (user + system,
# every thread) of RUNS runs of COMMAND (GNU time; empty without it)
bench_cpu() {
    [ -x /usr/bin/time ] || return 0
    runs=$1
    shift
    cpu_file=$(mktemp "${TMPDIR:-/tmp}/impact-cpu.XXXXXX")
    for i in $(seq "$runs"); do
        /usr/bin/time -f "%U %S" -o "$cpu_file" "$@" >/dev/null 2>&1
        awk '{ print $1 + $2 }' "$cpu_file"
    done | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
    rm -f "$cpu_file"
}
