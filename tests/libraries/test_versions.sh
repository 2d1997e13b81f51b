#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# test_versions.sh IMPACT — library versions and where a library lies
# (SPEC.md, "Library versions" and chapter 6 on random streams).
#  1. A library's random streams are keyed by its name as used
#     (std/probe_draw), not by the folder it is installed in: the same seed
#     gives the same bytes whether the library lies in one IMPACT_PATH
#     folder, another, or the user's folder; so does a module the library
#     uses by a path relative to itself.
#  2. `use ... version` and the reports: the text report's "Libraries:" line
#     and the JSON "libraries" give each library's version; a version that
#     does not match is refused at the line that asks for it.
set -u
IMPACT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }
install_lib() { # FOLDER: the probe library and the module it uses
  mkdir -p "$1/std"
  printf 'version "2.1.0"\n\nuse "probe_helper.impact" as h\nlet x = normal(100, 10) + h.y\n' \
    > "$1/std/probe_draw.impact"
  printf 'let y = uniform(0, 1)\n' > "$1/std/probe_helper.impact"
}
install_lib "$TMP/a"
install_lib "$TMP/b/deeper/folder"
install_lib "$TMP/xdg/impact"
mkdir -p "$TMP/work"
printf 'use "std/probe_draw" as d version "2"\nprint d.x\nprint P(d.x > 105)\n' > "$TMP/work/m.impact"
run() { (cd "$TMP/work" && env -u IMPACT_PATH -u XDG_DATA_HOME "$@" "$IMPACT" run --seed 7 --samples 2000 m.impact 2>&1); }
one=$(run IMPACT_PATH="$TMP/a")
two=$(run IMPACT_PATH="$TMP/b/deeper/folder")
three=$(run XDG_DATA_HOME="$TMP/xdg")
[ -n "$one" ] || fail "the probe model printed nothing"
[ "$one" = "$two" ] || fail "the same seed gave other figures from another IMPACT_PATH folder: '$one' / '$two'"
[ "$one" = "$three" ] || fail "the same seed gave other figures from the user folder: '$one' / '$three'"
# another seed gives other figures: the comparison above can fail
other=$(cd "$TMP/work" && env -u XDG_DATA_HOME IMPACT_PATH="$TMP/a" "$IMPACT" run --seed 8 --samples 2000 m.impact 2>&1)
[ "$one" != "$other" ] || fail "seeds 7 and 8 printed the same figures: the test cannot see a difference"

# 2. versions in the reports; the JSON is read by Python's json module
got=$(cd "$TMP/work" && env -u XDG_DATA_HOME IMPACT_PATH="$TMP/a" "$IMPACT" run --format json m.impact |
  /usr/bin/python3 -c 'import json, sys; print(" ".join(l["name"] + "=" + l.get("version", "none") for l in json.load(sys.stdin)["libraries"]))')
[ "$got" = "probe_helper.impact=none std/probe_draw=2.1.0" ] || fail "JSON libraries: wanted the helper without version and std/probe_draw 2.1.0, got '$got'"
printf 'use "std/probe_draw" as d version "2.2"\n' > "$TMP/work/newer.impact"
got=$(cd "$TMP/work" && env -u XDG_DATA_HOME IMPACT_PATH="$TMP/a" "$IMPACT" run newer.impact 2>&1; echo "status $?")
case "$got" in
  "newer.impact:1:35: error: library 'std/probe_draw' is version 2.1.0, and this file asks for version 2.2"*"hint: "*"status 1") ;;
  *) fail "a version 2.2 asked of 2.1.0: wanted a located refusal with a hint and status 1, got '$got'" ;;
esac
[ "$fails" = 0 ] && echo "ok: a library's random streams do not depend on where it is installed; versions asked and reported"
[ "$fails" = 0 ]
