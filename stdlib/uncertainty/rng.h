/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* rng.h — reproducible random streams and the samplers that fill
 * distributions.
 *
 * Contract:
 *   - A stream is a 64-bit number derived from (seed, qualified binding name,
 *     draw index) by rng_stream(): FNV-1a over the name, mixed with the seed
 *     and the index by splitmix64.  Changing one parameter of a model
 *     therefore never reshuffles the draws of another, and two scenarios of
 *     one model share their random numbers (common random numbers).
 *   - rng_fill() draws n samples of one distribution from a stream in blocks
 *     of RNG_BLOCK samples.  Block k is drawn by its own GSL generator
 *     (gsl_rng_taus2, the fastest GSL generator measured here), whose whole
 *     96-bit state is seeded from (stream, k).  Blocks are filled in parallel
 *     (OpenMP), and since a block's samples depend only on (stream, k) the
 *     output is identical byte for byte whatever the number of threads.
 *   - Uniform draws step taus2's recurrence inline, on the GSL generator's
 *     own state (checked against gsl_rng_uniform before use, else GSL's
 *     calls): the same bits, without two calls through function pointers.
 *   - Normals use GSL's ziggurat; beta and PERT draws are X/(X+Y) of two
 *     gamma draws (Marsaglia–Tsang, constants computed once per block; GSL's
 *     gsl_ran_beta for shapes below 1); the others use GSL's samplers or the
 *     inverse CDF (triangular).
 *   - rng_fill_from() draws a range of whole blocks alone (block k of a
 *     stream needs nothing before it): a distribution drawn on demand
 *     (dist_drawn.c) reads its samples a block at a time.
 *   - Samplers assume validated parameters (dist.c validates them and raises
 *     located errors); rng_fill itself cannot fail except on memory, which it
 *     reports by returning false.
 * Knows nothing of the interpreter: usable and tested from plain C.
 */
#ifndef IMPACT_RNG_H
#define IMPACT_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RNG_BLOCK        65536 /* samples per independently seeded block */
#define RNG_DEFAULT_SEED 20240601u

typedef enum SamplerKind {
    SAMPLER_UNIFORM,    /* a = low, b = high */
    SAMPLER_NORMAL,     /* a = mean, b = sd */
    SAMPLER_LOGNORMAL,  /* a = mu, b = sigma (of the logarithm) */
    SAMPLER_BETA,       /* a, b = shape parameters */
    SAMPLER_GAMMA,      /* a = shape, b = scale */
    SAMPLER_TRIANGULAR, /* a = low, c = mode, b = high */
    SAMPLER_PERT, /* a = low, c = mode, b = high: a + (b−a)·Beta(1+4(c−a)/(b−a), 1+4(b−c)/(b−a)) */
    SAMPLER_BERNOULLI, /* a = p; samples 0 or 1 */
    SAMPLER_POISSON,   /* a = lambda */
    SAMPLER_BINOMIAL,  /* a = trials, b = p */
    SAMPLER_DISCRETE,  /* values[i] with probability weights[i] (n_values of each) */
    SAMPLER_RESAMPLE   /* values[i], each with probability 1/n_values (bootstrap) */
} SamplerKind;

typedef struct Sampler {
    SamplerKind kind;
    double a, b, c;
    const double *values;  /* SAMPLER_DISCRETE, SAMPLER_RESAMPLE (borrowed) */
    const double *weights; /* SAMPLER_DISCRETE: non-negative, not all zero (borrowed) */
    size_t n_values;
} Sampler;

/* 64-bit mixing function (splitmix64's finaliser). */
uint64_t rng_mix64(uint64_t x);
/* FNV-1a hash of a NUL-terminated string (NULL hashes like ""). */
uint64_t rng_hash_name(const char *name);
/* The stream of draw number draw_index made while binding `name`. */
uint64_t rng_stream(uint64_t seed, const char *name, unsigned draw_index);

/* Fills out[0..n) with samples of s from stream; threads <= 0 lets OpenMP
 * choose.  Returns false only if memory runs out. */
bool rng_fill(const Sampler *s, uint64_t stream, double *out, size_t n, int threads);
/* Samples [first, first + n) of the same draw, first a multiple of
 * RNG_BLOCK: the same numbers rng_fill writes at out[first ..]. */
bool rng_fill_from(const Sampler *s, uint64_t stream, size_t first, double *out, size_t n,
                   int threads);

#endif
