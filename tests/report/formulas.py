# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""The formulas of an impact XLSX report, recomputed in Python.

LibreOffice is not among the test tools, so this module evaluates the small
part of Excel's formula language the report writes (cell references, with a
sheet name or not, $ anchors, + - * / ^, comparisons, SUM over a range, IF,
AND, MIN) from the cells' own inputs: a formula whose recomputed value
differs from the value stored beside it (what a reader that does not
recalculate shows) is wrong, or the stored value is.
"""
import re

TOKEN = re.compile(r"""\s*(?:
    (?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
  | (?P<fn>[A-Z]+)\(
  | (?P<op><=|>=|<>|[-+*/^(),<>=])
)""", re.X)


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref, sheet):
    if "!" in ref:
        sheet, ref = ref.rsplit("!", 1)
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
    ref = ref.replace("$", "")
    return sheet, ref


class Workbook:
    """formulas: openpyxl workbook loaded with data_only=False; cached: the
    same with data_only=True."""

    def __init__(self, formulas, cached):
        self.formulas, self.cached, self.memo = formulas, cached, {}

    def value(self, sheet, ref):
        key = (sheet, ref)
        if key not in self.memo:
            cell = self.formulas[sheet][ref].value
            if isinstance(cell, str) and cell.startswith("="):
                self.memo[key] = self.evaluate(cell[1:], sheet)
            else:
                self.memo[key] = cell if cell is not None else 0
        return self.memo[key]

    def cells(self, sheet, ref):
        a, b = ref.split(":")
        ca, ra = re.match(r"([A-Z]+)(\d+)", a).groups()
        cb, rb = re.match(r"([A-Z]+)(\d+)", b).groups()
        out = []
        for r in range(int(ra), int(rb) + 1):
            for c in range(col_index(ca), col_index(cb) + 1):
                v = self.value(sheet, self.formulas[sheet].cell(row=r, column=c).coordinate)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    out.append(v)
        return out

    def evaluate(self, text, sheet):
        """Python source for the formula, then eval under the few functions."""
        py, pos = [], 0
        while pos < len(text):
            m = TOKEN.match(text, pos)
            if not m:
                raise ValueError(f"cannot read formula ={text} at {text[pos:]!r}")
            pos = m.end()
            if m.group("num"):
                py.append(m.group("num"))
            elif m.group("ref"):
                s, ref = split_ref(m.group("ref"), sheet)
                py.append(f"_range({s!r},{ref!r})" if ":" in ref else f"_cell({s!r},{ref!r})")
            elif m.group("fn"):
                py.append(f"_{m.group('fn')}(")
            else:
                op = m.group("op")
                py.append({"^": "**", "=": "==", "<>": "!="}.get(op, op))
        env = {"_cell": self.value, "_range": self.cells,
               "_SUM": lambda *xs: sum(sum(x) if isinstance(x, list) else x for x in xs),
               "_IF": lambda c, a, b: a if c else b,
               "_AND": lambda *xs: all(xs), "_MIN": min, "_MAX": max}
        return eval("".join(py), {"__builtins__": {}}, env)

    def check(self):
        """(sheet, cell, formula, stored, recomputed) for every formula whose
        stored value is not what it computes; and the number of formulas."""
        wrong, count = [], 0
        for ws in self.formulas.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith("="):
                        count += 1
                        stored = self.cached[ws.title][c.coordinate].value
                        got = self.value(ws.title, c.coordinate)
                        if not isinstance(stored, (int, float)) or \
                                abs(got - stored) > 1e-9 * max(1.0, abs(got), abs(stored)):
                            wrong.append((ws.title, c.coordinate, c.value, stored, got))
        return wrong, count
