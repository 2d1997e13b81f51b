/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_dist.c — distribution constructors, `a to b`, P(), summary() and the
 * display, through the interpreter (stdlib/dist.c).
 *
 * Statistical checks compare with analytic values within 4 standard errors
 * (false alarm about 6e-5 per check): the mean's standard error is sd/√n, a
 * quantile's is √(p(1−p)/n) / f(x_p) with f the analytic density.  The
 * array summaries are compared with numpy's results on the same data. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/uncertainty/dist.h"
#include "stdlib/stats/summary.h"
#include "stdlib/stdlib.h"

#define NS  100000
#define Z95 1.6448536269514722 /* scipy.stats.norm.ppf(0.95) */

static Interp *make(size_t samples, uint64_t seed, int threads)
{
    Settings s = {
        .samples = samples, .seed = seed, .min_cell = 11, .format = FORMAT_TEXT, .threads = threads
    };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    return I;
}

static Value eval(Interp *I, const char *code)
{
    Value v = value_nil();
    bool ok = interp_run_string(I, "<test>", code, &v);
    if (!ok) {
        interp_print_error(I, stderr);
        cr_assert(ok, "evaluation failed: %s", code);
    }
    return v;
}

static char *error_of(const char *code)
{
    Interp *I = make(1000, 1, 1);
    Value v = value_nil();
    cr_assert(!interp_run_string(I, "<test>", code, &v), "expected an error: %s", code);
    char *msg = strdup(interp_error(I)->message);
    interp_free(I);
    return msg;
}

static double mean_of(const DistObj *d)
{
    double s = 0;
    for (size_t i = 0; i < d->n; i++) s += d->stored[i];
    return s / (double)d->n;
}

static double quantile_of(const DistObj *d, double p)
{
    double q;
    cr_assert(dist_quantiles(d->stored, d->n, &p, 1, &q));
    return q;
}

static double normal_density(double x, double mu, double sd)
{
    double z = (x - mu) / sd;
    return exp(-z * z / 2) / (sd * sqrt(2 * M_PI));
}

