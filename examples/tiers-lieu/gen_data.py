#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""gen_data.py — SYNTHETIC data for the tiers-lieu example (no real place).

Writes, next to this script (fixed seed, identical at every run):
  events.csv     one row per event of the year: date, category, whether it
                 was open to the public, participants (Commune Mesure
                 `evenements` block, docs/METHOD.md §9.3)
  occupants.csv  wellbeing survey of the occupants (coworkers, artisans,
                 entrepreneurs): life satisfaction 0-10 at arrival (T0) and
                 twelve months later (T1)
  users.csv      job-seeking users followed by the place's employment desk:
                 status at entry and at the end of the year
Every file carries a column `origine` saying the data are synthetic.
"""
import csv
import datetime as dt
import os
import random

ORIGIN = "synthétique (examples/tiers-lieu/gen_data.py)"
CATEGORIES = [("Atelier de réparation", 0.25), ("Formation numérique", 0.20),
              ("Permanence France services", 0.20), ("Concert ou spectacle", 0.15),
              ("Marché de producteurs", 0.10), ("Réunion associative", 0.10)]


def pick(rng, weighted):
    """One label of [(label, weight), ...], drawn by weight (one rng.random())."""
    labels, weights = zip(*weighted)
    return rng.choices(labels, weights)[0]


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(1789)
    events = []
    for i in range(1, 141):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 365))
        cat = pick(rng, CATEGORIES)
        public = "oui" if cat not in ("Réunion associative",) else "non"
        events.append([i, day.isoformat(), cat, public, rng.randint(6, 80), ORIGIN])
    events.sort(key=lambda r: r[1])
    write(os.path.join(here, "events.csv"),
          ["id", "date", "categorie", "public", "participants", "origine"], events)
    occupants = []
    for i in range(1, 31):
        ls0 = max(0, min(10, round(rng.gauss(6.2, 1.5))))
        ls1 = max(0, min(10, round(ls0 + rng.gauss(0.3, 1.0))))
        # every occupant answered both waves: with 1 to 10 non-respondents the
        # count of respondents would be suppressed (secondary suppression:
        # the total minus it gives back the non-respondents, SPEC chapter 4).
        # The draw that used to drop a T1 answer now gives an unchanged one,
        # so the later files and the model's figures stay the same.
        occupants.append([i, ls0, ls1 if rng.random() < 0.9 else ls0, ORIGIN])
    write(os.path.join(here, "occupants.csv"), ["id", "ls_t0", "ls_t1", "origine"], occupants)
    users = []
    statuses = [("chômage de longue durée", 0.45), ("RSA", 0.30), ("chômage de moins d'un an", 0.25)]
    for i in range(1, 91):
        entry = pick(rng, statuses)
        now = "emploi" if rng.random() < 0.42 else ("formation" if rng.random() < 0.3 else "sans emploi")
        users.append([i, entry, now, ORIGIN])
    write(os.path.join(here, "users.csv"), ["id", "statut_entree", "statut_fin", "origine"], users)


if __name__ == "__main__":
    main()
