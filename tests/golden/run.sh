#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# tests/golden/run.sh IMPACT_BINARY [NAME...] — the golden tests.
#
# For each tests/golden/NAME.impact (or only the NAMEs given), runs, from
# inside tests/golden/ so that error messages print the path as NAME.impact:
#
#     IMPACT ARGS            with stdin from NAME.stdin when it exists
#
# ARGS are the shell words of NAME.args (default: run).  The word %f in them
# stands for NAME.impact; without %f, NAME.impact is appended, except when
# NAME.stdin exists, ARGS contain -e (those commands read no file) or ARGS
# contain the word %nofile (removed; for tests of a missing file argument).
# Then compares:
#   stdout with NAME.out                when NAME.out exists;
#   stderr with NAME.err                when NAME.err exists, else stderr must
#                                       be empty (unless NAME.code is not 0);
#   the exit status with NAME.code      (default 0).
# The tests read shared data in tests/data/ and examples/: IMPACT_DATA
# names those folders (outside the project folder tests/golden/, see SPEC.md
# "Files and limits"); NAME.args may add --read/--write.
# Prints one line per failure followed by its diff, then the line
# "N passed, N failed"; exits 1 if any test failed.  A run that takes more
# than $GOLDEN_TIMEOUT seconds (default 30) fails: bad input must not hang.

if [ $# -lt 1 ]; then
    echo "usage: sh tests/golden/run.sh IMPACT_BINARY [NAME...]" >&2
    exit 2
fi

case "$1" in
    /*) impact=$1 ;;
    *) impact=$(pwd)/$1 ;;
esac
shift
if [ ! -x "$impact" ]; then
    echo "run.sh: '$impact' is not an executable: build it first (make)" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
IMPACT_ROOT=${IMPACT_ROOT:-$root}
export IMPACT_ROOT
# Expected outputs are in English: the user's own language must not leak in
# (a test of another language says --lang).
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE
# the library path is the test's own: no user folder, no IMPACT_PATH
unset IMPACT_PATH
XDG_DATA_HOME=/nonexistent/impact-tests
export XDG_DATA_HOME
IMPACT_DATA="$root/tests/data:$root/examples"
export IMPACT_DATA
timeout_s=${GOLDEN_TIMEOUT:-30}
work=$(mktemp -d "${TMPDIR:-/tmp}/impact-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

with_timeout=""
if command -v timeout >/dev/null 2>&1; then
    with_timeout="timeout $timeout_s"
fi

passed=0
failed=0

# Prints a failure line and its diff.  $1 name, $2 what, $3 expected file, $4 actual file
report() {
    echo "FAIL $1: $2 differs (--- expected, +++ actual)"
    diff -u "$3" "$4" | sed -e '1,2d' -e 's/^/    /'
}

# Sets $args (a quoted word list for eval) for test $1.
test_arguments() {
    name=$1
    if [ -f "$name.args" ]; then
        spec=$(cat "$name.args")
    else
        spec=run
    fi
    case " $spec " in
        *" %nofile "*) args=$(printf '%s\n' "$spec" | sed 's/%nofile//g') ;;
        *" %f "*) args=$(printf '%s\n' "$spec" | sed "s/%f/'$name.impact'/g") ;;
        *" -e "*) args=$spec ;;
        *) if [ -f "$name.stdin" ]; then args=$spec; else args="$spec '$name.impact'"; fi ;;
    esac
}

run_one() {
    name=$1
    test_arguments "$name"
    input=/dev/null
    [ -f "$name.stdin" ] && input=$name.stdin
    eval "$with_timeout \"\$impact\" $args" <"$input" >"$work/out" 2>"$work/err"
    code=$?
    expected_code=0
    [ -f "$name.code" ] && expected_code=$(tr -d ' \n' <"$name.code")
    ok=1
    if [ -f "$name.out" ] && ! cmp -s "$name.out" "$work/out"; then
        report "$name" stdout "$name.out" "$work/out"; ok=0
    fi
    if [ -f "$name.err" ]; then
        if ! cmp -s "$name.err" "$work/err"; then
            report "$name" stderr "$name.err" "$work/err"; ok=0
        fi
    elif [ "$expected_code" = 0 ] && [ -s "$work/err" ]; then
        : >"$work/empty"
        report "$name" "stderr (expected empty)" "$work/empty" "$work/err"; ok=0
    fi
    if [ "$code" != "$expected_code" ]; then
        if [ "$code" = 124 ] && [ -n "$with_timeout" ]; then
            echo "FAIL $name: did not finish within $timeout_s seconds"
        else
            echo "FAIL $name: exit status $code, expected $expected_code"
        fi
        ok=0
    fi
    if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

cd "$here" || exit 2
if [ $# -gt 0 ]; then
    names=$*
else
    names=$(ls -- *.impact 2>/dev/null | sed 's/\.impact$//')
fi
for name in $names; do
    name=${name%.impact}
    if [ ! -f "$name.impact" ]; then
        echo "FAIL $name: no file $name.impact"
        failed=$((failed + 1))
        continue
    fi
    run_one "$name"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
