/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* format.c — value_format(): the readable rendering of every kind of value,
 * used by print, the REPL and reports.
 *
 * Contract: see interp.h.  Numbers follow unit.c's rules (120000 EUR, 25%,
 * 6 month, 0.333333); texts are quoted only inside lists and records;
 * columns show their first values and their length; tables an aligned view
 * of at most 10 rows and 100 characters; distributions go through the
 * installed formatter (stdlib/dist.c) or a compact default.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "lang/i18n.h"
#include "lang/utf8.h"
#include "runtime/calendar.h"
#include "runtime/internal.h"
#include "runtime/module.h"
#include "runtime/mem.h"

#define TABLE_ROWS  10
#define TABLE_WIDTH 100
#define CELL_MAX    30
#define LIST_MAX    100

static void format_inner(Interp *I, Value v, StrBuf *out, bool quoted, size_t depth);

static void format_quoted(const char *s, size_t len, StrBuf *out)
{
    sb_append(out, "\"");
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"' || c == '\\') {
            sb_appendn(out, "\\", 1);
            sb_appendn(out, &c, 1);
        } else if (c == '\n')
            sb_append(out, "\\n");
        else if (c == '\t')
            sb_append(out, "\\t");
        else
            sb_appendn(out, &c, 1);
    }
    sb_append(out, "\"");
}

/* Days since 1970-01-01 → YYYY-MM-DD (runtime/calendar.h). */
static void format_date(double days, StrBuf *out)
{
    char text[32];
    date_format(days, text, sizeof text);
    sb_append(out, text);
}

void format_dist_default(Interp *I, Value v, StrBuf *out)
{
    const DistObj *d = as_dist(v);
    const double *samples = d->n ? dist_samples(d) : NULL;
    if (d->n == 0) {
        sb_append(out, _("empty distribution"));
        return;
    }
    if (v.flags & VF_BOOLDIST) {
        double k = 0; /* an unknown (NaN) sample is not counted as true */
        for (size_t i = 0; i < d->n; i++) k += samples[i] == 1;
        sb_append(out, _("true with probability "));
        format_quantity(I, k / (double)d->n, (NumShape){ { { 0 } }, VF_PERCENT, 0 }, out);
        return;
    }
    /* The standard library installs the real display (median and 90%
     * interval, stdlib/uncertainty/dist_display.c, on the one quantile of
     * stdlib/stats/); without it, an interpreter embedded alone shows the
     * mean of the samples present. */
    double sum = 0;
    size_t kept = 0;
    for (size_t i = 0; i < d->n; i++)
        if (!isnan(samples[i])) {
            sum += samples[i];
            kept++;
        }
    sb_append(out, _("uncertain, mean "));
    format_quantity(I, kept ? sum / (double)kept : NAN, shape_of(v), out);
    sb_printf(out, _(" (%zu samples)"), kept);
}

/* One cell of a column, as shown in a column or table view. */
/* A cell of a column of label sets (csv's multi:): its labels, which the
 * file joins with line breaks, as a list ["RSA", "Étudiant.e"] (or
 * "RSA | Étudiant.e" where texts are not quoted, in a table's rows). */
static void format_label_set(const char *s, size_t len, bool quoted, StrBuf *out)
{
    const char *end = s + len;
    if (quoted) sb_append(out, "[");
    for (bool first = true; s < end; first = false) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)((nl ? nl : end) - s);
        if (!first) sb_append(out, quoted ? ", " : " | ");
        if (quoted)
            format_quoted(s, n, out);
        else
            sb_appendn(out, s, n);
        s += n + 1;
    }
    if (quoted) sb_append(out, "]");
}

