/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* survey_stats.c — the survey statistics of survey.h, on plain C arrays.
 *
 * Contract: see survey.h.  Formulas are docs/METHOD.md §3, computed with GSL
 * (gsl_stats_* for moments, gsl_cdf_* for quantiles and p-values), and the
 * shared array statistics of summary.h for the mean interval and Wilson.  Missing
 * answers (NaN) are removed first: each function works on a compact copy so
 * that GSL sees only real answers, and reports how many it skipped.
 */
#include "stdlib/survey/survey.h"
#include "stdlib/stats/summary.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

double survey_t_quantile(double level, double df)
{
    return gsl_cdf_tdist_Pinv(0.5 + level / 2.0, df);
}

static bool level_ok(double level)
{
    return level > 0.0 && level < 1.0;
}

/* Copies the present values of x into a new array; *n gets their count. */
static double *present_values(const double *x, size_t len, size_t *n)
{
    double *buf = malloc((len ? len : 1) * sizeof *buf);
    size_t m = 0;
    if (!buf) {
        *n = 0;
        return NULL;
    }
    for (size_t i = 0; i < len; i++)
        if (!isnan(x[i])) buf[m++] = x[i];
    *n = m;
    return buf;
}

SurveyStatus survey_mean_ci(const double *x, size_t len, double level, SurveyMean *out)
{
    if (!level_ok(level)) return SURVEY_BAD_LEVEL;
    size_t n = 0;
    summary_mean_sd(x, len, &out->mean, &out->sd, &n);
    out->n = n;
    out->skipped = len - n;
    if (n < 2) return SURVEY_TOO_FEW;
    summary_t_interval(out->mean, out->sd, n, level, &out->ci_low, &out->ci_high);
    return SURVEY_OK;
}

SurveyStatus survey_wilson(double successes, double n, double level, SurveyProportion *out)
{
    if (!level_ok(level)) return SURVEY_BAD_LEVEL;
    if (!(n >= 0) || !(successes >= 0) || successes > n) return SURVEY_BAD_INPUT;
    out->successes = successes;
    out->n = n;
    if (n == 0) return SURVEY_TOO_FEW;
    out->estimate = successes / n;
    summary_wilson(successes, n, level, &out->ci_low, &out->ci_high);
    /* The closed form reaches 0 and 1 at the ends only up to rounding: pin
     * them so x = 0 and x = n give exactly 0 and 1 (docs/METHOD.md §3). */
    if (successes == 0) out->ci_low = 0.0;
    if (successes == n) out->ci_high = 1.0;
    return SURVEY_OK;
}

/* Fills the compact arrays a, b with the rows where both sides are present. */
static size_t complete_pairs(const double *x, const double *y, size_t len, double *a, double *b)
{
    size_t m = 0;
    for (size_t i = 0; i < len; i++)
        if (!isnan(x[i]) && !isnan(y[i])) {
            a[m] = x[i];
            b[m] = y[i];
            m++;
        }
    return m;
}

static SurveyStatus prepost_moments(const double *a, const double *b, double *d, size_t n,
                                    double level, SurveyPrePost *out)
{
    for (size_t i = 0; i < n; i++) d[i] = b[i] - a[i];
    out->mean_before = gsl_stats_mean(a, 1, n);
    out->mean_after = gsl_stats_mean(b, 1, n);
    out->sd_before = gsl_stats_sd_m(a, 1, n, out->mean_before);
    out->sd_after = gsl_stats_sd_m(b, 1, n, out->mean_after);
    out->mean_change = gsl_stats_mean(d, 1, n);
    out->sd_change = gsl_stats_sd_m(d, 1, n, out->mean_change);
    out->r = (out->sd_before > 0 && out->sd_after > 0) ? gsl_stats_correlation(a, 1, b, 1, n) : NAN;
    if (!(out->sd_change > 0)) return SURVEY_NO_SPREAD;
    out->df = (double)(n - 1);
    out->se = out->sd_change / sqrt((double)n);
    double half = survey_t_quantile(level, out->df) * out->se;
    out->ci_low = out->mean_change - half;
    out->ci_high = out->mean_change + half;
    out->t = out->mean_change / out->se;
    out->p = 2.0 * gsl_cdf_tdist_Q(fabs(out->t), out->df);
    out->d_z = out->mean_change / out->sd_change;
    double sd_av = (out->sd_before + out->sd_after) / 2.0;
    out->d_av = sd_av > 0 ? out->mean_change / sd_av : NAN;
    return SURVEY_OK;
}

SurveyStatus survey_prepost(const double *before, const double *after, size_t len, double level,
                            SurveyPrePost *out)
{
    if (!level_ok(level)) return SURVEY_BAD_LEVEL;
    size_t cap = len ? len : 1;
    double *a = malloc(cap * sizeof *a), *b = malloc(cap * sizeof *b), *d = malloc(cap * sizeof *d);
    SurveyStatus st = SURVEY_TOO_FEW;
    if (a && b && d) {
        size_t n = complete_pairs(before, after, len, a, b);
        out->n = n;
        out->skipped = len - n;
        if (n >= 2) st = prepost_moments(a, b, d, n, level, out);
    }
    free(a);
    free(b);
    free(d);
    return st;
}

