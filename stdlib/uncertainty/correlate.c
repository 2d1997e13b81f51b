/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* correlate.c — correlate([a, b, c], 0.6) and correlate([a, b], [[1, r], [r, 1]]):
 * distributions that move together, by the rank method of Iman and Conover
 * (1982, Communications in Statistics B 11(3), 311–334).
 *
 * Contract:
 *   - Returns a list of new distributions in the order given; output j holds
 *     exactly the samples of input j (same multiset: each marginal is kept),
 *     reordered so that the ranks follow a reference score matrix with the
 *     target correlation.  Inputs are not changed.
 *   - The coefficients are rank (Spearman) correlations.  The reference
 *     scores are van der Waerden scores Φ⁻¹(i/(n+1)), so the target is turned
 *     into the Pearson correlation of normal scores, 2 sin(π ρ/6), the
 *     relation between the two for a bivariate normal (Kruskal 1958).
 *   - Each score column is shuffled by its own stream rng_stream(seed,
 *     binding, next draw index): uniforms from rng_fill, then their sort
 *     order.  The shuffled columns' own sample correlation E = Q Qᵀ is undone
 *     and the target C = P Pᵀ imposed: T = R Q⁻ᵀ Pᵀ (Cholesky factors from
 *     GSL's gsl_linalg_cholesky_decomp1).  Everything after rng_fill is
 *     serial, so the same seed gives the same bytes whatever the thread count.
 *   - Refused with a located error and a hint: fewer than 2 distributions, a
 *     plain number or missing samples among them, different sample counts, a
 *     coefficient outside [-1, 1], a matrix of the wrong size, not symmetric,
 *     without 1 on its diagonal, or not positive definite. */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/disclosure.h"
#include "stdlib/stdlib.h"
#include "stdlib/uncertainty/dist.h"

/* ---- arguments ------------------------------------------------------------------ */

static bool check_dists(Interp *I, Value list, SrcLoc loc, size_t *k_out)
{
    if (list.kind != V_LIST || as_list(list)->n < 2) {
        rt_raise(I, loc, _("correlate(dists, r): expects a list of at least two distributions"));
        return rt_hint(I, "%s",
                       _("write correlate([a, b], 0.6), where a and b are uncertain values such "
                         "as pert(45%, 55%, 70%)"));
    }
    ListObj *l = as_list(list);
    for (size_t i = 0; i < l->n; i++) {
        Value v = l->items[i];
        if (v.kind != V_DIST) {
            rt_raise(I, loc, _("correlate(dists, r): item %zu must be a distribution, got %s"),
                     i + 1, value_kind_name(v));
            return rt_hint(I, "%s",
                           _("only uncertain values can move together: a plain number never "
                             "varies, leave it out of the list"));
        }
        const DistObj *d = as_dist(v);
        if (d->n != as_dist(l->items[0])->n) {
            rt_raise(I, loc, _("correlate(dists, r): item %zu has %zu samples but item 1 has %zu"),
                     i + 1, d->n, as_dist(l->items[0])->n);
            return rt_hint(I, "%s",
                           _("draw every distribution with the same sample count (--samples) "
                             "before correlating them"));
        }
        for (size_t s = 0; !dist_on_demand(d) && s < d->n; s++) /* drawn: all numbers */
            if (isnan(dist_samples(d)[s])) {
                rt_raise(I, loc, _("correlate(dists, r): item %zu has missing samples"), i + 1);
                return rt_hint(I, "%s",
                               _("correlate distributions whose every sample is a number (a "
                                 "missing sample comes from e.g. the square root of a negative "
                                 "value)"));
            }
    }
    *k_out = l->n;
    return true;
}

static bool coefficient(Interp *I, Value v, SrcLoc loc, double *out)
{
    if (v.kind != V_NUM || !isfinite(v.as.num)) {
        rt_raise(I, loc, _("correlate(dists, r): a correlation must be a number, got %s"),
                 v.kind == V_DIST ? _("a distribution") : value_kind_name(v));
        return rt_hint(I, "%s", _("write a coefficient between -1 and 1, e.g. 0.6"));
    }
    if (v.as.num < -1 || v.as.num > 1) {
        rt_raise(I, loc, _("correlate(dists, r): the correlation %g is outside -1 to 1"), v.as.num);
        return rt_hint(I, "%s",
                       _("a rank correlation runs from -1 (opposite order) through 0 "
                         "(independent) to 1 (same order)"));
    }
    *out = v.as.num;
    return true;
}

static bool matrix_shape_error(Interp *I, SrcLoc loc, size_t k)
{
    rt_raise(I, loc,
             _("correlate(dists, r): the matrix must have %zu rows of %zu numbers, one "
               "per distribution"),
             k, k);
    return rt_hint(I, "%s",
                   _("write one row per distribution, e.g. correlate([a, b], [[1, 0.6], "
                     "[0.6, 1]])"));
}

/* Fills the k×k target c (row-major) from one coefficient or a matrix. */
static bool target_matrix(Interp *I, Value r, SrcLoc loc, size_t k, double *c)
{
    if (r.kind != V_LIST) {
        double rho;
        if (!coefficient(I, r, loc, &rho)) return false;
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < k; j++) c[i * k + j] = i == j ? 1 : rho;
        return true;
    }
    ListObj *rows = as_list(r);
    if (rows->n != k) return matrix_shape_error(I, loc, k);
    for (size_t i = 0; i < k; i++) {
        Value row = rows->items[i];
        if (row.kind != V_LIST || as_list(row)->n != k) return matrix_shape_error(I, loc, k);
        for (size_t j = 0; j < k; j++)
            if (!coefficient(I, as_list(row)->items[j], loc, &c[i * k + j])) return false;
    }
    for (size_t i = 0; i < k; i++) {
        if (c[i * k + i] != 1) {
            rt_raise(I, loc,
                     _("correlate(dists, r): row %zu of the matrix has %g on the "
                       "diagonal, not 1"),
                     i + 1, c[i * k + i]);
            return rt_hint(I, "%s",
                           _("each distribution is perfectly correlated with itself: "
                             "put 1 on the diagonal"));
        }
        for (size_t j = 0; j < i; j++)
            if (c[i * k + j] != c[j * k + i]) {
                rt_raise(I, loc,
                         _("correlate(dists, r): the matrix is not symmetric: row %zu, column "
                           "%zu is %g but row %zu, column %zu is %g"),
                         i + 1, j + 1, c[i * k + j], j + 1, i + 1, c[j * k + i]);
                return rt_hint(I, "%s",
                               _("the correlation of a with b is that of b with a: "
                                 "write the same number on both sides of the diagonal"));
            }
    }
    return true;
}

