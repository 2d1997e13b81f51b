/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* aggregate.c — count, sum, mean, median, sd, min, max, quantile, share and
 * summarize over columns, tables, grouped tables, distributions and lists.
 *
 * Contract (SPEC.md §4, "Aggregates"):
 *   - Data (columns, tables) may hold missing values: they are skipped and
 *     the call warns "mean skipped 12 missing values of 1000"; a figure over
 *     fewer people than the small-group threshold is a suppressed figure
 *     (privacy.h).  Distributions and plain lists are not people: no
 *     suppression.  Missing samples of a distribution are left out with a
 *     warning that counts them; its sd divides by n (the samples are the
 *     whole distribution), that of data and lists by n − 1.
 *   - A figure too large for a double (a sum of 1e308 and 1e308) is an
 *     error at the call, never inf.
 *   - A grouped table gives a table: the key columns, n (values used),
 *     missing (values skipped) and the figure, one row per group; the cells
 *     of a group below the threshold are missing, and one warning says how
 *     many groups were suppressed.
 *   - All the arithmetic is in summary.c, over C arrays.
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

typedef enum AggKind {
    AGG_SUM,
    AGG_MEAN,
    AGG_MEDIAN,
    AGG_SD,
    AGG_MIN,
    AGG_MAX,
    AGG_QUANTILE
} AggKind;

static const char *const AGG_NAMES[] = { "sum", "mean", "median", "sd", "min", "max", "quantile" };

static const char QUIET; /* names the state on the interpreter */

Quiet *agg_quiet(Interp *I)
{
    return interp_lib_state(I, &QUIET, sizeof(Quiet), NULL);
}

/* ---- the numbers of an argument ----------------------------------------------- */

typedef struct Numbers {
    const double *x;
    size_t n;
    double *owned; /* freed by numbers_free */
    Dim dim;
    bool people;      /* data about people: missing values and small groups apply */
    int col_min_cell; /* a column taken out of a table read with min_cell: N (N > 0),
                              * which follows the model's threshold all the same (SPEC §4) */
    bool dates;
    bool booleans;   /* a boolean column read as 0/1 */
    bool rest_small; /* mean(T where C, "col"): the rows the filter left out are a small group */
    bool samples;    /* the samples of a distribution: sd divides by n, missing ones counted */
    int threshold;
} Numbers;

/* The rows the filter of `T where C` left out (TableObj.base_nrows − rows)
 * when they are a small group, else 0: count(T) − count(T where C) gives
 * them back (SPEC.md §4, the subtraction route). */
static size_t filtered_rest(Value v, size_t n, int threshold)
{
    size_t base = disclosure_base_rows(v);
    return disclosure_rest_must_suppress(n, base, threshold) ? base - n : 0;
}

size_t agg_table_rest(const TableObj *t, int threshold)
{
    return filtered_rest(value_obj((Obj *)&t->hdr), t->nrows, threshold);
}

static void numbers_free(Numbers *d)
{
    free(d->owned);
}

static bool from_column(Interp *I, Value v, const char *fname, SrcLoc loc, Numbers *d)
{
    const ColumnObj *c = as_column(v);
    d->people = true;
    d->col_min_cell = disclosure_own_threshold(v);
    d->rest_small = filtered_rest(v, c->n, disclosure_threshold(I, v)) > 0;
    d->dim = v.dim;
    d->n = c->n;
    switch (c->type) {
    case COL_NUM: d->x = c->num; return true;
    case COL_DATE:
        d->x = c->num;
        d->dates = true;
        return true;
    case COL_BOOL:
        /* a boolean column counts as 0/1: its mean is a proportion */
        d->owned = xmalloc((c->n ? c->n : 1) * sizeof *d->owned);
        for (size_t i = 0; i < c->n; i++) d->owned[i] = c->bools[i] < 0 ? NAN : c->bools[i];
        d->x = d->owned;
        d->booleans = true;
        return true;
    case COL_TEXT: break;
    }
    rt_raise(I, loc, _("%s needs numbers, but this is a text column"), fname);
    return rt_hint(
        I,
        _("count(T where col == \"value\") counts texts; a column of numbers read as text "
          "can be declared with csv(..., types: {col: \"number\"})"));
}

