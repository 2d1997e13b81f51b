/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* summary.c — statistics over C arrays of doubles (see summary.h).
 *
 * Missing values are NaN and skipped everywhere.  Sums are compensated
 * (Neumaier), or pairwise for the samples of a distribution (a hundred
 * arrays of a million in one report), and variances use the corrected
 * two-pass algorithm, so a long column of large numbers does not lose
 * precision; quantiles select their
 * order statistics with GSL's quickselect (gsl_stats_select), so a median
 * of a million values costs a pass or two, not a sort. */
#include "stdlib/stats/summary.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

size_t summary_count(const double *x, size_t n)
{
    size_t used = 0;
    for (size_t i = 0; i < n; i++) used += !isnan(x[i]);
    return used;
}

static void set_used(size_t *n_used, size_t used)
{
    if (n_used) *n_used = used;
}

static double compensated_sum(const double *x, size_t n, size_t *used);

double summary_sum(const double *x, size_t n, size_t *n_used)
{
    size_t used;
    double sum = compensated_sum(x, n, &used);
    set_used(n_used, used);
    return sum;
}

/* Neumaier's compensated sum of the non-missing values: the rounding error
 * of each addition is carried, so the sum of a million revenues is exact
 * to the last digit in practice.  Written without branches (a missing value
 * adds 0, both error terms are computed and one is selected) because
 * missing values come at random in survey data, and a mispredicted branch
 * per value would cost more than the arithmetic. */
/* c ? a : b through bit masks, which compilers keep free of branches. */
static inline double select_double(bool c, double a, double b)
{
    uint64_t ua, ub, mask = (uint64_t)0 - (uint64_t)c;
    memcpy(&ua, &a, sizeof ua);
    memcpy(&ub, &b, sizeof ub);
    uint64_t r = (ua & mask) | (ub & ~mask);
    double d;
    memcpy(&d, &r, sizeof d);
    return d;
}

static double compensated_sum(const double *x, size_t n, size_t *used)
{
    double sum = 0, carry = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool present = x[i] == x[i]; /* false for NaN only */
        double v = select_double(present, x[i], 0.0);
        double t = sum + v;
        double big_sum = (sum - t) + v, big_v = (v - t) + sum;
        carry += select_double(fabs(sum) >= fabs(v), big_sum, big_v);
        sum = t;
        k += present;
    }
    *used = k;
    return sum + carry;
}

/* Mean and sum of squared deviations by the corrected two-pass algorithm:
 * sum((x - m)^2) - (sum(x - m))^2 / n, the squares summed with the same
 * compensation, branch-free as above. */
static size_t two_pass(const double *x, size_t n, double *mean, double *m2)
{
    size_t k;
    double m = compensated_sum(x, n, &k) / (double)(k ? k : 1);
    double sq = 0, sq_carry = 0, dev = 0;
    for (size_t i = 0; i < n; i++) {
        double d = select_double(x[i] == x[i], x[i] - m, 0.0);
        double d2 = d * d, t = sq + d2;
        sq_carry += select_double(sq >= d2, (sq - t) + d2, (d2 - t) + sq);
        sq = t;
        dev += d;
    }
    *mean = m;
    *m2 = (sq + sq_carry) - (k ? dev * dev / (double)k : 0);
    return k;
}

double summary_mean(const double *x, size_t n, size_t *n_used)
{
    /* the first pass of two_pass() alone: the same mean, half the work */
    size_t k;
    double sum = compensated_sum(x, n, &k);
    set_used(n_used, k);
    if (!k) return NAN;
    if (isfinite(sum)) return sum / (double)k;
    /* The sum overflowed though the mean may not (two values of 1e308):
     * add the values already divided by k (a rare second pass). */
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) m += x[i] / (double)k;
    return m;
}

/* A sum of squared deviations m2 about `mean` that may have left the range
 * of doubles: deviations below about 1e-154 square to subnormal numbers or
 * to 0, above about 1e154 to infinity.  A nonzero deviation from a mean of
 * magnitude 2^-400 or more is at least its last bit, 2^-453, whose square is
 * a normal number: so below that only the mean's own smallness can hide a
 * spread, and the test costs nothing in the usual case. */
static bool squares_out_of_range(double m2, double mean)
{
    return !isfinite(m2) || (m2 < 0x1p-900 && !(fabs(mean) >= 0x1p-400));
}

/* The standard deviation sqrt(sum((x - mean)^2) / divisor) computed on the
 * values scaled by the power of two that brings the largest to [0.5, 1) —
 * exact — and scaled back: sd(1e-309, 2e-309, 3e-309) is 1e-309, not 0, and
 * sd(1e200, -1e200, 0) is 1e200, not infinity, as an exact computation
 * (Python's statistics.stdev) gives; GSL's gsl_stats_sd gives 0 and inf.
 * The rare second route of the sd functions below (squares_out_of_range). */
