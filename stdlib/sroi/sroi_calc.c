/* sroi_calc.c — the SROI arithmetic (docs/METHOD.md §1.2–1.6) and the parameter
 * API that sensitivity analysis uses (sroi.h).
 *
 * Contract: every computation goes through one kernel, sroi_eval_outcome(),
 * evaluated at a point x (one value per model parameter, plus the leakage of
 * each outcome).  A model whose fields hold distributions is evaluated once
 * per sample, in a C loop over the samples (OpenMP across samples); the
 * result never depends on the thread count because each sample is computed
 * independently.  No randomness here: the samples come from the model.
 * A report's many figures are picks from every sample's totals: the second
 * whole pass over a model stores those totals (the sample cache below) and
 * later passes read them, so each sample is computed at most twice.
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

/* D_t from the model's table; a point evaluation beyond it (sensitivity on
 * duration) computes it, to the same bits. */
static inline double year_factor(const SroiModel *m, int t)
{
    return t <= m->max_years + 1 ? m->year_factor[t] : sroi_green_book_factor(t);
}

bool sroi_fixed_schedule(const SroiModel *m)
{
    return m->discounting == DISC_GREEN_BOOK;
}

double sroi_discount_factor(const SroiModel *m, double rate, int t)
{
    switch (m->discounting) {
    case DISC_NONE: return 1.0;
    case DISC_GREEN_BOOK: return t <= 0 ? 1.0 : year_factor(m, t);
    case DISC_FIRST_YEAR_FREE: return t <= 1 ? 1.0 : pow(1.0 + rate, -(double)(t - 1));
    case DISC_GUIDE:
    default: return t <= 0 ? 1.0 : pow(1.0 + rate, -(double)t);
    }
}

/* Number of yearly columns an outcome fills, before the horizon cap. */
static int outcome_years(const SroiOutcome *o, double duration)
{
    if (o->profile) return (int)o->n_profile;
    if (!(duration > 0)) return 0;
    return (int)ceil(duration - 1e-9);
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

    int years = outcome_years(o, duration);
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
        double pv = value * (schedule ? year_factor(m, t) : factor);
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

static bool selected(const bool *mask, size_t i)
{
    return !mask || mask[i];
}

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
    if (v.kind == V_DIST) return as_dist(v)->s[s];
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
    free(w->x);
    free(w->leak);
    free(w->stakeholders);
    free(w->domains);
    free(w->years);
}

static void totals_in(Scratch *w, SroiTotals *t, bool years)
{
    memset(t, 0, sizeof *t);
    t->stakeholder_pv = w->stakeholders;
    t->domain_pv = w->domains;
    t->year_pv = years ? w->years : NULL;
}

/* ---- the Monte Carlo kernel ------------------------------------------------------
 * The samples are evaluated in blocks of BLOCK: for each outcome, one loop
 * over the block's samples reads every field straight from its samples (or
 * from a block of copies of a constant), and adds the outcome's present
 * value to the block's totals; the years run in an outer loop when the
 * duration is certain, so the inner loops are plain array arithmetic.  Each
 * sample goes through exactly the operations of sroi_eval_outcome() and
 * sroi_eval_totals(), in the same order, so the results are the same bits
 * as a point evaluation, and blocks are independent: any number of threads
 * gives the same bytes. */

#define BLOCK 256

/* A field over a block: its samples from s0, or copies of its constant. */
static const double *field_block(Value v, size_t s0, double *konst)
{
    if (v.kind == V_DIST) return as_dist(v)->s + s0;
    for (size_t s = 0; s < BLOCK; s++) konst[s] = v.as.num;
    return konst;
}

/* Per-thread buffers of one block. */
typedef struct Block {
    double pv[BLOCK], pos[BLOCK], neg[BLOCK], annual[BLOCK], year1[BLOCK];
    double inputs_pv[BLOCK], inputs_total[BLOCK];
    double step[BLOCK];
    double impact[BLOCK], opv[BLOCK], rem[BLOCK], fac[BLOCK];
    double konst[OF_COUNT + 2][BLOCK];
    double *stake;  /* n_stakeholders rows of BLOCK */
    double *domain; /* n_domains rows of BLOCK */
    double *years;  /* max_years + 1 rows of BLOCK */
    double *view;   /* one sample's stakeholders, domains and years */
} Block;