Test(dist, quantiles_match_numpy)
{
    /* numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0.05, 0.25, 0.5, 0.9]) =
     * [1.0, 1.75, 3.5, 6.9]; population std (ddof=0) = 2.5708704751503917 */
    double x[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, ps[] = { 0.05, 0.25, 0.5, 0.9 }, q[4];
    cr_assert(dist_quantiles(x, 8, ps, 4, q));
    cr_expect_float_eq(q[0], 1.0, 1e-12);
    cr_expect_float_eq(q[1], 1.75, 1e-12);
    cr_expect_float_eq(q[2], 3.5, 1e-12);
    cr_expect_float_eq(q[3], 6.9, 1e-12);
    DistSummary s;
    cr_assert(dist_summarize(x, 8, &s));
    cr_expect_float_eq(s.mean, 3.875, 1e-12);
    cr_expect_float_eq(s.sd, 2.5708704751503917, 1e-12);
    cr_expect_eq(s.n, 8);
    cr_expect(!dist_summarize(x, 0, &s));
}

static int cmp_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The C standard's example generator (rand() in ISO C 7.22.2.2): test data
 * that is the same on every machine. */
static void next_seed(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
}

Test(dist, quantiles_agree_with_the_sorted_definition)
{
    /* numpy's "linear" rule on sorted data: x[k] + (h − k)(x[k+1] − x[k]),
     * h = (n − 1) p — compared with the selection, on data with many ties,
     * quantiles requested out of order, NaN (missing) samples skipped. */
    enum { N = 5001 };
    static double x[N], sorted[N];
    size_t kept = 0;
    unsigned seed = 12345;
    for (size_t i = 0; i < N; i++) {
        next_seed(&seed);
        x[i] = (i % 97 == 0) ? NAN : (double)((seed >> 16) % 300);
        if (!isnan(x[i])) sorted[kept++] = x[i];
    }
    qsort(sorted, kept, sizeof(double), cmp_doubles);
    double ps[] = { 0.95, 0.01, 0.5, 0.05, 1, 0, 0.333, 0.25, 0.99, 0.75 }, q[10];
    cr_assert(dist_quantiles(x, N, ps, 10, q));
    for (int i = 0; i < 10; i++) {
        double h = (double)(kept - 1) * ps[i];
        size_t k = (size_t)floor(h);
        double want = k + 1 < kept ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
        cr_expect_float_eq(q[i], want, 1e-12, "p = %g: %g, expected %g", ps[i], q[i], want);
    }
}

Test(dist, normal_from_interval)
{
    /* normal(p5: 80, p95: 120): mean 100, sd 40 / (2 × 1.6449) = 12.159. */
    Interp *I = make(NS, 7, 2);
    Value v = eval(I, "normal(p5: 80, p95: 120)");
    cr_assert_eq(v.kind, V_DIST);
    const DistObj *d = as_dist(v);
    cr_assert_eq(d->n, NS);
    double sd = 20 / Z95;
    cr_expect(fabs(mean_of(d) - 100) < 4 * sd / sqrt(NS));
    double se_q = sqrt(0.05 * 0.95 / NS) / normal_density(80, 100, sd);
    cr_expect(fabs(quantile_of(d, 0.05) - 80) < 4 * se_q, "p5 = %g", quantile_of(d, 0.05));
    cr_expect(fabs(quantile_of(d, 0.95) - 120) < 4 * se_q, "p95 = %g", quantile_of(d, 0.95));
    value_release(v);
    interp_free(I);
}

Test(dist, lognormal_from_median_and_p95)
{
    /* lognormal(median: 9000, p95: 13500): ln X ~ N(ln 9000, ln 1.5 / 1.6449). */
    Interp *I = make(NS, 8, 2);
    Value v = eval(I, "lognormal(median: 9000 EUR, p95: 13500 EUR)");
    const DistObj *d = as_dist(v);
    cr_expect(dim_is_money(I, v.dim));
    double mu = log(9000), sigma = log(1.5) / Z95;
    /* ln of the sample median is the median of ln X: compare in log space. */
    double se = sqrt(0.25 / NS) / normal_density(mu, mu, sigma);
    cr_expect(fabs(log(quantile_of(d, 0.5)) - mu) < 4 * se);
    double se95 = sqrt(0.05 * 0.95 / NS) / normal_density(mu + Z95 * sigma, mu, sigma);
    cr_expect(fabs(log(quantile_of(d, 0.95)) - log(13500)) < 4 * se95);
    value_release(v);
    interp_free(I);
}

Test(dist, to_is_lognormal_for_positive_ends_and_normal_otherwise)
{
    Interp *I = make(NS, 9, 2);
    /* 2 to 8: lognormal, ln X ~ N(ln 4, ln 2 / 1.6449): median 4 (not 5). */
    Value v = eval(I, "2 to 8");
    const DistObj *d = as_dist(v);
    double sigma = log(2) / Z95;
    double se = sqrt(0.25 / NS) / normal_density(log(4), log(4), sigma);
    cr_expect(fabs(log(quantile_of(d, 0.5)) - log(4)) < 4 * se, "median %g", quantile_of(d, 0.5));
    value_release(v);
    /* -1 to 1: normal with mean 0 and sd 1 / 1.6449. */
    v = eval(I, "-1 to 1");
    cr_expect(fabs(mean_of(as_dist(v))) < 4 * (1 / Z95) / sqrt(NS));
    size_t negative = 0;
    for (size_t i = 0; i < NS; i++) negative += as_dist(v)->stored[i] < 0;
    cr_expect(negative > 0);
    value_release(v);
    interp_free(I);
}

Test(dist, pert_uniform_triangular_means)
{
    /* PERT mean (a + 4m + b)/6 = 0.2583; sd sqrt((mean−a)(b−mean)/7).
     * triangular mean (a+m+b)/3; uniform mean (a+b)/2, sd (b−a)/√12. */
    Interp *I = make(NS, 10, 2);
    Value v = eval(I, "pert(15%, 25%, 40%)");
    double mean = (0.15 + 4 * 0.25 + 0.40) / 6, sd = sqrt((mean - 0.15) * (0.40 - mean) / 7);
    cr_expect(fabs(mean_of(as_dist(v)) - mean) < 4 * sd / sqrt(NS));
    cr_expect(v.flags & VF_PERCENT, "percent parameters give percent samples");
    value_release(v);
    v = eval(I, "triangular(1, 2, 6)");
    double tvar = (1 + 4 + 36 - 2 - 6 - 12) / 18.0;
    cr_expect(fabs(mean_of(as_dist(v)) - 3) < 4 * sqrt(tvar / NS));
    value_release(v);
    v = eval(I, "uniform(800 EUR, 1600 EUR)");
    cr_expect(fabs(mean_of(as_dist(v)) - 1200) < 4 * (800 / sqrt(12)) / sqrt(NS));
    cr_expect(dim_is_money(I, v.dim));
    value_release(v);
    interp_free(I);
}

Test(dist, discrete_empirical_and_mixture)
{
    Interp *I = make(NS, 11, 2);
    /* choice: mean 10·0.25 + 20·0.75 = 17.5, sd √(0.25·0.75)·10 = 4.33. */
    Value v = eval(I, "choice([10, 20], weights: [1, 3])");
    cr_expect(fabs(mean_of(as_dist(v)) - 17.5) < 4 * 4.33 / sqrt(NS));
    value_release(v);
    /* empirical of [1, 2, 3, 4]: mean 2.5, sd √1.25. */
    v = eval(I, "empirical([1, 2, 3, 4])");
    cr_expect(fabs(mean_of(as_dist(v)) - 2.5) < 4 * sqrt(1.25 / NS));
    value_release(v);
    /* mixture of the constants 0 and 10, weights 1:4: mean 8, sd 4. */
    v = eval(I, "mixture([0, 10], weights: [1, 4])");
    cr_expect(fabs(mean_of(as_dist(v)) - 8) < 4 * 4 / sqrt(NS));
    value_release(v);
    interp_free(I);
}

Test(dist, P_of_conditions)
{
    Interp *I = make(NS, 12, 2);
    /* P(N(0,1) > 1.6449) = 5%: binomial standard error √(0.05·0.95/n). */
    Value v = eval(I, "P(normal(0, 1) > 1.6448536269514722)");
    cr_assert_eq(v.kind, V_NUM);
    cr_expect(fabs(v.as.num - 0.05) < 4 * sqrt(0.05 * 0.95 / NS), "P = %g", v.as.num);
    v = eval(I, "P(3 > 2)");
    cr_expect_eq(v.as.num, 1);
    v = eval(I, "P(bernoulli(0.3))");
    cr_expect(fabs(v.as.num - 0.3) < 4 * sqrt(0.21 / NS));
    interp_free(I);
}

Test(dist, summary_record)
{
    Interp *I = make(NS, 13, 2);
    Value v = eval(I, "let s = summary(normal(50, 10))\n[s.mean, s.sd, s.p5, s.p95, s.n]");
    ListObj *l = as_list(v);
    cr_assert_eq(l->n, 5);
    cr_expect(fabs(l->items[0].as.num - 50) < 4 * 10 / sqrt(NS));
    cr_expect(fabs(l->items[1].as.num - 10) < 4 * 10 / sqrt(2.0 * NS));
    double se_q = sqrt(0.05 * 0.95 / NS) / normal_density(50 - 10 * Z95, 50, 10);
    cr_expect(fabs(l->items[2].as.num - (50 - 10 * Z95)) < 4 * se_q);
    cr_expect(fabs(l->items[3].as.num - (50 + 10 * Z95)) < 4 * se_q);
    cr_expect_eq(l->items[4].as.num, NS);
    value_release(v);
    interp_free(I);
}

/* The samples of `let x = ...` from a fresh interpreter. */
static Value samples_of(const char *code, uint64_t seed, int threads)
{
    Interp *I = make(NS, seed, threads);
    Value v = value_nil();
    cr_assert(interp_run_string(I, "<test>", code, &v));
    cr_assert(interp_lookup(I, "x", &v));
    value_retain(v);
    interp_free(I);
    return v;
}

Test(dist, same_seed_same_bytes_any_thread_count)
{
    const char *code = "let x = pert(1, 2, 5) + normal(0, 1)";
    Value a = samples_of(code, 5, 1), b = samples_of(code, 5, 2), c = samples_of(code, 6, 2);
    cr_expect(memcmp(as_dist(a)->stored, as_dist(b)->stored, NS * sizeof(double)) == 0);
    cr_expect(memcmp(as_dist(a)->stored, as_dist(c)->stored, NS * sizeof(double)) != 0);
    value_release(a);
    value_release(b);
    value_release(c);
}

Test(dist, editing_one_parameter_does_not_reshuffle_another)
{
    Value a = samples_of("let y = uniform(0, 1)\nlet x = normal(0, 1)", 5, 2);
    Value b = samples_of("let y = uniform(5, 9)\nlet x = normal(0, 1)", 5, 2);
    Value c = samples_of("let x = normal(0, 1)", 5, 2);
    cr_expect(memcmp(as_dist(a)->stored, as_dist(b)->stored, NS * sizeof(double)) == 0);
    cr_expect(memcmp(as_dist(a)->stored, as_dist(c)->stored, NS * sizeof(double)) == 0);
    value_release(a);
    value_release(b);
    value_release(c);
}

Test(dist, two_draws_in_one_binding_are_independent)
{
    /* x − x' for independent N(0,1) has sd √2; the same stream twice would give 0. */
    Value a = samples_of("let x = normal(0, 1) - normal(0, 1)", 5, 2);
    double ss = 0;
    for (size_t i = 0; i < NS; i++) ss += as_dist(a)->stored[i] * as_dist(a)->stored[i];
    cr_expect(fabs(sqrt(ss / NS) - sqrt(2)) < 4 * sqrt(2) / sqrt(2.0 * NS));
    value_release(a);
}

Test(dist, display_of_a_three_valued_distribution)
{
    /* choice([1,2,3]): median 2, p5 1, p95 3; the histogram between p1 = 1
     * and p99 = 3 has its three bars in bins 0, 10 and 19, each near-equal. */
    Interp *I = make(NS, 14, 2);
    Value v = eval(I, "choice([1, 2, 3])");
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    cr_expect_str_eq(b.data, "2 (90%: 1 to 3) █         █        █");
    sb_free(&b);
    value_release(v);
    interp_free(I);
}

Test(dist, messages_name_the_parameter_and_value)
{
    char *m = error_of("normal(5, -3)");
    cr_expect_str_eq(m, "normal(mean, sd): sd must be positive, got -3");
    free(m);
    m = error_of("uniform(5, 2)");
    cr_expect_str_eq(m, "uniform(a, b): b must be greater than a, got 2");
    free(m);
    m = error_of("pert(10%, 50%, 40%)");
    cr_expect_str_eq(
        m, "pert(a, m, b): m must be between a and b (it is the most likely value), got 50%");
    free(m);
    m = error_of("normal(9000 EUR, 2 year)");
    cr_expect_str_eq(m, "normal(mean, sd): mean is in EUR but sd is in year");
    free(m);
    m = error_of("normal(p5: 10)");
    cr_expect_str_eq(
        m, "normal(mean, sd): a 90% interval needs both ends, p5 (or lo) and p95 (or hi)");
    free(m);
    m = error_of("beta(2, 0)");
    cr_expect_str_eq(m, "beta(a, b): b must be positive, got 0");
    free(m);
    m = error_of("5 to 1");
    cr_expect_str_eq(m, "a to b: the high end must be greater than the low end, got 1");
    free(m);
    m = error_of("P(normal(0, 1))");
    cr_expect_str_eq(
        m, "P(condition): expects a condition such as x > 3, got a distribution of numbers");
    free(m);
    m = error_of("normal(0, 1, sd2: 3)");
    cr_expect_str_eq(m, "normal(mean, sd): unknown argument 'sd2'");
    free(m);
}

Test(dist, monte_carlo_sroi_identical_whatever_the_thread_count)
{
    /* The whole chain — sampling, arithmetic, the SROI engine — gives the
     * same bytes with 1 and 2 threads. */
    const char *code =
        "model m \"M\" {\n discount = 3.5%\n stakeholder s \"S\"\n input g \"G\" = 1000 EUR\n"
        " outcome o \"O\" for s {\n  quantity = normal(120, 15)\n  proxy = 2 EUR to 8 EUR\n"
        "  deadweight = pert(15%, 25%, 40%)\n  dropoff = uniform(10%, 30%)\n  duration = 3 year\n "
        "}\n}\n"
        "let x = sroi(m)";
    Value a = samples_of(code, 9, 1), b = samples_of(code, 9, 2);
    cr_assert_eq(a.kind, V_DIST);
    cr_expect(memcmp(as_dist(a)->stored, as_dist(b)->stored, NS * sizeof(double)) == 0);
    value_release(a);
    value_release(b);
}

/* ---- exact order statistics on large samples --------------------------------
 * Above 32768 samples dist_order_stats brackets each rank with a sorted
 * probe and gathers only the samples in the bracket; the answer must still
 * be the exact order statistic, the one a full sort gives (numpy's linear
 * rule on top), whatever the data: ties, missing samples, infinities,
 * sorted data, a constant, and a probe that misleads on purpose. */

static void expect_sorted_definition(const double *x, size_t n, const char *what)
{
    double *sorted = malloc(n * sizeof *sorted);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) sorted[kept++] = x[i];
    qsort(sorted, kept, sizeof(double), cmp_doubles);
    static const double ps[] = { 0.5, 0.05, 0.95, 0, 1, 0.25, 0.75, 0.01, 0.99, 0.333, 0.5 };
    enum { K = sizeof ps / sizeof ps[0] };
    DistRank r[K];
    size_t got_kept;
    cr_assert(dist_order_stats(x, n, ps, K, r, &got_kept), "%s", what);
    cr_expect_eq(got_kept, kept, "%s: kept %zu, expected %zu", what, got_kept, kept);
    double q[K];
    cr_assert(dist_quantiles(x, n, ps, K, q));
    /* with the mean and sd from the brackets' pass: the same ranks, and the
     * very numbers of summary_mean_sd_population (its own two passes) */
    DistRank rm[K];
    double mean, sd, want_mean, want_sd;
    cr_assert(dist_order_stats_moments(x, n, ps, K, rm, &got_kept, &mean, &sd), "%s", what);
    cr_assert(summary_mean_sd_population(x, n, &want_mean, &want_sd, NULL));
    cr_expect(memcmp(&mean, &want_mean, sizeof mean) == 0 && memcmp(&sd, &want_sd, sizeof sd) == 0,
              "%s: mean %.17g sd %.17g, expected %.17g %.17g", what, mean, sd, want_mean, want_sd);
    for (int i = 0; i < K; i++)
        cr_expect(rm[i].at == r[i].at && rm[i].below == r[i].below && rm[i].above == r[i].above,
                  "%s, p = %g: ranks differ with the moments", what, ps[i]);
    for (int i = 0; i < K; i++) {
        double h = (double)(kept - 1) * ps[i];
        size_t k = (size_t)floor(h);
        double above = k + 1 < kept ? sorted[k + 1] : sorted[k];
        cr_expect(r[i].at == k && r[i].below == sorted[k] && r[i].above == above,
                  "%s, p = %g: rank %zu = %g, %g; expected %zu = %g, %g", what, ps[i], r[i].at,
                  r[i].below, r[i].above, k, sorted[k], above);
        /* Hyndman & Fan definition 7; at an exact rank (h whole) the order
         * statistic itself, so an infinite one is not turned into NaN */
        double want =
            h == (double)k ? sorted[k] : sorted[k] + (h - (double)k) * (above - sorted[k]);
        cr_expect(q[i] == want || (isnan(q[i]) && isnan(want)), "%s, p = %g: %g, expected %g", what,
                  ps[i], q[i], want);
    }
    free(sorted);
}

