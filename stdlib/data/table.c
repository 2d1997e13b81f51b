/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* table.c — table operations on whole columns: select, sort, derive, join,
 * table(...), fill_missing, head, columns, and the registration of
 * (grouping, group_by, is group.c, above this file; see table.h).
 *
 * Tables are immutable values: every operation returns a new table that
 * shares the columns it does not change (they are reference counted), so
 * `derive(T, change: T.post - T.pre)` copies no data but the new column.
 */
#include "runtime/disclosure.h"
#include "stdlib/data/table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/data/csv_values.h"
#include "stdlib/core/dates.h"
#include "stdlib/privacy/privacy.h"
#include "lang/check.h"
#include "stdlib/stdlib.h"
#include "runtime/vector.h"
#include "runtime/mem.h"

/* ---- helpers shared with aggregate.c ---------------------------------------- */

/* Length of an apostrophe at s: ' (1) or ’ U+2019 (3 bytes), 0 if none. */
static size_t apostrophe_at(const char *s)
{
    if (*s == '\'') return 1;
    return (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x99
        ? 3
        : 0;
}

bool table_names_match(const char *a, const char *b)
{
    while (*a && *b) {
        size_t ka = apostrophe_at(a), kb = apostrophe_at(b);
        if (ka && kb) {
            a += ka;
            b += kb;
        } else if (*a++ != *b++) {
            return false;
        }
    }
    return *a == *b;
}

int table_find_column_loose(const TableObj *t, const char *name)
{
    int i = table_find_column(t, name);
    if (i >= 0 || (!strchr(name, '\'') && !strstr(name, "\xE2\x80\x99"))) return i;
    for (size_t k = 0; k < t->ncols; k++)
        if (table_names_match(t->names[k], name)) return (int)k;
    return -1;
}

bool table_column_index(Interp *I, const TableObj *t, const char *name, SrcLoc loc, size_t *idx)
{
    int i = table_find_column_loose(t, name);
    if (i >= 0) {
        *idx = (size_t)i;
        return true;
    }
    const char *close = suggest_name(name, (const char *const *)t->names, t->ncols);
    StrBuf names;
    sb_init(&names);
    for (size_t k = 0; k < t->ncols; k++) {
        if (k < 30)
            sb_printf(&names, "%s%s", k ? ", " : "", t->names[k]);
        else if (k == 30)
            sb_append(&names, ", ...");
    }
    if (close)
        rt_raise(I, loc, _("the table has no column '%s' — did you mean '%s'?"), name, close);
    else
        rt_raise(I, loc, _("the table has no column '%s'"), name);
    rt_hint(I, _("its columns are: %s"), names.data ? names.data : "(none)");
    sb_free(&names);
    return false;
}

Value table_like(const TableObj *t)
{
    Value r = value_table_new(t->ncols);
    TableObj *rt = as_table(r);
    rt->source = t->source ? strdup(t->source) : NULL;
    disclosure_like(rt, t);
    return r;
}

/* Makes text column o use the dictionary of c, so codes copy as they are.
 * o's own dictionary is the fresh, empty one value_column_new() made: it
 * holds no string yet, so freeing the struct releases it entirely. */
static void share_dict(ColumnObj *o, const ColumnObj *c)
{
    StrDict *fresh = o->dict;
    free(fresh->strs);
    free(fresh->lens);
    free(fresh->hash_slots);
    free(fresh);
    o->dict = c->dict;
    c->dict->hdr.refcount++;
}

Value column_gather(Value colv, const uint32_t *rows, size_t n)
{
    const ColumnObj *c = as_column(colv);
    Value out = value_column_new(c->type, n);
    ColumnObj *o = as_column(out);
    switch (c->type) {
    case COL_NUM:
    case COL_DATE:
        for (size_t i = 0; i < n; i++) o->num[i] = c->num[rows[i]];
        break;
    case COL_BOOL:
        for (size_t i = 0; i < n; i++) o->bools[i] = c->bools[rows[i]];
        break;
    case COL_TEXT:
        share_dict(o, c);
        for (size_t i = 0; i < n; i++) o->codes[i] = c->codes[rows[i]];
        break;
    }
    out.dim = colv.dim;
    out.flags = colv.flags;
    return out;
}

Value table_gather(const TableObj *t, const uint32_t *rows, size_t n)
{
    Value r = table_like(t);
    for (size_t j = 0; j < t->ncols; j++) {
        Value col = table_column_value(t, j);
        table_add_column(r, t->names[j], column_gather(col, rows, n));
        value_release(col);
    }
    as_table(r)->nrows = n;
    disclosure_gathered(as_table(r), t, rows, n);
    return r;
}

/* ---- select, head, columns --------------------------------------------------- */

/* Collects column names from arguments from..npos: texts or lists of texts. */
static bool name_args(Interp *I, const CallArgs *a, size_t from, const char ***names, SrcLoc **locs,
                      size_t *n)
{
    size_t cap = 8;
    *names = xmalloc(cap * sizeof **names);
    *locs = xmalloc(cap * sizeof **locs);
    *n = 0;
    for (size_t i = from; i < a->npos; i++) {
        Value v = a->pos[i];
        size_t m = v.kind == V_LIST ? as_list(v)->n : 1;
        for (size_t k = 0; k < m; k++) {
            Value item = v.kind == V_LIST ? as_list(v)->items[k] : v;
            if (item.kind != V_STR) {
                free(*names);
                free(*locs);
                rt_raise(I, arg_loc(a, i), _("%s: column names are texts, got a %s"), a->reg->name,
                         value_kind_name(item));
                return rt_hint(I,
                               _("write the names between quotes: select(T, [\"cae\", \"age\"])"));
            }
            if (*n == cap) {
                cap *= 2;
                *names = realloc(*names, cap * sizeof **names);
                *locs = realloc(*locs, cap * sizeof **locs);
            }
            (*names)[*n] = as_str(item)->data;
            (*locs)[(*n)++] = arg_loc(a, i);
        }
    }
    return true;
}

static bool builtin_select(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    const char **names;
    SrcLoc *locs;
    size_t n;
    if (!arg_table(I, a, 0, "table", &t) || !name_args(I, a, 1, &names, &locs, &n)) return false;
    Value r = table_like(t);
    for (size_t i = 0; i < n; i++) {
        size_t j;
        if (!table_column_index(I, t, names[i], locs[i], &j)) {
            value_release(r);
            free(names);
            free(locs);
            return false;
        }
        table_add_column(r, t->names[j], table_column_value(t, j));
    }
    as_table(r)->nrows = t->nrows;
    free(names);
    free(locs);
    *out = r;
    return true;
}

static bool builtin_columns(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    if (!arg_table(I, a, 0, "table", &t)) return false;
    Value l = value_list_new(t->ncols);
    for (size_t j = 0; j < t->ncols; j++) list_push_take(l, value_str(t->names[j]));
    *out = l;
    return true;
}

static bool builtin_head(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    double n = 10;
    if (!arg_table(I, a, 0, "table", &t) || (a->npos > 1 && !arg_number(I, a, 1, "n", &n)))
        return false;
    if (n < 0 || n != floor(n))
        return rt_raise(I, arg_loc(a, 1), _("head: n must be a whole number, got %g"), n);
    size_t m = (size_t)num_to_int(n, 0, (int64_t)t->nrows, NULL);
    uint32_t *rows = xmalloc(m * sizeof *rows);
    for (size_t i = 0; i < m; i++) rows[i] = (uint32_t)i;
    *out = table_gather(t, rows, m);
    free(rows);
    return true;
}

/* ---- sort ------------------------------------------------------------------------ */

typedef struct SortKey {
    const ColumnObj *col;
    uint32_t *rank; /* text: dictionary code -> alphabetical rank */
    bool desc;
} SortKey;

/* The keys of one sort(), handed to the comparison by qsort_r. */
typedef struct SortKeys {
    const SortKey *keys;
    size_t n;
} SortKeys;

/* Compares rows a and b on one key; missing values go last either way. */
static int cmp_on_key(const SortKey *k, uint32_t a, uint32_t b)
{
    const ColumnObj *c = k->col;
    int ma, mb, d = 0;
    switch (c->type) {
    case COL_NUM:
    case COL_DATE: {
        double x = c->num[a], y = c->num[b];
        ma = isnan(x);
        mb = isnan(y);
        if (!ma && !mb) d = (x > y) - (x < y);
        break;
    }
    case COL_BOOL:
        ma = c->bools[a] < 0;
        mb = c->bools[b] < 0;
        if (!ma && !mb) d = c->bools[a] - c->bools[b];
        break;
    default:
        ma = c->codes[a] < 0;
        mb = c->codes[b] < 0;
        if (!ma && !mb) {
            uint32_t x = k->rank[c->codes[a]], y = k->rank[c->codes[b]];
            d = (x > y) - (x < y);
        }
        break;
    }
    if (ma || mb) return ma - mb;
    return k->desc ? -d : d;
}

static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
    const SortKeys *k = ctx;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    for (size_t i = 0; i < k->n; i++) {
        int d = cmp_on_key(&k->keys[i], a, b);
        if (d) return d;
    }
    return (a > b) - (a < b); /* equal keys keep their order: a stable sort */
}

