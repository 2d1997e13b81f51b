/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_survey.c — survey statistics (stdlib/survey.h, docs/METHOD.md §3) against
 * values computed independently: scipy 1.10 / numpy 1.24 (/usr/bin/python3),
 * the published reference quantiles of docs/METHOD.md §3, and Newcombe (1998)'s
 * worked Wilson intervals.  The Python used is pasted above each test. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "runtime/disclosure.h"
#include "stdlib/privacy/privacy.h"
#include "stdlib/survey/survey.h"
#include "tests/unit/wellbeing_fixture.h"

#define CLOSE(got, want, tol)                                                                      \
    cr_expect(fabs((got) - (want)) <= (tol), "%s = %.10g, expected %.10g", #got, (double)(got),    \
              (double)(want))

/* docs/METHOD.md §3: "Reference quantiles (GSL 2.7.1 and Python agree)". */
Test(survey, t_quantiles_match_reference_table)
{
    CLOSE(survey_t_quantile(0.95, 4), 2.776445, 1e-6);
    CLOSE(survey_t_quantile(0.95, 5), 2.570582, 1e-6);
    CLOSE(survey_t_quantile(0.95, 7), 2.364624, 1e-6);
    CLOSE(survey_t_quantile(0.95, 9), 2.262157, 1e-6);
    CLOSE(survey_t_quantile(0.95, 19), 2.093024, 1e-6);
    CLOSE(survey_t_quantile(0.95, 29), 2.045230, 1e-6);
}

/* x=np.array([3,5,8,13,21,34,2,9,11,7.]); m=x.mean(); s=x.std(ddof=1)
 * h=stats.t.ppf(0.975,9)*s/np.sqrt(10) -> 11.3, 9.672986439909169,
 * 4.380362349025392, 18.21963765097461 */
Test(survey, mean_ci_skips_missing_and_uses_t)
{
    double x[] = { 3, NAN, 5, 8, 13, 21, 34, NAN, 2, 9, 11, 7 };
    SurveyMean m;
    cr_assert_eq(survey_mean_ci(x, 12, 0.95, &m), SURVEY_OK);
    cr_expect_eq(m.n, 10);
    cr_expect_eq(m.skipped, 2);
    CLOSE(m.mean, 11.3, 1e-12);
    CLOSE(m.sd, 9.672986439909169, 1e-9);
    CLOSE(m.ci_low, 4.380362349025392, 1e-9);
    CLOSE(m.ci_high, 18.21963765097461, 1e-9);
}

Test(survey, mean_ci_needs_two_answers)
{
    double x[] = { NAN, 4, NAN };
    SurveyMean m;
    cr_expect_eq(survey_mean_ci(x, 3, 0.95, &m), SURVEY_TOO_FEW);
    cr_expect_eq(m.n, 1);
    cr_expect_eq(survey_mean_ci(x, 3, 1.5, &m), SURVEY_BAD_LEVEL);
}

/* Newcombe R.G. (1998), Two-sided confidence intervals for the single
 * proportion, Stat Med 17:857-872, Table I, method 3 (Wilson score):
 * 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605; 0/20 -> 0-0.1611;
 * 1/29 -> 0.0061-0.1718 (4 decimals as published). */
Test(survey, wilson_matches_newcombe_1998)
{
    SurveyProportion p;
    cr_assert_eq(survey_wilson(81, 263, 0.95, &p), SURVEY_OK);
    CLOSE(p.estimate, 81.0 / 263, 1e-12);
    CLOSE(p.ci_low, 0.2553, 5e-5);
    CLOSE(p.ci_high, 0.3662, 5e-5);
    cr_assert_eq(survey_wilson(15, 148, 0.95, &p), SURVEY_OK);
    CLOSE(p.ci_low, 0.0624, 5e-5);
    CLOSE(p.ci_high, 0.1605, 5e-5);
    cr_assert_eq(survey_wilson(1, 29, 0.95, &p), SURVEY_OK);
    CLOSE(p.ci_low, 0.0061, 5e-5);
    CLOSE(p.ci_high, 0.1718, 5e-5);
}

