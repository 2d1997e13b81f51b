/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* text_grid.h — aligned text tables for the terminal (reports, compare).
 *
 * Cells are added row by row (ncols per row), then rendered once: each
 * column as wide as its widest cell in display columns (lang/utf8.h), two
 * blanks between columns, right-aligned where `right[c]`, no trailing blanks.
 * A column with a wrap width (`wrap[c]` > 0) is never wider than that: a
 * longer cell is broken between words onto further lines of its row (a word
 * longer than the width is broken inside), so no text is ever cut.
 * grid_render() frees the cells.
 */
#ifndef IMPACT_TEXT_GRID_H
#define IMPACT_TEXT_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/value.h"

typedef struct TextGrid {
    size_t ncols, ncells, cap;
    char **cells;       /* row-major, malloc'ed strings */
    const bool *right;  /* right-align column c (NULL: all left) */
    const size_t *wrap; /* wrap column c at this width, 0 = never (NULL: none) */
} TextGrid;

void grid_add(TextGrid *g, char *cell); /* takes the malloc'ed cell */
void grid_add_str(TextGrid *g, const char *s);
void grid_add_sb(TextGrid *g, StrBuf *b); /* takes b's text, leaves b empty */
/* Appends the table to out, each line after `indent`, and frees the cells. */
void grid_render(TextGrid *g, const char *indent, StrBuf *out);

#endif
