#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# make check-fmt: impact fmt (lang/fmt.c, cli/fmt_command.c).
#
#  1. tests/fmt/messy.impact formats to tests/fmt/messy.expected, the layout
#     SPEC.md describes, written out by hand from its rules;
#  2. every .impact file of the repository that parses (examples, models,
#     the standard library, golden tests, benchmarks) formats to a text that
#     formats to itself (idempotence), and each runnable one — the examples
#     and golden tests — prints the same JSON (`impact run --format json`),
#     the same errors and the same exit status before and after formatting,
#     the formatted copy run beside the original, in a copy of its folders
#     (examples, models, tests/golden, tests/data) so that its data is found
#     and the repository is never written while other suites read it;
#  3. --check, files, errors: --check changes nothing and says which file is
#     not formatted (status 1); a file with a syntax error is refused with its
#     location (status 1) and left as it was; a formatted file keeps its mode;
#     a symbolic link or a read-only file is refused and left as it was;
#  4. the repository is formatted: every tracked .impact file passes
#     `impact fmt --check`, except those tests/fmt/unformatted.txt lists
#     with why (a messy layout or a syntax error on purpose).
# Prints "N passed, M failed".
cd "$(dirname "$0")/../.." || exit 2
IMPACT=${1:-./impact}
export IMPACT_ROOT="$(pwd)"
exec python3 - "$IMPACT" <<'PY'
import glob, os, re, shutil, stat, subprocess, sys, tempfile

IMPACT = os.path.abspath(sys.argv[1])
passed = failed = 0

def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)

def fmt(text):
    r = subprocess.run([IMPACT, "fmt", "-"], input=text, capture_output=True, timeout=60)
    return r.returncode, r.stdout, r.stderr

# 1. the hand-written layout
messy = open("tests/fmt/messy.impact", "rb").read()
code, out, err = fmt(messy)
check(code == 0 and out == open("tests/fmt/messy.expected", "rb").read(),
      "messy.impact does not format to messy.expected: %r" % (out.decode()[:400] + err.decode()))

# 2. every file of the repository
def fmt_files(args, paths):
    """impact fmt ARGS PATH... in one process (a few hundred files, where one
    process each would cost seconds): the set of paths it reports (a line
    of its output starting with "PATH:": not formatted, or an error), in any
    language.  When the exit status and that set disagree, each file is
    run alone, and its exit status says."""
    r = subprocess.run([IMPACT, "fmt"] + args + paths, capture_output=True, timeout=300)
    lines = (r.stdout + r.stderr).decode("utf-8", "replace").splitlines()
    named = {l.split(":", 1)[0] for l in lines if ":" in l}
    reported = {p for p in paths if p in named}
    if bool(reported) == (r.returncode != 0):
        return reported, r.stderr.decode("utf-8", "replace")
    alone = [p for p in paths
             if subprocess.run([IMPACT, "fmt"] + args + [p], capture_output=True, timeout=60).returncode]
    return set(alone), r.stderr.decode("utf-8", "replace")

def normalise(err):
    """Error locations move when columns do: compare messages, not columns."""
    lines = []
    for line in err.decode("utf-8", "replace").splitlines():
        if line.startswith("  ") and not line.startswith("  called from"):
            continue  # the source line and the caret under it
        lines.append(re.sub(r":(\d+):(\d+):", r":\1:C:", line))
    return "\n".join(lines)