static bool from_list(Interp *I, Value v, const char *fname, SrcLoc loc, Numbers *d)
{
    const ListObj *l = as_list(v);
    d->owned = xmalloc((l->n ? l->n : 1) * sizeof *d->owned);
    for (size_t i = 0; i < l->n; i++) {
        Value item = l->items[i];
        if (item.kind != V_NUM)
            return rt_raise(I, loc, _("%s needs numbers, but item %zu of the list is a %s"), fname,
                            i + 1, value_kind_name(item));
        if (i == 0)
            d->dim = item.dim;
        else if (!dim_equal(item.dim, d->dim))
            return rt_raise(
                I, loc, _("%s: the items of the list do not have the same unit (item %zu differs)"),
                fname, i + 1);
        d->owned[i] = item.as.num;
    }
    d->x = d->owned;
    d->n = l->n;
    return true;
}

/* Reads the numbers of argument i (a column, a distribution, a list, a
 * number, or a table followed by a column name). */
static bool get_numbers(Interp *I, const CallArgs *a, const char *fname, Numbers *d,
                        size_t *next_arg)
{
    memset(d, 0, sizeof *d);
    Value v = a->pos[0];
    SrcLoc loc = arg_loc(a, 0);
    *next_arg = 1;
    d->threshold = disclosure_table_threshold(I, NULL);
    if (disclosure_is_suppressed(v)) return disclosure_refuse(I, v, loc);
    switch (v.kind) {
    case V_COLUMN: return from_column(I, v, fname, loc, d);
    case V_DIST:
        d->x = dist_samples(as_dist(v));
        d->n = as_dist(v)->n;
        d->dim = v.dim;
        d->samples = true;
        return true;
    case V_LIST: return from_list(I, v, fname, loc, d);
    case V_NUM:
        d->owned = xmalloc(sizeof *d->owned);
        d->owned[0] = v.as.num;
        d->x = d->owned;
        d->n = 1;
        d->dim = v.dim;
        d->dates = v.flags & VF_DATE;
        return true;
    case V_TABLE: {
        const TableObj *t = as_table(v);
        const char *name;
        size_t j;
        if (a->npos < 2 || a->pos[1].kind != V_STR) {
            rt_raise(I, loc, _("%s of a table needs the name of a column"), fname);
            return rt_hint(I, _("write %s(T.revenue) or %s(T, \"revenue\")"), fname, fname);
        }
        name = as_str(a->pos[1])->data;
        if (!table_column_index(I, t, name, arg_loc(a, 1), &j)) return false;
        *next_arg = 2;
        Value col = table_column_value(t, j);
        bool ok = from_column(I, col, fname, loc, d);
        value_release(col); /* the table keeps the column alive */
        d->threshold = disclosure_table_threshold(I, t);
        d->col_min_cell = 0; /* the table's own threshold applies */
        d->rest_small = filtered_rest(a->pos[0], t->nrows, d->threshold) > 0;
        return ok;
    }
    default:
        rt_raise(I, loc, _("%s needs numbers (a column, a distribution or a list), got a %s"),
                 fname, value_kind_name(v));
        return false;
    }
}

/* ---- computing one figure -------------------------------------------------------- */

/* samples: x are the samples of a distribution, which are the whole of it:
 * its sd divides by n, as summary(x).sd and the JSON output do (SPEC.md §6).
 * Data and lists are samples of a population: n − 1. */
static double compute(AggKind kind, const double *x, size_t n, double p, bool samples, size_t *used)
{
    double r = NAN;
    switch (kind) {
    case AGG_SUM: return summary_sum(x, n, used);
    case AGG_MEAN: return summary_mean(x, n, used);
    case AGG_SD: return samples ? summary_sd_population(x, n, used) : summary_sd(x, n, used);
    case AGG_MIN: return summary_min(x, n, used);
    case AGG_MAX: return summary_max(x, n, used);
    case AGG_MEDIAN: summary_median(x, n, &r, used); return r;
    case AGG_QUANTILE: summary_quantile(x, n, p, &r, used); return r;
    }
    return r;
}

