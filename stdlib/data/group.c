/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* group.c — grouping a table by key columns (`T by KEY`, group_by) into a
 * grouped table (see table.h).
 *
 * Each key column becomes dense codes that sort like its values (text by
 * dictionary rank, small whole numbers by value, other numbers by rank among
 * the sorted distinct values, missing last); the codes of several keys
 * combine in mixed radix; when the combinations are few (up to 4 million) a
 * direct array numbers the groups: one pass over the rows counts each
 * combination, a second lists each group's rows.  Otherwise the rows are
 * sorted by their combined code, and a counting sort lists each group's
 * rows.  No hash map: a million rows cost two passes over arrays.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/disclosure.h"
#include "stdlib/stdlib.h"
#include "stdlib/data/table.h"
#include "runtime/vector.h"
#include "runtime/mem.h"

/* One key column turned into dense codes 0 .. card-1 that sort like its
 * values, missing last: code[r], or for a text column rank[codes[r] + 1]
 * (rank[0] is the missing code), read where the rows are combined instead
 * of copied into a code for each row first. */
typedef struct DenseKey {
    uint32_t *code;
    uint32_t card;
    const int32_t *text; /* a text column's codes, when rank is used */
    uint32_t *rank;
} DenseKey;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void dense_text(const ColumnObj *c, DenseKey *k)
{
    size_t nd = c->dict->n;
    uint32_t *rank = table_text_ranks(c);
    k->rank = xmalloc((nd + 1) * sizeof *k->rank);
    k->rank[0] = (uint32_t)nd;
    memcpy(k->rank + 1, rank, nd * sizeof *rank);
    k->text = c->codes;
    k->card = (uint32_t)nd + 1;
    free(rank);
}

static inline uint32_t dense_code(const DenseKey *k, size_t r)
{
    return k->rank ? k->rank[k->text[r] + 1] : k->code[r];
}

static void dense_free(DenseKey *k)
{
    free(k->code);
    free(k->rank);
    k->code = k->rank = NULL;
}

