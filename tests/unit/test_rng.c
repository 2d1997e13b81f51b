/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_rng.c — random streams and samplers (stdlib/rng.c).
 *
 * Moments are checked against their analytic values within Monte Carlo
 * error: |estimate − truth| < 4 standard errors (two-sided, a false alarm
 * probability of about 6e-5 per check).  The analytic moments are the
 * textbook ones (e.g. Johnson, Kotz & Balakrishnan; Wikipedia's tables),
 * restated next to each test. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/uncertainty/rng.h"

#define N 200000 /* several blocks, so block seeding is exercised */

static double *draw(Sampler s, uint64_t stream, int threads)
{
    double *x = malloc(sizeof(double) * N);
    cr_assert(x);
    cr_assert(rng_fill(&s, stream, x, N, threads));
    return x;
}

static void moments(const double *x, size_t n, double *mean, double *var)
{
    double m = 0, q = 0;
    for (size_t i = 0; i < n; i++) m += x[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++) q += (x[i] - m) * (x[i] - m);
    *mean = m;
    *var = q / (double)(n - 1);
}

/* Checks the mean within 4 standard errors (sd known analytically) and the
 * variance within 4 standard errors of the sample variance, whose variance
 * is (mu4 − sigma^4 (n−3)/(n−1)) / n; mu4 (the fourth central moment) is
 * given by each test. */
static void check_moments(const double *x, double mean, double var, double mu4)
{
    double m, v;
    moments(x, N, &m, &v);
    double se_mean = sqrt(var / N);
    cr_expect(fabs(m - mean) < 4 * se_mean, "mean %g, expected %g (se %g)", m, mean, se_mean);
    double se_var = sqrt((mu4 - var * var * (N - 3.0) / (N - 1.0)) / N);
    cr_expect(fabs(v - var) < 4 * se_var, "variance %g, expected %g (se %g)", v, var, se_var);
}

Test(rng, stream_depends_on_every_ingredient)
{
    uint64_t base = rng_stream(1, "x", 0);
    cr_expect_eq(base, rng_stream(1, "x", 0));
    cr_expect_neq(base, rng_stream(2, "x", 0));
    cr_expect_neq(base, rng_stream(1, "y", 0));
    cr_expect_neq(base, rng_stream(1, "x", 1));
    cr_expect_eq(rng_hash_name(NULL), rng_hash_name(""));
    /* FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (published test vector). */
    cr_expect_eq(rng_hash_name("a"), 0xaf63dc4c8601ec8cull);
}

Test(rng, identical_whatever_the_thread_count)
{
    Sampler s = { .kind = SAMPLER_NORMAL, .a = 0, .b = 1 };
    double *one = draw(s, 42, 1), *two = draw(s, 42, 2), *four = draw(s, 42, 4);
    cr_expect(memcmp(one, two, sizeof(double) * N) == 0);
    cr_expect(memcmp(one, four, sizeof(double) * N) == 0);
    double *other = draw(s, 43, 2);
    cr_expect(memcmp(one, other, sizeof(double) * N) != 0);
    free(one);
    free(two);
    free(four);
    free(other);
}

Test(rng, blocks_are_not_copies_of_each_other)
{
    Sampler s = { .kind = SAMPLER_UNIFORM, .a = 0, .b = 1 };
    double *x = draw(s, 7, 2);
    cr_expect(memcmp(x, x + RNG_BLOCK, sizeof(double) * 1000) != 0);
    free(x);
}

Test(rng, uniform_moments)
{
    /* U(a, b): mean (a+b)/2, var (b−a)²/12, mu4 (b−a)⁴/80. */
    Sampler s = { .kind = SAMPLER_UNIFORM, .a = 2, .b = 5 };
    double *x = draw(s, 1, 2);
    check_moments(x, 3.5, 9.0 / 12, 81.0 / 80);
    for (size_t i = 0; i < N; i++) cr_assert(x[i] >= 2 && x[i] < 5);
    free(x);
}

Test(rng, normal_moments)
{
    /* N(mu, sd): var sd², mu4 3 sd⁴. */
    Sampler s = { .kind = SAMPLER_NORMAL, .a = 120, .b = 15 };
    double *x = draw(s, 2, 2);
    check_moments(x, 120, 225, 3 * 225.0 * 225);
    free(x);
}

Test(rng, lognormal_moments_and_median)
{
    /* LN(mu, s): raw moments E[X^k] = e^(k mu + k² s²/2); the central
     * moments follow from them. */
    double mu = log(9000), s2 = 0.2465 * 0.2465;
    Sampler s = { .kind = SAMPLER_LOGNORMAL, .a = mu, .b = 0.2465 };
    double *x = draw(s, 3, 2);
    double e[5];
    for (int k = 1; k <= 4; k++) e[k] = exp(k * mu + k * k * s2 / 2);
    double m = e[1], var = e[2] - m * m;
    double mu4 = e[4] - 4 * e[3] * m + 6 * e[2] * m * m - 3 * m * m * m * m;
    check_moments(x, m, var, mu4);
    size_t below = 0;
    for (size_t i = 0; i < N; i++) below += x[i] < 9000;
    /* The median is e^mu: the share below it is 1/2 ± 4 sqrt(1/4N). */
    cr_expect(fabs((double)below / N - 0.5) < 4 * sqrt(0.25 / N));
    free(x);
}

Test(rng, beta_moments)
{
    /* Beta(a, b): mean a/(a+b), var ab/((a+b)²(a+b+1)); bounded in [0, 1] so
     * mu4 <= var (a loose but valid bound). */
    double a = 2, b = 5;
    Sampler s = { .kind = SAMPLER_BETA, .a = a, .b = b };
    double *x = draw(s, 4, 2);
    double var = a * b / ((a + b) * (a + b) * (a + b + 1));
    check_moments(x, a / (a + b), var, var);
    free(x);
}

Test(rng, beta_with_small_shapes)
{
    /* Beta(1/2, 1/2) (the arcsine law; shapes below 1 take GSL's sampler):
     * mean 1/2, var 1/8, fourth central moment 3/128. */
    Sampler s = { .kind = SAMPLER_BETA, .a = 0.5, .b = 0.5 };
    double *x = draw(s, 14, 2);
    check_moments(x, 0.5, 0.125, 3.0 / 128);
    free(x);
}

Test(rng, gamma_moments)
{
    /* Gamma(k, theta): mean k theta, var k theta², mu4 = 3k(k+2) theta⁴. */
    double k = 3, th = 2;
    Sampler s = { .kind = SAMPLER_GAMMA, .a = k, .b = th };
    double *x = draw(s, 5, 2);
    check_moments(x, k * th, k * th * th, 3 * k * (k + 2) * pow(th, 4));
    free(x);
}

Test(rng, triangular_moments)
{
    /* Tri(a, c, b): mean (a+b+c)/3, var (a²+b²+c²−ab−ac−bc)/18; bounded in
     * [a, b] so mu4 <= var (b−a)². */
    double a = 1, c = 2, b = 6;
    Sampler s = { .kind = SAMPLER_TRIANGULAR, .a = a, .b = b, .c = c };
    double *x = draw(s, 6, 2);
    double var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    check_moments(x, (a + b + c) / 3, var, var * (b - a) * (b - a));
    free(x);
}

Test(rng, pert_moments)
{
    /* PERT(a, m, b): mean (a+4m+b)/6; var (mean−a)(b−mean)/7 (the classic
     * PERT variance, exact for the Beta(1+4(m−a)/(b−a), ...) form). */
    double a = 0.15, m = 0.25, b = 0.40;
    Sampler s = { .kind = SAMPLER_PERT, .a = a, .b = b, .c = m };
    double *x = draw(s, 7, 2);
    double mean = (a + 4 * m + b) / 6;
    double var = (mean - a) * (b - mean) / 7;
    check_moments(x, mean, var, var * (b - a) * (b - a));
    free(x);
}

Test(rng, counts_moments)
{
    /* Bernoulli(p): mean p, var p(1−p); Poisson(l): mean = var = l,
     * mu4 = l(1+3l); Binomial(n, p): mean np, var np(1−p). */
    Sampler s = { .kind = SAMPLER_BERNOULLI, .a = 0.3 };
    double *x = draw(s, 8, 2);
    check_moments(x, 0.3, 0.21, 0.21);
    free(x);
    s = (Sampler){ .kind = SAMPLER_POISSON, .a = 4 };
    x = draw(s, 9, 2);
    check_moments(x, 4, 4, 4 * (1 + 3 * 4));
    free(x);
    s = (Sampler){ .kind = SAMPLER_BINOMIAL, .a = 40, .b = 0.25 };
    x = draw(s, 10, 2);
    check_moments(x, 10, 7.5, 3 * 7.5 * 7.5 + 7.5);
    free(x);
}

Test(rng, discrete_frequencies_follow_weights)
{
    double values[] = { 10, 20, 30 }, weights[] = { 1, 2, 7 };
    Sampler s = { .kind = SAMPLER_DISCRETE, .values = values, .weights = weights, .n_values = 3 };
    double *x = draw(s, 11, 2);
    size_t count[3] = { 0 };
    for (size_t i = 0; i < N; i++) count[(int)(x[i] / 10) - 1]++;
    for (int k = 0; k < 3; k++) {
        double p = weights[k] / 10;
        cr_expect(fabs((double)count[k] / N - p) < 4 * sqrt(p * (1 - p) / N),
                  "value %g drawn %zu times", values[k], count[k]);
    }
    free(x);
}

Test(rng, resample_draws_each_value_equally)
{
    double values[] = { 1, 2, 3, 4 };
    Sampler s = { .kind = SAMPLER_RESAMPLE, .values = values, .n_values = 4 };
    double *x = draw(s, 12, 2);
    /* Uniform on {1,2,3,4}: mean 2.5, var 1.25, mu4 = 2.5625. */
    check_moments(x, 2.5, 1.25, 2.5625);
    free(x);
}

/* Uniform draws step taus2's recurrence inline (rng.c) rather than through
 * GSL's calls: they must be GSL's own bits.  Block k of a stream is a
 * taus2 generator whose 96-bit state comes from rng_mix64 (rng.h), so the
 * first block is rebuilt here with GSL and compared bit for bit. */
#include <gsl/gsl_rng.h>

Test(rng, uniform_draws_are_gsl_taus2_bits)
{
    enum { M = 5000 }; /* within the first block */
    Sampler s = { .kind = SAMPLER_UNIFORM, .a = 0, .b = 1 };
    double x[M];
    uint64_t stream = rng_stream(42, "u", 0);
    cr_assert(rng_fill(&s, stream, x, M, 1));
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    cr_assert(r && gsl_rng_size(r) == 3 * sizeof(unsigned long));
    unsigned long *st = gsl_rng_state(r);
    uint64_t k = rng_mix64(stream ^ rng_mix64(1)), y = rng_mix64(k);
    st[0] = (unsigned long)(k & 0xFFFFFFFFu) | 0x10u;
    st[1] = (unsigned long)(k >> 32) | 0x10u;
    st[2] = (unsigned long)(y & 0xFFFFFFFFu) | 0x10u;
    for (int i = 0; i < 8; i++) gsl_rng_get(r);
    size_t differ = 0;
    for (size_t i = 0; i < M; i++) {
        double want = 0 + (1 - 0) * gsl_rng_uniform(r);
        differ += memcmp(&want, &x[i], sizeof want) != 0;
    }
    gsl_rng_free(r);
    cr_expect_eq(differ, 0, "%zu of %d uniform draws differ from GSL's taus2", differ, M);
}