static int cmp_dict_index(const void *a, const void *b, void *ctx)
{
    const StrDict *sort_dict = ctx;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    size_t li = sort_dict->lens[i], lj = sort_dict->lens[j];
    int c = memcmp(sort_dict->strs[i], sort_dict->strs[j], li < lj ? li : lj);
    return c ? c : (li > lj) - (li < lj);
}

/* Alphabetical (byte order) rank of each dictionary code. */
uint32_t *table_text_ranks(const ColumnObj *c)
{
    size_t nd = c->dict->n;
    uint32_t *by_text = xmalloc(nd * sizeof *by_text), *rank = xmalloc(nd * sizeof *rank);
    for (size_t i = 0; i < nd; i++) by_text[i] = (uint32_t)i;
    qsort_r(by_text, nd, sizeof *by_text, cmp_dict_index, c->dict);
    for (size_t i = 0; i < nd; i++) rank[by_text[i]] = (uint32_t)i;
    free(by_text);
    return rank;
}

static bool builtin_sort(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    if (!arg_table(I, a, 0, "table", &t)) return false;
    Value by, desc = value_bool(false);
    SrcLoc by_loc, desc_loc;
    if (!arg_named(a, "by", &by, &by_loc)) {
        rt_raise(I, a->loc, _("sort needs the column to sort by"));
        return rt_hint(
            I, _("write sort(T, by: \"revenue\") or sort(T, by: [\"cae\", \"age\"], desc: true)"));
    }
    if (arg_named(a, "desc", &desc, &desc_loc) && desc.kind != V_BOOL)
        return rt_raise(I, desc_loc, _("sort: desc must be true or false"));
    size_t nk = by.kind == V_LIST ? as_list(by)->n : 1;
    SortKey *keys = calloc(nk ? nk : 1, sizeof *keys);
    bool ok = true;
    for (size_t i = 0; i < nk && ok; i++) {
        Value name = by.kind == V_LIST ? as_list(by)->items[i] : by;
        size_t j;
        if (name.kind != V_STR) {
            ok = rt_raise(I, by_loc, _("sort: by names columns as texts, got a %s"),
                          value_kind_name(name));
            break;
        }
        ok = table_column_index(I, t, as_str(name)->data, by_loc, &j);
        if (!ok) break;
        keys[i].col = t->cols[j];
        keys[i].desc = desc.as.boolean;
        if (t->cols[j]->type == COL_TEXT) keys[i].rank = table_text_ranks(t->cols[j]);
    }
    if (ok) {
        uint32_t *rows = xmalloc(t->nrows * sizeof *rows);
        for (size_t r = 0; r < t->nrows; r++) rows[r] = (uint32_t)r;
        SortKeys sort_keys = { keys, nk };
        qsort_r(rows, t->nrows, sizeof *rows, cmp_rows, &sort_keys);
        *out = table_gather(t, rows, t->nrows);
        free(rows);
    }
    for (size_t i = 0; i < nk; i++) free(keys[i].rank);
    free(keys);
    return ok;
}

