/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_samples.c — a model evaluated for every sample: the Monte Carlo
 * kernel and the sample cache (docs/METHOD.md §1.2–1.6).
 *
 * Contract: sroi_collect() and sroi_collect_many() fill one figure per
 * sample (SroiPick) for the whole model or a selection, in blocks of
 * samples that any number of threads computes to the same bytes as a point
 * evaluation (sroi_calc.c's sroi_eval_outcome() and sroi_eval_totals(), in
 * the same order of operations); sroi_make_value() wraps them as a number
 * or a distribution.  No randomness here: the samples come from the model
 * (a field drawn on demand is drawn again, a chunk at a time, by the pass
 * that reads it: sroi_kernel.h).  One outcome's arrays for every sample
 * are in sroi_outcome_arrays.c.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stdlib/uncertainty/dist.h"
#include "runtime/mem.h"
#include "stdlib/sroi/sroi_kernel.h"
#include "stdlib/stats/summary.h"

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

enum { CR_PV, CR_POS, CR_NEG, CR_ANNUAL, CR_YEAR1, CR_INPUTS_PV, CR_INPUTS_TOTAL, CR_COUNT };

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

/* ---- fields drawn on demand ------------------------------------------------------
 * A field of many samples is drawn on demand (stdlib/uncertainty/dist_drawn.c):
 * a pass draws it a chunk of RNG_BLOCK samples at a time (the RNG's own
 * blocks, each drawn alone to the same bits) into its thread's buffer, and
 * runs the chunk's blocks of BLOCK samples on it, so that the fields never
 * exist whole.  Fields are numbered as the report numbers them: outcome i's
 * field k at i * OF_COUNT + k, then the inputs, then the discount rate. */

static size_t field_count(const SroiModel *m)
{
    return m->n_outcomes * OF_COUNT + m->n_inputs + 1;
}

static size_t input_field(const SroiModel *m, size_t j)
{
    return m->n_outcomes * OF_COUNT + j;
}

static size_t discount_field(const SroiModel *m)
{
    return m->n_outcomes * OF_COUNT + m->n_inputs;
}

static void drawn_add(Drawn *d, size_t field, Value v)
{
    if (v.kind != V_DIST || !dist_on_demand(as_dist(v))) return;
    d->slot[field] = (int)d->count;
    d->dist[d->count++] = as_dist(v);
}

/* The fields drawn on demand among outcomes first .. first + count − 1,
 * the inputs when inputs, and the discount rate. */
Drawn drawn_plan(const SroiModel *m, size_t first, size_t count, bool inputs)
{
    size_t nf = field_count(m);
    Drawn d = { 0, xmalloc(nf * sizeof *d.dist), xmalloc(nf * sizeof *d.slot) };
    for (size_t f = 0; f < nf; f++) d.slot[f] = -1;
    for (size_t i = first; i < first + count; i++)
        for (int k = 0; k < OF_COUNT; k++) drawn_add(&d, i * OF_COUNT + k, m->outcomes[i].f[k].v);
    for (size_t j = 0; inputs && j < m->n_inputs; j++)
        drawn_add(&d, input_field(m, j), m->params[m->n_outcomes * OF_PARAMS + j].value);
    drawn_add(&d, discount_field(m), m->discount.v);
    return d;
}

void drawn_free(Drawn *d)
{
    free(d->dist);
    free(d->slot);
}

/* Field `field` (value v) over a block: its samples from s0 (from the
 * chunk's buffer when drawn on demand), or copies of its constant. */
const double *field_block(const Block *b, size_t field, Value v, size_t s0, double *konst)
{
    int slot = b->drawn->slot[field];
    if (slot >= 0) return b->chunk + (size_t)slot * b->chunk_len + (s0 - b->chunk0);
    if (v.kind == V_DIST) return dist_samples(as_dist(v)) + s0;
    for (size_t s = 0; s < BLOCK; s++) konst[s] = v.as.num;
    return konst;
}