/* The sum of a boolean column is a count of people (its true values) and its
 * mean a proportion: hidden when the true values, or for a proportion the
 * false ones, are fewer than the threshold (SPEC.md §4). */
static bool boolean_figure_hidden(AggKind kind, const double *x, size_t n, size_t used,
                                  int threshold)
{
    if (kind != AGG_SUM && kind != AGG_MEAN) return false;
    size_t yes = 0;
    for (size_t i = 0; i < n; i++) yes += x[i] == 1.0;
    return kind == AGG_SUM ? disclosure_must_suppress(yes, threshold)
                           : disclosure_share_must_suppress(yes, used, threshold);
}

void agg_report_skipped(Interp *I, SrcLoc loc, const char *fname, size_t skipped, size_t total)
{
    if (skipped == 0) return;
    if (agg_quiet(I)->depth > 0) {
        agg_quiet(I)->skipped += skipped;
        return;
    }
    rt_warn(I, loc,
            ngettext("%s skipped %zu missing value of %zu", "%s skipped %zu missing values of %zu",
                     (unsigned long)skipped),
            fname, skipped, total);
}

static bool quantile_p(Interp *I, const CallArgs *a, size_t i, double *p)
{
    if (a->npos <= i) {
        rt_raise(I, a->loc, _("quantile needs the probability p"));
        return rt_hint(I, _("write quantile(x, 0.05) for the 5th percentile"));
    }
    if (!arg_number(I, a, i, "p", p)) return false;
    if (!(*p >= 0 && *p <= 1)) {
        rt_raise(I, arg_loc(a, i), _("quantile: p must be between 0 and 1, got %g"), *p);
        return rt_hint(I, _("the 5th percentile is quantile(x, 0.05), or quantile(x, 5%%)"));
    }
    return true;
}

/* The text between the parentheses of a one-argument call, as written: from
 * the first '(' at or after the call's column to the matching ')' on that
 * source line, read from the model file (none for -e or the REPL: false). */
bool agg_call_argument_text(SrcLoc call, char *buf, size_t size)
{
    FILE *f = call.file && call.line > 0 && call.col > 0 ? fopen(call.file, "r") : NULL;
    if (!f) return false;
    char line[1024];
    bool found = false;
    for (int n = 1; fgets(line, sizeof line, f); n++)
        if (n == call.line) {
            found = strlen(line) >= (size_t)call.col;
            break;
        }
    fclose(f);
    const char *p = found ? strchr(line + call.col - 1, '(') : NULL;
    if (!p) return false;
    int depth = 0;
    bool quoted = false;
    size_t k = 0;
    for (p++; *p && *p != '\n' && k + 1 < size; p++) {
        if (*p == '"' && p[-1] != '\\')
            quoted = !quoted;
        else if (!quoted && (*p == '(' || *p == '[' || *p == '{'))
            depth++;
        else if (!quoted && (*p == ')' || *p == ']' || *p == '}') && depth-- == 0)
            break;
        buf[k++] = *p;
    }
    while (k > 0 && buf[k - 1] == ' ') k--;
    buf[k] = 0;
    return k > 0 && *p == ')'; /* the call ended on this line */
}

/* A figure suppressed although the table was read with a lower min_cell:
 * the column was taken out with T.col, which follows the model's threshold
 * (SPEC §4).  Says so, with the form that keeps the table's threshold. */
