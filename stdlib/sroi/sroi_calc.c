/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_calc.c — the SROI arithmetic (docs/METHOD.md §1.2–1.6) and the parameter
 * API that sensitivity analysis uses (sroi.h).
 *
 * Contract: every computation goes through one kernel, sroi_eval_outcome(),
 * evaluated at a point x (one value per model parameter, plus the leakage of
 * each outcome).  A model whose fields hold distributions is evaluated once
 * per sample by sroi_samples.c (the Monte Carlo kernel and the sample
 * cache), to the same bits as sroi_eval_outcome() at that sample's point.
 * No randomness here: the samples come from the model.
 *
 *   impact  = Q × P × (1−DW) × (1−DS) × (1−AT) × (1−LK)      (multiplicative)
 *   V(s+k)  = impact × (1−DO)^k × w_k,  k = 0 .. ceil(D)−1     (drop-off from the
 *             second year of effect; w_k = min(1, D−k) counts a partial last year
 *             pro rata) — or impact × profile[k] when a profile is given
 *   PV      = Σ V(t) × factor(t), factor(t) = (1+r)^−t (Guide), (1+r)^−(t−1)
 *             (first year undiscounted), 1 (none), or D_t of the Green Book's
 *             declining schedule (green_book_declining, t = 1 as in the Guide):
 *             a per-year table computed once per model, so a Monte Carlo run
 *             reads one factor per year, the same for every sample
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/uncertainty/dist.h"
#include "stdlib/sroi/sroi_internal.h"
#include "stdlib/stats/summary.h"

double sroi_discount_rate(const SroiModel *m, const double *x)
{
    return x[m->n_params - 1]; /* the discount rate is the last parameter */
}

const char *const SROI_DISCOUNTING_NAMES[4] = { "guide", "first_year_undiscounted", "none",
                                                "green_book_declining" };

/* HM Treasury Green Book, declining long-term schedule (docs/METHOD.md §1.4):
 * the rate of year u is that of the band holding u; factors chain, so
 * D_t = D_30 / 1.03^(t − 30) for 30 < t <= 75, and so on. */
static const struct {
    int last;
    double rate;
} GREEN_BOOK[] = { { 30, 0.035 }, { 75, 0.03 },   { 125, 0.025 },
                   { 200, 0.02 }, { 300, 0.015 }, { INT32_MAX, 0.01 } };

double sroi_green_book_factor(int t)
{
    double d = 1.0;
    int from = 0; /* years already discounted */
    for (size_t b = 0; t > from; b++) {
        int to = t < GREEN_BOOK[b].last ? t : GREEN_BOOK[b].last;
        d /= pow(1.0 + GREEN_BOOK[b].rate, (double)(to - from));
        from = to;
    }
    return d;
}

bool sroi_year_factors(SroiModel *m)
{
    free(m->year_factor);
    m->year_factor = NULL;
    if (m->discounting != DISC_GREEN_BOOK) return true;
    m->year_factor = malloc(sizeof(double) * ((size_t)m->max_years + 2));
    if (!m->year_factor) return false;
    for (int t = 0; t <= m->max_years + 1; t++) m->year_factor[t] = sroi_green_book_factor(t);
    return true;
}

bool sroi_fixed_schedule(const SroiModel *m)
{
    return m->discounting == DISC_GREEN_BOOK;
}

double sroi_discount_factor(const SroiModel *m, double rate, int t)
{
    switch (m->discounting) {
    case DISC_NONE: return 1.0;
    case DISC_GREEN_BOOK: return t <= 0 ? 1.0 : sroi_year_factor(m, t);
    case DISC_FIRST_YEAR_FREE: return t <= 1 ? 1.0 : pow(1.0 + rate, -(double)(t - 1));
    case DISC_GUIDE:
    default: return t <= 0 ? 1.0 : pow(1.0 + rate, -(double)t);
    }
}