static void dense_numbers(const ColumnObj *c, DenseKey *k)
{
    double lo = INFINITY, hi = -INFINITY;
    bool integers = true;
    for (size_t r = 0; r < c->n; r++) {
        double v = c->num[r];
        if (isnan(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        integers = integers && v == floor(v);
    }
    if (lo > hi) { /* only missing values */
        for (size_t r = 0; r < c->n; r++) k->code[r] = 0;
        k->card = 1;
        return;
    }
    if (integers && hi - lo < (double)(1 << 20)) {
        /* small whole numbers (years, ages): the value is its own index */
        uint32_t span = (uint32_t)(hi - lo) + 1;
        for (size_t r = 0; r < c->n; r++)
            k->code[r] = isnan(c->num[r]) ? span : (uint32_t)(c->num[r] - lo);
        k->card = span + 1;
        return;
    }
    /* general numbers: rank among the sorted distinct values */
    double *vals = xmalloc(c->n * sizeof *vals);
    size_t nv = 0;
    for (size_t r = 0; r < c->n; r++)
        if (!isnan(c->num[r])) vals[nv++] = c->num[r];
    qsort(vals, nv, sizeof *vals, cmp_double);
    size_t u = 0;
    for (size_t i = 0; i < nv; i++)
        if (u == 0 || vals[i] != vals[u - 1]) vals[u++] = vals[i];
    for (size_t r = 0; r < c->n; r++) {
        double v = c->num[r];
        if (isnan(v)) {
            k->code[r] = (uint32_t)u;
            continue;
        }
        size_t a = 0, b = u;
        while (a < b) {
            size_t m = (a + b) / 2;
            if (vals[m] < v)
                a = m + 1;
            else
                b = m;
        }
        k->code[r] = (uint32_t)a;
    }
    k->card = (uint32_t)u + 1;
    free(vals);
}

static void dense_key(const ColumnObj *c, DenseKey *k)
{
    *k = (DenseKey){ 0 };
    if (c->type == COL_TEXT) {
        dense_text(c, k);
        return;
    }
    k->code = xmalloc(c->n * sizeof *k->code);
    switch (c->type) {
    case COL_TEXT: break;
    case COL_NUM:
    case COL_DATE: dense_numbers(c, k); break;
    case COL_BOOL:
        for (size_t r = 0; r < c->n; r++) k->code[r] = c->bools[r] < 0 ? 2 : (uint32_t)c->bools[r];
        k->card = 3;
        break;
    }
}

static inline __attribute__((always_inline)) uint64_t composite(const DenseKey *keys, size_t nk,
                                                                size_t r)
{
    uint64_t v = 0;
    for (size_t j = 0; j < nk; j++) v = v * keys[j].card + dense_code(&keys[j], r);
    return v;
}

/* Many combinations: numbers the groups in key order by sorting the rows
 * by their combined key, and fills g->group_of. */
static void number_groups_sorted(Grouped *g, const DenseKey *keys, size_t nk, size_t n)
{
    g->group_of = xmalloc(n * sizeof *g->group_of);
    uint64_t *combined = xmalloc((n ? n : 1) * sizeof *combined);
    for (size_t r = 0; r < n; r++) combined[r] = composite(keys, nk, r);
    g->ngroups = vec_number_by_key(combined, n, g->group_of);
    free(combined);
}

/* Counting sort of the rows by group (g->group_of): start[] and order[]. */
static void order_rows(Grouped *g, size_t n)
{
    g->start = calloc(g->ngroups + 1, sizeof *g->start);
    g->order = xmalloc(n * sizeof *g->order);
    if (!g->start) rt_out_of_memory();
    for (size_t r = 0; r < n; r++) g->start[g->group_of[r] + 1]++;
    for (size_t i = 0; i < g->ngroups; i++) g->start[i + 1] += g->start[i];
    size_t *fill = xmalloc((g->ngroups + 1) * sizeof *fill);
    memcpy(fill, g->start, (g->ngroups + 1) * sizeof *fill);
    for (size_t r = 0; r < n; r++) g->order[fill[g->group_of[r]]++] = (uint32_t)r;
    free(fill);
}

/* The key of a group of fewer than threshold people is about them (a name,
 * an amount, a date): disclosure hides it (SPEC.md, rule 3).  Those groups
 * are given together as one group, numbered last, after the groups shown:
 * so that their place among the sorted keys does not tell between which
 * two shown keys a hidden one lies, and so that their number does not tell
 * how many small groups there are (grouped by a column of names or ids, it
 * would be the number of people in them: a count of fewer than the
 * threshold).  renumber[i] gets the final number of the i-th of the k
 * groups in key order, of size[i] rows; *ngroups the number of final
 * groups.  Returns 1 when there is such a group (the last), else 0. */
static size_t merge_hidden_last(Interp *I, Value table, const size_t *size, size_t k,
                                uint32_t *renumber, size_t *ngroups)
{
    size_t nshown = 0, shown = 0;
    for (size_t i = 0; i < k; i++) nshown += !disclosure_key_hidden(I, table, size[i]);
    for (size_t i = 0; i < k; i++)
        renumber[i] = (uint32_t)(disclosure_key_hidden(I, table, size[i]) ? nshown : shown++);
    *ngroups = nshown + (nshown < k);
    return nshown < k;
}

static size_t merge_hidden_keys_last(Interp *I, Value table, Grouped *g, size_t n)
{
    size_t k = g->ngroups;
    size_t *size = xcalloc(k ? k : 1, sizeof *size);
    for (size_t r = 0; r < n; r++) size[g->group_of[r]]++;
    uint32_t *renumber = xmalloc((k ? k : 1) * sizeof *renumber);
    size_t hidden = merge_hidden_last(I, table, size, k, renumber, &g->ngroups);
    for (size_t r = 0; r < n; r++) g->group_of[r] = renumber[g->group_of[r]];
    free(renumber);
    free(size);
    return hidden;
}

/* Few combinations (cells): one slot per possible combination.  One pass
 * over the rows gives each its combination and counts them; the groups
 * (the combinations met, in key order, the hidden ones together last) are
 * numbered over the slots; a second pass lists each group's rows, in the
 * order of the rows.  Fills g->ngroups, start[] and order[]; returns 1
 * when the last group holds the hidden ones, else 0. */
static size_t group_rows_direct(Interp *I, Value table, Grouped *g, const DenseKey *keys, size_t nk,
                                size_t n, uint64_t cells)
{
    uint32_t *cell = xmalloc((n ? n : 1) * sizeof *cell);
    uint32_t *slot = xcalloc(cells, sizeof *slot); /* rows, then the group's final number */
    for (size_t r = 0; r < n; r++) slot[cell[r] = (uint32_t)composite(keys, nk, r)]++;
    size_t k = 0;
    for (uint64_t c = 0; c < cells; c++) k += slot[c] != 0;
    size_t *size = xmalloc((k ? k : 1) * sizeof *size);
    k = 0;
    for (uint64_t c = 0; c < cells; c++)
        if (slot[c]) size[k++] = slot[c];
    uint32_t *renumber = xmalloc((k ? k : 1) * sizeof *renumber);
    size_t hidden = merge_hidden_last(I, table, size, k, renumber, &g->ngroups);
    g->start = calloc(g->ngroups + 1, sizeof *g->start);
    if (!g->start) rt_out_of_memory();
    k = 0;
    for (uint64_t c = 0; c < cells; c++)
        if (slot[c]) {
            g->start[renumber[k] + 1] += size[k];
            slot[c] = renumber[k++];
        }
    for (size_t i = 0; i < g->ngroups; i++) g->start[i + 1] += g->start[i];
    size_t *fill = xmalloc((g->ngroups + 1) * sizeof *fill);
    memcpy(fill, g->start, (g->ngroups + 1) * sizeof *fill);
    g->order = xmalloc((n ? n : 1) * sizeof *g->order);
    for (size_t r = 0; r < n; r++) g->order[fill[slot[cell[r]]]++] = (uint32_t)r;
    free(fill);
    free(renumber);
    free(size);
    free(slot);
    free(cell);
    return hidden;
}

/* Numbers the groups (key order, hidden keys together last) and lists each
 * one's rows: g->ngroups, start[], order[].  Returns 1 when the last group
 * holds the hidden ones, else 0. */
static size_t group_rows(Interp *I, Value table, Grouped *g, DenseKey *keys, size_t nk, size_t n,
                         uint64_t cells)
{
    size_t hidden;
    if (cells <= (1u << 22)) {
        hidden = group_rows_direct(I, table, g, keys, nk, n, cells);
        for (size_t j = 0; j < nk; j++) dense_free(&keys[j]);
        return hidden;
    }
    number_groups_sorted(g, keys, nk, n);
    for (size_t j = 0; j < nk; j++) dense_free(&keys[j]); /* less memory at the peak */
    hidden = merge_hidden_keys_last(I, table, g, n);
    order_rows(g, n);
    free(g->group_of); /* aggregates only need order[] and start[] */
    g->group_of = NULL;
    return hidden;
}

static void grouped_free(ForeignObj *o)
{
    Grouped *g = o->data;
    value_release(g->table);
    value_release(g->keys);
    for (size_t j = 0; j < g->nkeys; j++) value_release(g->key_cols[j]);
    free(g->group_of);
    free(g->order);
    free(g->start);
    free(g->label);
    free(g);
}

static void grouped_print(Interp *I, ForeignObj *o, StrBuf *out)
{
    Grouped *g = o->data;
    /* the number of rows follows the table's rule (a small table, or one
     * whose complement in the table it was filtered from is small) */
    if (disclosure_rows_hidden(I, g->table, NULL) || disclosure_row_count_hidden(I, g->table))
        sb_printf(out,
                  ngettext("<grouped table in %zu group by %s: its number of rows is suppressed>",
                           "<grouped table in %zu groups by %s: its number of rows is suppressed>",
                           (unsigned long)g->ngroups),
                  g->ngroups, g->label);
    else
        sb_printf(out,
                  ngettext("<grouped table: %zu rows in %zu group by %s>",
                           "<grouped table: %zu rows in %zu groups by %s>",
                           (unsigned long)g->ngroups),
                  as_table(g->table)->nrows, g->ngroups, g->label);
}

static bool grouped_get(Interp *I, ForeignObj *o, const char *name, SrcLoc loc, Value *out)
{
    Grouped *g = o->data;
    if (strcmp(name, "keys") == 0) {
        *out = grouped_keys_table(g);
        return true;
    }
    if (strcmp(name, "table") == 0) {
        value_retain(g->table);
        *out = g->table;
        return true;
    }
    rt_raise(I, loc, _("a grouped table has no field '%s'; its fields are keys, table"), name);
    return rt_hint(I,
                   _("aggregate it instead: count(T by k), mean(T by k, \"column\"), "
                     "summarize(T by k, name: fn(g) = ...)"));
}

static const char *const grouped_fields[] = { "keys", "table", NULL };

const ObjClass grouped_class = OBJ_CLASS("grouped table", grouped_free, grouped_print,
                                         .get_field = grouped_get, .fields = grouped_fields);

Grouped *grouped_of(Value v)
{
    return v.kind == V_OBJECT && as_foreign(v)->cls == &grouped_class ? as_foreign(v)->data : NULL;
}

Value grouped_keys_table(const Grouped *g)
{
    const TableObj *k = as_table(g->keys);
    Value r = table_like(k);
    for (size_t j = 0; j < k->ncols; j++)
        table_add_column(r, k->names[j], table_column_value(k, j));
    as_table(r)->nrows = k->nrows;
    return r;
}

/* Resolves one key: a column of T (matched by identity, so `T by cae` gets
 * its name), a column name, or a column computed from T (named key1...). */
static bool key_column(Interp *I, const TableObj *t, Value key, SrcLoc loc, size_t pos, Value *col,
                       char **name)
{
    char buf[32];
    if (key.kind == V_STR) {
        size_t i;
        if (!table_column_index(I, t, as_str(key)->data, loc, &i)) return false;
        *col = table_column_value(t, i);
        *name = strdup(t->names[i]);
        return true;
    }
    if (key.kind != V_COLUMN) {
        rt_raise(I, loc, _("cannot group by a %s"), value_kind_name(key));
        return rt_hint(
            I, _("group by a column of the table: T by cae, or T by [entry_status, exit_status]"));
    }
    if (as_column(key)->n != t->nrows)
        return rt_raise(I, loc, _("the grouping column has %zu values but the table has %zu rows"),
                        as_column(key)->n, t->nrows);
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i] == as_column(key)) {
            *name = strdup(t->names[i]);
            value_retain(key);
            *col = key;
            return true;
        }
    snprintf(buf, sizeof buf, "key%zu", pos + 1);
    *name = strdup(buf);
    value_retain(key);
    *col = key;
    return true;
}

