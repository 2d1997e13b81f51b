#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# tests/data/endi/make.sh — writes the synthetic enDI exports of this folder
# with examples/cae/gen_data.py (fixed seeds: the files come out identical).
#   shape_a_coop.csv  Shape A (recent enDI), 150 people, multi-valued status
#                     cells, line breaks in text cells, a cooperative's own
#                     labels for study levels and zones, two rows of empty
#                     cells and three partial rows (people just created)
#   shape_a_nir.csv   Shape A, 60 people, with enDI's column "Numéro de
#                     sécurité sociale", empty in every row
#   shape_b.csv       Shape B (Autonomie 4.2.1), 60 people: other titles,
#                     ASCII apostrophes, "Nom" twice, statuses empty, the
#                     empty NIR column
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
GEN="$HERE/../../../examples/cae/gen_data.py"
python3 "$GEN" "$HERE" --no-survey --people 150 --seed 7 --vocabulary coop --blank-rows --no-nir-column --out shape_a_coop.csv
python3 "$GEN" "$HERE" --no-survey --people 60 --seed 8 --nir-column --out shape_a_nir.csv
python3 "$GEN" "$HERE" --no-survey --people 60 --seed 9 --shape B --no-nir-column --out shape_b.csv