def run_json(folder, name):
    r = subprocess.run([IMPACT, "run", "--format", "json", name], cwd=folder,
                       capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    # the JSON's warnings are located too
    return r.returncode, re.sub(rb":(\d+):(\d+): (warning|error)", rb":\1:C: \3", r.stdout), normalise(r.stderr)

files = sorted(set(glob.glob("examples/**/*.impact", recursive=True) +
                   glob.glob("models/**/*.impact", recursive=True) +
                   glob.glob("stdlib/std/*.impact") + glob.glob("tests/golden/*.impact") +
                   glob.glob("bench/*.impact")))
formatted = compared = 0
# every file formatted in a copy of the tree (one impact fmt for all), then
# the copies checked (one impact fmt --check): formatting them again would
# change nothing
copies = tempfile.mkdtemp(prefix="impact-fmt.")
copy = {path: os.path.join(copies, path) for path in files}
for path in files:
    os.makedirs(os.path.dirname(copy[path]), exist_ok=True)
    shutil.copyfile(path, copy[path])
refused, errors = fmt_files([], [copy[p] for p in files])
not_idempotent, _ = fmt_files(["--check"], [copy[p] for p in files if copy[p] not in refused])
# The runs before and after formatting happen in a copy of the folders the
# runnable files live in and read from (data, modules), never in the
# repository itself: the other suites of make check read it at the same time
# (a formatted copy written beside an example was seen vanishing under the
# report suite's copy of the examples).
mirror = tempfile.mkdtemp(prefix="impact-fmt-run.")
for tree in ("examples", "models", "tests/golden", "tests/data"):
    shutil.copytree(tree, os.path.join(mirror, tree), symlinks=True)
for path in files:
    text = open(path, "rb").read()
    if copy[path] in refused:
        # only a file with a syntax error may be refused
        said = [l for l in errors.splitlines() if l.startswith(copy[path] + ":")]
        check(any("error" in l for l in said) and path.startswith("tests/golden/"),
              "%s: refused by impact fmt: %s" % (path, "\n".join(said)[:300]))
        continue
    once = open(copy[path], "rb").read()
    formatted += 1
    check(copy[path] not in not_idempotent, "%s: formatting is not idempotent" % path)
    runnable = path.startswith("examples/") or (path.startswith("tests/golden/") and
               not os.path.exists(path[:-7] + ".args") and once != text)
    if not runnable:
        continue
    folder, name = os.path.split(os.path.join(mirror, path))
    # The formatted copy stands beside the original, so that its data files
    # and modules (relative paths, ../data) are found the same way; its name
    # is put back in what it prints.
    twin = ".fmtcheck-" + name
    try:
        open(os.path.join(folder, twin), "wb").write(once)
        before = run_json(folder, name)
        after = tuple(x.replace(twin.encode(), name.encode()) if isinstance(x, bytes)
                      else x.replace(twin, name) if isinstance(x, str) else x
                      for x in run_json(folder, twin))
    finally:
        os.remove(os.path.join(folder, twin))
    compared += 1
    check(before == after, "%s: the formatted file prints something else:\n  before %r\n  after  %r"
          % (path, before[1][:300] + before[2][:300].encode(), after[1][:300] + after[2][:300].encode()))
print("fmt: %d files formatted twice, %d run before and after" % (formatted, compared))

# 3. the command line
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "m.impact")
    open(p, "wb").write(messy)
    os.chmod(p, 0o640)
    r = subprocess.run([IMPACT, "fmt", "--check", p], capture_output=True)
    check(r.returncode == 1 and b"not in the canonical layout" in r.stdout
          and open(p, "rb").read() == messy, "fmt --check on a messy file: %r" % (r,))
    r = subprocess.run([IMPACT, "fmt", p], capture_output=True)
    check(r.returncode == 0 and open(p, "rb").read() == open("tests/fmt/messy.expected", "rb").read(),
          "fmt FILE did not rewrite the file: %r" % (r,))
    check(stat.S_IMODE(os.stat(p).st_mode) == 0o640, "fmt FILE changed the file's mode")
    check(os.listdir(d) == ["m.impact"], "fmt FILE left files behind: %r" % os.listdir(d))
    r = subprocess.run([IMPACT, "fmt", "--check", p], capture_output=True)
    check(r.returncode == 0 and r.stdout == b"", "fmt --check on a formatted file: %r" % (r,))
    bad = os.path.join(d, "bad.impact")
    open(bad, "wb").write(b"let x = (1 +\nlet y  =  2\n")
    r = subprocess.run([IMPACT, "fmt", bad], capture_output=True)
    check(r.returncode == 1 and re.search(rb"bad\.impact:\d+:\d+: error: ", r.stderr)
          and open(bad, "rb").read() == b"let x = (1 +\nlet y  =  2\n",
          "fmt on a syntax error: %r" % (r,))
    # the one safe way of replacing a file: a link or a read-only file is refused
    os.symlink(p, os.path.join(d, "link.impact"))
    open(p, "wb").write(messy)
    r = subprocess.run([IMPACT, "fmt", os.path.join(d, "link.impact")], capture_output=True)
    check(r.returncode == 1 and b"symbolic link" in r.stderr and open(p, "rb").read() == messy
          and os.path.islink(os.path.join(d, "link.impact")), "fmt through a symbolic link: %r" % (r,))
    os.remove(os.path.join(d, "link.impact"))
    os.chmod(p, 0o444)
    r = subprocess.run([IMPACT, "fmt", p], capture_output=True)
    check(r.returncode == 1 and b"read-only" in r.stderr and open(p, "rb").read() == messy,
          "fmt on a read-only file: %r" % (r,))
    r = subprocess.run([IMPACT, "fmt"], capture_output=True)
    check(r.returncode == 2 and b"which files" in r.stderr, "fmt without a file: %r" % (r,))
    r = subprocess.run([IMPACT, "fmt", os.path.join(d, "none.impact")], capture_output=True)
    check(r.returncode == 1 and b"cannot read this file" in r.stderr, "fmt on a missing file: %r" % (r,))

# 4. the repository is formatted: `impact fmt --check` passes on every
# tracked .impact file but those of tests/fmt/unformatted.txt, each listed
# there with why (and each still unformatted: a file fixed leaves the list)
listed = []
for line in open("tests/fmt/unformatted.txt", encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if line:
        listed.append(line)
tracked = subprocess.run(["git", "ls-files", "*.impact"], capture_output=True, text=True).stdout.split()
if not tracked:  # not a git checkout (an unpacked release): every .impact file
    tracked = sorted(p for p in glob.glob("**/*.impact", recursive=True) if not p.startswith("build"))
for path in listed:
    check(os.path.exists(path), "tests/fmt/unformatted.txt lists %s, which does not exist" % path)
not_formatted = []
failing, _ = fmt_files(["--check"], tracked)
for path in tracked:
    if path in listed:
        check(path in failing, "%s passes impact fmt --check: remove it from tests/fmt/unformatted.txt" % path)
    elif path in failing:
        not_formatted.append(path)
check(not not_formatted, "not in the canonical layout (run impact fmt on them, or list them in "
      "tests/fmt/unformatted.txt with why): " + ", ".join(not_formatted[:20]))
print("fmt: %d files of the repository pass impact fmt --check, %d listed as unformatted on purpose"
      % (len(tracked) - len(listed) - len(not_formatted), len(listed)))

shutil.rmtree(copies)
shutil.rmtree(mirror)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
