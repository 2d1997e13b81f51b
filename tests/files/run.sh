#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# tests/files/run.sh IMPACT — files and limits (SPEC.md "Files and limits")
# that golden files cannot show: each check builds its own project in a
# temporary folder, runs impact there, then looks at the disk.
#   1. a used library cannot cut its caller's data file (the file is intact);
#   2. a symbolic link inside the project that leads outside is refused, to
#      the model and to a library (realpath before the check);
#   3. write_csv refuses a read-only file, a symbolic link and a FIFO, and
#      leaves each as it was;
#   4. a new file has mode 0644 under umask 022, and a replaced file keeps
#      its mode (0664 stays 0664);
#   5. Ctrl-C (SIGINT) during a large write leaves the previous file and no
#      temporary file;
#   6. a library looping forever stops at --max-time with a located error;
#   7. running out of memory ends with status 1 and the message, no report;
#   7b. impact pseudonymise writes its copy the same way: onto a symbolic
#      link it is refused, a new copy has mode 0644 under umask 022;
#   8. no built-in runs a command: the C sources call no system(), popen(),
#      exec*() or posix_spawn*(), and fork() only in stdlib/data/sheet_xls.c,
#      which reads an untrusted .xls with libfreexl in a child process (a
#      fault of that library must not reach the interpreter) and never
#      executes anything: the child runs freexl and _exit()s.
# Prints one line per check and "N passed, N failed"; exits 1 on a failure.
set -u
if [ $# -lt 1 ]; then echo "usage: sh tests/files/run.sh IMPACT_BINARY" >&2; exit 2; fi
case "$1" in /*) IMPACT=$1 ;; *) IMPACT=$(pwd)/$1 ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export IMPACT_ROOT="$ROOT"
unset IMPACT_DATA
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
passed=0; failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
ko() { echo "FAIL: $1"; failed=$((failed + 1)); }
umask 022

P=$TMP/project
mkdir -p "$P" "$TMP/common" "$TMP/outside"
printf 'id,age\n' > "$P/people.csv"
i=1; while [ $i -le 30 ]; do printf '%d,%d\n' $i $((20 + i)) >> "$P/people.csv"; i=$((i + 1)); done
cp "$P/people.csv" "$TMP/people.orig"
printf 'fn prepare(path) = {\n  let t = csv(path)\n  write_csv(head(t, 2), path)\n  t\n}\nfn read(path) = csv(path)\n' > "$TMP/common/lib.impact"

# 1
printf 'use "../common/lib" as lib\nlet t = lib.prepare("people.csv")\n' > "$P/m1.impact"
(cd "$P" && "$IMPACT" run m1.impact > /dev/null 2> "$TMP/e1")
status=$?
if [ $status -eq 1 ] && cmp -s "$P/people.csv" "$TMP/people.orig" &&
   grep -q '^\.\./common/lib\.impact:3:12: error: the library \.\./common/lib\.impact may not write files' "$TMP/e1"
then ok "a used library cannot cut its caller's data file (exit 1, file intact)"
else cat "$TMP/e1"; ko "library truncating the caller's data (exit $status)"; fi

# 2
printf 'secret\n' > "$TMP/outside/id_rsa"
ln -s "$TMP/outside/id_rsa" "$P/key.csv"
printf 'print csv("key.csv", header: false)\n' > "$P/m2.impact"
printf 'use "../common/lib" as lib\nprint lib.read("key.csv")\n' > "$P/m2b.impact"
(cd "$P" && "$IMPACT" run m2.impact > "$TMP/o2" 2> "$TMP/e2"); s1=$?
(cd "$P" && "$IMPACT" run m2b.impact > "$TMP/o2b" 2> "$TMP/e2b"); s2=$?
if [ $s1 -eq 1 ] && [ $s2 -eq 1 ] && ! grep -q secret "$TMP/o2" "$TMP/e2" "$TMP/o2b" "$TMP/e2b" &&
   grep -q "m2.impact:1:11: error: csv() may not read 'key.csv': it is outside the project" "$TMP/e2" &&
   grep -q "error: the library ../common/lib.impact may not read 'key.csv'" "$TMP/e2b"
then ok "a link inside the project that leads outside is refused (model and library)"
else cat "$TMP/e2" "$TMP/e2b"; ko "symbolic link out of the project (exit $s1, $s2)"; fi

# 3
printf 'old\n' > "$P/ro.csv"; chmod 444 "$P/ro.csv"
printf 'old\n' > "$TMP/outside/target.csv"; ln -s "$TMP/outside/target.csv" "$P/link.csv"
mkfifo "$P/fifo.csv"
for name in ro link fifo; do
  printf 'write_csv(table(a: [1]), "%s.csv")\n' "$name" > "$P/w_$name.impact"
  (cd "$P" && timeout 10 "$IMPACT" run "w_$name.impact" > /dev/null 2> "$TMP/e3_$name"); eval "s_$name=\$?"
done
if [ "$s_ro" -eq 1 ] && [ "$s_link" -eq 1 ] && [ "$s_fifo" -eq 1 ] &&
   grep -q "refused to write 'ro.csv': the file is read-only" "$TMP/e3_ro" &&
   grep -q "refused to write 'link.csv': it is a symbolic link" "$TMP/e3_link" &&
   grep -q "refused to write 'fifo.csv': it is a pipe (FIFO)" "$TMP/e3_fifo" &&
   [ "$(cat "$P/ro.csv")" = old ] && [ "$(cat "$TMP/outside/target.csv")" = old ] &&
   [ -L "$P/link.csv" ] && [ -p "$P/fifo.csv" ] && [ -z "$(ls -A "$P" | grep '\.tmp')" ]
then ok "write_csv refuses a read-only file, a symbolic link and a FIFO, and leaves them as they were"
else cat "$TMP/e3_ro" "$TMP/e3_link" "$TMP/e3_fifo"; ko "write_csv onto read-only/link/FIFO (exit $s_ro, $s_link, $s_fifo)"; fi

# 4: under umask 022 a new file is 0666 & ~022 = 0644 (POSIX open(2) and umask(2))
printf 'x\n' > "$P/kept.csv"; chmod 664 "$P/kept.csv"
printf 'write_csv(table(a: [1]), "new.csv")\nwrite_csv(table(a: [1]), "kept.csv")\n' > "$P/m4.impact"
(cd "$P" && "$IMPACT" run m4.impact > /dev/null 2> "$TMP/e4"); status=$?
if [ $status -eq 0 ] && [ "$(stat -c %a "$P/new.csv")" = 644 ] && [ "$(stat -c %a "$P/kept.csv")" = 664 ] &&
   [ "$(cat "$P/kept.csv")" = "$(printf 'a\n1')" ]
then ok "written files: 0644 under umask 022; a replaced file keeps its mode"
else cat "$TMP/e4"; ls -l "$P"; ko "file modes (exit $status)"; fi

# 5: a table of 2,000,000 rows is written in about a second; SIGINT is sent
# as soon as the temporary file holds data, as Ctrl-C would be.
/usr/bin/python3 - "$P/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,label,amount\n")
    for i in range(2_000_000):
        f.write(f"{i},label number {i % 977},{i * 0.25}\n")
PY
printf 'previous\n' > "$P/out.csv"
printf 'let t = csv("big.csv", min_cell: 1)\nwrite_csv(t, "out.csv")\n' > "$P/m5.impact"
/usr/bin/python3 - "$IMPACT" "$P" > "$TMP/o5" 2>&1 <<'PY'
import glob, os, signal, subprocess, sys, time
impact, project = sys.argv[1], sys.argv[2]
# Ctrl-C as a terminal sends it: default SIGINT disposition in the child
p = subprocess.Popen([impact, "run", "m5.impact"], cwd=project, stderr=subprocess.PIPE,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
deadline = time.time() + 60
sent = False
while time.time() < deadline and p.poll() is None:
    temps = glob.glob(os.path.join(project, ".out.csv.tmp*"))
    if temps and os.path.getsize(temps[0]) > 1_000_000:
        p.send_signal(signal.SIGINT)
        sent = True
        break
    time.sleep(0.005)
p.wait()
print("sent" if sent else "not-sent", p.returncode)
PY
temps=$(ls -A "$P" | grep -c '\.tmp')
if grep -q '^sent -2$' "$TMP/o5" && [ "$(cat "$P/out.csv")" = previous ] && [ "$temps" -eq 0 ]
then ok "Ctrl-C during a large write leaves the previous file and no temporary file"
else cat "$TMP/o5"; ls -la "$P"; ko "SIGINT during a write ($temps temporary files)"; fi
rm -f "$P/big.csv"

# 6: spin(80) makes 2^81 calls: it never ends on its own
printf 'fn spin(n) = if n == 0 then 0 else spin(n - 1) + spin(n - 1)\nfn forever() = spin(80)\n' > "$TMP/common/loop.impact"
printf 'use "../common/loop" as loop\nprint loop.forever()\n' > "$P/m6.impact"
start=$(date +%s)
(cd "$P" && timeout 30 "$IMPACT" run --max-time 1 m6.impact > /dev/null 2> "$TMP/e6"); status=$?
took=$(( $(date +%s) - start ))
if [ $status -eq 1 ] && [ $took -le 5 ] &&
   grep -q '^\.\./common/loop\.impact:1:[0-9]*: error: stopped: the run took longer than the 1 s that --max-time allows' "$TMP/e6" &&
   grep -q 'called from m6.impact:2:19' "$TMP/e6"
then ok "a library looping forever stops at --max-time 1 with a located error (${took} s)"
else cat "$TMP/e6"; ko "--max-time (exit $status after $took s)"; fi

# 7: 50,000,000 samples need 400 MB per uncertain figure, more than 300 MB
# (not under AddressSanitizer, which reserves more address space than that)
# gcc links AddressSanitizer as libasan.so, clang into the binary itself: a
# memory limit stops either before main (its shadow memory is reserved first)
if ldd "$IMPACT" 2>/dev/null | grep -q libasan || grep -qa '__asan_init' "$IMPACT"; then
  ok "out of memory: skipped under AddressSanitizer"
else
(ulimit -v 300000; "$IMPACT" run --samples 50000000 "$ROOT/examples/sroi/artisans.impact" > "$TMP/o7" 2> "$TMP/e7"); status=$?
if [ $status -eq 1 ] && grep -q 'error: out of memory' "$TMP/e7" && ! grep -q '?' "$TMP/o7"
then ok "out of memory: exit 1 with the message, no report"
else cat "$TMP/e7"; ko "out of memory (exit $status)"; fi
# 7a: a file of 300,000 columns (3 rows) at --samples' default: the hint
# names the data file's columns and rows, not --samples alone
awk 'BEGIN { for (r = 0; r < 4; r++) { for (i = 0; i < 300000; i++) printf "%s%s", (i ? ";" : ""), (r ? "1" : "c" i); print "" } }' > "$P/wide.csv"
(cd "$P" && ulimit -v 300000 && "$IMPACT" -e 'count(csv("wide.csv"))' > /dev/null 2> "$TMP/e7a"); status=$?
if [ $status -eq 1 ] && grep -q 'error: out of memory' "$TMP/e7a" && grep -q 'fewer columns or rows' "$TMP/e7a"
then ok "out of memory on a file of 300,000 columns: the hint names its columns and rows"
else cat "$TMP/e7a"; ko "out of memory on a wide file (exit $status)"; fi
fi

# 7b
printf 'Nom,Age\nDupont,34\nMartin,41\n' > "$P/export.csv"
printf 'old\n' > "$TMP/outside/copy.csv"; ln -s "$TMP/outside/copy.csv" "$P/copy_link.csv"
(cd "$P" && "$IMPACT" pseudonymise export.csv -o copy_link.csv --key "$TMP/key" > /dev/null 2> "$TMP/e7b"); s1=$?
(cd "$P" && "$IMPACT" pseudonymise export.csv -o copy.csv --key "$TMP/key" > /dev/null 2> "$TMP/e7c"); s2=$?
if [ $s1 -eq 1 ] && grep -q "refused to write 'copy_link.csv': it is a symbolic link" "$TMP/e7b" &&
   [ "$(cat "$TMP/outside/copy.csv")" = old ] && [ $s2 -eq 0 ] && [ "$(stat -c %a "$P/copy.csv")" = 644 ]
then ok "impact pseudonymise: a link is refused, a new copy is 0644 under umask 022"
else cat "$TMP/e7b" "$TMP/e7c"; ko "pseudonymise writes (exit $s1, $s2)"; fi
# 7d: a file of one person is "1 row" (French "1 ligne"), two are "2 rows"
printf 'Nom,Age\nDupont,34\n' > "$P/one.csv"
(cd "$P" && "$IMPACT" pseudonymise one.csv -o one_out.csv --key "$TMP/key" > "$TMP/o7d" 2>&1 &&
  "$IMPACT" pseudonymise --lang fr one.csv -o one_out.csv --key "$TMP/key" >> "$TMP/o7d" 2>&1 &&
  "$IMPACT" pseudonymise export.csv -o two_out.csv --key "$TMP/key" >> "$TMP/o7d" 2>&1); status=$?
if [ $status -eq 0 ] && grep -q '^one.csv -> one_out.csv: 1 row; ' "$TMP/o7d" &&
   grep -q '^one.csv -> one_out.csv : 1 ligne ; ' "$TMP/o7d" && grep -q '^export.csv -> two_out.csv: 2 rows; ' "$TMP/o7d"
then ok "impact pseudonymise: 1 row, 1 ligne, 2 rows"
else cat "$TMP/o7d"; ko "pseudonymise row count wording (exit $status)"; fi

# 8
if grep -rnE '\b(system|popen|vfork|execl|execlp|execle|execv|execvp|execvpe|fexecve|posix_spawn|posix_spawnp)[[:space:]]*\(' \
     "$ROOT/lang" "$ROOT/runtime" "$ROOT/stdlib" "$ROOT/cli" --include='*.[chly]' > "$TMP/o8" ||
   grep -rnE '\bfork[[:space:]]*\(' "$ROOT/lang" "$ROOT/runtime" "$ROOT/stdlib" "$ROOT/cli" \
     --include='*.[chly]' | grep -v "^$ROOT/stdlib/data/sheet_xls\.c:" >> "$TMP/o8"
then cat "$TMP/o8"; ko "a built-in could run a command"
else ok "no built-in runs a command (no system/popen/exec in the C sources; fork only to read an .xls apart)"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