static void explain_column_threshold(Interp *I, const CallArgs *a, const char *fname,
                                     const Numbers *d)
{
    if (!d->col_min_cell || d->col_min_cell >= d->threshold || agg_quiet(I)->depth > 0) return;
    char arg[256], form[320];
    const char *dot;
    snprintf(form, sizeof form, "%s(T, \"col\")", fname);
    size_t len;
    if (!agg_call_argument_text(a->loc, arg, sizeof arg))
        ;
    else if ((dot = strrchr(arg, '.')) != NULL && dot > arg && dot[1] && !strpbrk(arg, " \"[]()"))
        snprintf(form, sizeof form, "%s(%.*s, \"%s\")", fname, (int)(dot - arg), arg,
                 dot + 1); /* u.montant */
    else if ((len = strlen(arg)) > 4 && (dot = strstr(arg, "[\"")) != NULL && dot > arg &&
             strcmp(arg + len - 2, "\"]") == 0 && !strpbrk(arg, " ()"))
        snprintf(form, sizeof form, "%s(%.*s, %.*s)", fname, (int)(dot - arg), arg,
                 (int)(arg + len - 1 - dot - 1), dot + 1); /* u["montant"] */
    rt_warn(
        I, a->loc,
        _("%s is suppressed (n < %d): this column was taken out of a table read with min_cell: %d; "
          "columns follow the model's threshold: write %s or lower it with --min-cell"),
        fname, d->threshold, d->col_min_cell, form);
}

static Value figure_value(const Numbers *d, AggKind kind, double v)
{
    if (d->dates && kind != AGG_SD && kind != AGG_SUM) return value_date(v);
    return value_num_dim(v, d->dim);
}

static bool grouped_aggregate(Interp *I, const CallArgs *a, AggKind kind, Grouped *g, Value *out);

/* Why a figure could not be computed (v is NaN or infinite), at the call. */
static bool figure_error(Interp *I, const CallArgs *a, AggKind kind, const Numbers *d, size_t used,
                         double v)
{
    const char *fname = AGG_NAMES[kind];
    if (used == 0)
        return rt_raise(I, a->loc, _("%s of no value: %s"), fname,
                        d->n ? "every value is missing" : "there is nothing to summarise");
    if (kind == AGG_SD && used < 2)
        return rt_raise(I, a->loc, _("sd needs at least 2 values, got %zu"), used);
    (void)v; /* infinite, or NaN from adding infinities of both signs: an overflow */
    rt_raise(I, a->loc,
             _("the %s is too large to be represented (beyond 1.8e308 in absolute value)"), fname);
    return rt_hint(I,
                   _("check the values: a figure this large usually comes from a unit or an "
                     "order of magnitude written wrongly"));
}

/* min, max, the median and quantiles are one person's value unless enough
 * people lie on each side (runtime/disclosure.h): the quantile they are. */
static bool order_statistic_allowed(AggKind kind, double p, size_t used, int threshold)
{
    switch (kind) {
    case AGG_MIN: return disclosure_quantile_allowed(used, 0, threshold);
    case AGG_MAX: return disclosure_quantile_allowed(used, 1, threshold);
    case AGG_MEDIAN: return disclosure_quantile_allowed(used, 0.5, threshold);
    case AGG_QUANTILE: return disclosure_quantile_allowed(used, p, threshold);
    default: return true;
    }
}

/* A sum or a mean is sensitive when one person is over 85 % of the total
 * (the dominance rule, runtime/disclosure.h). */
static bool dominated(AggKind kind, const double *x, size_t n)
{
    return (kind == AGG_SUM || kind == AGG_MEAN) && disclosure_dominated(x, n);
}

/* Sums, means and sds add up over disjoint groups (the differencing rule,
 * runtime/disclosure.h); order statistics do not. */
static bool additive(AggKind kind)
{
    return kind == AGG_SUM || kind == AGG_MEAN || kind == AGG_SD;
}

/* The differencing rule for a figure over the rows of v; the sum or mean
 * of a boolean column also gives the number of its true values. */
static bool differencing_allows(Interp *I, Value v, const Numbers *d)
{
    if (d->booleans && v.kind == V_COLUMN)
        return disclosure_differencing_allows_true(I, v, d->threshold);
    return disclosure_differencing_allows(I, v, d->threshold);
}