static Block *block_new(const SroiModel *m, bool want_years)
{
    Block *b = malloc(sizeof *b);
    if (!b) return NULL;
    size_t ny = want_years ? (size_t)m->max_years + 1 : 1;
    b->stake = malloc(sizeof(double) * BLOCK * (m->n_stakeholders + 1));
    b->domain = malloc(sizeof(double) * BLOCK * (m->n_domains + 1));
    b->years = malloc(sizeof(double) * BLOCK * ny);
    b->view = malloc(sizeof(double) * (m->n_stakeholders + m->n_domains + ny + 3));
    if (!b->stake || !b->domain || !b->years || !b->view) {
        free(b->stake);
        free(b->domain);
        free(b->years);
        free(b->view);
        free(b);
        return NULL;
    }
    return b;
}

static void block_free(Block *b)
{
    if (!b) return;
    free(b->stake);
    free(b->domain);
    free(b->years);
    free(b->view);
    free(b);
}

/* One outcome over the block: its impact (b->impact) and present value
 * (b->opv), and its discounted yearly values added to b->years. */
static void block_outcome(const SroiModel *m, const SroiOutcome *o, Block *b, size_t s0, size_t len,
                          bool want_years)
{
    const double *f[OF_COUNT];
    for (int k = 0; k < OF_COUNT; k++) f[k] = field_block(o->f[k].v, s0, b->konst[k]);
    const double *restrict q = f[OF_QUANTITY], *restrict p = f[OF_PROXY];
    const double *restrict dw = f[OF_DEADWEIGHT], *restrict ds = f[OF_DISPLACEMENT];
    const double *restrict at = f[OF_ATTRIBUTION], *restrict lk = f[OF_LEAKAGE];
    const double *restrict dropoff = f[OF_DROPOFF], *restrict duration = f[OF_DURATION];
    double *restrict impact = b->impact, *restrict opv = b->opv;
    double *restrict rem = b->rem, *restrict fac = b->fac;
    const double *restrict step = b->step;
#pragma omp simd
    for (size_t s = 0; s < len; s++) {
        double left = q[s] * p[s];
        left -= left * dw[s];
        left -= left * ds[s];
        left -= left * at[s];
        left -= left * lk[s];
        impact[s] = left;
    }
    bool schedule = m->discounting == DISC_GREEN_BOOK; /* step is 1: fac is set each year */
    int exponent = m->discounting == DISC_NONE || schedule ? 0
        : m->discounting == DISC_FIRST_YEAR_FREE           ? o->start - 1
                                                           : o->start;
    for (size_t s = 0; s < len; s++) {
        double factor = 1.0;
        for (int e = 0; e < exponent; e++) factor *= step[s];
        fac[s] = factor;
        rem[s] = 1.0;
        opv[s] = 0;
    }
    if (o->f[OF_DURATION].v.kind != V_DIST) {
        /* Certain duration: the years are the same for every sample. */
        double d = o->f[OF_DURATION].v.as.num;
        int years = outcome_years(o, d);
        for (int k = 0; k < years; k++) {
            int t = o->start + k;
            if (m->horizon > 0 && t > m->horizon) break;
            double part = d - k < 1.0 ? d - k : 1.0;
            double *restrict yr =
                want_years && t <= m->max_years ? b->years + (size_t)t * BLOCK : NULL;
            double w = o->profile ? o->profile[k] : 0;
            if (schedule) {
                double d_t = year_factor(m, t);
                for (size_t s = 0; s < len; s++) fac[s] = d_t;
            }
            if (o->profile) {
#pragma omp simd
                for (size_t s = 0; s < len; s++) {
                    double pv = impact[s] * w * fac[s];
                    opv[s] += pv;
                    if (yr) yr[s] += pv;
                    fac[s] *= step[s];
                }
            } else if (yr) {
#pragma omp simd
                for (size_t s = 0; s < len; s++) {
                    double pv = impact[s] * (rem[s] * part) * fac[s];
                    opv[s] += pv;
                    yr[s] += pv;
                    rem[s] *= 1.0 - dropoff[s];
                    fac[s] *= step[s];
                }
            } else {
#pragma omp simd
                for (size_t s = 0; s < len; s++) {
                    double pv = impact[s] * (rem[s] * part) * fac[s];
                    opv[s] += pv;
                    rem[s] *= 1.0 - dropoff[s];
                    fac[s] *= step[s];
                }
            }
        }
        return;
    }
    /* Uncertain duration: each sample has its own number of years. */
    for (size_t s = 0; s < len; s++) {
        double d = duration[s], factor = fac[s], remaining = 1.0, sum = 0;
        int years = outcome_years(o, d);
        for (int k = 0; k < years; k++) {
            int t = o->start + k;
            if (m->horizon > 0 && t > m->horizon) break;
            double weight = o->profile ? o->profile[k] : remaining * (d - k < 1.0 ? d - k : 1.0);
            double pv = impact[s] * weight * (schedule ? year_factor(m, t) : factor);
            sum += pv;
            if (want_years && t <= m->max_years) b->years[(size_t)t * BLOCK + s] += pv;
            remaining *= 1.0 - dropoff[s];
            factor *= step[s];
        }
        opv[s] = sum;
    }
}
/* The discount rate over a block, and the yearly step 1 / (1 + r). */
static const double *block_start(const SroiModel *m, Block *b, size_t s0, size_t len)
{
    const double *rate = field_block(m->discount.v, s0, b->konst[OF_COUNT]);
    bool fixed = m->discounting == DISC_NONE || m->discounting == DISC_GREEN_BOOK;
    for (size_t s = 0; s < len; s++) b->step[s] = fixed ? 1.0 : 1.0 / (1.0 + rate[s]);
    return rate;
}