/* ---- derive, table(...), fill_missing --------------------------------------------- */

/* A column of n values from v: a column of that length, a list, or one
 * value repeated. */
static bool to_column(Interp *I, Value v, size_t n, const char *name, SrcLoc loc, Value *out)
{
    if (v.kind == V_COLUMN) {
        if (as_column(v)->n != n)
            return rt_raise(I, loc, _("column '%s' has %zu values but the table has %zu rows"),
                            name, as_column(v)->n, n);
        value_retain(v);
        *out = v;
        return true;
    }
    size_t m = v.kind == V_LIST ? as_list(v)->n : n;
    if (v.kind == V_LIST && m != n)
        return rt_raise(I, loc,
                        _("the list for column '%s' has %zu items but the table has %zu rows"),
                        name, m, n);
    Value first = v.kind == V_LIST ? (m ? as_list(v)->items[0] : value_nil()) : v;
    ColType type = first.kind == V_STR                     ? COL_TEXT
        : first.kind == V_BOOL                             ? COL_BOOL
        : (first.kind == V_NUM && (first.flags & VF_DATE)) ? COL_DATE
                                                           : COL_NUM;
    Value col = value_column_new(type, n);
    ColumnObj *c = as_column(col);
    col.dim = first.kind == V_NUM ? first.dim : col.dim;
    for (size_t i = 0; i < n; i++) {
        Value item = v.kind == V_LIST ? as_list(v)->items[i] : v;
        if (item.kind == V_NIL) {
            column_set_missing(c, i);
            continue;
        }
        bool fits = (type == COL_TEXT && item.kind == V_STR) ||
            (type == COL_BOOL && item.kind == V_BOOL) ||
            ((type == COL_NUM || type == COL_DATE) && item.kind == V_NUM &&
             dim_equal(item.dim, col.dim));
        if (!fits && disclosure_is_suppressed(item)) {
            value_release(col);
            return disclosure_refuse(I, item, loc);
        }
        if (!fits) {
            value_release(col);
            rt_raise(I, loc, _("column '%s' mixes values: item %zu is a %s"), name, i + 1,
                     value_kind_name(item));
            return rt_hint(
                I,
                _("a column holds values of one kind (numbers with one unit, texts or booleans)"));
        }
        if (type == COL_TEXT)
            c->codes[i] = strdict_intern(c->dict, as_str(item)->data, as_str(item)->len);
        else if (type == COL_BOOL)
            c->bools[i] = item.as.boolean;
        else
            c->num[i] = item.as.num;
    }
    *out = col;
    return true;
}

