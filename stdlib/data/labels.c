/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* labels.c — columns of label sets: csv's multi: option, the warning about
 * undeclared line breaks, has(), explode() (see labels.h).
 *
 * Every operation works once per distinct cell (a dictionary code), then
 * maps the rows through their codes: a column of a million rows with forty
 * distinct status combinations splits forty texts.
 */
#include "runtime/disclosure.h"
#include "stdlib/data/labels.h"

#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/mem.h"
#include "stdlib/data/csv_read.h"
#include "stdlib/data/table.h"
#include "stdlib/stdlib.h"

#define LINE_BREAK_CELLS                                                                           \
    3 /* an undeclared column with this many cells holding a line
                            * break is worth a warning (a comment may hold one) */

/* ---- one cell ---------------------------------------------------------------- */

/* The next label of s[0..end): *len bytes at the returned pointer, without
 * the spaces and carriage returns around it; *next is where to go on.
 * Returns NULL at the end. */
static const char *next_label(const char *s, const char *end, size_t *len, const char **next)
{
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl : end, *a = s, *b = stop;
        *next = nl ? nl + 1 : end;
        while (a < b && (*a == ' ' || *a == '\r' || *a == '\t')) a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\r' || b[-1] == '\t')) b--;
        if (b > a) {
            *len = (size_t)(b - a);
            return a;
        }
        s = *next;
    }
    return NULL;
}

static bool label_in(const char *set, size_t set_len, const char *label, size_t len)
{
    const char *end = set + set_len, *next, *l;
    size_t n;
    for (const char *s = set; (l = next_label(s, end, &n, &next)); s = next)
        if (n == len && memcmp(l, label, len) == 0) return true;
    return false;
}

/* The cell s[0..len) as a set: its labels trimmed, blank lines and repeats
 * dropped, joined by '\n', in *buf (grown as needed).  Returns its length. */
static size_t normalise_set(const char *s, size_t len, char **buf, size_t *cap)
{
    if (*cap < len + 1) {
        *cap = len + 64;
        free(*buf);
        *buf = xmalloc(*cap);
    }
    size_t used = 0, n;
    const char *end = s + len, *next, *l;
    for (; (l = next_label(s, end, &n, &next)); s = next) {
        if (label_in(*buf, used, l, n)) continue;
        if (used) (*buf)[used++] = '\n';
        memcpy(*buf + used, l, n);
        used += n;
    }
    return used;
}

/* ---- csv(..., multi:) ------------------------------------------------------------ */

static bool make_multi(Interp *I, TableObj *t, size_t j)
{
    ColumnObj *c = t->cols[j];
    Value fresh = value_column_new(COL_TEXT, c->n);
    ColumnObj *f = as_column(fresh);
    f->dict->multi = true;
    int32_t *map = xmalloc(c->dict->n * sizeof *map);
    char *buf = NULL;
    size_t cap = 0;
    for (size_t k = 0; k < c->dict->n; k++) {
        size_t n = normalise_set(c->dict->strs[k], c->dict->lens[k], &buf, &cap);
        map[k] = n ? strdict_intern(f->dict, buf, n) : -1;
    }
    for (size_t r = 0; r < c->n; r++) f->codes[r] = c->codes[r] < 0 ? -1 : map[c->codes[r]];
    free(buf);
    free(map);
    disclosure_column_like(f, c);
    value_release(value_obj(&c->hdr));
    t->cols[j] = f; /* the table takes fresh's reference */
    (void)I;
    return true;
}

bool labels_apply_multi(Interp *I, Value table, const char *shown, const char *const *titles,
                        const SrcLoc *locs, size_t n)
{
    TableObj *t = as_table(table);
    for (size_t i = 0; i < n; i++) {
        int j = table_find_column_loose(t, titles[i]);
        if (j < 0) {
            size_t ignored;
            table_column_index(I, t, titles[i], locs[i], &ignored); /* raises, with a close name */
            return rt_hint(I, _("multi: names the columns of %s whose cells hold several labels"),
                           shown);
        }
        if (t->cols[j]->type != COL_TEXT) {
            rt_raise(I, locs[i],
                     _("csv: column '%s' of %s holds no text, so it cannot be a column of label "
                       "sets (multi:)"),
                     t->names[j], shown);
            return rt_hint(I, _("remove '%s' from multi:, or check that it is the column meant"),
                           t->names[j]);
        }
        if (!make_multi(I, t, (size_t)j)) return false;
    }
    return true;
}