/* ---- the rank method ------------------------------------------------------------ */

/* Cholesky factor of a k×k matrix (row-major) into m; false if not positive
 * definite.  GSL's error handler is switched off around the call. */
static bool cholesky(const double *a, size_t k, gsl_matrix *m)
{
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) gsl_matrix_set(m, i, j, a[i * k + j]);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int status = gsl_linalg_cholesky_decomp1(m);
    gsl_set_error_handler(old);
    return status == GSL_SUCCESS;
}

/* Columns j = 0..k) of scores (column-major, n each): van der Waerden
 * scores, each column shuffled by its own stream.  False on memory. */
static bool shuffled_scores(Interp *I, size_t n, size_t k, double *scores)
{
    Settings *set = interp_settings(I);
    double *base = malloc(n * sizeof *base), *u = malloc(n * sizeof *u);
    size_t *order = malloc(n * sizeof *order);
    bool ok = base && u && order;
    for (size_t i = 0; ok && i < n; i++) base[i] = gsl_cdf_ugaussian_Pinv((i + 1.0) / (n + 1.0));
    Sampler uniform = { .kind = SAMPLER_UNIFORM, .a = 0, .b = 1 };
    for (size_t j = 0; ok && j < k; j++) {
        uint64_t stream = rng_stream(set->seed, interp_binding_name(I), interp_next_draw_index(I));
        ok = rng_fill(&uniform, stream, u, n, set->threads);
        if (!ok) break;
        gsl_sort_index(order, u, 1, n);
        for (size_t i = 0; i < n; i++) scores[j * n + i] = base[order[i]];
    }
    free(base);
    free(u);
    free(order);
    return ok;
}

/* b (k×k) = Q⁻ᵀ Pᵀ where E = Q Qᵀ is the sample correlation of the score
 * columns and P the target's factor (lower triangles of q and p).  False
 * only if memory runs out. */
static bool mixing_matrix(const double *scores, size_t n, size_t k, const gsl_matrix *p,
                          gsl_matrix *q, gsl_matrix *b)
{
    double *e = calloc(k * k, sizeof *e);
    if (!e) return false;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j <= i; j++) {
            double sij = 0, sii = 0, sjj = 0;
            const double *x = scores + i * n, *y = scores + j * n;
            for (size_t r = 0; r < n; r++) {
                sij += x[r] * y[r];
                sii += x[r] * x[r];
                sjj += y[r] * y[r];
            }
            e[i * k + j] = e[j * k + i] = i == j ? 1 : sii * sjj > 0 ? sij / sqrt(sii * sjj) : 0;
        }
    /* A handful of samples can shuffle two columns alike (E singular): then
     * the target is imposed on the scores as drawn, without the correction. */
    if (!cholesky(e, k, q)) gsl_matrix_set_identity(q);
    free(e);
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            gsl_matrix_set(b, i, j, i <= j ? gsl_matrix_get(p, j, i) : 0);
    gsl_blas_dtrsm(CblasLeft, CblasLower, CblasTrans, CblasNonUnit, 1.0, q, b);
    return true;
}

