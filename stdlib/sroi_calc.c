/* sroi_calc.c — the SROI arithmetic (DOMAIN.md §1.2–1.6) and the parameter
 * API that sensitivity analysis uses (sroi.h).
 *
 * Contract: every computation goes through one kernel, sroi_eval_outcome(),
 * evaluated at a point x (one value per model parameter, plus the leakage of
 * each outcome).  A model whose fields hold distributions is evaluated once
 * per sample, in a C loop over the samples (OpenMP across samples); the
 * result never depends on the thread count because each sample is computed
 * independently.  No randomness here: the samples come from the model.
 *
 *   impact  = Q × P × (1−DW) × (1−DS) × (1−AT) × (1−LK)      (multiplicative)
 *   V(s+k)  = impact × (1−DO)^k × w_k,  k = 0 .. ceil(D)−1     (drop-off from the
 *             second year of effect; w_k = min(1, D−k) counts a partial last year
 *             pro rata) — or impact × profile[k] when a profile is given
 *   PV      = Σ V(t) × factor(t), factor(t) = (1+r)^−t (Guide), (1+r)^−(t−1)
 *             (first year undiscounted) or 1 (none)
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sroi_internal.h"

double sroi_discount_rate(const SroiModel *m, const double *x)
{
    return x[m->n_params - 1];   /* the discount rate is the last parameter */
}

double sroi_discount_factor(const SroiModel *m, double rate, int t)
{
    switch (m->discounting) {
    case DISC_NONE: return 1.0;
    case DISC_FIRST_YEAR_FREE: return t <= 1 ? 1.0 : pow(1.0 + rate, -(double)(t - 1));
    case DISC_GUIDE: default: return t <= 0 ? 1.0 : pow(1.0 + rate, -(double)t);
    }
}

/* Number of yearly columns an outcome fills, before the horizon cap. */
static int outcome_years(const SroiOutcome *o, double duration)
{
    if (o->profile) return (int)o->n_profile;
    if (!(duration > 0)) return 0;
    return (int)ceil(duration - 1e-9);
}

