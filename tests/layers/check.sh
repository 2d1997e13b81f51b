#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-layers: the architecture of HACKING.md, made executable.
#
#   lang/     the syntax tree              includes nothing of runtime/, stdlib/, cli/
#   runtime/  values and the evaluator     includes nothing of stdlib/ or cli/
#   stdlib/   built-ins, by capability     includes nothing of cli/
#   cli/      command line and REPL        public headers only (PUBLIC below)
#   runtime/internal.h                     included by runtime/ files only
#
# Every include is written from the repository root ("runtime/value.h"), so a
# rule is a pattern on the include line.  Prints each crossing with its file
# and line, and exits 1 when there is one.
cd "$(dirname "$0")/../.." || exit 2

# What the command line and the REPL may include: the interpreter's C API,
# the standard library's one entry point, the formatter of the front end, the
# language chosen (lang/i18n.h: _() for messages) and the one UTF-8 module
# (lang/utf8.h: widths of text on a terminal).
PUBLIC='runtime/interp.h|runtime/value.h|stdlib/stdlib.h|lang/fmt.h|lang/i18n.h|lang/utf8.h|cli/'

status=0
crossing() { # file:line:text  rule
    echo "layers: $1"
    echo "        $2"
    status=1
}

includes() { # folder -> "file:line:#include "x""
    find "$1" -name '*.[chly]' -o -name '*.y' | sort | xargs grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' 2>/dev/null
}

for hit in $(includes lang | grep -E '"(runtime|stdlib|cli)/' | tr ' ' '\001'); do
    crossing "$(echo "$hit" | tr '\001' ' ')" "lang/ knows no values: it may include only lang/ headers"
done
for hit in $(includes runtime | grep -E '"(stdlib|cli)/' | tr ' ' '\001'); do
    crossing "$(echo "$hit" | tr '\001' ' ')" "runtime/ knows no library: reach stdlib/ through the hooks that stdlib_open() installs"
done
for hit in $(includes stdlib | grep -E '"cli/' | tr ' ' '\001'); do
    crossing "$(echo "$hit" | tr '\001' ' ')" "stdlib/ sits under the command line: it may not include cli/"
done
for dir in lang stdlib cli tests; do
    for hit in $(includes $dir | grep -E '"runtime/internal\.h"' | tr ' ' '\001'); do
        crossing "$(echo "$hit" | tr '\001' ' ')" "runtime/internal.h is the runtime's own: use runtime/interp.h"
    done
done
for hit in $(includes cli | grep -vE "\"($PUBLIC)" | tr ' ' '\001'); do
    crossing "$(echo "$hit" | tr '\001' ' ')" "cli/ sits on public headers only (runtime/interp.h, runtime/value.h, stdlib/stdlib.h, lang/fmt.h, lang/i18n.h, lang/utf8.h)"
done

if [ $status = 0 ]; then
    echo "check-layers: every include respects the layers"
else
    echo "check-layers: an include above crosses the layers of HACKING.md (lang/ -> runtime/ -> stdlib/ -> cli/)"
    echo "hint: reach the layer above through an interface of the one below (runtime/interp.h, a hook stdlib_open() installs)"
fi
exit $status