/* Samples [s0, s0 + len) of the model into outs[j][s0 ..]. */
static void block_store(const SroiModel *m, const Block *b, double *rows, size_t s0, size_t len,
                        bool want_years);

static void block_eval(const SroiModel *m, const SroiSelection *sel, size_t k,
                       const SroiPick *picks, const void *const *ctxs, bool want_years,
                       double *const *outs, double *store, Block *b, size_t s0, size_t len)
{
    size_t ny = want_years ? (size_t)m->max_years + 1 : 0;
    const double *rate = block_start(m, b, s0, len);
    for (size_t s = 0; s < len; s++)
        b->pv[s] = b->pos[s] = b->neg[s] = b->annual[s] = b->year1[s] = 0;
    memset(b->stake, 0, sizeof(double) * BLOCK * m->n_stakeholders);
    memset(b->domain, 0, sizeof(double) * BLOCK * m->n_domains);
    if (ny) memset(b->years, 0, sizeof(double) * BLOCK * ny);
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        if (!selected(sel ? sel->outcomes : NULL, i)) continue;
        if (!selected(sel ? sel->stakeholders : NULL, (size_t)o->stakeholder)) continue;
        block_outcome(m, o, b, s0, len, want_years);
        const double *restrict impact = b->impact, *restrict opv = b->opv;
        double *restrict st = b->stake + (size_t)o->stakeholder * BLOCK;
        double *restrict dom = o->domain >= 0 ? b->domain + (size_t)o->domain * BLOCK : NULL;
        double *restrict pv = b->pv, *restrict pos = b->pos, *restrict neg = b->neg,
                         *restrict annual = b->annual;
/* pos and neg never hold −0, so adding +0 to the other one is exact:
         * the branch-free form vectorises. */
#pragma omp simd
        for (size_t s = 0; s < len; s++) {
            double v = opv[s];
            pv[s] += v;
            pos[s] += v >= 0 ? v : 0.0;
            neg[s] += v >= 0 ? 0.0 : v;
            annual[s] += impact[s];
            st[s] += v;
        }
        if (dom)
            for (size_t s = 0; s < len; s++) dom[s] += opv[s];
        if (o->start == 1) {
            if (o->profile || o->f[OF_DURATION].v.kind != V_DIST) {
                double d = o->f[OF_DURATION].v.as.num;
                double w1 = o->profile ? o->profile[0] : (d < 1 ? d : 1);
                for (size_t s = 0; s < len; s++) b->year1[s] += impact[s] * w1;
            } else {
                const double *d = as_dist(o->f[OF_DURATION].v)->s + s0;
                for (size_t s = 0; s < len; s++) b->year1[s] += impact[s] * (d[s] < 1 ? d[s] : 1);
            }
        }
    }
    /* Inputs, as eval_inputs(): the discount factor of each input's year is
     * the same for every sample when the rate is certain. */
    size_t base = m->n_outcomes * OF_PARAMS;
    for (size_t s = 0; s < len; s++) b->inputs_pv[s] = b->inputs_total[s] = 0;
    for (size_t j = 0; j < m->n_inputs; j++) {
        if (!selected(sel ? sel->inputs : NULL, j)) continue;
        const double *amount = field_block(m->params[base + j].value, s0, b->konst[OF_COUNT + 1]);
        int year = m->inputs[j].year;
        if (m->discount.v.kind != V_DIST) {
            double factor = sroi_discount_factor(m, rate[0], year);
            for (size_t s = 0; s < len; s++) {
                b->inputs_total[s] += amount[s];
                b->inputs_pv[s] += amount[s] * factor;
            }
        } else {
            for (size_t s = 0; s < len; s++) {
                b->inputs_total[s] += amount[s];
                b->inputs_pv[s] += amount[s] * sroi_discount_factor(m, rate[s], year);
            }
        }
    }
    if (store) block_store(m, b, store, s0, len, want_years);
    /* Each sample's totals, as the picks read them. */
    double *vs = b->view, *vd = vs + m->n_stakeholders, *vy = vd + m->n_domains;
    for (size_t s = 0; k > 0 && s < len; s++) {
        for (size_t g = 0; g < m->n_stakeholders; g++) vs[g] = b->stake[g * BLOCK + s];
        for (size_t g = 0; g < m->n_domains; g++) vd[g] = b->domain[g * BLOCK + s];
        for (size_t y = 0; y < ny; y++) vy[y] = b->years[y * BLOCK + s];
        SroiTotals t = { .pv = b->pv[s],
                         .pv_positive = b->pos[s],
                         .pv_negative = b->neg[s],
                         .inputs_pv = b->inputs_pv[s],
                         .inputs_total = b->inputs_total[s],
                         .annual_impact = b->annual[s],
                         .year1_value = b->year1[s],
                         .stakeholder_pv = vs,
                         .domain_pv = vd,
                         .year_pv = ny ? vy : NULL };
        for (size_t j = 0; j < k; j++) outs[j][s0 + s] = picks[j](m, &t, ctxs ? ctxs[j] : NULL);
    }
}

