#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""gen_data.py — SYNTHETIC data for the CAE example (no real person).

Writes, next to this script:
  endi_export.csv  the social-data export of enDI / CAERP, "Shape A"
                   (SPEC.md, "From the enDI export to the model"): `;` separator, every
                   field quoted, CRLF line ends, UTF-8 without BOM, column
                   titles exactly as the software writes them (typographic
                   apostrophe U+2019), career path flattened into numbered
                   `Parcours ... n` columns (step 1 = most recent step), ISO
                   dates in the step columns and DD/MM/YYYY in the main ones.
                   Each step has its 13 columns, the always blank
                   "Parcours Type d’étape n" twice, as enDI writes them
                   (SPEC.md, enDI export; impact's csv() renames the second copy
                   "Parcours Type d’étape n (2)", with one warning).  The
                   NIR column ("Numéro de sécurité sociale") is kept, empty
                   in every row, as real exports have it: impact drops an
                   empty NIR column with one note, and refuses it as soon as
                   one cell holds anything (SPEC.md, NIRs are refused).
  survey.csv       a survey of the same people (life satisfaction 0-10 and
                   the five WHO-5 items at entry, T0, and twelve months
                   later, T1; at T1 also "trained in the last 12 months"
                   and "new professional contacts", oui/non), keyed by
                   `ID Gestion sociale`.

What makes the export look like a real one (a second random stream, so
that the people, their paths and the survey stay those of the first):
  - multi-valued cells: enDI writes a one-to-many relation (entry and
    current social statuses) as one cell whose labels are joined by a line
    break; about one person in five holds two entry statuses (RSA and a
    part-time job, a long-term job seeker on the RSA...);
  - line breaks inside free-text cells (objectives, addresses);
  - fictitious names, e-mails, phones and addresses in the identity columns
    (the words of NAMES below, the reserved domain exemple.invalid, phone
    numbers of the 01 99 00 range that ARCEP keeps for fiction).

Options for the test exports of tests/data/endi/ (never for the example):
  --out FILE           the export's file name (default endi_export.csv)
  --no-survey          do not write survey.csv
  --nir-column         keep enDI's column "Numéro de sécurité sociale",
                       empty in every row, at its place (the default)
  --no-nir-column      leave that column out
  --vocabulary coop    a cooperative's own labels for study levels and
                       zones, which differ from the library's
  --blank-rows         two rows of empty cells and three partial rows
                       (a person just created: id, name and dates only)
  --shape B            the Autonomie 4.2.1 layout: other titles, ASCII
                       apostrophes, `Nom` twice, statuses and career path
                       always empty

Every row says it is synthetic (objectives text, survey column `origine`).
The fixed seeds make the files identical at every run.

