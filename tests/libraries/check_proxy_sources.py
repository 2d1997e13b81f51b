#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""check_proxy_sources.py — every proxy of the French proxy library (and the
WELLBY of the shared CAE definitions) carries a source, and is listed in the
catalogue that fr.missing_sources() checks from inside the language.

A proxy is a top-level `let NAME = { ... }` record that holds a figure
(`amount:`, `value:` or `index:`).  It passes when its text has
`source: {title: "<non-empty>", url: "http…"}` (the title may be a text per
language, `tr({fr: "...", en: "..."})`).  Exit status 1 and one line
per failure otherwise.

Usage: python3 tests/libraries/check_proxy_sources.py [FILE.impact ...]
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_FILES = ["stdlib/std/proxies_fr.impact", "models/cae/outcomes.impact"]

RECORD = re.compile(r"^let (\w+) = \{\n(.*?)^\}", re.S | re.M)
FIGURE = re.compile(r"^\s*(amount|value|index):", re.M)
# the title may be a text per language: title: tr({fr: "...", en: "..."})
# the layout of impact fmt (`{ title: ... }`) or a tighter one (`{title: ...}`)
SOURCE = re.compile(r'source: \{\s*title: (?:tr\(\{\s*fr: )?"((?:[^"\\]|\\.)+)"(?:, en: "(?:[^"\\]|\\.)+"\s*\}\))?,'
                    r'\s*url: "(https?://[^"]+)"\s*\}', re.S)


def check(path):
    text = open(path, encoding="utf-8").read()
    failures, names = [], []
    for m in RECORD.finditer(text):
        name, body = m.group(1), m.group(2)
        if not FIGURE.search(body):
            continue
        names.append(name)
        if not SOURCE.search(body):
            failures.append("%s: proxy '%s' has no source {title, url}" % (path, name))
    if path.endswith("proxies_fr.impact"):
        cat = re.search(r"^let catalogue = \[(.*?)\]", text, re.S | re.M)
        listed = set(re.findall(r"\w+", cat.group(1))) if cat else set()
        for n in names:
            if n not in listed:
                failures.append("%s: proxy '%s' is missing from `catalogue`" % (path, n))
    return names, failures


def main(argv):
    files = argv or [os.path.join(ROOT, f) for f in DEFAULT_FILES]
    total, failures = 0, []
    for f in files:
        names, fails = check(f)
        total += len(names)
        failures += fails
    for line in failures:
        print(line)
    print("%d proxies, %d without a source or outside the catalogue" % (total, len(failures)))
    return 1 if failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
