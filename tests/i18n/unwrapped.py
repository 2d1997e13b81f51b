#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""make check-i18n: every message impact shows goes through gettext.

  unwrapped.py [--fix] [FILE...]

Lists each string literal given as the message of a function that shows a
message to the user (the table MESSAGE_ARGS: rt_raise, rt_hint, rt_warn, the
checker's fail, the CSV loader's, the command line's usage_error, the REPL's
printf and fprintf...) that is not wrapped in _(), and each built-in's help in the
stdlib/*/*.def lists that is not marked N_() — FILE:LINE: the text.
Literals with no word in them ("%s", ": ") and the lines of ALLOWED are not
messages.  --fix wraps each one found in _() (run make pot after, and
translate).  Exits 1 when one is found (without --fix).
"""
import os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# function name -> 0-based index of its message (format) argument;
# functions marked * count only in the files given (printf is everywhere
# but shows the user a message only in the command line).
MESSAGE_ARGS = {
    "rt_raise": 2, "rt_hint": 1, "rt_warn": 2, "rt_note": 2,
    "rt_raise_data": 2,
    "fail": 2,               # lang/check.c
    "parse_fail_at": 3,      # lang/
    "loader_fail": 4,        # stdlib/data/csv_messages.c (its hint, index 3, too)
    "cli_usage_error": 0,    # cli/options.c
    "BUILTIN": 5,            # stdlib/*/*.def: a built-in's help (static: N_(), see WRAPPER)
    "BUILTIN_VARIANT": 6,    # the same, for a member of a family of built-ins
}
# The marker a literal is wrapped in: _() translates where it stands; a
# static table's string can only be marked, N_(), and is translated where shown.
WRAPPER = {"BUILTIN": "N_(", "BUILTIN_VARIANT": "N_("}
EXTRA_ARGS = {"loader_fail": [3]}
CLI_ONLY = {"printf": 0, "fprintf": 1, "puts": 0, "fputs": 0}
# Literals that are not sentences in a language: (FILE ending, substring of
# the literal).
ALLOWED = [
    ("cli/main.c", r"impact %s\n"),  # the program's name and version (impact --version)
    ("cli/lsp.c", r"Content-Length: %zu"),  # the Language Server Protocol's header
]


def sources(paths):
    if paths:
        return paths
    out = subprocess.run(["git", "ls-files", "lang/*.[chyl]", "runtime/*.[ch]", "stdlib/*.[ch]",
                          "stdlib/*.def", "cli/*.[ch]"], cwd=ROOT, capture_output=True, text=True).stdout
    return [p for p in out.split() if not p.startswith("tests/")]


def skip_string(s, i):
    """index after the C string or char literal starting at s[i]"""
    q = s[i]
    i += 1
    while i < len(s) and s[i] != q:
        i += 2 if s[i] == "\\" else 1
    return i + 1


def skip_space(s, i):
    while i < len(s):
        if s[i].isspace():
            i += 1
        elif s.startswith("/*", i):
            i = s.index("*/", i) + 2
        elif s.startswith("//", i):
            i = s.index("\n", i)
        else:
            break
    return i


def arguments(s, i):
    """[(start, end)] of the arguments of the call whose '(' is at s[i]"""
    args, depth, start = [], 0, i + 1
    j = i
    while j < len(s):
        c = s[j]
        if c in "\"'":
            j = skip_string(s, j)
            continue
        if s.startswith("/*", j):
            j = s.index("*/", j) + 2
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((start, j))
                return args
        elif c == "," and depth == 1:
            args.append((start, j))
            start = j + 1
        j += 1
    return args


def literal_span(s, a, b):
    """(start, end, text) of the string literal(s) that make the argument
    s[a:b], when the argument is literals only; else None"""
    i = skip_space(s, a)
    start, parts = i, []
    while i < b and s[i] == '"':
        j = skip_string(s, i)
        parts.append(s[i + 1:j - 1])
        end = j
        i = skip_space(s, j)
    if not parts or skip_space(s, i) < b:
        return None
    return start, end, "".join(parts)


def is_message(text):
    # a word of two letters or more outside printf directives
    bare = re.sub(r"%[-+ #0]*\d*(?:\.\d+)?(?:zu|zd|ld|lld|lu|hh|[dsfgicuxXep%])", " ", text)
    bare = re.sub(r"\\[nt\"\\]", " ", bare)
    return re.search(r"[A-Za-z]{2,}", bare) is not None


def allowed(path, text):
    return any(path.endswith(f) and sub in text for f, sub in ALLOWED)


def scan(path):
    s = open(os.path.join(ROOT, path), encoding="utf-8").read()
    table = dict(MESSAGE_ARGS)
    if path.startswith("cli/"):
        table.update(CLI_ONLY)
    names = "|".join(sorted(table, key=len, reverse=True))
    found = []
    for m in re.finditer(r"\b(" + names + r")\s*\(", s):
        line_start = s.rfind("\n", 0, m.start()) + 1
        prefix = s[line_start:m.start()]
        if re.match(r"\s*(#|\*|/\*|//)", prefix) or re.search(r"\b(static|void|bool|int)\s+$", prefix):
            continue  # a comment, a directive or the function's own definition
        args = arguments(s, m.end() - 1)
        name = m.group(1)
        for k in [table[name]] + EXTRA_ARGS.get(name, []):
            if k >= len(args):
                continue
            span = literal_span(s, *args[k])
            if span and is_message(span[2]) and not allowed(path, span[2]):
                found.append((s.count("\n", 0, span[0]) + 1, span, WRAPPER.get(name, "_(")))
    return s, found


def main(argv):
    fix = "--fix" in argv
    paths = sources([a for a in argv if a != "--fix"])
    total = 0
    for path in paths:
        s, found = scan(path)
        total += len(found)
        if fix and found:
            for _, (a, b, _t), wrap in sorted(found, key=lambda f: -f[1][0]):
                s = s[:a] + wrap + s[a:b] + ")" + s[b:]
            open(os.path.join(ROOT, path), "w", encoding="utf-8").write(s)
        elif not fix:
            for line, (_a, _b, text), wrap in found:
                print(f"{path}:{line}: not translated (not in {wrap})): \"{text[:90]}\"")
    if fix:
        print(f"unwrapped.py: wrapped {total} messages in _(); now make pot and translate them")
        return 0
    if total:
        print(f"unwrapped.py: {total} messages are not in _() (lang/i18n.h); "
              "fix: tests/i18n/unwrapped.py --fix, make pot, translate in po/fr.po")
    return 1 if total else 0


sys.exit(main(sys.argv[1:]))