Usage: python3 examples/cae/gen_data.py [OUTPUT_DIR] [--people N] [--seed S] [options]
"""
import csv
import datetime as dt
import os
import random
import sys
import unicodedata

PERIOD_END = dt.date(2024, 12, 31)

# Entry social statuses: the labels one real cooperative configured
# (SPEC.md, enDI export, L'Ouvre-Boîtes) plus an RSA label, with synthetic weights.
ENTRY_STATUSES = [
    ("Demandeur.e d'emploi (moins de 1 an) - Indemnisé.e", 0.24),
    ("Demandeur.e d'emploi (moins de 1 an) - Non indemnisé.e", 0.05),
    ("Demandeur.e d'emploi (entre 1 et 2 ans) - Indemnisé.e", 0.09),
    ("Demandeur.e d'emploi (entre 1 et 2 ans) - Non indemnisé.e", 0.05),
    ("Demandeur.e d'emploi (plus de 2 ans) - Indemnisé.e", 0.04),
    ("Demandeur.e d'emploi (plus de 2 ans) - Non indemnisé.e", 0.06),
    ("Bénéficiaire du RSA", 0.17),
    ("Salarié.e - Temps partiel", 0.12),
    ("Salarié.e - Temps plein", 0.10),
    ("Étudiant.e", 0.08),
]
# Exit motives (MotifSortieOption, SPEC.md, enDI export) and exit types (per CAE).
EXIT_MOTIVES = [
    ("Exerce une activité d'indépendant", 0.34),
    ("Exerce un emploi durable (CDI ou CDD)", 0.22),
    ("Exerce un emploi temporaire", 0.08),
    ("Exerce un emploi aidé", 0.04),
    ("Est en formation", 0.08),
    ("Recherche activement un emploi", 0.24),
]
EXIT_TYPES = ["Fin de contrat", "Démission", "Rupture conventionnelle", "Fin de CAPE"]
ZONE_QUAL = [("QPV", 0.14), ("ZRR", 0.11), ("Aucune", 0.75)]
STUDY = [("Infra-bac", 0.14), ("Niveau Bac", 0.22), ("Bac+2", 0.24), ("Bac+3 et plus", 0.40)]
TYPOLOGY = ["Artisanat", "Services aux entreprises", "Culture et spectacle",
            "Bâtiment", "Formation", "Bien-être"]
PRESCRIBERS = ["France Travail", "Département (référent RSA)", "Mission locale",
               "Bouche à oreille", "Réseau d'accompagnement"]

# Shape A main columns, in order (SPEC.md, enDI export), without the NIR (#28).
MAIN = [
    "Créé(e) le", "Mis(e) à jour le", "ID Gestion sociale", "ID Utilisateur",
    "Situation actuelle dans la CAE", "Antenne de rattachement", "Accompagnateur",
    "Date d’entrée au sociétariat", "Civilité", "Nom", "Prénom", "Nom de naissance",
    "E-mail 1", "E-mail 2", "Tél. fixe", "Tél. mobile", "Adresse", "Code postal",
    "Ville", "Zone d’habitation", "Qualification de la zone d’habitation", "Sexe",
    "Naissance", "Lieu de naissance", "Code postal du lieu de naissance",
    "Nationalité", "Carte de séjour", "Situation de famille", "Nombre d’enfants",
    "Niveau d’études", "Contact urgent : Nom", "Contact urgent : Téléphone",
    "Identifiant interne", "Statut social à l’entrée", "Statut social actuel",
    "Date de fin de droit", "Allocation adulte handicapé - échéance",
    "Activité externe", "Comptes bancaires", "Organismes d’aide au porteur",
    "Typologie", "PCS", "Activités", "Contrats de protection sociale et prévoyance",
    "Prescripteur", "Nom du prescripteur", "Info coll.", "Motif de non admission en CAE",
    "Objectifs", "Résultat de la visite médicale", "Visite médicale", "Date limite",
    "Parcours",
]
CUSTOM = [" Diplôme(s) obtenu(s)", " Année d’obtention du dernier diplôme",
          " Métier d’origine", " Expérience (en années)", " Compétences",
          " Lieu de production", " Forme de test (couple, individuel, ou collectif)",
          " Certification bio", " N.I.M.A. (Non Issu du Milieu Agricole)",
          " Accompagnement technique", " Diplôme agricole", " Mise à disposition des terres",
          " Dispositif d’accompagnement de la région",
          " Date de début du dispositif d’accompagnement de la" + " " * 16 + "région",
          " Date de fin du dispositif d’accompagnement de la" + " " * 16 + "région",
          " Numéro de carte de dépôt", " Date de fin de validité de carte de dépôt"]
ACTIVITY_LABELS = ["Titre de l’activité", "Nom commercial", "Site internet", "Type d’activité"]
STEP_LABELS = ["Type d’étape", "Date d’effet", "Date d’échéance", "Situation dans la CAE",
               "Type d’étape", "Type de contrat", "Qualité du salarié", "Taux horaire",
               "Nombre d’heures", "Salaire brut", "Numéro de l’avenant", "Type de sortie",
               "Motif de sortie"]

# A cooperative's own labels (SPEC.md, enDI export: study levels and zones are
# configured per CAE), used by --vocabulary coop in place of STUDY, ZONE_QUAL.
COOP_STUDY = {"Infra-bac": "Sans diplôme", "Niveau Bac": "Baccalauréat",
              "Bac+2": "Bac +2", "Bac+3 et plus": "Bac +3 ou plus"}
COOP_ZONE = {"QPV": "Quartier prioritaire (QPV)", "ZRR": "Zone de revitalisation rurale",
             "Aucune": "Hors zone prioritaire"}

# Second entry statuses (multi-valued cells): for a first status, the
# statuses a person may hold with it, as enDI lets a CAE record several.
SECOND_STATUS = {
    "Bénéficiaire du RSA": ["Salarié.e - Temps partiel",
                            "Demandeur.e d'emploi (moins de 1 an) - Non indemnisé.e"],
    "Demandeur.e d'emploi (plus de 2 ans) - Non indemnisé.e": ["Bénéficiaire du RSA"],
    "Demandeur.e d'emploi (entre 1 et 2 ans) - Non indemnisé.e": ["Bénéficiaire du RSA"],
    "Salarié.e - Temps partiel": ["Bénéficiaire du RSA", "Étudiant.e"],
    "Demandeur.e d'emploi (moins de 1 an) - Indemnisé.e": ["Salarié.e - Temps partiel"],
    "Étudiant.e": ["Salarié.e - Temps partiel"],
}

# Fictitious identities (no real person): first and last names drawn from
# these lists, so that a test can look for every one of them in a copy.
FIRST_NAMES = ["Albane", "Basile", "Capucine", "Désiré", "Églantine", "Fulbert", "Garance",
               "Hippolyte", "Isaure", "Jocelyn", "Léandre", "Mahaut", "Norbert", "Ombeline",
               "Perceval", "Quitterie", "Romuald", "Séraphine", "Tancrède", "Ursule"]
LAST_NAMES = ["FICTIVELLE", "IMAGINAIRE", "INVENTAZ", "CHIMÈRE", "PSEUDOMONT", "SONGEVAL",
              "FABULET", "MIRAGEAU", "UTOPIAN", "FANTASQUE", "ROMANESQ", "ILLUSOIRE"]
STREETS = ["rue des Songes", "allée du Faux-Semblant", "impasse de l’Invention",
           "chemin des Chimères", "place de la Fiction"]

SYNTHETIC_NOTE = ("Données synthétiques générées par examples/cae/gen_data.py ; "
                  "aucune personne réelle")


def pick(rng, weighted):
    """One label of [(label, weight), ...], drawn by weight (one rng.random())."""
    labels, weights = zip(*weighted)
    return rng.choices(labels, weights)[0]


def fr_date(d):
    return d.strftime("%d/%m/%Y") if d else ""


def add_months(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, min(d.day, 28))


def career(rng, person):
    """Returns the person's steps, oldest first, as dicts of step columns,
    and fills the person's current situation, exit, hours and pay."""
    steps = []
    cape = person["cape_start"]
    cape_months = rng.randint(6, 18)
    steps.append({"Date d’effet": cape, "Date d’échéance": add_months(cape, cape_months),
                  "Situation dans la CAE": "En convention"})
    signs_cesa = rng.random() < 0.72
    cesa_start = add_months(cape, rng.randint(3, cape_months))
    if not signs_cesa or cesa_start > PERIOD_END:
        if add_months(cape, cape_months) <= PERIOD_END and rng.random() < 0.6:
            exit_date = add_months(cape, cape_months)
            steps.append(exit_step(rng, exit_date, person))
            person["situation"] = "Sortie"
        else:
            person["situation"] = "En convention"
        return steps
    rate = round(rng.uniform(11.88, 19.0), 2)
    hours = rng.choice([43.33, 65.0, 86.67, 104.0, 121.33, 151.67])
    person["cesa_start"] = cesa_start
    steps.append({"Date d’effet": cesa_start, "Situation dans la CAE": "Entrepreneur salarié",
                  "Type de contrat": "CESA", "Qualité du salarié": "Entrepreneur salarié",
                  "Taux horaire": rate, "Nombre d’heures": hours,
                  "Salaire brut": round(rate * hours, 2)})
    last = cesa_start
    if rng.random() < 0.45 and add_months(cesa_start, 8) <= PERIOD_END:
        last = add_months(cesa_start, rng.randint(8, 20))
        if last <= PERIOD_END:
            hours = min(151.67, round(hours * rng.uniform(1.1, 1.6), 2))
            steps.append({"Date d’effet": last, "Situation dans la CAE": "Entrepreneur salarié",
                          "Type de contrat": "CESA", "Qualité du salarié": "Entrepreneur salarié",
                          "Taux horaire": rate, "Nombre d’heures": hours,
                          "Salaire brut": round(rate * hours, 2), "Numéro de l’avenant": "1"})
        else:
            last = cesa_start
    person["monthly_gross"] = steps[-1]["Salaire brut"]
    if rng.random() < 0.5 and add_months(cesa_start, 36) <= PERIOD_END:
        person["societariat"] = add_months(cesa_start, rng.randint(10, 34))
    if rng.random() < 0.30:
        exit_date = add_months(last, rng.randint(6, 30))
        if exit_date <= PERIOD_END:
            steps.append(exit_step(rng, exit_date, person))
            person["situation"] = "Sortie"
            return steps
    person["situation"] = "Entrepreneur salarié"
    return steps