static double rescaled_sd(const double *x, size_t n, double divisor, double plain)
{
    double big = 0;
    for (size_t i = 0; i < n; i++)
        if (fabs(x[i]) > big) big = fabs(x[i]); /* false for NaN */
    if (big == 0 || isinf(big)) return big == 0 ? 0.0 : plain;
    int e;
    frexp(big, &e);
    double sum = 0, squares = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) {
            sum += ldexp(x[i], -e);
            k++;
        }
    double m = sum / (double)k;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) {
            double d = ldexp(x[i], -e) - m;
            squares += d * d;
        }
    return ldexp(sqrt(squares / divisor), e);
}

double summary_variance(const double *x, size_t n, size_t *n_used)
{
    double mean, m2;
    size_t k = two_pass(x, n, &mean, &m2);
    set_used(n_used, k);
    return k >= 2 ? m2 / (double)(k - 1) : NAN;
}

double summary_sd(const double *x, size_t n, size_t *n_used)
{
    double mean, sd;
    summary_mean_sd(x, n, &mean, &sd, n_used);
    return sd;
}

double summary_sd_population(const double *x, size_t n, size_t *n_used)
{
    /* the very arithmetic of the JSON and the reports, so sd(x) of a
     * distribution equals their sd to the last digit */
    double mean, sd;
    return summary_mean_sd_population(x, n, &mean, &sd, n_used) ? sd : NAN;
}

bool summary_mean_sd(const double *x, size_t n, double *mean, double *sd, size_t *n_used)
{
    double m, m2;
    size_t k = two_pass(x, n, &m, &m2);
    set_used(n_used, k);
    *mean = k ? m : NAN;
    *sd = k >= 2 ? sqrt(m2 / (double)(k - 1)) : NAN;
    if (k >= 2 && squares_out_of_range(m2, m)) *sd = rescaled_sd(x, n, (double)(k - 1), *sd);
    return k >= 1;
}

/* Pairwise sums of the present values of x less shift, and of their
 * squares: numpy's pairwise summation (its np.sum; pairwise_sum in
 * numpy/_core/src/umath/loops_utils.h.src): below 8 values one running
 * sum, up to 128 eight running sums added as ((r0 + r1) + (r2 + r3)) +
 * ((r4 + r5) + (r6 + r7)), above that the two halves (the first a multiple
 * of 8) summed apart and added.  The rounding error grows with log n, not
 * with n as in one running sum, and the eight sums are independent, so the
 * loop runs at the memory's speed rather than one addition's latency.  A
 * missing value adds 0. */
typedef struct PairSums {
    double sum, squares;
    size_t used;
} PairSums;

static PairSums pairwise(const double *x, size_t n, double shift, bool skip, SummaryVisit visit,
                         void *ctx)
{
    if (n > 128) {
        size_t half = n / 2;
        half -= half % 8;
        PairSums a = pairwise(x, half, shift, skip, visit, ctx),
                 b = pairwise(x + half, n - half, shift, skip, visit, ctx);
        return (PairSums){ a.sum + b.sum, a.squares + b.squares, a.used + b.used };
    }
    if (visit) visit(x, n, ctx); /* while these values are in the cache */
    double r[8] = { 0 }, q[8] = { 0 };
    size_t i = 0, used = 0;
    if (skip) {
        for (; n >= 8 && i + 8 <= n; i += 8)
            for (size_t j = 0; j < 8; j++) {
                bool present = x[i + j] == x[i + j]; /* false for NaN only */
                double d = select_double(present, x[i + j] - shift, 0.0);
                r[j] += d;
                q[j] += d * d;
                used += present;
            }
    } else {
        for (; n >= 8 && i + 8 <= n; i += 8)
            for (size_t j = 0; j < 8; j++) {
                double d = x[i + j] - shift;
                r[j] += d;
                q[j] += d * d;
            }
        used = i;
    }
    PairSums p = { ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])),
                   ((q[0] + q[1]) + (q[2] + q[3])) + ((q[4] + q[5]) + (q[6] + q[7])), used };
    for (; i < n; i++) {
        bool present = x[i] == x[i];
        double d = select_double(present, x[i] - shift, 0.0);
        p.sum += d;
        p.squares += d * d;
        p.used += present;
    }
    return p;
}

/* The sums without a test per value when none is missing (a missing value
 * makes them NaN: then again, skipping it, without visiting); the same
 * numbers either way, as a missing value only ever adds 0. */
static PairSums pairwise_sums(const double *x, size_t n, double shift, SummaryVisit visit,
                              void *ctx)
{
    PairSums p = pairwise(x, n, shift, false, visit, ctx);
    return isnan(p.sum) ? pairwise(x, n, shift, true, NULL, NULL) : p;
}

SummaryPass summary_first_pass(const double *x, size_t n, SummaryVisit visit, void *ctx)
{
    PairSums p = pairwise_sums(x, n, 0.0, visit, ctx);
    return (SummaryPass){ p.sum, p.used };
}

/* The corrected two-pass algorithm (Chan, Golub and LeVeque 1983): the
 * mean from a first pairwise sum, then sum((x - m)^2) - (sum(x - m))^2 / n,
 * the second term taking back what rounding left in the mean.  Two passes
 * over memory, at its speed: a report summarises a hundred arrays of a
 * million samples. */
