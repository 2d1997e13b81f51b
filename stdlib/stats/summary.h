/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* summary.h — statistics over a C array of doubles, shared by the data
 * aggregates (aggregate.c), the survey functions (survey.c) and whoever needs
 * a mean, a spread or an interval without going through the evaluator.
 *
 * Contract:
 *   - Missing values are NaN and are SKIPPED by every function here; each
 *     function that skips reports how many values it used in *n_used (may be
 *     NULL) so the caller can say "mean skipped 12 missing values of 1000".
 *   - No function allocates except summary_quantile / summary_median (one
 *     scratch copy of the non-missing values; they return false if memory
 *     runs out) — use the *_inplace variants on a buffer you own to avoid it.
 *   - When there is nothing to summarise (no value, or fewer than 2 for sd and
 *     intervals) the result is NaN / false: the caller raises the message.
 *   - sd uses n − 1 (sample standard deviation, as numpy ddof=1, pandas, R).
 *   - quantile is linear interpolation between order statistics at
 *     h = (n − 1) p (numpy's default "linear", R type 7; Hyndman and Fan
 *     1996, definition 7), found with GSL's selection (expected O(n)), not
 *     a full sort.
 *   - The t interval of a mean uses gsl_cdf_tdist_Pinv with n − 1 degrees of
 *     freedom; the Wilson score interval of a proportion uses
 *     gsl_cdf_ugaussian_Pinv.  level is the confidence level, e.g. 0.95.
 */
#ifndef IMPACT_SUMMARY_H
#define IMPACT_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

/* Number of non-missing values. */
size_t summary_count(const double *x, size_t n);
/* Sum of the non-missing values (0 if there is none). */
double summary_sum(const double *x, size_t n, size_t *n_used);
/* Arithmetic mean; NaN if no value. */
double summary_mean(const double *x, size_t n, size_t *n_used);
/* Sample standard deviation (n − 1); NaN if fewer than 2 values. */
double summary_sd(const double *x, size_t n, size_t *n_used);
/* Standard deviation of values that are a whole population, such as the
 * samples of a distribution (divides by n); NaN if no value. */
double summary_sd_population(const double *x, size_t n, size_t *n_used);
/* Sample variance (n − 1); NaN if fewer than 2 values. */
double summary_variance(const double *x, size_t n, size_t *n_used);
/* Smallest / largest value; NaN if no value. */
double summary_min(const double *x, size_t n, size_t *n_used);
double summary_max(const double *x, size_t n, size_t *n_used);

/* Mean and sd together (two passes, compensated sums); false if fewer than 1
 * value (sd is NaN when only 1). */
bool summary_mean_sd(const double *x, size_t n, double *mean, double *sd, size_t *n_used);

/* The same with the standard deviation of the values themselves (divided
 * by n, numpy's default ddof=0): the spread of a distribution's samples, as
 * the summaries, reports and JSON state it.  Pairwise sums (numpy's) in
 * the corrected two-pass algorithm: two passes at the memory's speed, with
 * an error that grows with log n. */
bool summary_mean_sd_population(const double *x, size_t n, double *mean, double *sd,
                                size_t *n_used);

/* summary_mean_sd_population() in its two passes, for a caller that has
 * more to do with the values: summary_first_pass() sums them (and counts
 * those present) and, when visit is given, calls visit(x + i, len, ctx)
 * on consecutive runs of at most 128 values that cover x[0..n) in order,
 * each while it is in the processor's cache (dist_order_stats brackets its
 * ranks there: one read of the samples for both); summary_mean_sd_finish()
 * makes the second pass.  The same numbers as summary_mean_sd_population(). */
typedef struct SummaryPass {
    double sum;
    size_t used;
} SummaryPass;
typedef void (*SummaryVisit)(const double *x, size_t len, void *ctx);
SummaryPass summary_first_pass(const double *x, size_t n, SummaryVisit visit, void *ctx);
bool summary_mean_sd_finish(const double *x, size_t n, SummaryPass first, double *mean, double *sd,
                            size_t *n_used);

/* Quantile p in [0, 1] of the non-missing values (copies them); false if no
 * value, p outside [0, 1], or out of memory. */
bool summary_quantile(const double *x, size_t n, double p, double *out, size_t *n_used);
bool summary_median(const double *x, size_t n, double *out, size_t *n_used);
/* Same on a buffer without NaN that the caller owns: reorders buf. */
double summary_quantile_inplace(double *buf, size_t n, double p);
/* Same on sorted values without NaN (buf is only read). */
double summary_quantile_sorted(const double *sorted, size_t n, double p);

/* The one quantile rule, which every quantile of the interpreter (data
 * aggregates, distributions, reports, JSON) goes through: the order
 * statistics `below` (rank floor(h), h = (n − 1) p) and `above` (the next)
 * and frac = h − floor(h) give below + frac (above − below).  Ours rather
 * than gsl_stats_quantile_from_sorted_data, which computes
 * (1 − frac) below + frac above: when below == above that is not always
 * below (0.7 × 0.1 + 0.3 × 0.1 = 0.09999999999999999), so the quantile of a
 * constant would not be the constant. */
double summary_interpolate(double below, double above, double frac);
/* The k-th and (k+1)-th smallest values of buf[0..n) (0-based; above =
 * below when k is the last), found with gsl_stats_select; reorders buf. */
void summary_order_pair(double *buf, size_t n, size_t k, double *below, double *above);

/* Interval of a mean from its summary: mean ± t(1 − (1−level)/2, n−1) sd/√n.
 * false if n < 2 or level not in (0, 1). */
bool summary_t_interval(double mean, double sd, size_t n, double level, double *lo, double *hi);
/* Same from the data (NaN skipped). */
bool summary_mean_ci(const double *x, size_t n, double level, double *mean, double *lo, double *hi,
                     size_t *n_used);
/* Wilson score interval of a proportion successes / trials.
 * false if trials == 0, successes outside [0, trials] or level not in (0, 1). */
bool summary_wilson(double successes, double trials, double level, double *lo, double *hi);

#endif