bool grouped_make(Interp *I, Value table, Value key, SrcLoc loc, Value *out)
{
    TableObj *t = as_table(table);
    size_t nk = key.kind == V_LIST ? as_list(key)->n : 1;
    if (nk == 0 || nk > 8) return rt_raise(I, loc, _("group by 1 to 8 columns, got %zu"), nk);
    Value cols[8];
    char *names[8];
    DenseKey dk[8];
    size_t made = 0;
    bool ok = true;
    uint64_t cells = 1;
    for (; made < nk; made++) {
        Value k = key.kind == V_LIST ? as_list(key)->items[made] : key;
        ok = key_column(I, t, k, loc, made, &cols[made], &names[made]);
        if (!ok) break; /* nothing was made for this key */
        if (as_column(cols[made])->type == COL_TEXT && as_column(cols[made])->dict->multi) {
            rt_raise(I, loc,
                     _("cannot group by '%s': it is a column of label sets (multi:), and a row "
                       "holding two labels belongs to two groups"),
                     names[made]);
            rt_hint(I, _("group one row per label: explode(T, \"%s\") by \"%s\""), names[made],
                    names[made]);
            value_release(cols[made]);
            free(names[made]);
            ok = false;
            break;
        }
        dense_key(as_column(cols[made]), &dk[made]);
        if (cells > (UINT64_C(1) << 62) / dk[made].card) {
            rt_raise(I, loc, _("too many combinations of key values to group by"));
            made++;
            ok = false;
            break;
        }
        cells *= dk[made].card;
    }
    if (ok) {
        Grouped *g = xcalloc(1, sizeof *g);
        size_t hidden = group_rows(I, table, g, dk, nk, t->nrows, cells);
        /* key table: each key's value at the first row of each group */
        uint32_t *first = xmalloc((g->ngroups ? g->ngroups : 1) * sizeof *first);
        for (size_t i = 0; i < g->ngroups; i++) first[i] = g->order[g->start[i]];
        g->keys = table_like(t);
        StrBuf label;
        sb_init(&label);
        for (size_t j = 0; j < nk; j++) {
            Value kc = column_gather(cols[j], first, g->ngroups);
            for (size_t i = g->ngroups - hidden; i < g->ngroups; i++)
                column_set_missing(as_column(kc), i);
            table_add_column(g->keys, names[j], kc);
            sb_printf(&label, "%s%s", j ? ", " : "", names[j]);
        }
        as_table(g->keys)->nrows = g->ngroups;
        disclosure_mark_groups(g->keys); /* one row per group, not per person */
        free(first);
        g->label = sb_take(&label);
        value_retain(table);
        g->table = table;
        g->nkeys = nk;
        for (size_t j = 0; j < nk; j++) { /* kept, to group again by more keys */
            g->key_cols[j] = cols[j];
            value_retain(cols[j]);
        }
        *out = value_foreign(&grouped_class, g);
    }
    for (size_t j = 0; j < made; j++) {
        value_release(cols[j]);
        free(names[j]);
        dense_free(&dk[j]);
    }
    return ok;
}

static bool builtin_group_by(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    if (!arg_table(I, a, 0, "table", &t)) return false;
    return grouped_make(I, a->pos[0], a->pos[1], arg_loc(a, 1), out);
}

bool grouped_regroup(Interp *I, const Grouped *g, size_t n, const Value *extra, SrcLoc loc,
                     Value *out)
{
    Value keys = value_list_new(g->nkeys + n);
    for (size_t j = 0; j < g->nkeys; j++) {
        value_retain(g->key_cols[j]);
        list_push_take(keys, g->key_cols[j]);
    }
    for (size_t j = 0; j < n; j++) {
        value_retain(extra[j]);
        list_push_take(keys, extra[j]);
    }
    bool ok = grouped_make(I, g->table, keys, loc, out);
    value_release(keys);
    return ok;
}

/* group.c sits above table.c (it uses the table helpers; table.c knows
 * nothing of grouping), so it registers its own built-in. */
const BuiltinReg group_builtins[] = {
#include "stdlib/data/group.def"
    { 0 },
};
