/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* count_share.c — count() and share(): how many rows, and which part of them.
 *
 * Contract (SPEC.md §4, "Aggregates"): count(x) counts the rows of a table
 * or column, or the true cells of a condition; share(cond) divides the true
 * cells by the cells known; over a grouped table each gives one row per
 * group.  A count or share from fewer people than the small-group threshold
 * is hidden (runtime/disclosure.c), and share() refuses a part whose whole
 * is not known (a condition on an already filtered table) with a hint.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lang/i18n.h"
#include "runtime/disclosure.h"
#include "stdlib/core/dates.h"
#include "stdlib/privacy/privacy.h"
#include "stdlib/stdlib.h"
#include "stdlib/stats/summary.h"
#include "stdlib/data/aggregate_internal.h"
#include "stdlib/data/table.h"
#include "runtime/vector.h"
#include "runtime/mem.h"

/* The groups of g (or the one group of nrows rows when g is NULL) to hide
 * by their number of rows: below the threshold, then secondary suppression.
 * A new array the caller frees. */
bool *agg_group_hides(const Grouped *g, const TableObj *t, int threshold, size_t *primary,
                      size_t *more)
{
    size_t nrows = t->nrows;
    size_t ngroups = g ? g->ngroups : 1;
    size_t *rows = malloc((ngroups ? ngroups : 1) * sizeof *rows);
    bool *hide = malloc((ngroups ? ngroups : 1) * sizeof *hide);
    if (!rows || !hide) rt_out_of_memory();
    for (size_t k = 0; k < ngroups; k++) {
        rows[k] = g ? g->start[k + 1] - g->start[k] : nrows;
        hide[k] = disclosure_must_suppress(rows[k], threshold);
    }
    *primary = agg_hide_groups_secondary(rows, ngroups, threshold, hide,
                                         agg_table_rest(t, threshold), more);
    free(rows);
    return hide;
}

static bool count_grouped(Interp *I, const CallArgs *a, Grouped *g, Value *out)
{
    int threshold = disclosure_table_threshold(I, as_table(g->table));
    Value col = agg_num_column(g->ngroups);
    size_t suppressed, more;
    bool *hide = agg_group_hides(g, as_table(g->table), threshold, &suppressed, &more);
    size_t differencing = disclosure_differencing_groups(I, g->table, g->order, g->start,
                                                         g->ngroups, threshold, hide);
    for (size_t k = 0; k < g->ngroups; k++) {
        size_t m = g->start[k + 1] - g->start[k];
        as_column(col)->num[k] = hide[k] ? NAN : (double)m;
    }
    free(hide);
    Value r = grouped_keys_table(g);
    table_add_column(r, "count", col);
    agg_warn_suppressed_groups(I, a->loc, "count", suppressed, threshold);
    agg_warn_secondary_groups(I, a->loc, "count", more);
    agg_warn_differencing_groups(I, a->loc, "count", differencing, threshold);
    *out = r;
    return true;
}

/* Number of people a column speaks of: non-missing values, or true values
 * for a boolean column. */
static size_t column_count(const ColumnObj *c, size_t *missing)
{
    size_t k = 0, miss = 0;
    for (size_t i = 0; i < c->n; i++) {
        switch (c->type) {
        case COL_NUM:
        case COL_DATE: miss += isnan(c->num[i]); break;
        case COL_TEXT: miss += c->codes[i] < 0; break;
        case COL_BOOL:
            miss += c->bools[i] < 0;
            k += c->bools[i] == 1;
            break;
        }
    }
    *missing = miss;
    return c->type == COL_BOOL ? k : c->n - miss;
}

static Value guarded_count(size_t n, int threshold)
{
    if (disclosure_must_suppress(n, threshold)) return disclosure_suppressed(threshold);
    return value_num((double)n);
}

static bool agg_builtin_count(Interp *I, const CallArgs *a, Value *out)
{
    Value v = a->pos[0];
    Grouped *g = grouped_of(v);
    if (g && a->npos > 1) {
        /* count(T by entry_status, exit_status): the comma adds keys */
        Value regrouped;
        if (!grouped_regroup(I, g, a->npos - 1, a->pos + 1, arg_loc(a, 1), &regrouped))
            return false;
        bool ok = count_grouped(I, a, grouped_of(regrouped), out);
        value_release(regrouped);
        return ok;
    }
    if (g) return count_grouped(I, a, g, out);
    if (a->npos > 1)
        return rt_raise(I, arg_loc(a, 1),
                        _("count takes one argument, except after `by`: count(T by a, b)"));
    switch (v.kind) {
    case V_TABLE: {
        const TableObj *t = as_table(v);
        int threshold = disclosure_table_threshold(I, t);
        if (!disclosure_must_suppress(t->nrows, threshold) && agg_table_rest(t, threshold))
            *out =
                disclosure_suppressed_secondary(threshold); /* count(T) minus it is a small group */
        else
            *out = guarded_count(t->nrows, threshold);
        if (!disclosure_is_suppressed(*out) && !disclosure_differencing_allows(I, v, threshold)) {
            value_release(*out);
            *out = disclosure_suppressed_differencing(threshold);
        }
        return true;
    }
    case V_COLUMN: {
        size_t missing;
        size_t k = column_count(as_column(v), &missing);
        agg_report_skipped(I, a->loc, "count", missing, as_column(v)->n);
        int threshold = disclosure_table_threshold(I, NULL);
        *out = guarded_count(k, threshold);
        bool allowed = as_column(v)->type == COL_BOOL
            ? disclosure_differencing_allows_true(I, v, threshold)
            : disclosure_differencing_allows(I, v, threshold);
        if (!disclosure_is_suppressed(*out) && !allowed) {
            value_release(*out);
            *out = disclosure_suppressed_differencing(threshold);
        }
        return true;
    }
    case V_LIST: *out = value_num((double)as_list(v)->n); return true;
    default:
        if (disclosure_is_suppressed(v)) return disclosure_refuse(I, v, arg_loc(a, 0));
        return arg_wrong_kind(
            I, a, 0, _("count needs a table, a column or a list, got a %s"),
            _("count(people) counts rows; count(people where age > 50) counts those rows"));
    }
}