Test(dist, order_statistics_exact_on_large_samples)
{
    enum { N = 200003 };
    double *x = malloc(N * sizeof *x);
    unsigned seed = 777;
    /* many ties and some missing samples */
    for (size_t i = 0; i < N; i++) {
        next_seed(&seed);
        x[i] = (i % 101 == 0) ? NAN : (double)((seed >> 16) % 1000) / 8;
    }
    expect_sorted_definition(x, N, "ties and NaN");
    /* continuous values with infinities at both ends */
    for (size_t i = 0; i < N; i++) {
        next_seed(&seed);
        x[i] = sin((double)seed) * 1e6;
    }
    x[5] = INFINITY;
    x[77] = -INFINITY;
    x[N - 1] = INFINITY;
    expect_sorted_definition(x, N, "infinities");
    /* already sorted, then constant */
    for (size_t i = 0; i < N; i++) x[i] = (double)i * 0.5 - 1000;
    expect_sorted_definition(x, N, "sorted");
    for (size_t i = 0; i < N; i++) x[i] = 4.25;
    expect_sorted_definition(x, N, "constant");
    /* a misleading probe: every probed position (and only those) holds a
     * huge value, so each bracket misses and the full selection answers */
    for (size_t i = 0; i < N; i++) {
        next_seed(&seed);
        x[i] = (double)(seed >> 8);
    }
    for (size_t j = 0; j < 4096; j++)
        x[(size_t)(((unsigned long long)j * N) / 4096)] = 1e300 + (double)j * 1e290;
    expect_sorted_definition(x, N, "misleading probe");
    /* mostly missing */
    for (size_t i = 0; i < N; i++) x[i] = i % 3 ? NAN : (double)(i % 1000);
    expect_sorted_definition(x, N, "mostly missing");
    free(x);
}

