#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""Writes the data-area test files (tests/data/data_*.csv), byte for byte.

Run from anywhere: python3 tests/data/data_make.py.  The files are committed;
this script documents how each was made and what traps it holds.  Expected
results in tests/golden/data_*.out were computed from these rows with Python's
statistics module (see the comments in each .impact test).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# 30 people, RFC 4180: quoted names with a comma, a doubled quote and a
# newline inside; CRLF line ends; missing revenue; three CAEs of 14, 11, 5.
people = [
    # id, name, cae, entry, revenue, exit, associe
    (1, "Dupont, Marie", "Alpha", "2019-03-01", "21000.5", "CDI", "oui"),
    (2, 'Jean "Jo" Martin', "Alpha", "2020-01-15", "18000", "", "non"),
    (3, "Line\nbreak", "Alpha", "2018-06-30", "", "CDD", "non"),
    (4, "Ana", "Alpha", "2021-09-01", "25000", "creation", "oui"),
    (5, "Bruno", "Alpha", "2017-02-28", "30000", "associe", "oui"),
    (6, "Chloé", "Alpha", "2022-11-11", "", "", "non"),
    (7, "David", "Alpha", "2019-07-14", "12000", "chomage", "non"),
    (8, "Élodie", "Alpha", "2020-05-05", "22000", "CDI", "oui"),
    (9, "Fanny", "Alpha", "2016-12-31", "27000", "associe", "oui"),
    (10, "Gaël", "Alpha", "2023-04-01", "9000", "", "non"),
    (11, "Hugo", "Alpha", "2018-08-08", "15000", "CDD", "non"),
    (12, "Inès", "Alpha", "2021-01-01", "19500", "other", "non"),
    (13, "Jules", "Alpha", "2019-10-10", "", "CDI", "non"),
    (14, "Karim", "Alpha", "2020-02-29", "23000", "creation", "oui"),
    (15, "Léa", "Beta", "2018-01-01", "14000", "CDI", "non"),
    (16, "Marc", "Beta", "2019-03-15", "16000", "", "non"),
    (17, "Nina", "Beta", "2020-06-01", "17500", "associe", "oui"),
    (18, "Omar", "Beta", "2017-09-09", "", "chomage", "non"),
    (19, "Paul", "Beta", "2021-12-01", "20000", "CDD", "non"),
    (20, "Quentin", "Beta", "2016-04-04", "31000", "associe", "oui"),
    (21, "Rose", "Beta", "2022-02-02", "11000", "", "non"),
    (22, "Sami", "Beta", "2019-05-20", "18500", "CDI", "non"),
    (23, "Théo", "Beta", "2020-10-10", "21500", "creation", "oui"),
    (24, "Ursule", "Beta", "2018-07-07", "24000", "other", "non"),
    (25, "Victor", "Beta", "2023-01-09", "8000", "", "non"),
    (26, "Wanda", "Gamma", "2019-01-01", "40000", "associe", "oui"),
    (27, "Xavier", "Gamma", "2020-01-01", "35000", "CDI", "non"),
    (28, "Yasmine", "Gamma", "2021-01-01", "", "", "non"),
    (29, "Zoé", "Gamma", "2018-01-01", "28000", "CDD", "non"),
    (30, "Adam", "Gamma", "2022-01-01", "26000", "creation", "oui"),
]


def q(s):
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


rows = ["id,name,cae,entry,revenue,exit_status,associe"]
for r in people:
    rows.append(",".join(q(str(x)) for x in r))
write("data_people.csv", ("\r\n".join(rows) + "\r\n").encode("utf-8"))

# The same people as a French Excel export: ';', decimal comma,
# Windows-1252 (é, œ and the typographic apostrophe ’ which Latin-1 lacks),
# CRLF, dates dd/mm/yyyy, no BOM (Excel's "CSV (séparateur: point-virgule)").
fr = ["Nom complet;Structure;Date d’entrée;CA annuel;Associé"]
for (i, name, cae, entry, rev, ex, assoc) in people[:12]:
    y, m, d = entry.split("-")
    cae_fr = {"Alpha": "Cœur de Ville", "Beta": "Bâtisseurs", "Gamma": "Élan"}[cae]
    fr.append(";".join([name.replace("\n", " ").replace('"', ""), cae_fr, f"{d}/{m}/{y}",
                        rev.replace(".", ","), "VRAI" if assoc == "oui" else "FAUX"]))
