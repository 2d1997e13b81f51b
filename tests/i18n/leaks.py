#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""make check-i18n: a French run says nothing in English, an English run nothing in French.

  leaks.py IMPACT_BINARY [--verbose]

Runs, as a user would:
  - every example (examples/*/*.impact) with --lang fr and with --lang en:
    `impact run` (what it prints, and its warnings) and `impact report
    --format html` (the text of the page, without its markup);
  - every golden test that ends in an error (tests/golden/NAME.code not 0)
    under LC_ALL=fr_FR.UTF-8, the language of the environment: its messages.
Then looks for the words of the other language, from two short stop lists
of words that are common in messages and are not words of the run's language
(ENGLISH below for a French run, FRENCH for an English one).

What is not the program's own words is left out before looking: a line of
source code quoted under an error (the line above a ^ marker), a text
between quotes ('...', "...", « ... », `...`) which is a name, a label or
code the user wrote, and any token holding code characters (a.b, f(x),
n_rows, 12, --flag).  A label the model writes in one language only
(a proper name, a data column's title, a source's title) is allowed in
ALLOWED_LINES, with why; an example written in one language on purpose is
listed in ONE_LANGUAGE (the words of its texts are its labels); a test's
own words in ALLOWED_RUNS.

Prints each leak as `RUN: line` with the word found, and exits 1 when there
is one.  tests/i18n/check.sh runs it (make check-i18n).
"""
import glob, html.parser, os, re, shlex, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Words of English messages that are not French words.  Words of the
# language itself are not listed, since messages show them as code in both
# languages: and, or, not, outcome, stakeholder, input(s), funder, texts...
ENGLISH = set("""
the must expected got number numbers text group groups value values comparison cannot called
used suppressed missing skipped row rows line lines column columns which their its of is are
was were only write hint error warning differences interval built library should this that
these those from to into present answers respondents without both sample samples times each
every none
""".split())

# Words of French messages that are not English words.
FRENCH = set("""
le la les des du une est sont pour avec dans sur pas aucun aucune valeur valeurs effet effets
ressources financeur financeurs modèle personnes parmi entrée période sorties années évitées
données erreur conseil avertissement ligne lignes colonne colonnes répondant répondants ignorés
manquantes reçu doit être chaque leur leurs sans entre après avant depuis moins plus
""".split())

# Lines that may hold the other language, with why: labels, never messages.
ALLOWED_LINES = [
    (r"enDI( export)?\s*:|\benDI\b.*Parcours|Statut social|Situation actuelle",
     "the column titles of enDI's export, French names of the data (models/cae/endi.impact)"),
    (r"\b(DREES|DARES|INSEE|Commune Mesure)\b",
     "the titles of French publications cited as sources of proxies"),
    (r"\bARE\b|\bRSA\b.*\bASS\b", "French acronyms (ARE, RSA, ASS) in an indicator"),
]

# (run, word): words a test writes itself, in its own file.
ALLOWED_RUNS = {
    ("golden core_assert", "must"): "the test's own assert() message",
    ("golden core_module_call_chain", "the"): "the test module's own warn() text",
    ("golden core_module_call_chain", "this"): "the test module's own warn() text",
    ("golden cli_usage_bad_format", "text"): "text, the value --format takes",
}

# Models of examples/ written in one language, by design of the example: a
# model an evaluator writes for one funder has its labels in one language.
# Their labels are labels (SPEC.md, "Labels in several languages").
# The words of the texts written in these files ("..." in the code) are
# allowed in that example's runs: they are the model's labels.
ONE_LANGUAGE = {
    "examples/sroi/artisans.impact": (["examples/sroi/artisans.impact"],
                                      "a model written by hand, in French"),
    "examples/wellbeing/wellbeing.impact": (["examples/wellbeing/wellbeing.impact"],
                                            "a model written by hand: French labels, English prints"),
    "examples/tiers-lieu/tiers-lieu.impact": (["examples/tiers-lieu/tiers-lieu.impact",
                                               "models/tiers-lieux.impact"],
                                              "the tiers-lieux library gives its labels in French only"),
}


def label_words(paths):
    """The words of the texts ("...") written in these model files."""
    words = set()
    for path in paths:
        for text in re.findall(r'"((?:[^"\\\n]|\\.)*)"', open(os.path.join(ROOT, path), encoding="utf-8").read()):
            for _, ws in words_of(text):
                words.update(ws)
    return words

QUOTED = re.compile(r"(?<![\w])'[^'\n]*'(?![\w])|\"[^\"\n]*\"|«[^»\n]*»|`[^`\n]*`|“[^”\n]*”")
CODE = re.compile(r"[_./=()\[\]{}<>0-9%$\\|@#+*−×÷^-]")


class TextOf(html.parser.HTMLParser):
    """The text nodes of an HTML page, one per line, without script and style."""

    def __init__(self):
        super().__init__()
        self.lines, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.lines.append(data.strip())


def words_of(text):
    """(line, [words]) of the program's own words in each line of an output."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        if re.fullmatch(r"\s*\^+\s*", line):
            continue  # the marker under a quoted source line
        if i + 1 < len(lines) and re.fullmatch(r"\s*\^+\s*", lines[i + 1]):
            continue  # the quoted source line itself
        kept = QUOTED.sub(" ", line)
        words = []
        for token in kept.split():
            if CODE.search(token) or (token.isupper() and len(token) > 1):
                continue  # code, or an acronym (ARE, RSA)
            word = token.strip(",;:!?()[]…·'’").lower()
            for part in re.split(r"[’']", word):  # l'entrée, d'un
                if part:
                    words.append(part)
        out.append((line, words))
    return out


def leaks(name, lang, text, labels=frozenset()):
    stop = (ENGLISH if lang == "fr" else FRENCH) - labels
    run = name.split(" (")[0]
    found = []
    for line, words in words_of(text):
        if any(re.search(pattern, line) for pattern, _ in ALLOWED_LINES):
            continue
        bad = sorted({w for w in words if w in stop and (run, w) not in ALLOWED_RUNS})
        if bad:
            found.append(f"{name}: {', '.join(bad)}: {line.strip()}")
    return found


def run(cmd, cwd=ROOT, env_lang=None, stdin=None):
    env = dict(os.environ)
    env.pop("LANGUAGE", None)
    env["LC_ALL"] = env_lang or "C.UTF-8"
    env["XDG_DATA_HOME"] = "/nonexistent/impact-tests"
    env.pop("IMPACT_PATH", None)
    env["IMPACT_DATA"] = os.path.join(ROOT, "tests", "data") + ":" + os.path.join(ROOT, "examples")
    with open(stdin or os.devnull, "rb") as f:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=f, capture_output=True, timeout=120)
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def example_runs(impact):
    for model in sorted(glob.glob(os.path.join(ROOT, "examples", "*", "*.impact"))):
        rel = os.path.relpath(model, ROOT)
        for lang in ("fr", "en"):
            labels = label_words(ONE_LANGUAGE[rel][0]) if rel in ONE_LANGUAGE else frozenset()
            out, err = run([impact, "run", rel, "--lang", lang, "--samples", "200", "--read", "examples"])
            yield f"run {rel} --lang {lang}", lang, out + err, labels
            page, err = run([impact, "report", rel, "--format", "html", "--lang", lang,
                             "--samples", "200", "--read", "examples"])
            parser = TextOf()
            parser.feed(page)
            yield f"report {rel} --format html --lang {lang}", lang, "\n".join(parser.lines) + "\n" + err, labels


def golden_error_runs(impact):
    here = os.path.join(ROOT, "tests", "golden")
    for code in sorted(glob.glob(os.path.join(here, "*.code"))):
        name = os.path.basename(code)[:-5]
        if open(code).read().strip() == "0" or not os.path.exists(os.path.join(here, name + ".impact")):
            continue
        spec = open(os.path.join(here, name + ".args")).read() if os.path.exists(os.path.join(here, name + ".args")) else "run"
        if "--lang" in spec:
            continue  # a test of one language: it says which
        stdin = os.path.join(here, name + ".stdin")
        words = shlex.split(spec)
        if "%nofile" in words:
            words.remove("%nofile")
        elif "%f" in words:
            words = [name + ".impact" if w == "%f" else w for w in words]
        elif "-e" not in words and not os.path.exists(stdin):
            words.append(name + ".impact")
        out, err = run([impact] + words, cwd=here, env_lang="fr_FR.UTF-8",
                       stdin=stdin if os.path.exists(stdin) else None)
        yield f"golden {name} (LC_ALL=fr_FR.UTF-8)", "fr", err, frozenset()


def main():
    if len(sys.argv) < 2:
        print("usage: leaks.py IMPACT_BINARY [--verbose]", file=sys.stderr)
        return 2
    impact = os.path.abspath(sys.argv[1])
    found, runs = [], 0
    for runs_of in (example_runs, golden_error_runs):
        for name, lang, text, labels in runs_of(impact):
            runs += 1
            found += leaks(name, lang, text, labels)
    for f in found:
        print("  " + f)
    if found:
        print(f"check-i18n: {len(found)} lines in the other language in {runs} runs "
              "(fix: wrap the message in _() and translate it, give a library label per language "
              "with {fr: ..., en: ...} and tr(), or, for a label, allow it in tests/i18n/leaks.py, saying why)")
        return 1
    print(f"check-i18n: {runs} runs, each in one language")
    return 0


if __name__ == "__main__":
    sys.exit(main())
