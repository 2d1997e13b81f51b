#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""Generates the SYNTHETIC wellbeing survey of examples/wellbeing/.

Fictitious entrepreneurs of a fictitious CAE answer the same questionnaire at
entry (synthetic_survey_t0.csv) and after a year (synthetic_survey_t1.csv): WHO-5 (who5_1..5,
0-5), life satisfaction (0-10), SWEMWBS (swemwbs_1..7, 1-5) and the CBI
work-related scale (cbi_w1..7, scored 0/25/50/75/100).  No real person is
described.  Same respondents, same order (id) in both files.  A few answers
are left empty on purpose so the missing-item rules show.

Run:  python3 gen_survey.py     (fixed seed: the files are reproducible)
"""
import os
import random

SEED = 20240601
N = 40
HERE = os.path.dirname(os.path.abspath(__file__))


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def answers(rng, level, k, lo, hi):
    """k item answers around a person's level (0..1) on the scale lo..hi."""
    return [clamp(round(lo + level * (hi - lo) + rng.gauss(0, 0.8)), lo, hi) for _ in range(k)]


def cbi_answers(rng, strain):
    steps = [0, 25, 50, 75, 100]
    out = [steps[clamp(round(strain * 4 + rng.gauss(0, 0.7)), 0, 4)] for _ in range(6)]
    # item 7 (energy for family and friends) is worded the other way round
    out.append(steps[clamp(round((1 - strain) * 4 + rng.gauss(0, 0.7)), 0, 4)])
    return out


def row(rng, pid, level, strain):
    who5 = answers(rng, level, 5, 0, 5)
    ls = clamp(round(level * 10 + rng.gauss(0, 1)), 0, 10)
    swem = answers(rng, level, 7, 1, 5)
    cbi = cbi_answers(rng, strain)
    return [pid] + who5 + [ls] + swem + cbi


def blank_some(rng, rows, columns, count):
    """Empties `count` answers at random (never the id)."""
    for _ in range(count):
        r = rng.randrange(len(rows))
        c = rng.randrange(1, columns)
        rows[r][c] = ""


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")


def main():
    rng = random.Random(SEED)
    header = (["id"] + [f"who5_{i}" for i in range(1, 6)] + ["life_satisfaction"]
              + [f"swemwbs_{i}" for i in range(1, 8)] + [f"cbi_w{i}" for i in range(1, 8)])
    people = [(f"E{i:03d}", rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7)) for i in range(1, N + 1)]
    t0 = [row(rng, pid, level, strain) for pid, level, strain in people]
    # after a year: wellbeing up on average (+0.08 on the 0..1 level), strain down a little
    t1 = [row(rng, pid, clamp(level + rng.gauss(0.08, 0.08), 0, 1), clamp(strain - 0.05, 0, 1))
          for pid, level, strain in people]
    blank_some(rng, t0, len(header), 4)
    blank_some(rng, t1, len(header), 4)
    write(os.path.join(HERE, "synthetic_survey_t0.csv"), header, t0)
    write(os.path.join(HERE, "synthetic_survey_t1.csv"), header, t1)


if __name__ == "__main__":
    main()
