/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sensitivity.c — how much an SROI ratio depends on each assumption:
 * tornado(M), sensitivity(M), tipping_points(M, target: 1) and irr(M).
 *
 * Contract: every function works through the SROI engine's parameter API
 * (sroi.h): sroi_params lists the assumptions, sroi_central_point gives
 * their central values (a distribution's median), sroi_eval_point computes
 * the ratio with every parameter fixed, and sroi_eval_samples gives the
 * ratio of each Monte Carlo sample.  Results are tables (printable, usable
 * with the table functions):
 *   tornado         parameter, low, high, ratio_low, ratio_high, swing,
 *                   low_value, high_value — sorted by swing, widest first;
 *   sensitivity     parameter, spearman, share — uncertain parameters only;
 *   tipping_points  parameter, current, tipping_point, change,
 *                   tipping_value, relative_change (tipping.c, with irr).
 * This file holds tornado, sensitivity and the registration table. */
#include "lang/i18n.h"
#include "runtime/disclosure.h"
#include "stdlib/stdlib.h"
#include "stdlib/uncertainty/sensitivity_common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/core/numfmt.h"
#include "stdlib/data/table.h"
#include "stdlib/uncertainty/dist.h"
#include "stdlib/uncertainty/tornado.h"

/* ---- tornado ---------------------------------------------------------------------- */

/* The low and high values a parameter is swung between. */
static bool swing_range(Interp *I, const SroiParam *p, double central, double pct, SrcLoc loc,
                        double *lo, double *hi)
{
    if (p->value.kind == V_DIST) {
        static const double ps[2] = { 0.05, 0.95 };
        double q[2];
        const DistObj *d = as_dist(p->value);
        double *owned; /* a field drawn on demand is read, not kept */
        bool some = dist_quantiles(dist_borrow(d, &owned), d->n, ps, 2, q);
        free(owned);
        if (!some) return rt_raise(I, loc, _("tornado: parameter %s has no sample"), p->name);
        *lo = q[0];
        *hi = q[1];
        return true;
    }
    if (p->kind == PARAM_DURATION) {
        /* a duration moves by whole years: one year less (never below one
         * year) and one year more */
        *lo = central > 1 ? fmax(central - 1, 1) : central;
        *hi = central + 1;
        return true;
    }
    double a = central * (1 - pct), b = central * (1 + pct);
    *lo = fmax(fmin(a, b), p->lo);
    *hi = fmin(fmax(a, b), p->hi);
    return true;
}

/* The two ends of assumption a: p5 and p95 when uncertain, its stated
 * range, a duration by a whole year, otherwise ±pct (a share kept within
 * 0..100%). */
static bool assumption_range(Interp *I, const DeclAssume *a, double pct, SrcLoc loc, double *lo,
                             double *hi)
{
    Value v = a->value;
    if (v.kind == V_DIST) {
        static const double ps[2] = { 0.05, 0.95 };
        double q[2];
        const DistObj *d = as_dist(v);
        double *owned;
        bool some = dist_quantiles(dist_borrow(d, &owned), d->n, ps, 2, q);
        free(owned);
        if (!some) return rt_raise(I, loc, _("tornado: assumption %s has no sample"), a->name);
        *lo = q[0];
        *hi = q[1];
        return true;
    }
    if (a->range.kind == V_LIST) {
        *lo = as_list(a->range)->items[0].as.num;
        *hi = as_list(a->range)->items[1].as.num;
        return true;
    }
    if (dim_equal(v.dim, dim_time(I))) {
        *lo = v.as.num > 1 ? fmax(v.as.num - 1, 1) : v.as.num;
        *hi = v.as.num + 1;
        return true;
    }
    double x = v.as.num * (1 - pct), y = v.as.num * (1 + pct);
    *lo = fmin(x, y);
    *hi = fmax(x, y);
    if (v.flags & VF_PERCENT) {
        *lo = fmax(*lo, 0);
        *hi = fmin(*hi, 1);
    }
    return true;
}

static char *assumption_text(Interp *I, const DeclAssume *a, double x)
{
    Value v = value_num_dim(x, a->value.dim);
    v.flags = a->value.flags & VF_PERCENT;
    v.unit_hint = a->value.unit_hint;
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    return sb_take(&b);
}

typedef struct TornadoRows {
    size_t n;
    char **names, **low, **high;
    double *lo, *hi, *r_lo, *r_hi, *swing;
} TornadoRows;

static void tornado_free(TornadoRows *t)
{
    sens_free_texts(t->names, t->n);
    sens_free_texts(t->low, t->n);
    sens_free_texts(t->high, t->n);
    free(t->lo);
    free(t->hi);
    free(t->r_lo);
    free(t->r_hi);
    free(t->swing);
}

static Value tornado_table(const TornadoRows *t)
{
    size_t *idx = sens_order_desc(t->swing, t->n);
    size_t n = t->n;
    char **names = malloc((n ? n : 1) * sizeof *names), **low = malloc((n ? n : 1) * sizeof *low),
         **high = malloc((n ? n : 1) * sizeof *high);
    double *cols[5] = { malloc((n ? n : 1) * sizeof(double)), malloc((n ? n : 1) * sizeof(double)),
                        malloc((n ? n : 1) * sizeof(double)), malloc((n ? n : 1) * sizeof(double)),
                        malloc((n ? n : 1) * sizeof(double)) };
    for (size_t r = 0; r < n; r++) {
        size_t i = idx[r];
        names[r] = t->names[i];
        low[r] = t->low[i];
        high[r] = t->high[i];
        cols[0][r] = t->r_lo[i];
        cols[1][r] = t->r_hi[i];
        cols[2][r] = t->swing[i];
        cols[3][r] = t->lo[i];
        cols[4][r] = t->hi[i];
    }
    Value table = value_table_new(8);
    /* rows are model parameters, not people: no small-group threshold */
    disclosure_mark_public(table);
    table_add_column(table, "parameter", sens_text_column(names, n));
    table_add_column(table, "low", sens_text_column(low, n));
    table_add_column(table, "high", sens_text_column(high, n));
    table_add_column(table, "ratio_low", sens_number_column(cols[0], n));
    table_add_column(table, "ratio_high", sens_number_column(cols[1], n));
    table_add_column(table, "swing", sens_number_column(cols[2], n));
    table_add_column(table, "low_value", sens_number_column(cols[3], n));
    table_add_column(table, "high_value", sens_number_column(cols[4], n));
    for (int k = 0; k < 5; k++) free(cols[k]);
    free(names);
    free(low);
    free(high);
    free(idx);
    return table;
}

/* One row per assumption some field reads, after the rows of the fields
 * (t->n of them): the ratio of the model built with the assumption at
 * each end. */
static bool assumption_rows(Interp *I, const SroiModel *m, double pct, SrcLoc loc, TornadoRows *t)
{
    for (size_t i = 0; i < sroi_assumption_count(m); i++) {
        if (!sroi_assumption_used(m, i)) continue;
        const DeclAssume *a = sroi_assumption(m, i);
        size_t j = t->n;
        if (!assumption_range(I, a, pct, loc, &t->lo[j], &t->hi[j])) return false;
        Value v = a->value;
        v.kind = V_NUM;
        v.as.num = t->lo[j];
        if (!sroi_point_with_assumption(I, m, i, v, loc, SROI_RATIO, &t->r_lo[j])) return false;
        v.as.num = t->hi[j];
        if (!sroi_point_with_assumption(I, m, i, v, loc, SROI_RATIO, &t->r_hi[j])) return false;
        t->swing[j] = fabs(t->r_hi[j] - t->r_lo[j]);
        t->names[j] = strdup(a->name);
        t->low[j] = assumption_text(I, a, t->lo[j]);
        t->high[j] = assumption_text(I, a, t->hi[j]);
        t->n++;
    }
    return true;
}

bool sens_tornado(Interp *I, const SroiModel *m, double pct, SrcLoc loc, Value *out)
{
    const SroiParam *ps;
    size_t k = sroi_params(m, &ps), n1 = k + sroi_assumption_count(m) + 1;
    double *x = malloc(n1 * sizeof *x), *centre = malloc(n1 * sizeof *centre);
    TornadoRows t = { .n = 0,
                      .names = calloc(n1, sizeof(char *)),
                      .low = calloc(n1, sizeof(char *)),
                      .high = calloc(n1, sizeof(char *)),
                      .lo = malloc(n1 * sizeof(double)),
                      .hi = malloc(n1 * sizeof(double)),
                      .r_lo = malloc(n1 * sizeof(double)),
                      .r_hi = malloc(n1 * sizeof(double)),
                      .swing = malloc(n1 * sizeof(double)) };
    sroi_central_point(m, centre);
    bool ok = true;
    for (size_t p = 0; p < k && ok; p++) {
        if (sroi_param_assumed(m, p)) continue; /* its assumption's row moves it */
        size_t j = t.n;
        ok = swing_range(I, &ps[p], centre[p], pct, loc, &t.lo[j], &t.hi[j]);
        if (!ok) break;
        memcpy(x, centre, k * sizeof *x);
        x[p] = t.lo[j];
        t.r_lo[j] = sroi_eval_point(m, x, SROI_RATIO);
        x[p] = t.hi[j];
        t.r_hi[j] = sroi_eval_point(m, x, SROI_RATIO);
        t.swing[j] = fabs(t.r_hi[j] - t.r_lo[j]);
        t.names[j] = strdup(ps[p].name);
        t.low[j] = sens_param_text(I, &ps[p], t.lo[j]);
        t.high[j] = sens_param_text(I, &ps[p], t.hi[j]);
        t.n++;
    }
    if (ok) ok = assumption_rows(I, m, pct, loc, &t);
    if (ok) *out = tornado_table(&t);
    tornado_free(&t);
    free(x);
    free(centre);
    return ok;
}

bool sens_tornado_unmoved(const TableObj *t, size_t r)
{
    int lo = table_find_column_loose(t, "low_value"), hi = table_find_column_loose(t, "high_value");
    if (lo < 0 || hi < 0 || t->cols[lo]->type != COL_NUM || t->cols[hi]->type != COL_NUM)
        return false;
    return t->cols[lo]->num[r] == t->cols[hi]->num[r];
}

char *sens_tornado_note(Interp *I, const TableObj *t, double pct)
{
    int name = table_find_column_loose(t, "parameter");
    StrBuf names, pc;
    sb_init(&names);
    size_t n = 0;
    for (size_t r = 0; name >= 0 && r < t->nrows; r++) {
        const ColumnObj *c = t->cols[name];
        if (!sens_tornado_unmoved(t, r) || c->type != COL_TEXT || c->codes[r] < 0) continue;
        sb_printf(&names, "%s%s", n++ ? ", " : "", c->dict->strs[c->codes[r]]);
    }
    if (!n) {
        sb_free(&names);
        return NULL;
    }
    sb_init(&pc);
    numfmt_percent(&pc, pct, 1, interp_settings(I)->language);
    StrBuf note;
    sb_init(&note);
    sb_printf(&note,
              ngettext("Not in this test: %s, whose value is 0: a change of ±%s of 0 leaves it at "
                       "0, so the test cannot show how much the ratio depends on it.",
                       "Not in this test: %s, whose values are 0: a change of ±%s of 0 leaves them "
                       "at 0, so the test cannot show how much the ratio depends on them.",
                       (unsigned long)n),
              names.data, pc.data);
    sb_free(&names);
    sb_free(&pc);
    return sb_take(&note);
}

bool sens_tornado_args(Interp *I, const CallArgs *a, const SroiModel **m, double *pct)
{
    *pct = 0.20;
    if (!sens_model_arg(I, a, m) || !sens_check_names(I, a, "pct") ||
        !sens_named_number(I, a, "pct", pct))
        return false;
    if (!(*pct > 0 && *pct <= 1)) {
        rt_raise(I, a->loc, _("%s(M, pct: X): pct must lie between 0%% and 100%%, got %g%%"),
                 a->reg->name, *pct * 100);
        return rt_hint(I, _("the SROI Guide's usual test is pct: 20%%"));
    }
    return true;
}

static bool bi_tornado(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    double pct;
    return sens_tornado_args(I, a, &m, &pct) && sens_tornado(I, m, pct, a->loc, out);
}

/* ---- sensitivity: rank correlations ------------------------------------------- */

typedef struct Ranked {
    double v;
    size_t i;
} Ranked;

static int by_value(const void *pa, const void *pb)
{
    const Ranked *a = pa, *b = pb;
    return (a->v > b->v) - (a->v < b->v);
}

/* Ranks 1..n of x (ties get their average rank); false if out of memory. */
static bool ranks(const double *x, size_t n, double *rank)
{
    Ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r) return false;
    for (size_t i = 0; i < n; i++) r[i] = (Ranked){ x[i], i };
    qsort(r, n, sizeof *r, by_value);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && r[j + 1].v == r[i].v) j++;
        double avg = (double)(i + j) / 2 + 1;
        for (size_t k = i; k <= j; k++) rank[r[k].i] = avg;
        i = j + 1;
    }
    free(r);
    return true;
}