/* share(T) of a table that is not filtered: the share of what?  The message
 * says what to write, with the user's own words when the source can be
 * read. */
static bool share_needs_whole(Interp *I, const CallArgs *a)
{
    char part[512];
    const char *where = NULL;
    if (!agg_call_argument_text(a->loc, part, sizeof part)) {
        rt_raise(I, arg_loc(a, 0),
                 _("share of a whole table: this table was not selected with `where` from "
                   "another one, so there is nothing to divide its rows by"));
        return rt_hint(I,
                       _("write share(T where COND) (the whole is T) or share(PART, WHOLE), "
                         "e.g. share(people where exit == \"CDI\"); for a boolean column, "
                         "share(people.associe)"));
    }
    rt_raise(I, arg_loc(a, 0),
             _("share(%s): this table was not selected with `where` from another one, so "
               "there is nothing to divide its rows by"),
             part);
    if ((where = strstr(part, " where ")) != NULL) {
        int n = (int)(where - part);
        return rt_hint(I, _("write share(%s, %.*s): the rows of %.*s are the whole"), part, n, part,
                       n, part);
    }
    return rt_hint(I,
                   _("write share(%s where COND) for the share of the rows where COND is true, or "
                     "share(PART, %s) for the share of another table's rows"),
                   part, part);
}

static bool agg_builtin_share(Interp *I, const CallArgs *a, Value *out)
{
    Value part = a->pos[0];
    if (a->npos == 2) {
        TableObj *pt, *wt;
        if (!arg_table(I, a, 0, "part", &pt) || !arg_table(I, a, 1, "whole", &wt)) return false;
        int threshold = disclosure_table_threshold(I, wt);
        if (wt->nrows == 0)
            return rt_raise(I, arg_loc(a, 1), _("share: the whole table has no row"));
        /* the part and the rest are counts of people too: share × count(whole)
         * would give a hidden part back (SPEC.md §4) */
        if (disclosure_share_must_suppress(pt->nrows, wt->nrows, threshold)) {
            *out = disclosure_suppressed(threshold);
            return true;
        }
        if (!disclosure_differencing_allows_pair(I, a->pos[0], a->pos[1], threshold)) {
            *out = disclosure_suppressed_differencing(threshold);
            return true;
        }
        *out = value_percent((double)pt->nrows / (double)wt->nrows);
        return true;
    }
    if (part.kind == V_TABLE && disclosure_base_rows(part) > 0) {
        /* share(T where C): the whole is the table the rows were taken from
         * (the first one when filters chain) */
        const TableObj *pt = as_table(part);
        /* rows where C is missing are neither "yes" nor "no": left out of
         * the whole, as mean(C) leaves them out, and said */
        size_t base = disclosure_base_rows(part), unknown = disclosure_base_unknown(part);
        size_t whole = base - unknown;
        agg_report_skipped(I, a->loc, "share", unknown, base);
        int threshold = disclosure_table_threshold(I, pt);
        if (whole == 0)
            return rt_raise(I, a->loc, _("share of no row: the condition is missing on every row"));
        if (disclosure_share_must_suppress(pt->nrows, whole, threshold))
            *out = disclosure_suppressed(threshold);
        else if (!disclosure_differencing_allows(I, part, threshold))
            *out = disclosure_suppressed_differencing(threshold);
        else
            *out = value_percent((double)pt->nrows / (double)whole);
        return true;
    }
    if (part.kind == V_TABLE) return share_needs_whole(I, a);
    if (part.kind != V_COLUMN || as_column(part)->type != COL_BOOL) {
        rt_raise(I, arg_loc(a, 0), _("share needs a boolean column or two tables, got a %s"),
                 value_kind_name(part));
        return rt_hint(I, _("write share(T where exit == \"CDI\", T) or share(T.exit == \"CDI\")"));
    }
    const ColumnObj *c = as_column(part);
    size_t missing, yes = column_count(c, &missing), known = c->n - missing;
    agg_report_skipped(I, a->loc, "share", missing, c->n);
    int threshold = disclosure_table_threshold(I, NULL);
    if (disclosure_share_must_suppress(yes, known, threshold)) {
        *out = disclosure_suppressed(threshold);
        return true;
    }
    if (known == 0) return rt_raise(I, a->loc, _("share of no value: every value is missing"));
    if (!disclosure_differencing_allows_true(I, part, threshold)) {
        *out = disclosure_suppressed_differencing(threshold);
        return true;
    }
    *out = value_percent((double)yes / (double)known);
    return true;
}

const BuiltinReg count_share_builtins[] = {
#include "stdlib/data/count_share.def"
    { 0 },
};