/* Output j = the samples of input j placed in the rank order of column j
 * of T = scores · b.  False on memory. */
static bool reorder(const double *scores, size_t n, size_t k, const gsl_matrix *b,
                    const ListObj *in, double **outs)
{
    double *t = malloc(n * sizeof *t), *sorted = malloc(n * sizeof *sorted);
    size_t *order = malloc(n * sizeof *order);
    bool ok = t && sorted && order;
    for (size_t j = 0; ok && j < k; j++) {
        memset(t, 0, n * sizeof *t);
        for (size_t i = 0; i <= j; i++) {
            double w = gsl_matrix_get(b, i, j);
            const double *x = scores + i * n;
            for (size_t r = 0; r < n; r++) t[r] += w * x[r];
        }
        gsl_sort_index(order, t, 1, n);
        double *owned; /* drawn on demand: read, not kept (the result holds them) */
        memcpy(sorted, dist_borrow(as_dist(in->items[j]), &owned), n * sizeof *sorted);
        free(owned);
        gsl_sort(sorted, 1, n);
        for (size_t r = 0; r < n; r++) outs[j][order[r]] = sorted[r];
    }
    free(t);
    free(sorted);
    free(order);
    return ok;
}

static bool not_positive_definite(Interp *I, SrcLoc loc)
{
    rt_raise(I, loc,
             _("correlate(dists, r): these correlations cannot hold together (the matrix "
               "is not positive definite)"));
    return rt_hint(I, "%s",
                   _("weaken the strongest coefficients: if a moves with b and b with c, a cannot "
                     "move against c; a correlation of exactly 1 is one shared draw (let x = ... "
                     "used twice)"));
}

/* Draws the scores and fills new distributions like the inputs. */
static bool correlate_samples(Interp *I, const ListObj *in, const double *target, SrcLoc loc,
                              Value *out)
{
    size_t k = in->n, n = as_dist(in->items[0])->n;
    gsl_matrix *p = gsl_matrix_alloc(k, k), *q = gsl_matrix_alloc(k, k),
               *b = gsl_matrix_alloc(k, k);
    double *scores = malloc(k * n * sizeof *scores), **outs = calloc(k, sizeof *outs);
    bool ok = p && q && b && scores && outs;
    if (ok && !cholesky(target, k, p)) {
        free(scores);
        free(outs);
        gsl_matrix_free(p), gsl_matrix_free(q), gsl_matrix_free(b);
        return not_positive_definite(I, loc);
    }
    ok = ok && shuffled_scores(I, n, k, scores) && mixing_matrix(scores, n, k, p, q, b);
    Value list = value_list_new(k);
    for (size_t j = 0; ok && j < k; j++) {
        Value src = in->items[j], v = value_dist_new(n);
        v.dim = src.dim;
        v.flags = src.flags;
        v.unit_hint = src.unit_hint;
        disclosure_derive(v, 1, &src);
        outs[j] = as_dist(v)->stored;
        list_push_take(list, v);
    }
    ok = ok && reorder(scores, n, k, b, in, outs);
    free(scores);
    free(outs);
    gsl_matrix_free(p), gsl_matrix_free(q), gsl_matrix_free(b);
    if (!ok) {
        value_release(list);
        return rt_raise(I, loc, "%s", _("out of memory while correlating distributions"));
    }
    *out = list;
    return true;
}

static bool bi_correlate(Interp *I, const CallArgs *a, Value *out)
{
    if (a->npos != 2 || a->nnamed != 0) {
        rt_raise(I, a->loc,
                 _("correlate(dists, r): takes a list of distributions and a "
                   "correlation (one number or a matrix)"));
        return rt_hint(I, "%s",
                       _("write correlate([a, b, c], 0.6) or correlate([a, b], [[1, "
                         "0.6], [0.6, 1]])"));
    }
    size_t k = 0;
    if (!check_dists(I, a->pos[0], arg_loc(a, 0), &k)) return false;
    double *target = malloc(k * k * sizeof *target);
    if (!target)
        return rt_raise(I, a->loc, "%s", _("out of memory while correlating distributions"));
    bool ok = target_matrix(I, a->pos[1], arg_loc(a, 1), k, target);
    /* rank correlation → Pearson correlation of the normal scores */
    for (size_t i = 0; ok && i < k * k; i++) target[i] = 2 * sin(M_PI * target[i] / 6);
    ok = ok && correlate_samples(I, as_list(a->pos[0]), target, arg_loc(a, 1), out);
    free(target);
    return ok;
}

const BuiltinReg correlate_builtins[] = {
#include "stdlib/uncertainty/correlate.def"
    { 0 },
};
