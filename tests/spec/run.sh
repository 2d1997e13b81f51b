#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# tests/spec/run.sh IMPACT_BINARY SPEC_FILE... — runs the examples of the spec.
#
# An example is a ```impact block immediately followed (blank lines allowed)
# by an ```output block.  The impact block is written to example.impact in a
# fresh temporary folder and run there as
#
#     IMPACT run [WORDS] example.impact
#
# with IMPACT_ROOT set to the repository root (so `use "std/..."` resolves);
# WORDS are whatever follows "impact" on the opening fence line, e.g.
# ```impact --format json; a fence ```impact check [WORDS] runs `IMPACT check
# [WORDS] example.impact` instead.  Its standard output and standard error,
# together and in the order written, must equal the output block exactly.
#
# A block opened with ```file NAME (e.g. ```file artisans.csv) is not run: its
# text is written as NAME next to every later example of the same spec file,
# so examples can read data.
#
# Prints one line per failing example (SPEC_FILE:LINE) with a diff, then
# "N passed, N failed"; exits 1 if any example failed.

if [ $# -lt 1 ]; then
    echo "usage: sh tests/spec/run.sh IMPACT_BINARY SPEC_FILE..." >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
IMPACT_ROOT=${IMPACT_ROOT:-$(cd "$here/../.." && pwd)}
export IMPACT_ROOT
# Expected outputs are in English: the user's own language must not leak in
# (a test of another language says --lang).
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE
# the library path is the test's own: no user folder, no IMPACT_PATH
unset IMPACT_PATH
XDG_DATA_HOME=/nonexistent/impact-tests
export XDG_DATA_HOME

exec python3 - "$@" <<'PY'
import difflib, os, subprocess, sys, tempfile

TIMEOUT_SECONDS = 30

def fence_info(line):
    """The info string of an opening fence (```impact -> 'impact'), or None."""
    s = line.strip()
    if not s.startswith("```"):
        return None
    return s.lstrip("`").strip()

def read_block(lines, i):
    """Lines of the fenced block opening at lines[i]; returns (text, next index)."""
    body = []
    j = i + 1
    while j < len(lines) and lines[j].strip() != "```":
        body.append(lines[j])
        j += 1
    text = "".join(body)
    return text, j + 1

def examples(path):
    """Yields ('file', name, text, line) and ('example', words, code, expected, line)."""
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    i = 0
    while i < len(lines):
        info = fence_info(lines[i])
        if info is None:
            i += 1
            continue
        start = i + 1
        text, i = read_block(lines, i)
        words = info.split()
        if words[:1] == ["file"] and len(words) == 2:
            yield ("file", words[1], text, start)
        elif words[:1] == ["impact"]:
            k = i
            while k < len(lines) and lines[k].strip() == "":
                k += 1
            if k < len(lines) and fence_info(lines[k]) == "output":
                expected, i = read_block(lines, k)
                yield ("example", words[1:], text, expected, start)

def run_example(impact, files, words, code):
    with tempfile.TemporaryDirectory(prefix="impact-spec.") as d:
        for name, text in files.items():
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        with open(os.path.join(d, "example.impact"), "w", encoding="utf-8") as f:
            f.write(code)
        try:
            command = ["check"] if words[:1] == ["check"] else ["run"]
            words = words[1:] if words[:1] == ["check"] else words
            r = subprocess.run([impact] + command + words + ["example.impact"], cwd=d,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return "(did not finish within %d seconds)\n" % TIMEOUT_SECONDS
        return r.stdout.decode("utf-8", errors="replace")

def main():
    impact = os.path.abspath(sys.argv[1])
    passed = failed = 0
    for spec in sys.argv[2:]:
        files = {}
        for item in examples(spec):
            if item[0] == "file":
                files[item[1]] = item[2]
                continue
            _, words, code, expected, line = item
            actual = run_example(impact, files, words, code)
            if actual == expected:
                passed += 1
                continue
            failed += 1
            print("FAIL %s:%d: output differs (--- expected, +++ actual)" % (spec, line))
            for d in list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                               "expected", "actual"))[2:]:
                print("    " + d, end="" if d.endswith("\n") else "\n")
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)

main()
PY