/* Adds or replaces column name in table r (takes col). */
static void put_column(Value r, const char *name, Value col)
{
    TableObj *t = as_table(r);
    int j = table_find_column(t, name);
    if (j < 0) {
        size_t rows = t->nrows;
        table_add_column(r, name, col);
        t->nrows = t->ncols == 1 ? as_column(col)->n : rows;
        return;
    }
    value_release(value_obj(&t->cols[j]->hdr));
    t->cols[j] = as_column(col);
    t->dims[j] = col.dim;
}

static bool builtin_derive(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    if (!arg_table(I, a, 0, "table", &t)) return false;
    if (a->nnamed == 0) {
        rt_raise(I, a->loc, _("derive needs at least one new column"));
        return rt_hint(I, _("write derive(T, change: T.post - T.pre)"));
    }
    Value r = table_like(t);
    for (size_t j = 0; j < t->ncols; j++)
        table_add_column(r, t->names[j], table_column_value(t, j));
    as_table(r)->nrows = t->nrows;
    for (size_t i = 0; i < a->nnamed; i++) {
        Value col;
        if (!to_column(I, a->named[i], t->nrows, a->names[i], a->named_loc[i], &col)) {
            value_release(r);
            return false;
        }
        put_column(r, a->names[i], col);
    }
    *out = r;
    return true;
}

