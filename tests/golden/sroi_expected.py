#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""Independent recomputation of the SROI test models (tests/unit/test_sroi.c,
tests/golden/sroi_*.impact), written from docs/METHOD.md §1.2-1.6 only:

  impact = Q * P * (1-DW) * (1-DS) * (1-AT) * (1-LK)
  V(t)   = impact * (1-DO)^(t-s) * w, s <= t <= s+ceil(D)-1, w = min(1, D-(t-s))
  PV     = sum V(t) / (1+r)^t              (guide; t-1 for first_year_undiscounted)
  SROI   = PV / I, NPV = PV - I, net = NPV / I
  payback guide = I / (sum impact / 12); discounted: first t with C_t >= I,
  12 * ((t-1) + (I - C_{t-1}) / d_t)

Run: python3 tests/golden/sroi_expected.py   (prints every figure the tests use)
"""
import math

def outcome(q, p, dw=0, ds=0, at=0, lk=0, do=0, dur=1.0, start=1, profile=None):
    return dict(q=q, p=p, dw=dw, ds=ds, at=at, lk=lk, do=do, dur=dur, start=start, profile=profile)

def stream(o):
    impact = o["q"] * o["p"] * (1 - o["dw"]) * (1 - o["ds"]) * (1 - o["at"]) * (1 - o["lk"])
    vals = {}
    if o["profile"]:
        for k, f in enumerate(o["profile"]):
            vals[o["start"] + k] = impact * f
    else:
        years = math.ceil(o["dur"] - 1e-9)
        for k in range(years):
            vals[o["start"] + k] = impact * (1 - o["do"]) ** k * min(1.0, o["dur"] - k)
    return impact, vals

def factor(r, t, conv):
    if conv == "none": return 1.0
    if conv == "first_year_undiscounted": return (1 + r) ** -(max(t, 1) - 1)
    return (1 + r) ** -t if t > 0 else 1.0

def model(outcomes, inputs, r=0.035, conv="guide", horizon=None):
    pv = {}
    yearly = {}
    annual = 0
    for name, o in outcomes.items():
        impact, vals = stream(o)
        annual += impact
        pv[name] = 0
        for t, v in vals.items():
            if horizon and t > horizon: continue
            d = v * factor(r, t, conv)
            pv[name] += d
            yearly[t] = yearly.get(t, 0) + d
    I = sum(a * factor(r, y, conv) for a, y in inputs)
    total = sum(pv.values())
    cum, disc = 0, None
    for t in sorted(yearly):
        if yearly[t] > 0 and cum + yearly[t] >= I:
            disc = 12 * ((t - 1) + (I - cum) / yearly[t]); break
        cum += yearly[t]
    return dict(pv=pv, total=total, I=I, sroi=total / I, npv=total - I, net=(total - I) / I,
                guide=I / (annual / 12), discounted=disc, annual=annual)

# The reference test model ("trap"): several stakeholders, a negative outcome,
# an outcome starting in year 2, a partial last year (18 months).
TRAP = {
    "employment": outcome(20, 6000, dw=0.30, ds=0.10, at=0.20, do=0.25, dur=3),
    "savings":    outcome(10, 4000, dw=0.20, at=0.25, do=0.50, dur=2, start=2),
    "nuisance":   outcome(50, -100, dw=0.10, dur=1),
    "wellbeing":  outcome(15, 2000, dw=0.25, at=0.40, do=0.20, dur=1.5),
}
TRAP_INPUTS = [(50000, 0), (30000, 0), (10000, 0)]

if __name__ == "__main__":
    for conv in ("guide", "first_year_undiscounted", "none"):
        res = model(TRAP, TRAP_INPUTS, conv=conv)
        print(conv)
        for k, v in res.items(): print("  ", k, repr(v))
    print("horizon 2:", model(TRAP, TRAP_INPUTS, horizon=2))
    print("public (grant only):", model(TRAP, [(50000, 0)])["sroi"])
    r = model(TRAP, TRAP_INPUTS)
    print("people:", r["pv"]["employment"] + r["pv"]["wellbeing"])
    print("state sroi:", r["pv"]["savings"] / r["I"])
    # Traps: what wrong conventions would give, to show the tests tell them apart.
    e = TRAP["employment"]
    print("additive impact", e["q"] * e["p"] * (1 - e["dw"] - e["ds"] - e["at"]), "vs", stream(e)[0])
    # multi-year inputs
    print("inputs year1:", model(TRAP, [(50000, 0), (30000, 1), (10000, 2)]))
