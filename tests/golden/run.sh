#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# tests/golden/run.sh IMPACT_BINARY [NAME...] — the golden tests.
#
# For each tests/golden/NAME.impact (or only the NAMEs given, in that order),
# runs, from inside tests/golden/ so that error messages print the path as
# NAME.impact:
#
#     IMPACT ARGS            with stdin from NAME.stdin when it exists
#
# ARGS are the shell words of NAME.args (default: run).  The word %f in them
# stands for NAME.impact; without %f, NAME.impact is appended, except when
# NAME.stdin exists, ARGS contain -e (those commands read no file) or ARGS
# contain the word %nofile (removed; for tests of a missing file argument).
# Then compares:
#   stdout with NAME.out                when NAME.out exists;
#   stderr with NAME.err                when NAME.err exists, else stderr must
#                                       be empty (unless NAME.code is not 0);
#   the exit status with NAME.code      (default 0).
# The tests read shared data in tests/data/ and examples/: IMPACT_DATA
# names those folders (outside the project folder tests/golden/, see SPEC.md
# "Files and limits"); NAME.args may add --read/--write.
# Prints one line per failure followed by its diff, then the line
# "N passed, N failed"; exits 1 if any test failed.  A run that takes more
# than $GOLDEN_TIMEOUT seconds (default 30) fails: bad input must not hang.
#
# The tests are independent, so GOLDEN_JOBS of them (default: one per
# processor) run at a time; the report is in the order of the names all the
# same.  GOLDEN_STOP_AFTER=N starts no more tests once N have failed (make
# check-mutant: a few failures prove that the tests notice a mutation).

if [ $# -lt 1 ]; then
    echo "usage: sh tests/golden/run.sh IMPACT_BINARY [NAME...]" >&2
    exit 2
fi

case "$1" in
    /*) impact=$1 ;;
    *) impact=$(pwd)/$1 ;;
esac
shift
if [ ! -x "$impact" ]; then
    echo "run.sh: '$impact' is not an executable: build it first (make)" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
IMPACT_ROOT=${IMPACT_ROOT:-$root}
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
IMPACT_DATA="$root/tests/data:$root/examples"
export IMPACT_DATA

cd "$here" || exit 2
exec python3 - "$impact" "$@" <<'PY'
import os, shlex, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

IMPACT = sys.argv[1]
TIMEOUT = float(os.environ.get("GOLDEN_TIMEOUT") or 30)
JOBS = int(os.environ.get("GOLDEN_JOBS") or os.cpu_count() or 2)
STOP_AFTER = int(os.environ.get("GOLDEN_STOP_AFTER") or 0)


def read(path, default=None):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return default


def arguments(name):
    """The words after IMPACT for test `name` (the rules of the header)."""
    spec = read(name + ".args", b"run").decode().rstrip("\n")
    words = shlex.split(spec)
    if "%nofile" in words:
        return [w for w in words if w != "%nofile"]
    if "%f" in words:
        return [name + ".impact" if w == "%f" else w for w in words]
    if "-e" in words or os.path.exists(name + ".stdin"):
        return words
    return words + [name + ".impact"]


def diff(name, what, expected, actual):
    """The failure line and diff -u of expected and actual (bytes), indented."""
    with tempfile.TemporaryDirectory(prefix="impact-golden.") as d:
        e, a = os.path.join(d, "expected"), os.path.join(d, "actual")
        for path, text in ((e, expected), (a, actual)):
            with open(path, "wb") as f:
                f.write(text)
        out = subprocess.run(["diff", "-u", e, a], stdout=subprocess.PIPE).stdout
    lines = out.decode("utf-8", "replace").splitlines(True)[2:]
    return "FAIL %s: %s differs (--- expected, +++ actual)\n" % (name, what) + "".join(
        "    " + l for l in lines)


def run_one(name):
    """'' when test `name` passes, else what to print about it."""
    if not os.path.exists(name + ".impact"):
        return "FAIL %s: no file %s.impact\n" % (name, name)
    stdin = name + ".stdin" if os.path.exists(name + ".stdin") else os.devnull
    with open(stdin, "rb") as f:
        p = subprocess.Popen([IMPACT] + arguments(name), stdin=f, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        try:
            out, err = p.communicate(timeout=TIMEOUT)
            code = p.returncode
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            code = None
    expected_code = int(read(name + ".code", b"0").decode().replace(" ", "").replace("\n", ""))
    report = ""
    expected_out = read(name + ".out")
    if expected_out is not None and expected_out != out:
        report += diff(name, "stdout", expected_out, out)
    expected_err = read(name + ".err")
    if expected_err is not None:
        if expected_err != err:
            report += diff(name, "stderr", expected_err, err)
    elif expected_code == 0 and err:
        report += diff(name, "stderr (expected empty)", b"", err)
    if code is None:
        report += "FAIL %s: did not finish within %g seconds\n" % (name, TIMEOUT)
    elif code != expected_code:
        # a signal shows as 128 + its number, as the shell says it
        report += "FAIL %s: exit status %d, expected %d\n" % (
            name, code if code >= 0 else 128 - code, expected_code)
    return report


def main():
    names = [n[:-len(".impact")] if n.endswith(".impact") else n for n in sys.argv[2:]]
    if not names:
        # as the shell's *.impact: not the hidden files (make check-fmt's
        # .fmtcheck-NAME.impact, there while it runs)
        names = sorted(n[:-len(".impact")] for n in os.listdir(".")
                       if n.endswith(".impact") and not n.startswith("."))
    failed = [0]

    def job(name):
        if STOP_AFTER and failed[0] >= STOP_AFTER:
            return None  # not run
        report = run_one(name)
        if report:
            failed[0] += 1
        return report

    passed = failures = 0
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        for report in pool.map(job, names):
            if report is None:
                continue
            if report:
                failures += 1
                sys.stdout.write(report)
            else:
                passed += 1
    print("%d passed, %d failed" % (passed, failures))
    sys.exit(1 if failures else 0)


main()
PY
