#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# tests/repl/run.sh IMPACT_BINARY — the interactive session, driven through a
# pseudo-terminal (the golden tests only cover piped input, where there is no
# prompt, no completion and no Ctrl-C).
#
# Each scenario types keys, waits for what each of them must bring (the
# echo, the next prompt; never a fixed delay), and compares the whole
# transcript (carriage returns removed) with the expected text written below
# by hand from SPEC.md §1; an answer that does not come within TIMEOUT
# fails the scenario, even if it comes later.  Prints one line per
# failure with a diff, then "N passed, N failed"; exits 1 if any failed.

if [ $# -ne 1 ]; then
    echo "usage: sh tests/repl/run.sh IMPACT_BINARY" >&2
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

exec python3 - "$1" <<'PY'
import difflib, os, pty, re, select, sys, tempfile, time

IMPACT = os.path.abspath(sys.argv[1])
PROMPTS = (b"impact> ", b"   ...> ")
TIMEOUT = 20.0

class Session:
    def __init__(self, history, cwd=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            if cwd:
                os.chdir(cwd)
            env = dict(os.environ, TERM="dumb", IMPACT_HISTORY=history, HOME=os.path.dirname(history))
            os.execve(IMPACT, ["impact"], env)
        self.out = b""
        # set when an expected output did not come within TIMEOUT: the
        # session hangs (or missed a key), whatever its transcript
        self.timed_out = False
        self.read_until_prompt()

    def read_some(self, deadline, expected=True):
        r, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.time()))
        if not r:
            self.timed_out = self.timed_out or expected
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        self.out += chunk
        return bool(chunk)

    def read_until_prompt(self, start=None):
        """Reads until the output after `start` (by default, what is still to
        come) ends with a prompt, or the session ends."""
        deadline = time.time() + TIMEOUT
        if start is None:
            start = len(self.out)
        while time.time() < deadline:
            if self.out[start:].endswith(PROMPTS):
                return
            if not self.read_some(deadline):
                return

    def wait_for(self, text, start=0):
        """Reads until `text` has been echoed (after byte `start`)."""
        deadline = time.time() + TIMEOUT
        while text.encode() not in self.out[start:] and self.read_some(deadline):
            pass

    def cpu_seconds(self):
        """The processor time the session has used so far (utime + stime,
        fields 14 and 15 of /proc/PID/stat)."""
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_busy(self, seconds):
        """Waits until the session has computed for `seconds` more: a
        computation is under way (at the prompt, readline uses none)."""
        deadline = time.time() + TIMEOUT
        until = self.cpu_seconds() + seconds
        while self.cpu_seconds() < until:
            if time.time() > deadline:
                self.timed_out = True
                return
            self.read_some(time.time() + 0.01, expected=False)

    def type(self, keys, wait=True):
        start = len(self.out)
        os.write(self.fd, keys.encode())
        if not wait:
            return
        # Wait for the echo of what was typed first, so that a prompt still
        # arriving from the previous line (on a loaded machine) is not taken
        # for the answer to this one.
        # Only what precedes a Tab is echoed as typed (completion rewrites
        # the rest), so that is what is waited for.
        typed = keys.split("\n")[0].split("\t")[0]
        visible = "".join(c for c in typed if c >= " ")
        if visible:
            deadline = time.time() + TIMEOUT
            while visible.encode() not in self.out[start:] and self.read_some(deadline):
                pass
            # The answer and the next prompt may have arrived in the same read
            # as the echo (a loaded machine): look for the prompt from the end
            # of the echo, not only in what is still to come.
            echoed = self.out.find(visible.encode(), start)
            if echoed >= 0:
                start = echoed + len(visible.encode())
        self.read_until_prompt(start)

    def finish(self):
        deadline = time.time() + TIMEOUT
        while self.read_some(deadline):
            pass
        _, status = os.waitpid(self.pid, 0)
        return self.out.decode("utf-8", "replace").replace("\r", ""), status

BANNER = "impact 0.1.0 — type :help for help, :quit to leave\n"

def basics(s):
    for line in ["let x = 2\n", "x * 21\n", "[x,\n", " 3]\n", "x + 1 EUR\n", "x\n", ":env\n"]:
        s.type(line)
    s.type(":quit\n", wait=False)

