/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_aggregate.c — array statistics (stdlib/summary.c) and the aggregate
 * built-ins with missing values and small-group suppression (aggregate.c).
 * Expected values from Python 3 (statistics module, stated above each test)
 * or by hand. */
#include "runtime/disclosure.h"
#include "tests/unit/data_fixture.h"

#include "stdlib/privacy/privacy.h"
#include "stdlib/stats/summary.h"

/* x = [3, 5, 8, 13, 21, 34, 2, 9, 11, 7]: statistics.mean = 11.3,
 * statistics.stdev = 9.672986439909169, statistics.median = 8.5 */
Test(summary, mean_sd_median_skip_missing)
{
    double x[] = { 3, NAN, 5, 8, 13, 21, 34, NAN, 2, 9, 11, 7 };
    size_t used;
    DATA_CLOSE(summary_mean(x, 12, &used), 11.3, 1e-15);
    cr_expect_eq(used, 10);
    DATA_CLOSE(summary_sd(x, 12, &used), 9.672986439909169, 1e-13);
    double med;
    cr_assert(summary_median(x, 12, &med, &used));
    cr_expect_eq(med, 8.5);
    cr_expect_eq(summary_min(x, 12, NULL), 2);
    cr_expect_eq(summary_max(x, 12, NULL), 34);
    cr_expect_eq(summary_sum(x, 12, NULL), 113);
    cr_expect_eq(summary_count(x, 12), 10);
}

/* numpy.quantile(x, p) with the default "linear" method, x as above:
 * p = 0.05 -> 2.45, 0.25 -> 5.5, 0.9 -> 22.3, 1 -> 34, 0 -> 2
 * (h = 9p; x_sorted = 2 3 5 7 8 9 11 13 21 34) */
Test(summary, quantile_linear_interpolation)
{
    double x[] = { 3, 5, 8, 13, 21, 34, 2, 9, 11, 7 };
    double q;
    cr_assert(summary_quantile(x, 10, 0.05, &q, NULL));
    DATA_CLOSE(q, 2.45, 1e-12);
    cr_assert(summary_quantile(x, 10, 0.25, &q, NULL));
    DATA_CLOSE(q, 5.5, 1e-12);
    cr_assert(summary_quantile(x, 10, 0.9, &q, NULL));
    DATA_CLOSE(q, 22.3, 1e-12);
    cr_assert(summary_quantile(x, 10, 1, &q, NULL));
    cr_expect_eq(q, 34);
    cr_assert(summary_quantile(x, 10, 0, &q, NULL));
    cr_expect_eq(q, 2);
    cr_expect_not(summary_quantile(x, 10, 1.5, &q, NULL));
    double none[] = { NAN };
    cr_expect_not(summary_quantile(none, 1, 0.5, &q, NULL));
}

/* Selection against a sort on many random arrays with ties. */
static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

Test(summary, quantile_matches_sorting)
{
    srand(7);
    for (int t = 0; t < 500; t++) {
        size_t n = 1 + (size_t)(rand() % 200);
        double x[200], s[200];
        for (size_t i = 0; i < n; i++) x[i] = s[i] = rand() % 13;
        qsort(s, n, sizeof *s, cmp);
        double p = (rand() % 101) / 100.0, h = (double)(n - 1) * p, q;
        size_t k = (size_t)h;
        double want = k + 1 < n ? s[k] + (h - (double)k) * (s[k + 1] - s[k]) : s[k];
        cr_assert(summary_quantile(x, n, p, &q, NULL));
        cr_assert(fabs(q - want) < 1e-9, "n=%zu p=%g: %g != %g", n, p, q, want);
    }
}

/* t interval: scipy.stats.t.ppf(0.975, 9) = 2.2621571627409915;
 * 11.3 -+ 2.2621571627 * 9.672986439909169 / sqrt(10) = 4.380362349025392, 18.21963765097461 */
