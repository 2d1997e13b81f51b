/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* survey_args.c — argument reading for the survey and row-wise built-ins
 * (see survey_args.h).  Messages name the function and the parameter, say
 * what was given, and say what to do. */
#include "stdlib/survey/survey_args.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

SrcLoc survey_warn_loc(Interp *I, SrcLoc call)
{
    const char *root = interp_library_root(I);
    size_t n = root ? strlen(root) : 0;
    if (call.file && n && strncmp(call.file, root, n) == 0 &&
        strncmp(call.file + n, "/stdlib/", 8) == 0) {
        SrcLoc none = { 0 };
        return none;
    }
    return call;
}

const char *survey_fn_name(const CallArgs *a)
{
    return a->reg && a->reg->name ? a->reg->name : "this function";
}

/* First non-missing text of a text column, to show in messages. */
static const char *first_text(const ColumnObj *c)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->codes[i] >= 0) return c->dict->strs[c->codes[i]];
    return "";
}

static bool bool_column_numbers(const ColumnObj *c, NumArray *out)
{
    out->owned = malloc((c->n ? c->n : 1) * sizeof(double));
    if (!out->owned) return false;
    for (size_t i = 0; i < c->n; i++) out->owned[i] = c->bools[i] < 0 ? NAN : (double)c->bools[i];
    out->x = out->owned;
    out->n = c->n;
    return true;
}

static bool column_numbers(Interp *I, const CallArgs *a, size_t i, const char *param, Value v,
                           NumArray *out)
{
    const ColumnObj *c = as_column(v);
    out->dim = v.dim;
    if (c->type == COL_NUM) {
        out->x = c->num;
        out->n = c->n;
        return true;
    }
    if (c->type == COL_BOOL && bool_column_numbers(c, out)) return true;
    if (c->type == COL_TEXT) {
        rt_raise(I, arg_loc(a, i),
                 _("%s(): %s must hold numbers, but this column holds text such as \"%s\""),
                 survey_fn_name(a), param, first_text(c));
        return rt_hint(I,
                       _("turn answer labels into scores first, e.g. recode(T.q1, {\"Toujours\": "
                         "100, \"Jamais\": 0})"));
    }
    return rt_raise(I, arg_loc(a, i), _("%s(): %s must hold numbers, but this column holds dates"),
                    survey_fn_name(a), param);
}

static bool list_numbers(Interp *I, const CallArgs *a, size_t i, const char *param, Value v,
                         NumArray *out)
{
    const ListObj *l = as_list(v);
    out->owned = malloc((l->n ? l->n : 1) * sizeof(double));
    if (!out->owned) return rt_raise(I, arg_loc(a, i), _("%s(): out of memory"), survey_fn_name(a));
    for (size_t j = 0; j < l->n; j++) {
        Value e = l->items[j];
        if (e.kind == V_NIL) {
            out->owned[j] = NAN;
            continue;
        }
        if (e.kind != V_NUM) {
            survey_num_free(out);
            return rt_raise(I, arg_loc(a, i),
                            _("%s(): %s must be a list of numbers, but item %zu is a %s"),
                            survey_fn_name(a), param, j + 1, value_kind_name(e));
        }
        if (j == 0) out->dim = e.dim;
        out->owned[j] = e.as.num;
    }
    out->x = out->owned;
    out->n = l->n;
    return true;
}

bool survey_num_array(Interp *I, const CallArgs *a, size_t i, const char *param, NumArray *out)
{
    memset(out, 0, sizeof *out);
    if (i >= a->npos)
        return rt_raise(I, a->loc, _("%s(): the argument %s is missing"), survey_fn_name(a), param);
    Value v = a->pos[i];
    if (v.kind == V_COLUMN) return column_numbers(I, a, i, param, v, out);
    if (v.kind == V_LIST) return list_numbers(I, a, i, param, v, out);
    rt_raise(I, arg_loc(a, i), _("%s(): %s must be a column or a list of numbers, got a %s"),
             survey_fn_name(a), param, value_kind_name(v));
    return rt_hint(I, _("pass one column of a table, e.g. T.score"));
}

void survey_num_free(NumArray *na)
{
    free(na->owned);
    memset(na, 0, sizeof *na);
}

/* Finds one named item column and checks that it holds numbers. */
static bool one_item(Interp *I, const CallArgs *a, size_t li, ItemColumns *ic, size_t j, Value name)
{
    const char *fn = survey_fn_name(a);
    if (name.kind != V_STR)
        return rt_raise(
            I, arg_loc(a, li),
            _("%s(): items must be a list of column names (text), but item %zu is a %s"), fn, j + 1,
            value_kind_name(name));
    const char *col = as_str(name)->data;
    int idx = table_find_column(ic->table, col);
    if (idx < 0) {
        rt_raise(I, arg_loc(a, li), _("%s(): the table has no column \"%s\""), fn, col);
        return rt_hint(I,
                       _("the items are the column titles of the survey file, as written there; "
                         "print the table to see them"));
    }
    const ColumnObj *c = ic->table->cols[idx];
    if (c->type != COL_NUM) {
        rt_raise(I, arg_loc(a, li),
                 _("%s(): column \"%s\" must hold answer scores (numbers), but it holds %s"), fn,
                 col,
                 c->type == COL_TEXT       ? "text"
                     : c->type == COL_BOOL ? "true/false values"
                                           : "dates");
        if (c->type == COL_TEXT)
            rt_hint(I,
                    _("turn answer labels into scores first with recode(), e.g. \"Toujours\" → 5, "
                      "then score the recoded table"));
        return false;
    }
    ic->names[j] = col;
    ic->index[j] = idx;
    ic->x[j] = c->num;
    return true;
}

