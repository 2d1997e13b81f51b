#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""Writes the test files for how csv() reads text, codes, decimals and dates
(tests/data/data_text_*.csv), byte for byte.

Run from anywhere: python3 tests/data/data_make_text.py.  The files are
committed; this script documents how each was made and what it holds.  The
golden tests tests/golden/data_text_*.impact read them; their expected values
are counted here by hand (see each comment).
"""
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def nfd(s):
    return unicodedata.normalize("NFD", s)


# NFC and NFD mixed (a file written on macOS, or merged from two tools):
# 6 rows "Salarié" (3 composed, 3 decomposed: "e" + U+0301), 4 rows "Associé"
# (2 and 2); the header's "Âge" and "Catégorie" are decomposed.  Read as NFC:
# 6 + 4 rows, two groups, and t["Âge"] exists.
rows = []
for i in range(10):
    statut = "Salarié" if i < 6 else "Associé"
    if i % 2:
        statut = nfd(statut)
    rows.append("%d,%s,%d,%s" % (i + 1, statut, 30 + i, "Accompagné" if i < 5 else "Autre"))
header = "id,statut," + nfd("Âge") + "," + nfd("Catégorie")
write("data_text_nfd.csv", (header + "\n" + "\n".join(rows) + "\n").encode("utf-8"))

# Codes with a leading zero: cp (postal codes, "01053" on row 2), tel (French
# phone numbers), adherent ("00042" below plain numbers, so found on row 4),
# and two number columns that must stay numbers: "0" and "0.5" are no codes.
write("data_text_codes.csv", (
    "id,cp,tel,adherent,heures,taux\n"
    "1,01053,0612345678,42,0,0.5\n"
    "2,75001,0712345678,43,12,0.25\n"
    "3,13001,0412345678,00042,7.5,0\n"
).encode("utf-8"))

# A UTF-8 export to which one row was added in Excel (Windows-1252): 30 rows
# "Besançon" in UTF-8 (lines 2-31), then line 32 "Orléans" with é as the
# single byte E9.
lines = ["id,ville"] + ["%d,Besançon" % i for i in range(1, 31)]
data = ("\n".join(lines) + "\n").encode("utf-8") + b"31,Orl\xe9ans\n"
write("data_text_mixed_encoding.csv", data)

# A UTF-8 file with accents and no byte-order mark, for encoding: "cp1252"
# given wrongly: 3 rows, 4 accented letters (é, ç, è, é).
write("data_text_utf8_accents.csv", "id,ville\n1,Besançon\n2,Orléans\n3,Sète\n4,Nîmes\n".encode("utf-8"))

# Comma-separated with quoted decimal commas, as LibreOffice and Google
# Sheets write in a French locale.  x: every value quoted "21,5"-style
# (mean (21.5 + 3.25 + 10) / 3 = 11.583333...); y: integers first, then
# "2,5" on row 4 (the column is read again with a decimal comma: 1, 2, 2.5,
# sum 5.5); z: "1,500" only, which may be 1500 with a thousands comma:
# stays text.
write("data_text_quoted_decimal.csv", (
    'id,x,y,z\n'
    '1,"21,5",1,"1,500"\n'
    '2,"3,25",2,"2,000"\n'
    '3,"10",,"3,000"\n'
    '4,,"2,5",\n'
).encode("utf-8"))

# A survey export's "Horodateur" (Google Forms, LimeSurvey): date-times in
# three forms, and a plain date column.  Every time is dropped:
# 2024-03-01, 2024-03-02, 2024-03-03.
write("data_text_datetimes.csv", (
    "id;Horodateur;iso;fr;entree\n"
    "1;2024-03-01 10:32:00;2024-03-01T10:32;01/03/2024 10:32;2024-01-15\n"
    "2;2024-03-02 23:59:59;2024-03-02T00:00:00Z;02/03/2024 08:05:00;2024-01-16\n"
    "3;2024-03-03 00:00:00;2024-03-03T12:00:00.250+01:00;03/03/2024 12:00;2024-01-17\n"
).encode("utf-8"))

# A trailing separator in the header and every row (some spreadsheets):
# two columns, not three.
write("data_text_trailing_sep.csv", b"id;x;\r\n1;2,5;\r\n2;3,5;\r\n")

# Type fallbacks: rep was boolean until "NSP" (row 4), quand a date until
# "inconnu" (row 3), n a number until "beaucoup" (row 5).
write("data_text_fallback.csv", (
    "id,rep,quand,n\n"
    "1,oui,2024-01-01,1\n"
    "2,non,inconnu,2\n"
    "3,NSP,2024-01-03,3\n"
    "4,oui,2024-01-04,beaucoup\n"
).encode("utf-8"))
