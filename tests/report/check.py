#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""make check-report: the report files of models, read back by other tools.

  check.py IMPACT WORKDIR MODEL.impact...

For each MODEL (a file that defines no model, a network of results, has no
report and is passed over) and each LANG (en, fr): writes the report of
MODEL as JSON, XLSX, HTML and CSV in LANG, then checks each against the JSON, whose figures are first checked by hand
arithmetic here (impact = quantity × proxy × (1 − deductions); present value
= Σ year / (1 + r)^t under the Guide's convention; ratio = PV / inputs' PV):
  JSON  valid against docs/report.schema.json (jsonschema, Draft 2020-12);
  XLSX  read by openpyxl (the cached values, as a reader that does not
        recalculate sees them): the value map's columns in the SVI order with
        LANG's headings, every figure equal to the JSON's; results, inputs;
        the SVI workbook's formulas present (value, impact, each year, present
        value, totals, results) and, recomputed in Python (formulas.py), equal
        to the values stored beside them;
  HTML  opened in headless Chromium (tests/report/browser.py, one browser
        for every page, every host unreachable): no console message (a blocked request
        or a script error would print one), none either with the page's
        Content-Security-Policy removed (so any request at all fails
        loudly), the ratio shown equals the JSON's, the
        charts are there and drawn (the screenshot has the bars' colour);
  CSV   ';' and Windows-1252 in French, ',' and UTF-8 in English, the SVI
        columns, the present values equal to the JSON's;
  all   (and the text report) one language: no word of the other language's
        messages (tests/report/language.py); no label cut: every label,
        indicator and source whole in each format, and in the text report's
        value map the indicator's words all there, in order, on its row's lines.
Then, over all the models, every key docs/report.schema.json documents is
in some JSON file (the schema and stdlib/report/report_json.c's table agree).
Prints one line per failure, then "N passed, N failed" (one test per model
and language, and the documented keys); exits 1 if any failed.
"""
import csv, functools, io, json, math, os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser, formulas, language

IMPACT, WORKDIR = os.path.abspath(sys.argv[1]), sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# the model and language being checked (check_one), and what failed for them
MODEL = LANG = WORK = BROWSER = None
failures = []


def fail(msg):
    failures.append(msg)
    print(f"FAIL {os.path.basename(MODEL)} [{LANG}]: {msg}")


def close(a, b, tol=1e-9):
    return a is not None and b is not None and abs(a - b) <= tol * max(1.0, abs(a), abs(b))


# The value map's columns: the SVI template's order, then the model's extras.
SVI = {
    "en": ["Stakeholder", "Intended/unintended change", "Inputs", "Outputs", "Outcome description",
           "Indicator", "Source", "Quantity", "Duration (years)", "Financial proxy", "Proxy source",
           "Value", "Deadweight", "Displacement", "Attribution", "Drop-off", "Impact"],
    "fr": ["Partie prenante", "Changement attendu ou inattendu", "Ressources", "Réalisations",
           "Description de l'effet", "Indicateur", "Source", "Quantité", "Durée (années)",
           "Proxy financier", "Source du proxy", "Valeur", "Poids mort", "Déplacement",
           "Attribution", "Dégressivité", "Impact"],
}
YEAR = {"en": "Year {}", "fr": "Année {}"}
TAIL = {"en": ["Present value", "Leakage", "Start year", "Domain", "Evidence", "Material",
               "Materiality reason", "Proxy evidence", "Quantity evidence",
               "Distance travelled: before", "Distance travelled: after", "Scale: lowest score",
               "Scale: highest score"],
        "fr": ["Valeur actuelle", "Fuite", "Année de début", "Domaine", "Justification",
               "Significatif", "Justification de la matérialité", "Niveau de preuve du proxy",
               "Niveau de preuve de la quantité", "Distance parcourue : avant",
               "Distance parcourue : après", "Échelle : score le plus bas",
               "Échelle : score le plus haut"]}


@functools.lru_cache(maxsize=None)
def workbook(path, data_only=False):
    """The workbook at path as openpyxl reads it, read once (it is only read)."""
    import openpyxl
    return openpyxl.load_workbook(path, data_only=data_only)


def run(*args):
    return run_report(MODEL, LANG, *args)


@functools.lru_cache(maxsize=None)
def run_report(model, lang, *args):
    """impact report MODEL --lang LANG ARGS (the same run is made once)."""
    r = subprocess.run([IMPACT, "report", model, "--lang", lang, *args], capture_output=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
    if r.returncode != 0:
        fail(f"impact report {' '.join(args)} exited {r.returncode}: {r.stderr.decode()[-400:]}")
    return r


def expected_header(years):
    return SVI[LANG] + [YEAR[LANG].format(y) for y in range(1, years + 1)] + TAIL[LANG]


@functools.lru_cache(maxsize=None)
def schema_validator():
    """docs/report.schema.json, itself checked against Draft 2020-12 once
    (what jsonschema.validate does at each call)."""
    import jsonschema
    schema = json.load(open(os.path.join(ROOT, "docs", "report.schema.json")))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


# Every key path the JSON files checked so far hold (".models[].inputs[].hours").
WRITTEN = set()


def key_paths(node, path, out):
    """The key paths of a JSON document (lists as "[]") added to out."""
    if isinstance(node, dict):
        for key, sub in node.items():
            out.add(f"{path}.{key}")
            key_paths(sub, f"{path}.{key}", out)
    elif isinstance(node, list):
        for sub in node:
            key_paths(sub, f"{path}[]", out)


def documented_paths(node, path, out, defs):
    """The key paths docs/report.schema.json documents ($ref followed) added to out."""
    while "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    for key, sub in node.get("properties", {}).items():
        out.add(f"{path}.{key}")
        documented_paths(sub, f"{path}.{key}", out, defs)
    if "items" in node:
        documented_paths(node["items"], f"{path}[]", out, defs)


def check_documented_keys():
    """The schema documents no key that report_json.c's table never writes:
    over every model checked (run.sh passes them all: tests/report/*.impact
    give the optional keys, hours, distance, attributed values, spreads), each
    documented key is in some file.  (A key the schema does not document fails
    the validation of check_json: additionalProperties is false throughout.)"""
    schema = json.load(open(os.path.join(ROOT, "docs", "report.schema.json")))
    documented = set()
    documented_paths(schema, "", documented, schema["$defs"])
    unwritten = sorted(documented - WRITTEN)
    if unwritten:
        print("FAIL docs/report.schema.json documents keys no report file of these models has "
              f"(stdlib/report/report_json.c's REPORT_FIELDS and the schema disagree): {unwritten}")
    return not unwritten


def check_json(path):
    import jsonschema
    doc = json.load(open(path, encoding="utf-8"))
    key_paths(doc, "", WRITTEN)
    e = jsonschema.exceptions.best_match(schema_validator().iter_errors(doc))
    if e is not None:
        fail(f"JSON does not follow docs/report.schema.json: {e.message} at {list(e.path)}")
    for m in doc["models"]:
        r = m["discount"]
        for o in m["outcomes"]:
            by_hand = o["quantity"] * o["proxy"]
            for k in ("deadweight", "displacement", "attribution", "leakage"):
                by_hand *= 1 - o[k]
            if not close(by_hand, o["impact"], 1e-9):
                fail(f"{o['name']}: impact {o['impact']} is not quantity × proxy × (1 − deductions) = {by_hand}")
            if m["discounting"] == "guide":
                pv = sum(v / (1 + r) ** (t + 1) for t, v in enumerate(o["years"]))
                if not close(pv, o["present_value"], 1e-9):
                    fail(f"{o['name']}: present value {o['present_value']} is not Σ years/(1+r)^t = {pv}")
        # a deduction of 0 is not moved by ±20% (20% of 0 is 0): its swing of 0
        # would read as "no effect", so it is named in sensitivity_not_moved,
        # never a row of sensitivity (read off the outcomes' own values)
        rows = {t["parameter"] for t in m["sensitivity"]}
        for o in m["outcomes"]:
            for k in ("deadweight", "displacement", "attribution"):
                if o[k] == 0 and f"{o['name']}.{k}" in rows:
                    fail(f"{o['name']}.{k} is 0, so ±20% does not move it, yet it is a row of sensitivity")
        if rows & set(m["sensitivity_not_moved"]):
            fail(f"sensitivity and sensitivity_not_moved share {rows & set(m['sensitivity_not_moved'])}")
        res = m["results"]
        # an outcome judged not material is listed, left out of the totals (METHOD §1.12)
        material = [o for o in m["outcomes"] if o["material"]]
        if not close(sum(o["present_value"] for o in material), res["present_value"], 1e-9):
            fail("the material outcomes' present values do not add up to the total")
        if any(not o["material"] and not o["material_reason"] for o in m["outcomes"]):
            fail("an outcome judged not material has no reason")
        if "ratio" in res and not close(res["present_value"] / res["inputs_present_value"], res["ratio"]):
            fail("ratio is not PV / inputs' PV")
    return doc


def check_xlsx(path, doc):
    wb = workbook(path, data_only=True)
    m = doc["models"][0]
    ws = wb[wb.sheetnames[0]]
    header = [c.value for c in ws[1]]
    want = expected_header(m["years_of_value"])
    if header != want:
        fail(f"XLSX value map columns {header} are not the SVI order {want}")
        return
    col = {t: i for i, t in enumerate(header)}
    div = m["money_divisor"]
    for i, o in enumerate(m["outcomes"]):
        row = [c.value for c in ws[i + 2]]
        pairs = [("Quantity", o["quantity"], 1), ("Financial proxy", o["proxy"], div),
                 ("Value", o["quantity"] * o["proxy"], div), ("Deadweight", o["deadweight"], 1),
                 ("Displacement", o["displacement"], 1), ("Attribution", o["attribution"], 1),
                 ("Impact", o["impact"], div), ("Present value", o["present_value"], div)]
        pairs += [(YEAR["en"].format(t + 1), v, div) for t, v in enumerate(o["years"])]
        for title, value, scale in pairs:
            index = SVI["en"].index(title) if title in SVI["en"] else None
            if index is None:
                index = (len(SVI["en"]) + int(title.split()[1]) - 1 if title.startswith("Year")
                         else len(SVI["en"]) + m["years_of_value"] + TAIL["en"].index(title))
            cell = row[index]
            if not isinstance(cell, (int, float)) or not close(cell * scale, value, 1e-9):
                fail(f"XLSX {o['name']}: {header[index]} is {cell!r}, the JSON says {value}")
        if row[col[want[1]]] != o["name"]:
            fail(f"XLSX row {i + 2} is not outcome {o['name']}")
    check_xlsx_formulas(path, m, want)
    res = wb[wb.sheetnames[2]]
    values = {r[0].value: r[1].value for r in res.iter_rows(min_row=2, max_row=14)}
    ratio = [v for k, v in values.items() if k in ("SROI ratio", "ratio SROI")]
    if not ratio or not close(ratio[0], m["results"]["ratio"], 1e-9):
        fail(f"XLSX results: ratio {ratio} is not the JSON's {m['results']['ratio']}")
    if m["uncertainty"]["samples"] and len(wb.sheetnames) < 6:
        fail("XLSX: an uncertain model has no uncertainty sheet")
    check_xlsx_named(wb, m)


def check_xlsx_named(wb, m):
    """The named assumptions on the assumptions sheet, below the fields: each
    row's name, value, source, range and users equal the JSON's; each field
    row names the assumptions it reads as the JSON does."""
    if not m["named_assumptions"]:
        return
    title = {"en": "Assumptions", "fr": "Hypothèses"}[LANG]
    sheets = [n for n in wb.sheetnames if n.startswith(title)]
    if not sheets:
        fail(f"XLSX: no sheet {title} among {wb.sheetnames}")
        return
    rows = [[c.value or "" for c in r] for r in wb[sheets[0]].iter_rows()]
    fields = {r[0]: r for r in rows[1:len(m["assumptions"]) + 1]}
    for a in m["assumptions"]:
        got = fields.get(a["field"], ["", "", "", ""])
        if (got + [""] * 4)[3] != a.get("assumption", ""):
            fail(f"XLSX field {a['field']}: assumption {got[3:4]} is not the JSON's {a.get('assumption')}")
    named = {r[0]: r for r in rows[len(m["assumptions"]) + 2:]}
    for a in m["named_assumptions"]:
        want = [a["name"], a["value"], a["source"], a["range"], a["label"], a["used_by"]]
        got = (named.get(a["name"], []) + [""] * 6)[:6]
        if got != want:
            fail(f"XLSX named assumption {a['name']}: {got} is not the JSON's {want}")


def check_xlsx_formulas(path, m, header):
    """The SVI workbook's formulas are in the cells (openpyxl, data_only=False),
    and recomputed in Python from the cells they read (tests/report/formulas.py;
    LibreOffice is not a test tool) they give the values stored beside them,
    which check_xlsx compared with the JSON's."""
    wb = workbook(path)
    vm, results = wb[wb.sheetnames[0]], wb[wb.sheetnames[2]]
    n = len(m["outcomes"])
    years = m["years_of_value"]
    first_year = len(SVI[LANG])
    want = {SVI[LANG][11]: "value", SVI[LANG][16]: "impact", TAIL[LANG][0]: "present value"}
    for i, o in enumerate(m["outcomes"]):
        row = [c.value for c in vm[i + 2]]
        formula_cols = {header.index(t): what for t, what in want.items()}
        if m["discounting"] == "green_book_declining":  # a schedule, no short formula
            del formula_cols[header.index(TAIL[LANG][0])]
        if not o["dropoff_profile"]:  # a yearly profile is not in the sheet
            formula_cols.update({first_year + y: f"year {y + 1}" for y in range(years)
                                 if not m.get("horizon") or y < m["horizon"]})
        for c, what in formula_cols.items():
            if not (isinstance(row[c], str) and row[c].startswith("=")):
                fail(f"XLSX {o['name']}: the {what} is not a formula: {row[c]!r}")
    total = [c.value for c in vm[n + 2]]
    for c in [header.index(SVI[LANG][16]), header.index(TAIL[LANG][0])] + \
            [first_year + y for y in range(years)]:
        if not (isinstance(total[c], str) and total[c].startswith("=SUM(")):
            fail(f"XLSX: the total of {header[c]} is not a SUM: {total[c]!r}")
    for r in (2, 4, 5, 6, 7):  # inputs, total PV, NPV, ratio, net ratio
        if not (isinstance(results.cell(row=r, column=2).value, str)):
            fail(f"XLSX results: {results.cell(row=r, column=1).value} is not a formula")
    wrong, count = formulas.Workbook(wb, workbook(path, data_only=True)).check()
    for sheet, cell, text, stored, got in wrong[:10]:
        fail(f"XLSX {sheet}!{cell}: {text} computes {got}, the cell stores {stored}")
    if count < 4 * n + 5:
        fail(f"XLSX: only {count} formulas")


def check_html(path, doc):
    m = doc["models"][0]
    shot = os.path.join(WORK, "shot.png")
    dom, console = BROWSER.open("file://" + os.path.abspath(path), 1200, 2400, screenshot=shot)
    for line in console:
        fail(f"HTML: console message: {line[:300]}")
    # The same page with its Content-Security-Policy removed and every host
    # unreachable: a request of any kind would now fail with a message.
    open_page = os.path.join(WORK, "open.html")
    text = open(path, encoding="utf-8").read()
    open(open_page, "w", encoding="utf-8").write(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text))
    _, console = BROWSER.open("file://" + open_page)
    for line in console:
        fail(f"HTML without its CSP: console message (a request?): {line[:300]}")
    if re.search(r'(src|href)\s*=\s*"(https?:)?//', text) or "url(" in text:
        fail("HTML refers to something outside the file")
    found = re.search(r'id="ratio-[^"]*" data-value="([^"]+)">([^<]+)<', dom)
    if not found:
        fail("HTML: the ratio is not shown")
    else:
        shown = float(found.group(2).replace(",", ".").replace("\u202f", ""))
        if not close(float(found.group(1)), m["results"]["ratio"], 1e-12) or abs(shown - round(m["results"]["ratio"], 2)) > 1e-9:
            fail(f"HTML ratio {found.group(2)} ({found.group(1)}) is not the JSON's {m['results']['ratio']}")
    charts = dom.count('<svg class="chart"')
    want = 3 + (1 if m["domains"] else 0) + (1 if m["uncertainty"]["samples"] else 0) - (0 if m["sensitivity"] else 1)
    if charts != want:
        fail(f"HTML has {charts} charts, expected {want}")
    if m["named_assumptions"]:
        table = re.search(r'<table id="named-assumptions">(.*?)</table>', dom, re.S)
        for a in m["named_assumptions"]:
            if not table or f"<td>{a['name']}</td>" not in table.group(1):
                fail(f"HTML: named assumption {a['name']} is not in its table")
    if "<details>" not in dom or dom.count('<th scope="col">') < 20:
        fail("HTML: the audit trail or the table headers are missing")
    from PIL import Image
    img = Image.open(shot).convert("RGB")
    bars = sum(n for n, p in img.getcolors(img.width * img.height)
               if abs(p[0] - 0x2b) < 12 and abs(p[1] - 0x6c) < 12 and abs(p[2] - 0xa3) < 12)
    if bars < 2000:
        fail(f"HTML screenshot: the charts' bars are not drawn ({bars} pixels of their colour)")


def check_csv(path, doc):
    m = doc["models"][0]
    raw = open(path, "rb").read()
    try:
        text = raw.decode("cp1252" if LANG == "fr" else "utf-8")
    except UnicodeDecodeError as e:
        fail(f"CSV is not {'Windows-1252' if LANG == 'fr' else 'UTF-8'}: {e}")
        return
    if LANG == "fr" and raw.startswith(b"\xef\xbb\xbf"):
        fail("CSV in French starts with a UTF-8 mark")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if LANG == "fr" else ","))
    if rows[0] != expected_header(m["years_of_value"]):
        fail(f"CSV columns {rows[0]} are not the SVI order")
        return
    pv = rows[0].index(TAIL[LANG][0])
    for i, o in enumerate(m["outcomes"]):
        value = float(rows[i + 1][pv].replace(",", ".")) if rows[i + 1][pv] else None
        if not close(value, o["present_value"], 1e-12):
            fail(f"CSV {o['name']}: present value {rows[i + 1][pv]} is not the JSON's {o['present_value']}")


def value_map_rows(report, title):
    """The rows of the text report's value map (its table under the heading
    line holding `title`), each the words of its lines joined (a row starts
    where the first column has text, its wrapped lines follow)."""
    lines = report.splitlines()
    head = next((i for i, l in enumerate(lines) if re.search(r"\s" + title + r"\s", l)), None)
    if head is None:
        return []
    first = len(lines[head]) - len(lines[head].lstrip())
    rows = []
    for l in lines[head + 1:]:
        if not l.strip():
            break
        if l[first:first + 1].strip():
            rows.append(l.split())
        elif rows:
            rows[-1] += l.split()
    return rows


def words_in_order(words, row):
    """True when the words follow each other in row, other columns' words
    between them allowed (a wrapped cell shares its lines with the others)."""
    it = iter(row)
    return all(any(w == x for x in it) for w in words)


def check_labels_whole(out, doc):
    """No label is cut: each outcome's label, indicator, sources and
    stakeholder label, and each input's label, is in the HTML, the XLSX and
    the CSV whole, as the JSON has it; the text report wraps long texts
    inside their column, so its words follow each other there, and it shows
    no "…" that the text does not have."""
    import html as htmllib
    m = doc["models"][0]
    texts = []
    for o in m["outcomes"]:
        texts += [o[k] for k in ("description", "indicator", "source", "proxy_source", "stakeholder_label")]
    texts += [i["label"] for i in m["inputs"]]
    texts = [t for t in texts if t]
    page = htmllib.unescape(open(out["html"], encoding="utf-8").read())
    cells = set()
    for ws in workbook(out["xlsx"]).worksheets:
        for row in ws.iter_rows():
            cells.update(c.value for c in row if isinstance(c.value, str))
    raw = open(out["csv"], "rb").read().decode("cp1252" if LANG == "fr" else "utf-8-sig")
    fields = {f for r in csv.reader(io.StringIO(raw), delimiter=";" if LANG == "fr" else ",") for f in r}
    report = run("--format", "text").stdout.decode()
    rows = value_map_rows(report, {"en": "indicator", "fr": "indicateur"}[LANG])
    for t in texts:
        if t not in page:
            fail(f"HTML: the text {t[:60]!r}… is not shown whole")
        if t not in cells:
            fail(f"XLSX: no cell holds {t[:60]!r}… whole")
        want = t
        if LANG == "fr":  # Windows-1252 writes what it lacks as iconv transliterates it (→ as ->)
            want = subprocess.run(["iconv", "-f", "UTF-8", "-t", "WINDOWS-1252//TRANSLIT"],
                                  input=t.encode(), capture_output=True).stdout.decode("cp1252")
        if t in (o["description"] for o in m["outcomes"]) and want not in fields:
            fail(f"CSV: no field holds {t[:60]!r}… whole")
    for o, row in zip(m["outcomes"], rows):
        if o["indicator"] and not words_in_order(o["indicator"].split(), row):
            fail(f"text report: the indicator of {o['name']} is cut: {' '.join(row)[:200]}")
    if "…" in report and not any("…" in t for t in texts):
        fail("text report: a text is cut with '…'")


def check_language(out, doc):
    """One report, one language (tests/report/language.py): no text of any
    format is a catalogue message of the other language."""
    raw = open(out["csv"], "rb").read().decode("cp1252" if LANG == "fr" else "utf-8-sig")
    text = run("--format", "text").stdout.decode()
    texts = {
        "HTML": language.html_texts(out["html"]),
        "XLSX": language.xlsx_texts(workbook(out["xlsx"])),
        "CSV": language.csv_texts(csv.reader(io.StringIO(raw), delimiter=";" if LANG == "fr" else ",")),
        "JSON": language.json_texts(doc),
        "text": language.text_report_texts(text),
    }
    if LANG == "fr":
        # sentences left in English (not in the catalogue): the HTML (with
        # its audit trail, explain's text) in French has no English word,
        # the model's names aside
        m = doc["models"][0]
        names = [o["name"] for o in m["outcomes"]] + [i["name"] for i in m["inputs"]] + \
            [s["name"] for s in m["stakeholders"]]
        lines = [l for t in texts["HTML"] for l in t.splitlines()]
        for word, line in language.english_words(lines, names)[:5]:
            fail(f"HTML in French has the English word {word!r}: {line!r}")
    other = "English" if LANG == "fr" else "French"
    for fmt, found in texts.items():
        for shown, message in language.foreign(found, LANG)[:5]:
            fail(f"{fmt} in {LANG} shows {other} words {shown!r} (the message {message!r})")


def check_one(model, lang, work):
    """The checks of the header for one model in one language; True when
    none failed."""
    global MODEL, LANG, WORK, failures
    MODEL, LANG, WORK, failures = model, lang, work, []
    os.makedirs(WORK, exist_ok=True)
    out = {k: os.path.join(WORK, "r." + k) for k in ("json", "xlsx", "html", "csv")}
    for k, p in out.items():
        run("-o", p)
    if failures:
        return False
    doc = check_json(out["json"])
    if doc["language"] != LANG:
        fail(f"JSON language is {doc['language']}")
    check_xlsx(out["xlsx"], doc)
    check_html(out["html"], doc)
    check_csv(out["csv"], doc)
    check_language(out, doc)
    check_labels_whole(out, doc)
    workbook.cache_clear()
    return not failures


def defines_a_model(model):
    r = subprocess.run([IMPACT, "report", model, "--format", "json"], capture_output=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
    return r.returncode == 0 or b"defines no model" not in r.stderr


def main():
    global BROWSER
    passed = failed = 0
    BROWSER = browser.Browser()
    try:
        for model in sys.argv[3:]:
            if not defines_a_model(model):
                continue
            for lang in ("en", "fr"):
                name = os.path.basename(model)[:-len(".impact")]
                if check_one(model, lang, os.path.join(WORKDIR, f"{name}-{lang}")):
                    passed += 1
                else:
                    failed += 1
    finally:
        BROWSER.close()
    if check_documented_keys():
        passed += 1
    else:
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
