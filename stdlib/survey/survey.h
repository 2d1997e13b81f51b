/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* survey.h — survey statistics on plain C arrays (docs/METHOD.md §3).
 *
 * Contract: pure functions, no interpreter, no allocation visible to the
 * caller.  Inputs are arrays of doubles in which NaN means "missing answer";
 * every function says how many values it used and how many it skipped.  A
 * function returns SURVEY_OK and fills its result, or a status saying why the
 * statistic does not exist (too few answers, no spread); the built-ins of
 * survey.c turn a status into a message for the evaluator.
 *
 * Conventions (docs/METHOD.md §3): sample SD with the n − 1 denominator; intervals
 * use Student's t with n − 1 degrees of freedom (means, paired changes) or the
 * Wilson score interval (proportions); `level` is the confidence level (0.95).
 */
#ifndef IMPACT_SURVEY_H
#define IMPACT_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

typedef enum SurveyStatus {
    SURVEY_OK = 0,
    SURVEY_TOO_FEW,   /* fewer usable answers than the statistic needs */
    SURVEY_NO_SPREAD, /* a standard deviation is 0: t and effect sizes do not exist */
    SURVEY_BAD_LEVEL, /* level outside (0, 1) */
    SURVEY_BAD_INPUT  /* e.g. successes > n, negative counts, k < 2 items */
} SurveyStatus;

/* Mean with its t interval. */
typedef struct SurveyMean {
    size_t n, skipped; /* values used, missing values skipped */
    double mean, sd;
    double ci_low, ci_high;
} SurveyMean;
SurveyStatus survey_mean_ci(const double *x, size_t len, double level, SurveyMean *out);

/* Proportion successes / n with the Wilson score interval. */
typedef struct SurveyProportion {
    double successes, n;
    double estimate, ci_low, ci_high;
} SurveyProportion;
SurveyStatus survey_wilson(double successes, double n, double level, SurveyProportion *out);

/* Paired before/after comparison over the rows where both are present. */
typedef struct SurveyPrePost {
    size_t n, skipped; /* complete pairs used, pairs with a missing side */
    double mean_before, mean_after, sd_before, sd_after;
    double mean_change, sd_change, se;
    double ci_low, ci_high; /* of the mean change */
    double t, df, p;        /* paired t-test, two-sided */
    double d_z;             /* mean change / sd of the changes */
    double d_av;            /* mean change / mean of the two SDs (Lakens 2013) */
    double r;               /* Pearson correlation before/after (NaN if undefined) */
} SurveyPrePost;
SurveyStatus survey_prepost(const double *before, const double *after, size_t len, double level,
                            SurveyPrePost *out);

/* Cronbach's alpha and standardised alpha over k item arrays of len rows,
 * listwise deletion (only rows where every item is answered). */
typedef struct SurveyAlpha {
    size_t n, skipped, k;
    double alpha;     /* k/(k−1) · (1 − Σ s_j² / s_T²) */
    double alpha_std; /* k·r̄ / (1 + (k−1)·r̄) */
    double mean_r;    /* mean inter-item Pearson correlation r̄ */
} SurveyAlpha;
SurveyStatus survey_cronbach(const double *const *items, size_t k, size_t len, SurveyAlpha *out);

/* A sample against a reference norm (mean ref_mean, SD ref_sd of the norm). */
typedef struct SurveyNorm {
    size_t n, skipped;
    double mean, sd;
    double ref_mean, ref_sd;
    double d;        /* (mean − ref_mean) / ref_sd: the norm's SD, not the sample's */
    double t, df, p; /* one-sample t against ref_mean, two-sided */
} SurveyNorm;
SurveyStatus survey_norm_compare(const double *x, size_t len, double ref_mean, double ref_sd,
                                 SurveyNorm *out);

/* Individual change against a relevant-change threshold: a respondent has
 * improved when after − before ≥ threshold, worsened when ≤ −threshold.
 * share = improved / n with its Wilson interval. */
typedef struct SurveyChange {
    size_t n, skipped, improved, worsened, unchanged;
    SurveyProportion share;
} SurveyChange;
SurveyStatus survey_relevant_change(const double *before, const double *after, size_t len,
                                    double threshold, double level, SurveyChange *out);

/* The two-sided t quantile t_{(1+level)/2, df} (GSL). */
double survey_t_quantile(double level, double df);

#endif