/* Pearson correlation of two rank vectors (both have mean (n+1)/2). */
static double rank_correlation(const double *a, const double *b, size_t n)
{
    double mean = ((double)n + 1) / 2, sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < n; i++) {
        double da = a[i] - mean, db = b[i] - mean;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
    }
    return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

static Value sensitivity_table(Interp *I, const SroiParam *ps, const size_t *which,
                               const double *rho, size_t k)
{
    double *abs_rho = malloc((k ? k : 1) * sizeof *abs_rho), total = 0;
    for (size_t j = 0; j < k; j++) {
        abs_rho[j] = fabs(rho[j]);
        total += rho[j] * rho[j];
    }
    size_t *idx = sens_order_desc(abs_rho, k);
    char **names = malloc((k ? k : 1) * sizeof *names);
    double *r = malloc((k ? k : 1) * sizeof *r), *share = malloc((k ? k : 1) * sizeof *share);
    for (size_t row = 0; row < k; row++) {
        size_t j = idx[row];
        names[row] = (char *)ps[which[j]].name;
        r[row] = rho[j];
        share[row] = total > 0 ? rho[j] * rho[j] / total : 0;
    }
    Value table = value_table_new(3);
    /* rows are model parameters, not people: no small-group threshold */
    disclosure_mark_public(table);
    table_add_column(table, "parameter", sens_text_column(names, k));
    table_add_column(table, "spearman", sens_number_column(r, k));
    table_add_column(table, "share", sens_number_column(share, k));
    free(abs_rho);
    free(idx);
    free(names);
    free(r);
    free(share);
    (void)I;
    return table;
}