/* The kernel over every sample, in parallel blocks: the picks into outs, and
 * when store is given every sample's totals into its rows. */
static void kernel_run(const SroiModel *m, const SroiSelection *sel, size_t k,
                       const SroiPick *picks, const void *const *ctxs, bool want_years,
                       double *const *outs, double *store)
{
    bool failed = false;
    size_t n = m->n_samples, n_blocks = (n + BLOCK - 1) / BLOCK;
    /* Threads pay off only on large work: starting a team costs more than a
     * small model's whole evaluation. */
    double work = (double)n * (double)(m->n_outcomes + 1) * (double)(m->max_years + 1);
#pragma omp parallel if (work > 2e6)
    {
        Block *b = block_new(m, want_years);
        if (!b) {
#pragma omp atomic write
            failed = true;
        }
#pragma omp for schedule(dynamic,                                                                  \
                         16) /* blocks are independent: any schedule gives the same bytes */
        for (size_t blk = 0; blk < n_blocks; blk++) {
            if (!b) continue;
            size_t s0 = blk * BLOCK, len = n - s0 < BLOCK ? n - s0 : BLOCK;
            block_eval(m, sel, k, picks, ctxs, want_years, outs, store, b, s0, len);
        }
        block_free(b);
    }
    if (failed) rt_out_of_memory(); /* exit 1, never a report of "?" */
}