static void format_cell(Interp *I, const ColumnObj *c, size_t i, NumShape shape, bool quoted,
                        StrBuf *out)
{
    switch (c->type) {
    case COL_NUM:
        if (isnan(c->num[i]))
            sb_append(out, "missing");
        else
            format_quantity(I, c->num[i], shape, out);
        break;
    case COL_DATE: format_date(c->num[i], out); break;
    case COL_BOOL:
        sb_append(out, c->bools[i] < 0 ? "missing" : c->bools[i] ? "true" : "false");
        break;
    case COL_TEXT: {
        int32_t k = c->codes[i];
        if (k < 0)
            sb_append(out, "missing");
        else if (c->dict->multi)
            format_label_set(c->dict->strs[k], c->dict->lens[k], quoted, out);
        else if (quoted)
            format_quoted(c->dict->strs[k], c->dict->lens[k], out);
        else
            sb_appendn(out, c->dict->strs[k], c->dict->lens[k]);
        break;
    }
    }
}

static void format_column(Interp *I, Value v, StrBuf *out)
{
    const ColumnObj *c = as_column(v);
    size_t shown = c->n <= 10 ? c->n : 3;
    sb_append(out, "[");
    for (size_t i = 0; i < shown; i++) {
        if (i) sb_append(out, ", ");
        format_cell(I, c, i, shape_of(v), true, out);
    }
    if (shown < c->n) sb_printf(out, ", \xE2\x80\xA6 %zu values", c->n);
    sb_append(out, "]");
}

/* ---- tables ---------------------------------------------------------------- */

/* s cut to at most max display columns, ending with … when cut (s itself,
 * or a new text when cut: s is freed).  Widths are display columns
 * (lang/utf8.h): 東京都 takes 6, a decomposed "é" 1. */
static char *clip_cell(char *s, size_t max)
{
    size_t len = strlen(s);
    if (utf8_width(s, len) <= max) return s;
    size_t keep = utf8_fit(s, len, max - 1, NULL);
    StrBuf b;
    sb_init(&b);
    sb_appendn(&b, s, keep);
    sb_append(&b, "\xE2\x80\xA6");
    free(s);
    return sb_take(&b);
}

static void pad(StrBuf *out, size_t n)
{
    for (size_t i = 0; i < n; i++) sb_append(out, " ");
}

static char *table_cell_text(Interp *I, const TableObj *t, size_t col, size_t row)
{
    StrBuf b;
    sb_init(&b);
    NumShape shape = { t->dims[col], 0, 0 };
    /* The unit is in the header; cells hold bare numbers. */
    if (t->cols[col]->type == COL_NUM) {
        double x = t->cols[col]->num[row];
        if (isnan(x))
            sb_append(&b, "missing");
        else
            format_plain_number(x, &b);
    } else {
        format_cell(I, t->cols[col], row, shape, false, &b);
    }
    return clip_cell(sb_take(&b), CELL_MAX);
}

static char *table_header_text(Interp *I, const TableObj *t, size_t col)
{
    StrBuf b;
    sb_init(&b);
    sb_append(&b, t->names[col]);
    if (!dim_is_none(t->dims[col])) {
        sb_append(&b, " (");
        dim_format(I, t->dims[col], &b);
        sb_append(&b, ")");
    }
    return clip_cell(sb_take(&b), CELL_MAX);
}

