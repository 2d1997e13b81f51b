#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""check_cae.py — recomputes the CAE example's figures from its CSV files,
independently of impact (plain Python, csv module), with the formulas that
models/cae.impact documents and the SROI arithmetic of docs/METHOD.md §1.2–1.5.

Usage:
  python3 tests/libraries/check_cae.py [--golden] [EXPORT.csv SURVEY.csv]
      prints the figures; with --golden, in the exact format of
      tests/golden/lib_cae_figures.impact (quantities × 10 000 and money in
      cents, rounded to whole numbers): its expected output,
      tests/golden/lib_cae_figures.out, is this script's output.

Everything here is re-derived from the published figures (docs/METHOD.md §7.1, §4)
rather than read from the .impact libraries, so a slip in either shows up as
a difference.  Likewise the small-group rule (SPEC.md §4, "Protection
of small groups") is applied here from its documented statement, not taken
from impact's output: an indicator over too few people is expected as
"suppressed (n < 11)".
"""
import csv
import datetime as dt
import os
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# ---- published figures (docs/METHOD.md §7.1, §4, §5.3) ----------------------------
RSA = 527 * 12                     # DREES 2022, € per recipient per year
ARE = 982 * 12                     # Unédic Q1 2023
ASS = 475 * 12                     # DARES 2018
LONG_TERM = (12900 + 15300) / 2    # TZCLD 2025 range midpoint
EMPLOYEE_LEVY = 375.50 / 1801.80   # SMIC Nov 2024: (gross − net) / gross
EMPLOYER_RESIDUAL = 0.035          # midpoint of 1–6 % after réduction générale
SMIC_HOUR = 11.88
WELLBY_EUR = 13000 * 1.14          # £13,000 (HMT 2021) at 1.14 EUR/GBP (ECB 2019 average, rounded)
DISCOUNT = 0.032                   # France Stratégie 2021
EMPLOYMENT = dict(dw=0.625, at=0.15, ds=0.0, do=0.30, dur=2)   # CAE-IMPACT
WELLBEING = dict(dw=0.20, at=0.255, ds=0.0, do=0.0, dur=1)     # SVI medians

# ---- the cooperative's vocabularies (models/cae/endi.impact) -----------------
LONG_TERM_STATUSES = {
    "Demandeur.e d'emploi (entre 1 et 2 ans) - Indemnisé.e",
    "Demandeur.e d'emploi (entre 1 et 2 ans) - Non indemnisé.e",
    "Demandeur.e d'emploi (plus de 2 ans) - Indemnisé.e",
    "Demandeur.e d'emploi (plus de 2 ans) - Non indemnisé.e"}
LONG_TERM_INDEMNIFIED = {
    "Demandeur.e d'emploi (entre 1 et 2 ans) - Indemnisé.e",
    "Demandeur.e d'emploi (plus de 2 ans) - Indemnisé.e"}
RSA_STATUSES = {"Bénéficiaire du RSA", "RSA"}
ARE_STATUSES = {"Demandeur.e d'emploi (moins de 1 an) - Indemnisé.e"}
OTHER_JOB_SEEKERS = {"Demandeur.e d'emploi (moins de 1 an) - Non indemnisé.e"}
EMPLOYED = {"Salarié.e - Temps plein", "Salarié.e - Temps partiel"}
STUDENTS = {"Étudiant.e"}
# A cell of "Statut social à l’entrée" may hold several statuses joined by a
# line break (SPEC.md, enDI export).  Profile shares count a person in every
# category one of their statuses belongs to; the avoided costs place each
# person in the FIRST category of this order that one of their statuses
# belongs to (the rule written beside entry_priority in models/cae/endi.impact).
PRIORITY = [("long_term", LONG_TERM_STATUSES), ("rsa", RSA_STATUSES), ("are", ARE_STATUSES),
            ("other_job_seekers", OTHER_JOB_SEEKERS), ("employed", EMPLOYED),
            ("students", STUDENTS)]


def statuses(cell):
    """The set of labels of a multi-valued cell."""
    return {line.strip() for line in cell.split("\n") if line.strip()}


def first_category(labels):
    for name, members in PRIORITY:
        if labels & members:
            return name
    return None
EXIT_IN_WORK = {"Exerce une activité d'indépendant", "Exerce un emploi durable (CDI ou CDD)",
                "Exerce un emploi temporaire", "Exerce un emploi aidé"}
CESA = "Entrepreneur salarié"

# ---- the example's inputs (examples/cae/cae.impact) ---------------------------
INPUTS = {"region": 20000, "departement": 25000, "epci": 60000, "fse": 30000,
          "contributions": 95000}
VOLUNTEER_HOURS = 420


def parse_date(s):
    s = s.strip()
    if not s:
        return None
    if "/" in s:
        d, m, y = s.split("/")
        return dt.date(int(y), int(m), int(d))
    return dt.date.fromisoformat(s)


def months_between(a, b):
    """Whole calendar months from a to b (negative if b is before a), the
    day of the month deciding the last one (dates.c's months_between)."""
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if months > 0 and b.day < a.day:
        months -= 1
    elif months < 0 and b.day > a.day:
        months += 1
    return months


def read_people(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, body = rows[0], rows[1:]
    k = 0
    while "Parcours Situation dans la CAE %d" % (k + 1) in header:
        k += 1
    # The export repeats "Parcours Type d’étape n" (SPEC.md, enDI export); the
    # titles read here are unique, so a dict from title to position is safe.
    col = {title: i for i, title in enumerate(header)}
    people = []
    for r in body:
        steps = []
        for n in range(1, k + 1):
            steps.append({"situation": r[col["Parcours Situation dans la CAE %d" % n]],
                          "start": parse_date(r[col["Parcours Date d’effet %d" % n]]),
                          "gross": r[col["Parcours Salaire brut %d" % n]],
                          "motive": r[col["Parcours Motif de sortie %d" % n]]})
        people.append({"entry": statuses(r[col["Statut social à l’entrée"]]),
                       "situation": r[col["Situation actuelle dans la CAE"]],
                       "end_rights": parse_date(r[col["Date de fin de droit"]]),
                       "societariat": r[col["Date d’entrée au sociétariat"]],
                       "sex": r[col["Sexe"]],
                       "zone": r[col["Qualification de la zone d’habitation"]],
                       "study": r[col["Niveau d’études"]],
                       "steps": steps})
    return people, k


def groups(people):
    g = {}
    for p in people:
        cesa_steps = [s for s in p["steps"] if s["situation"] == CESA]
        p["current_cesa"] = p["situation"] == CESA
        p["in_work"] = p["current_cesa"] or any(s["motive"] in EXIT_IN_WORK for s in p["steps"])
        p["signed_cesa"] = bool(cesa_steps)
        p["annual_gross"] = float(cesa_steps[0]["gross"]) * 12 if cesa_steps else None
        p["cesa_start"] = cesa_steps[-1]["start"] if cesa_steps else None
        p["category"] = first_category(p["entry"])
        p["long_term"] = p["category"] == "long_term"
        p["lt_ind"] = p["long_term"] and bool(p["entry"] & LONG_TERM_INDEMNIFIED)
        p["rsa"] = p["category"] == "rsa"
        p["are"] = p["category"] == "are"
        cape_steps = [s for s in p["steps"] if s["situation"] == "En convention"]
        month = lambda d: (d.year - 1970) * 12 + d.month - 1      # calendar-month number
        p["cape_month"] = month(cape_steps[-1]["start"]) if cape_steps else None
        p["cesa_month"] = month(p["cesa_start"]) if p["cesa_start"] else None
        soc = parse_date(p["societariat"])
        p["soc_month"] = month(soc) if soc else None
        p["rights_left"] = (months_between(p["cesa_start"], p["end_rights"])
                            if p["cesa_start"] and p["end_rights"] else None)
    cur = [p for p in people if p["current_cesa"]]
    g["current_cesa"] = cur
    g["current_cesa_not_long_term"] = [p for p in cur if not p["long_term"]]
    g["cur_rsa"] = sum(1 for p in cur if p["rsa"])
    g["cur_are"] = sum(1 for p in cur if p["are"])
    g["cur_lt_ind"] = sum(1 for p in cur if p["lt_ind"])
    # The avoided costs count only people under a CESA at the end, by entry
    # category (models/cae.impact, prepare(): the differencing rule, SPEC.md
    # rule 9): the counts below are cells of one partition, current CESA ×
    # category, never "in work" (CESA or gone to work) minus "in CESA".
    g["cur_long_term"] = sum(1 for p in cur if p["long_term"])
    # months of ARE rights left at the first CESA, 0 when none were left,
    # over the ARE recipients in CESA (people with no end-of-rights date skipped)
    g["are_rights"] = [max(p["rights_left"], 0) for p in cur
                       if p["are"] and p["rights_left"] is not None]
    return g


def read_survey(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    pairs = [(float(r["ls_t0"]), float(r["ls_t1"])) for r in rows
             if r["ls_t0"].strip() and r["ls_t1"].strip()]
    return pairs, rows


def present_value(q, proxy, a):
    impact = q * proxy * (1 - a["dw"]) * (1 - a["ds"]) * (1 - a["at"])
    return sum(impact * (1 - a["do"]) ** (t - 1) / (1 + DISCOUNT) ** t
               for t in range(1, a["dur"] + 1))


def figures(export_path, survey_path, long_term="composite"):
    people, k = read_people(export_path)
    g = groups(people)
    pairs, answers = read_survey(survey_path)
    cur = g["current_cesa"]
    net = 1 - EMPLOYEE_LEVY
    forgone = g["cur_rsa"] * RSA + g["cur_are"] * ARE + g["cur_lt_ind"] * ASS
    income_proxy = (sum(p["annual_gross"] for p in cur) * net - forgone) / len(cur)
    contributors = g["current_cesa_not_long_term"] if long_term == "composite" else cur
    contrib_proxy = (sum(p["annual_gross"] for p in contributors) / len(contributors)
                     * (EMPLOYEE_LEVY + EMPLOYER_RESIDUAL))
    change = sum(b - a for a, b in pairs) / len(pairs)
    rows = [
        ("income", len(cur), income_proxy, EMPLOYMENT),
        ("wellbeing", len(pairs), change * WELLBY_EUR, WELLBEING),
        ("rsa_avoided", g["cur_rsa"], RSA, EMPLOYMENT),
        ("are_avoided", sum(g["are_rights"]) / 12, ARE, dict(EMPLOYMENT, dur=1)),
        ("social_contributions", len(contributors), contrib_proxy, EMPLOYMENT),
        ("ass_avoided", g["cur_lt_ind"] if long_term == "by_payer" else 0,
         ASS, EMPLOYMENT),
        ("long_term_exit", g["cur_long_term"] if long_term == "composite" else 0,
         LONG_TERM, EMPLOYMENT),
    ]
    inputs = sum(INPUTS.values()) + VOLUNTEER_HOURS * SMIC_HOUR
    pv = {name: present_value(q, proxy, a) for name, q, proxy, a in rows}
    total = sum(pv.values())
    return {"steps": k, "rows": rows, "pv": pv, "inputs": inputs, "total": total,
            "people": people, "pairs": pairs, "answers": answers, "change": change, "g": g}


def whole(x):
    """Rounds half away from zero, as impact's round() does."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


# ---- small-group protection (SPEC.md §4, "Protection of small groups";
# docs/METHOD.md §8.3): a figure about fewer than MIN_CELL people is not given.  A
# share is suppressed when its part, its rest (whole − part) or its whole is
# under the threshold, since share × whole would give a small part back and
# whole minus that a small rest (secondary suppression); a count, a sum or a
# median when the values it uses are.
MIN_CELL = 11
SUPPRESSED = "suppressed (n < %d)" % MIN_CELL


def small(n):
    return n < MIN_CELL


def share_suppressed(part, whole_n):
    return small(whole_n) or small(part) or small(whole_n - part)


def count_text(n):
    return SUPPRESSED if small(n) else "%d" % n


def percent(part, whole_n):
    """A share printed as impact prints a percentage rounded to 0.1, or the
    suppression notice (share_suppressed)."""
    if share_suppressed(part, whole_n):
        return SUPPRESSED
    tenths = whole(100 * part / whole_n * 10)
    text = "%d.%d" % (tenths // 10, tenths % 10)
    return (text[:-2] if text.endswith(".0") else text) + "%"


def decimals(x, digits):
    """x rounded to `digits` decimals, trailing zeros dropped, as impact prints it."""
    scaled = whole(x * 10 ** digits)
    sign = "-" if scaled < 0 else ""
    text = "%d.%0*d" % (abs(scaled) // 10 ** digits, digits, abs(scaled) % 10 ** digits)
    return sign + text.rstrip("0").rstrip(".")


def indicators(f):
    """The lines of cae.indicators_text (docs/METHOD.md §6.1 codes), as an
    English run prints them (the tests run in English)."""
    people = f["people"]
    n = len(people)
    signed = [p for p in people if p["signed_cesa"]]
    associes = [p for p in people if p["societariat"]]
    both = [p for p in signed if p["cape_month"] is not None]
    associes_both = [p for p in associes if p["cape_month"] is not None and p["cesa_month"] is not None]
    exited = [p for p in people if p["situation"] == "Sortie"]
    return [
        "D1 A1 [entrepreneurs] women among the people supported: "
        + percent(sum(p["sex"] == "F" for p in people), n),
        "D1 A1 [entrepreneurs] education up to the baccalauréat: "
        + percent(sum(p["study"] in ("Infra-bac", "Niveau Bac") for p in people), n),
        "D1 A1 [entrepreneurs] RSA recipients on entry: "
        + percent(sum(bool(p["entry"] & RSA_STATUSES) for p in people), n),
        "D1 A1 [entrepreneurs] job seekers for more than a year on entry: "
        + percent(sum(bool(p["entry"] & LONG_TERM_STATUSES) for p in people), n),
        "D3 A3 [entrepreneurs] people who signed a CESA: " + percent(len(signed), n),
        "D3 A3 [entrepreneurs] median delay between the first CAPE and the first CESA (calendar months): "
        + (SUPPRESSED if small(len(both))
           else decimals(statistics.median(p["cesa_month"] - p["cape_month"] for p in both), 4)),
        "D4 A5 [entrepreneurs] respondents trained in the last twelve months (T1 survey): "
        + percent(sum(a["formation_t1"] == "oui" for a in f["answers"]),
                  sum(a["formation_t1"] in ("oui", "non") for a in f["answers"])),  # blank: not asked
        "D5 A6 [entrepreneurs] respondents who made new professional contacts (T1 survey): "
        + percent(sum(a["contacts_t1"] == "oui" for a in f["answers"]),
                  sum(a["contacts_t1"] in ("oui", "non") for a in f["answers"])),  # blank: not asked
        "D6 A7 [entrepreneurs] mean change in life satisfaction, T0 to T1 (points out of 10): "
        + (SUPPRESSED if small(len(f["pairs"])) else decimals(f["change"], 2)),
        "D7 A8 [entrepreneurs] members (associés) among the people who signed a CESA: "
        + percent(sum(bool(p["societariat"]) for p in signed), len(signed)),
        "D7 A8 [entrepreneurs] members (associés) who joined within 3 years of the CESA, CAPE time deducted (L.7331-3): "
        + percent(sum(p["soc_month"] - p["cesa_month"] <= 36 - (p["cesa_month"] - p["cape_month"])
                      for p in associes_both), len(associes_both)),
        "D3 A9 [entrepreneurs] exits to a job or an activity (reason for leaving), among the people who left: "
        + percent(sum(p["in_work"] for p in exited), len(exited)),
        "D3 B1 [departement] RSA recipients on entry under a CESA at the end of the period: "
        + count_text(f["g"]["cur_rsa"]),
        "D3 B2 [unedic] years of ARE avoided after the first CESA: "
        + (SUPPRESSED if small(len(f["g"]["are_rights"]))
           else decimals(sum(f["g"]["are_rights"]) / 12, 2)),
        "D2 B4 [secu] entrepreneurs paying contributions under a CESA at the end of the period: "
        + count_text(sum(p["current_cesa"] for p in people)),
        "D3 B3 [etat] long-term unemployed on benefit on entry, under a CESA at the end of the period (ASS avoided; in composite mode, valued in long_term_exit): "
        + count_text(f["g"]["cur_lt_ind"]),
        "D3 A9 [public_payers] people in work at the end of the period: "
        + count_text(sum(p["in_work"] for p in people)),
        "D1 C1 [territory] people living in a QPV or a ZRR: "
        + percent(sum(p["zone"] in ("QPV", "ZRR") for p in people), n),
        "D3 C1 [territory] activities hosted (entrepreneurs under a CESA): "
        + count_text(sum(p["current_cesa"] for p in people)),
        "D7 D4 [cooperative] women among the members (associés): "
        + percent(sum(p["sex"] == "F" for p in associes), len(associes)),
    ]


def main(argv):
    golden = "--golden" in argv
    argv = [a for a in argv if a != "--golden"]
    export = argv[0] if argv else os.path.join(ROOT, "examples/cae/endi_export.csv")
    survey = argv[1] if len(argv) > 1 else os.path.join(ROOT, "examples/cae/survey.csv")
    f = figures(export, survey)
    print("steps %d" % f["steps"])
    for name, q, proxy, _ in f["rows"]:
        if golden:
            print("%s quantity %d proxy %d pv %d" % (name, whole(q * 10000), whole(proxy * 100),
                                                     whole(f["pv"][name] * 100)))
        else:
            print("%s quantity %.4f proxy %.2f pv %.2f" % (name, q, proxy, f["pv"][name]))
    if golden:
        print("inputs %d" % whole(f["inputs"] * 100))
        print("present value %d" % whole(f["total"] * 100))
        print("sroi x 10000 %d" % whole(f["total"] / f["inputs"] * 10000))
        # the legend cae.indicators_text prints first (docs/METHOD.md §5.3)
        # (the golden test runs in English: the model's English legend)
        print("CAE-IMPACT domains:")
        for d in ["D1 Widening who is supported", "D2 Securing careers (access to rights)",
                  "D3 Launching the business project", "D4 Building skills",
                  "D5 Cooperation and mutual help", "D6 Quality of working life",
                  "D7 Innovation and social responsibility"]:
            print("  " + d)
        print("\n".join(indicators(f)))
        b = figures(export, survey, "by_payer")
        print("by_payer sroi x 10000 %d" % whole(b["total"] / b["inputs"] * 10000))
    else:
        print("inputs %.2f" % f["inputs"])
        print("present value %.2f" % f["total"])
        print("sroi %.4f" % (f["total"] / f["inputs"]))


if __name__ == "__main__":
    main(sys.argv[1:])
