#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-cli: what the golden tests cannot express — standard output on
# a full disk (/dev/full): every command that prints must end with status 1
# and say why, never 0 with its output lost; the whole reports of an
# uncertain model, the same bytes whatever the number of threads (SPEC.md,
# "Settings"); and idle OpenMP threads that sleep rather than spin.  Prints "N passed, M failed".
cd "$(dirname "$0")/../.." || exit 2
IMPACT=${1:-./impact}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'print 1\n' > "$tmp/m.impact"
printf 'a;b\n1;2\n' > "$tmp/d.csv"
passed=0 failed=0
full() { # expected-status description command...
  want=$1 what=$2; shift 2
  "$@" >/dev/full 2>"$tmp/err"
  got=$?
  if [ "$got" = "$want" ] && grep -q 'cannot write' "$tmp/err"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $what > /dev/full: status $got, stderr: $(head -c 300 "$tmp/err")"; fi
}
full 1 "impact -e 1" "$IMPACT" -e 1
full 1 "impact run FILE" "$IMPACT" run "$tmp/m.impact"
full 1 "impact run FILE --format json" "$IMPACT" run "$tmp/m.impact" --format json
full 1 "impact check FILE" "$IMPACT" check "$tmp/m.impact"
full 1 "impact --version" "$IMPACT" --version
full 1 "impact --help" "$IMPACT" --help
full 1 "impact fmt -" sh -c "\"$IMPACT\" fmt - < \"$tmp/m.impact\""
# The Monte Carlo reference model, run with 1, 2 and 8 threads, at enough
# samples for every parallel part of the kernel, the sample cache and the
# report's summaries (they split from 20,000 samples and 2 million
# operations; an outcome's arrays, which only the JSON reads, from 400,000
# samples).  Expected: the 1-thread run's bytes, whatever the count.
same_threads() { # format samples
  for th in 1 2 8; do
    IMPACT_THREADS=$th "$IMPACT" run bench/mc_model.impact --samples "$2" --format "$1" \
      >"$tmp/threads$th" 2>&1
  done
  if [ -s "$tmp/threads1" ] && cmp -s "$tmp/threads1" "$tmp/threads2" &&
    cmp -s "$tmp/threads1" "$tmp/threads8"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL the $1 report differs between 1, 2 and 8 threads"; fi
}
same_threads text 100000
same_threads json 500000
# Idle OpenMP threads sleep (cli/omp_wait.c): asked to show its settings,
# the OpenMP runtime reports how long an idle thread spins before it sleeps
# (libgomp's GOMP_SPINCOUNT, libomp's KMP_BLOCKTIME): 0, as passive threads
# do, where the defaults are 300000 rounds and 200 ms.  A policy the user
# sets is kept: with OMP_WAIT_POLICY=active the threads spin.
idle_spin() { # [VARIABLE=VALUE]: the runtime's spin setting, e.g. GOMP_SPINCOUNT = '0'
  env OMP_DISPLAY_ENV=verbose "$@" "$IMPACT" -e 1 2>&1 >/dev/null |
    grep -o -e "GOMP_SPINCOUNT = '[0-9]*'" -e "KMP_BLOCKTIME='[0-9]*'"
}
spin=$(idle_spin)
case "$spin" in *"'0'") passed=$((passed + 1)) ;;
  *) failed=$((failed + 1)); echo "FAIL idle OpenMP threads do not sleep: ${spin:-no setting shown}" ;; esac
spin=$(idle_spin OMP_WAIT_POLICY=active)
case "$spin" in *"'"[1-9]*) passed=$((passed + 1)) ;;
  *) failed=$((failed + 1)); echo "FAIL OMP_WAIT_POLICY=active not kept: ${spin:-no setting shown}" ;; esac
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