/* ---- the sample cache ---------------------------------------------------------------
 * A report reads from a dozen to a hundred figures of one model (ratio, NPV,
 * payback, each stakeholder's value and share...), each a pick from every
 * sample's totals.  A first whole pass (no selection) for one figure runs
 * the kernel as above; the second, or a first for several figures (a
 * report's), stores every sample's totals once, in one run of the kernel,
 * and it and every later pass only pick from the stored rows.  They
 * are the kernel's own numbers, so the figures are the same bits.  The rows
 * are kept in proportion: at most CACHE_BUDGET bytes, or no more rows than
 * the model holds distributions (the cache at most doubles the samples the
 * model already keeps); a model beyond both is computed pass by pass. */

#define CACHE_BUDGET ((size_t)256 << 20)

enum { CR_PV, CR_POS, CR_NEG, CR_ANNUAL, CR_YEAR1, CR_INPUTS_PV, CR_INPUTS_TOTAL, CR_COUNT };

typedef struct SroiSampleCache {
    size_t passes;     /* whole passes asked for so far */
    bool ready, years; /* rows filled; with the yearly totals */
    double *rows;      /* CR_COUNT, stakeholders, domains, then years 0 .. max_years */
} SroiSampleCache;

void sroi_sample_cache_free(SroiModel *m)
{
    if (!m->sample_cache) return;
    free(m->sample_cache->rows);
    free(m->sample_cache);
    m->sample_cache = NULL;
}

static size_t cache_rows(const SroiModel *m, bool years)
{
    return CR_COUNT + m->n_stakeholders + m->n_domains + (years ? (size_t)m->max_years + 1 : 0);
}

static void block_store(const SroiModel *m, const Block *b, double *rows, size_t s0, size_t len,
                        bool want_years)
{
    size_t n = m->n_samples;
    const double *const own[CR_COUNT] = { b->pv,    b->pos,       b->neg,         b->annual,
                                          b->year1, b->inputs_pv, b->inputs_total };
    for (size_t r = 0; r < CR_COUNT; r++) memcpy(rows + r * n + s0, own[r], sizeof(double) * len);
    double *row = rows + CR_COUNT * n;
    for (size_t g = 0; g < m->n_stakeholders; g++, row += n)
        memcpy(row + s0, b->stake + g * BLOCK, sizeof(double) * len);
    for (size_t g = 0; g < m->n_domains; g++, row += n)
        memcpy(row + s0, b->domain + g * BLOCK, sizeof(double) * len);
    if (want_years)
        for (size_t y = 0; y <= (size_t)m->max_years; y++, row += n)
            memcpy(row + s0, b->years + y * BLOCK, sizeof(double) * len);
}

/* How many of the model's numbers are distributions (n samples each). */
static size_t dist_count(const SroiModel *m)
{
    size_t c = 0;
    for (size_t k = 0; k < m->n_params; k++) c += m->params[k].value.kind == V_DIST;
    for (size_t i = 0; i < m->n_outcomes; i++) c += m->outcomes[i].f[OF_LEAKAGE].v.kind == V_DIST;
    return c;
}

/* The filled cache, with the yearly totals when years, or NULL: a first pass
 * for one figure, a model beyond the budget, or no memory to spare. */
static SroiSampleCache *cache_for(const SroiModel *m, bool years, size_t picks)
{
    SroiModel *own = (SroiModel *)m; /* a cache: the model itself does not change */
    if (!own->sample_cache && !(own->sample_cache = calloc(1, sizeof(SroiSampleCache))))
        return NULL;
    SroiSampleCache *c = own->sample_cache;
    if (c->ready && (c->years || !years)) return c;
    if (++c->passes < 2 && picks < 2) return NULL; /* one figure alone: no rows kept */
    /* The yearly rows too when they fit, so that payback does not refill. */
    size_t n = m->n_samples, limit = dist_count(m);
    bool with_years = true;
    size_t rows = cache_rows(m, true);
    if (rows * n * sizeof(double) > CACHE_BUDGET && rows > limit) {
        with_years = false;
        rows = cache_rows(m, false);
    }
    if (years && !with_years) return NULL;
    if (rows * n * sizeof(double) > CACHE_BUDGET && rows > limit) return NULL;
    free(c->rows);
    c->ready = false;
    if (!(c->rows = malloc(sizeof(double) * rows * n))) return NULL; /* pass by pass, then */
    kernel_run(m, NULL, 0, NULL, NULL, with_years, NULL, c->rows);
    c->ready = true;
    c->years = with_years;
    return c;
}

