/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_outcome_arrays.c — outcomes evaluated for every sample: impact and
 * present value of a run of outcomes (sroi_outcome_values), and one
 * outcome's gross value, deductions and yearly values (sroi_outcome_arrays:
 * M.employment, the report).
 *
 * Contract: each is one pass of the kernel's blocks (sroi_kernel.h) over
 * the outcomes it asks for, reading only their fields and the discount
 * rate (those drawn on demand a chunk at a time), with the operations of
 * sroi_eval_outcome() in the same order: the same bits as a point
 * evaluation, whatever the number of threads.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/mem.h"
#include "stdlib/sroi/sroi_kernel.h"

typedef struct OutcomeArgs {
    size_t first, count;
    double *const *impact, *const *pv;
} OutcomeArgs;

static void outcome_block(const SroiModel *m, Block *b, size_t s0, size_t len, void *ctx)
{
    const OutcomeArgs *a = ctx;
    block_start(m, b, s0, len);
    for (size_t j = 0; j < a->count; j++) {
        block_outcome(m, &m->outcomes[a->first + j], b, s0, len, false);
        memcpy(a->impact[j] + s0, b->impact, sizeof(double) * len);
        memcpy(a->pv[j] + s0, b->opv, sizeof(double) * len);
    }
}

bool sroi_outcome_values(Interp *I, const SroiModel *m, size_t first, size_t count,
                         double *const *impact, double *const *pv)
{
    if (m->n_samples == 0) {
        double *x = malloc(sizeof(double) * (m->n_params + 1));
        double *leak = malloc(sizeof(double) * (m->n_outcomes + 1));
        if (!x || !leak) {
            free(x);
            free(leak);
            rt_out_of_memory();
        }
        for (size_t j = 0; j < count; j++) {
            SroiOutcomeResult r = { 0 };
            /* the outcome's own parameters only: a report asks outcome by outcome */
            sroi_sample_outcome_point(m, 0, first + j, x, leak);
            sroi_eval_outcome(m, x, leak, first + j, &r);
            impact[j][0] = r.impact;
            pv[j][0] = r.pv;
        }
        free(x);
        free(leak);
        return true;
    }
    OutcomeArgs a = { first, count, impact, pv };
    double work = (double)m->n_samples * (double)(count + 1) * (double)(m->max_years + 1);
    Drawn drawn = drawn_plan(m, first, count, false);
    for_each_block(m, &drawn, false, work, outcome_block, &a);
    drawn_free(&drawn);
    return true;
}

/* ---- one outcome for every sample (M.employment, the report) ----------------------- */

void sroi_outcome_arrays_free(const SroiModel *m, SroiOutcomeArrays *a)
{
    free(a->gross);
    free(a->impact);
    free(a->pv);
    for (int k = 0; k < 4; k++) free(a->deduction[k]);
    if (a->values)
        for (int y = 0; y <= m->max_years; y++) free(a->values[y]);
    free(a->values);
    memset(a, 0, sizeof *a);
}

/* Outcome i's gross value, deductions and yearly values over the block, as
 * sroi_eval_outcome() computes them for each sample (the impact and present
 * value come from block_outcome(), the same operations in the same order);
 * only the arrays a holds. */
typedef struct ArraysArgs {
    size_t i;
    SroiOutcomeArrays *a;
} ArraysArgs;

static void arrays_deductions(const double *const *f, SroiOutcomeArrays *a, size_t s0, size_t len)
{
    static const int deflator[4] = { OF_DEADWEIGHT, OF_DISPLACEMENT, OF_ATTRIBUTION, OF_LEAKAGE };
    for (size_t s = 0; s < len; s++) {
        double left = f[OF_QUANTITY][s] * f[OF_PROXY][s];
        if (a->gross) a->gross[s0 + s] = left;
        for (int k = 0; k < 4 && a->deduction[0]; k++) {
            double cut = a->deduction[k][s0 + s] = left * f[deflator[k]][s];
            left -= cut;
        }
    }
}

/* V(t) = impact × weight for each year of effect: with the years in the
 * outer loop when the duration is certain (plain array arithmetic), sample
 * by sample when it varies. */
