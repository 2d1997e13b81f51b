/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sheet_grid.h — what the spreadsheet readers share (sheet_grid.c): the grid of
 * cells they fill, and helpers for zip members and XML names.
 *
 * A Grid holds the cells of one sheet as texts, already written the way
 * csv() reads them (sheet.h says how); row and column indexes are 0-based.
 */
#ifndef IMPACT_SHEET_GRID_H
#define IMPACT_SHEET_GRID_H

#include <expat.h>
#include <zip.h>

#include "stdlib/data/sheet.h"

typedef struct GridRow {
    char **cells; /* NULL = empty */
    size_t n, cap;
    bool present; /* the sheet holds this row (else: a blank line) */
} GridRow;

typedef struct Grid {
    GridRow *rows;
    size_t nrows, cap;
    size_t width; /* columns of the widest row */
} Grid;

void grid_init(Grid *g);
void grid_free(Grid *g);
void grid_touch_row(Grid *g, size_t r);
/* Sets cell (r, c) to s[0..len) (copied); an empty text leaves it empty. */
void grid_set(Grid *g, size_t r, size_t c, const char *s, size_t len);

bool sheet_read_xlsx(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                     Grid *g);
bool sheet_read_ods(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                    Grid *g);
bool sheet_read_xls(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                    Grid *g);

/* "has no sheet named 'X'" with the sheets it has (names: "'A', 'B'"). */
bool sheet_no_such(Interp *I, const char *shown, const SheetChoice *choice, const char *names);
/* "cannot read FILE: what", with the hint to save it again, raised at the
 * call that reads the file (at). */
bool sheet_damaged(Interp *I, SrcLoc at, const char *shown, const char *what);
/* Where expat stopped in a zip entry that is not well-formed XML. */
typedef struct XmlFault {
    unsigned long line, col;
    const char *reason; /* expat's words */
} XmlFault;
/* "cannot read FILE: its part ENTRY is not well-formed XML (line L, column
 * C: reason)", with the same hint. */
bool sheet_bad_xml(Interp *I, SrcLoc at, const char *shown, const char *entry, const XmlFault *f);
/* Parses buf with expat's handlers (chars may be NULL); false with *fault
 * filled when buf is not well-formed XML. */
bool sheet_parse_xml(const char *buf, size_t len, void *ctx, XML_StartElementHandler start,
                     XML_EndElementHandler end, XML_CharacterDataHandler chars, XmlFault *fault);
/* The archive at path, a workbook (SHEET_XLSX) or a spreadsheet
 * (SHEET_ODS), or NULL after sheet_damaged() at the call that reads it. */
zip_t *sheet_zip_open(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                      SheetKind kind);
/* A whole member of the archive, NUL-terminated (malloc'ed), or NULL. */
char *sheet_zip_read(zip_t *z, const char *name, size_t *len);
/* "x:row" -> "row": XML names compared without their namespace prefix. */
const char *sheet_local_name(const char *name);
/* The value of attribute `local` (prefix ignored), or NULL. */
const char *sheet_attr(const char **atts, const char *local);

#endif