write("data_excel_fr.csv", ("\r\n".join(fr) + "\r\n").encode("cp1252"))
# ... and as Excel's "CSV UTF-8": the same text with a BOM.
write("data_excel_utf8.csv", b"\xef\xbb\xbf" + ("\r\n".join(fr) + "\r\n").encode("utf-8"))

# Broken files.
write("data_ragged.csv", b"id,age,city\n1,34,Lyon\n2,41\n3,29,Nantes\n")
write("data_too_many.csv", b"id;age;city\n1;34;Lyon\n2;41;Saint-Denis;93\n")
write("data_bad_number.csv", b"id,age\n1,34\n2,41\n3,quarante\n4,29\n")
write("data_unclosed_quote.csv", b'id,comment\n1,"fine"\n2,"never closed\n3,ok\n')
write("data_cp1252_as_utf8.csv", "id,ville\n1,Besançon\n2,Nîmes\n".encode("cp1252"))
write("data_undefined_byte.csv", b"id;nom\n1;abc\x81def\n")
write("data_nir_name.csv", "id;Numéro de sécurité sociale;age\n1;;34\n".encode("utf-8"))
# Two synthetic NIRs made valid by computing their key: 97 - (13 digits mod 97)
# (46 for 1841276451089, 95 for 2690575123004).
nir1 = "1841276451089"
nir2 = "2690575123004"
k1 = 97 - int(nir1) % 97
k2 = 97 - int(nir2) % 97
write("data_nir_content.csv", f"id,ref,age\n1,{nir1}{k1:02d},34\n2,{nir2}{k2:02d},51\n".encode())
write("data_empty.csv", b"")
write("data_utf16.csv", "id,age\n1,2\n".encode("utf-16"))

# Missing values: empty fields, NA, n/a in a number column, a column that is
# entirely empty; a text value among numbers turns a column into text.
write("data_missing.csv",
      b"id,score,note,empty,mixed\n"
      b"1,10,ok,,1\n2,,NA,,2\n3,14,,,3\n4,NA,ko,,x\n5,n/a,ok,,5\n6,20,ok,,6\n")

# Repeated column titles as enDI and Autonomie write them (SPEC.md, enDI export,
# §5): each career step has "Parcours Type d’étape n" twice, both always
# blank, and Autonomie 4.2.1 has "Nom" twice, both holding the last name.
# Shape A's format: ';', every field quoted, CRLF, UTF-8 without BOM.
endi_head = ["ID Gestion sociale", "Nom", "Parcours Type d’étape 1", "Parcours Date d’effet 1",
             "Parcours Situation dans la CAE 1", "Parcours Type d’étape 1",
             "Parcours Type de contrat 1", "Nom"]
endi_rows = [
    ["1", "DUPONT", "", "2023-02-01", "Entrepreneur salarié", "", "CESA", "DUPONT"],
    ["2", "MARTIN", "", "2022-09-15", "En convention", "", "", "MARTIN"],
    ["3", "LEROY", "", "2021-05-03", "Sortie", "", "CDI", "LEROY"],
]
write("data_repeated.csv",
      "".join(";".join('"' + c + '"' for c in r) + "\r\n" for r in [endi_head] + endi_rows).encode("utf-8"))

# Answers to join with data_people.csv (ids 1..30 except 4; 31 unknown).
ans = ["id,who5_pre,who5_post"]
for i in list(range(1, 31)) + [31]:
    if i == 4:
        continue
    ans.append(f"{i},{(i * 7) % 26},{(i * 11) % 26}")
write("data_answers.csv", ("\n".join(ans) + "\n").encode())
