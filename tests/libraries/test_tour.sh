#!/bin/sh
# test_tour.sh IMPACT — replays the REPL part of examples/README.md on a
# terminal (script(1) gives the REPL a pseudo-terminal, as a user has) and
# checks that each result shown in the README appears.  Run from anywhere.
set -u
case "$1" in /*) IMPACT=$1 ;; *) IMPACT=$(pwd)/$1 ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
command -v script > /dev/null || { echo "skip: script(1) is not installed"; exit 0; }
OUT=$(mktemp)
trap 'rm -f "$OUT" "$OUT.hist"' EXIT
cd "$ROOT"
(sleep 1; printf ':load examples/cae/cae.impact\r'; sleep 3
 printf 'sroi(coop)\r'; sleep 1
 printf 'let prudent = coop with { income.deadweight = 80%%, wellbeing.attribution = 50%% }\r'; sleep 1
 printf 'sroi(prudent)\r'; sleep 1
 printf 'sroi(coop with { discount = fr.discount_quinet_2013.value })\r'; sleep 1
 printf 'let uncertain = coop with { income.deadweight = pert(50%%, 62.5%%, 80%%) }\r'; sleep 2
 printf 'P(sroi(uncertain) < 6)\r'; sleep 2
 printf 'compare(coop, prudent)\r'; sleep 1
 printf ':quit\r'; sleep 1) |
  IMPACT_ROOT="$ROOT" IMPACT_HISTORY="$OUT.hist" script -qfc "$IMPACT" /dev/null > "$OUT" 2>&1
status=0
for expected in "SROI : 6.92 € de valeur sociale par € investi" "Par € d'argent public : 12.05 €" \
                "6.922" "5.26884" "6.80698" "2.95%" "SROI ratio                      6.92         5.27"; do
  if ! tr -d '\r' < "$OUT" | grep -qF "$expected"; then
    echo "FAIL: the REPL tour did not print: $expected"; status=1
  fi
done
[ $status -eq 0 ] && echo "ok: the README's REPL tour prints what it shows"
exit $status
