/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* rng.c — reproducible random streams and block-parallel samplers.
 * See rng.h for the contract (streams, blocks, thread independence). */
#include "stdlib/uncertainty/rng.h"

#include <math.h>
#include <string.h>
#include <omp.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

uint64_t rng_mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

uint64_t rng_hash_name(const char *name)
{
    uint64_t h = 0xCBF29CE484222325ull; /* FNV-1a offset basis */
    for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
        h ^= *p;
        h *= 0x100000001B3ull; /* FNV prime */
    }
    return h;
}

uint64_t rng_stream(uint64_t seed, const char *name, unsigned draw_index)
{
    /* Each ingredient goes through the mixer so that nearby seeds, names
     * and indices give unrelated streams. */
    uint64_t h = rng_mix64(seed);
    h = rng_mix64(h ^ rng_hash_name(name));
    return rng_mix64(h ^ ((uint64_t)draw_index * 0xD1B54A32D192ED03ull));
}

/* taus2's state is three 32-bit words held in unsigned longs, each above a
 * small bound (s1 > 1, s2 > 7, s3 > 15).  gsl_rng_set() would keep only 32
 * bits of a seed, so we write all 96 bits directly, as the GSL manual allows
 * through gsl_rng_state(). */
typedef struct Taus2State {
    unsigned long s1, s2, s3;
} Taus2State;

static void seed_block(gsl_rng *r, uint64_t stream, size_t block)
{
    uint64_t x = rng_mix64(stream ^ rng_mix64((uint64_t)block + 1));
    if (gsl_rng_size(r) != sizeof(Taus2State)) { /* unexpected layout: 32-bit seed */
        gsl_rng_set(r, (unsigned long)x);
        return;
    }
    Taus2State *st = gsl_rng_state(r);
    uint64_t y = rng_mix64(x);
    st->s1 = (unsigned long)(x & 0xFFFFFFFFu) | 0x10u;
    st->s2 = (unsigned long)(x >> 32) | 0x10u;
    st->s3 = (unsigned long)(y & 0xFFFFFFFFu) | 0x10u;
    for (int i = 0; i < 8; i++) /* warm up, as gsl_rng_set does */
        gsl_rng_get(r);
}

/* taus2's recurrence (P. L'Ecuyer, "Maximally equidistributed combined
 * Tausworthe generators", Math. Comp. 65 (1996), the generator GSL's taus2
 * implements), stepped here on the generator's own state: a uniform draw
 * without two calls through GSL's function pointers, which cost more than
 * the draw.  taus2_matches_gsl() checks, before each use, that it gives
 * GSL's bits; otherwise GSL's calls are used. */
static inline double taus2_uniform(Taus2State *st)
{
    const unsigned long mask = 0xFFFFFFFFul;
    unsigned long s1 = st->s1, s2 = st->s2, s3 = st->s3;
    s1 = (((s1 & 4294967294ul) << 12) & mask) ^ ((((s1 << 13) & mask) ^ s1) >> 19);
    s2 = (((s2 & 4294967288ul) << 4) & mask) ^ ((((s2 << 2) & mask) ^ s2) >> 25);
    s3 = (((s3 & 4294967280ul) << 17) & mask) ^ ((((s3 << 3) & mask) ^ s3) >> 11);
    st->s1 = s1;
    st->s2 = s2;
    st->s3 = s3;
    return (double)(s1 ^ s2 ^ s3) / 4294967296.0;
}

static bool taus2_matches_gsl(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    if (!r) return false;
    bool same = gsl_rng_size(r) == sizeof(Taus2State);
    if (same) {
        seed_block(r, 0x5EEDull, 7);
        Taus2State copy = *(Taus2State *)gsl_rng_state(r);
        for (int i = 0; i < 64 && same; i++) {
            double g = gsl_rng_uniform(r), mine = taus2_uniform(&copy);
            same = memcmp(&g, &mine, sizeof g) == 0;
        }
    }
    gsl_rng_free(r);
    return same;
}

/* A uniform draw in [0, 1) and in (0, 1), inline when it matches GSL. */
typedef struct Draw {
    gsl_rng *r;
    Taus2State *st;
} Draw;

static inline double draw_uniform(Draw d)
{
    return d.st ? taus2_uniform(d.st) : gsl_rng_uniform(d.r);
}

static inline double draw_uniform_pos(Draw d)
{
    if (!d.st) return gsl_rng_uniform_pos(d.r);
    double x;
    do x = taus2_uniform(d.st);
    while (x == 0);
    return x;
}

static double triangular(Draw d, double a, double c, double b)
{
    double u = draw_uniform(d);
    double split = (c - a) / (b - a); /* CDF at the mode */
    if (u < split) return a + sqrt(u * (b - a) * (c - a));
    return b - sqrt((1 - u) * (b - a) * (b - c));
}

/* Marsaglia & Tsang's gamma sampler (ACM TOMS 26(3), 2000) for shape >= 1,
 * with its constants computed once per distribution instead of once per
 * draw as gsl_ran_gamma does: PERT and beta draws spend most of their time
 * here. */
