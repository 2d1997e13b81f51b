# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""Writes the damaged spreadsheets of tests/data/damaged/ from the sound ones
of tests/data (sheet_small.xlsx, .ods, .xls), one damage each, for the
golden tests data_err_sheet_*: run with /usr/bin/python3 from this folder.
The two .xls that libfreexl mishandles (an overread, a leak) were found by
fuzz_sheet and are kept as they were found (xls_overread.xls, xls_leak.xls)."""
import zipfile

def rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item, data)

def truncate(src, dst, keep):
    with open(src, "rb") as f:
        data = f.read()
    with open(dst, "wb") as f:
        f.write(data[:keep])

# a copy cut short (a download or a copy to a USB stick that stopped)
truncate("../sheet_small.xlsx", "xlsx_truncated.xlsx", 4000)
truncate("../sheet_small.ods", "ods_truncated.ods", 900)
truncate("../sheet_small.xls", "xls_truncated.xls", 3000)
# the sheet's XML cut in the middle of its second row (line 2 of the part)
rewrite("../sheet_small.xlsx", "xlsx_bad_xml.xlsx",
        lambda n, d: d[:d.index(b"<row r=\"3\"")] + b"<row r=\"3\"><c r=\"A3\"" if n == "xl/worksheets/sheet1.xml" else d)
rewrite("../sheet_small.ods", "ods_bad_xml.ods",
        lambda n, d: d.replace(b"</table:table-row>", b"</table:table-cell>", 1) if n == "content.xml" else d)
# the part that holds the first sheet left out of the archive
rewrite("../sheet_small.xlsx", "xlsx_no_sheet_part.xlsx",
        lambda n, d: None if n == "xl/worksheets/sheet1.xml" else d)
# a cell that refers to a shared text the workbook does not hold (B2, the
# postcode "01500", made to point at text number 5 of none)
rewrite("../sheet_small.xlsx", "xlsx_bad_shared.xlsx",
        lambda n, d: d.replace(b'<c r="B2" t="inlineStr"><is><t>01500</t></is></c>', b'<c r="B2" t="s"><v>5</v></c>')
        if n == "xl/worksheets/sheet1.xml" else d)
