#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-cli: what the golden tests cannot express — standard output on
# a full disk (/dev/full).  Every command that prints must end with status 1
# and say why, never 0 with its output lost.  Prints "N passed, M failed".
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
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