static bool builtin_table(Interp *I, const CallArgs *a, Value *out)
{
    if (a->nnamed == 0) {
        rt_raise(I, a->loc, _("table needs named columns"));
        return rt_hint(I, _("write table(name: [\"a\", \"b\"], value: [1, 2])"));
    }
    size_t n = 1;
    for (size_t i = 0; i < a->nnamed; i++) {
        Value v = a->named[i];
        if (v.kind == V_LIST || v.kind == V_COLUMN) {
            n = v.kind == V_LIST ? as_list(v)->n : as_column(v)->n;
            break;
        }
    }
    Value r = value_table_new(a->nnamed);
    for (size_t i = 0; i < a->nnamed; i++) {
        Value col;
        if (!to_column(I, a->named[i], n, a->names[i], a->named_loc[i], &col)) {
            value_release(r);
            return false;
        }
        put_column(r, a->names[i], col);
    }
    as_table(r)->nrows = n;
    *out = r;
    return true;
}

static bool builtin_fill_missing(Interp *I, const CallArgs *a, Value *out)
{
    Value colv = a->pos[0], fill = a->pos[1];
    if (colv.kind != V_COLUMN)
        return rt_raise(I, arg_loc(a, 0),
                        _("fill_missing: the first argument must be a column, got a %s"),
                        value_kind_name(colv));
    const ColumnObj *c = as_column(colv);
    bool fits = (c->type == COL_TEXT && fill.kind == V_STR) ||
        (c->type == COL_BOOL && fill.kind == V_BOOL) ||
        ((c->type == COL_NUM || c->type == COL_DATE) && fill.kind == V_NUM &&
         dim_equal(fill.dim, colv.dim));
    if (!fits)
        return rt_raise(I, arg_loc(a, 1), _("fill_missing: a %s cannot hold a %s"),
                        value_kind_name(colv), value_kind_name(fill));
    uint32_t *rows = xmalloc(c->n * sizeof *rows);
    for (size_t r = 0; r < c->n; r++) rows[r] = (uint32_t)r;
    Value o = column_gather(colv, rows, c->n);
    free(rows);
    ColumnObj *oc = as_column(o);
    switch (c->type) {
    case COL_NUM:
    case COL_DATE:
        for (size_t r = 0; r < c->n; r++)
            if (isnan(oc->num[r])) oc->num[r] = fill.as.num;
        break;
    case COL_BOOL:
        for (size_t r = 0; r < c->n; r++)
            if (oc->bools[r] < 0) oc->bools[r] = fill.as.boolean;
        break;
    case COL_TEXT: {
        /* the shared dictionary must not change: give the copy its own */
        int32_t code = strdict_find(c->dict, as_str(fill)->data, as_str(fill)->len);
        if (code < 0) {
            Value fresh = value_column_new(COL_TEXT, c->n);
            ColumnObj *fc = as_column(fresh);
            for (size_t i = 0; i < c->dict->n; i++)
                strdict_intern(fc->dict, c->dict->strs[i], c->dict->lens[i]);
            code = strdict_intern(fc->dict, as_str(fill)->data, as_str(fill)->len);
            memcpy(fc->codes, oc->codes, c->n * sizeof *fc->codes);
            value_release(o);
            o = fresh;
            oc = fc;
        }
        for (size_t r = 0; r < c->n; r++)
            if (oc->codes[r] < 0) oc->codes[r] = code;
        break;
    }
    }
    *out = o;
    return true;
}

/* ---- join ----------------------------------------------------------------------- */

#define NO_ROW UINT32_MAX

/* column_gather where NO_ROW entries read row 0 (overwritten afterwards). */
static Value column_gather_safe(Value colv, const uint32_t *rows, size_t n)
{
    uint32_t *fixed = xmalloc(n * sizeof *fixed);
    for (size_t i = 0; i < n; i++) fixed[i] = rows[i] == NO_ROW ? 0 : rows[i];
    Value out = column_gather(colv, fixed, n);
    free(fixed);
    return out;
}

