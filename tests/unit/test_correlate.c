/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_correlate.c — correlate(dists, r), the Iman–Conover rank method
 * (stdlib/uncertainty/correlate.c), through the interpreter.
 *
 * Expected values are derived independently of the code under test:
 *   - marginals: the sorted samples of each output equal the sorted samples
 *     of the independent draw it came from (the method only reorders);
 *   - Spearman: computed here from scratch (ranks by counting sort order,
 *     then Pearson of the ranks), compared with the target coefficient, which
 *     correlate() treats as a rank correlation;
 *   - closed form: for two normals N(0, σ1), N(0, σ2) with rank correlation
 *     ρs, the Pearson correlation is ρ = 2 sin(π ρs / 6) (Kruskal 1958,
 *     bivariate normal), so Var(a + b) = σ1² + σ2² + 2ρσ1σ2;
 *   - same seed, same bytes with 1 and 2 threads. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/stdlib.h"
#include "stdlib/uncertainty/dist.h"

#define NS 100000
/* The issue asks for 0.02; the method imposes the correlation of the scores
 * exactly, so the rank correlation lands much closer (within 0.001 here).
 * 0.006 still sees a rank target mistaken for a Pearson one (0.582 for 0.6,
 * 2 sin(π·0.6/6) vs 0.6), which 0.02 would let through. */
#define SPEARMAN_TOL 0.006

static Interp *make(uint64_t seed, int threads)
{
    Settings s = {
        .samples = NS, .seed = seed, .min_cell = 11, .format = FORMAT_TEXT, .threads = threads
    };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    return I;
}

static void run(Interp *I, const char *code)
{
    Value v = value_nil();
    bool ok = interp_run_string(I, "<test>", code, &v);
    if (!ok) interp_print_error(I, stderr);
    cr_assert(ok, "evaluation failed: %s", code);
}

static const DistObj *item(Interp *I, const char *list, size_t i)
{
    Value v;
    cr_assert(interp_lookup(I, list, &v));
    cr_assert(v.kind == V_LIST && as_list(v)->n > i);
    cr_assert(as_list(v)->items[i].kind == V_DIST);
    return as_dist(as_list(v)->items[i]);
}

static const DistObj *dist(Interp *I, const char *name)
{
    Value v;
    cr_assert(interp_lookup(I, name, &v));
    cr_assert(v.kind == V_DIST);
    return as_dist(v);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double *sorted_copy(const DistObj *d)
{
    double *s = malloc(d->n * sizeof *s);
    cr_assert(s);
    memcpy(s, d->stored, d->n * sizeof *s);
    qsort(s, d->n, sizeof *s, cmp_double);
    return s;
}

/* Ranks 1..n (samples of continuous draws have no ties). */
static double *ranks(const DistObj *d)
{
    size_t n = d->n;
    size_t *idx = malloc(n * sizeof *idx);
    double *r = malloc(n * sizeof *r);
    cr_assert(idx && r);
    for (size_t i = 0; i < n; i++) idx[i] = i;
    /* insertion by qsort on (value, index) pairs */
    double *pairs = malloc(2 * n * sizeof *pairs);
    cr_assert(pairs);
    for (size_t i = 0; i < n; i++) pairs[2 * i] = d->stored[i], pairs[2 * i + 1] = (double)i;
    qsort(pairs, n, 2 * sizeof *pairs, cmp_double);
    for (size_t i = 0; i < n; i++) r[(size_t)pairs[2 * i + 1]] = (double)(i + 1);
    free(pairs);
    free(idx);
    return r;
}

static double pearson(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) mx += x[i], my += y[i];
    mx /= (double)n, my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / sqrt(sxx * syy);
}

static double spearman(const DistObj *a, const DistObj *b)
{
    double *ra = ranks(a), *rb = ranks(b);
    double rho = pearson(ra, rb, a->n);
    free(ra);
    free(rb);
    return rho;
}

static const char *three =
    "let a = pert(45%, 55%, 70%)\n"
    "let b = lognormal(1, 0.5)\n"
    "let c = uniform(-2, 3)\n"
    "let abc = correlate([a, b, c], 0.6)\n"
    "let m = correlate([a, b, c], [[1, 0.8, -0.3], [0.8, 1, -0.2], [-0.3, -0.2, 1]])\n";