static bool declared_name(const TableObj *t, size_t j, const char *const *declared, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (table_names_match(t->names[j], declared[i])) return true;
    return false;
}

void labels_warn_line_breaks(Interp *I, Value table, const char *shown, const char *const *declared,
                             size_t n_declared)
{
    const TableObj *t = as_table(table);
    for (size_t j = 0; j < t->ncols; j++) {
        const ColumnObj *c = t->cols[j];
        if (c->type != COL_TEXT || c->dict->multi || declared_name(t, j, declared, n_declared))
            continue;
        int8_t *broken = xmalloc(c->dict->n ? c->dict->n : 1);
        bool any = false;
        for (size_t k = 0; k < c->dict->n; k++)
            any |= broken[k] = memchr(c->dict->strs[k], '\n', c->dict->lens[k]) != NULL;
        size_t cells = 0, first = 0;
        for (size_t r = 0; any && r < c->n; r++) /* the rows only when a text has a break */
            if (c->codes[r] >= 0 && broken[c->codes[r]] && cells++ == 0) first = r;
        free(broken);
        if (cells < LINE_BREAK_CELLS) continue;
        int line = csv_row_line(I, t, first);
        rt_warn(I, loc_data(I, shown, line, (int)j + 1),
                _("column '%s' holds line breaks in %zu cells: a field with several values "
                  "(enDI writes its statuses and activities so) is read here as one text per "
                  "cell; declare it csv(..., multi: [\"%s\"]) to read each line as a label, "
                  "or types: {\"%s\": \"text\"} if it is free text"),
                t->names[j], cells, t->names[j], t->names[j]);
    }
}

/* ---- has(column, label) ----------------------------------------------------------- */

static bool text_column_arg(Interp *I, const CallArgs *a, size_t i, const char *fn,
                            const ColumnObj **out)
{
    Value v = a->pos[i];
    if (v.kind != V_COLUMN || as_column(v)->type != COL_TEXT) {
        rt_raise(I, arg_loc(a, i), _("%s needs a column of texts or of label sets, got %s"), fn,
                 value_kind_name(v));
        return rt_hint(I, _("for example %s(T[\"Statut social à l’entrée\"], \"RSA\")"), fn);
    }
    *out = as_column(v);
    return true;
}

/* True when text k of c's dictionary holds one of the labels (a set: one of
 * its labels; a plain text: the whole text). */
static int8_t code_holds(const ColumnObj *c, size_t k, const char *const *labels,
                         const size_t *lens, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        bool hit = c->dict->multi
            ? label_in(c->dict->strs[k], c->dict->lens[k], labels[j], lens[j])
            : c->dict->lens[k] == lens[j] && memcmp(c->dict->strs[k], labels[j], lens[j]) == 0;
        if (hit) return 1;
    }
    return 0;
}

/* The boolean column: each row holds one of the labels (a missing cell:
 * false).  Decided once per distinct cell, then mapped through the codes. */
static Value rows_holding(const ColumnObj *c, const char *const *labels, const size_t *lens,
                          size_t n)
{
    int8_t *hit = xmalloc(c->dict->n ? c->dict->n : 1);
    for (size_t k = 0; k < c->dict->n; k++) hit[k] = code_holds(c, k, labels, lens, n);
    Value r = value_column_new(COL_BOOL, c->n);
    ColumnObj *rc = as_column(r);
    for (size_t i = 0; i < c->n; i++) rc->bools[i] = c->codes[i] < 0 ? 0 : hit[c->codes[i]];
    free(hit);
    disclosure_column_like(rc, c);
    return r;
}

static bool builtin_has(Interp *I, const CallArgs *a, Value *out)
{
    const ColumnObj *c = NULL;
    const char *label = NULL;
    if (!text_column_arg(I, a, 0, "has", &c) || !arg_string(I, a, 1, "label", &label)) return false;
    size_t len = strlen(label);
    *out = rows_holding(c, &label, &len, 1);
    return true;
}

/* has_any(column, [labels]): the spelling of `column in [labels]` that says
 * "holds any of". */