/* Like column_gather, but NO_ROW gives a missing value (left join). */
static Value column_gather_opt(Value colv, const uint32_t *rows, size_t n)
{
    const ColumnObj *c = as_column(colv);
    Value out;
    if (c->n == 0) { /* nothing to read: all missing */
        out = value_column_new(c->type, n);
        out.dim = colv.dim;
    } else {
        out = column_gather_safe(colv, rows, n);
    }
    ColumnObj *o = as_column(out);
    for (size_t i = 0; i < n; i++)
        if (rows[i] == NO_ROW) column_set_missing(o, i);
    return out;
}

/* The key of row r of one join column as a 64-bit identity; false when
 * missing (a missing key never matches). Text codes of B are first mapped
 * into A's dictionary (map), -1 meaning "not in A". */
static bool key_id(const ColumnObj *c, size_t r, const int32_t *map, uint64_t *id)
{
    switch (c->type) {
    case COL_NUM:
    case COL_DATE: {
        double v = c->num[r];
        if (isnan(v)) return false;
        if (v == 0) v = 0; /* -0 and 0 are the same key */
        memcpy(id, &v, sizeof v);
        return true;
    }
    case COL_BOOL:
        if (c->bools[r] < 0) return false;
        *id = (uint64_t)c->bools[r];
        return true;
    default: {
        int32_t code = c->codes[r];
        if (code < 0) return false;
        if (map) code = map[code];
        if (code < 0) return false;
        *id = (uint64_t)code;
        return true;
    }
    }
}

typedef struct JoinKeys {
    size_t n;
    const ColumnObj *a[8], *b[8];
    int32_t *map[8]; /* text keys: B's code -> A's code */
} JoinKeys;

static bool row_key(const JoinKeys *k, bool side_b, size_t r, uint64_t *ids, uint64_t *hash)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < k->n; i++) {
        if (!key_id(side_b ? k->b[i] : k->a[i], r, side_b ? k->map[i] : NULL, &ids[i]))
            return false;
        h = (h ^ ids[i]) * 1099511628211u;
        h ^= h >> 29;
    }
    *hash = h;
    return true;
}

static bool prepare_join_keys(Interp *I, const TableObj *A, const TableObj *B, Value on, SrcLoc loc,
                              JoinKeys *k, bool *is_key_b)
{
    size_t n = on.kind == V_LIST ? as_list(on)->n : 1;
    if (n == 0 || n > 8) return rt_raise(I, loc, _("join: on must name 1 to 8 columns"));
    k->n = 0;
    for (size_t i = 0; i < n; i++) {
        Value name = on.kind == V_LIST ? as_list(on)->items[i] : on;
        if (name.kind != V_STR)
            return rt_raise(I, loc, _("join: on names columns as texts, got a %s"),
                            value_kind_name(name));
        size_t ia, ib;
        if (!table_column_index(I, A, as_str(name)->data, loc, &ia) ||
            !table_column_index(I, B, as_str(name)->data, loc, &ib))
            return false;
        const ColumnObj *ca = A->cols[ia], *cb = B->cols[ib];
        bool numeric_a = ca->type == COL_NUM || ca->type == COL_DATE;
        bool numeric_b = cb->type == COL_NUM || cb->type == COL_DATE;
        if (ca->type != cb->type && !(numeric_a && numeric_b)) {
            rt_raise(I, loc,
                     _("join: column '%s' is a %s in the first table and a %s in the second"),
                     as_str(name)->data, value_kind_name(value_obj((Obj *)&ca->hdr)),
                     value_kind_name(value_obj((Obj *)&cb->hdr)));
            return rt_hint(
                I, _("declare the same type in both csv() calls, e.g. types: {id: \"text\"}"));
        }
        k->a[k->n] = ca;
        k->b[k->n] = cb;
        k->map[k->n] = NULL;
        if (cb->type == COL_TEXT) {
            int32_t *map = xmalloc(cb->dict->n * sizeof *map);
            for (size_t d = 0; d < cb->dict->n; d++)
                map[d] = strdict_find(ca->dict, cb->dict->strs[d], cb->dict->lens[d]);
            k->map[k->n] = map;
        }
        k->n++;
        is_key_b[ib] = true;
    }
    return true;
}