/* Keeps the rows where every item is answered: columns[j][m] for row m. */
static size_t listwise_rows(const double *const *items, size_t k, size_t len, double **columns)
{
    size_t m = 0;
    for (size_t i = 0; i < len; i++) {
        bool complete = true;
        for (size_t j = 0; j < k && complete; j++) complete = !isnan(items[j][i]);
        if (!complete) continue;
        for (size_t j = 0; j < k; j++) columns[j][m] = items[j][i];
        m++;
    }
    return m;
}

/* Mean inter-item Pearson r over the k(k−1)/2 pairs; NaN when an item has no spread. */
static double mean_inter_item_r(double *const *columns, size_t k, size_t n)
{
    double sum = 0;
    size_t pairs = 0;
    for (size_t a = 0; a < k; a++) {
        if (!(gsl_stats_variance(columns[a], 1, n) > 0)) return NAN;
        for (size_t b = a + 1; b < k; b++) {
            sum += gsl_stats_correlation(columns[a], 1, columns[b], 1, n);
            pairs++;
        }
    }
    return sum / (double)pairs;
}

static SurveyStatus alpha_from_columns(double **columns, double *total, size_t k, size_t n,
                                       SurveyAlpha *out)
{
    double item_var = 0;
    for (size_t i = 0; i < n; i++) {
        total[i] = 0;
        for (size_t j = 0; j < k; j++) total[i] += columns[j][i];
    }
    for (size_t j = 0; j < k; j++) item_var += gsl_stats_variance(columns[j], 1, n);
    double total_var = gsl_stats_variance(total, 1, n);
    if (!(total_var > 0)) return SURVEY_NO_SPREAD;
    double kk = (double)k;
    out->alpha = kk / (kk - 1.0) * (1.0 - item_var / total_var);
    out->mean_r = mean_inter_item_r(columns, k, n);
    out->alpha_std = kk * out->mean_r / (1.0 + (kk - 1.0) * out->mean_r);
    return SURVEY_OK;
}

SurveyStatus survey_cronbach(const double *const *items, size_t k, size_t len, SurveyAlpha *out)
{
    if (k < 2) return SURVEY_BAD_INPUT;
    out->k = k;
    size_t cap = len ? len : 1;
    double **columns = calloc(k, sizeof *columns);
    double *total = malloc(cap * sizeof *total);
    SurveyStatus st = SURVEY_TOO_FEW;
    bool ok = columns && total;
    for (size_t j = 0; ok && j < k; j++) ok = (columns[j] = malloc(cap * sizeof(double))) != NULL;
    if (ok) {
        size_t n = listwise_rows(items, k, len, columns);
        out->n = n;
        out->skipped = len - n;
        if (n >= 2) st = alpha_from_columns(columns, total, k, n, out);
    }
    for (size_t j = 0; columns && j < k; j++) free(columns[j]);
    free(columns);
    free(total);
    return st;
}

SurveyStatus survey_norm_compare(const double *x, size_t len, double ref_mean, double ref_sd,
                                 SurveyNorm *out)
{
    if (!(ref_sd > 0) || isnan(ref_mean)) return SURVEY_BAD_INPUT;
    size_t n;
    double *v = present_values(x, len, &n);
    if (!v) return SURVEY_TOO_FEW;
    out->n = n;
    out->skipped = len - n;
    out->ref_mean = ref_mean;
    out->ref_sd = ref_sd;
    if (n < 2) {
        free(v);
        return SURVEY_TOO_FEW;
    }
    out->mean = gsl_stats_mean(v, 1, n);
    out->sd = gsl_stats_sd_m(v, 1, n, out->mean);
    free(v);
    out->d = (out->mean - ref_mean) / ref_sd;
    if (!(out->sd > 0)) return SURVEY_NO_SPREAD;
    out->df = (double)(n - 1);
    out->t = (out->mean - ref_mean) / (out->sd / sqrt((double)n));
    out->p = 2.0 * gsl_cdf_tdist_Q(fabs(out->t), out->df);
    return SURVEY_OK;
}

SurveyStatus survey_relevant_change(const double *before, const double *after, size_t len,
                                    double threshold, double level, SurveyChange *out)
{
    if (!level_ok(level)) return SURVEY_BAD_LEVEL;
    if (!(threshold > 0)) return SURVEY_BAD_INPUT;
    /* A change equal to the threshold is relevant ("≥"), also when binary
     * rounding puts 1.9 − 0.8 a hair below 1.1: compare with a relative slack. */
    double edge = threshold * (1.0 - 1e-9);
    size_t n = 0, up = 0, down = 0;
    for (size_t i = 0; i < len; i++) {
        if (isnan(before[i]) || isnan(after[i])) continue;
        double change = after[i] - before[i];
        n++;
        if (change >= edge)
            up++;
        else if (change <= -edge)
            down++;
    }
    out->n = n;
    out->skipped = len - n;
    out->improved = up;
    out->worsened = down;
    out->unchanged = n - up - down;
    return survey_wilson((double)up, (double)n, level, &out->share);
}
