/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* summarize.c — summarize(t by g, name = figure(column), ...): several
 * figures per group in one table.
 *
 * Contract (SPEC.md §4, "Aggregates"): one row per group with its key
 * columns, n, and one column per figure named by the call, each computed
 * as the aggregate of the same name (aggregate.c) computes it; a group
 * below the small-group threshold has its figures hidden.
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

typedef struct SumCol {
    Value col; /* V_NIL until the first value fixes the type */
    size_t suppressed;
    size_t dominated; /* of those, hidden by the dominance rule, not for their size */
    int threshold;    /* the highest threshold of a figure the function suppressed */
    size_t refused;   /* groups whose call small-group protection refused */
    char *refusal;    /* the first of those refusals, as the error said it */
} SumCol;

static bool store_result(Interp *I, SumCol *sc, size_t k, size_t n, Value v, const char *name,
                         SrcLoc loc)
{
    if (sc->col.kind == V_NIL && v.kind != V_NIL && !disclosure_is_suppressed(v)) {
        ColType type = v.kind == V_STR ? COL_TEXT : v.kind == V_BOOL ? COL_BOOL : COL_NUM;
        if (v.kind != V_NUM && v.kind != V_STR && v.kind != V_BOOL) {
            rt_raise(
                I, loc,
                _("summarize: '%s' must give a number, a text or a boolean per group, got a %s"),
                name, value_kind_name(v));
            return rt_hint(I, _("for example n: count, mean_rev: fn(g) = mean(g.revenue)"));
        }
        sc->col = value_column_new((v.flags & VF_DATE) ? COL_DATE : type, n);
        sc->col.dim = v.dim;
        sc->col.flags = v.flags & VF_PERCENT;
        ColumnObj *c = as_column(sc->col);
        for (size_t i = 0; i < k; i++) column_set_missing(c, i); /* earlier groups had nothing */
    }
    sc->suppressed += disclosure_is_suppressed(v); /* counted even before the column exists */
    sc->dominated += disclosure_is_dominated(v);
    if (sc->col.kind == V_NIL) return true;
    ColumnObj *c = as_column(sc->col);
    bool missing = v.kind == V_NIL || disclosure_is_suppressed(v);
    bool fits = missing || (c->type == COL_TEXT && v.kind == V_STR) ||
        (c->type == COL_BOOL && v.kind == V_BOOL) ||
        ((c->type == COL_NUM || c->type == COL_DATE) && v.kind == V_NUM &&
         dim_equal(v.dim, sc->col.dim));
    if (!fits) {
        rt_raise(I, loc,
                 _("summarize: '%s' gives a %s for one group and something else for another"), name,
                 value_kind_name(v));
        return false;
    }
    switch (c->type) {
    case COL_TEXT:
        c->codes[k] = missing ? -1 : strdict_intern(c->dict, as_str(v)->data, as_str(v)->len);
        break;
    case COL_BOOL: c->bools[k] = missing ? -1 : v.as.boolean; break;
    default: c->num[k] = missing ? NAN : v.as.num; break;
    }
    return true;
}

/* A figure of the function that small-group protection refused (max(g.x),
 * a quantile with too few people on a side, arithmetic on a suppressed
 * figure) depends on the group's data, not on the code: like the grouped
 * aggregates, the group's cell is missing, with a warning (SPEC.md, "What
 * may leave the interpreter", rule 5).  Any other error stays an error. */
static bool refused_as_missing(Interp *I, SumCol *sc, int threshold, Value *res)
{
    if (!disclosure_error_is_refusal(I)) return false;
    if (!sc->refusal) sc->refusal = xstrdup(interp_error(I)->message);
    interp_clear_error(I);
    sc->refused++;
    *res = disclosure_suppressed(threshold);
    return true;
}

static void warn_refused(Interp *I, const SumCol *sc, const char *name, SrcLoc loc)
{
    if (sc->refused)
        rt_warn(I, loc,
                ngettext("%s: %zu group is missing because small-group protection refused a "
                         "figure the function computes for it: %s",
                         "%s: %zu groups are missing because small-group protection refused a "
                         "figure the function computes for them; the first refusal: %s",
                         (unsigned long)sc->refused),
                name, sc->refused, sc->refusal);
}

/* The warnings of one column: the groups hidden for each reason, each told
 * once (hidden_for_others: hidden to protect other groups, told by the
 * caller once for the whole result). */
static void warn_column(Interp *I, const SumCol *sc, const char *name, SrcLoc loc,
                        size_t hidden_for_others, int th)
{
    size_t dominated = sc->dominated;
    size_t hidden_otherwise = hidden_for_others + dominated + sc->refused;
    size_t k = sc->suppressed > hidden_otherwise ? sc->suppressed - hidden_otherwise : 0;
    agg_warn_sensitive_groups(I, loc, name, dominated);
    warn_refused(I, sc, name, loc);
    if (k && sc->threshold > th) /* g.col in the function: the model's threshold */
        rt_warn(I, loc,
                ngettext("%s: %zu group: its figures are suppressed (shown as missing) under "
                         "the model's threshold of %d people: a column taken out with g.col "
                         "or g[\"col\"] follows the model's threshold, not the min_cell: %d "
                         "the table was read with; write mean(g, \"col\") or lower it with "
                         "--min-cell",
                         "%s: %zu groups: their figures are suppressed (shown as missing) "
                         "under the model's threshold of %d people: a column taken out with "
                         "g.col or g[\"col\"] follows the model's threshold, not the "
                         "min_cell: %d the table was read with; write mean(g, \"col\") or "
                         "lower it with --min-cell",
                         (unsigned long)k),
                name, k, sc->threshold, th);
    else
        agg_warn_suppressed_groups(I, loc, name, k, th);
}