BASICS = BANNER + """impact> let x = 2
impact> x * 21
42
impact> [x,
   ...>  3]
[2, 3]
impact> x + 1 EUR
<input>:1:3: error: cannot add a plain number and EUR: both sides of '+' must have the same unit
  x + 1 EUR
    ^
hint: write the unit on the plain number too, e.g. `5 EUR` rather than `5`
impact> x
2
impact> :env
x = 2
impact> :quit
"""

# The first words a new user types (QA3 Q3): the command to type, not a
# did-you-mean on a built-in.
def help_words(s):
    s.type("help\n")
    s.type("exit\n")
    s.type(":quit\n", wait=False)

HELP_WORDS = BANNER + """impact> help
<input>:1:1: error: unknown name 'help': commands start with ':', type :help
  help
  ^
hint: :help lists the commands; :help NAME describes a built-in, e.g. :help csv
impact> exit
<input>:1:1: error: unknown name 'exit': commands start with ':', type :quit to leave
  exit
  ^
hint: Ctrl-D leaves too
impact> :quit
"""

def ctrl_c_at_prompt(s):
    s.type("let open = [1,\n")
    s.type("\x03")          # abandons the open statement
    s.type("let y = 5", wait=False)
    s.wait_for("let y = 5")
    s.type("\x03")          # abandons the line being typed
    s.type("y\n")           # so y was never defined
    s.type("2 * 3\n")
    s.type("\x04", wait=False)

CTRL_C_AT_PROMPT = BANNER + """impact> let open = [1,
   ...> 
impact> let y = 5
impact> y
<input>:1:1: error: unknown name 'y'
  y
  ^
hint: define it first, e.g. `let y = ...`, or check its spelling
impact> 2 * 3
6
impact> 
"""

# Ctrl-D at the continuation prompt leaves, as on an empty line, but says
# that the statement typed so far was not run (it used to vanish silently).
def ctrl_d_at_continuation(s):
    s.type("let total = [1,\n")
    s.type("\x04", wait=False)

CTRL_D_AT_CONTINUATION = BANNER + """impact> let total = [1,
   ...> 
note: the unfinished statement was dropped without being run
"""

def completion(s):
    s.type("let budget_total = 1000 EUR\n")
    s.type("let site = {surface = 120, rent = 900 EUR}\n")
    s.type("budget_to\t\n")   # a global name
    s.type("site.re\t\n")     # a field of a record
    s.type(":qu\t\n", wait=False)   # a command

COMPLETION = BANNER + """impact> let budget_total = 1000 EUR
impact> let site = {surface = 120, rent = 900 EUR}
impact> budget_total 
1000 EUR
impact> site.rent 
900 EUR
impact> :quit 
"""

# Tab inside a text: file names (relative to the current folder, folders
# kept open, a file closes the text), module names after use "std/ (found in
# the library as the run finds them); after :load, file names.  Run in a
# folder made for it (see paths_folder).
def completion_paths(s):
    s.type('use "s\twellbe\t as wb\n')
    s.type("wb.who5_band(80)\n")
    s.type('len("data/enq\t)\n')
    s.type(":load mod\t\n")
    s.type("loaded_value\n")
    s.type(":quit\n", wait=False)

COMPLETION_PATHS = BANNER + """impact> use "std/wellbeing" as wb
impact> wb.who5_band(80)
high
impact> len("data/enquete-2024.csv")
21
impact> :load modele.impact 
loaded modele.impact
impact> loaded_value
42
impact> :quit
"""

# Tab after `t.` on a column whose title is not a plain name (a space, an
# apostrophe) writes the form that parses: t["Chiffre d’affaires"] (readline
# moves back over ".Ch" with three backspaces, then writes the rest).
def completion_columns(s):
    s.type('let t = csv("data/ca.csv", min_cell: 1)\n')
    s.type("t.Ch\t\n")
    s.type("t.ag\t\n")
    s.type(":quit\n", wait=False)

COMPLETION_COLUMNS = BANNER + """impact> let t = csv("data/ca.csv", min_cell: 1)
impact> t.Ch\b\b\b["Chiffre d’affaires"] 
[100]
impact> t.age 
[30]
impact> :quit
"""

