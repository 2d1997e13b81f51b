#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""tests/docs/toc.py [--check] — the linked table of contents of SPEC.md in
docs/README.md, between the lines <!-- toc --> and <!-- /toc -->.

Without --check, writes it (make docs-toc).  With --check (make check-docs),
exits 1 when docs/README.md is not what it would write, and says to run
make docs-toc.  Anchors follow GitHub's rule: lower case, every character
that is not a letter, digit, space, hyphen or underscore dropped, spaces
made hyphens, a repeated anchor numbered -1, -2...
"""
import os, re, sys, unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SPEC = os.path.join(ROOT, "SPEC.md")
INDEX = os.path.join(ROOT, "docs", "README.md")

def anchor(title, seen):
    a = "".join(c for c in title.lower()
                if c in " -_" or unicodedata.category(c)[0] in "LN")
    a = a.replace(" ", "-")
    n = seen.get(a, 0)
    seen[a] = n + 1
    return a if n == 0 else "%s-%d" % (a, n)

def toc():
    seen, lines, fence = {}, [], False
    for line in open(SPEC, encoding="utf-8"):
        if line.startswith("```"):
            fence = not fence
            continue
        m = None if fence else re.match(r"(#{1,3}) (.*)", line.rstrip("\n"))
        if not m:
            continue
        level, title = len(m.group(1)), m.group(2).strip()
        a = anchor(title, seen)
        if level == 1 and not re.match(r"\d+\.", title):
            continue          # the document's own title
        indent = "  " * (level - 1)
        shown = title.replace("`", "")
        lines.append("%s- [%s](../SPEC.md#%s)" % (indent, shown, a))
    return "\n".join(lines) + "\n"

def main():
    text = open(INDEX, encoding="utf-8").read()
    start, end = "<!-- toc -->\n", "<!-- /toc -->"
    i, j = text.index(start) + len(start), text.index(end)
    new = text[:i] + toc() + text[j:]
    if "--check" in sys.argv:
        if new != text:
            print("FAIL docs/README.md: the table of contents of SPEC.md is out of date: run make docs-toc")
            print("0 passed, 1 failed")
            sys.exit(1)
        print("1 passed, 0 failed")
        return
    open(INDEX, "w", encoding="utf-8").write(new)

main()