/* The chunk [c0, c0 + len) of every field drawn on demand. */
static void block_draw(Block *b, size_t c0, size_t len)
{
    b->chunk0 = c0;
    for (size_t j = 0; j < b->drawn->count; j++)
        dist_read(b->drawn->dist[j], c0, len, b->chunk + j * b->chunk_len);
}

/* Samples [s0, s0 + len) of the model into outs[j][s0 ..]. */
static void block_store(const SroiModel *m, const Block *b, double *rows, size_t s0, size_t len,
                        bool want_years);

static void block_free(Block *b)
{
    if (!b) return;
    free(b->stake);
    free(b->domain);
    free(b->years);
    free(b->view);
    free(b->chunk);
    free(b);
}

static Block *block_new(const SroiModel *m, bool want_years, const Drawn *drawn, size_t chunk)
{
    Block *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    size_t ny = want_years ? (size_t)m->max_years + 1 : 1;
    b->stake = malloc(sizeof(double) * BLOCK * (m->n_stakeholders + 1));
    b->domain = malloc(sizeof(double) * BLOCK * (m->n_domains + 1));
    b->years = malloc(sizeof(double) * BLOCK * ny);
    b->view = malloc(sizeof(double) * (m->n_stakeholders + m->n_domains + ny + 3));
    b->drawn = drawn;
    b->chunk_len = chunk;
    b->chunk = malloc(sizeof(double) * chunk * (drawn->count ? drawn->count : 1));
    if (!b->stake || !b->domain || !b->years || !b->view || !b->chunk) {
        block_free(b);
        return NULL;
    }
    return b;
}

/* An outcome's impact over the block: quantity × proxy, less deadweight,
 * displacement, attribution and leakage, in that order. */
static void block_impact(const double *const *f, double *restrict impact, size_t len)
{
    const double *restrict q = f[OF_QUANTITY], *restrict p = f[OF_PROXY];
    const double *restrict dw = f[OF_DEADWEIGHT], *restrict ds = f[OF_DISPLACEMENT];
    const double *restrict at = f[OF_ATTRIBUTION], *restrict lk = f[OF_LEAKAGE];
#pragma omp simd
    for (size_t s = 0; s < len; s++) {
        double left = q[s] * p[s];
        left -= left * dw[s];
        left -= left * ds[s];
        left -= left * at[s];
        left -= left * lk[s];
        impact[s] = left;
    }
}

/* Certain duration: the years are the same for every sample, so they run in
 * the outer loop and the inner loops are plain array arithmetic. */
