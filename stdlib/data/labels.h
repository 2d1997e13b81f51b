/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* labels.h — columns of label sets (multi-valued cells) and the check of a
 * library's vocabulary against the labels of an export.
 *
 * A management software writes a one-to-many field (enDI: the social
 * statuses of a person) as one cell whose labels are joined by line breaks.
 * csv(..., multi: [TITLES]) reads such a column as a column of label sets:
 * its text dictionary is marked `multi` (runtime/value.h), each text holds
 * the cell's labels, trimmed, without blanks or repeats, joined by '\n'.
 * `in`, has(), explode() and the printing of cells read it label by label;
 * `==` on it is refused (runtime/vector.c).
 */
#ifndef IMPACT_LABELS_H
#define IMPACT_LABELS_H

#include "runtime/interp.h"

/* Marks the columns `titles` (found as table_find_column_loose finds them)
 * of the table just read from `shown` as columns of label sets.  false
 * after rt_raise (no such column, or a column that holds no text). */
bool labels_apply_multi(Interp *I, Value table, const char *shown, const char *const *titles,
                        const SrcLoc *locs, size_t n);

/* Warns, once per column, about each text column that is neither declared
 * (`declared`, n_declared names from types:) nor a column of label sets and
 * holds line breaks in 3 cells or more: it may be a multi-valued column
 * read as single texts. */
void labels_warn_line_breaks(Interp *I, Value table, const char *shown, const char *const *declared,
                             size_t n_declared);

extern const BuiltinReg labels_builtins[];

#endif
