#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""make check-report, second part: impact import.

  roundtrip.py IMPACT WORKDIR MODEL.impact...

1. Round trip: for every model of each file and each language, `impact
   report --model NAME -o x.xlsx` then `impact import x.xlsx -o y.impact`;
   the imported model's figures (each outcome's impact and present value,
   the inputs, the total present value, the ratio, the value funder_share
   attributes to each funder; `impact report --format json`) equal the
   original's (at its central point) to 1e-9, and funder_share, each
   outcome's materiality, its reason, its grades of evidence and its
   distance travelled are the same.
2. A value map written by hand in the SVI template's layout (openpyxl
   writes it: two "Value £" columns, the financial proxy described in words,
   shares typed as 25 and as 0.1, stakeholder cells merged down): imported,
   it gives the ratio worked out by hand below.
Prints one line per failure; exits 1 if any.
"""
import json, os, subprocess, sys

IMPACT, WORK, MODELS = sys.argv[1], sys.argv[2], sys.argv[3:]
env = dict(os.environ, LC_ALL="C.UTF-8")
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL", msg)


def impact(*args, quiet_no_model=False):
    r = subprocess.run([IMPACT, *args], capture_output=True, env=env)
    if quiet_no_model and b"defines no model" in r.stderr:
        return ""  # a file that builds no model has no report
    if r.returncode != 0:
        fail(f"impact {' '.join(args)}: exit {r.returncode}: {r.stderr.decode()[-500:]}")
    return r.stdout.decode()


def all_figures(path, quiet_no_model=False):
    out = impact("report", path, "--format", "json", quiet_no_model=quiet_no_model)
    return json.loads(out)["models"] if out else []


def figures(path, quiet_no_model=False):
    models = all_figures(path, quiet_no_model)
    return models[0] if models else None


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


os.makedirs(WORK, exist_ok=True)
round_trips = 0
for model, base in [(m, b) for m in MODELS for b in all_figures(m, quiet_no_model=True)]:
    for lang in ("en", "fr"):
        round_trips += 1
        xlsx = os.path.join(WORK, f"{os.path.basename(model)}.{base['name']}.{lang}.xlsx")
        back = os.path.join(WORK, f"{os.path.basename(model)}.{base['name']}.{lang}.impact")
        impact("report", model, "--model", base["name"], "--lang", lang, "-o", xlsx)
        impact("import", xlsx, "-o", back)
        got = figures(back)
        if got is None:
            continue
        pairs = [("present value", base["results"]["present_value"], got["results"]["present_value"]),
                 ("inputs", base["results"]["inputs"], got["results"]["inputs"]),
                 ("ratio", base["results"]["ratio"], got["results"]["ratio"])]
        for a, b in zip(base["outcomes"], got["outcomes"]):
            pairs += [(f"{a['name']}.impact", a["impact"], b["impact"]),
                      (f"{a['name']}.present_value", a["present_value"], b["present_value"])]
        if len(base["outcomes"]) != len(got["outcomes"]):
            fail(f"{model} [{lang}]: {len(got['outcomes'])} outcomes imported of {len(base['outcomes'])}")
        # the funders' convention and the value attributed to each (METHOD §1.11)
        if base["funder_share"] != got["funder_share"]:
            fail(f"{model} [{lang}]: funder_share {got['funder_share']!r} after the round trip, "
                 f"{base['funder_share']!r} before")
        for a, b in zip(base["funders"], got["funders"]):
            if "attributed_value" in a:
                pairs.append((f"{a['name']}'s attributed value", a["attributed_value"],
                              b.get("attributed_value", float("nan"))))
        # the reviewer's columns come back as they were (docs/METHOD.md §1.12)
        for a, b in zip(base["outcomes"], got["outcomes"]):
            for key in ("material", "material_reason", "proxy_evidence", "quantity_evidence",
                        "distance"):
                if a.get(key) != b.get(key):
                    fail(f"{model} [{lang}]: {a['name']}.{key} is {b.get(key)!r} after the "
                         f"round trip, {a.get(key)!r} before")
        for what, a, b in pairs:
            if not close(a, b):
                fail(f"{model} [{lang}]: {what} is {b} after the round trip, {a} before")

# every model of every file given (a file that builds no model, such as a
# network of results, has none)
if round_trips < 2:
    fail(f"only {round_trips} round trips: the example models were not found")
print(f"roundtrip.py: {round_trips} round trips (every model of {len(MODELS)} files, en and fr)")

# A value map typed by hand in the SVI template's layout.
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Value map"
ws.append(["Stage 1", None, "Stage 2", None, None, "Stage 3"])
ws.append(["Stakeholders", "Intended/unintended changes", "Inputs", "Value £", "Outputs",
           "Description", "Indicator", "Source", "Quantity", "Duration", "Financial proxy",
           "Value £", "Source", "Deadweight %", "Displacement %", "Attribution %", "Drop off %",
           "Impact"])
ws.append(["Young people", "Into work", "Time", 2000, "Workshops", "Get and keep a job",
           "jobs after 6 months", "follow-up", 10, 2, "Average net salary for a year", 15000,
           "national statistics", 25, 0, 0.1, 50, None])
ws.append([None, "More confident", None, None, None, "Feel more confident",
           "survey score", "survey", 20, 1, "Cost of a confidence course", 500, "provider",
           0.5, 0, 0, 0, None])
ws.append(["Funder", "Programme delivered", "Grant", 48000, None, "", "", "", 0, 1, "",
           0, "", 0, 0, 0, 0, None])
path = os.path.join(WORK, "svi-by-hand.xlsx")
wb.save(path)
text = impact("import", path)
model = os.path.join(WORK, "svi-by-hand.impact")
open(model, "w").write(text)
got = figures(model)
# By hand, Guide discounting at 3.5%: into work 10 × 15000 × 0.75 × 0.9 =
# 101250 in year 1, 50625 in year 2 (50% drop-off); confident 20 × 500 × 0.5
# = 5000 in year 1; PV = (101250 + 5000) / 1.035 + 50625 / 1.035² =
# 102657.005 + 47259.562 = 149916.567; inputs 2000 + 48000 = 50000;
# ratio 2.99833.
if got is not None:
    if not close(got["results"]["present_value"], 106250 / 1.035 + 50625 / 1.035 ** 2):
        fail(f"SVI layout: present value {got['results']['present_value']}, by hand 149916.567")
    if not close(got["results"]["inputs"], 50000):
        fail(f"SVI layout: inputs {got['results']['inputs']}, by hand 50000")
    names = [o["name"] for o in got["outcomes"]]
    if names != ["into_work", "more_confident", "programme_delivered"]:
        fail(f"SVI layout: outcomes {names}")

# A figure typed as words ("about ten", a line break in it): not dropped
# without a word, but a comment in the outcome, on one line, so that no
# text of the sheet becomes code; the figures typed as numbers are read.
ws.cell(row=3, column=9, value="about ten\nquantity = 1e9")
ws.cell(row=3, column=10, value="two years")
path = os.path.join(WORK, "svi-words.xlsx")
wb.save(path)
text = impact("import", path)
want = ['    # quantity: the value map says "about ten quantity = 1e9", which is not a number: '
        'write the figure here',
        '    # duration: the value map says "two years", which is not a number: write the figure here']
for line in want:
    if line not in text.split("\n"):
        fail(f"SVI layout with words: no comment {line!r} in\n{text}")
if "quantity = 1e9" in text.replace('"about ten quantity = 1e9"', ""):
    fail(f"SVI layout with words: a cell's text became code:\n{text}")
sys.exit(1 if failures else 0)
