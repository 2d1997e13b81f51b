# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""One report, one language: the words of a report are all in its language.

The test reads the catalogue itself (po/fr.po): in a French report, no text
(an HTML text node, a workbook cell or sheet name, a CSV cell, a field of the
text report, a JSON string) may be one of the English messages whose French
differs; in an English report, none may be one of their French
translations.  The model's own labels are not the catalogue's words (a label
that happened to be one would be reported: rename it or add it to LABELS).
A message with printf directives matches any text it could print.
"""
import functools, html.parser, os, re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIRECTIVE = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfFgGcsp%]")
# Words both languages write the same way, or a model's labels that are also
# catalogue words: never reported.
LABELS = {"p5", "p50", "p95", "SROI", "Impact", "Source", "Attribution", "Total"}


def _unquote(s):
    """The text of a PO string literal ("..." with C escapes, UTF-8)."""
    return s[1:-1].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def catalogue(path=os.path.join(ROOT, "po", "fr.po")):
    """[(English, French)] of every translated message."""
    pairs, entry, key = [], {}, None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            if entry.get("msgid") and entry.get("msgstr"):
                pairs.append((entry["msgid"], entry["msgstr"]))
            entry, key = {}, None
            continue
        m = re.match(r'(msgctxt|msgid|msgstr)\s+(".*")$', line)
        if m:
            key = m.group(1)
            entry[key] = _unquote(m.group(2))
        elif line.startswith('"') and key:
            entry[key] += _unquote(line)
    if entry.get("msgid") and entry.get("msgstr"):
        pairs.append((entry["msgid"], entry["msgstr"]))
    return pairs


def _pattern(message):
    parts = DIRECTIVE.split(message.strip())
    letters = sum(len(re.findall(r"[^\W\d_]", p)) for p in parts)
    if letters < 3:
        return None  # "%s: %s", "p5": nothing to tell the languages apart
    return re.compile(".+".join(re.escape(p) for p in parts) + r"\s*:?", re.S)


@functools.lru_cache(maxsize=None)
def foreign_patterns(lang):
    """The catalogue's words that must not appear in a report in `lang`
    (read and compiled once: the regular expression module's cache holds
    far fewer than the catalogue's thousands)."""
    out = []
    for english, french in catalogue():
        if english.strip() == french.strip():
            continue
        text = english if lang == "fr" else french
        if text.strip() in LABELS:
            continue
        p = _pattern(text)
        if p:
            out.append((text, p))
    return out


@functools.lru_cache(maxsize=None)
def _any_foreign(lang):
    """One expression matching what any of foreign_patterns(lang) matches:
    the regular expression engine tries them all far faster than a loop."""
    return re.compile("|".join("(?:%s)" % p.pattern for _, p in foreign_patterns(lang)), re.S)


def foreign(texts, lang):
    """(text, message) for each text that is a message of the other language."""
    patterns = foreign_patterns(lang)
    found = []
    for t in {t.strip() for t in texts if t and t.strip()}:
        if not _any_foreign(lang).fullmatch(t):
            continue
        for message, p in patterns:
            if p.fullmatch(t):
                found.append((t, message))
                break
    return found


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for k, v in attrs:
            if k in ("title", "aria-label", "alt") and v:
                self.texts.append(v)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.texts.append(data)


def html_texts(path):
    p = _Text()
    p.feed(open(path, encoding="utf-8").read())
    return p.texts


def xlsx_texts(wb):
    """The texts of an openpyxl workbook."""
    out = list(wb.sheetnames)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            out += [c.value for c in row if isinstance(c.value, str) and not c.value.startswith("=")]
    return out


def csv_texts(rows):
    return [c for r in rows for c in r]


def text_report_texts(text):
    """The fields of the text report: its lines cut at two spaces or more,
    and at ': ' (a heading followed by its figure)."""
    out = []
    for line in text.splitlines():
        for field in re.split(r"\s{2,}", line):
            out.append(field)
            out += field.split(": ")[:1]
    return out


def json_texts(doc):
    out = []
    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str):
            out.append(v)
    walk(doc)
    return out


# Words only English writes (function words, not names): a French text that
# holds one is a sentence left in English.  Names of the model (outcome and
# input names, which are identifiers) are taken out first.
ENGLISH_WORDS = {"the", "of", "is", "was", "with", "from", "which", "and", "are", "this", "that",
                 "into", "when", "over", "per", "not", "written", "computed", "uses", "comes",
                 "by", "for", "it", "its", "be", "has", "have", "each", "every", "then", "than",
                 "only", "between", "after", "before", "year", "years", "months", "default",
                 "last", "half", "none", "no"}


def english_words(texts, names=()):
    """The English words found in texts (a list of strings), each with the
    text it is in; the identifiers in `names` are not words."""
    found = []
    skip = {n.lower() for n in names}
    for t in texts:
        t = re.sub(r"`[^`]*`", " ", t)  # code quoted from the model
        t = re.sub(r"(?m)^\s*let .*?(\[|$)", " ", t)  # a line of the model (explain's chain)
        for w in re.findall(r"[A-Za-z_.`][\w.'’`]*", t):
            if re.search(r"[_.`]", w):
                continue  # an identifier (present_value, m.inputs) or code
            if len(w) > 1 and w.isupper():
                continue  # an acronym (ARE, RSA)
            lw = w.lower()
            if lw in ENGLISH_WORDS and lw not in skip:
                found.append((w, t.strip()[:120]))
                break
    return found