void sroi_eval_outcome(const SroiModel *m, const double *x, const double *leak,
                       size_t i, SroiOutcomeResult *r)
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
    const double deflator[4] = {dw, ds, at, lk};
    for (int k = 0; k < 4; k++) {
        r->deduction[k] = left * deflator[k];
        left -= r->deduction[k];
    }
    r->impact = left;
    r->pv = 0;
    if (r->values) memset(r->values, 0, sizeof(double) * (m->max_years + 1));
    if (r->pv_values) memset(r->pv_values, 0, sizeof(double) * (m->max_years + 1));

    int years = outcome_years(o, duration);
    /* factor(start) by multiplication (start is 1 or 2): pow() per outcome
     * and per sample was a fifth of a Monte Carlo run. */
    double step = m->discounting == DISC_NONE ? 1.0 : 1.0 / (1.0 + rate);
    int exponent = m->discounting == DISC_NONE ? 0 : m->discounting == DISC_FIRST_YEAR_FREE ? o->start - 1 : o->start;
    double factor = 1.0;
    for (int e = 0; e < exponent; e++) factor *= step;
    double remaining = 1.0;        /* (1 − DO)^k */
    for (int k = 0; k < years; k++) {
        int t = o->start + k;
        if (m->horizon > 0 && t > m->horizon) break;
        double weight = o->profile ? o->profile[k]
                                   : remaining * (duration - k < 1.0 ? duration - k : 1.0);
        double value = r->impact * weight;
        double pv = value * factor;
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

static bool selected(const bool *mask, size_t i) { return !mask || mask[i]; }

static void eval_inputs(const SroiModel *m, const double *x, const SroiSelection *sel,
                        SroiTotals *t)
{
    double rate = sroi_discount_rate(m, x);
    size_t base = m->n_outcomes * OF_PARAMS;
    t->inputs_pv = t->inputs_total = 0;
    for (size_t j = 0; j < m->n_inputs; j++) {
        if (!selected(sel ? sel->inputs : NULL, j)) continue;
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
        if (!selected(sel ? sel->outcomes : NULL, i)) continue;
        if (!selected(sel ? sel->stakeholders : NULL, (size_t)o->stakeholder)) continue;
        double yearly[t->year_pv ? m->max_years + 1 : 1];
        SroiOutcomeResult r = {0};
        r.pv_values = t->year_pv ? yearly : NULL;   /* only payback needs the yearly stream */
        sroi_eval_outcome(m, x, leak, i, &r);
        t->pv += r.pv;
        if (r.pv >= 0) t->pv_positive += r.pv; else t->pv_negative += r.pv;
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
    if (v.kind == V_DIST) return as_dist(v)->s[s];
    return v.as.num;
}

void sroi_sample_point(const SroiModel *m, size_t s, double *x, double *leak)
{
    for (size_t k = 0; k < m->n_params; k++) x[k] = value_at(m->params[k].value, s);
    for (size_t i = 0; i < m->n_outcomes; i++) leak[i] = value_at(m->outcomes[i].f[OF_LEAKAGE].v, s);
}

void sroi_sample_outcome_point(const SroiModel *m, size_t s, size_t i, double *x, double *leak)
{
    for (size_t k = i * OF_PARAMS; k < (i + 1) * OF_PARAMS; k++) x[k] = value_at(m->params[k].value, s);
    x[m->n_params - 1] = value_at(m->params[m->n_params - 1].value, s);
    leak[i] = value_at(m->outcomes[i].f[OF_LEAKAGE].v, s);
}

/* Scratch space of one evaluation: parameters, leakage, per-group totals. */
typedef struct Scratch {
    double *x, *leak, *stakeholders, *domains, *years;
} Scratch;

static bool scratch_new(const SroiModel *m, Scratch *w)
{
    w->x = malloc(sizeof(double) * (m->n_params + 1));
    w->leak = malloc(sizeof(double) * (m->n_outcomes + 1));
    w->stakeholders = malloc(sizeof(double) * (m->n_stakeholders + 1));
    w->domains = malloc(sizeof(double) * (m->n_domains + 1));
    w->years = malloc(sizeof(double) * (m->max_years + 2));
    return w->x && w->leak && w->stakeholders && w->domains && w->years;
}

static void scratch_free(Scratch *w)
{
    free(w->x); free(w->leak); free(w->stakeholders); free(w->domains); free(w->years);
}

static void totals_in(Scratch *w, SroiTotals *t, bool years)
{
    memset(t, 0, sizeof *t);
    t->stakeholder_pv = w->stakeholders;
    t->domain_pv = w->domains;
    t->year_pv = years ? w->years : NULL;
}

bool sroi_collect_many(Interp *I, const SroiModel *m, const SroiSelection *sel, size_t k,
                       const SroiPick *picks, const void *const *ctxs, bool want_years, double *const *outs)
{
    if (m->n_samples == 0) {
        Scratch w;
        bool ok = scratch_new(m, &w);
        if (ok) {
            SroiTotals t;
            totals_in(&w, &t, want_years);
            sroi_sample_point(m, 0, w.x, w.leak);
            sroi_eval_totals(m, w.x, w.leak, sel, &t);
            for (size_t j = 0; j < k; j++) outs[j][0] = picks[j](m, &t, ctxs ? ctxs[j] : NULL);
        }
        scratch_free(&w);
        return ok ? true : rt_raise(I, m->decl.loc, "out of memory");
    }
    bool failed = false;
    /* Threads pay off only on large work: starting a team costs more than a
     * small model's whole evaluation. */
    double work = (double)m->n_samples * (double)(m->n_outcomes + 1) * (double)(m->max_years + 1);
    #pragma omp parallel if (work > 2e6)
    {
        Scratch w;
        bool ok = scratch_new(m, &w);
        if (!ok) {
            #pragma omp atomic write
            failed = true;
        }
        #pragma omp for schedule(static)
        for (size_t s = 0; s < m->n_samples; s++) {
            if (!ok) continue;
            SroiTotals t;
            totals_in(&w, &t, want_years);
            sroi_sample_point(m, s, w.x, w.leak);
            sroi_eval_totals(m, w.x, w.leak, sel, &t);
            for (size_t j = 0; j < k; j++) outs[j][s] = picks[j](m, &t, ctxs ? ctxs[j] : NULL);
        }
        scratch_free(&w);
    }
    return failed ? rt_raise(I, m->decl.loc, "out of memory") : true;
}

bool sroi_collect(Interp *I, const SroiModel *m, const SroiSelection *sel,
                  SroiPick pick, const void *ctx, bool want_years, double *out)
{
    return sroi_collect_many(I, m, sel, 1, &pick, &ctx, want_years, &out);
}

Value sroi_make_value(const SroiModel *m, const double *vals, Dim dim, bool percent)
{
    Value v;
    if (m->n_samples == 0) {
        v = value_num_dim(vals[0], dim);
    } else {
        v = value_dist_new(m->n_samples);
        memcpy(as_dist(v)->s, vals, sizeof(double) * m->n_samples);
        v.dim = dim;
    }
    if (percent) v.flags |= VF_PERCENT;
    return v;
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

static double measure_of(const SroiTotals *t, SroiMeasure what)
{
    switch (what) {
    case SROI_PV: return t->pv;
    case SROI_NPV: return t->pv - t->inputs_pv;
    case SROI_RATIO: default: return t->pv / t->inputs_pv;
    }
}

/* Point evaluation for sensitivity: totals only (no per-group arrays), so no
 * allocation. */
double sroi_eval_point(const SroiModel *m, const double *x, SroiMeasure what)
{
    SroiTotals t;
    memset(&t, 0, sizeof t);
    sroi_eval_totals(m, x, m->leak_central, NULL, &t);
    return measure_of(&t, what);
}

static double pick_measure(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return measure_of(t, *(const SroiMeasure *)ctx);
}

bool sroi_eval_samples(Interp *I, const SroiModel *m, SroiMeasure what, double *out, size_t n)
{
    if (m->n_samples == 0 || n != m->n_samples) {
        double v[1];
        if (!sroi_collect(I, m, NULL, pick_measure, &what, false, v)) return false;
        for (size_t s = 0; s < n; s++) out[s] = v[0];
        return true;
    }
    return sroi_collect(I, m, NULL, pick_measure, &what, false, out);
}

size_t sroi_sample_count(const SroiModel *m) { return m->n_samples; }

/* ---- summaries --------------------------------------------------------------- */

/* The k-th smallest of v[0..n) (0-based), reordering v: quickselect with a
 * median-of-three pivot, O(n) on average — a full sort of a million
 * samples per figure was the engine's main cost. */
static double select_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        double a = v[lo], b = v[mid], c = v[hi];
        double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                double t = v[i]; v[i] = v[j]; v[j] = t;
                i++;
                if (j == 0) break;
                j--;
            }
        }
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return v[k];
    }
    return v[k];
}

void sroi_quantiles(double *v, size_t n, const double *ps, size_t count, double *out)
{
    for (size_t q = 0; q < count; q++) {
        if (n == 0) { out[q] = NAN; continue; }
        double h = (double)(n - 1) * ps[q];   /* numpy's default "linear" method */
        size_t k = (size_t)floor(h);
        double lo = select_kth(v, n, k);
        if (k + 1 >= n || h == (double)k) { out[q] = lo; continue; }
        double next = v[k + 1];               /* the (k+1)-th smallest: the minimum above k */
        for (size_t s = k + 2; s < n; s++) if (v[s] < next) next = v[s];
        out[q] = lo + (h - (double)k) * (next - lo);
    }
}

double sroi_median(const double *v, size_t n)
{
    double *c = malloc(sizeof(double) * (n ? n : 1));
    if (!c) return NAN;
    memcpy(c, v, sizeof(double) * n);
    const double half = 0.5;
    double med;
    sroi_quantiles(c, n, &half, 1, &med);
    free(c);
    return med;
}

double sroi_central(Value v)
{
    if (v.kind == V_DIST) return sroi_median(as_dist(v)->s, as_dist(v)->n);
    if (v.kind == V_NUM) return v.as.num;
    return NAN;
}
