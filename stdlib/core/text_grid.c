/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* text_grid.c — aligned text tables with wrapped columns (see text_grid.h). */
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "runtime/mem.h"
#include "stdlib/core/text_grid.h"

void grid_add(TextGrid *g, char *cell)
{
    if (g->ncells == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->cells = xrealloc(g->cells, sizeof(char *) * g->cap);
    }
    g->cells[g->ncells++] = cell;
}

void grid_add_str(TextGrid *g, const char *s)
{
    grid_add(g, xstrdup(s ? s : ""));
}

void grid_add_sb(TextGrid *g, StrBuf *b)
{
    grid_add(g, b->data ? sb_take(b) : xstrdup(""));
}

static void pad(StrBuf *b, size_t n)
{
    for (size_t i = 0; i < n; i++) sb_append(b, " ");
}

/* The length in bytes of the first line of s (len bytes) in `cols` columns:
 * up to the last blank that fits, or as much as fits when no blank does.
 * *next is where the following line starts (blanks skipped). */
static size_t wrap_line(const char *s, size_t len, size_t cols, size_t *next)
{
    size_t fit = utf8_fit(s, len, cols, NULL);
    if (fit >= len) {
        *next = len;
        return len;
    }
    size_t cut = fit;
    if (s[fit] != ' ') {
        while (cut > 0 && s[cut - 1] != ' ') cut--;
        if (cut == 0) { /* one word longer than the column: broken inside */
            int32_t cp;
            *next = fit ? fit : utf8_decode(s, len, &cp);
            return *next;
        }
    }
    size_t end = cut;
    while (end > 0 && s[end - 1] == ' ') end--;
    while (cut < len && s[cut] == ' ') cut++;
    *next = cut;
    return end ? end : cut;
}

/* The lines of one cell in a column of `cols` columns (0: one line). */
static size_t cell_lines(const char *cell, size_t cols)
{
    size_t len = strlen(cell), n = 0, at = 0;
    if (!cols) return 1;
    do {
        size_t next;
        wrap_line(cell + at, len - at, cols, &next);
        at += next ? next : len - at;
        n++;
    } while (at < len);
    return n;
}

/* Line k of a cell (a pointer into it and a byte length). */
static const char *cell_line(const char *cell, size_t cols, size_t k, size_t *out_len)
{
    size_t len = strlen(cell), at = 0;
    if (!cols) {
        *out_len = k == 0 ? len : 0;
        return cell;
    }
    for (size_t i = 0;; i++) {
        size_t next, n = wrap_line(cell + at, len - at, cols, &next);
        if (i == k || at >= len) {
            *out_len = at >= len ? 0 : n;
            return cell + at;
        }
        at += next ? next : len - at;
    }
}

static void column_widths(const TextGrid *g, size_t nrows, size_t *width)
{
    for (size_t c = 0; c < g->ncols; c++) {
        size_t limit = g->wrap ? g->wrap[c] : 0;
        width[c] = 0;
        for (size_t r = 0; r < nrows; r++) {
            size_t w = utf8_width_z(g->cells[r * g->ncols + c]);
            if (limit && w > limit) w = limit;
            if (w > width[c]) width[c] = w;
        }
    }
}

static void render_row(const TextGrid *g, char **row, const size_t *width, const char *indent,
                       StrBuf *out)
{
    size_t lines = 1;
    for (size_t c = 0; c < g->ncols; c++) {
        size_t n = cell_lines(row[c], g->wrap ? g->wrap[c] : 0);
        if (n > lines) lines = n;
    }
    for (size_t k = 0; k < lines; k++) {
        StrBuf line;
        sb_init(&line);
        sb_append(&line, indent);
        for (size_t c = 0; c < g->ncols; c++) {
            size_t len;
            const char *text = cell_line(row[c], g->wrap ? g->wrap[c] : 0, k, &len);
            size_t w = utf8_width(text, len);
            size_t gap = width[c] > w ? width[c] - w : 0;
            if (c) sb_append(&line, "  ");
            if (g->right && g->right[c]) pad(&line, gap);
            sb_appendn(&line, text, len);
            if (!(g->right && g->right[c]) && c + 1 < g->ncols) pad(&line, gap);
        }
        /* no trailing blanks */
        while (line.len && line.data[line.len - 1] == ' ') line.data[--line.len] = 0;
        sb_append(out, line.data ? line.data : "");
        sb_append(out, "\n");
        sb_free(&line);
    }
}

void grid_render(TextGrid *g, const char *indent, StrBuf *out)
{
    size_t nrows = g->ncols ? g->ncells / g->ncols : 0;
    size_t *width = xcalloc(g->ncols + 1, sizeof *width);
    column_widths(g, nrows, width);
    for (size_t r = 0; r < nrows; r++) render_row(g, g->cells + r * g->ncols, width, indent, out);
    free(width);
    for (size_t i = 0; i < g->ncells; i++) free(g->cells[i]);
    free(g->cells);
    memset(g, 0, sizeof *g);
}