/* x = 0 -> lower bound exactly 0; x = n -> upper bound exactly 1 (docs/METHOD.md §3).
 * 20/20 upper-end mirror of Newcombe's 0/20: lower = 1 - 0.1611. */
Test(survey, wilson_ends_are_exact)
{
    SurveyProportion p;
    cr_assert_eq(survey_wilson(0, 20, 0.95, &p), SURVEY_OK);
    cr_expect_eq(p.ci_low, 0.0);
    CLOSE(p.ci_high, 0.1611, 5e-5);
    cr_assert_eq(survey_wilson(20, 20, 0.95, &p), SURVEY_OK);
    cr_expect_eq(p.ci_high, 1.0);
    CLOSE(p.ci_low, 1 - 0.1611, 5e-5);
    cr_expect_eq(survey_wilson(21, 20, 0.95, &p), SURVEY_BAD_INPUT);
    cr_expect_eq(survey_wilson(0, 0, 0.95, &p), SURVEY_TOO_FEW);
}

/* pre=[40,52,36,60,44,48,56,32,64,28,52,40]; post=[48,60,44,56,60,52,68,40,72,36,52,56]
 * r=stats.ttest_rel(post,pre); d=post-pre
 * -> mean 7.666666666666667, sd 5.773502691896257, t 4.6, p 0.0007649278464417353,
 *    d_z 1.3279056191361394, d_av 0.6981389869179322, r 0.8629031393580167,
 *    CI 3.998358066528419 .. 11.334975266804914 */
Test(survey, prepost_matches_scipy_ttest_rel)
{
    double pre[] = { 40, 52, 36, 60, 44, 48, 56, 32, 64, 28, 52, 40, NAN, 50 };
    double post[] = { 48, 60, 44, 56, 60, 52, 68, 40, 72, 36, 52, 56, 44, NAN };
    SurveyPrePost r;
    cr_assert_eq(survey_prepost(pre, post, 14, 0.95, &r), SURVEY_OK);
    cr_expect_eq(r.n, 12);
    cr_expect_eq(r.skipped, 2);
    CLOSE(r.mean_change, 7.666666666666667, 1e-12);
    CLOSE(r.sd_change, 5.773502691896257, 1e-9);
    CLOSE(r.t, 4.6, 1e-9);
    CLOSE(r.df, 11, 0);
    CLOSE(r.p, 0.0007649278464417353, 1e-12);
    CLOSE(r.d_z, 1.3279056191361394, 1e-9);
    CLOSE(r.d_av, 0.6981389869179322, 1e-9);
    CLOSE(r.r, 0.8629031393580167, 1e-9);
    CLOSE(r.ci_low, 3.998358066528419, 1e-9);
    CLOSE(r.ci_high, 11.334975266804914, 1e-9);
}

Test(survey, prepost_without_spread_is_refused)
{
    double pre[] = { 10, 20, 30 };
    double post[] = { 14, 24, 34 }; /* every change is exactly +4 */
    SurveyPrePost r;
    cr_expect_eq(survey_prepost(pre, post, 3, 0.95, &r), SURVEY_NO_SPREAD);
    CLOSE(r.mean_change, 4, 1e-12);
}

/* X = 8 respondents x 4 items (below); C=np.cov(X,rowvar=False)
 * alpha = 4/3*(1-np.trace(C)/C.sum()) = 0.9473684210526315
 * R=np.corrcoef(X,rowvar=False); rbar=(R.sum()-4)/12 = 0.8245582383107384
 * alpha_std = 4*rbar/(1+3*rbar) = 0.949493900239106 */
