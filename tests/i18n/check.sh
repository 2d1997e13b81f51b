#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-i18n LL... — every message impact can say has a translation.
#
# 1. The catalogue template is up to date: the _() and N_() messages of the C
#    sources, gathered again by xgettext, are all in po/impact.pot.
# 2. For each language LL given: po/LL.po, merged with that fresh template, has
#    no untranslated and no fuzzy message (msgfmt --statistics says only
#    "N translated messages"), and msgfmt --check accepts it (the printf
#    directives of each translation match its English original).
# 3. Every string literal given as a message to the functions that show one
#    (rt_raise, rt_hint, rt_warn, the REPL's printf...) is in _()
#    (tests/i18n/unwrapped.py, with its short allow-list).
# Prints what is missing and how to fix it; exits 1 on any failure.
cd "$(dirname "$0")/../.." || exit 2
for tool in xgettext msgmerge msgfmt msgcmp; do
    command -v $tool >/dev/null || { echo "check-i18n: $tool is missing (Debian package gettext)"; exit 2; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/impact-i18n.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
status=0

sources=$(git ls-files 'lang/*.[ch]' 'lang/*.y' 'lang/*.l' 'runtime/*.[ch]' 'stdlib/*.[ch]' 'stdlib/*.def' 'cli/*.[ch]')
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --no-location --sort-output \
    -o "$work/fresh.pot" $sources || exit 2
# msgcmp: every msgid of the fresh template must be in po/impact.pot
if ! msgcmp --use-untranslated "po/impact.pot" "$work/fresh.pot" >"$work/pot.log" 2>&1; then
    echo "check-i18n: po/impact.pot misses messages of the sources:"
    sed 's/^/  /' "$work/pot.log" | head -20
    echo "  fix: make pot, then translate the new messages in po/*.po"
    status=1
fi

# every message shown to the user is in _() (tests/i18n/unwrapped.py lists
# the string literals given to rt_raise, rt_hint, rt_warn... without it)
if ! python3 tests/i18n/unwrapped.py >"$work/unwrapped.log"; then
    echo "check-i18n: messages not translated (not in _()):"
    head -20 "$work/unwrapped.log" | sed 's/^/  /'
    status=1
fi

for lang in "$@"; do
    po=po/$lang.po
    msgmerge --quiet --no-fuzzy-matching -o "$work/$lang.po" "$po" "$work/fresh.pot" || exit 2
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1)
    rc=$?
    case "$stats" in
        *fuzzy* | *untranslated*) rc=1 ;;
    esac
    if [ $rc != 0 ]; then
        echo "check-i18n: $po is not complete: $stats"
        LC_ALL=C msgattrib --only-fuzzy --no-wrap "$work/$lang.po" | grep '^msgid' | head -20 | sed 's/^/  fuzzy: /'
        LC_ALL=C msgattrib --untranslated --no-wrap "$work/$lang.po" | grep '^msgid' | sed 1d | head -20 | sed 's/^/  untranslated: /'
        echo "  fix: make pot, then give each message its translation in $po (and remove '#, fuzzy')"
        status=1
    else
        echo "check-i18n: $po: $stats"
    fi
done
exit $status
