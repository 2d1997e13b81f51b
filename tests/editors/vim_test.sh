#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# The Vim syntax of editors/vim: syntax groups at known places of a few
# lines (the same cases as the TextMate grammar's known lines), read by a
# headless Vim with synID().  Prints "N passed, M failed".
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/t.impact" <<'IMPACT'
let grant = 80_000 EUR   # per year
  deadweight = 25%
model coop "x # y" {
  outcome income "Revenu" for entrepreneurs {
if x then 3 else 4
  assume dw "Deadweight" = 50% {
    range = 40% to 60%
IMPACT
# line column expected-group
cat > "$tmp/expected" <<'EXPECTED'
1 1 impactStatement
1 13 impactNumber
1 20 impactUnit
1 27 impactComment
2 3 impactField
2 18 impactPercent
3 1 impactModel
3 7 impactModelName
3 15 impactString
4 3 impactDeclaration
4 27 impactOperatorWord
5 1 impactConditional
5 13 impactConditional
6 3 impactDeclaration
7 5 impactField
EXPECTED
positions=$(awk '{printf "%s[%s,%s]", (NR>1?",":""), $1, $2}' "$tmp/expected")
vim -Nu NONE -es -c "set rtp^=$(pwd)/editors/vim" -c 'syntax on' -c 'filetype on' \
    -c "e $tmp/t.impact" -c "redir! > $tmp/got" \
    -c "for [l,c] in [$positions] | echo l c synIDattr(synID(l,c,1),'name') | endfor" \
    -c 'redir END' -c 'qa!' </dev/null >/dev/null 2>&1
sed '/^$/d' "$tmp/got" > "$tmp/got.clean"
passed=0 failed=0
while read -r l c want; do
  got=$(awk -v l="$l" -v c="$c" '$1==l && $2==c {print $3}' "$tmp/got.clean")
  if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL vim: line $l column $c: expected $want, got '${got}'"; fi
done < "$tmp/expected"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
