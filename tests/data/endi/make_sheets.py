#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""make_sheets.py — an .xlsx and an .ods copy of a CSV export, typed as a
spreadsheet types them, for the tests of csv()'s spreadsheet reading.

Usage: /usr/bin/python3 tests/data/endi/make_sheets.py EXPORT.csv OUT_BASENAME
writes OUT_BASENAME.xlsx (with openpyxl, Debian's python3-openpyxl),
OUT_BASENAME.ods (built by hand with zipfile: the OpenDocument mimetype,
manifest and content.xml) and OUT_BASENAME.xls (Excel 97-2003, as enDI's
"export XLS", with xlwt, Debian's python3-xlwt), one sheet named "Export"
in each.

Cells are typed as a spreadsheet saving the export would type them:
  - a whole number or a decimal with a dot (1005, 16.4), not written with a
    leading zero, becomes a number;
  - a date DD/MM/YYYY (main columns) or YYYY-MM-DD (career steps) becomes a
    date (xlsx: a serial number with the format dd/mm/yyyy; ods: a cell of
    type date);
  - everything else stays text: codes with a leading zero (01500, phone
    numbers), labels, and cells holding line breaks (each line of an ods
    cell is one paragraph);
  - an empty cell is left empty.
A second sheet "Notes" is added after the first, so that "first sheet by
default" is tested.
"""
import csv
import datetime as dt
import re
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
FR_DATE = re.compile(r"^([0-9]{2})/([0-9]{2})/([0-9]{4})$")
ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def typed(cell):
    """The cell as a spreadsheet holds it: int, float, date or str."""
    if cell == "":
        return None
    if NUMBER.match(cell):
        return float(cell) if "." in cell else int(cell)
    m = FR_DATE.match(cell)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = ISO_DATE.match(cell)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return cell


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def write_xlsx(rows, path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Export"
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            v = cell if r == 1 else typed(cell)
            if v is None:
                continue
            x = ws.cell(row=r, column=c, value=v)
            if isinstance(v, dt.date):
                x.number_format = "dd/mm/yyyy"
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Copie synthétique d'un export enDI (tests d'impact)"
    wb.save(path)


def write_xls(rows, path):
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Export")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            v = cell if r == 0 else typed(cell)
            if v is None:
                continue
            if isinstance(v, dt.date):
                ws.write(r, c, v, date_style)
            else:
                ws.write(r, c, v)
    wb.add_sheet("Notes").write(0, 0, "Copie synthétique d'un export enDI (tests d'impact)")
    wb.save(path)


def ods_cell(cell, header):
    v = cell if header else typed(cell)
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, dt.date):
        return ('<table:table-cell office:value-type="date" office:date-value="%s">'
                "<text:p>%s</text:p></table:table-cell>" % (v.isoformat(), v.strftime("%d/%m/%Y")))
    if isinstance(v, (int, float)):
        return ('<table:table-cell office:value-type="float" office:value="%s">'
                "<text:p>%s</text:p></table:table-cell>" % (repr(v), cell))
    paragraphs = "".join("<text:p>%s</text:p>" % escape(line) for line in v.split("\n"))
    return '<table:table-cell office:value-type="string">%s</table:table-cell>' % paragraphs


def write_ods(rows, path):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    body = []
    for r, row in enumerate(rows):
        body.append("<table:table-row>%s</table:table-row>"
                    % "".join(ods_cell(c, r == 0) for c in row))
    # LibreOffice ends a sheet with one empty row repeated to its last row
    body.append('<table:table-row table:number-rows-repeated="1048000">'
                '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s '
               'office:version="1.2"><office:body><office:spreadsheet>'
               "<table:table table:name=%s>%s</table:table>"
               "<table:table table:name=%s><table:table-row><table:table-cell "
               'office:value-type="string"><text:p>Notes</text:p></table:table-cell>'
               "</table:table-row></table:table>"
               "</office:spreadsheet></office:body></office:document-content>"
               % (ns, quoteattr("Export"), "".join(body), quoteattr("Notes")))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        # the mimetype first and stored uncompressed, as OpenDocument requires
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: make_sheets.py EXPORT.csv OUT_BASENAME")
    rows = read_rows(argv[0])
    write_xlsx(rows, argv[1] + ".xlsx")
    write_ods(rows, argv[1] + ".ods")
    write_xls(rows, argv[1] + ".xls")


if __name__ == "__main__":
    main(sys.argv[1:])