Test(summary, t_interval)
{
    double lo, hi;
    cr_assert(summary_t_interval(11.3, 9.672986439909169, 10, 0.95, &lo, &hi));
    DATA_CLOSE(lo, 4.380362349025392, 1e-9);
    DATA_CLOSE(hi, 18.21963765097461, 1e-9);
    cr_expect_not(summary_t_interval(1, 1, 1, 0.95, &lo, &hi));
}

/* Newcombe (1998), Stat Med 17:857, Table I, Wilson score: 81/263 -> 0.2553 to 0.3662 */
Test(summary, wilson)
{
    double lo, hi;
    cr_assert(summary_wilson(81, 263, 0.95, &lo, &hi));
    DATA_CLOSE(lo, 0.2553, 5e-5);
    DATA_CLOSE(hi, 0.3662, 5e-5);
    cr_assert(summary_wilson(0, 20, 0.95, &lo, &hi)); /* 0 to 0.1611 */
    DATA_CLOSE(lo, 0, 1e-12);
    DATA_CLOSE(hi, 0.1611, 5e-5);
    cr_expect_not(summary_wilson(3, 0, 0.95, &lo, &hi));
}

/* Compensated sums: 1e16 + 1 - 1e16 is 1, not 0 as naive summation gives. */
Test(summary, compensated_sum)
{
    double x[] = { 1e16, 1, -1e16 };
    cr_expect_eq(summary_sum(x, 3, NULL), 1);
}

Test(aggregate, suppressed_below_threshold_and_unusable)
{
    Interp *I = data_interp(11);
    Value v;
    /* data_people.csv: Gamma has 5 people */
    cr_assert(data_run(I, "count(csv(\"%s\") where cae == \"Gamma\")", "data_people.csv", &v));
    cr_expect(disclosure_is_suppressed(v));
    cr_expect_eq(disclosure_suppressed_threshold(v), 11);
    value_release(v);
    cr_expect_not(
        data_run(I, "table(x: count(csv(\"%s\") where cae == \"Gamma\"))", "data_people.csv", &v));
    cr_expect(strstr(interp_error(I)->message,
                     "suppressed because it concerns fewer than 11 people") != NULL);
    interp_clear_error(I);
    /* Alpha: 14 people */
    cr_assert(data_run(I, "count(csv(\"%s\") where cae == \"Alpha\")", "data_people.csv", &v));
    cr_expect_eq(data_num(v), 14);
    interp_free(I);
}

/* QA2 D1, the subtraction route: data_people.csv has 30 rows, Gamma 5
 * (counted by hand), so the 25 outside Gamma give Gamma back by
 * count(T) − count(T where cae != "Gamma"). */
Test(aggregate, filtered_count_hidden_when_its_rest_is_small)
{
    Interp *I = data_interp(11);
    Value v;
    cr_assert(data_run(I, "count(csv(\"%s\") where cae != \"Gamma\")", "data_people.csv", &v));
    cr_expect(disclosure_is_suppressed(v));
    value_release(v);
    cr_assert(data_run(I, "mean(csv(\"%s\") where cae != \"Gamma\", \"revenue\")",
                       "data_people.csv", &v));
    cr_expect(disclosure_is_suppressed(v));
    value_release(v);
    /* chained: the whole is the first table (30 rows), so 25 rows are still 5 short */
    cr_assert(
        data_run(I, "let p = csv(\"%s\")\ncount((p where cae != \"Gamma\") where cae != \"Delta\")",
                 "data_people.csv", &v));
    cr_expect(disclosure_is_suppressed(v));
    value_release(v);
    /* 14 in Alpha, 16 left out: shown */
    cr_assert(data_run(I, "count(csv(\"%s\") where cae == \"Alpha\")", "data_people.csv", &v));
    cr_expect_eq(data_num(v), 14);
    /* every row kept: nothing left out */
    cr_assert(data_run(I, "count(csv(\"%s\") where true)", "data_people.csv", &v));
    cr_expect_eq(data_num(v), 30);
    interp_free(I);
}