def exit_step(rng, when, person):
    motive = pick(rng, EXIT_MOTIVES)
    person["exit_motive"] = motive
    return {"Date d’effet": when, "Situation dans la CAE": "Sortie",
            "Type de sortie": rng.choice(EXIT_TYPES), "Motif de sortie": motive}


def current_status(rng, person):
    """Statut social actuel, consistent with the path."""
    if person["situation"] == "Entrepreneur salarié":
        return "Salarié.e - Temps plein" if person.get("monthly_gross", 0) > 1800 \
            else "Salarié.e - Temps partiel"
    motive = person.get("exit_motive")
    if motive in ("Exerce un emploi durable (CDI ou CDD)", "Exerce un emploi temporaire",
                  "Exerce un emploi aidé"):
        return "Salarié.e - Temps plein"
    if motive == "Exerce une activité d'indépendant":
        return "Travailleur.se indépendant.e"
    return person["entry_status"]


def make_person(rng, i):
    entry = pick(rng, ENTRY_STATUSES)
    info_coll = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 5 + 200))
    cape_start = info_coll + dt.timedelta(days=rng.randint(20, 90))
    if cape_start > dt.date(2024, 11, 30):
        cape_start = dt.date(2024, 11, 30)
    p = {"id": 1000 + i, "entry_status": entry, "info_coll": info_coll, "cape_start": cape_start,
         "sex": "F" if rng.random() < 0.58 else "M"}
    p["steps"] = career(rng, p)
    if "Indemnisé.e" in entry and "Non indemnisé" not in entry:
        p["end_rights"] = add_months(cape_start, rng.randint(4, 24))
    p["current_status"] = current_status(rng, p)
    age = rng.randint(22, 62)
    p["birth"] = dt.date(PERIOD_END.year - age, rng.randint(1, 12), rng.randint(1, 28))
    p["zone_qual"] = pick(rng, ZONE_QUAL)
    p["study"] = pick(rng, STUDY)
    p["typology"] = rng.choice(TYPOLOGY)
    return p