/* A million samples: the median's bracket holds about 67,000 of them, more
 * than SUB_MIN, so its ranks are bracketed a second time before selection;
 * still the exact order statistics of a full sort, with ties and NaN too. */
Test(dist, order_statistics_exact_through_a_second_bracket)
{
    enum { N = 1000003 };
    double *x = malloc(N * sizeof *x);
    unsigned seed = 4242;
    for (size_t i = 0; i < N; i++) {
        next_seed(&seed);
        x[i] = sin((double)seed) * 1e3 + (double)(i % 7);
    }
    expect_sorted_definition(x, N, "continuous, a million");
    for (size_t i = 0; i < N; i++) {
        next_seed(&seed);
        x[i] = (i % 53 == 0) ? NAN : (double)((seed >> 16) % 5000) / 4;
    }
    expect_sorted_definition(x, N, "ties and NaN, a million");
    free(x);
}

Test(dist, summary_identical_whatever_the_thread_count)
{
    /* summary() and the display of a large distribution, with 1 and 3
     * threads: the same bytes. */
    const char *code =
        "let x = lognormal(2, 0.5) * normal(10, 2)\nstr(summary(x)) + \" \" + str(x)";
    char *texts[2];
    int threads[2] = { 1, 3 };
    for (int t = 0; t < 2; t++) {
        Interp *I = make(300000, 5, threads[t]);
        Value v = eval(I, code);
        cr_assert_eq(v.kind, V_STR);
        texts[t] = strdup(as_str(v)->data);
        value_release(v);
        interp_free(I);
    }
    cr_expect_str_eq(texts[0], texts[1]);
    free(texts[0]);
    free(texts[1]);
}