Test(correlate, marginals_are_kept_exactly)
{
    Interp *I = make(7, 2);
    run(I, three);
    const char *names[3] = { "a", "b", "c" };
    for (size_t j = 0; j < 3; j++) {
        double *in = sorted_copy(dist(I, names[j])), *out = sorted_copy(item(I, "abc", j));
        cr_expect(memcmp(in, out, NS * sizeof *in) == 0, "marginal %zu changed", j);
        free(out);
        out = sorted_copy(item(I, "m", j));
        cr_expect(memcmp(in, out, NS * sizeof *in) == 0, "marginal %zu changed (matrix)", j);
        free(in);
        free(out);
    }
    interp_free(I);
}

Test(correlate, spearman_close_to_the_target)
{
    Interp *I = make(7, 2);
    run(I, three);
    /* one coefficient for every pair */
    for (size_t i = 0; i < 3; i++)
        for (size_t j = i + 1; j < 3; j++) {
            double rho = spearman(item(I, "abc", i), item(I, "abc", j));
            cr_expect(fabs(rho - 0.6) < SPEARMAN_TOL, "pair %zu-%zu: Spearman %g, target 0.6", i, j,
                      rho);
        }
    /* the matrix, entry by entry */
    double target[3][3] = { { 1, 0.8, -0.3 }, { 0.8, 1, -0.2 }, { -0.3, -0.2, 1 } };
    for (size_t i = 0; i < 3; i++)
        for (size_t j = i + 1; j < 3; j++) {
            double rho = spearman(item(I, "m", i), item(I, "m", j));
            cr_expect(fabs(rho - target[i][j]) < SPEARMAN_TOL,
                      "pair %zu-%zu: Spearman %g, target %g", i, j, rho, target[i][j]);
        }
    /* the independent draws themselves are not correlated (the test can fail) */
    cr_expect(fabs(spearman(dist(I, "a"), dist(I, "b"))) < 0.02);
    interp_free(I);
}

static double variance(const DistObj *d)
{
    double m = 0, q = 0;
    for (size_t i = 0; i < d->n; i++) m += d->stored[i];
    m /= (double)d->n;
    for (size_t i = 0; i < d->n; i++) q += (d->stored[i] - m) * (d->stored[i] - m);
    return q / (double)(d->n - 1);
}

Test(correlate, variance_of_a_sum_of_correlated_normals)
{
    Interp *I = make(11, 2);
    run(I,
        "let a = normal(0, 3)\nlet b = normal(0, 4)\nlet ab = correlate([a, b], 0.6)\n"
        "let s = ab[0] + ab[1]\nlet t = a + b\n");
    /* rank correlation 0.6 → Pearson 2 sin(0.1π) = 0.6180340 (Kruskal 1958):
     * Var = 9 + 16 + 2 × 0.6180340 × 12 = 39.832816.  Independent: 25. */
    double expected = 9 + 16 + 2 * (2 * sin(M_PI * 0.6 / 6)) * 3 * 4;
    double v = variance(dist(I, "s"));
    /* The standard error of a sample variance of a normal is Var·√(2/(n−1))
     * = 0.178 at 100,000 samples; 4 of them is 0.71. */
    cr_expect(fabs(v - expected) < 4 * expected * sqrt(2.0 / (NS - 1)), "Var %g, expected %g", v,
              expected);
    cr_expect(fabs(variance(dist(I, "t")) - 25) < 4 * 25 * sqrt(2.0 / (NS - 1)));
    interp_free(I);
}

Test(correlate, same_seed_same_bytes_with_1_and_2_threads)
{
    Interp *one = make(3, 1), *two = make(3, 2), *other = make(4, 2);
    run(one, three);
    run(two, three);
    run(other, three);
    for (size_t j = 0; j < 3; j++) {
        cr_expect(
            memcmp(item(one, "m", j)->stored, item(two, "m", j)->stored, NS * sizeof(double)) == 0);
        cr_expect(memcmp(item(one, "m", j)->stored, item(other, "m", j)->stored,
                         NS * sizeof(double)) != 0);
    }
    interp_free(one);
    interp_free(two);
    interp_free(other);
}

Test(correlate, refuses_distributions_of_different_sample_counts)
{
    /* Only reachable from C (one run draws every distribution with the same
     * --samples): a 5-sample distribution bound beside the 100,000 drawn. */
    Interp *I = make(1, 1);
    Value small = value_dist_new(5);
    for (size_t i = 0; i < 5; i++) as_dist(small)->stored[i] = (double)i;
    interp_define(I, "small", small);
    value_release(small);
    Value v = value_nil();
    cr_assert(!interp_run_string(I, "<test>", "correlate([normal(0, 1), small], 0.5)", &v));
    cr_expect(strstr(interp_error(I)->message, "item 2 has 5 samples but item 1 has 100000"), "%s",
              interp_error(I)->message);
    interp_free(I);
}