def ascii_word(word):
    """A name as an e-mail address writes it: lower case, no accents."""
    return unicodedata.normalize("NFD", word.lower()).encode("ascii", "ignore").decode()


def identity(p, extra):
    """Fictitious identity cells, from the second random stream."""
    n = p["id"]
    first, last = extra.choice(FIRST_NAMES), extra.choice(LAST_NAMES)
    phone = "0199%06d" % (n * 37 % 1000000)
    address = "%d %s" % (extra.randint(1, 120), extra.choice(STREETS))
    if extra.random() < 0.3:     # a line break inside the cell, as a form's text area keeps it
        address += "\nBâtiment %s" % extra.choice("ABC")
    return {"Nom": last, "Prénom": "%s %d" % (first, n), "Nom de naissance":
            extra.choice(LAST_NAMES) if extra.random() < 0.2 else "",
            "E-mail 1": "%s.%s.%d@exemple.invalid" % (ascii_word(first), ascii_word(last), n),
            "E-mail 2": "", "Tél. fixe": "" if extra.random() < 0.6 else "0199%06d" % (n * 53 % 1000000),
            "Tél. mobile": phone, "Adresse": address,
            "Contact urgent : Nom": "%s %s" % (extra.choice(FIRST_NAMES), last),
            "Contact urgent : Téléphone": "0199%06d" % (n * 71 % 1000000),
            "Identifiant interne": "INT-%05d" % n}