static void block_years_certain(const SroiModel *m, const SroiOutcome *o, Block *b, size_t len,
                                bool want_years, const double *restrict dropoff)
{
    bool schedule = m->discounting == DISC_GREEN_BOOK; /* step is 1: fac is set each year */
    const double *restrict impact = b->impact, *restrict step = b->step;
    double *restrict opv = b->opv, *restrict rem = b->rem, *restrict fac = b->fac;
    double d = o->f[OF_DURATION].v.as.num;
    int years = sroi_outcome_years(o, d);
    for (int k = 0; k < years; k++) {
        int t = o->start + k;
        if (m->horizon > 0 && t > m->horizon) break;
        double part = d - k < 1.0 ? d - k : 1.0;
        double *restrict yr = want_years && t <= m->max_years ? b->years + (size_t)t * BLOCK : NULL;
        double w = o->profile ? o->profile[k] : 0;
        if (schedule) {
            double d_t = sroi_year_factor(m, t);
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
}

/* Uncertain duration: each sample has its own number of years. */
static void block_years_uncertain(const SroiModel *m, const SroiOutcome *o, Block *b, size_t len,
                                  bool want_years, const double *restrict dropoff,
                                  const double *restrict duration)
{
    bool schedule = m->discounting == DISC_GREEN_BOOK;
    const double *restrict impact = b->impact, *restrict step = b->step;
    for (size_t s = 0; s < len; s++) {
        double d = duration[s], factor = b->fac[s], remaining = 1.0, sum = 0;
        int years = sroi_outcome_years(o, d);
        for (int k = 0; k < years; k++) {
            int t = o->start + k;
            if (m->horizon > 0 && t > m->horizon) break;
            double weight = o->profile ? o->profile[k] : remaining * (d - k < 1.0 ? d - k : 1.0);
            double pv = impact[s] * weight * (schedule ? sroi_year_factor(m, t) : factor);
            sum += pv;
            if (want_years && t <= m->max_years) b->years[(size_t)t * BLOCK + s] += pv;
            remaining *= 1.0 - dropoff[s];
            factor *= step[s];
        }
        b->opv[s] = sum;
    }
}

/* One outcome over the block: its impact (b->impact) and present value
 * (b->opv), and its discounted yearly values added to b->years. */
void block_outcome(const SroiModel *m, const SroiOutcome *o, Block *b, size_t s0, size_t len,
                   bool want_years)
{
    const double *f[OF_COUNT];
    size_t i = (size_t)(o - m->outcomes);
    for (int k = 0; k < OF_COUNT; k++)
        f[k] = field_block(b, i * OF_COUNT + k, o->f[k].v, s0, b->konst[k]);
    block_impact(f, b->impact, len);
    bool schedule = m->discounting == DISC_GREEN_BOOK;
    int exponent = m->discounting == DISC_NONE || schedule ? 0
        : m->discounting == DISC_FIRST_YEAR_FREE           ? o->start - 1
                                                           : o->start;
    for (size_t s = 0; s < len; s++) {
        double factor = 1.0;
        for (int e = 0; e < exponent; e++) factor *= b->step[s];
        b->fac[s] = factor;
        b->rem[s] = 1.0;
        b->opv[s] = 0;
    }
    if (o->f[OF_DURATION].v.kind != V_DIST)
        block_years_certain(m, o, b, len, want_years, f[OF_DROPOFF]);
    else
        block_years_uncertain(m, o, b, len, want_years, f[OF_DROPOFF], f[OF_DURATION]);
}

/* The discount rate over a block, and the yearly step 1 / (1 + r). */
const double *block_start(const SroiModel *m, Block *b, size_t s0, size_t len)
{
    const double *rate = field_block(b, discount_field(m), m->discount.v, s0, b->konst[OF_COUNT]);
    bool fixed = m->discounting == DISC_NONE || m->discounting == DISC_GREEN_BOOK;
    for (size_t s = 0; s < len; s++) b->step[s] = fixed ? 1.0 : 1.0 / (1.0 + rate[s]);
    return rate;
}

/* Adds one outcome's figures over the block (from block_outcome()) to the
 * block's totals: present value, value created and destroyed, annual
 * impact, its stakeholder's and domain's values, and the first year's value. */
void block_add_outcome(const SroiModel *m, const SroiOutcome *o, Block *b, size_t s0, size_t len)
{
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
    if (o->start != 1) return;
    if (o->profile || o->f[OF_DURATION].v.kind != V_DIST) {
        double d = o->f[OF_DURATION].v.as.num;
        double w1 = o->profile ? o->profile[0] : (d < 1 ? d : 1);
        for (size_t s = 0; s < len; s++) b->year1[s] += impact[s] * w1;
    } else {
        size_t field = (size_t)(o - m->outcomes) * OF_COUNT + OF_DURATION;
        const double *d = field_block(b, field, o->f[OF_DURATION].v, s0, b->konst[OF_DURATION]);
        for (size_t s = 0; s < len; s++) b->year1[s] += impact[s] * (d[s] < 1 ? d[s] : 1);
    }
}

/* Inputs, as eval_inputs(): the discount factor of each input's year is
 * the same for every sample when the rate is certain. */
void block_inputs(const SroiModel *m, const SroiSelection *sel, Block *b, const double *rate,
                  size_t s0, size_t len)
{
    size_t base = m->n_outcomes * OF_PARAMS;
    for (size_t s = 0; s < len; s++) b->inputs_pv[s] = b->inputs_total[s] = 0;
    for (size_t j = 0; j < m->n_inputs; j++) {
        if (!sroi_selected(sel ? sel->inputs : NULL, j)) continue;
        const double *amount = field_block(b, input_field(m, j), m->params[base + j].value, s0,
                                           b->konst[OF_COUNT + 1]);
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
}

/* Sample s of the block as the totals a pick reads (its groups and years
 * copied into the block's view). */
SroiTotals block_totals(const SroiModel *m, Block *b, size_t s, size_t ny)
{
    double *vs = b->view, *vd = vs + m->n_stakeholders, *vy = vd + m->n_domains;
    for (size_t g = 0; g < m->n_stakeholders; g++) vs[g] = b->stake[g * BLOCK + s];
    for (size_t g = 0; g < m->n_domains; g++) vd[g] = b->domain[g * BLOCK + s];
    for (size_t y = 0; y < ny; y++) vy[y] = b->years[y * BLOCK + s];
    return (SroiTotals){ .pv = b->pv[s],
                         .pv_positive = b->pos[s],
                         .pv_negative = b->neg[s],
                         .inputs_pv = b->inputs_pv[s],
                         .inputs_total = b->inputs_total[s],
                         .annual_impact = b->annual[s],
                         .year1_value = b->year1[s],
                         .stakeholder_pv = vs,
                         .domain_pv = vd,
                         .year_pv = ny ? vy : NULL };
}

/* Each sample's totals, as the k picks read them, into outs[j][s0 + s]. */
static void block_pick(const SroiModel *m, Block *b, size_t k, const SroiPick *picks,
                       const void *const *ctxs, size_t ny, double *const *outs, size_t s0,
                       size_t len)
{
    for (size_t s = 0; k > 0 && s < len; s++) {
        SroiTotals t = block_totals(m, b, s, ny);
        for (size_t j = 0; j < k; j++) outs[j][s0 + s] = picks[j](m, &t, ctxs ? ctxs[j] : NULL);
    }
}

/* The block's totals set to 0 before its outcomes are added. */
void block_zero(const SroiModel *m, Block *b, size_t len, size_t ny)
{
    for (size_t s = 0; s < len; s++)
        b->pv[s] = b->pos[s] = b->neg[s] = b->annual[s] = b->year1[s] = 0;
    memset(b->stake, 0, sizeof(double) * BLOCK * m->n_stakeholders);
    memset(b->domain, 0, sizeof(double) * BLOCK * m->n_domains);
    if (ny) memset(b->years, 0, sizeof(double) * BLOCK * ny);
}

static void block_eval(const SroiModel *m, const SroiSelection *sel, size_t k,
                       const SroiPick *picks, const void *const *ctxs, bool want_years,
                       double *const *outs, double *store, Block *b, size_t s0, size_t len)
{
    size_t ny = want_years ? (size_t)m->max_years + 1 : 0;
    const double *rate = block_start(m, b, s0, len);
    block_zero(m, b, len, ny);
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        if (!sroi_is_material(o)) continue; /* as sroi_eval_totals() */
        if (!sroi_selected(sel ? sel->outcomes : NULL, i)) continue;
        if (!sroi_selected(sel ? sel->stakeholders : NULL, (size_t)o->stakeholder)) continue;
        block_outcome(m, o, b, s0, len, want_years);
        block_add_outcome(m, o, b, s0, len);
    }
    block_inputs(m, sel, b, rate, s0, len);
    if (store) block_store(m, b, store, s0, len, want_years);
    block_pick(m, b, k, picks, ctxs, ny, outs, s0, len);
}

/* Every sample, in parallel blocks (each thread with its own buffers).
 * work: an estimate of the operations, below which one thread is faster. */
void for_each_block(const SroiModel *m, const Drawn *drawn, bool want_years, double work,
                    BlockBody body, void *ctx)
{
    for_each_block_upto(m, drawn, want_years, work, m->n_samples, body, ctx);
}

void for_each_block_upto(const SroiModel *m, const Drawn *drawn, bool want_years, double work,
                         size_t upto, BlockBody body, void *ctx)
{
    bool failed = false;
    /* chunks of RNG blocks when fields are drawn on demand, else of 16 blocks */
    size_t n = m->n_samples, chunk = drawn->count ? RNG_BLOCK : 16 * BLOCK;
    size_t n_chunks = (upto + chunk - 1) / chunk;
    if (chunk > n) chunk = n;
        /* Threads pay off only on large work: starting a team costs more than a
     * small model's whole evaluation. */
#pragma omp parallel if (work > 2e6)
    {
        Block *b = block_new(m, want_years, drawn, chunk);
        if (!b) {
#pragma omp atomic write
            failed = true;
        }
#pragma omp for schedule(dynamic, 1) /* blocks are independent: any schedule, the same bytes */
        for (size_t c = 0; c < n_chunks; c++) {
            if (!b) continue;
            size_t c0 = c * chunk, end = n - c0 < chunk ? n : c0 + chunk;
            block_draw(b, c0, end - c0);
            for (size_t s0 = c0; s0 < end && s0 < upto; s0 += BLOCK)
                body(m, b, s0, end - s0 < BLOCK ? end - s0 : BLOCK, ctx);
        }
        block_free(b);
    }
    if (failed) rt_out_of_memory(); /* exit 1, never a report of "?" */
}

typedef struct KernelArgs {
    const SroiSelection *sel;
    size_t k;
    const SroiPick *picks;
    const void *const *ctxs;
    bool want_years;
    double *const *outs;
    double *store;
} KernelArgs;

static void kernel_block(const SroiModel *m, Block *b, size_t s0, size_t len, void *ctx)
{
    const KernelArgs *a = ctx;
    block_eval(m, a->sel, a->k, a->picks, a->ctxs, a->want_years, a->outs, a->store, b, s0, len);
}

/* The kernel over every sample, in parallel blocks: the picks into outs, and
 * when store is given every sample's totals into its rows. */
static void kernel_run(const SroiModel *m, const SroiSelection *sel, size_t k,
                       const SroiPick *picks, const void *const *ctxs, bool want_years,
                       double *const *outs, double *store)
{
    KernelArgs a = { sel, k, picks, ctxs, want_years, outs, store };
    double work = (double)m->n_samples * (double)(m->n_outcomes + 1) * (double)(m->max_years + 1);
    Drawn drawn = drawn_plan(m, 0, m->n_outcomes, true);
    for_each_block(m, &drawn, want_years, work, kernel_block, &a);
    drawn_free(&drawn);
}

/* ---- the sample cache ---------------------------------------------------------------
 * A report reads from a dozen to a hundred figures of one model (ratio, NPV,
 * payback, each stakeholder's value and share...), each a pick from every
 * sample's totals.  The build's check (sroi_count_infinite), or else a
 * second whole pass (no selection) or a first for several figures (a
 * report's), stores every sample's totals once, in one run of the kernel,
 * and every later pass only picks from the stored rows.  They are the
 * kernel's own numbers, so the figures are the same bits.  The rows are
 * kept in proportion: at most CACHE_BUDGET bytes, or no more rows than a
 * quarter of the distributions the model stores (the cache adds at most a
 * quarter to the samples the model already keeps; fields drawn on demand
 * store none: at 10 million samples the reference model keeps no rows); a
 * model beyond both is computed pass by pass. */

#define CACHE_BUDGET ((size_t)256 << 20)

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

bool sroi_sample_cache_ready(const SroiModel *m, bool years)
{
    const SroiSampleCache *c = m->sample_cache;
    return c && c->ready && (c->years || !years);
}

bool block_totals_cached(const SroiModel *m, Block *b, size_t s0, size_t len, size_t ny)
{
    const SroiSampleCache *c = m->sample_cache;
    if (!c || !c->ready || (ny && !c->years)) return false;
    size_t n = m->n_samples;
    double *const own[CR_COUNT] = { b->pv,    b->pos,       b->neg,         b->annual,
                                    b->year1, b->inputs_pv, b->inputs_total };
    for (size_t r = 0; r < CR_COUNT; r++)
        memcpy(own[r], c->rows + r * n + s0, sizeof(double) * len);
    const double *row = c->rows + CR_COUNT * n;
    for (size_t g = 0; g < m->n_stakeholders; g++, row += n)
        memcpy(b->stake + g * BLOCK, row + s0, sizeof(double) * len);
    for (size_t g = 0; g < m->n_domains; g++, row += n)
        memcpy(b->domain + g * BLOCK, row + s0, sizeof(double) * len);
    for (size_t y = 0; y < ny; y++, row += n)
        memcpy(b->years + y * BLOCK, row + s0, sizeof(double) * len);
    return true;
}

/* How many of the model's numbers (its parameters and leakages) are
 * distributions drawn on demand (on_demand), or stored (n samples each). */
static size_t count_dists(const SroiModel *m, bool on_demand)
{
    size_t c = 0;
    for (size_t k = 0; k < m->n_params + m->n_outcomes; k++) {
        Value v =
            k < m->n_params ? m->params[k].value : m->outcomes[k - m->n_params].f[OF_LEAKAGE].v;
        c += v.kind == V_DIST && dist_on_demand(as_dist(v)) == on_demand;
    }
    return c;
}

size_t sroi_drawn_fields(const SroiModel *m)
{
    return count_dists(m, true);
}

static size_t dist_count(const SroiModel *m)
{
    return count_dists(m, false);
}

/* The model's cache, made empty when needed; NULL without memory. */
static SroiSampleCache *cache_of(const SroiModel *m)
{
    SroiModel *own = (SroiModel *)m; /* a cache: the model itself does not change */
    if (!own->sample_cache) own->sample_cache = calloc(1, sizeof(SroiSampleCache));
    return own->sample_cache;
}

/* Whether the rows fit the budget (the yearly ones too when *years). */
static bool cache_fits(const SroiModel *m, bool years)
{
    size_t rows = cache_rows(m, years);
    return !(rows * m->n_samples * sizeof(double) > CACHE_BUDGET && 4 * rows > dist_count(m));
}

/* Room for the rows of the cache, not filled yet: with the yearly totals
 * when they fit (*years says whether), or false: a model beyond the budget
 * or no memory to spare, computed pass by pass. */
static bool cache_prepare(const SroiModel *m, bool *years)
{
    SroiSampleCache *c = cache_of(m);
    if (!c) return false;
    *years = cache_fits(m, true); /* so that payback does not refill */
    if (!*years && !cache_fits(m, false)) return false;
    free(c->rows);
    c->ready = false;
    c->years = *years;
    c->rows = try_malloc(sizeof(double) * cache_rows(m, *years) * m->n_samples);
    return c->rows != NULL;
}

/* The filled cache, with the yearly totals when years, or NULL: a first pass
 * for one figure, a model beyond the budget, or no memory to spare. */
static SroiSampleCache *cache_for(const SroiModel *m, bool years, size_t picks)
{
    SroiSampleCache *c = cache_of(m);
    if (!c) return NULL;
    if (c->ready && (c->years || !years)) return c;
    if (++c->passes < 2 && picks < 2) return NULL; /* one figure alone: no rows kept */
    bool with_years = cache_fits(m, true);
    if (years && !with_years) return NULL;
    if (!cache_prepare(m, &with_years)) return NULL;
    kernel_run(m, NULL, 0, NULL, NULL, with_years, NULL, c->rows);
    c->ready = true;
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

/* ---- the build's check of every sample (sroi_build.c) ------------------------------ */

typedef struct CheckArgs {
    SroiSampleCounts *counts;
    double *store; /* the cache's rows, filled by the same pass, or NULL */
    bool years;
} CheckArgs;

static size_t block_infinite(const double *v, size_t len)
{
    size_t k = 0;
    for (size_t s = 0; s < len; s++) k += isinf(v[s]) != 0;
    return k;
}

void block_count_outcome(const Block *b, size_t i, size_t len, SroiSampleCounts *counts)
{
    size_t inf = block_infinite(b->opv, len);
    if (inf) {
#pragma omp atomic
        counts->outcome[i] += inf;
    }
}

void block_count_totals(const Block *b, size_t len, SroiSampleCounts *counts)
{
    size_t pv = 0, ratio = 0;
    for (size_t s = 0; s < len; s++) {
        SroiTotals t = { .pv = b->pv[s], .inputs_pv = b->inputs_pv[s] };
        pv += isinf(sroi_measure_of(&t, SROI_PV)) != 0;
        ratio += isinf(sroi_measure_of(&t, SROI_RATIO)) != 0;
    }
#pragma omp atomic
    counts->pv += pv;
#pragma omp atomic
    counts->ratio += ratio;
}

/* As block_eval() for the whole model, counting the samples of each outcome's
 * present value (material or not), of the total and of the ratio that are
 * infinite: counts are sums of whole numbers, the same in any order. */
static void check_block(const SroiModel *m, Block *b, size_t s0, size_t len, void *ctx)
{
    const CheckArgs *a = ctx;
    size_t ny = a->years ? (size_t)m->max_years + 1 : 0;
    const double *rate = block_start(m, b, s0, len);
    block_zero(m, b, len, ny);
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        block_outcome(m, o, b, s0, len, a->years);
        block_count_outcome(b, i, len, a->counts);
        if (sroi_is_material(o)) block_add_outcome(m, o, b, s0, len);
    }
    block_inputs(m, NULL, b, rate, s0, len);
    if (a->store) block_store(m, b, a->store, s0, len, a->years);
    block_count_totals(b, len, a->counts);
}

void sroi_count_infinite(const SroiModel *m, SroiSampleCounts *counts)
{
    memset(counts->outcome, 0, sizeof(size_t) * m->n_outcomes);
    counts->pv = counts->ratio = 0;
    if (m->n_samples == 0) return;
    /* The model's first whole pass fills the sample cache on the way: every
     * built model is read again (its report, sroi(M)). */
    bool years = false;
    CheckArgs a = { counts, cache_prepare(m, &years) ? m->sample_cache->rows : NULL, years };
    double work = (double)m->n_samples * (double)(m->n_outcomes + 1) * (double)(m->max_years + 1);
    Drawn drawn = drawn_plan(m, 0, m->n_outcomes, true);
    for_each_block(m, &drawn, years, work, check_block, &a);
    drawn_free(&drawn);
    if (a.store) m->sample_cache->ready = true;
}

bool sroi_collect(Interp *I, const SroiModel *m, const SroiSelection *sel, SroiPick pick,
                  const void *ctx, bool want_years, double *out)
{
    return sroi_collect_many(I, m, sel, 1, &pick, &ctx, want_years, &out);
}

static double pick_measure(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return sroi_measure_of(t, *(const SroiMeasure *)ctx);
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

Value sroi_make_value(const SroiModel *m, const double *vals, Dim dim, bool percent)
{
    Value v;
    if (m->n_samples == 0) {
        v = value_num_dim(vals[0], dim);
    } else {
        v = value_dist_new(m->n_samples);
        memcpy(as_dist(v)->stored, vals, sizeof(double) * m->n_samples);
        v.dim = dim;
    }
    if (percent) v.flags |= VF_PERCENT;
    return v;
}
