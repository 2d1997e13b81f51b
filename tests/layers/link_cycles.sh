#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-cycles [BUILD=build]: which C files of stdlib/ call each other
# in a circle.  A file that calls a function defined in another depends on
# it; the files of a capability must form layers (stdlib/sroi/report.h draws
# those of sroi/), so a circle is a seam to cut: register a built-in where
# it is defined, move a helper down, or pass the lower type instead of the
# value.  runtime/ is left out: the evaluator and the operations it calls
# are one unit by design (eval -> ops -> format -> eval).
#
# Reads the object files of a build (nm), prints each circle found (tsort),
# and exits 1 when there is one.
#
# One pair is known and allowed, for a reason: the CSV reader's field
# callbacks (csv_fields.c) hand the header row to csv_header.c, which gives
# declared types and converts names with csv_fields.c's column builders; both
# are the hot path of one Loader (csv_loader.h).  Any other circle fails.
ALLOWED='stdlib/data/csv_fields stdlib/data/csv_header'
cd "$(dirname "$0")/../.." || exit 2
build=${1:-build}
objects=$(find "$build/stdlib" -name '*.o' 2>/dev/null | sort)
if [ -z "$objects" ]; then
    echo "check-cycles: no object files under $build/stdlib: build first (make)" >&2
    exit 2
fi
defs=$(mktemp) && uses=$(mktemp) && edges=$(mktemp) || exit 2
trap 'rm -f "$defs" "$uses" "$edges"' EXIT INT TERM
# one nm for all the files (-A: each line starts with "FILE:"), the file
# named as a source without .c: build/stdlib/x/y.o -> stdlib/x/y
source_of='{ f = substr($1, length(b) + 2); sub(/\.o:.*$/, "", f) }'
# shellcheck disable=SC2086
nm -A --defined-only -g $objects | awk -v b="$build" "$source_of"' NF == 3 { print $3, f }' >"$defs"
# shellcheck disable=SC2086
nm -A -u $objects | awk -v b="$build" "$source_of"' { print $NF, f }' >"$uses"
sort -o "$defs" "$defs"
sort -o "$uses" "$uses"
# symbol user  joined with  symbol definer  ->  "user definer"
join "$uses" "$defs" | awk -v allowed="$ALLOWED" '
    BEGIN { split(allowed, a, " "); x = a[1]; y = a[2] }
    $2 != $3 && !(($2 == x && $3 == y) || ($2 == y && $3 == x)) { print $2, $3 }' |
    sort -u >"$edges"
loops=$(tsort "$edges" 2>&1 >/dev/null | grep -v 'input contains a loop' | sed 's/^tsort: /  /')
if [ -n "$loops" ]; then
    echo "check-cycles: these files of stdlib/ call each other in a circle:"
    echo "$loops"
    echo "hint: cut the circle (register a built-in where it is defined, move a helper down a layer)"
    exit 1
fi
echo "check-cycles: no circle between the files of stdlib/"
