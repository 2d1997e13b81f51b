#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""Recomputes the figures of wellbeing.impact from the synthetic CSV files,
independently of impact (plain Python + scipy), for tests/golden/wellbeing_example.

SWEMWBS: raw = sum of 7 items (all required) -> Rasch metric (docs/METHOD.md §2.4);
WHO-5: pct = 4 x sum of 5 items (all required); paired t-test with
scipy.stats.ttest_rel; Cronbach's alpha from the covariance matrix.
Run with /usr/bin/python3 (scipy).
"""
import csv
import math
import os

from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
METRIC = [7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88,
          17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03,
          26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00]


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def complete(row, cols):
    vals = [row[c] for c in cols]
    return None if "" in vals else [float(v) for v in vals]


def swemwbs(row):
    v = complete(row, [f"swemwbs_{i}" for i in range(1, 8)])
    return None if v is None else METRIC[int(sum(v)) - 7]


def who5(row):
    v = complete(row, [f"who5_{i}" for i in range(1, 6)])
    return None if v is None else 4 * sum(v)


def main():
    t0, t1 = read("synthetic_survey_t0.csv"), read("synthetic_survey_t1.csv")
    assert [r["id"] for r in t0] == [r["id"] for r in t1]
    pairs = [(swemwbs(a), swemwbs(b)) for a, b in zip(t0, t1)]
    pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
    before, after = [p[0] for p in pairs], [p[1] for p in pairs]
    d = [b - a for a, b in pairs]
    n = len(d)
    mean = sum(d) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    t = stats.ttest_rel(after, before)
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    print(f"SWEMWBS change: n {n}, mean {mean:.6g}, sd {sd:.6g}, CI {mean - half:.6g} to {mean + half:.6g}, "
          f"t {t.statistic:.6g}, p {t.pvalue:.6g}, d_z {mean / sd:.6g}")
    w = [who5(r) for r in t1]
    w = [x for x in w if x is not None]
    m = sum(w) / len(w)
    s = math.sqrt(sum((x - m) ** 2 for x in w) / (len(w) - 1))
    h = stats.t.ppf(0.975, len(w) - 1) * s / math.sqrt(len(w))
    print(f"WHO-5 after: n {len(w)}, mean {m:.6g}, CI {m - h:.6g} to {m + h:.6g}, "
          f"poor {sum(1 for x in w if x <= 50)} of {len(w)}")
    rows = [complete(r, [f"swemwbs_{i}" for i in range(1, 8)]) for r in t0]
    rows = [r for r in rows if r is not None]
    k = 7
    def var(xs):
        mu = sum(xs) / len(xs)
        return sum((x - mu) ** 2 for x in xs) / (len(xs) - 1)
    alpha = k / (k - 1) * (1 - sum(var([r[j] for r in rows]) for j in range(k)) / var([sum(r) for r in rows]))
    print(f"SWEMWBS alpha at entry: n {len(rows)}, alpha {alpha:.6g}")
    print(f"proxy per person (mean): {mean * 0.26 * 13000 * 1.14:.6g} EUR")


if __name__ == "__main__":
    main()
