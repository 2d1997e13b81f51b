#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-layers, third part: every source of the project says its
# license in the usual short form, within its first five lines (after a
# #! line or an Emacs mode line):
#     SPDX-License-Identifier: GPL-3.0-or-later
#     Copyright (C) YEAR The impact authors
# in a comment of its language.  The sources are the C files and headers,
# the X-macro lists (stdlib/*/*.def), the scanner and the grammar
# (lang/lexer.l, lang/parser.y), the scripts
# (.sh, .py, .js, the editors' .vim and .el) and the Makefile; test data,
# model files (.impact), documentation and generated files are not.
# Prints each file without it, and exits 1 when there is one.
cd "$(dirname "$0")/../.." || exit 2
status=0
for f in $(git ls-files '*.c' '*.h' '*.def' '*.l' '*.y' '*.js' '*.sh' '*.py' '*.vim' '*.el' 'Makefile'); do
    [ -f "$f" ] || continue
    if ! head -n 5 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' ||
       ! head -n 5 "$f" | grep -q 'Copyright (C) [0-9]\{4\}'; then
        echo "licenses: $f has no license header"
        status=1
    fi
done
if [ $status = 0 ]; then
    echo "check-licenses: every source file carries its SPDX license header"
else
    echo "hint: start the file with the two lines of the others, in a comment of its language:"
    echo "      SPDX-License-Identifier: GPL-3.0-or-later"
    echo "      Copyright (C) 2026 The impact authors"
fi
exit $status
