/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sheet.h — spreadsheets read by csv(): .xlsx and .ods (libzip + expat),
 * .xls (freexl), and the recognition of other binary files.
 *
 * Contract: sheet_sniff() tells from the first bytes of a file what it is.
 * sheet_to_csv() writes one sheet of a spreadsheet as a CSV file (`;`,
 * every field quoted, UTF-8, one line per sheet row, blank lines for empty
 * rows, every row as wide as the widest) into a private temporary file
 * (mode 0600, to be unlinked by the caller), so that csv() reads it through
 * the very same typing, small-group and NIR rules as a CSV export.  Cells
 * are written as the spreadsheet holds them: numbers in their shortest
 * form with a decimal point, dates as ISO 2024-03-01 (a date-time with its
 * time), booleans true/false, texts as typed (a code "01500" stays a text),
 * error cells (#N/A) empty.  The physical lines of that CSV are the rows of
 * the sheet, so messages say FILE:ROW:COLUMN of the sheet.
 */
#ifndef IMPACT_SHEET_H
#define IMPACT_SHEET_H

#include "runtime/interp.h"

typedef enum SheetKind {
    SHEET_NONE, /* text: read as CSV */
    SHEET_XLSX, /* Office Open XML workbook */
    SHEET_ODS,  /* OpenDocument spreadsheet */
    SHEET_XLS,  /* Excel 97-2003 (OLE2 compound file) */
    SHEET_OTHER /* another binary file: *what says what it looks like */
} SheetKind;

/* What `path` is; for SHEET_OTHER, *what is a noun phrase ("a PDF
 * document").  A file that cannot be opened is SHEET_NONE (csv() reports
 * it). */
SheetKind sheet_sniff(const char *path, const char **what);

/* The sheet to read: by name (name != NULL), else by number (1 = first). */
typedef struct SheetChoice {
    const char *name;
    int number;
    SrcLoc loc;  /* of the sheet: option, for "no such sheet" */
    SrcLoc call; /* of the file's name in the call that reads it: a damaged file's errors */
} SheetChoice;

/* Writes the chosen sheet of `path` (shown as `shown` in messages) as CSV
 * into a new temporary file whose name is stored in *tmp (malloc'ed).
 * false after rt_raise (then no file is left). */
bool sheet_to_csv(Interp *I, const char *path, const char *shown, SheetKind kind,
                  const SheetChoice *choice, char **tmp);

#endif