typedef struct Pairs {
    uint32_t *a, *b;
    size_t n, cap;
} Pairs;

static void pairs_push(Pairs *p, uint32_t a, uint32_t b)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 1024;
        p->a = realloc(p->a, p->cap * sizeof *p->a);
        p->b = realloc(p->b, p->cap * sizeof *p->b);
        if (!p->a || !p->b) rt_out_of_memory();
    }
    p->a[p->n] = a;
    p->b[p->n++] = b;
}

/* Hash join: B's rows in an open-addressing table, A's rows probe it, so the
 * result keeps A's row order. */
static void match_rows(const JoinKeys *k, size_t na, size_t nb, bool left, Pairs *out)
{
    size_t slots = 16;
    while (slots < nb * 2) slots *= 2;
    uint32_t *head = malloc(slots * sizeof *head), *next = xmalloc(nb * sizeof *next);
    uint64_t *hashes = xmalloc(nb * sizeof *hashes);
    if (!head) rt_out_of_memory();
    for (size_t s = 0; s < slots; s++) head[s] = NO_ROW;
    uint64_t ids[8], other[8], h;
    for (size_t r = nb; r-- > 0;) { /* backwards: chains list B in order */
        if (!row_key(k, true, r, ids, &h)) {
            hashes[r] = 0;
            next[r] = NO_ROW;
            continue;
        }
        hashes[r] = h;
        next[r] = head[h & (slots - 1)];
        head[h & (slots - 1)] = (uint32_t)r;
    }
    for (size_t r = 0; r < na; r++) {
        bool found = false;
        if (row_key(k, false, r, ids, &h)) {
            for (uint32_t b = head[h & (slots - 1)]; b != NO_ROW; b = next[b]) {
                if (hashes[b] != h || !row_key(k, true, b, other, &h)) continue;
                if (memcmp(ids, other, k->n * sizeof *ids) == 0) {
                    pairs_push(out, (uint32_t)r, b);
                    found = true;
                }
            }
        }
        if (!found && left) pairs_push(out, (uint32_t)r, NO_ROW);
    }
    free(head);
    free(next);
    free(hashes);
}

static bool builtin_join(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *A, *B;
    if (!arg_table(I, a, 0, "first", &A) || !arg_table(I, a, 1, "second", &B)) return false;
    Value on, how = value_nil();
    SrcLoc on_loc, how_loc;
    if (!arg_named(a, "on", &on, &on_loc)) {
        rt_raise(I, a->loc, _("join needs the column that identifies a person in both tables"));
        return rt_hint(I, _("write join(people, answers, on: \"id\")"));
    }
    bool left = false;
    if (arg_named(a, "how", &how, &how_loc)) {
        if (how.kind != V_STR ||
            (strcmp(as_str(how)->data, "inner") && strcmp(as_str(how)->data, "left")))
            return rt_raise(I, how_loc,
                            _("join: how must be \"inner\" (rows found in both) or \"left\" "
                              "(every row of the first table)"));
        left = strcmp(as_str(how)->data, "left") == 0;
    }
    JoinKeys k = { 0 };
    bool *is_key_b = calloc(B->ncols ? B->ncols : 1, sizeof *is_key_b);
    bool ok = prepare_join_keys(I, A, B, on, on_loc, &k, is_key_b);
    if (ok) {
        Pairs p = { 0 };
        match_rows(&k, A->nrows, B->nrows, left, &p);
        Value r = table_like(A);
        for (size_t j = 0; j < A->ncols; j++) {
            Value col = table_column_value(A, j);
            table_add_column(r, A->names[j], column_gather_safe(col, p.a, p.n));
            value_release(col);
        }
        for (size_t j = 0; j < B->ncols; j++) {
            if (is_key_b[j]) continue;
            Value col = table_column_value(B, j);
            char name[256];
            if (table_find_column(as_table(r), B->names[j]) >= 0)
                snprintf(name, sizeof name, "%s_2", B->names[j]); /* same name in both */
            else
                snprintf(name, sizeof name, "%s", B->names[j]);
            table_add_column(r, name, column_gather_opt(col, p.b, p.n));
            value_release(col);
        }
        as_table(r)->nrows = p.n;
        disclosure_gathered(as_table(r), A, p.a, p.n);
        Value both[2] = { a->pos[0], a->pos[1] };
        disclosure_derive(r, 2, both);
        free(p.a);
        free(p.b);
        *out = r;
    }
    for (size_t i = 0; i < k.n; i++) free(k.map[i]);
    free(is_key_b);
    return ok;
}

