# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""test_languages.py IMPACT — the libraries speak the run's language.

Runs examples/tiers-lieu, examples/network, examples/cae and library errors with
--lang fr and --lang en, and checks that each line the libraries print is
the whole sentence of that language with its figures written as a report of
that language writes them (SPEC.md, "How numbers print": format()).  The
figures are recomputed here from the examples' CSV files with Python's csv
module, not read from impact:

  tiers-lieu (events.csv): the events are the rows, participants their sum,
  the public share the rows with public = oui over all rows (one decimal),
  the services the participants of "Permanence France services" and
  "Formation numérique"; the SROI is the JSON output's, rounded to 2
  decimals here.
  network: 6 cooperatives (the CAE example and the 5 rows of results.csv),
  entrepreneurs 240 + the column's sum; inputs the CAE example's
  20000 + 25000 + 60000 + 30000 + 95000 EUR and 420 volunteer hours at the
  SMIC horaire brut 11.88 EUR (std/proxies_fr), plus the column's sum; a
  member's ratio is its median present value (the middle of the 90 %
  interval, the distribution being normal) over its inputs, within 0.02
  (Monte Carlo); Epsilon (8 people) is hidden, and Delta (31, the smallest
  shown) with it.
  network too small: 4 + 5 = 9 people, under the threshold of 11.