/* The picks from the cache's rows: each sample's totals as the kernel gave them. */
static void cache_picks(const SroiModel *m, const SroiSampleCache *c, size_t k,
                        const SroiPick *picks, const void *const *ctxs, bool years,
                        double *const *outs)
{
    size_t n = m->n_samples, ns = m->n_stakeholders, nd = m->n_domains;
    size_t ny = years ? (size_t)m->max_years + 1 : 0;
    const double *r = c->rows, *stake = r + CR_COUNT * n, *dom = stake + ns * n,
                 *yrs = dom + nd * n;
    bool failed = false;
#pragma omp parallel if (n * k > 200000)
    {
        double *view = malloc(sizeof(double) * (ns + nd + ny + 1));
        if (!view) {
#pragma omp atomic write
            failed = true;
        }
#pragma omp for schedule(static) /* each sample on its own: the same bytes on any thread */
        for (size_t s = 0; s < n; s++) {
            if (!view) continue;
            double *vs = view, *vd = vs + ns, *vy = vd + nd;
            for (size_t g = 0; g < ns; g++) vs[g] = stake[g * n + s];
            for (size_t g = 0; g < nd; g++) vd[g] = dom[g * n + s];
            for (size_t y = 0; y < ny; y++) vy[y] = yrs[y * n + s];
            SroiTotals t = { .pv = r[CR_PV * n + s],
                             .pv_positive = r[CR_POS * n + s],
                             .pv_negative = r[CR_NEG * n + s],
                             .inputs_pv = r[CR_INPUTS_PV * n + s],
                             .inputs_total = r[CR_INPUTS_TOTAL * n + s],
                             .annual_impact = r[CR_ANNUAL * n + s],
                             .year1_value = r[CR_YEAR1 * n + s],
                             .stakeholder_pv = vs,
                             .domain_pv = vd,
                             .year_pv = ny ? vy : NULL };
            for (size_t j = 0; j < k; j++) outs[j][s] = picks[j](m, &t, ctxs ? ctxs[j] : NULL);
        }
        free(view);
    }
    if (failed) rt_out_of_memory(); /* exit 1, never a report of "?" */
}

bool sroi_collect_many(Interp *I, const SroiModel *m, const SroiSelection *sel, size_t k,
                       const SroiPick *picks, const void *const *ctxs, bool want_years,
                       double *const *outs)
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
        if (!ok) rt_out_of_memory(); /* exit 1, never a report of "?" */
        return true;
    }
    const SroiSampleCache *c = sel ? NULL : cache_for(m, want_years, k);
    if (c)
        cache_picks(m, c, k, picks, ctxs, want_years, outs);
    else
        kernel_run(m, sel, k, picks, ctxs, want_years, outs, NULL);
    return true;
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
        sroi_sample_point(m, 0, x, leak);
        for (size_t j = 0; j < count; j++) {
            SroiOutcomeResult r = { 0 };
            sroi_eval_outcome(m, x, leak, first + j, &r);
            impact[j][0] = r.impact;
            pv[j][0] = r.pv;
        }
        free(x);
        free(leak);
        return true;
    }
    bool failed = false;
    size_t n = m->n_samples, n_blocks = (n + BLOCK - 1) / BLOCK;
    double work = (double)n * (double)(count + 1) * (double)(m->max_years + 1);
#pragma omp parallel if (work > 2e6)
    {
        Block *b = block_new(m, false);
        if (!b) {
#pragma omp atomic write
            failed = true;
        }
#pragma omp for schedule(dynamic,                                                                  \
                         16) /* blocks are independent: any schedule gives the same bytes */
        for (size_t blk = 0; blk < n_blocks; blk++) {
            if (!b) continue;
            size_t s0 = blk * BLOCK, len = n - s0 < BLOCK ? n - s0 : BLOCK;
            block_start(m, b, s0, len);
            for (size_t j = 0; j < count; j++) {
                block_outcome(m, &m->outcomes[first + j], b, s0, len, false);
                memcpy(impact[j] + s0, b->impact, sizeof(double) * len);
                memcpy(pv[j] + s0, b->opv, sizeof(double) * len);
            }
        }
        block_free(b);
    }
    if (failed) rt_out_of_memory(); /* exit 1, never a report of "?" */
    return true;
}