def statuses(p, extra):
    """The entry-status cell: one label, or two joined by a line break."""
    first = p["entry_status"]
    seconds = SECOND_STATUS.get(first)
    if seconds and extra.random() < 0.35:
        return first + "\n" + extra.choice(seconds)
    return first


def main_row(p, rng, extra=None, opts=None):
    opts = opts or {}
    n = p["id"]
    follower = rng.choice(["FICTIF Agnès", "FICTIF Bruno", "FICTIF Chloé"])
    values = {
        "Créé(e) le": fr_date(p["info_coll"]), "Mis(e) à jour le": fr_date(PERIOD_END),
        "ID Gestion sociale": str(n), "ID Utilisateur": str(n + 5000),
        "Situation actuelle dans la CAE": p["situation"],
        "Antenne de rattachement": rng.choice(["Antenne Nord (fictive)", "Antenne Sud (fictive)"]),
        "Accompagnateur": follower,
        "Date d’entrée au sociétariat": fr_date(p.get("societariat")),
        "Civilité": "Madame" if p["sex"] == "F" else "Monsieur",
        "Nom": "SYNTHÉTIQUE", "Prénom": "Personne %d" % n,
        "E-mail 1": "personne%d@exemple.invalid" % n,
        "Code postal": rng.choice(["69001", "69100", "69200", "01500"]),
        "Ville": "Ville fictive",
        "Zone d’habitation": "Rural" if p["zone_qual"] == "ZRR" else "Urbain",
        "Qualification de la zone d’habitation": p["zone_qual"], "Sexe": p["sex"],
        "Naissance": fr_date(p["birth"]), "Nationalité": "Française",
        "Situation de famille": rng.choice(["Célibataire", "Marié(e)", "Pacsé(e)", "Vie maritale"]),
        "Nombre d’enfants": str(rng.randint(0, 3)), "Niveau d’études": p["study"],
        "Statut social à l’entrée": p["entry_status"],
        "Statut social actuel": p["current_status"],
        "Date de fin de droit": fr_date(p.get("end_rights")),
        "Typologie": p["typology"], "Prescripteur": rng.choice(PRESCRIBERS),
        "Info coll.": fr_date(p["info_coll"]),
        "Objectifs": SYNTHETIC_NOTE + " ; objectif : \"tester l'activité\"",
    }
    if extra is not None:
        values.update(identity(p, extra))
        entry = statuses(p, extra)
        values["Statut social à l’entrée"] = entry
        if p["current_status"] == p["entry_status"]:
            values["Statut social actuel"] = entry
        if extra.random() < 0.25:   # a second paragraph, after a line break
            values["Objectifs"] += "\nDeuxième étape : trouver des clients réguliers."
    if opts.get("vocabulary") == "coop":
        values["Niveau d’études"] = COOP_STUDY[p["study"]]
        values["Qualification de la zone d’habitation"] = COOP_ZONE[p["zone_qual"]]
    return [values.get(title, "") for title in MAIN]