static bool builtin_has_any(Interp *I, const CallArgs *a, Value *out)
{
    const ColumnObj *c = NULL;
    if (!text_column_arg(I, a, 0, "has_any", &c)) return false;
    Value l = a->pos[1];
    const ListObj *list = l.kind == V_LIST ? as_list(l) : NULL;
    for (size_t j = 0; list && j < list->n; j++)
        if (list->items[j].kind != V_STR) list = NULL;
    if (!list) {
        rt_raise(I, arg_loc(a, 1), _("has_any needs a list of labels (texts), got %s"),
                 value_kind_name(l));
        return rt_hint(I,
                       _("for example has_any(T[\"Statut social à l’entrée\"], [\"RSA\", "
                         "\"Bénéficiaire du RSA\"])"));
    }
    const char **labels = xmalloc((list->n ? list->n : 1) * sizeof *labels);
    size_t *lens = xmalloc((list->n ? list->n : 1) * sizeof *lens);
    for (size_t j = 0; j < list->n; j++) {
        labels[j] = as_str(list->items[j])->data;
        lens[j] = as_str(list->items[j])->len;
    }
    *out = rows_holding(c, labels, lens, list->n);
    free(labels);
    free(lens);
    return true;
}

/* ---- explode(T, column) ------------------------------------------------------------- */

/* Number of labels of each code of a column of label sets. */
static size_t *label_counts(const ColumnObj *c)
{
    size_t *per = xmalloc(c->dict->n * sizeof *per);
    for (size_t k = 0; k < c->dict->n; k++) {
        const char *end = c->dict->strs[k] + c->dict->lens[k], *next, *l;
        size_t n, m = 0;
        for (const char *s = c->dict->strs[k]; (l = next_label(s, end, &n, &next)); s = next) m++;
        per[k] = m;
    }
    return per;
}

static Value exploded_column(const ColumnObj *c, size_t total, const size_t *per)
{
    Value col = value_column_new(COL_TEXT, total);
    ColumnObj *e = as_column(col);
    size_t o = 0;
    for (size_t r = 0; r < c->n; r++) {
        int32_t k = c->codes[r];
        if (k < 0 || per[k] == 0) {
            e->codes[o++] = -1;
            continue;
        }
        const char *end = c->dict->strs[k] + c->dict->lens[k], *next, *l;
        size_t n;
        for (const char *s = c->dict->strs[k]; (l = next_label(s, end, &n, &next)); s = next)
            e->codes[o++] = strdict_intern(e->dict, l, n);
    }
    return col;
}

static bool builtin_explode(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    const char *name;
    size_t j;
    if (!arg_table(I, a, 0, "table", &t) || !arg_string(I, a, 1, "column", &name)) return false;
    int found = table_find_column_loose(t, name);
    if (found < 0) return table_column_index(I, t, name, arg_loc(a, 1), &j);
    j = (size_t)found;
    const ColumnObj *c = t->cols[j];
    if (c->type != COL_TEXT || !c->dict->multi) {
        rt_raise(I, arg_loc(a, 1), _("explode: column '%s' is not a column of label sets"),
                 t->names[j]);
        return rt_hint(I, _("declare it when reading: csv(PATH, multi: [\"%s\"])"), t->names[j]);
    }
    size_t *per = label_counts(c), total = 0;
    for (size_t r = 0; r < c->n; r++)
        total += c->codes[r] < 0 || !per[c->codes[r]] ? 1 : per[c->codes[r]];
    if (total > UINT32_MAX) {
        free(per);
        return rt_raise(I, a->loc, _("explode: the table would have more than 4 billion rows"));
    }
    uint32_t *rows = xmalloc(total * sizeof *rows);
    size_t o = 0;
    for (size_t r = 0; r < c->n; r++) {
        size_t m = c->codes[r] < 0 || !per[c->codes[r]] ? 1 : per[c->codes[r]];
        for (size_t i = 0; i < m; i++) rows[o++] = (uint32_t)r;
    }
    Value r = table_gather(t, rows, total);
    free(rows);
    TableObj *rt = as_table(r);
    value_release(value_obj(&rt->cols[j]->hdr));
    Value col = exploded_column(c, total, per);
    free(per);
    rt->cols[j] = as_column(col); /* the table takes the reference */
    *out = r;
    return true;
}

const BuiltinReg labels_builtins[] = {
#include "stdlib/data/labels.def"
    { 0 },
};
