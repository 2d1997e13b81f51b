#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# tests/libraries/run.sh IMPACT — the checks of the model libraries that are
# not plain golden files:
#   1. every proxy carries a source and is in the catalogue (check_proxy_sources.py),
#      and every library text fits Windows-1252 (check_cp1252.py);
#   2. the CAE example's figures equal those recomputed in Python from the
#      same CSV files (check_cae.py --golden vs impact on lib_cae_figures);
#   3. a change in the shared CAE definitions reaches the tiers-lieux model
#      (test_shared_definition.sh), and `use` finds libraries on the library
#      path in the order SPEC.md states (test_library_path.sh), library
#      versions are checked and reported, and a library's random streams do
#      not depend on where it is installed (test_versions.sh);
#   4. rebase() refuses a year missing from the INSEE table, saying so, and
#      read_endi() refuses an export whose titles differ, naming them;
#   5. the three examples run without error and print what the README shows;
#   6. the synthetic data generators reproduce the shipped files exactly
#      (the examples' data and the enDI test exports of tests/data/endi/);
#   7. the tour of README.md ("A five-minute tour": commands, report, REPL)
#      prints what it shows (test_tour.sh reads the commands from README.md).
#   8. the libraries speak the run's language: tiers-lieu, network and library
#      errors in French with French figures under --lang fr, in English under
#      --lang en (test_languages.py recomputes the figures from the CSV files).
# Prints one line per check and "N passed, N failed"; exits 1 on a failure.
set -u
if [ $# -lt 1 ]; then echo "usage: sh tests/libraries/run.sh IMPACT_BINARY" >&2; exit 2; fi
case "$1" in /*) IMPACT=$1 ;; *) IMPACT=$(pwd)/$1 ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export IMPACT_ROOT="$ROOT"
# Expected outputs are in English: the user's own language must not leak in.
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE
# tests/golden and tests/libraries read the shared data of tests/data and
# examples/, outside their own folder (SPEC.md "Files and limits")
export IMPACT_DATA="$ROOT/tests/data:$ROOT/examples"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0; failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
ko() { echo "FAIL: $1"; failed=$((failed + 1)); }

# 1
if python3 "$HERE/check_proxy_sources.py" > "$TMP/sources" 2>&1; then ok "$(tail -1 "$TMP/sources")"
else cat "$TMP/sources"; ko "proxies without a source"; fi
if python3 "$HERE/check_cp1252.py" > "$TMP/cp1252" 2>&1; then ok "${RESULT:-$(tail -1 "$TMP/cp1252" | sed 's/^ok: //')}"
else cat "$TMP/cp1252"; ko "library texts that French Excel cannot read"; fi

# 2
python3 "$HERE/check_cae.py" --golden > "$TMP/expected"
(cd "$ROOT/tests/golden" && "$IMPACT" run lib_cae_figures.impact > "$TMP/actual" 2> "$TMP/actual.err")
if diff "$TMP/expected" "$TMP/actual" > "$TMP/diff"; then ok "CAE figures equal the independent Python computation"
else cat "$TMP/diff" "$TMP/actual.err"; ko "CAE figures differ from check_cae.py"; fi

# 3
if out=$(sh "$HERE/test_shared_definition.sh" "$IMPACT"); then ok "${out#ok: }"; else echo "$out"; ko "shared definition"; fi
if out=$(sh "$HERE/test_library_path.sh" "$IMPACT"); then ok "${out#ok: }"; else echo "$out"; ko "library path"; fi
if out=$(sh "$HERE/test_versions.sh" "$IMPACT"); then ok "${out#ok: }"; else echo "$out"; ko "library versions"; fi

# 4
(cd "$ROOT/tests/golden" && "$IMPACT" run lib_rebase_missing_year.impact > /dev/null 2> "$TMP/rebase.err")
status=$?
if [ $status -eq 1 ] && grep -q "error: rebase: the INSEE consumer-price table has no annual average for 2026" "$TMP/rebase.err"
then ok "rebase() refuses a year missing from the CPI table"
else cat "$TMP/rebase.err"; ko "rebase() with a missing year (exit $status)"; fi

# 4b: an export with the ASCII apostrophes of older enDI versions
sed "1s/’/'/g" "$ROOT/examples/cae/endi_export.csv" > "$TMP/old_titles.csv"
printf 'use "models/cae" as cae\nlet t = cae.read_endi("old_titles.csv")\n' > "$TMP/old_titles.impact"
(cd "$TMP" && "$IMPACT" run old_titles.impact > /dev/null 2> "$TMP/old.err")
status=$?
if [ $status -eq 1 ] && grep -q "old_titles.csv: the enDI export has no column 'Date d’entrée au sociétariat'" "$TMP/old.err"
then ok "an export with other column titles is refused with the titles it lacks"
else cat "$TMP/old.err"; ko "export with old titles (exit $status)"; fi

# 4c: a cooperative too small for some of the model's groups stops with the
# small-group explanation, and runs when the user lowers the threshold
head -41 "$ROOT/examples/cae/endi_export.csv" > "$TMP/small.csv"
cp "$ROOT/examples/cae/survey.csv" "$TMP/survey.csv"
printf 'use "models/cae" as cae\nlet m = cae.build(cae.prepare(cae.read_endi("small.csv")), csv("survey.csv", sep: ";"), inputs: {epci: 100_000 EUR})\n' > "$TMP/small.impact"
(cd "$TMP" && "$IMPACT" run small.impact > /dev/null 2> "$TMP/small.err")
status=$?
(cd "$TMP" && "$IMPACT" run --min-cell 1 small.impact > "$TMP/small1.out" 2>&1)
status1=$?
if [ $status -eq 1 ] && grep -q "fewer people than the small-group threshold" "$TMP/small.err" && [ $status1 -eq 0 ]
then ok "a 40-person export stops on its small groups, and runs with --min-cell 1"
else cat "$TMP/small.err"; ko "small cooperative (exit $status, then $status1)"; fi

# 5
run_example() {   # DIR FILE EXPECTED-LINE [OPTIONS...]
  dir=$1; file=$2; expected=$3; shift 3
  (cd "$ROOT/examples/$dir" && IMPACT_DATA= "$IMPACT" run "$@" "$file" > "$TMP/ex.out" 2> "$TMP/ex.err")
  set -- "$dir" "$file" "$expected"
  if [ $? -eq 0 ] && grep -qF "$3" "$TMP/ex.out"; then ok "examples/$1/$2 runs"
  else cat "$TMP/ex.err"; ko "examples/$1/$2"; fi
}
run_example cae cae.impact "SROI: 6.44 € of social value per € invested"
run_example tiers-lieu tiers-lieu.impact "SROI: "
# the network reads the CAE example's export, in examples/cae: --read says so
run_example network network.impact "CAE Epsilon: suppressed (n < 11)" --read ../cae

# 6
for ex in cae tiers-lieu; do
  mkdir -p "$TMP/gen-$ex"
  cp "$ROOT/examples/$ex/gen_data.py" "$TMP/gen-$ex/"
  (cd "$TMP/gen-$ex" && python3 gen_data.py > /dev/null)
  same=true
  for f in "$TMP/gen-$ex"/*.csv; do
    cmp -s "$f" "$ROOT/examples/$ex/$(basename "$f")" || same=false
  done
  if $same; then ok "examples/$ex/gen_data.py reproduces the shipped data"
  else ko "examples/$ex/gen_data.py output differs from the shipped CSV files"; fi
done

mkdir -p "$TMP/examples/cae" && cp "$ROOT/examples/cae/gen_data.py" "$TMP/examples/cae/"
mkdir -p "$TMP/tests/data/endi" && cp "$ROOT/tests/data/endi/make.sh" "$TMP/tests/data/endi/"
sh "$TMP/tests/data/endi/make.sh" > /dev/null
same=true
for f in "$ROOT"/tests/data/endi/*.csv; do
  cmp -s "$f" "$TMP/tests/data/endi/$(basename "$f")" || same=false
done
if $same; then ok "tests/data/endi/make.sh reproduces the shipped enDI test exports"
else ko "tests/data/endi/make.sh output differs from tests/data/endi/*.csv"; fi

# 6b: the example's export as .xlsx, .ods and .xls (make_sheets.py types
# numbers and dates as a spreadsheet does) gives the CAE report of the CSV,
# byte for byte
mkdir -p "$TMP/sheets"
cp "$ROOT/examples/cae/endi_export.csv" "$ROOT/examples/cae/survey.csv" "$ROOT/examples/cae/cae.impact" "$TMP/sheets/"
if /usr/bin/python3 "$ROOT/tests/data/endi/make_sheets.py" "$TMP/sheets/endi_export.csv" "$TMP/sheets/endi_export" 2> "$TMP/sheets.err"; then
  sed "s/endi_export_pseudonymised.csv/endi_export.csv/; s/survey_pseudonymised.csv/survey.csv/" "$ROOT/examples/cae/cae.impact" > "$TMP/sheets/cae.impact"
  (cd "$TMP/sheets" && "$IMPACT" run cae.impact > csv.out 2> /dev/null)
  for ext in xlsx ods xls; do
    sed "s/endi_export.csv/endi_export.$ext/" "$TMP/sheets/cae.impact" > "$TMP/sheets/$ext.impact"
    (cd "$TMP/sheets" && "$IMPACT" run "$ext.impact" > "$ext.out" 2> /dev/null)
    if [ -s "$TMP/sheets/csv.out" ] && cmp -s "$TMP/sheets/csv.out" "$TMP/sheets/$ext.out"
    then ok "the CAE example read from an .$ext copy of its export prints the report of the CSV"
    else diff "$TMP/sheets/csv.out" "$TMP/sheets/$ext.out" | head -20; ko "the .$ext copy of the export gives another report"; fi
  done
else cat "$TMP/sheets.err"; ko "make_sheets.py (python3-openpyxl and python3-xlwt are needed)"; fi

# 6c: the pseudonymised copies the example reads are what impact
# pseudonymise writes with the example's key; they hold none of the names,
# e-mails, phones and addresses of the export (listed with python3's csv
# module); the CAE report is the same from the originals; the survey still
# joins the export on the pseudonymised id; the copy never overwrites its
# input; a key is created with mode 0600
P="$TMP/pseudo"; mkdir -p "$P"
for f in endi_export survey; do
  "$IMPACT" pseudonymise "$ROOT/examples/cae/$f.csv" -o "$P/$f.csv" --key "$ROOT/examples/cae/pseudonym.key" > /dev/null
done
if cmp -s "$P/endi_export.csv" "$ROOT/examples/cae/endi_export_pseudonymised.csv" && cmp -s "$P/survey.csv" "$ROOT/examples/cae/survey_pseudonymised.csv"
then ok "impact pseudonymise with the example's key reproduces the shipped pseudonymised copies"
else ko "the shipped pseudonymised copies differ from what impact pseudonymise writes"; fi
if python3 - "$ROOT/examples/cae/endi_export.csv" "$P/endi_export.csv" > "$TMP/grep.out" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter=";"))
head = rows[0]
titles = ["Nom", "Prénom", "Nom de naissance", "E-mail 1", "E-mail 2", "Tél. fixe", "Tél. mobile",
          "Adresse", "Contact urgent : Nom", "Contact urgent : Téléphone", "Identifiant interne"]
values = {r[head.index(t)] for r in rows[1:] for t in titles if r[head.index(t)]}
copy = open(sys.argv[2], encoding="utf-8").read()
found = sorted(v for v in values if v in copy)
print("%d identifying values of the export, %d found in the copy" % (len(values), len(found)))
sys.exit(1 if found or len(values) < 1000 else 0)
PY
then ok "$(cat "$TMP/grep.out")"
else cat "$TMP/grep.out"; ko "the pseudonymised copy holds identifiers of the export"; fi
(cd "$ROOT/examples/cae" && "$IMPACT" run cae.impact > "$P/copy.out" 2> /dev/null)
if [ -s "$P/copy.out" ] && cmp -s "$P/copy.out" "$TMP/sheets/csv.out"
then ok "the CAE report from the pseudonymised copies equals the report from the originals"
else diff "$P/copy.out" "$TMP/sheets/csv.out" | head; ko "the report changes on the pseudonymised copies"; fi
printf 'let e = csv("%s", sep: ";", decimal: ".", min_cell: 1, types: {"Code postal": "text", "Tél. fixe": "text", "Tél. mobile": "text", "Contact urgent : Téléphone": "text", "Code postal du lieu de naissance": "text", "Adresse": "text", "Objectifs": "text"}, expected_repeats: map(range(1, 10), fn(n) = "Parcours Type d’étape " + str(n)))
let s = csv("%s", sep: ";", min_cell: 1)
print count(join(e, s, on: "ID Gestion sociale"))
' \
  "$ROOT/examples/cae/endi_export.csv" "$ROOT/examples/cae/survey.csv" > "$P/join1.impact"
sed "s#$ROOT/examples/cae/endi_export.csv#$P/endi_export.csv#; s#$ROOT/examples/cae/survey.csv#$P/survey.csv#" "$P/join1.impact" > "$P/join2.impact"
j1=$("$IMPACT" run "$P/join1.impact" 2> /dev/null); j2=$("$IMPACT" run "$P/join2.impact" 2> /dev/null)
n_survey=$(($(wc -l < "$ROOT/examples/cae/survey.csv") - 1))
if [ -n "$j1" ] && [ "$j1" = "$j2" ] && [ "$j1" = "$n_survey" ]
then ok "the pseudonymised survey joins the pseudonymised export as the originals do ($j1 of $n_survey answers)"
else ko "join on pseudonymised ids: $j1 before, $j2 after, $n_survey answers"; fi
cp "$ROOT/examples/cae/survey.csv" "$P/in.csv"
"$IMPACT" pseudonymise "$P/in.csv" -o "$P/../pseudo/in.csv" --key "$P/new.key" > /dev/null 2> "$P/over.err"
status=$?
if [ $status -eq 1 ] && cmp -s "$P/in.csv" "$ROOT/examples/cae/survey.csv" && grep -q "would overwrite the export" "$P/over.err" && [ ! -e "$P/new.key" ]
then ok "impact pseudonymise refuses to overwrite its input"
else cat "$P/over.err"; ko "pseudonymise over its input (exit $status)"; fi
"$IMPACT" pseudonymise "$P/in.csv" -o "$P/out.csv" --key "$P/new.key" > /dev/null
if [ "$(stat -c %a "$P/new.key")" = 600 ] && ! cmp -s "$P/out.csv" "$P/survey.csv"
then ok "a new key is created private (mode 600), and another key gives other pseudonyms"
else ko "new key file (mode $(stat -c %a "$P/new.key"))"; fi

# a NIR (1 85 05 78 006 084, key 97 - 1850578006084 mod 97 = 91) in a column
# kept as exported stops the copy at its cell, the number never printed
printf 'id;statut;score\n1;ok;3\n2;1 85 05 78 006 084 91;4\n' > "$P/nir.csv"
"$IMPACT" pseudonymise "$P/nir.csv" -o "$P/nir_out.csv" --key "$P/new.key" --drop nothing > "$P/nir.out" 2> "$P/nir.err"
status=$?
if [ $status -eq 1 ] && grep -q "nir.csv:3:2: error: column 'statut' holds a social security number" "$P/nir.err" && ! grep -q "006" "$P/nir.err" "$P/nir.out" && [ ! -e "$P/nir_out.csv" ]
then ok "pseudonymise stops at a NIR in a kept column (nir.csv:3:2), without printing it or leaving a copy"
else cat "$P/nir.err"; ko "NIR in a kept column (exit $status)"; fi

# 7
if out=$(sh "$HERE/test_tour.sh" "$IMPACT"); then ok "${out#ok: }"; else echo "$out"; ko "README tour"; fi

# 8
if out=$(python3 "$HERE/test_languages.py" "$IMPACT"); then ok "${out#ok: }"; else echo "$out"; ko "libraries in the run's language"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