/* QA2 D9: share(T where C) divides by the rows of T: Alpha 14 of 30 (by hand) */
Test(aggregate, share_of_a_filtered_table)
{
    Interp *I = data_interp(11);
    Value v;
    cr_assert(data_run(I, "share(csv(\"%s\") where cae == \"Alpha\")", "data_people.csv", &v));
    DATA_CLOSE(data_num(v), 14.0 / 30.0, 1e-15);
    cr_assert(data_run(I, "share(csv(\"%s\") where cae == \"Gamma\")", "data_people.csv", &v));
    cr_expect(disclosure_is_suppressed(v));
    value_release(v);
    cr_expect_not(data_run(I, "share(csv(\"%s\"))", "data_people.csv", &v));
    interp_clear_error(I);
    interp_free(I);
}

/* QA3 Q0b: rows where the condition is missing are neither yes nor no: left
 * out of the whole (as mean(C) does) and warned.  By hand (Python on
 * data_people.csv): 13 of the 25 known revenues are over 20000; 12 are not. */
Test(aggregate, share_of_a_filtered_table_skips_missing_condition)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "share(csv(\"%s\") where revenue > 20000)", "data_people.csv", &v));
    DATA_CLOSE(data_num(v), 13.0 / 25.0, 1e-15);
    cr_expect_eq(interp_warning_count(I), 1);
    cr_expect(strstr(interp_warning_text(I, 0), "share skipped 5 missing values of 30") != NULL);
    cr_assert(data_run(I, "share(csv(\"%s\") where not (revenue > 20000))", "data_people.csv", &v));
    DATA_CLOSE(data_num(v), 12.0 / 25.0, 1e-15);
    interp_free(I);
}

Test(aggregate, table_threshold_lowered_explicitly)
{
    Interp *I = data_interp(11);
    Value v;
    cr_assert(data_run(I, "count(csv(\"%s\", min_cell: 5) where cae == \"Gamma\")",
                       "data_people.csv", &v));
    cr_expect_eq(data_num(v), 5);
    interp_free(I);
}

/* The missing-value warning names the count skipped. */
Test(aggregate, mean_warns_skipped)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "mean(csv(\"%s\").revenue)", "data_people.csv", &v));
    DATA_CLOSE(data_num(v), 21280.02, 1e-9); /* statistics.mean of the 25 revenues */
    cr_expect_eq(interp_warning_count(I), 1);
    cr_expect(strstr(interp_warning_text(I, 0), "mean skipped 5 missing values of 30") != NULL);
    interp_free(I);
}

/* Grouped means: Alpha's 11 revenues, statistics.mean = 20136.409090909092. */
Test(aggregate, grouped_mean_table)
{
    Interp *I = data_interp(11);
    Value v;
    cr_assert(data_run(I, "mean(csv(\"%s\") by cae, \"revenue\")", "data_people.csv", &v));
    const TableObj *t = as_table(v);
    cr_assert_eq(t->nrows, 3);
    cr_expect_str_eq(t->names[3], "mean");
    DATA_CLOSE(t->cols[3]->num[0], 20136.409090909092, 1e-9);
    cr_expect_eq(t->cols[1]->num[0], 11);
    cr_expect_eq(t->cols[2]->num[0], 3);
    cr_expect(isnan(t->cols[3]->num[1])); /* Beta: 10 revenues < 11 */
    value_release(v);
    interp_free(I);
}

Test(aggregate, distributions_and_lists_are_not_people)
{
    Interp *I = data_interp(11);
    Value v;
    cr_assert(data_run(I, "mean([2, 4, 9])", NULL, &v));
    cr_expect_eq(data_num(v), 5);
    cr_assert(data_run(I, "quantile([1, 2, 3, 4], 0.5)", NULL, &v));
    cr_expect_eq(data_num(v), 2.5);
    cr_expect_eq(interp_warning_count(I), 0);
    interp_free(I);
}