def step_cells(step):
    """The 13 cells of one career step (all blank when the person has fewer steps)."""
    if step is None:
        return [""] * len(STEP_LABELS)
    out = []
    for label in STEP_LABELS:
        if label == "Type d’étape":
            out.append("")   # always blank in the CSV (SPEC.md, enDI export)
            continue
        v = step.get(label, "")
        out.append(v.isoformat() if isinstance(v, dt.date) else str(v))
    return out


NIR_TITLE = "Numéro de sécurité sociale"
NIR_AFTER = "Carte de séjour"          # column 27; the NIR is column 28 (SPEC.md, enDI export)


def write_export(path, people, rng, max_steps, extra=None, opts=None):
    opts = opts or {}
    if opts.get("shape") == "B":
        return write_shape_b(path, people, rng, extra)
    header = list(MAIN) + CUSTOM
    nir_at = MAIN.index(NIR_AFTER) + 1 if opts.get("nir_column") else None
    if nir_at is not None:
        header.insert(nir_at, NIR_TITLE)
    header += ["Activités %s 1" % lab for lab in ACTIVITY_LABELS]
    for n in range(1, max_steps + 1):
        header += ["Parcours %s %d" % (lab, n) for lab in STEP_LABELS]
    header += ["Compte_analytique 1"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", quotechar='"', quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(header)
        for i, p in enumerate(people):
            row = main_row(p, rng, extra, opts) + [""] * len(CUSTOM)
            row += ["Activité de %s" % p["typology"].lower(), "", "", p["typology"]]
            recent_first = list(reversed(p["steps"]))
            for n in range(max_steps):
                row += step_cells(recent_first[n] if n < len(recent_first) else None)
            row += ["ANA%04d" % p["id"]]
            if nir_at is not None:
                row.insert(nir_at, "")
            w.writerow(row)
            if opts.get("blank_rows") and i in (len(people) // 3, 2 * len(people) // 3):
                w.writerow([""] * len(header))      # a row of empty cells
        if opts.get("blank_rows"):
            for k in range(3):                      # people just created in enDI
                n = 9000 + k
                partial = {"Créé(e) le": fr_date(PERIOD_END), "Mis(e) à jour le": fr_date(PERIOD_END),
                           "ID Gestion sociale": str(n), "Nom": "NOUVELLE", "Prénom": "Fiche %d" % n,
                           "Situation actuelle dans la CAE": "Candidat"}
                row = [partial.get(t, "") for t in header]
                w.writerow(row)


# Shape B: Autonomie 4.2.1 (SPEC.md, enDI export), main columns only: shape A's
# columns under Autonomie's own titles (AUTONOMIE_TITLES; the others with ASCII
# apostrophes), without those it does not export (AUTONOMIE_DROPS), with "Nom"
# also first and an (empty) NIR column after the residence permit; statuses,
# activities and career path always empty (AUTONOMIE_EMPTY).
AUTONOMIE_TITLES = {"ID Gestion sociale": "Identifiant Autonomie",
                    "Situation actuelle dans la CAE": "situation_situation_id",
                    "Nom de naissance": "Nom de jeune fille", "Naissance": "Date de naissance",
                    "Code postal du lieu de naissance": "Code postal de naissance",
                    "Carte de séjour": "Carte de séjour (fin de validité)",
                    "Allocation adulte handicapé - échéance":
                        "Allocation adulte handicapé - échéance (expiration)",
                    "Typologie": "Typologie des métiers/secteurs d'activités",
                    "Info coll.": "Date info coll", "Visite médicale": "Date de la visite médicale",
                    "Parcours": "career_paths"}
AUTONOMIE_DROPS = {"ID Utilisateur", "Comptes bancaires", "Organismes d’aide au porteur",
                   "Contrats de protection sociale et prévoyance"}
AUTONOMIE_EMPTY = {"Statut social à l’entrée", "Statut social actuel", "Activités",
                   "Parcours", "Activité externe"}


def shape_b_columns():
    """(Autonomie title, the shape A column its cells come from, or None: empty)."""
    columns = [("Nom", "Nom")]
    for a in MAIN:
        if a in AUTONOMIE_DROPS:
            continue
        title = AUTONOMIE_TITLES.get(a, a.replace("’", "'"))
        columns.append((title, None if a in AUTONOMIE_EMPTY else a))
        if a == NIR_AFTER:
            columns.append((NIR_TITLE, None))
    return columns


def write_shape_b(path, people, rng, extra):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", quotechar='"', quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        columns = shape_b_columns()
        w.writerow([title for title, _ in columns])
        for p in people:
            a = dict(zip(MAIN, main_row(p, rng, extra)))
            w.writerow([a.get(source, "") if source else "" for _, source in columns])


def write_survey(path, people, rng):
    """Respondents: people who signed a CESA at least 12 months before the
    end of the period, with a 75 % response rate (synthetic)."""
    items = ["who5_%d" % k for k in range(1, 6)]
    header = ["ID Gestion sociale", "ls_t0", "ls_t1"] + \
        [i + "_t0" for i in items] + [i + "_t1" for i in items] + \
        ["formation_t1", "contacts_t1", "origine"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        for p in people:
            start = p.get("cesa_start")
            if not start or add_months(start, 12) > PERIOD_END or rng.random() > 0.75:
                continue
            ls0 = max(0, min(10, round(rng.gauss(5.9, 1.6))))
            ls1 = max(0, min(10, round(ls0 + rng.gauss(0.35, 1.2))))
            w0 = [max(0, min(5, round(rng.gauss(2.6, 1.0)))) for _ in items]
            w1 = [max(0, min(5, round(x + rng.gauss(0.4, 0.8)))) for x in w0]
            trained = "oui" if rng.random() < 0.65 else "non"      # CAE-IMPACT: 65 % trained
            contacts = "oui" if rng.random() < 0.55 else "non"
            w.writerow([p["id"], ls0, ls1] + w0 + w1 + [trained, contacts, "synthétique (gen_data.py)"])


def main(argv):
    out_dir = os.path.dirname(os.path.abspath(__file__))
    people_n, seed = 240, 2024
    out_name, survey, opts = "endi_export.csv", True, {"nir_column": True}
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--people":
            people_n = int(args.pop(0))
        elif a == "--seed":
            seed = int(args.pop(0))
        elif a == "--out":
            out_name = args.pop(0)
        elif a == "--no-survey":
            survey = False
        elif a == "--nir-column":
            opts["nir_column"] = True
        elif a == "--no-nir-column":
            opts["nir_column"] = False
        elif a == "--blank-rows":
            opts["blank_rows"] = True
        elif a == "--vocabulary":
            opts["vocabulary"] = args.pop(0)
        elif a == "--shape":
            opts["shape"] = args.pop(0)
        else:
            out_dir = a
    rng = random.Random(seed)
    extra = random.Random(seed + 1)     # the second stream: identities, multi-valued cells
    people = [make_person(rng, i) for i in range(1, people_n + 1)]
    max_steps = max(len(p["steps"]) for p in people)
    write_export(os.path.join(out_dir, out_name), people, rng, max_steps, extra, opts)
    if survey:
        write_survey(os.path.join(out_dir, "survey.csv"), people, rng)


if __name__ == "__main__":
    main(sys.argv[1:])