Test(survey, cronbach_alpha_matches_numpy_covariance_route)
{
    double i1[] = { 4, 2, 5, 3, 4, 1, 3, 5, 2 };
    double i2[] = { 5, 3, 5, 3, 4, 2, 4, 4, NAN }; /* 9th respondent incomplete */
    double i3[] = { 4, 2, 4, 3, 5, 1, 3, 5, 3 };
    double i4[] = { 3, 2, 5, 2, 4, 2, 3, 5, 1 };
    const double *items[] = { i1, i2, i3, i4 };
    SurveyAlpha a;
    cr_assert_eq(survey_cronbach(items, 4, 9, &a), SURVEY_OK);
    cr_expect_eq(a.n, 8);
    cr_expect_eq(a.skipped, 1);
    CLOSE(a.alpha, 0.9473684210526315, 1e-12);
    CLOSE(a.mean_r, 0.8245582383107384, 1e-12);
    CLOSE(a.alpha_std, 0.949493900239106, 1e-12);
}

Test(survey, cronbach_alpha_needs_two_items)
{
    double i1[] = { 1, 2, 3 };
    const double *items[] = { i1 };
    SurveyAlpha a;
    cr_expect_eq(survey_cronbach(items, 1, 3, &a), SURVEY_BAD_INPUT);
}

/* post (above) against a norm of mean 70, SD 20:
 * stats.ttest_1samp(post,70) -> t -5.281015389870254, p 0.0002598782517043131;
 * d = (53.666666666666664 - 70)/20 = -0.8166666666666668 */
Test(survey, norm_comparison_uses_the_norm_sd)
{
    double post[] = { 48, 60, 44, 56, 60, 52, 68, 40, 72, 36, 52, 56 };
    SurveyNorm r;
    cr_assert_eq(survey_norm_compare(post, 12, 70, 20, &r), SURVEY_OK);
    CLOSE(r.d, -0.8166666666666668, 1e-12);
    CLOSE(r.t, -5.281015389870254, 1e-9);
    CLOSE(r.p, 0.0002598782517043131, 1e-12);
    cr_expect_eq(survey_norm_compare(post, 12, 70, 0, &r), SURVEY_BAD_INPUT);
}

/* WHO-5 relevant change is 10 points (docs/METHOD.md §2.1).  Changes (by hand):
 * +8 +8 +8 -4 +16 +4 +12 +8 +8 +8 0 +16 -> improved (>= 10) = 3, worsened 0.
 * A change of exactly the threshold counts (tie): 20 -> 30 is +10. */
Test(survey, relevant_change_counts_ties_as_relevant)
{
    double pre[] = { 40, 52, 36, 60, 44, 48, 56, 32, 64, 28, 52, 40, 20, 0.8, NAN };
    double post[] = { 48, 60, 44, 56, 60, 52, 68, 40, 72, 36, 52, 56, 30, 1.9, 50 };
    SurveyChange c;
    cr_assert_eq(survey_relevant_change(pre, post, 15, 10, 0.95, &c), SURVEY_OK);
    cr_expect_eq(c.n, 14);
    cr_expect_eq(c.skipped, 1);
    cr_expect_eq(c.improved, 4);
    cr_expect_eq(c.worsened, 0);
    cr_expect_eq(c.unchanged, 10);
    /* 1.9 - 0.8 = 1.0999999999999999 in binary: a tie with 1.1 must count. */
    SurveyChange t;
    double b[] = { 0.8 }, a[] = { 1.9 };
    cr_assert_eq(survey_relevant_change(b, a, 1, 1.1, 0.95, &t), SURVEY_OK);
    cr_expect_eq(t.improved, 1);
}

/* ---- the built-ins: records, suppression of small groups ------------------- */

