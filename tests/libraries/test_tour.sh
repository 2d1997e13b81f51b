#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# test_tour.sh IMPACT — replays the tour of README.md (section "A five-minute
# tour") and checks that every command prints what the README shows.  The
# commands and the expected results are read from README.md itself, not
# copied here, so the README and this test cannot drift apart; `./impact` in
# the README stands for IMPACT, run from the top folder.  Checked:
#   0. each `$ COMMAND` of "The language in five lines": its output (standard
#      output and error) is exactly the lines shown under it;
#   3. `./impact run examples/cae/cae.impact`: the lines of the block that
#      follows are printed, in order (a line `…` stands for any lines), the
#      first at the top; the totals the text gives ("present value X EUR for
#      Y EUR invested, ratio Z") are those of the report; standard error holds
#      only the expected note on the export's repeated column titles, which
#      the text explains; and `make demo` runs the same command (Makefile);
#   4. the REPL session, on a pseudo-terminal as a user has it: after each
#      `impact> INPUT` the REPL prints exactly the lines shown (none when
#      none is shown, anything for `…`), and `compare` shows the ratios the
#      text gives ("falls from A to B");
#   5. each `./impact run ...` of "Other examples" runs without error.
# Prints "ok: ..." or one "FAIL: ..." line per difference; exits 1 on a failure.
set -u
case "$1" in /*) IMPACT=$1 ;; *) IMPACT=$(pwd)/$1 ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 - "$IMPACT" "$ROOT" <<'PYTHON'
import os, pty, re, select, shlex, struct, subprocess, sys, tempfile, time
import fcntl, termios

IMPACT, ROOT = sys.argv[1], sys.argv[2]
ENV = dict(os.environ, IMPACT_ROOT=ROOT)
ENV.pop("IMPACT_DATA", None)  # the README's commands name every folder they read
failures = []
checked = 0


def fail(msg):
    failures.append(msg)


def tour_text():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    start = text.index("\n## A five-minute tour")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def sections(tour):
    """{number: (prose, [code blocks as lists of lines])} per '### N.'"""
    out = {}
    for part in re.split(r"\n### ", tour)[1:]:
        number = int(part.split(".", 1)[0])
        blocks = re.findall(r"\n```[a-z]*\n(.*?)\n```", part, re.S)
        prose = re.sub(r"\n```[a-z]*\n.*?\n```", "", part, flags=re.S)
        out[number] = (prose, [b.split("\n") for b in blocks])
    return out


def shell(command):
    """Runs a README command line with ./impact replaced by IMPACT."""
    line = re.sub(r"(^|[\s|;(])\./impact\b", lambda m: m.group(1) + shlex.quote(IMPACT), command)
    return subprocess.run(["sh", "-c", line], cwd=ROOT, env=ENV, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


def in_order(expected, actual, what):
    """Segments of `expected` separated by '…' appear in `actual` in order,
    the first one at the top."""
    segments, current = [], []
    for line in expected:
        if line.strip() == "…":
            segments.append(current)
            current = []
        else:
            current.append(line)
    segments.append(current)
    pos = 0
    for i, seg in enumerate(segments):
        if not seg:
            continue
        found = next((p for p in range(pos, len(actual) - len(seg) + 1)
                      if actual[p:p + len(seg)] == seg), None)
        if found is None or (i == 0 and found != 0):
            fail("%s did not print, in this order:\n  %s" % (what, "\n  ".join(seg)))
            return
        pos = found + len(seg)


def figure(x):
    return x.replace(" ", "").replace("\u00a0", "")


# ---- 0. the language in five lines --------------------------------------------
def check_commands(block):
    global checked
    i = 0
    while i < len(block):
        if not block[i].startswith("$ "):
            i += 1
            continue
        command = block[i][2:]
        j = i + 1
        while j < len(block) and not block[j].startswith("$ "):
            j += 1
        expected = block[i + 1:j]
        r = shell(command)
        actual = (r.stdout + r.stderr).decode("utf-8").rstrip("\n").split("\n")
        checked += 1
        if actual != expected:
            fail("`%s` printed\n  %s\ninstead of\n  %s" % (command, "\n  ".join(actual), "\n  ".join(expected)))
        i = j


# ---- 3. the report ------------------------------------------------------------
def check_report(prose, blocks):
    global checked
    k = next(n for n, b in enumerate(blocks) if len(b) == 1 and b[0].startswith("./impact run "))
    command = blocks[k][0]
    r = shell(command)
    checked += 1
    out = r.stdout.decode("utf-8").split("\n")
    if r.returncode != 0:
        fail("`%s` exits with %d: %s" % (command, r.returncode, r.stderr.decode("utf-8")))
    in_order(blocks[k + 1], out, "`%s`" % command)
    m = re.search(r"present value ([\d  ]+) EUR for\s+([\d  ]+) EUR invested, ratio ([\d.]+)", prose)
    if not m:
        fail("README section 3 no longer gives 'present value X EUR for Y EUR invested, ratio Z'")
    else:
        pv, inputs, ratio = figure(m.group(1)), figure(m.group(2)), m.group(3)
        for label, value in (("total present value", pv + " EUR"), ("inputs", inputs + " EUR"),
                             ("SROI ratio", ratio)):
            if not any(re.fullmatch(r"\s*%s\s+%s" % (re.escape(label), re.escape(value)), l) for l in out):
                fail("the report does not show '%s %s' as README section 3 says" % (label, value))
    # Standard error: only the note that csv() renames the repeated
    # "Parcours Type d’étape n" titles, which README section 3 explains.
    if "Parcours Type d’étape" not in prose:
        fail("README section 3 no longer explains the note on the repeated column titles")
    for line in r.stderr.decode("utf-8").splitlines():
        if not (re.search(r"warning: endi_export\.csv repeats \d+ column titles", line)
                or line.startswith("  called from ")):
            fail("`%s` printed an unexpected message on standard error: %s" % (command, line))
    demo = re.search(r"^demo:.*?\n((?:\t.*\n)+)", open(os.path.join(ROOT, "Makefile")).read(), re.M)
    if not demo or command not in demo.group(1):
        fail("`make demo` does not run `%s` (Makefile)" % command)


# ---- 4. the REPL ----------------------------------------------------------------
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROMPT = "impact> "


def read_until_prompt(fd, timeout=120):
    buf, end = b"", time.time() + timeout
    while not buf.endswith(PROMPT.encode()) and time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            buf += data
    return ANSI.sub("", buf.decode("utf-8", "replace")).replace("\r", "")


def check_repl(prose, blocks):
    global checked
    session = next(b for b in blocks if b and b[0].startswith(PROMPT))
    steps = []
    for line in session:
        if line.startswith(PROMPT):
            steps.append((line[len(PROMPT):], []))
        else:
            steps[-1][1].append(line)
    hist = tempfile.NamedTemporaryFile(delete=False)
    hist.close()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.environ.update(ENV, IMPACT_HISTORY=hist.name)
        os.execv(IMPACT, [IMPACT])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 400, 0, 0))
    read_until_prompt(fd)
    compare_out = []
    for command, expected in steps:
        os.write(fd, (command + "\r").encode())
        if command == ":quit":
            break
        chunk = read_until_prompt(fd)
        checked += 1
        if not chunk.endswith(PROMPT):
            fail("the REPL did not come back to its prompt after `%s`" % command)
            break
        lines = chunk[:-len(PROMPT)].split("\n")[1:]          # drop the echo of the input
        if lines and lines[-1] == "":
            lines.pop()
        if command.startswith("compare("):
            compare_out = lines
        if expected != ["…"] and lines != expected:
            fail("after `impact> %s` the REPL printed\n  %s\ninstead of\n  %s"
                 % (command, "\n  ".join(lines), "\n  ".join(expected)))
    os.waitpid(pid, 0)
    os.unlink(hist.name)
    m = re.search(r"falls\s+from (\d+(?:\.\d+)?) to (\d+(?:\.\d+)?)", prose)
    if not m:
        fail("README section 4 no longer says 'the ratio falls from A to B'")
    elif not any(re.fullmatch(r"SROI ratio\s+%s\s+%s" % (re.escape(m.group(1)), re.escape(m.group(2))), l.strip())
                 for l in compare_out):
        fail("compare(...) does not show the ratios %s and %s of README section 4" % m.groups())


# ---- 5. other examples ------------------------------------------------------------
def check_others(prose):
    global checked
    for command in re.findall(r"`(\./impact run [^`]+)`", prose):
        r = shell(command)
        checked += 1
        if r.returncode != 0:
            fail("`%s` exits with %d: %s" % (command, r.returncode, r.stderr.decode("utf-8")))


tour = sections(tour_text())
check_commands(tour[0][1][0])
check_report(*tour[3])
check_repl(*tour[4])
check_others(tour[5][0])
for f in failures:
    print("FAIL: " + f)
if failures:
    sys.exit(1)
print("ok: the README's tour prints what it shows (%d commands replayed from README.md)" % checked)
PYTHON