French figures: thousands grouped by U+202F, a decimal comma, U+202F before
%, U+00A0 before the currency sign.  Prints "ok: ..." or the failures and
exits 1.
"""
import csv
import json
import os
import subprocess
import sys

IMPACT = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NNBSP, NBSP = "\u202f", "\u00a0"
failures = []


def run(args, cwd):
    env = dict(os.environ, IMPACT_ROOT=ROOT, LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)
    p = subprocess.run([IMPACT] + args, cwd=cwd, env=env, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def french(x, decimals=0):
    """x written the French way: 6 250, 88,6, 874 990."""
    text = "%.*f" % (decimals, x)
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return NNBSP.join(groups) + ("," + frac if frac else "")


def expect_line(what, text, line):
    if line not in text.split("\n"):
        failures.append("%s: no line %r in:\n%s" % (what, line, text))


def expect_absent(what, text, words):
    for w in words:
        if w in text:
            failures.append("%s: %r should not be there:\n%s" % (what, w, text))


# ---- tiers-lieu ------------------------------------------------------------------
folder = os.path.join(ROOT, "examples", "tiers-lieu")
rows = list(csv.DictReader(open(os.path.join(folder, "events.csv"), encoding="utf-8"), delimiter=";"))
events = len(rows)
people = sum(int(r["participants"]) for r in rows)
share = round(100 * sum(r["public"] == "oui" for r in rows) / events, 1)
services = sum(int(r["participants"]) for r in rows
               if r["categorie"] in ("Permanence France services", "Formation numérique"))
code, out, err = run(["run", "--format", "json", "tiers-lieu.impact"], folder)
ratio = round(json.loads(out)["models"][0]["sroi"], 2)

code, fr, err = run(["--lang", "fr", "run", "tiers-lieu.impact"], folder)
for line in ["T1 [users] événements dans l'année : " + french(events),
             "T1 [users] participants aux événements : " + french(people),
             "T1 [users] part des événements ouverts au public : " + french(share, 1) + NNBSP + "%",
             "T4 [territory] participants aux services (France services, numérique) : " + french(services),
             "SROI : " + french(ratio, 2) + " € de valeur sociale par € investi"]:
    expect_line("tiers-lieu --lang fr", fr, line)
expect_absent("tiers-lieu --lang fr", fr, ["events in the year", "social value per EUR", "Value map"])

code, en, err = run(["--lang", "en", "run", "tiers-lieu.impact"], folder)
for line in ["T1 [users] events in the year: %d" % events,
             "T1 [users] participants in the events: %d" % people,
             "T1 [users] share of the events open to the public: %.1f%%" % share,
             "T4 [territory] participants in the services (France services, digital skills): %d" % services,
             "SROI: %.2f EUR of social value per EUR invested" % ratio]:
    expect_line("tiers-lieu --lang en", en, line)
expect_absent("tiers-lieu --lang en", en, ["dans l'année", "de valeur sociale", "Carte de la valeur"])
# the model's labels too (models/tiers-lieux.impact gives them per language)
expect_line("tiers-lieu --lang en", en, "Model place — Tiers-lieu (third place) — SROI (reference model)")
expect_line("tiers-lieu --lang fr", fr, "Modèle place — Tiers-lieu — SROI (modèle de référence)")
expect_absent("tiers-lieu --lang en", en, ["Usager·es et habitant·es", "Subventions de la Région", "financeur : ", "usager·es"])
expect_absent("tiers-lieu --lang fr", fr, ["Users and inhabitants", "Regional grants", "funder: ", "users unemployed"])

# ---- network ---------------------------------------------------------------------
folder = os.path.join(ROOT, "examples", "network")
members = list(csv.DictReader(open(os.path.join(folder, "results.csv"), encoding="utf-8"), delimiter=";"))
entrepreneurs = 240 + sum(int(m["entrepreneurs"]) for m in members)
inputs = 20000 + 25000 + 60000 + 30000 + 95000 + 420 * 11.88 + sum(float(m["inputs"]) for m in members)
code, fr, err = run(["--lang", "fr", "run", "--read", "../cae", "network.impact"], folder)
code_en, en, err_en = run(["--lang", "en", "run", "--read", "../cae", "network.impact"], folder)
expect_line("network --lang fr", fr, "Réseau : 6 coopératives, %s entrepreneur·es" % french(entrepreneurs))
expect_line("network --lang fr", fr, "Investissements : " + french(inputs) + NBSP + "€")
expect_line("network --lang fr", fr, "Positions (4 coopératives montrées une à une) :")
expect_line("network --lang fr", fr, "  CAE Delta : masqué (secret secondaire : protège un membre plus petit)")
expect_line("network --lang fr", fr, "  CAE Epsilon : masqué (n < 11)")
expect_line("network --lang en", en, "Network: 6 cooperatives, %d entrepreneurs" % entrepreneurs)
expect_line("network --lang en", en, "Inputs: %.0f EUR" % inputs)
expect_line("network --lang en", en, "  CAE Delta: suppressed (secondary: protects a smaller member)")
expect_line("network --lang en", en, "  CAE Epsilon: suppressed (n < 11)")
for m in members[:3]:  # Alpha, Beta, Gamma: shown
    expected = (float(m["pv_p5"]) + float(m["pv_p95"])) / 2 / float(m["inputs"])
    for text, prefix, mark in ((fr, "  %s : SROI " % m["cooperative"], ","),
                               (en, "  %s: SROI " % m["cooperative"], ".")):
        line = next((l for l in text.split("\n") if l.startswith(prefix)), "")
        figure = line[len(prefix):].split(", ")[0]  # "4,82" of "4,82, rang 2 sur 4, ..."
        whole, sep, decimals = figure.partition(mark)
        if not (whole.isdigit() and sep and len(decimals) == 2 and
                abs(float(whole + "." + decimals) - expected) <= 0.02):
            failures.append("network: %r should give %s's ratio %.3f to two decimals after %r" %
                            (line, m["cooperative"], expected, mark))
expect_absent("network --lang fr", fr, ["Network", "rank ", "suppressed", "quartile (highest"])
expect_absent("network --lang en", en, ["Réseau", "rang ", "masqué", "quartile (ratios"])

# ---- CAE (make demo) ------------------------------------------------------------
# The English run's figures are checked against the export by check_cae.py;
# here each French indicator line must give the same figure the French way
# (56.7% -> 56,7 %, 0.23 -> 0,23, 6.44 -> 6,44), and a figure the model needs
# from too small a group stops with a French sentence.
folder = os.path.join(ROOT, "examples", "cae")
code_en, en, err = run(["--lang", "en", "run", "cae.impact"], folder)
code_fr, fr, err = run(["--lang", "fr", "run", "cae.impact"], folder)
en_women = [l for l in en.split("\n") if l.startswith("D1 A1 [entrepreneurs] women among")]
en_ratio = [l for l in en.split("\n") if l.startswith("SROI: ")]
if code_en != 0 or code_fr != 0 or not en_women or not en_ratio:
    failures.append("cae: runs failed (exit %d / %d)" % (code_en, code_fr))
else:
    women = float(en_women[0].rsplit(" ", 1)[1].rstrip("%"))
    ratio = float(en_ratio[0].split()[1])
    expect_line("cae --lang fr", fr, "D1 A1 [entrepreneurs] femmes parmi les personnes accompagnées : "
                + french(women, 1) + NNBSP + "%")
    expect_line("cae --lang fr", fr, "SROI : " + french(ratio, 2) + " € de valeur sociale par € investi")
    expect_absent("cae --lang fr", fr, ["%.1f%%" % women, "%.2f " % ratio])
code, out, err = run(["--lang", "fr", "--min-cell", "60", "run", "cae.impact"], folder)
if code != 1 or "erreur : le modèle a besoin de ce chiffre : le nombre d'allocataires du RSA en CESA ;" not in err:
    failures.append("cae --min-cell 60, --lang fr (exit %d):\n%s" % (code, err))

# ---- library errors --------------------------------------------------------------
probe = os.path.join(ROOT, "tests", "golden")
code, out, err = run(["--lang", "fr", "run", "lib_network_too_small.impact"], probe)
if code != 1 or "erreur : le réseau compte 9 personnes, moins que le seuil des petits groupes de 11 : aucun chiffre ne peut être publié" not in err:
    failures.append("network too small, --lang fr (exit %d):\n%s" % (code, err))
code, out, err = run(["--lang", "en", "run", "lib_network_too_small.impact"], probe)
if code != 1 or "error: the network counts 9 people, fewer than the small-group threshold of 11: no figure can be published" not in err:
    failures.append("network too small, --lang en (exit %d):\n%s" % (code, err))
env_data = os.path.join(ROOT, "tests", "data")
code, out, err = run(["--lang", "fr", "run", "--read", env_data, "wellbeing_cbi_bad_coding.impact"], probe)
if code != 1 or 'CBI work-related burnout : coding doit valoir "1=100" (code 1 = Toujours, noté 100) ou "1=0"' not in err:
    failures.append("std/wellbeing coding error, --lang fr (exit %d):\n%s" % (code, err))

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok: tiers-lieu, network, CAE and library errors speak French with French figures under --lang fr, English under --lang en")