/* Same 12 pairs as prepost_matches_scipy_ttest_rel, through the language. */
Test(survey_builtins, prepost_record_fields)
{
    Interp *I = wb_interp();
    Value v;
    cr_assert(wb_run(I,
                     "prepost([40, 52, 36, 60, 44, 48, 56, 32, 64, 28, 52, 40],"
                     " [48, 60, 44, 56, 60, 52, 68, 40, 72, 36, 52, 56])",
                     &v));
    WB_CLOSE(wb_field(v, "n"), 12, 0);
    WB_CLOSE(wb_field(v, "mean_change"), 7.666666666666667, 1e-12);
    WB_CLOSE(wb_field(v, "t"), 4.6, 1e-9);
    WB_CLOSE(wb_field(v, "p"), 0.0007649278464417353, 1e-12);
    WB_CLOSE(wb_field(v, "d_z"), 1.3279056191361394, 1e-9);
    WB_CLOSE(wb_field(v, "d_av"), 0.6981389869179322, 1e-9);
    WB_CLOSE(wb_field(v, "ci_low"), 3.998358066528419, 1e-9);
    value_release(v);
    interp_free(I);
}

/* 10 answers < min_cell 11: every figure is suppressed, and using one fails. */
Test(survey_builtins, small_groups_are_suppressed)
{
    Interp *I = wb_interp();
    Value v, est;
    cr_assert(wb_run(I, "mean_ci([3, 5, 8, 13, 21, 34, 2, 9, 11, 7])", &v));
    cr_assert(record_get(v, "estimate", &est));
    cr_expect(disclosure_is_suppressed(est));
    value_release(v);
    cr_expect_not(wb_run(I, "mean_ci([3, 5, 8, 13, 21, 34, 2, 9, 11, 7]).estimate + 1", &v));
    cr_expect(strstr(interp_error(I)->message, "suppressed") != NULL);
    interp_free(I);
}

/* With the threshold lowered on purpose (--min-cell 2) the figure is given:
 * values from mean_ci_skips_missing_and_uses_t. */
Test(survey_builtins, lowered_threshold_gives_the_figure)
{
    Interp *I = wb_interp();
    interp_settings(I)->min_cell = 2;
    Value v;
    cr_assert(wb_run(I, "mean_ci([3, 5, 8, 13, 21, 34, 2, 9, 11, 7])", &v));
    WB_CLOSE(wb_field(v, "estimate"), 11.3, 1e-12);
    WB_CLOSE(wb_field(v, "ci_low"), 4.380362349025392, 1e-9);
    WB_CLOSE(wb_field(v, "ci_high"), 18.21963765097461, 1e-9);
    value_release(v);
    /* Newcombe (1998): 15/148 -> 0.0624 to 0.1605 */
    cr_assert(wb_run(I, "wilson(15, 148)", &v));
    WB_CLOSE(wb_field(v, "ci_low"), 0.0624, 5e-5);
    WB_CLOSE(wb_field(v, "ci_high"), 0.1605, 5e-5);
    value_release(v);
    interp_free(I);
}

/* ---- no sub-count below the threshold (SPEC.md §4, SPEC.md §7) -- */

/* A share is hidden when the part, the rest or the whole is below 11: 6 of 13
 * gives 6 back (share × 13), 34 of 40 gives the rest 6 back. */
Test(privacy, share_rule_covers_part_rest_and_whole)
{
    cr_expect(disclosure_share_must_suppress(6, 13, 11));
    cr_expect(disclosure_share_must_suppress(34, 40, 11));
    cr_expect(disclosure_share_must_suppress(5, 10, 11));
    cr_expect(disclosure_share_must_suppress(0, 40, 11));
    cr_expect_not(disclosure_share_must_suppress(11, 22, 11));
    cr_expect_not(disclosure_share_must_suppress(20, 40, 11));
    cr_expect_not(disclosure_share_must_suppress(6, 13, 1)); /* threshold lowered to 1: off */
}

/* Cells of a published total, by hand: {22, 12, 4} of 38 hides 4, and then 12
 * (4 alone is 38 − 22 − 12); {15, 12, 11} hides nothing; {12, 30, 4} hides 4
 * then 12; {3, 9, 0} of 12 hides all; a total of 10 hides every cell. */