typedef struct GammaMT {
    double d, c;
} GammaMT;

static GammaMT gamma_mt(double shape)
{
    double d = shape - 1.0 / 3.0;
    return (GammaMT){ d, 1.0 / sqrt(9.0 * d) };
}

static double gamma_draw(Draw d, GammaMT g)
{
    for (;;) {
        double x, v;
        do {
            x = gsl_ran_gaussian_ziggurat(d.r, 1.0);
            v = 1.0 + g.c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = draw_uniform_pos(d);
        double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) /* cheap squeeze */
            return g.d * v;
        if (log(u) < 0.5 * x2 + g.d * (1.0 - v + log(v))) return g.d * v;
    }
}

/* Beta(alpha, beta) as X / (X + Y) with X, Y gamma; both shapes >= 1. */
static void fill_beta(Draw d, double alpha, double beta, double lo, double width, double *out,
                      size_t n)
{
    GammaMT ga = gamma_mt(alpha), gb = gamma_mt(beta);
    for (size_t i = 0; i < n; i++) {
        double x = gamma_draw(d, ga), y = gamma_draw(d, gb);
        out[i] = lo + width * (x / (x + y));
    }
}

/* Fills one block; g is the preprocessed table for SAMPLER_DISCRETE. */
static void fill_block(const Sampler *s, const gsl_ran_discrete_t *g, Draw d, double *out, size_t n)
{
    gsl_rng *r = d.r;
    double a = s->a, b = s->b, c = s->c;
    switch (s->kind) {
    case SAMPLER_UNIFORM:
        for (size_t i = 0; i < n; i++) out[i] = a + (b - a) * draw_uniform(d);
        break;
    case SAMPLER_NORMAL:
        for (size_t i = 0; i < n; i++) out[i] = a + gsl_ran_gaussian_ziggurat(r, b);
        break;
    case SAMPLER_LOGNORMAL:
        for (size_t i = 0; i < n; i++) out[i] = exp(a + gsl_ran_gaussian_ziggurat(r, b));
        break;
    case SAMPLER_BETA:
        if (a >= 1 && b >= 1)
            fill_beta(d, a, b, 0, 1, out, n);
        else
            for (size_t i = 0; i < n; i++) out[i] = gsl_ran_beta(r, a, b);
        break;
    case SAMPLER_GAMMA:
        for (size_t i = 0; i < n; i++) out[i] = gsl_ran_gamma(r, a, b);
        break;
    case SAMPLER_TRIANGULAR:
        for (size_t i = 0; i < n; i++) out[i] = triangular(d, a, c, b);
        break;
    case SAMPLER_PERT: /* both shapes are at least 1 */
        fill_beta(d, 1 + 4 * (c - a) / (b - a), 1 + 4 * (b - c) / (b - a), a, b - a, out, n);
        break;
    case SAMPLER_BERNOULLI:
        for (size_t i = 0; i < n; i++) out[i] = draw_uniform(d) < a ? 1.0 : 0.0;
        break;
    case SAMPLER_POISSON:
        for (size_t i = 0; i < n; i++) out[i] = gsl_ran_poisson(r, a);
        break;
    case SAMPLER_BINOMIAL:
        for (size_t i = 0; i < n; i++) out[i] = gsl_ran_binomial(r, b, (unsigned)a);
        break;
    case SAMPLER_DISCRETE:
        for (size_t i = 0; i < n; i++) out[i] = s->values[gsl_ran_discrete(r, g)];
        break;
    case SAMPLER_RESAMPLE:
        for (size_t i = 0; i < n; i++)
            out[i] = s->values[gsl_rng_uniform_int(r, (unsigned long)s->n_values)];
        break;
    }
}

bool rng_fill(const Sampler *s, uint64_t stream, double *out, size_t n, int threads)
{
    return rng_fill_from(s, stream, 0, out, n, threads);
}

bool rng_fill_from(const Sampler *s, uint64_t stream, size_t first, double *out, size_t n,
                   int threads)
{
    gsl_ran_discrete_t *table = NULL;
    if (s->kind == SAMPLER_DISCRETE) {
        table = gsl_ran_discrete_preproc(s->n_values, s->weights);
        if (!table) return false;
    }
    size_t n_blocks = (n + RNG_BLOCK - 1) / RNG_BLOCK;
    bool ok = true, inline_uniform = taus2_matches_gsl();
    if (threads <= 0) threads = omp_get_max_threads();
/* Blocks are independent: any schedule gives the same bytes. */
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (n_blocks > 1)
    for (size_t k = 0; k < n_blocks; k++) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
        if (!r) {
#pragma omp atomic write
            ok = false;
            continue;
        }
        seed_block(r, stream, first / RNG_BLOCK + k);
        size_t start = k * RNG_BLOCK;
        size_t len = n - start < RNG_BLOCK ? n - start : RNG_BLOCK;
        Draw d = { r, inline_uniform ? (Taus2State *)gsl_rng_state(r) : NULL };
        fill_block(s, table, d, out + start, len);
        gsl_rng_free(r);
    }
    if (table) gsl_ran_discrete_free(table);
    return ok;
}