# An enDI export mixes plain titles (Nom, Note) with titles that need the
# T["..."] form (Nombre d’heures): the candidates for `s.No` share only "s",
# and Tab must keep what was typed, not erase it back to "s" (readline rings
# the bell, \a: more than one candidate).  The line then runs as typed.
def completion_mixed_titles(s):
    s.type('let s = csv("data/mixed.csv", min_cell: 1)\n')
    s.type("s.No\t\n")
    s.type(":quit\n", wait=False)

COMPLETION_MIXED_TITLES = BANNER + """impact> let s = csv("data/mixed.csv", min_cell: 1)
impact> s.No\a
<input>:1:2: error: table has no column 'No' — did you mean 'Nom'?
  s.No
   ^
impact> :quit
"""

# `:load nope` fails (no such file) and leaves the last loaded file as the
# one :reload reads again; with none before, there is nothing to reload.
def reload_after_failed_load(s):
    s.type(":load nope\n")
    s.type(":reload\n")
    s.type(":load modele\n")
    s.type(":load nope\n")
    s.type(":reload\n")
    s.type(":quit\n", wait=False)

RELOAD_AFTER_FAILED_LOAD = BANNER + """impact> :load nope
error: cannot open 'nope': No such file or directory
impact> :reload
error: nothing to reload
hint: load a file first with :load FILE
impact> :load modele
loaded modele.impact
impact> :load nope
error: cannot open 'nope': No such file or directory
impact> :reload
loaded modele.impact
impact> :quit
"""

# `:load` of a data file (issue 17): parsed as a model, its syntax error
# quoted a row ("Dupont Marie;45", a person); refused by its name, as
# `impact run data.csv` is, and it does not become the file :reload reads.
def load_data_file(s):
    s.type(":load data/people.csv\n")
    s.type(":reload\n")
    s.type(":quit\n", wait=False)

LOAD_DATA_FILE = BANNER + """impact> :load data/people.csv
error: cannot load 'data/people.csv': it is a data file, not a model
hint: read it with csv("data/people.csv"), for example let t = csv("data/people.csv")
impact> :reload
error: nothing to reload
hint: load a file first with :load FILE
impact> :quit
"""

def paths_folder(home):
    folder = os.path.join(home, "work")
    os.makedirs(os.path.join(folder, "data"), exist_ok=True)
    with open(os.path.join(folder, "data", "enquete-2024.csv"), "w") as f:
        f.write("a;b\n1;2\n")
    with open(os.path.join(folder, "data", "ca.csv"), "w") as f:
        f.write("id;Chiffre d’affaires;age\n1;100;30\n")
    with open(os.path.join(folder, "data", "mixed.csv"), "w") as f:
        f.write("Nom;Nombre d’heures;Note\nA;35;12\n")
    with open(os.path.join(folder, "data", "people.csv"), "w") as f:
        f.write("nom;age\nDupont Marie;45\nMartin Paul;38\n")
    with open(os.path.join(folder, "modele.impact"), "w") as f:
        f.write("let loaded_value = 42\n")
    return folder

# Ten million calls, each mapping over ten numbers: minutes of work, so the
# Ctrl-C sent once it has computed for a tenth of a second always finds it
# running.
LONG = "len(map(range(10000000), fn(i) = len(map(range(10), fn(j) = j))))"

def ctrl_c_during_evaluation(s):
    s.type(LONG + "\n", wait=False)
    s.wait_for(LONG)
    s.wait_busy(0.1)
    s.type("\x03")
    s.type("1 + 1\n")
    s.type(":q\n", wait=False)

# Where the evaluation stops (the outer or the inner call) depends on timing,
# so the column and the caret are left out of the comparison (see normalise).
CTRL_C_DURING_EVALUATION = BANNER + """impact> """ + LONG + """
^C
<input>:1:COL: error: interrupted
  """ + LONG + """
CARET
impact> 1 + 1
2
impact> :q
"""

def history_first(s):
    s.type("let kept = 7\n")
    s.type("kept * 6\n")
    s.type(":quit\n", wait=False)

def history_second(s):
    s.type("let kept = 2\n")
    # Up three times: let kept = 2, then :quit and kept * 6 of the first
    # session, each redrawn whole before the next Up
    for recalled in ["let kept = 2", ":quit", "kept * 6"]:
        start = len(s.out)
        s.type("\x1b[A", wait=False)
        s.wait_for(recalled, start)
    s.type("\n")
    s.type(":quit\n", wait=False)