void arrays_years(const SroiModel *m, const SroiOutcome *o, const double *const *f, Block *b,
                  double **values, size_t s0, size_t len)
{
    for (int y = 1; y <= m->max_years; y++) memset(values[y] + s0, 0, sizeof(double) * len);
    const double *restrict dropoff = f[OF_DROPOFF], *restrict impact = b->impact;
    if (o->f[OF_DURATION].v.kind != V_DIST) {
        double d = o->f[OF_DURATION].v.as.num, *restrict rem = b->rem;
        int years = sroi_outcome_years(o, d);
        for (size_t s = 0; s < len; s++) rem[s] = 1.0;
        for (int k = 0; k < years; k++) {
            int t = o->start + k;
            if (m->horizon > 0 && t > m->horizon) break;
            double part = d - k < 1.0 ? d - k : 1.0,
                   *restrict row = t <= m->max_years ? values[t] + s0 : NULL;
            for (size_t s = 0; row && s < len; s++)
                row[s] = impact[s] * (o->profile ? o->profile[k] : rem[s] * part);
            for (size_t s = 0; s < len; s++) rem[s] *= 1.0 - dropoff[s];
        }
        return;
    }
    for (size_t s = 0; s < len; s++) {
        double d = f[OF_DURATION][s], remaining = 1.0;
        int years = sroi_outcome_years(o, d);
        for (int k = 0; k < years; k++) {
            int t = o->start + k;
            if (m->horizon > 0 && t > m->horizon) break;
            double weight = o->profile ? o->profile[k] : remaining * (d - k < 1.0 ? d - k : 1.0);
            if (t <= m->max_years) values[t][s0 + s] = impact[s] * weight;
            remaining *= 1.0 - dropoff[s];
        }
    }
}

static void arrays_block(const SroiModel *m, Block *b, size_t s0, size_t len, void *ctx)
{
    const ArraysArgs *args = ctx;
    const SroiOutcome *o = &m->outcomes[args->i];
    SroiOutcomeArrays *a = args->a;
    block_start(m, b, s0, len);
    block_outcome(m, o, b, s0, len, false);
    const double *f[OF_COUNT];
    for (int k = 0; k < OF_COUNT; k++)
        f[k] = field_block(b, args->i * OF_COUNT + k, o->f[k].v, s0, b->konst[k]);
    if (a->gross || a->deduction[0]) arrays_deductions(f, a, s0, len);
    if (a->impact) memcpy(a->impact + s0, b->impact, sizeof(double) * len);
    if (a->pv) memcpy(a->pv + s0, b->opv, sizeof(double) * len);
    if (a->values) arrays_years(m, o, f, b, a->values, s0, len);
}

/* A model without samples: outcome i at its one point. */
static void arrays_point(const SroiModel *m, size_t i, SroiOutcomeArrays *a)
{
    double *x = malloc(sizeof(double) * m->n_params),
           *leak = malloc(sizeof(double) * (m->n_outcomes + 1)),
           *yearly = malloc(sizeof(double) * (m->max_years + 1));
    if (!x || !leak || !yearly) {
        free(x);
        free(leak);
        free(yearly);
        sroi_outcome_arrays_free(m, a);
        rt_out_of_memory();
    }
    sroi_sample_outcome_point(m, 0, i, x, leak);
    SroiOutcomeResult r = { .values = yearly };
    sroi_eval_outcome(m, x, leak, i, &r);
    if (a->gross) a->gross[0] = r.gross;
    if (a->impact) a->impact[0] = r.impact;
    if (a->pv) a->pv[0] = r.pv;
    for (int k = 0; k < 4 && a->deduction[0]; k++) a->deduction[k][0] = r.deduction[k];
    for (int y = 1; a->values && y <= m->max_years; y++) a->values[y][0] = yearly[y];
    free(x);
    free(leak);
    free(yearly);
}

/* An array of n samples when part is asked for, else NULL (*ok false
 * without memory). */
static double *part_array(unsigned parts, unsigned part, size_t n, bool *ok)
{
    if (!(parts & part)) return NULL;
    double *v = try_malloc(sizeof(double) * n);
    *ok = *ok && v;
    return v;
}

bool sroi_outcome_arrays(Interp *I, const SroiModel *m, size_t i, unsigned parts,
                         SroiOutcomeArrays *a)
{
    size_t n = m->n_samples ? m->n_samples : 1;
    memset(a, 0, sizeof *a);
    a->n = n;
    bool ok = true;
    a->gross = part_array(parts, SROI_ARRAY_GROSS, n, &ok);
    a->impact = part_array(parts, SROI_ARRAY_IMPACT, n, &ok);
    a->pv = part_array(parts, SROI_ARRAY_PV, n, &ok);
    for (int k = 0; k < 4; k++) a->deduction[k] = part_array(parts, SROI_ARRAY_DEDUCTIONS, n, &ok);
    if (parts & SROI_ARRAY_YEARS) {
        a->values = calloc(m->max_years + 1, sizeof(double *));
        ok = ok && a->values;
        for (int y = 1; ok && y <= m->max_years; y++)
            a->values[y] = part_array(parts, SROI_ARRAY_YEARS, n, &ok);
    }
    if (!ok) {
        sroi_outcome_arrays_free(m, a);
        rt_out_of_memory();
    }
    if (m->n_samples == 0) {
        arrays_point(m, i, a);
        return true;
    }
    /* blocks are independent: any number of threads gives the same bytes */
    ArraysArgs args = { i, a };
    double work = (double)m->n_samples * (double)(m->max_years + 2);
    Drawn drawn = drawn_plan(m, i, 1, false);
    for_each_block(m, &drawn, false, work, arrays_block, &args);
    drawn_free(&drawn);
    return true;
}