/* Distributions are summarised over their samples: samples 1..1000 have
 * mean 500.5, median 500.5, sd sqrt((1000² − 1) / 12) = 288.67499025720952
 * dividing by n, as summary(x).sd and the JSON do (Python:
 * statistics.pstdev(range(1, 1001)); stdev, n − 1, would be 288.8194...),
 * quantile 0.9 at h = 899.1 -> 900.1. */
Test(aggregate, distribution_samples)
{
    Interp *I = data_interp(11);
    Value d = value_dist_new(1000);
    for (size_t i = 0; i < 1000; i++) as_dist(d)->stored[999 - i] = (double)(i + 1);
    interp_define(I, "d", d);
    value_release(d);
    Value v;
    cr_assert(
        data_run(I, "[mean(d), median(d), sd(d), quantile(d, 0.9), min(d), max(d)]", NULL, &v));
    ListObj *l = as_list(v);
    cr_expect_eq(data_num(l->items[0]), 500.5);
    cr_expect_eq(data_num(l->items[1]), 500.5);
    DATA_CLOSE(data_num(l->items[2]), 288.67499025720952, 1e-9);
    DATA_CLOSE(data_num(l->items[3]), 900.1, 1e-9);
    cr_expect_eq(data_num(l->items[4]), 1);
    cr_expect_eq(data_num(l->items[5]), 1000);
    cr_expect_eq(interp_warning_count(I), 0);
    value_release(v);
    interp_free(I);
}

/* Missing samples are left out of a distribution's figures, with a warning
 * that counts them: samples 1, NaN, 3, NaN have mean 2, sd (pstdev of 1, 3) 1. */
Test(aggregate, distribution_missing_samples_left_out_and_counted)
{
    Interp *I = data_interp(11);
    Value d = value_dist_new(4);
    double s[] = { 1, NAN, 3, NAN };
    memcpy(as_dist(d)->stored, s, sizeof s);
    interp_define(I, "d", d);
    value_release(d);
    Value v;
    cr_assert(data_run(I, "[mean(d), sd(d)]", NULL, &v));
    cr_expect_eq(data_num(as_list(v)->items[0]), 2);
    cr_expect_eq(data_num(as_list(v)->items[1]), 1);
    cr_expect_eq(interp_warning_count(I), 2);
    cr_expect(strstr(interp_warning_text(I, 0), "2 missing samples of 4") != NULL, "%s",
              interp_warning_text(I, 0));
    value_release(v);
    interp_free(I);
}

/* An overflowing figure is an error at the call, not inf nor an sd message:
 * 1e308 + 1e308 exceeds the largest double (about 1.8e308); their mean does not. */
Test(aggregate, overflow_is_an_error)
{
    Interp *I = data_interp(11);
    Value v;
    cr_expect_not(data_run(I, "sum([1e308, 1e308])", NULL, &v));
    cr_expect(strstr(interp_error(I)->message, "too large") != NULL, "%s",
              interp_error(I)->message);
    interp_clear_error(I);
    cr_assert(data_run(I, "mean([1e308, 1e308])", NULL, &v));
    cr_expect_eq(data_num(v), 1e308);
    interp_free(I);
}

/* The one quantile rule keeps a constant exact: for 0.1 repeated, the 0.3
 * quantile (h = 0.3 × 9 = 2.7, between two 0.1) is 0.1 itself, where the
 * form (1 − 0.7) × 0.1 + 0.7 × 0.1 of gsl_stats_quantile_from_sorted_data
 * gives 0.09999999999999999 (checked in Python). */
Test(summary, quantile_of_a_constant_is_the_constant)
{
    double x[10];
    for (int i = 0; i < 10; i++) x[i] = 0.1;
    double q;
    cr_assert(summary_quantile(x, 10, 0.3, &q, NULL));
    cr_expect_eq(q, 0.1);
    cr_expect_eq(summary_quantile_sorted(x, 10, 0.3), 0.1);
    cr_expect_eq(summary_interpolate(0.1, 0.1, 0.7), 0.1);
}