# The first session leaves its lines in the history file; the second recalls
# "kept * 6" with Up and runs it with its own kept = 2: 12 (not the first
# session's 42).  How a dumb terminal redraws recalled lines is readline's
# business, so only the result is compared here.
HISTORY_FILE = "let kept = 7\nkept * 6\n:quit\n"

def history_case(history):
    if os.path.exists(history):
        os.remove(history)
    s = Session(history)
    history_first(s)
    s.finish()
    with open(history, encoding="utf-8") as f:
        saved = f.read()
    if saved != HISTORY_FILE:
        return False, "the history file holds %r, expected %r" % (saved, HISTORY_FILE)
    s = Session(history)
    history_second(s)
    actual, status = s.finish()
    if "\n12\n" not in actual or "42" in actual or status != 0 or s.timed_out:
        return False, "the recalled line did not print 12 (exit %d):\n%s" % (status, actual)
    return True, ""

# Out of memory (not a session, but it needs a memory limit, which the
# golden tests cannot set): status 1 and what to do, after what was printed.
OOM_EXPR = "print 1\nlet a = normal(0, 1)\nlet b = a + normal(1, 2)\nmean(b * a)"
OOM_ERR = ("impact: error: out of memory\n"
           "hint: the computation needs more memory than this computer has: read a data file "
           "of fewer columns or rows, or run with fewer --samples (the default is 10000)\n")

def out_of_memory_case():
    import resource, subprocess
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1500 * 1024 * 1024, 1500 * 1024 * 1024))
    p = subprocess.run([IMPACT, "--samples", "100000000", "-e", OOM_EXPR], preexec_fn=limit,
                       capture_output=True, timeout=60)
    got = (p.returncode, p.stdout.decode(), p.stderr.decode())
    if got != (1, "1\n", OOM_ERR):
        return False, "expected status 1, '1' and the hint, got %r" % (got,)
    return True, ""

def normalise(transcript):
    return re.sub(r"<input>:1:\d+: error: interrupted\n(  .*\n) *\^\n",
                  r"<input>:1:COL: error: interrupted\n\1CARET\n", transcript)

def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="impact-repl.") as home:
        history = os.path.join(home, "history")
        folder = paths_folder(home)
        cases = [("basics", basics, BASICS, None), ("ctrl_c_at_prompt", ctrl_c_at_prompt, CTRL_C_AT_PROMPT, None),
                 ("help_words", help_words, HELP_WORDS, None),
                 ("ctrl_d_at_continuation", ctrl_d_at_continuation, CTRL_D_AT_CONTINUATION, None),
                 ("completion", completion, COMPLETION, None),
                 ("completion_paths", completion_paths, COMPLETION_PATHS, folder),
                 ("completion_columns", completion_columns, COMPLETION_COLUMNS, folder),
                 ("completion_mixed_titles", completion_mixed_titles, COMPLETION_MIXED_TITLES, folder),
                 ("reload_after_failed_load", reload_after_failed_load, RELOAD_AFTER_FAILED_LOAD, folder),
                 ("load_data_file", load_data_file, LOAD_DATA_FILE, folder),
                 ("ctrl_c_during_evaluation", ctrl_c_during_evaluation, CTRL_C_DURING_EVALUATION, None)]
        for name, drive, expected, cwd in cases:
            s = Session(history, cwd)
            drive(s)
            actual, status = s.finish()
            actual = normalise(actual)
            if actual == expected and status == 0 and not s.timed_out:
                passed += 1
                continue
            failed += 1
            if s.timed_out:
                print("FAIL %s: waited %d s for an answer that did not come" % (name, TIMEOUT))
                if actual == expected and status == 0:
                    continue
            print("FAIL %s: transcript differs or exit status %d (--- expected, +++ actual)" % (name, status))
            for d in list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True)))[2:]:
                print("    " + d, end="" if d.endswith("\n") else "\n")
        for name, case in [("history", lambda: history_case(history)), ("out_of_memory", out_of_memory_case)]:
            ok, why = case()
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s: %s" % (name, why))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)

main()
PY
