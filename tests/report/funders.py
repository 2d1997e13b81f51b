#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""make check-report, third part: sharing value among co-funders
(docs/METHOD.md §1.11, SPEC.md "Sharing value among co-funders").

  funders.py IMPACT WORKDIR MODEL.impact...

For every model each file defines (the names `impact report --format json`
gives), a copy of the file with, at its end,

    let funders_check_K = NAME with { funder_share = "pro_rata" }

is reported as JSON (--model funders_check_K), and:
1. the funders' attributed values add up to the model's present value, to
   1e-9 (relative);
2. each funder's attributed value is, computed here from the report's own
   inputs, PV × (its inputs' present value) / (all inputs' present value),
   each input's present value being amount × (1 + r)^-year (year 0 for most:
   its amount) under the Guide's discounting, and its attributed ratio that
   value ÷ its inputs' present value: the model's ratio.
The copy is written in a copy of the file's folder's parent, so that the
data it reads by relative paths (../cae/endi_export.csv) is found.
Prints one line per failure; exits 1 if any.
"""
import json, os, shutil, subprocess, sys

IMPACT, WORK, MODELS = sys.argv[1], sys.argv[2], sys.argv[3:]
env = dict(os.environ, LC_ALL="C.UTF-8")
failures = 0
checked = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL", msg)


def report_json(path, model=None):
    args = [IMPACT, "report", path, "--format", "json"] + (["--model", model] if model else [])
    r = subprocess.run(args, capture_output=True, env=env)
    if b"defines no model" in r.stderr:
        return None
    if r.returncode != 0:
        fail(f"{' '.join(args)}: exit {r.returncode}: {r.stderr.decode()[-400:]}")
        return None
    return json.loads(r.stdout.decode())["models"]


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def check_model(where, m):
    global checked
    pv = m["results"]["present_value"]
    funders = m["funders"]
    if m["funder_share"] != "pro_rata":
        fail(f"{where}: funder_share is {m['funder_share']!r}, not 'pro_rata'")
        return
    total = sum(f["attributed_value"] for f in funders)
    if not close(total, pv):
        fail(f"{where}: the funders' values add up to {total!r}, the present value is {pv!r}")
    # each input's present value, recomputed from the report's inputs
    r = m["discount"]
    own = {}
    for i in m["inputs"]:
        factor = (1 + r) ** -i["year"] if m["discounting"] == "guide" else None
        if factor is None and i["year"] != 0:
            return  # another discounting with dated inputs: the sum alone is checked
        key = i["funder"] or "no funder"
        own[key] = own.get(key, 0) + i["amount"] * (factor or 1)
    all_inputs = sum(own.values())
    for f in funders:
        expected = pv * own.get(f["name"], 0) / all_inputs
        if not close(f["attributed_value"], expected):
            fail(f"{where}: {f['name']} is attributed {f['attributed_value']!r}, "
                 f"pro rata of its inputs {expected!r}")
        if own.get(f["name"], 0) == 0:  # inputs of 0: no ratio, and the value 0
            if "attributed_ratio" in f:
                fail(f"{where}: {f['name']} has inputs of 0 and a ratio")
            continue
        if not close(f["attributed_ratio"], m["results"]["ratio"]):
            fail(f"{where}: {f['name']}'s attributed ratio {f['attributed_ratio']!r} is not "
                 f"the model's {m['results']['ratio']!r}")
    checked += 1


tree = os.path.join(WORK, "tree")
for model in MODELS:
    models = report_json(model)
    if not models:
        continue
    # the file's folder and its neighbours, copied: relative paths still hold
    folder = os.path.dirname(os.path.abspath(model))
    parent = os.path.dirname(folder)
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(parent, tree, ignore=shutil.ignore_patterns("*.xlsx", "*.html"))
    copy = os.path.join(tree, os.path.basename(folder), ".funders_check.impact")
    with open(model, encoding="utf-8") as src, open(copy, "w", encoding="utf-8") as dst:
        dst.write(src.read())
        for k, m in enumerate(models):
            dst.write(f'\nlet funders_check_{k} = {m["name"]} with {{ funder_share = "pro_rata" }}\n')
    for k, m in enumerate(models):
        got = report_json(copy, f"funders_check_{k}")
        if got:
            check_model(f"{model} ({m['name']})", got[0])
print(f"funders: {checked} models checked, {failures} failures")
sys.exit(1 if failures or checked == 0 else 0)