static bool summarize_groups(Interp *I, const CallArgs *a, const TableObj *t, Grouped *g,
                             size_t ngroups, SumCol *cols, size_t *more, size_t *differencing)
{
    uint32_t *all = NULL;
    if (!g) {
        all = xmalloc((t->nrows ? t->nrows : 1) * sizeof *all);
        for (size_t r = 0; r < t->nrows; r++) all[r] = (uint32_t)r;
    }
    bool ok = true;
    int threshold = disclosure_table_threshold(I, t);
    size_t primary;
    bool *hide = agg_group_hides(g, t, threshold, &primary, more);
    if (g)
        *differencing = disclosure_differencing_groups(I, g->table, g->order, g->start, ngroups,
                                                       threshold, hide);
    for (size_t k = 0; k < ngroups && ok; k++) {
        const uint32_t *rows = g ? g->order + g->start[k] : all;
        size_t m = g ? g->start[k + 1] - g->start[k] : t->nrows;
        if (hide[k]) {
            /* a group of fewer people than the threshold (or hidden to
             * protect one): whatever the function computes (len(g.id), a
             * text, a mean), its cells are suppressed, like grouped count;
             * it is not even called */
            for (size_t i = 0; i < a->nnamed && ok; i++) {
                Value hidden = disclosure_must_suppress(m, threshold)
                    ? disclosure_suppressed(threshold)
                    : disclosure_suppressed_secondary(threshold);
                ok = store_result(I, &cols[i], k, ngroups, hidden, a->names[i], a->named_loc[i]);
                value_release(hidden);
            }
            continue;
        }
        Value sub = table_gather(t, rows, m);
        for (size_t i = 0; i < a->nnamed && ok; i++) {
            Value res;
            ok = rt_call(I, a->named[i], 1, &sub, a->named_loc[i], &res) ||
                refused_as_missing(I, &cols[i], threshold, &res);
            if (!ok) break;
            ok = store_result(I, &cols[i], k, ngroups, res, a->names[i], a->named_loc[i]);
            if (disclosure_suppressed_threshold(res) > cols[i].threshold)
                cols[i].threshold = disclosure_suppressed_threshold(res);
            value_release(res);
        }
        value_release(sub);
    }
    free(hide);
    free(all);
    return ok;
}

static bool agg_builtin_summarize(Interp *I, const CallArgs *a, Value *out)
{
    Grouped *g = grouped_of(a->pos[0]);
    if (!g && a->pos[0].kind != V_TABLE)
        return rt_raise(I, arg_loc(a, 0),
                        _("summarize needs a table or a grouped table (T by key), got a %s"),
                        value_kind_name(a->pos[0]));
    if (a->nnamed == 0) {
        rt_raise(I, a->loc, _("summarize needs at least one named figure"));
        return rt_hint(I,
                       _("write summarize(T by cae, n: count, mean_rev: fn(g) = mean(g.revenue))"));
    }
    for (size_t i = 0; i < a->nnamed; i++)
        if (a->named[i].kind != V_FUNC && a->named[i].kind != V_BUILTIN)
            return rt_raise(I, a->named_loc[i],
                            _("summarize: '%s' must be a function of the group, got a %s"),
                            a->names[i], value_kind_name(a->named[i]));
    const TableObj *t = g ? as_table(g->table) : as_table(a->pos[0]);
    size_t ngroups = g ? g->ngroups : 1;
    SumCol *cols = xcalloc(a->nnamed, sizeof *cols);
    Quiet *q = agg_quiet(I);
    q->depth++;
    size_t skipped_before = q->skipped;
    size_t more = 0, differencing = 0;
    bool ok = summarize_groups(I, a, t, g, ngroups, cols, &more, &differencing);
    q->depth--;
    size_t skipped = q->skipped - skipped_before;
    if (q->depth == 0) q->skipped = 0;
    Value r = g ? grouped_keys_table(g) : table_like(t);
    disclosure_mark_groups(r); /* one row per group (or one row for the whole table) */
    for (size_t i = 0; i < a->nnamed; i++) {
        if (ok) {
            if (cols[i].col.kind == V_NIL) { /* every group suppressed or empty */
                cols[i].col = agg_num_column(ngroups);
                for (size_t k = 0; k < ngroups; k++) as_column(cols[i].col)->num[k] = NAN;
            }
            table_add_column(r, a->names[i], cols[i].col);
            warn_column(I, &cols[i], a->names[i], a->named_loc[i], more + differencing,
                        disclosure_table_threshold(I, t));
        } else {
            value_release(cols[i].col);
        }
    }
    for (size_t i = 0; i < a->nnamed; i++) free(cols[i].refusal);
    free(cols);
    if (!ok) {
        value_release(r);
        return false;
    }
    as_table(r)->nrows = ngroups;
    agg_warn_secondary_groups(I, a->loc, "summarize", more);
    agg_warn_differencing_groups(I, a->loc, "summarize", differencing,
                                 disclosure_table_threshold(I, t));
    if (skipped && q->depth == 0)
        rt_warn(I, a->loc, _("summarize: the figures skipped %zu missing values in total"),
                skipped);
    *out = r;
    return true;
}

const BuiltinReg summarize_builtins[] = {
#include "stdlib/data/summarize.def"
    { 0 },
};