/* The 3rd and 4th smallest (0-based 2 and 3) of 5 1 4 1 5 9 2 6 sorted
 * (1 1 2 4 5 5 6 9) are 2 and 4; the 4th and 5th are 5 and 5 (a tie). */
Test(summary, order_pair_with_ties)
{
    double x[] = { 5, 1, 4, 1, 5, 9, 2, 6 }, below, above;
    summary_order_pair(x, 8, 2, &below, &above);
    cr_expect(below == 2 && above == 4, "%g %g", below, above);
    double y[] = { 5, 1, 4, 1, 5, 9, 2, 6 };
    summary_order_pair(y, 8, 4, &below, &above);
    cr_expect(below == 5 && above == 5, "%g %g", below, above);
    double z[] = { 5, 1, 4, 1, 5, 9, 2, 6 };
    summary_order_pair(z, 8, 7, &below, &above); /* the last: above = below */
    cr_expect(below == 9 && above == 9, "%g %g", below, above);
}

/* ---- the population mean and sd of samples (summary_mean_sd_population) ---- */

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

/* By hand: 2 4 4 4 5 5 7 9 has mean 40 / 8 = 5 and squared deviations
 * 9 1 1 1 0 0 4 16, 32 / 8 = 4, so a population sd of exactly 2. */
Test(summary, mean_sd_population_by_hand)
{
    double x[] = { 2, 4, NAN, 4, 4, 5, 5, 7, NAN, 9 }, mean, sd;
    size_t used;
    cr_assert(summary_mean_sd_population(x, 10, &mean, &sd, &used));
    cr_expect_eq(used, 8);
    cr_expect_eq(mean, 5);
    cr_expect_eq(sd, 2);
    cr_expect(!summary_mean_sd_population(x + 2, 1, &mean, &sd, &used) && isnan(mean) && isnan(sd));
}

/* GSL's running mean (gsl_stats_mean) and its variance about a given mean
 * (gsl_stats_variance_with_fixed_mean, which divides by n): an independent
 * computation, to 1e-12 relative, on arrays of every length up to 1000
 * (each branch of the pairwise sums and their remainders) and on a million
 * normal samples around 1e6 (sd 1: a mean far from 0 beside a small
 * spread, where the squares cancel), with NaN among them skipped. */
Test(summary, mean_sd_population_matches_gsl)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    size_t big = 1000000;
    double *x = malloc(big * sizeof *x), *kept = malloc(big * sizeof *kept);
    cr_assert(r && x && kept);
    for (size_t n = 1; n <= big; n = n < 1000 ? n + 1 : big) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            x[i] = 1e6 + gsl_ran_gaussian_ziggurat(r, 1.0);
            if (i % 97 == 13)
                x[i] = NAN;
            else
                kept[k++] = x[i];
        }
        double mean, sd, want_mean = gsl_stats_mean(kept, 1, k);
        double want_sd = sqrt(gsl_stats_variance_with_fixed_mean(kept, 1, k, want_mean));
        size_t used;
        cr_assert(summary_mean_sd_population(x, n, &mean, &sd, &used));
        cr_assert_eq(used, k, "n %zu", n);
        cr_assert(fabs(mean - want_mean) <= 1e-12 * fabs(want_mean), "n %zu: mean %.17g, GSL %.17g",
                  n, mean, want_mean);
        cr_assert(fabs(sd - want_sd) <= 1e-12 * fmax(want_sd, 1e-300) || (k == 1 && sd == 0),
                  "n %zu: sd %.17g, GSL %.17g", n, sd, want_sd);
        if (n == big) break;
    }
    free(x);
    free(kept);
    gsl_rng_free(r);
}