bool survey_item_columns(Interp *I, const CallArgs *a, size_t ti, size_t li, size_t min_items,
                         ItemColumns *out)
{
    memset(out, 0, sizeof *out);
    if (!arg_table(I, a, ti, "T", &out->table)) return false;
    if (li >= a->npos)
        return rt_raise(I, a->loc, _("%s(): the list of item columns is missing"),
                        survey_fn_name(a));
    Value list = a->pos[li];
    if (list.kind != V_LIST) {
        rt_raise(I, arg_loc(a, li), _("%s(): items must be a list of column names, got a %s"),
                 survey_fn_name(a), value_kind_name(list));
        return rt_hint(I, _("write the names in square brackets: [\"q1\", \"q2\", \"q3\"]"));
    }
    const ListObj *l = as_list(list);
    if (l->n < min_items)
        return rt_raise(I, arg_loc(a, li),
                        ngettext("%s(): needs at least %zu item column, got %zu",
                                 "%s(): needs at least %zu item columns, got %zu",
                                 (unsigned long)min_items),
                        survey_fn_name(a), min_items, l->n);
    out->k = l->n;
    size_t cap = l->n ? l->n : 1;
    out->x = calloc(cap, sizeof *out->x);
    out->names = calloc(cap, sizeof *out->names);
    out->index = calloc(cap, sizeof *out->index);
    out->owned = calloc(cap, sizeof *out->owned);
    if (!out->x || !out->names || !out->index || !out->owned) {
        survey_items_free(out);
        return rt_raise(I, a->loc, _("%s(): out of memory"), survey_fn_name(a));
    }
    for (size_t j = 0; j < l->n; j++)
        if (!one_item(I, a, li, out, j, l->items[j])) {
            survey_items_free(out);
            return false;
        }
    return true;
}

void survey_items_free(ItemColumns *ic)
{
    for (size_t j = 0; ic->owned && j < ic->k; j++) free(ic->owned[j]);
    free(ic->owned);
    free(ic->x);
    free(ic->names);
    free(ic->index);
    memset(ic, 0, sizeof *ic);
}

bool survey_opt_number(Interp *I, const CallArgs *a, size_t pos, const char *name, double dflt,
                       double *out)
{
    if (pos < a->npos) return arg_number(I, a, pos, name, out);
    Value v;
    SrcLoc loc;
    if (!arg_named(a, name, &v, &loc)) {
        *out = dflt;
        return true;
    }
    if (v.kind != V_NUM)
        return rt_raise(I, loc, _("%s(): %s must be a number, got a %s"), survey_fn_name(a), name,
                        value_kind_name(v));
    *out = v.as.num;
    return true;
}

/* Index of a named item among ic's items, or -1. */
static long item_position(const ItemColumns *ic, const char *name)
{
    for (size_t j = 0; j < ic->k; j++)
        if (strcmp(ic->names[j], name) == 0) return (long)j;
    return -1;
}

static bool reverse_one(Interp *I, SrcLoc loc, const CallArgs *a, ItemColumns *ic, Value name,
                        double sum)
{
    long j = name.kind == V_STR ? item_position(ic, as_str(name)->data) : -1;
    if (j < 0) {
        rt_raise(I, loc, _("%s(): reverse lists %s, which is not one of the items"),
                 survey_fn_name(a),
                 name.kind == V_STR ? as_str(name)->data : "a value that is not a column name");
        return rt_hint(
            I,
            _("reverse names the item columns to read as reverse_sum − answer; each must "
              "also be in items"));
    }
    if (ic->owned[j]) return true;
    size_t n = ic->table->nrows;
    ic->owned[j] = malloc((n ? n : 1) * sizeof(double));
    if (!ic->owned[j]) return rt_raise(I, loc, _("%s(): out of memory"), survey_fn_name(a));
    for (size_t i = 0; i < n; i++) ic->owned[j][i] = sum - ic->x[j][i]; /* NaN stays NaN */
    ic->x[j] = ic->owned[j];
    return true;
}

bool survey_item_reversals(Interp *I, const CallArgs *a, ItemColumns *ic)
{
    Value list, sumv;
    SrcLoc loc, sum_loc;
    if (!arg_named(a, "reverse", &list, &loc)) return true;
    if (!arg_named(a, "reverse_sum", &sumv, &sum_loc) || sumv.kind != V_NUM) {
        rt_raise(
            I, loc,
            _("%s(): reverse needs reverse_sum, the lowest plus the highest score of the scale"),
            survey_fn_name(a));
        return rt_hint(I, _("e.g. reverse: [\"q2\"], reverse_sum: 5 for answers 1 to 4"));
    }
    if (list.kind != V_LIST)
        return rt_raise(I, loc, _("%s(): reverse must be a list of item column names"),
                        survey_fn_name(a));
    for (size_t r = 0; r < as_list(list)->n; r++)
        if (!reverse_one(I, loc, a, ic, as_list(list)->items[r], sumv.as.num)) return false;
    return true;
}
