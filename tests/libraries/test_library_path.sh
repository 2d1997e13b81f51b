#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# test_library_path.sh IMPACT — the library path of SPEC.md "Modules and the
# library path": for `use "std/X"`, `use "models/X"` and a plain path, the
# folders of IMPACT_PATH come first (in their order), then the user folder
# ($XDG_DATA_HOME/impact, else ~/.local/share/impact), then the library
# root.  Each candidate module prints its own folder's tag, so the output
# names the file that was loaded; the expected tag is read off the order.
# Last, the "libraries" of `impact run --format json` (name, path, SHA-256).
set -u
IMPACT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
lib() { # FOLDER SPEC TAG: a module at FOLDER/SPEC.impact that says TAG
  mkdir -p "$(dirname "$1/$2")"; printf 'let tag = "%s"\n' "$3" > "$1/$2.impact"
}
expect() { # WHAT WANTED SPEC [VAR=VALUE...]
  what=$1 want=$2 spec=$3; shift 3
  got=$(cd "$TMP/work" && env -u IMPACT_PATH -u XDG_DATA_HOME "$@" "$IMPACT" -e "use \"$spec\" as m
print m.tag" 2>&1)
  if [ "$got" = "$want" ]; then :; else echo "FAIL: $what: wanted '$want', got '$got'"; fails=$((fails + 1)); fi
}
mkdir -p "$TMP/work" "$TMP/home" "$TMP/root/stdlib/std" "$TMP/root/models"
for spec in std/probe models/probe; do
  lib "$TMP/p1" "$spec" p1; lib "$TMP/p2" "$spec" p2
  lib "$TMP/xdg/impact" "$spec" xdg; lib "$TMP/home/.local/share/impact" "$spec" home
done
lib "$TMP/root/stdlib/std" probe root; lib "$TMP/root/models" probe root
R="IMPACT_ROOT=$TMP/root"
for spec in std/probe models/probe; do
  expect "$spec: first IMPACT_PATH folder wins" p1 "$spec" "$R" HOME="$TMP/home" XDG_DATA_HOME="$TMP/xdg" IMPACT_PATH="$TMP/p1:$TMP/p2"
  expect "$spec: IMPACT_PATH order" p2 "$spec" "$R" HOME="$TMP/home" IMPACT_PATH="$TMP/p2:$TMP/p1"
  expect "$spec: XDG_DATA_HOME after IMPACT_PATH" xdg "$spec" "$R" HOME="$TMP/home" XDG_DATA_HOME="$TMP/xdg" IMPACT_PATH="$TMP/none"
  expect "$spec: ~/.local/share/impact without XDG_DATA_HOME" home "$spec" "$R" HOME="$TMP/home"
  expect "$spec: library root last" root "$spec" "$R" HOME="$TMP/nohome" XDG_DATA_HOME="$TMP/none"
done
# a plain path: the using file's folder first, then the path
lib "$TMP/work" plainprobe here; lib "$TMP/p1" plainprobe p1; lib "$TMP/xdg/impact" plainprobe xdg
expect "plain: the current folder first" here plainprobe "$R" XDG_DATA_HOME="$TMP/xdg" IMPACT_PATH="$TMP/p1"
rm "$TMP/work/plainprobe.impact"
expect "plain: then IMPACT_PATH" p1 plainprobe "$R" XDG_DATA_HOME="$TMP/xdg" IMPACT_PATH="$TMP/p1"
expect "plain: then the user folder" xdg plainprobe "$R" XDG_DATA_HOME="$TMP/xdg" IMPACT_PATH="$TMP/none"
# not found: the message lists every place looked, in order, and a hint
got=$(cd "$TMP/work" && env -u IMPACT_PATH IMPACT_ROOT="$TMP/root" XDG_DATA_HOME="$TMP/xdg" IMPACT_PATH="$TMP/p1" "$IMPACT" -e 'use "models/absent" as m' 2>&1)
want="<command line>:1:1: error: cannot find module 'models/absent' (looked in: $TMP/p1/models/absent.impact, $TMP/xdg/impact/models/absent.impact, $TMP/root/models/absent.impact)"
case "$got" in "$want"*hint:*) ;; *) echo "FAIL: not found: wanted '$want' and a hint, got '$got'"; fails=$((fails + 1)) ;; esac
# a library found in a folder of IMPACT_PATH uses modules inside that
# folder (p1/models/user.impact: "../std/probe" is p1/std/probe, tag p1),
# never a file out of it: "../../secret" would be $TMP/secret.impact, whose
# first line a syntax error would quote; refused before it is read.
printf 'secret 123\n' > "$TMP/secret.impact"
printf 'use "../std/probe" as p\nlet tag = p.tag\n' > "$TMP/p1/models/inside.impact"
printf 'use "../../secret" as s\nlet tag = "read"\n' > "$TMP/p1/models/climber.impact"
expect "a library uses a module of its own folder" p1 models/inside "$R" IMPACT_PATH="$TMP/p1"
got=$(cd "$TMP/work" && env -u XDG_DATA_HOME IMPACT_ROOT="$TMP/root" IMPACT_PATH="$TMP/p1" "$IMPACT" -e 'use "models/climber" as m' 2>&1)
case "$got" in
  *secret\ 123*) echo "FAIL: a library's use out of its folder quoted the file: $got"; fails=$((fails + 1)) ;;
  *"may not use '../../secret'"*) ;;
  *) echo "FAIL: a library's use out of its folder was not refused: $got"; fails=$((fails + 1)) ;;
esac
# impact run --format json names each module loaded by `use` with the
# SHA-256 of its bytes; sha256sum computes it independently.  The module
# starts with a UTF-8 BOM and has CRLF line ends: the hash is of the file,
# not of the text as read.
printf '\357\273\277let tag = "bom"\r\n' > "$TMP/p1/models/hashed.impact"
printf 'use "models/hashed" as h\nprint h.tag\n' > "$TMP/work/m.impact"
want=$(sha256sum "$TMP/p1/models/hashed.impact" | cut -d' ' -f1)
got=$(cd "$TMP/work" && env -u XDG_DATA_HOME IMPACT_ROOT="$TMP/root" IMPACT_PATH="$TMP/p1" "$IMPACT" run m.impact --format json |
  /usr/bin/python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["libraries"]))')
if [ "$got" != "[{\"name\": \"models/hashed\", \"path\": \"$TMP/p1/models/hashed.impact\", \"sha256\": \"$want\"}]" ]; then
  echo "FAIL: libraries in the JSON report: wanted models/hashed with sha256 $want, got $got"; fails=$((fails + 1))
fi
[ "$fails" = 0 ] && echo "ok: library path: IMPACT_PATH, user folder, root, in that order, for std/, models/ and plain paths; a library uses only inside its folder; JSON libraries with their SHA-256"
[ "$fails" = 0 ]