static bool aggregate(Interp *I, const CallArgs *a, AggKind kind, Value *out)
{
    const char *fname = AGG_NAMES[kind];
    Grouped *g = grouped_of(a->pos[0]);
    if (g) return grouped_aggregate(I, a, kind, g, out);
    Numbers d;
    size_t next;
    if (!get_numbers(I, a, fname, &d, &next)) return numbers_free(&d), false;
    double p = 0;
    if (kind == AGG_QUANTILE && !quantile_p(I, a, next, &p))
        return numbers_free(&d), false;
    else if (kind != AGG_QUANTILE && a->npos > next) {
        numbers_free(&d);
        return rt_raise(I, arg_loc(a, next), _("%s takes one argument here, got %zu"), fname,
                        a->npos);
    }
    size_t used = 0;
    double v = compute(kind, d.x, d.n, p, d.samples, &used);
    if (d.samples && used < d.n && used > 0 && agg_quiet(I)->depth == 0)
        rt_warn(I, a->loc,
                _("%s left out the %zu missing samples of %zu (figure over the other %zu)"), fname,
                d.n - used, d.n, used);
    if (d.people) {
        agg_report_skipped(I, a->loc, fname, d.n - used, d.n);
        if (disclosure_must_suppress(used, d.threshold) ||
            (d.booleans && boolean_figure_hidden(kind, d.x, d.n, used, d.threshold))) {
            explain_column_threshold(I, a, fname, &d);
            *out = disclosure_suppressed(d.threshold);
            numbers_free(&d);
            return true;
        }
        if (d.rest_small) { /* the figure over T minus this one would give the rest back */
            explain_column_threshold(I, a, fname, &d);
            *out = disclosure_suppressed_secondary(d.threshold);
            numbers_free(&d);
            return true;
        }
    }
    int own = disclosure_threshold(I, a->pos[0]); /* csv(..., min_cell: 1) lists values */
    if (disclosure_is_people(a->pos[0]) && !d.booleans) {
        /* a distribution drawn from people: its quantiles are about the
         * values it was drawn from, however many samples it has */
        size_t behind = d.samples && disclosure_people_behind(a->pos[0])
            ? disclosure_people_behind(a->pos[0])
            : used;
        if (!order_statistic_allowed(kind, p, behind, own)) {
            numbers_free(&d);
            return disclosure_refuse_extreme(I, a->pos[0], fname, a->loc);
        }
        if (own > 1 && dominated(kind, d.x, d.n)) {
            *out = disclosure_suppressed_dominated(own);
            numbers_free(&d);
            return true;
        }
    }
    if (!isfinite(v)) {
        numbers_free(&d);
        return figure_error(I, a, kind, &d, used, v);
    }
    if (d.people && additive(kind) && !differencing_allows(I, a->pos[0], &d)) {
        *out = disclosure_suppressed_differencing(d.threshold);
        numbers_free(&d);
        return true;
    }
    *out = figure_value(&d, kind, v);
    numbers_free(&d);
    return true;
}

#define AGG_BUILTIN(fn, kind)                                                                      \
    static bool fn(Interp *I, const CallArgs *a, Value *out)                                       \
    {                                                                                              \
        return aggregate(I, a, kind, out);                                                         \
    }
AGG_BUILTIN(builtin_sum, AGG_SUM)
AGG_BUILTIN(builtin_mean, AGG_MEAN)
AGG_BUILTIN(builtin_median, AGG_MEDIAN)
AGG_BUILTIN(builtin_sd, AGG_SD)
AGG_BUILTIN(builtin_min, AGG_MIN)
AGG_BUILTIN(builtin_max, AGG_MAX)
AGG_BUILTIN(builtin_quantile, AGG_QUANTILE)

/* ---- grouped aggregates ---------------------------------------------------------- */

