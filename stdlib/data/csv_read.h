/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_read.h — reading a CSV file into a table (used by csv() in csv.c).
 *
 * Contract: csv_read() streams the file through libcsv in chunks (no
 * whole-file buffer), obeys and skips Excel's first line "sep=X" (rows keep
 * their physical line numbers), reads a file whose first line holds no
 * separator as one column (its decimal mark from its digits: "1,5" is
 * 1.5), gives a number column in which a value carried € or EUR the EUR
 * unit, detects or obeys the separator, the decimal mark and
 * the encoding (UTF-8 with or without BOM, Windows-1252), infers each
 * column's type from its values (boolean, date, number, else text) unless it
 * is declared, dictionary-encodes text columns, and returns a new TableObj
 * value.  Text and column names are put in Unicode NFC (utf8proc); numbers
 * written with a leading zero ("01053") make a text column (codes); quoted
 * "21,5" in a ',' file makes a number column read with a decimal comma;
 * date-times are read as their date; an empty title that a trailing
 * separator leaves on the header makes no column when no row fills it.  Every problem is raised as FILE:ROW:COLUMN (ROW = physical line of
 * the file, COLUMN = field number) with the offending text and what to do.
 * Column names that say "social security number", or contents that are
 * valid NIRs, are refused (privacy.h).  A file of 8 MB or more is read by
 * two threads when interp_settings(I)->threads >= 2; the second never calls
 * the interpreter (its error, if any, is raised after the join).
 */
#ifndef IMPACT_CSV_READ_H
#define IMPACT_CSV_READ_H

#include "runtime/interp.h"

typedef enum CsvEncoding { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP1252 } CsvEncoding;

/* A column whose type (and optionally unit) the user declared. */
typedef struct CsvDeclared {
    const char *name;
    ColType type;
    SrcLoc loc; /* where it was declared, for "no such column" */
} CsvDeclared;

typedef struct CsvOptions {
    char sep;     /* 0 = detect from the header line */
    char decimal; /* 0 = ',' when the separator is ';', else '.' */
    CsvEncoding encoding;
    bool header;  /* first line holds the names (default true) */
    int min_cell; /* small-group threshold carried by the table; 0 = default */
    const CsvDeclared *declared;
    size_t n_declared;
    const char *const *missing; /* texts read as missing; NULL = the defaults */
    size_t n_missing;
    const char *const *expected_repeats; /* titles known to repeat (an enDI export's
                                            career steps): renamed without a warning */
    size_t n_expected_repeats;
    SrcLoc call; /* the csv() call, for file-level errors */
} CsvOptions;

/* Reads path (already resolved) and stores a new table in *out; `shown` is
 * the path as the user wrote it, used in messages.  false after rt_raise. */
bool csv_read(Interp *I, const char *path, const char *shown, const CsvOptions *opt, Value *out);

/* The physical line of the file on which data row `row` (0-based) of t
 * starts — counting the header, blank lines and the line breaks inside
 * quoted values — when t holds the rows one of the last 8 csv() calls of
 * this interpreter read,
 * in the file's order (that table, or one made from it by derive or
 * select); 0 when that is not known (rows filtered or sorted, a table built
 * otherwise): say "data row N" then.  For messages located with loc_data(). */
int csv_row_line(Interp *I, const TableObj *t, size_t row);

/* csv_parse_number() and the other readers of one field: csv_values.h. */
#include "stdlib/data/csv_values.h"

#endif
