#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""Every text of the libraries (string literals of stdlib/ and models/
.impact files) can be written in Windows-1252, so that a report or a value
map saved with write_csv(..., encoding: "cp1252") opens in French Excel.
Prints the offending literals and exits 1 if there are any."""
import glob
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
files = glob.glob(os.path.join(root, "stdlib", "std", "*.impact")) + \
    glob.glob(os.path.join(root, "models", "**", "*.impact"), recursive=True)
bad = 0
for path in sorted(files):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', line):
                chars = sorted({c for c in m.group(1) if not c.encode("cp1252", "ignore")})
                if chars:
                    bad += 1
                    print("%s:%d: %s cannot be written in Windows-1252"
                          % (os.path.relpath(path, root), number, " ".join("U+%04X" % ord(c) for c in chars)))
print("ok: every library text fits Windows-1252" if not bad else "%d texts do not fit Windows-1252" % bad)
sys.exit(1 if bad else 0)