static bool bi_sensitivity(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    const SroiParam *ps;
    if (!sens_model_arg(I, a, &m) || !sens_check_names(I, a, NULL)) return false;
    size_t n = sroi_sample_count(m), k = sroi_params(m, &ps);
    if (n == 0) {
        rt_raise(I, a->loc, _("sensitivity(M): model '%s' has no uncertain parameter"),
                 sroi_model_name(m));
        return rt_hint(I,
                       _("make some assumptions uncertain (e.g. deadweight = pert(15%%, 25%%, "
                         "40%%)), or use tornado(M)"));
    }
    size_t *which = malloc((k ? k : 1) * sizeof *which), u = 0;
    for (size_t j = 0; j < k; j++)
        if (ps[j].value.kind == V_DIST && as_dist(ps[j].value)->n == n) which[u++] = j;
    double *result = malloc(n * sizeof *result), *result_rank = malloc(n * sizeof *result_rank);
    double *rho = malloc((u ? u : 1) * sizeof *rho);
    bool ok = result && result_rank && rho && sroi_eval_samples(I, m, SROI_RATIO, result, n);
    ok = ok && ranks(result, n, result_rank);
    bool mem_ok = true;
/* Each parameter ranks into its own buffer: the order of the loop does
     * not change any result. */
#pragma omp parallel for schedule(dynamic, 1) if (ok && u > 1)
    for (size_t j = 0; j < (ok ? u : 0); j++) {
        double *rk = malloc(n * sizeof *rk), *owned;
        const double *x = dist_borrow(as_dist(ps[which[j]].value), &owned);
        bool ranked = rk && ranks(x, n, rk);
        free(owned);
        if (!ranked) {
#pragma omp atomic write
            mem_ok = false;
        } else {
            rho[j] = rank_correlation(rk, result_rank, n);
        }
        free(rk);
    }
    if (ok && !mem_ok)
        ok = rt_raise(I, a->loc, _("sensitivity(M): out of memory ranking %zu samples"), n);
    if (ok)
        *out = sensitivity_table(I, ps, which, rho, u);
    else if (!interp_has_error(I))
        rt_raise(I, a->loc, _("sensitivity(M): out of memory for %zu samples"), n);
    free(which);
    free(result);
    free(result_rank);
    free(rho);
    return ok;
}

const BuiltinReg sensitivity_builtins[] = {
#include "stdlib/uncertainty/sensitivity.def"
    { 0 },
};