bool summary_mean_sd_finish(const double *x, size_t n, SummaryPass first, double *mean, double *sd,
                            size_t *n_used)
{
    size_t k = first.used;
    set_used(n_used, k);
    *mean = *sd = NAN;
    if (!k) return false;
    double m = first.sum / (double)k;
    if (!isfinite(m)) m = summary_mean(x, n, NULL); /* the sum overflowed, not the mean */
    PairSums dev = pairwise_sums(x, n, m, NULL, NULL);
    double m2 = dev.squares - dev.sum * dev.sum / (double)k;
    *mean = m;
    *sd = sqrt(m2 > 0 ? m2 / (double)k : 0.0);
    if (squares_out_of_range(m2, m)) *sd = rescaled_sd(x, n, (double)k, *sd);
    return true;
}

bool summary_mean_sd_population(const double *x, size_t n, double *mean, double *sd, size_t *n_used)
{
    return summary_mean_sd_finish(x, n, summary_first_pass(x, n, NULL, NULL), mean, sd, n_used);
}

double summary_min(const double *x, size_t n, size_t *n_used)
{
    double best = NAN;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i])) continue;
        if (used++ == 0 || x[i] < best) best = x[i];
    }
    set_used(n_used, used);
    return best;
}

double summary_max(const double *x, size_t n, size_t *n_used)
{
    double best = NAN;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i])) continue;
        if (used++ == 0 || x[i] > best) best = x[i];
    }
    set_used(n_used, used);
    return best;
}

/* ---- the one quantile rule ---------------------------------------------- */

double summary_interpolate(double below, double above, double frac)
{
    return frac == 0 ? below : below + frac * (above - below);
}

void summary_order_pair(double *buf, size_t n, size_t k, double *below, double *above)
{
    *below = gsl_stats_select(buf, 1, n, k);
    *above = *below;
    if (k + 1 >= n) return;
    /* The next order statistic is `below` again when k + 2 values or more
     * are <= it, else the smallest value above it: one pass, whatever order
     * the selection left the values in. */
    size_t at_most = 0;
    double next = INFINITY;
    for (size_t i = 0; i < n; i++) {
        at_most += buf[i] <= *below;
        if (buf[i] > *below && buf[i] < next) next = buf[i];
    }
    if (at_most < k + 2) *above = next;
}

double summary_quantile_inplace(double *buf, size_t n, double p)
{
    if (n == 0) return NAN;
    double h = (double)(n - 1) * p;
    size_t k = (size_t)floor(h);
    if (k > n - 1) k = n - 1;
    double below, above;
    summary_order_pair(buf, n, k, &below, &above);
    return summary_interpolate(below, above, h - (double)k);
}

double summary_quantile_sorted(const double *sorted, size_t n, double p)
{
    if (n == 0) return NAN;
    double h = (double)(n - 1) * p;
    size_t k = (size_t)floor(h);
    if (k >= n - 1) return sorted[n - 1];
    return summary_interpolate(sorted[k], sorted[k + 1], h - (double)k);
}

bool summary_quantile(const double *x, size_t n, double p, double *out, size_t *n_used)
{
    set_used(n_used, 0);
    if (!(p >= 0 && p <= 1)) return false;
    double *buf = malloc((n ? n : 1) * sizeof *buf);
    if (!buf) return false;
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) buf[used++] = x[i];
    set_used(n_used, used);
    if (used == 0) {
        free(buf);
        return false;
    }
    *out = summary_quantile_inplace(buf, used, p);
    free(buf);
    return true;
}

bool summary_median(const double *x, size_t n, double *out, size_t *n_used)
{
    return summary_quantile(x, n, 0.5, out, n_used);
}

/* ---- intervals ------------------------------------------------------------- */

bool summary_t_interval(double mean, double sd, size_t n, double level, double *lo, double *hi)
{
    if (n < 2 || !(level > 0 && level < 1) || isnan(mean) || isnan(sd)) return false;
    double t = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, (double)(n - 1));
    if (!isfinite(t)) return false;
    double half = t * sd / sqrt((double)n);
    *lo = mean - half;
    *hi = mean + half;
    return true;
}

bool summary_mean_ci(const double *x, size_t n, double level, double *mean, double *lo, double *hi,
                     size_t *n_used)
{
    double sd;
    size_t used = 0;
    summary_mean_sd(x, n, mean, &sd, &used);
    set_used(n_used, used);
    return summary_t_interval(*mean, sd, used, level, lo, hi);
}

bool summary_wilson(double successes, double trials, double level, double *lo, double *hi)
{
    if (!(trials > 0) || !(successes >= 0 && successes <= trials) || !(level > 0 && level < 1))
        return false;
    double z = gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2);
    double p = successes / trials;
    double z2n = z * z / trials;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z * sqrt(p * (1 - p) / trials + z2n / (4 * trials)) / (1 + z2n);
    *lo = centre - half;
    *hi = centre + half;
    if (*lo < 0) *lo = 0;
    if (*hi > 1) *hi = 1;
    return true;
}