/* The first max_rows rows, the columns that fit in max_width columns. */
static void format_table(Interp *I, Value v, size_t max_rows, size_t max_width, StrBuf *out)
{
    const TableObj *t = as_table(v);
    size_t rows = t->nrows < max_rows ? t->nrows : max_rows;
    if (t->ncols == 0) {
        sb_append(out, _("(empty table)"));
        return;
    }
    char **cells = calloc((rows + 1) * t->ncols, sizeof(char *));
    size_t *width = calloc(t->ncols, sizeof(size_t));
    if (!cells || !width) rt_out_of_memory();
    size_t ncols = 0, total = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        cells[c] = table_header_text(I, t, c);
        size_t w = utf8_width_z(cells[c]);
        for (size_t r = 0; r < rows; r++) {
            char *s = cells[(r + 1) * t->ncols + c] = table_cell_text(I, t, c, r);
            if (utf8_width_z(s) > w) w = utf8_width_z(s);
        }
        width[c] = w;
        if (c > 0 && total + 2 + w > max_width) break;
        total += (c ? 2 : 0) + w;
        ncols = c + 1;
    }
    for (size_t r = 0; r <= rows; r++) {
        for (size_t c = 0; c < ncols; c++) {
            const char *s = cells[r * t->ncols + c];
            size_t gap = width[c] - utf8_width_z(s);
            bool right = r > 0 && t->cols[c]->type == COL_NUM; /* headers stay left-aligned */
            if (c) sb_append(out, "  ");
            if (right) pad(out, gap);
            sb_append(out, s);
            if (!right && c + 1 < ncols) pad(out, gap);
        }
        sb_append(out, "\n");
    }
    bool hide_count = disclosure_row_count_hidden(I, v);
    if (t->nrows > rows) {
        if (hide_count)
            sb_append(out, _("\xE2\x80\xA6 more rows\n"));
        else
            sb_printf(out,
                      ngettext("\xE2\x80\xA6 %zu more row\n", "\xE2\x80\xA6 %zu more rows\n",
                               (unsigned long)(t->nrows - rows)),
                      t->nrows - rows);
    }
    if (ncols < t->ncols)
        sb_printf(out,
                  ngettext("\xE2\x80\xA6 %zu more column\n", "\xE2\x80\xA6 %zu more columns\n",
                           (unsigned long)(t->ncols - ncols)),
                  t->ncols - ncols);
    if (hide_count) /* the rows left out, a small group, would be the total minus this count */
        sb_printf(out,
                  ngettext("(%zu column; the number of rows is not shown, small-group protection)",
                           "(%zu columns; the number of rows is not shown, small-group protection)",
                           (unsigned long)t->ncols),
                  t->ncols);
    else /* two counts: the columns' number picks the pair, the rows' its form */
        sb_printf(out,
                  t->ncols == 1 ? ngettext("(%zu row, %zu column)", "(%zu rows, %zu column)",
                                           (unsigned long)t->nrows)
                                : ngettext("(%zu row, %zu columns)", "(%zu rows, %zu columns)",
                                           (unsigned long)t->nrows),
                  t->nrows, t->ncols);
    for (size_t i = 0; i < (rows + 1) * t->ncols; i++) free(cells[i]);
    free(cells);
    free(width);
}

/* ---- the rest --------------------------------------------------------------- */

static void format_params(const Node *def, StrBuf *out)
{
    sb_append(out, "(");
    for (size_t i = 0; def && i < def->n_items; i++) {
        if (i) sb_append(out, ", ");
        sb_append(out, def->items[i]->name ? def->items[i]->name : "?");
    }
    sb_append(out, ")");
}

static void format_list(Interp *I, Value v, StrBuf *out, size_t depth)
{
    const ListObj *l = as_list(v);
    sb_append(out, "[");
    for (size_t i = 0; i < l->n && i < LIST_MAX; i++) {
        if (i) sb_append(out, ", ");
        format_inner(I, l->items[i], out, true, depth + 1);
    }
    if (l->n > LIST_MAX) sb_printf(out, ", \xE2\x80\xA6 %zu items", l->n);
    sb_append(out, "]");
}

static void format_record(Interp *I, Value v, StrBuf *out, size_t depth)
{
    const RecordObj *r = as_record(v);
    sb_append(out, "{");
    for (size_t i = 0; i < r->n; i++) {
        if (i) sb_append(out, ", ");
        sb_printf(out, "%s: ", r->keys[i]);
        format_inner(I, r->vals[i], out, true, depth + 1);
    }
    sb_append(out, "}");
}

/* depth: lists and records around v.  Deeper than VALUE_DEPTH_MAX (which
 * print and the REPL refuse before printing) the rest is shown as "…". */
