#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-report: the report files (JSON, XLSX, HTML, CSV) of every example
# model, in English and French, read back by other tools (tests/report/check.py:
# jsonschema, openpyxl, headless Chromium), and impact import (roundtrip.py).  Prints "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
impact=$(pwd)/${1:-impact}
export IMPACT_ROOT="$(pwd)"
# the examples read each other's data (network reads ../cae/endi_export.csv)
IMPACT_DATA="$(pwd)/examples"
export IMPACT_DATA
work=$(mktemp -d "${TMPDIR:-/tmp}/impact-report.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# one process for every model and language, so one browser for every page
/usr/bin/python3 tests/report/check.py "$impact" "$work" examples/*/*.impact tests/report/*.impact \
    >"$work/check.log" 2>&1
grep -v '^[0-9]* passed, [0-9]* failed$' "$work/check.log"
counts=$(tail -n 1 "$work/check.log")
case "$counts" in
    *" passed, "*" failed") passed=${counts%% *} failed=$(echo "$counts" | sed 's/.* passed, \([0-9]*\) failed/\1/') ;;
    *) passed=0 failed=1 ;;  # check.py did not finish: its last lines say why
esac
# impact import: the round trip of every example's XLSX, and a value map typed
# in the SVI template's layout
if /usr/bin/python3 tests/report/roundtrip.py "$impact" "$work/import" examples/*/*.impact \
    tests/report/*.impact >"$work/import.log" 2>&1; then
    passed=$((passed + 1))
else
    grep '^FAIL' "$work/import.log"
    failed=$((failed + 1))
fi
# funder_share = "pro_rata": the funders' values add up to the present value
# of every example model (tests/report/funders.py)
if /usr/bin/python3 tests/report/funders.py "$impact" "$work/funders" examples/*/*.impact \
    tests/report/*.impact >"$work/funders.log" 2>&1; then
    passed=$((passed + 1))
else
    cat "$work/funders.log"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