void sroi_eval_outcome(const SroiModel *m, const double *x, const double *leak, size_t i,
                       SroiOutcomeResult *r)
{
    const SroiOutcome *o = &m->outcomes[i];
    const double *f = x + i * OF_PARAMS;
    double dw = f[OF_DEADWEIGHT], ds = f[OF_DISPLACEMENT], at = f[OF_ATTRIBUTION];
    double lk = leak[i], dropoff = f[OF_DROPOFF], duration = f[OF_DURATION];
    double rate = sroi_discount_rate(m, x);

    /* Deductions in money, in the order deadweight, displacement,
     * attribution, leakage: each applies to what the previous left. */
    r->gross = f[OF_QUANTITY] * f[OF_PROXY];
    double left = r->gross;
    const double deflator[4] = { dw, ds, at, lk };
    for (int k = 0; k < 4; k++) {
        r->deduction[k] = left * deflator[k];
        left -= r->deduction[k];
    }
    r->impact = left;
    r->pv = 0;
    if (r->values) memset(r->values, 0, sizeof(double) * (m->max_years + 1));
    if (r->pv_values) memset(r->pv_values, 0, sizeof(double) * (m->max_years + 1));

    int years = sroi_outcome_years(o, duration);
    /* factor(start) by multiplication (start is 1 or 2): pow() per outcome
     * and per sample was a fifth of a Monte Carlo run. */
    bool schedule = m->discounting == DISC_GREEN_BOOK;
    double step = m->discounting == DISC_NONE || schedule ? 1.0 : 1.0 / (1.0 + rate);
    int exponent = m->discounting == DISC_NONE || schedule ? 0
        : m->discounting == DISC_FIRST_YEAR_FREE           ? o->start - 1
                                                           : o->start;
    double factor = 1.0;
    for (int e = 0; e < exponent; e++) factor *= step;
    double remaining = 1.0; /* (1 − DO)^k */
    for (int k = 0; k < years; k++) {
        int t = o->start + k;
        if (m->horizon > 0 && t > m->horizon) break;
        double weight =
            o->profile ? o->profile[k] : remaining * (duration - k < 1.0 ? duration - k : 1.0);
        double value = r->impact * weight;
        double pv = value * (schedule ? sroi_year_factor(m, t) : factor);
        r->pv += pv;
        /* The buffers hold max_years + 1 slots: enough for every sample;
         * a point evaluation beyond them (sensitivity on duration) only
         * sums. */
        if (r->values && t <= m->max_years) r->values[t] = value;
        if (r->pv_values && t <= m->max_years) r->pv_values[t] = pv;
        remaining *= 1.0 - dropoff;
        factor *= step;
    }
}

static void eval_inputs(const SroiModel *m, const double *x, const SroiSelection *sel,
                        SroiTotals *t)
{
    double rate = sroi_discount_rate(m, x);
    size_t base = m->n_outcomes * OF_PARAMS;
    t->inputs_pv = t->inputs_total = 0;
    for (size_t j = 0; j < m->n_inputs; j++) {
        if (!sroi_selected(sel ? sel->inputs : NULL, j)) continue;
        double amount = x[base + j];
        t->inputs_total += amount;
        t->inputs_pv += amount * sroi_discount_factor(m, rate, m->inputs[j].year);
    }
}

void sroi_eval_totals(const SroiModel *m, const double *x, const double *leak,
                      const SroiSelection *sel, SroiTotals *t)
{
    t->pv = t->pv_positive = t->pv_negative = 0;
    t->annual_impact = t->year1_value = 0;
    if (t->stakeholder_pv) memset(t->stakeholder_pv, 0, sizeof(double) * m->n_stakeholders);
    if (t->domain_pv) memset(t->domain_pv, 0, sizeof(double) * m->n_domains);
    if (t->year_pv) memset(t->year_pv, 0, sizeof(double) * (m->max_years + 1));
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        if (!sroi_is_material(o)) continue; /* listed, left out of every total (§1.12) */
        if (!sroi_selected(sel ? sel->outcomes : NULL, i)) continue;
        if (!sroi_selected(sel ? sel->stakeholders : NULL, (size_t)o->stakeholder)) continue;
        double yearly[t->year_pv ? m->max_years + 1 : 1];
        SroiOutcomeResult r = { 0 };
        r.pv_values = t->year_pv ? yearly : NULL; /* only payback needs the yearly stream */
        sroi_eval_outcome(m, x, leak, i, &r);
        t->pv += r.pv;
        if (r.pv >= 0)
            t->pv_positive += r.pv;
        else
            t->pv_negative += r.pv;
        t->annual_impact += r.impact;
        if (o->start == 1) {
            double duration = x[i * OF_PARAMS + OF_DURATION];
            double w1 = o->profile ? o->profile[0] : (duration < 1 ? duration : 1);
            t->year1_value += r.impact * w1;
        }
        if (t->stakeholder_pv) t->stakeholder_pv[o->stakeholder] += r.pv;
        if (t->domain_pv && o->domain >= 0) t->domain_pv[o->domain] += r.pv;
        if (t->year_pv)
            for (int y = 1; y <= m->max_years; y++) t->year_pv[y] += yearly[y];
    }
    eval_inputs(m, x, sel, t);
}

/* ---- samples ---------------------------------------------------------------- */

static double value_at(Value v, size_t s)
{
    if (v.kind == V_DIST) return dist_samples(as_dist(v))[s];
    return v.as.num;
}

void sroi_sample_point(const SroiModel *m, size_t s, double *x, double *leak)
{
    for (size_t k = 0; k < m->n_params; k++) x[k] = value_at(m->params[k].value, s);
    for (size_t i = 0; i < m->n_outcomes; i++)
        leak[i] = value_at(m->outcomes[i].f[OF_LEAKAGE].v, s);
}

