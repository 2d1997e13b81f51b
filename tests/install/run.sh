#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-install: `make install` into a scratch prefix (and once more
# through DESTDIR), the installed program run from another folder on an
# installed example, its manual page read with man -l, then `make uninstall`
# must leave the prefix empty.  Prints "N passed, M failed".
# Usage: sh tests/install/run.sh [BINARY]: the program built (make's BIN,
# from the repository root; ./impact when not given), installed as BIN= too.
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
BIN=${1:-impact}
case "$BIN" in /*) RUN=$BIN ;; *) RUN=./$BIN ;; esac
PREFIX=$(mktemp -d)
STAGE=$(mktemp -d)
ELSEWHERE=$(mktemp -d)
trap 'rm -rf "$PREFIX" "$STAGE" "$ELSEWHERE"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

make -s install PREFIX="$PREFIX" BIN="$BIN" >/dev/null || fail "make install PREFIX=$PREFIX"

# The installed program finds its libraries beside it (share/impact), not
# in the source tree: run it from an unrelated folder with no IMPACT_ROOT.
out=$(cd "$ELSEWHERE" && env -u IMPACT_ROOT "$PREFIX/bin/impact" run \
      "$PREFIX/share/doc/impact/examples/cae/cae.impact" 2>&1)
# The ratio printed by the source tree's own run of the same example (the
# tree's libraries named: a private BIN= outside it would not find them).
want=$(IMPACT_ROOT="$ROOT" "$RUN" run examples/cae/cae.impact 2>&1 | grep '^SROI')
case "$out" in *"$want"*) [ -n "$want" ] && ok || fail "no SROI line in the source run" ;;
  *) fail "installed example: expected '$want' in:"; echo "$out" | head -5 ;; esac

out=$(cd "$ELSEWHERE" && env -u IMPACT_ROOT "$PREFIX/bin/impact" -e 'use "std/proxies_fr" as fr
fr.rsa_annual_cost' 2>&1)
[ "$out" = "6324 EUR" ] && ok || fail "use std/ from the installed libraries: $out"

# The installed program finds its French catalogue in PREFIX/share/locale.
out=$(cd "$ELSEWHERE" && env -u IMPACT_ROOT "$PREFIX/bin/impact" --lang fr run absent.impact 2>&1)
case "$out" in "erreur : impossible d'ouvrir « absent.impact »"*) ok ;;
  *) fail "installed French catalogue: $out" ;; esac

page=$(MANWIDTH=80 man -l "$PREFIX/share/man/man1/impact.1" 2>&1)
case "$page" in *"NAME"*"impact - run social-impact"*"EXIT STATUS"*) ok ;;
  *) fail "man -l of the installed page: $page" | head -3 ;; esac

for f in README.md SPEC.md LICENSE; do
  [ -f "$PREFIX/share/doc/impact/$f" ] && ok || fail "$f not installed"
done

make -s uninstall PREFIX="$PREFIX" BIN="$BIN" >/dev/null || fail "make uninstall"
left=$(find "$PREFIX" -mindepth 1 | head -5)
[ -z "$left" ] && ok || fail "make uninstall left: $left"

# DESTDIR: everything under the staging folder, nothing at PREFIX itself.
make -s install DESTDIR="$STAGE" PREFIX=/opt/impact-test BIN="$BIN" >/dev/null || fail "make install DESTDIR"
[ -x "$STAGE/opt/impact-test/bin/impact" ] && [ ! -e /opt/impact-test ] && ok \
  || fail "DESTDIR not honoured"
make -s uninstall DESTDIR="$STAGE" PREFIX=/opt/impact-test BIN="$BIN" >/dev/null
left=$(find "$STAGE/opt/impact-test" -mindepth 1 2>/dev/null | head -5)
[ -z "$left" ] && ok || fail "make uninstall DESTDIR left: $left"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
