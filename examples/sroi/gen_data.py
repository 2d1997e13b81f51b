#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""Writes artisans.csv: 60 fictitious entrepreneurs of a CAE (synthetic data,
fixed seed, standard library only).  Columns: id, entry_status (status on
joining: RSA, ARE, salarie, autre), exit_status (CDI, CDD, creation, associe,
formation, or empty while still in the cooperative)."""
import csv
import random

rng = random.Random(2024)
rows = []
for i in range(1, 61):
    entry = rng.choices(["RSA", "ARE", "salarie", "autre"], weights=[30, 40, 10, 20])[0]
    exit_ = rng.choices(["CDI", "CDD", "creation", "associe", "formation", ""],
                        weights=[20, 15, 15, 15, 10, 25])[0]
    rows.append({"id": f"A{i:03d}", "entry_status": entry, "exit_status": exit_})
with open("artisans.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "entry_status", "exit_status"])
    w.writeheader()
    w.writerows(rows)
