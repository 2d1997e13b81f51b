#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""tests/docs/builtins.py (make check-docs) — every built-in is in SPEC.md.

Reads the built-ins from their one line each in stdlib/*/*.def
(BUILTIN("name", ...) or BUILTIN_VARIANT("name", ...), see HACKING.md,
"Built-ins") and fails, naming each one, when no inline code of SPEC.md
calls it (`name(...`), or is its name alone or its signature (`discrete`,
`a to b`): a built-in a user can call but cannot read about.  Exits 1 on a
missing one.
"""
import glob, os, re, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LINE = re.compile(r'^BUILTIN(?:_VARIANT)?\("([^"]+)", \w+, (?:\w+, )?-?\d+, -?\d+, "((?:[^"\\]|\\.)*)"')


def builtins():
    for path in sorted(glob.glob(os.path.join(ROOT, "stdlib", "*", "*.def"))):
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            m = LINE.match(line)
            if m:
                yield os.path.relpath(path, ROOT), number, m.group(1), m.group(2)


def main():
    spec = open(os.path.join(ROOT, "SPEC.md"), encoding="utf-8").read()
    code = re.findall(r"`([^`\n]+)`", spec)
    def shown(name, signature, c):
        return c in (name, signature) or re.search(r"(?<![\w.])" + re.escape(name) + r"\(", c)
    missing = [(p, n, name) for p, n, name, signature in builtins()
               if not any(shown(name, signature, c) for c in code)]
    for path, number, name in missing:
        print(f"{path}:{number}: the built-in '{name}' is not in SPEC.md")
    if missing:
        print("check-docs: document each in SPEC.md (its signature and what it does, "
              "with an example)")
        return 1
    print(f"check-docs: the {sum(1 for _ in builtins())} built-ins of stdlib/*/*.def are in SPEC.md")
    return 0


sys.exit(main())