void sroi_sample_outcome_point(const SroiModel *m, size_t s, size_t i, double *x, double *leak)
{
    for (size_t k = i * OF_PARAMS; k < (i + 1) * OF_PARAMS; k++)
        x[k] = value_at(m->params[k].value, s);
    x[m->n_params - 1] = value_at(m->params[m->n_params - 1].value, s);
    leak[i] = value_at(m->outcomes[i].f[OF_LEAKAGE].v, s);
}

/* ---- the parameter API (sroi.h) ------------------------------------------- */

size_t sroi_params(const SroiModel *m, const SroiParam **params)
{
    *params = m->params;
    return m->n_params;
}

void sroi_central_point(const SroiModel *m, double *x)
{
    memcpy(x, m->central, sizeof(double) * m->n_params);
}

double sroi_measure_of(const SroiTotals *t, SroiMeasure what)
{
    switch (what) {
    case SROI_PV: return t->pv;
    case SROI_NPV: return t->pv - t->inputs_pv;
    case SROI_RATIO:
    default: return t->pv / t->inputs_pv;
    }
}

/* Point evaluation for sensitivity: totals only (no per-group arrays), so no
 * allocation. */
double sroi_eval_point(const SroiModel *m, const double *x, SroiMeasure what)
{
    SroiTotals t;
    memset(&t, 0, sizeof t);
    sroi_eval_totals(m, x, m->leak_central, NULL, &t);
    return sroi_measure_of(&t, what);
}

double sroi_outcome_pv_point(const SroiModel *m, const double *x, size_t i)
{
    SroiOutcomeResult r = { 0 };
    sroi_eval_outcome(m, x, m->leak_central, i, &r);
    return r.pv;
}

void sroi_point_totals(const SroiModel *m, const double *x, double *pv, double *inputs_pv)
{
    SroiTotals t;
    memset(&t, 0, sizeof t);
    sroi_eval_totals(m, x, m->leak_central, NULL, &t);
    *pv = t.pv;
    *inputs_pv = t.inputs_pv;
}

size_t sroi_sample_count(const SroiModel *m)
{
    return m->n_samples;
}

/* ---- summaries --------------------------------------------------------------- */

/* Quantiles by exact order statistics (dist_order_stats: one pass over the
 * samples, no copy, no reordering), numpy's linear rule; with the mean and
 * sd from the same pass when mean is given. */
size_t sroi_quantiles_moments(const double *v, size_t n, const double *ps, size_t count,
                              double *out, double *mean, double *sd)
{
    DistRank r[16];
    size_t kept = 0;
    for (size_t q0 = 0; q0 < count; q0 += 16) {
        size_t k = count - q0 < 16 ? count - q0 : 16;
        bool ok = n > 0 &&
            (q0 == 0 && mean ? dist_order_stats_moments(v, n, ps, k, r, &kept, mean, sd)
                             : dist_order_stats(v, n, ps + q0, k, r, &kept));
        for (size_t q = 0; q < k; q++) {
            if (!ok) {
                out[q0 + q] = NAN;
                continue;
            }
            out[q0 + q] = summary_interpolate(r[q].below, r[q].above, r[q].h - (double)r[q].at);
        }
    }
    return kept;
}

size_t sroi_quantiles_kept(const double *v, size_t n, const double *ps, size_t count, double *out)
{
    return sroi_quantiles_moments(v, n, ps, count, out, NULL, NULL);
}

void sroi_quantiles(const double *v, size_t n, const double *ps, size_t count, double *out)
{
    sroi_quantiles_kept(v, n, ps, count, out);
}

double sroi_median(const double *v, size_t n)
{
    return dist_median(v, n);
}

double sroi_central(Value v)
{
    double median;
    if (v.kind == V_DIST && dist_known_median(as_dist(v), &median)) return median; /* drawn */
    if (v.kind == V_DIST) return sroi_median(dist_samples(as_dist(v)), as_dist(v)->n);
    if (v.kind == V_NUM) return v.as.num;
    return NAN;
}

/* ---- naming, shared by the model value and the report -------------------------------- */

/* The global name a `with` copy is bound to (`let pess = m with {...}`),
 * found when it is shown rather than when it is built: the name being bound
 * while an expression runs is not known for sure (a copy made inside print
 * or as an argument has none).  NULL for a declared model, and for a copy
 * no global holds. */
const char *sroi_binding_name(Interp *I, const SroiModel *m)
{
    if (!m->scenario) return NULL;
    enum { MAX = 4096 };
    const char **names = malloc(MAX * sizeof *names);
    if (!names) return NULL;
    size_t n = interp_global_names(I, names, MAX);
    const char *found = NULL;
    for (size_t i = 0; i < n && !found; i++) {
        Value v;
        /* the value that owns m (m->self), so this file needs no model class */
        if (interp_lookup(I, names[i], &v) && v.kind == V_OBJECT && as_foreign(v) == m->self)
            found = names[i];
    }
    free(names);
    return found;
}

const char *const SROI_NO_PAYBACK[3] = {
    N_("no payback: the annual impact is not positive"),
    N_("no payback: the year-1 impact is not positive"),
    N_("no payback within the horizon"),
};