Test(privacy, partition_adds_secondary_suppression)
{
    bool h[3] = { false, false, false };
    size_t a[] = { 22, 12, 4 };
    cr_expect_eq(disclosure_partition(38, a, 3, 11, h), 2);
    cr_expect(!h[0] && h[1] && h[2]);
    memset(h, 0, sizeof h);
    size_t b[] = { 15, 12, 11 };
    cr_expect_eq(disclosure_partition(38, b, 3, 11, h), 0);
    memset(h, 0, sizeof h);
    size_t c[] = { 12, 30, 4 };
    cr_expect_eq(disclosure_partition(46, c, 3, 11, h), 2);
    cr_expect(h[0] && !h[1] && h[2]);
    memset(h, 0, sizeof h);
    size_t d[] = { 3, 9, 0 };
    cr_expect_eq(disclosure_partition(12, d, 3, 11, h), 3);
    memset(h, 0, sizeof h);
    size_t e[] = { 4, 6 };
    cr_expect_eq(disclosure_partition(10, e, 2, 11, h), 2);
    /* two small cells adding up to 11 or more protect each other: 30, 6, 5 */
    memset(h, 0, sizeof h);
    size_t f[] = { 30, 6, 5 };
    cr_expect_eq(disclosure_partition(41, f, 3, 11, h), 2);
    cr_expect(!h[0] && h[1] && h[2]);
    /* a cell the caller already hides for a reason of its own (here 12)
     * counts as hidden: 12 >= 11, so nothing more is hidden */
    bool g[3] = { false, true, false };
    size_t q[] = { 20, 12, 15 };
    cr_expect_eq(disclosure_partition(47, q, 3, 11, g), 1);
    cr_expect(!g[0] && g[1] && !g[2]);
}

/* relevant_change on 38 pairs: 22 improved, 12 unchanged, 4 worsened.  The 4
 * and the 12 are suppressed, the 22 and its share (22/38) are shown. */
Test(survey_builtins, relevant_change_hides_small_cells)
{
    Interp *I = wb_interp();
    Value v, f;
    cr_assert(
        wb_run(I,
               "relevant_change(map(range(38), fn(i) = 50), "
               "map(range(38), fn(i) = if i < 22 then 60 else if i < 34 then 50 else 40), 10)",
               &v));
    WB_CLOSE(wb_field(v, "n"), 38, 0);
    WB_CLOSE(wb_field(v, "improved"), 22, 0);
    WB_CLOSE(wb_field(v, "estimate"), 22.0 / 38.0, 1e-12);
    cr_assert(record_get(v, "unchanged", &f));
    cr_expect(disclosure_is_suppressed(f));
    cr_assert(record_get(v, "worsened", &f));
    cr_expect(disclosure_is_suppressed(f));
    value_release(v);
    interp_free(I);
}

/* wilson: 10 of 39 (the wellbeing example's poor wellbeing) and 34 of 40
 * (rest 6) hide the proportion but keep n (mean_ci of a true/false column:
 * golden test privacy_survey). */
Test(survey_builtins, wilson_hides_small_parts_and_rests)
{
    Interp *I = wb_interp();
    Value v, f;
    const char *const calls[] = { "wilson(10, 39)", "wilson(34, 40)" };
    for (size_t k = 0; k < 2; k++) {
        cr_assert(wb_run(I, calls[k], &v));
        cr_assert(record_get(v, "estimate", &f));
        cr_expect(disclosure_is_suppressed(f), "%s", calls[k]);
        cr_assert(record_get(v, "ci_low", &f));
        cr_expect(disclosure_is_suppressed(f), "%s", calls[k]);
        cr_expect(!isnan(wb_field(v, "n")), "%s: n stays", calls[k]);
        value_release(v);
    }
    cr_assert(wb_run(I, "wilson(20, 40)", &v));
    WB_CLOSE(wb_field(v, "estimate"), 0.5, 1e-12);
    value_release(v);
    interp_free(I);
}