bool sroi_collect(Interp *I, const SroiModel *m, const SroiSelection *sel, SroiPick pick,
                  const void *ctx, bool want_years, double *out)
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
    return measure_of(&t, what);
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

size_t sroi_sample_count(const SroiModel *m)
{
    return m->n_samples;
}

/* ---- summaries --------------------------------------------------------------- */

/* Quantiles by exact order statistics (dist_order_stats: one pass over the
 * samples, no copy, no reordering), numpy's linear rule. */
size_t sroi_quantiles_kept(const double *v, size_t n, const double *ps, size_t count, double *out)
{
    DistRank r[16];
    size_t kept = 0;
    for (size_t q0 = 0; q0 < count; q0 += 16) {
        size_t k = count - q0 < 16 ? count - q0 : 16;
        bool ok = n > 0 && dist_order_stats(v, n, ps + q0, k, r, &kept);
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

void sroi_quantiles(const double *v, size_t n, const double *ps, size_t count, double *out)
{
    sroi_quantiles_kept(v, n, ps, count, out);
}

double sroi_median(const double *v, size_t n)
{
    const double half = 0.5;
    double med;
    sroi_quantiles(v, n, &half, 1, &med);
    return med;
}

double sroi_central(Value v)
{
    if (v.kind == V_DIST) return sroi_median(as_dist(v)->s, as_dist(v)->n);
    if (v.kind == V_NUM) return v.as.num;
    return NAN;
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

bool sroi_outcome_arrays(Interp *I, const SroiModel *m, size_t i, SroiOutcomeArrays *a)
{
    size_t n = m->n_samples ? m->n_samples : 1;
    memset(a, 0, sizeof *a);
    a->n = n;
    a->gross = malloc(sizeof(double) * n);
    a->impact = malloc(sizeof(double) * n);
    a->pv = malloc(sizeof(double) * n);
    for (int k = 0; k < 4; k++) a->deduction[k] = malloc(sizeof(double) * n);
    a->values = calloc(m->max_years + 1, sizeof(double *));
    bool ok = a->gross && a->impact && a->pv && a->values;
    for (int k = 0; k < 4; k++) ok = ok && a->deduction[k];
    for (int y = 0; ok && y <= m->max_years; y++)
        ok = (a->values[y] = malloc(sizeof(double) * n)) != NULL;
    /* Each sample on its own (any thread, the same bits): split across
     * threads when there are many. */
    bool failed = !ok;
#pragma omp parallel if (ok && n >= 20000)
    {
        double *x = malloc(sizeof(double) * m->n_params),
               *leak = malloc(sizeof(double) * (m->n_outcomes + 1));
        double *yearly = malloc(sizeof(double) * (m->max_years + 1));
        bool mine = ok && x && leak && yearly;
        if (!mine) {
#pragma omp atomic write
            failed = true;
        }
#pragma omp for schedule(dynamic, 4096)
        for (size_t s = 0; s < n; s++) {
            if (!mine) continue;
            sroi_sample_outcome_point(m, s, i, x, leak);
            SroiOutcomeResult r = { .values = yearly };
            sroi_eval_outcome(m, x, leak, i, &r);
            a->gross[s] = r.gross;
            a->impact[s] = r.impact;
            a->pv[s] = r.pv;
            for (int k = 0; k < 4; k++) a->deduction[k][s] = r.deduction[k];
            for (int y = 1; y <= m->max_years; y++) a->values[y][s] = yearly[y];
        }
        free(x);
        free(leak);
        free(yearly);
    }
    ok = !failed;
    if (!ok) {
        sroi_outcome_arrays_free(m, a);
        rt_out_of_memory();
    }
    return true;
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
