#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-layers, second half: files and functions of a size one can read.
#
#   a C file (.c, .h) of lang/ runtime/ stdlib/ cli/ tests/ over MAX_FILE
#   lines fails, unless a line `/* size: WHY */` among its first 30 lines
#   says why it must stay whole;
#   a C function over MAX_FUNCTION lines (from the line that names it to its
#   closing brace) fails.  lang/parser.y and lang/lexer.l are not C files:
#   bison's grammar actions and flex's rules are not measured.
#
# Functions are measured with Universal Ctags (its C parser gives each
# function's first and last line, `%{end}`), not with a pattern on the
# layout: a brace inside a string, a comment or a macro does not fool it,
# and a file that clang-format has not laid out yet is measured the same.
# Prints each offender with its file and line, and exits 1 when there is one.
cd "$(dirname "$0")/../.." || exit 2
MAX_FILE=${MAX_FILE:-900}
MAX_FUNCTION=${MAX_FUNCTION:-80}

if ! ctags --version 2>/dev/null | grep -q 'Universal Ctags'; then
    echo "check-sizes: Universal Ctags is missing (Debian package universal-ctags; make deps installs it)" >&2
    exit 2
fi

files=$(git ls-files 'lang/*.[ch]' 'runtime/*.[ch]' 'stdlib/*.[ch]' 'cli/*.[ch]' 'tests/*.[ch]' 2>/dev/null)
[ -n "$files" ] || files=$(find lang runtime stdlib cli tests -name '*.[ch]' | sort)
status=0

for f in $files; do
    [ -f "$f" ] || continue
    n=$(wc -l <"$f")
    if [ "$n" -gt "$MAX_FILE" ] && ! head -n 30 "$f" | grep -q '/\* size:'; then
        echo "sizes: $f: $n lines, over $MAX_FILE"
        echo "       split it by concern (HACKING.md), or say why it must stay whole in a /* size: ... */ line at its top"
        status=1
    fi
done

# "END START NAME FILE" for every function definition.
long=$(ctags -x --c-kinds=f --language-force=C --_xformat='%{end} %n %N %F' $files 2>/dev/null |
    awk -v max="$MAX_FUNCTION" '$1 != "" && $1 - $2 + 1 > max { print $4 ":" $2 ": " $3 "() is " $1 - $2 + 1 " lines" }')
if [ -n "$long" ]; then
    echo "$long" | sed 's/^/sizes: /'
    echo "       over $MAX_FUNCTION lines: cut it into helpers named for what each step does"
    status=1
fi

if [ $status = 0 ]; then
    echo "check-sizes: no C file over $MAX_FILE lines, no function over $MAX_FUNCTION"
fi
exit $status