void agg_warn_suppressed_groups(Interp *I, SrcLoc loc, const char *fname, size_t k, int threshold)
{
    if (k)
        rt_warn(I, loc,
                ngettext("%s: %zu group concerns fewer than %d people: its figures are "
                         "suppressed (shown as missing)",
                         "%s: %zu groups concern fewer than %d people: their figures are "
                         "suppressed (shown as missing)",
                         (unsigned long)k),
                fname, k, threshold);
}

/* Secondary suppression of groups (docs/METHOD.md §8.3): the total over all groups
 * is published (count(T), the n of the whole column), so the hidden groups
 * must add up to at least threshold people, else the total minus the groups
 * shown gives them back.  counts[k] = people of group k; hide[k] comes in
 * with the groups hidden for their own sake and goes out with the smallest
 * groups shown added as needed.  Returns how many groups were hidden in the
 * first place; *more gets the number added.  `rest` is the number of rows a
 * filter left out when they are a small group (filtered_rest): the groups
 * then add up to count(T) − rest with count(T) published, so the rest is
 * one more hidden cell of the partition. */
size_t agg_hide_groups_secondary(const size_t *counts, size_t ngroups, int threshold, bool *hide,
                                 size_t rest, size_t *more)
{
    size_t total = rest, primary = 0;
    size_t *cells = malloc((ngroups + 1) * sizeof *cells);
    bool *hidden = malloc((ngroups + 1) * sizeof *hidden);
    if (!cells || !hidden) rt_out_of_memory();
    for (size_t k = 0; k < ngroups; k++) {
        total += counts[k];
        primary += hide[k];
        cells[k] = counts[k];
        hidden[k] = hide[k];
    }
    cells[ngroups] = rest;
    hidden[ngroups] = true;
    size_t k = ngroups + (rest > 0);
    *more = disclosure_partition(total, cells, k, threshold, hidden) - primary - (rest > 0);
    memcpy(hide, hidden, ngroups * sizeof *hide);
    free(cells);
    free(hidden);
    return primary;
}

void agg_warn_secondary_groups(Interp *I, SrcLoc loc, const char *fname, size_t more)
{
    if (more)
        rt_warn(I, loc,
                ngettext("%s: %zu more group is hidden so that the small groups cannot be "
                         "recovered by subtraction from the total (secondary suppression)",
                         "%s: %zu more groups are hidden so that the small groups cannot be "
                         "recovered by subtraction from the total (secondary suppression)",
                         (unsigned long)more),
                fname, more);
}

void agg_warn_differencing_groups(Interp *I, SrcLoc loc, const char *fname, size_t k, int threshold)
{
    if (k == 1)
        rt_warn(I, loc,
                _("%s: 1 more group is hidden because, with the figures already given about the "
                  "same data file, it would give back a group of fewer than %d people "
                  "(differencing)"),
                fname, threshold);
    else if (k > 1)
        rt_warn(I, loc,
                _("%s: %zu more groups are hidden because, with the figures already given about "
                  "the same data file, they would give back a group of fewer than %d people "
                  "(differencing)"),
                fname, k, threshold);
}

/* Groups hidden because the figure would be one person's value (min, max,
 * an extreme quantile) or one person is over 85 % of it. */
void agg_warn_sensitive_groups(Interp *I, SrcLoc loc, const char *fname, size_t sensitive)
{
    if (sensitive == 1)
        rt_warn(I, loc,
                _("%s: 1 group is hidden because this figure would be one person's value, or "
                  "one person is over 85%% of it (small-group protection)"),
                fname);
    else if (sensitive > 1)
        rt_warn(I, loc,
                _("%s: %zu groups are hidden because this figure would be one person's value, "
                  "or one person is over 85%% of it (small-group protection)"),
                fname, sensitive);
}