static void format_inner(Interp *I, Value v, StrBuf *out, bool quoted, size_t depth)
{
    if (depth >= VALUE_DEPTH_MAX && (v.kind == V_LIST || v.kind == V_RECORD)) {
        sb_append(out, "\xE2\x80\xA6");
        return;
    }
    switch ((ValueKind)v.kind) {
    case V_NIL: sb_append(out, "nothing"); break;
    case V_NUM:
        /* NaN prints as "missing": the operators (ops.c, vector.c) refuse to
         * make a NaN out of known values, so a NaN here is a missing value
         * from data (SPEC.md §3, How numbers print). */
        if (v.flags & VF_DATE)
            format_date(v.as.num, out); /* a date: 2024-03-01 */
        else
            format_quantity(I, v.as.num, shape_of(v), out);
        break;
    case V_BOOL: sb_append(out, v.as.boolean ? "true" : "false"); break;
    case V_STR:
        if (quoted)
            format_quoted(as_str(v)->data, as_str(v)->len, out);
        else
            sb_appendn(out, as_str(v)->data, as_str(v)->len);
        break;
    case V_LIST: format_list(I, v, out, depth); break;
    case V_RECORD: format_record(I, v, out, depth); break;
    case V_FUNC:
        sb_printf(out, as_func(v)->name ? "<fn %s" : "<fn%s",
                  as_func(v)->name ? as_func(v)->name : "");
        format_params(as_func(v)->def, out);
        sb_append(out, ">");
        break;
    case V_BUILTIN: {
        const BuiltinReg *reg = as_builtin(v)->reg;
        sb_printf(out, "<builtin %s>", reg->signature ? reg->signature : reg->name);
        break;
    }
    case V_MODULE: sb_printf(out, "<module %s>", module_spec_of(I, as_module(v))); break;
    case V_DIST:
        if (I->dist_formatter)
            I->dist_formatter(I, v, out);
        else
            format_dist_default(I, v, out);
        break;
    case V_COLUMN:
    case V_TABLE: {
        int th;
        /* Rows about fewer people than the threshold: no rows, no count,
         * as count() would say (SPEC §4, protection of small groups). */
        if (disclosure_rows_hidden(I, v, &th))
            sb_printf(out, _("suppressed (n < %d)"), th);
        else if (!disclosure_may_list(I, v))
            disclosure_format_unlisted(I, v, out);
        else if (v.kind == V_COLUMN)
            format_column(I, v, out);
        else
            format_table(I, v, TABLE_ROWS, TABLE_WIDTH, out);
        break;
    }
    case V_OBJECT: {
        ForeignObj *f = as_foreign(v);
        if (f->cls && f->cls->print)
            f->cls->print(I, f, out);
        else
            sb_printf(out, "<%s>", f->cls ? f->cls->name : "object");
        break;
    }
    }
}

void value_format(Interp *I, Value v, StrBuf *out)
{
    format_inner(I, v, out, false, 0);
}

void value_print_line(Interp *I, Value v)
{
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    fwrite(b.data ? b.data : "", 1, b.len, stdout);
    fputc('\n', stdout);
    sb_free(&b);
}

void interp_set_dist_formatter(Interp *I, DistFormatter fmt)
{
    I->dist_formatter = fmt;
}

void value_format_whole(Interp *I, Value v, StrBuf *out)
{
    int th;
    /* a table about people is never listed (SPEC.md, "What may leave the
     * interpreter", rule 3), and one whose row count is protected shows
     * what print shows: all its lines would give the count away */
    if (v.kind != V_TABLE || !disclosure_may_list(I, v) || disclosure_rows_hidden(I, v, &th) ||
        disclosure_row_count_hidden(I, v)) {
        value_format(I, v, out);
        return;
    }
    format_table(I, v, SIZE_MAX, SIZE_MAX, out);
}