/* Pairwise sums are the better numerics: a million copies of 0.1 added one
 * after the other give 100000.00000133288 (a relative error of 1.3e-11,
 * Python's sum([0.1] * 10**6)), while the pairwise mean is 0.1 within two
 * units in the last place, and the sd 0 within the rounding of 0.1. */
Test(summary, mean_population_pairwise_is_exact_enough)
{
    size_t n = 1000000;
    double *x = malloc(n * sizeof *x), mean, sd;
    cr_assert(x);
    for (size_t i = 0; i < n; i++) x[i] = 0.1;
    cr_assert(summary_mean_sd_population(x, n, &mean, &sd, NULL));
    cr_expect(fabs(mean - 0.1) <= 2 * 1.3878e-17, "mean %.17g", mean);
    cr_expect(sd <= 1e-17, "sd %.17g", sd);
    free(x);
}

/* The second pass takes back what rounding left in the mean: samples of
 * 1e9 plus a spread of a thousandth (the mean's rounding, up to 6e-8, is
 * not small beside that spread).  The reference is the same two-pass
 * computation in long double (64 bits of mantissa), so about 2^-64
 * relative; without the correction the sd is off by about 1e-9. */
Test(summary, sd_population_corrects_the_mean_rounding)
{
    enum { N = 3001 };
    double x[N], mean, sd;
    for (size_t i = 0; i < N; i++) x[i] = 1e9 + (double)(i % 7) * 1e-3 + (double)(i % 11) * 3e-4;
    long double sum = 0, squares = 0;
    for (size_t i = 0; i < N; i++) sum += x[i];
    long double m = sum / N;
    for (size_t i = 0; i < N; i++) squares += (x[i] - m) * (x[i] - m);
    double want = (double)sqrtl(squares / N);
    cr_assert(summary_mean_sd_population(x, N, &mean, &sd, NULL));
    cr_expect(fabs(sd - want) <= 1e-12 * want, "sd %.17g, long double %.17g", sd, want);
}

/* Spreads whose squares leave the range of doubles.  By hand: 1e-309,
 * 2e-309, 3e-309 have mean 2e-309 and deviations -1e-309, 0, 1e-309, so a
 * sample variance of 2e-618 / 2 and an sd of 1e-309 (Python's exact
 * statistics.stdev: 1e-309; GSL's gsl_stats_sd: 0, its squares underflow);
 * the population sd is sqrt(2/3) * 1e-309.  1e200, -1e200, 0 have mean 0 and
 * the same shape: sd 1e200 (statistics.stdev: 1e200; gsl_stats_sd: inf).
 * Subnormal numbers near 1e-309 keep about 45 bits: to 1e-12 relative. */
Test(summary, sd_of_tiny_and_huge_spreads)
{
    double tiny[] = { 1e-309, NAN, 2e-309, 3e-309 }, huge[] = { 1e200, -1e200, 0 };
    double mean, sd;
    DATA_CLOSE(summary_sd(tiny, 4, NULL) / 1e-309, 1.0, 1e-12);
    cr_assert(summary_mean_sd(tiny, 4, &mean, &sd, NULL));
    DATA_CLOSE(sd / 1e-309, 1.0, 1e-12);
    cr_assert(summary_mean_sd_population(tiny, 4, &mean, &sd, NULL));
    DATA_CLOSE(sd / 1e-309, sqrt(2.0 / 3.0), 1e-12);
    DATA_CLOSE(summary_sd(huge, 3, NULL) / 1e200, 1.0, 1e-15);
    cr_assert(summary_mean_sd_population(huge, 3, &mean, &sd, NULL));
    DATA_CLOSE(sd / 1e200, sqrt(2.0 / 3.0), 1e-15);
    /* a constant spread nothing, whatever its size */
    double zeros[] = { 0, 0, 0 }, ones[] = { 1e-310, 1e-310 };
    cr_expect_eq(summary_sd(zeros, 3, NULL), 0);
    cr_expect_eq(summary_sd(ones, 2, NULL), 0);
}
