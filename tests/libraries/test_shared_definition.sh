#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# test_shared_definition.sh IMPACT — proves that the tiers-lieux model takes
# its wellbeing outcome from the shared CAE definitions by `use`, not by copy:
# with a library root whose models/cae/outcomes.impact sets the wellbeing
# deadweight to 60 % instead of 20 %, the tiers-lieux wellbeing value must be
# multiplied by exactly (1 − 0.60) / (1 − 0.20) = 0.5 (the deadweight enters
# the SROI arithmetic as the factor 1 − deadweight, docs/METHOD.md §1.2).
set -u
IMPACT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp -r "$ROOT/stdlib" "$ROOT/models" "$TMP/"
sed -i 's/^  deadweight: 20%,$/  deadweight: 60%,/' "$TMP/models/cae/outcomes.impact"
if cmp -s "$ROOT/models/cae/outcomes.impact" "$TMP/models/cae/outcomes.impact"; then
  echo "FAIL: could not change the shared wellbeing deadweight in the copy"; exit 1
fi
cd "$HERE"
base=$(IMPACT_ROOT="$ROOT" "$IMPACT" run shared_probe.impact 2>/dev/null) || { echo "FAIL: $base"; exit 1; }
changed=$(IMPACT_ROOT="$TMP" "$IMPACT" run shared_probe.impact 2>/dev/null) || { echo "FAIL: $changed"; exit 1; }
# values are in cents, rounded: allow one cent either way
if python3 -c "import sys; b, c = float('$base'), float('$changed'); sys.exit(0 if b > 0 and abs(c - b * 0.5) <= 1 else 1)"; then
  echo "ok: shared definition reaches the tiers-lieux model ($base -> $changed cents)"
else
  echo "FAIL: expected $changed to be half of $base"; exit 1
fi