/* to_number(x, decimal: ",") — a text, or a text column, read as numbers
 * with the CSV reader's rules (csv_parse_number: thousands spaces, a
 * trailing %); each distinct text of the column is read once.  A missing
 * value stays missing; a text that is not a number is an error. */
static bool builtin_to_number(Interp *I, const CallArgs *a, Value *out)
{
    char decimal = '.';
    for (size_t k = 0; k < a->nnamed; k++) {
        Value d = a->named[k];
        if (strcmp(a->names[k], "decimal") != 0)
            return rt_raise(I, a->named_loc[k],
                            _("to_number has no option '%s' (it takes decimal:)"), a->names[k]);
        if (d.kind != V_STR ||
            (strcmp(as_str(d)->data, ",") != 0 && strcmp(as_str(d)->data, ".") != 0)) {
            rt_raise(I, a->named_loc[k], _("to_number: decimal must be \",\" or \".\""));
            return rt_hint(I, _("to_number(x, decimal: \",\") reads \"21,5\" as 21.5"));
        }
        decimal = as_str(d)->data[0];
    }
    Value v = a->pos[0];
    if ((v.kind == V_NUM && !(v.flags & VF_DATE)) ||
        (v.kind == V_COLUMN && as_column(v)->type == COL_NUM)) {
        value_retain(v);
        *out = v;
        return true;
    }
    const char *hint = decimal == ','
        ? _("write it with digits and a decimal comma (21,5), or leave it empty")
        : _("write it with digits and a decimal point (21.5), or give decimal: \",\" for a "
            "decimal comma");
    if (v.kind == V_STR) {
        double d;
        if (!csv_parse_number(as_str(v)->data, as_str(v)->len, decimal, &d)) {
            rt_raise(I, arg_loc(a, 0), _("to_number: \"%s\" is not a number"), as_str(v)->data);
            return rt_hint(I, "%s", hint);
        }
        *out = value_num(d);
        return true;
    }
    if (v.kind != V_COLUMN || as_column(v)->type != COL_TEXT)
        return rt_raise(I, arg_loc(a, 0),
                        _("to_number needs a text or a column of texts, got a %s"),
                        value_kind_name(v));
    const ColumnObj *c = as_column(v);
    double *of_code = xmalloc((c->dict->n ? c->dict->n : 1) * sizeof *of_code);
    for (size_t k = 0; k < c->dict->n; k++)
        if (!csv_parse_number(c->dict->strs[k], c->dict->lens[k], decimal, &of_code[k]))
            of_code[k] = NAN;
    Value col = value_column_new(COL_NUM, c->n);
    double *o = as_column(col)->num;
    for (size_t r = 0; r < c->n; r++) {
        int32_t code = c->codes[r];
        o[r] = code < 0 ? NAN : of_code[code];
        if (code >= 0 && isnan(o[r])) {
            free(of_code);
            value_release(col);
            if (disclosure_may_quote(I, v))
                rt_raise(I, arg_loc(a, 0),
                         _("to_number: value %zu of the column, \"%s\", is not a number"), r + 1,
                         c->dict->strs[code]);
            else /* a person's value: never quoted */
                rt_raise(I, arg_loc(a, 0),
                         _("to_number: value %zu of the column is not a number (the value is about "
                           "a person and is not shown)"),
                         r + 1);
            return rt_hint(I, "%s", hint);
        }
    }
    free(of_code);
    *out = col;
    return true;
}

const BuiltinReg table_builtins[] = {
#include "stdlib/data/table.def"
    { 0 },
};