static bool grouped_aggregate(Interp *I, const CallArgs *a, AggKind kind, Grouped *g, Value *out)
{
    const char *fname = AGG_NAMES[kind];
    const TableObj *t = as_table(g->table);
    if (a->npos < 2 || a->pos[1].kind != V_STR) {
        rt_raise(I, a->loc, _("%s of a grouped table needs the name of a column"), fname);
        return rt_hint(I, _("write %s(T by cae, \"revenue\")"), fname);
    }
    size_t j;
    if (!table_column_index(I, t, as_str(a->pos[1])->data, arg_loc(a, 1), &j)) return false;
    double p = 0;
    if (kind == AGG_QUANTILE && !quantile_p(I, a, 2, &p)) return false;
    Numbers d = { 0 };
    Value colv = table_column_value(t, j);
    bool ok = from_column(I, colv, fname, arg_loc(a, 1), &d);
    value_release(colv);
    if (!ok) return numbers_free(&d), false;
    int threshold = disclosure_table_threshold(I, t);
    bool people = disclosure_is_people(g->table);
    size_t sensitive = 0; /* groups hidden as one person's value (min, max...) or dominated */
    Value ncol = agg_num_column(g->ngroups), mcol = agg_num_column(g->ngroups),
          fcol = agg_num_column(g->ngroups);
    size_t biggest = 0;
    for (size_t k = 0; k < g->ngroups; k++)
        if (g->start[k + 1] - g->start[k] > biggest) biggest = g->start[k + 1] - g->start[k];
    double *buf = xmalloc((biggest ? biggest : 1) * sizeof *buf);
    size_t skipped = 0;
    size_t *used = calloc(g->ngroups ? g->ngroups : 1, sizeof *used);
    bool *hide = calloc(g->ngroups ? g->ngroups : 1, sizeof *hide);
    if (!used || !hide) rt_out_of_memory();
    for (size_t k = 0; k < g->ngroups; k++) {
        size_t m = g->start[k + 1] - g->start[k];
        for (size_t i = 0; i < m; i++) buf[i] = d.x[g->order[g->start[k] + i]];
        double v = compute(kind, buf, m, p, false, &used[k]);
        skipped += m - used[k];
        hide[k] = disclosure_must_suppress(used[k], threshold) ||
            (d.booleans && boolean_figure_hidden(kind, buf, m, used[k], threshold));
        if (!hide[k] && people && !d.booleans &&
            (!order_statistic_allowed(kind, p, used[k], threshold) ||
             (threshold > 1 && dominated(kind, buf, m)))) {
            hide[k] = true;
            sensitive++;
        }
        as_column(ncol)->num[k] = (double)used[k];
        as_column(mcol)->num[k] = (double)(m - used[k]);
        as_column(fcol)->num[k] = v;
    }
    free(buf);
    size_t more, differencing = 0,
                 suppressed = agg_hide_groups_secondary(used, g->ngroups, threshold, hide,
                                                        agg_table_rest(t, threshold), &more);
    if (people)
        differencing = disclosure_differencing_groups(I, g->table, g->order, g->start, g->ngroups,
                                                      threshold, hide);
    for (size_t k = 0; k < g->ngroups; k++)
        if (hide[k])
            as_column(ncol)->num[k] = as_column(mcol)->num[k] = as_column(fcol)->num[k] = NAN;
    free(used);
    free(hide);
    fcol.dim = (d.dates && (kind == AGG_SD || kind == AGG_SUM)) ? fcol.dim : d.dim;
    if (d.dates && kind != AGG_SD && kind != AGG_SUM) as_column(fcol)->type = COL_DATE;
    numbers_free(&d);
    Value r = grouped_keys_table(g);
    table_add_column(r, "n", ncol);
    table_add_column(r, "missing", mcol);
    table_add_column(r, fname, fcol);
    agg_report_skipped(I, a->loc, fname, skipped, t->nrows);
    agg_warn_suppressed_groups(I, a->loc, fname, suppressed - sensitive, threshold);
    agg_warn_sensitive_groups(I, a->loc, fname, sensitive);
    agg_warn_secondary_groups(I, a->loc, fname, more);
    agg_warn_differencing_groups(I, a->loc, fname, differencing, threshold);
    *out = r;
    return true;
}

const BuiltinReg aggregate_builtins[] = {
#include "stdlib/data/aggregate.def"
    { 0 },
};
