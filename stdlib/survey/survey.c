/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* survey.c — the survey statistics as global built-ins (docs/METHOD.md §3).
 *
 *   mean_ci(x, level: 95%)                 {estimate, ci_low, ci_high, n}
 *   wilson(successes, n, level: 95%)       {estimate, ci_low, ci_high, n}
 *   wilson(boolean column)                 the same, successes = true answers
 *   prepost(before, after, level: 95%)     paired change, t-test, effect sizes
 *   cronbach_alpha(T, items)               {alpha, alpha_std, mean_r, n, k}
 *   norm_compare(x, mean, sd)              standardised difference and t vs a norm
 *   relevant_change(before, after, threshold)  share whose change ≥ threshold
 *   survey_template(instrument, path, lang: "fr")  CSV header (+ item wording) to fill in
 *
 * Contract: the arithmetic is in survey_stats.c (survey.h); this file reads
 * arguments, raises messages for evaluators, and builds result records.
 * Every result over fewer respondents than the small-group threshold
 * (privacy.h: the table's min_cell, else --min-cell, default 11) keeps its
 * fields but each one is a suppressed figure, which refuses arithmetic.
 * A proportion (wilson, relevant_change, mean_ci of true/false answers) is
 * also suppressed when the respondents counted or the others are fewer than
 * the threshold, and the sub-counts of relevant_change are suppressed cell by
 * cell with secondary suppression (disclosure_partition), since n is shown.
 * Missing answers are skipped and the skip is announced with a warning.
 */
#include "runtime/disclosure.h"
#include "stdlib/stdlib.h"
#include "stdlib/privacy/privacy.h"
#include "stdlib/survey/survey.h"
#include "stdlib/survey/survey_args.h"
#include "stdlib/survey/survey_template.h"

#include <math.h>
#include <string.h>

/* ---- result records -------------------------------------------------------- */

static void put_num(Value rec, const char *key, double x, Dim dim, SrcLoc loc)
{
    record_set_take(rec, key, value_num_dim(x, dim), loc);
}

static void put_plain(Value rec, const char *key, double x, SrcLoc loc)
{
    record_set_take(rec, key, value_num(x), loc);
}

static void put_percent(Value rec, const char *key, double x, SrcLoc loc)
{
    record_set_take(rec, key, value_percent(x), loc);
}

/* Replaces every field by a suppressed figure when n is below the threshold:
 * the record keeps its shape, so scripts reading r.estimate still work and
 * meet a figure that refuses to be used. */
static Value guard_record(Value rec, size_t n, int threshold)
{
    if (!disclosure_must_suppress(n, threshold)) return rec;
    RecordObj *r = as_record(rec);
    for (size_t i = 0; i < r->n; i++) {
        value_release(r->vals[i]);
        r->vals[i] = disclosure_suppressed(threshold);
    }
    return rec;
}

/* Differencing (SPEC.md, rule 9): a statistic over people's answers gives
 * their number and their sum (n, and estimate × n), as mean() and count() do,
 * so each column or table it reads is checked against the figures already
 * given about the same data file; when one would give back a small group by
 * adding and subtracting, every field is suppressed. */
static Value guard_differencing(Interp *I, const CallArgs *a, Value rec, int threshold)
{
    RecordObj *r = as_record(rec);
    bool all_hidden = true;
    for (size_t i = 0; i < r->n && all_hidden; i++)
        all_hidden = disclosure_is_suppressed(r->vals[i]);
    if (all_hidden) return rec;
    bool allowed = true;
    for (size_t i = 0; i < a->npos; i++) {
        Value v = a->pos[i];
        if (v.kind != V_COLUMN && v.kind != V_TABLE) continue;
        bool truth = v.kind == V_COLUMN && as_column(v)->type == COL_BOOL;
        if (!(truth ? disclosure_differencing_allows_true(I, v, threshold)
                    : disclosure_differencing_allows(I, v, threshold)))
            allowed = false;
    }
    if (allowed) return rec;
    for (size_t i = 0; i < r->n; i++) {
        value_release(r->vals[i]);
        r->vals[i] = disclosure_suppressed_differencing(threshold);
    }
    return rec;
}

/* Replaces the fields named in keys (NULL-terminated) by suppressed
 * figures (secondary: hidden only to protect another cell). */
static void suppress_fields(Value rec, const char *const *keys, int threshold, bool secondary)
{
    RecordObj *r = as_record(rec);
    for (size_t i = 0; i < r->n; i++)
        for (const char *const *k = keys; *k; k++)
            if (strcmp(r->keys[i], *k) == 0 && !disclosure_is_suppressed(r->vals[i])) {
                value_release(r->vals[i]);
                r->vals[i] = secondary ? disclosure_suppressed_secondary(threshold)
                                       : disclosure_suppressed(threshold);
            }
}

/* The fields that give a proportion away (with n shown, x = estimate × n). */
static const char *const PROPORTION_FIELDS[] = { "estimate", "ci_low", "ci_high", NULL };

/* Suppresses the proportion of a record about n respondents of whom yes
 * answered "true", when yes or n − yes is below the threshold (n itself is
 * guarded by guard_record). */
static Value guard_proportion(Value rec, size_t yes, size_t n, int threshold)
{
    if (disclosure_share_must_suppress(yes, n, threshold))
        suppress_fields(rec, PROPORTION_FIELDS, threshold, false);
    return rec;
}

/* What was skipped, each with its own sentence and plural (ngettext). */
typedef enum Skipped { SKIP_VALUES, SKIP_ANSWERS, SKIP_PAIRS, SKIP_INCOMPLETE } Skipped;

static void warn_skipped(Interp *I, const CallArgs *a, size_t skipped, size_t total, Skipped what)
{
    if (skipped == 0) return;
    unsigned long n = (unsigned long)skipped;
    const char *message = what == SKIP_VALUES
        ? ngettext("%s(): %zu of %zu values missing, skipped",
                   "%s(): %zu of %zu values missing, skipped", n)
        : what == SKIP_ANSWERS ? ngettext("%s(): %zu of %zu answers missing, skipped",
                                          "%s(): %zu of %zu answers missing, skipped", n)
        : what == SKIP_PAIRS
        ? ngettext("%s(): %zu of %zu respondents without both answers, skipped",
                   "%s(): %zu of %zu respondents without both answers, skipped", n)
        : ngettext("%s(): %zu of %zu respondents with an unanswered item (listwise deletion), "
                   "skipped",
                   "%s(): %zu of %zu respondents with an unanswered item (listwise deletion), "
                   "skipped",
                   n);
    rt_warn(I, survey_warn_loc(I, a->loc), message, survey_fn_name(a), skipped, total);
}

/* Turns a status into a message; returns false. */
static bool raise_status(Interp *I, const CallArgs *a, SurveyStatus st, size_t n)
{
    const char *fn = survey_fn_name(a);
    switch (st) {
    case SURVEY_BAD_LEVEL:
        rt_raise(I, a->loc, _("%s(): level must lie strictly between 0%% and 100%%"), fn);
        return rt_hint(I, _("write level: 95%% (or 0.95)"));
    case SURVEY_NO_SPREAD:
        if (strcmp(fn, "prepost") == 0)
            rt_raise(I, a->loc,
                     _("prepost(): all %zu respondents changed by exactly the same amount, so the "
                       "spread of the changes is 0 and no interval, t-test or effect size exists"),
                     n);
        else if (strcmp(fn, "cronbach_alpha") == 0)
            rt_raise(I, a->loc,
                     _("cronbach_alpha(): all %zu respondents have the same total score, so alpha "
                       "does not exist"),
                     n);
        else
            rt_raise(
                I, a->loc,
                _("%s(): all %zu answers are identical, so their spread is 0 and no t-test exists"),
                fn, n);
        return rt_hint(I,
                       _("check that the right columns were passed (not the same column twice)"));
    case SURVEY_BAD_INPUT:
        return rt_raise(I, a->loc, _("%s(): the arguments do not describe a valid sample"), fn);
    case SURVEY_TOO_FEW:
    default:
        rt_raise(I, a->loc, _("%s(): needs at least 2 answers, got %zu"), fn, n);
        return rt_hint(
            I, _("an interval needs several respondents; check the filter that selected them"));
    }
}

static bool read_level(Interp *I, const CallArgs *a, size_t pos, double *level)
{
    return survey_opt_number(I, a, pos, "level", 0.95, level);
}

/* ---- mean_ci ------------------------------------------------------------------ */

static bool bi_mean_ci(Interp *I, const CallArgs *a, Value *out)
{
    NumArray x;
    double level;
    if (!read_level(I, a, 1, &level) || !survey_num_array(I, a, 0, "x", &x)) return false;
    SurveyMean m;
    SurveyStatus st = survey_mean_ci(x.x, x.n, level, &m);
    int threshold = disclosure_table_threshold(I, NULL);
    bool small = disclosure_must_suppress(m.n, threshold);
    if (st != SURVEY_OK && !(small && st != SURVEY_BAD_LEVEL)) {
        survey_num_free(&x);
        return raise_status(I, a, st, m.n);
    }
    warn_skipped(I, a, m.skipped, x.n, SKIP_VALUES);
    Value rec = value_record_new();
    put_num(rec, "estimate", m.mean, x.dim, a->loc);
    put_num(rec, "ci_low", m.ci_low, x.dim, a->loc);
    put_num(rec, "ci_high", m.ci_high, x.dim, a->loc);
    put_plain(rec, "n", (double)m.n, a->loc);
    /* the mean of true/false answers is a proportion: its part and rest are
     * counts of people too */
    if (a->pos[0].kind == V_COLUMN && as_column(a->pos[0])->type == COL_BOOL) {
        size_t yes = 0;
        for (size_t i = 0; i < x.n; i++) yes += x.x[i] == 1.0;
        rec = guard_proportion(rec, yes, m.n, threshold);
    }
    survey_num_free(&x);
    *out = guard_differencing(I, a, guard_record(rec, m.n, threshold), threshold);
    return true;
}

/* ---- wilson ---------------------------------------------------------------------- */

static bool wilson_counts(Interp *I, const CallArgs *a, double *x, double *n)
{
    if (a->npos >= 1 && a->pos[0].kind == V_COLUMN) {
        const ColumnObj *c = as_column(a->pos[0]);
        if (c->type != COL_BOOL)
            return rt_raise(I, arg_loc(a, 0),
                            _("wilson(): a column argument must hold true/false answers, e.g. "
                              "wilson(T.score >= 50)"));
        size_t yes = 0, known = 0;
        for (size_t i = 0; i < c->n; i++)
            if (c->bools[i] >= 0) {
                known++;
                yes += (size_t)c->bools[i];
            }
        warn_skipped(I, a, c->n - known, c->n, SKIP_ANSWERS);
        *x = (double)yes;
        *n = (double)known;
        return true;
    }
    if (!arg_number(I, a, 0, "successes", x) || !arg_number(I, a, 1, "n", n)) return false;
    if (!(*n >= 0) || *x < 0 || *x > *n || floor(*x) != *x || floor(*n) != *n) {
        rt_raise(I, a->loc,
                 _("wilson(): successes and n must be whole counts with 0 ≤ successes ≤ n, got %g "
                   "and %g"),
                 *x, *n);
        return rt_hint(I, _("wilson(7, 20) is 7 respondents out of 20"));
    }
    /* 2^53: past it a double no longer holds every whole count */
    if (*n > 9007199254740992.0)
        return rt_raise(I, arg_loc(a, 1),
                        _("wilson(): n = %g is more people than can be counted exactly"), *n);
    return true;
}

static bool bi_wilson(Interp *I, const CallArgs *a, Value *out)
{
    double x, n, level;
    bool by_column = a->npos >= 1 && a->pos[0].kind == V_COLUMN;
    if (!read_level(I, a, by_column ? 1 : 2, &level) || !wilson_counts(I, a, &x, &n)) return false;
    SurveyProportion p;
    SurveyStatus st = survey_wilson(x, n, level, &p);
    int threshold = disclosure_table_threshold(I, NULL);
    if (st != SURVEY_OK && !(st == SURVEY_TOO_FEW && disclosure_must_suppress(0, threshold)))
        return raise_status(I, a, st, (size_t)num_to_int(n, 0, INT64_MAX, NULL));
    Value rec = value_record_new();
    put_percent(rec, "estimate", p.estimate, a->loc);
    put_percent(rec, "ci_low", p.ci_low, a->loc);
    put_percent(rec, "ci_high", p.ci_high, a->loc);
    put_plain(rec, "n", n, a->loc);
    size_t people = (size_t)num_to_int(n, 0, INT64_MAX, NULL);
    rec = guard_proportion(rec, (size_t)num_to_int(x, 0, INT64_MAX, NULL), people, threshold);
    *out = guard_differencing(I, a, guard_record(rec, people, threshold), threshold);
    return true;
}

/* ---- prepost --------------------------------------------------------------------- */

/* before and after (arguments 0 and 1): the answers of the same respondents,
 * row by row, in one unit; false, with neither kept, after an error raised. */
static bool read_waves(Interp *I, const CallArgs *a, NumArray *x, NumArray *y)
{
    if (!survey_num_array(I, a, 0, "before", x)) return false;
    if (!survey_num_array(I, a, 1, "after", y)) {
        survey_num_free(x);
        return false;
    }
    if (x->n == y->n && dim_equal(x->dim, y->dim)) return true;
    if (x->n != y->n) {
        rt_raise(I, a->loc,
                 _("%s(): before has %zu answers but after has %zu; they must be the same "
                   "respondents, row by row"),
                 survey_fn_name(a), x->n, y->n);
        rt_hint(I,
                _("join the two waves on the respondent id first, e.g. join(t0, t1, on: \"id\")"));
    } else
        rt_raise(I, a->loc, _("%s(): before and after are not in the same unit"),
                 survey_fn_name(a));
    survey_num_free(x);
    survey_num_free(y);
    return false;
}

static void prepost_fields(Value rec, const SurveyPrePost *r, Dim dim, SrcLoc loc)
{
    put_plain(rec, "n", (double)r->n, loc);
    put_num(rec, "mean_before", r->mean_before, dim, loc);
    put_num(rec, "mean_after", r->mean_after, dim, loc);
    put_num(rec, "mean_change", r->mean_change, dim, loc);
    put_num(rec, "sd_change", r->sd_change, dim, loc);
    put_num(rec, "ci_low", r->ci_low, dim, loc);
    put_num(rec, "ci_high", r->ci_high, dim, loc);
    put_plain(rec, "t", r->t, loc);
    put_plain(rec, "df", r->df, loc);
    put_plain(rec, "p", r->p, loc);
    put_plain(rec, "d_z", r->d_z, loc);
    put_plain(rec, "d_av", r->d_av, loc);
}

static bool bi_prepost(Interp *I, const CallArgs *a, Value *out)
{
    NumArray x, y;
    double level;
    if (!read_level(I, a, 2, &level)) return false;
    if (!read_waves(I, a, &x, &y)) return false;
    bool ok = true;
    SurveyPrePost r = { 0 };
    SurveyStatus st = survey_prepost(x.x, y.x, x.n, level, &r);
    int threshold = disclosure_table_threshold(I, NULL);
    bool small = disclosure_must_suppress(r.n, threshold);
    if (st != SURVEY_OK && !(small && st != SURVEY_BAD_LEVEL)) ok = raise_status(I, a, st, r.n);
    if (ok) {
        warn_skipped(I, a, r.skipped, x.n, SKIP_PAIRS);
        Value rec = value_record_new();
        prepost_fields(rec, &r, x.dim, a->loc);
        *out = guard_differencing(I, a, guard_record(rec, r.n, threshold), threshold);
    }
    survey_num_free(&x);
    survey_num_free(&y);
    return ok;
}

/* ---- cronbach_alpha ------------------------------------------------------------------ */

static bool bi_cronbach(Interp *I, const CallArgs *a, Value *out)
{
    ItemColumns ic;
    if (!survey_item_columns(I, a, 0, 1, 2, &ic)) return false;
    if (!survey_item_reversals(I, a, &ic)) {
        survey_items_free(&ic);
        return false;
    }
    SurveyAlpha al = { 0 };
    SurveyStatus st = survey_cronbach(ic.x, ic.k, ic.table->nrows, &al);
    int threshold = disclosure_table_threshold(I, ic.table);
    bool small = disclosure_must_suppress(al.n, threshold);
    survey_items_free(&ic);
    if (st != SURVEY_OK && !small) return raise_status(I, a, st, al.n);
    warn_skipped(I, a, al.skipped, al.n + al.skipped, SKIP_INCOMPLETE);
    Value rec = value_record_new();
    put_plain(rec, "alpha", al.alpha, a->loc);
    put_plain(rec, "alpha_std", al.alpha_std, a->loc);
    put_plain(rec, "mean_r", al.mean_r, a->loc);
    put_plain(rec, "n", (double)al.n, a->loc);
    put_plain(rec, "k", (double)al.k, a->loc);
    *out = guard_differencing(I, a, guard_record(rec, al.n, threshold), threshold);
    return true;
}

/* ---- norm_compare ------------------------------------------------------------------------ */

static bool bi_norm_compare(Interp *I, const CallArgs *a, Value *out)
{
    double mu, sigma;
    if (!survey_opt_number(I, a, 1, "mean", NAN, &mu) ||
        !survey_opt_number(I, a, 2, "sd", NAN, &sigma))
        return false;
    if (isnan(mu) || !(sigma > 0)) {
        rt_raise(I, a->loc,
                 _("norm_compare(): needs the norm's mean and its standard deviation (> 0)"));
        return rt_hint(I,
                       _("e.g. norm_compare(scores, mean: 24.79, sd: 3.73) for the German SWEMWBS "
                         "norm (GEDA 2022)"));
    }
    NumArray x;
    if (!survey_num_array(I, a, 0, "x", &x)) return false;
    SurveyNorm r = { 0 };
    SurveyStatus st = survey_norm_compare(x.x, x.n, mu, sigma, &r);
    int threshold = disclosure_table_threshold(I, NULL);
    if (st != SURVEY_OK && !disclosure_must_suppress(r.n, threshold)) {
        survey_num_free(&x);
        return raise_status(I, a, st, r.n);
    }
    warn_skipped(I, a, r.skipped, x.n, SKIP_VALUES);
    Value rec = value_record_new();
    put_plain(rec, "n", (double)r.n, a->loc);
    put_num(rec, "mean", r.mean, x.dim, a->loc);
    put_num(rec, "reference_mean", mu, x.dim, a->loc);
    put_num(rec, "reference_sd", sigma, x.dim, a->loc);
    put_plain(rec, "d", r.d, a->loc);
    put_plain(rec, "t", r.t, a->loc);
    put_plain(rec, "df", r.df, a->loc);
    put_plain(rec, "p", r.p, a->loc);
    survey_num_free(&x);
    *out = guard_differencing(I, a, guard_record(rec, r.n, threshold), threshold);
    return true;
}

/* ---- relevant_change ------------------------------------------------------------------------ */

/* Improved, unchanged and worsened add up to n, which is shown: each cell
 * below the threshold is suppressed, with secondary suppression so that no
 * hidden cell is n minus the shown ones; the share improved goes with the
 * improved cell. */
static Value guard_change_cells(Value rec, const SurveyChange *c, int threshold)
{
    static const char *const cells[] = { "improved", "unchanged", "worsened" };
    size_t counts[3] = { c->improved, c->unchanged, c->worsened };
    bool hide[3] = { false, false, false };
    disclosure_partition(c->n, counts, 3, threshold, hide);
    rec = guard_proportion(rec, c->improved, c->n, threshold);
    for (size_t i = 0; i < 3; i++)
        if (hide[i]) {
            const char *one[] = { cells[i], NULL };
            suppress_fields(rec, one, threshold, !disclosure_must_suppress(counts[i], threshold));
        }
    if (hide[0]) /* improved hidden to protect another cell: its share goes too */
        suppress_fields(rec, PROPORTION_FIELDS, threshold, true);
    return rec;
}

static bool bi_relevant_change(Interp *I, const CallArgs *a, Value *out)
{
    double threshold_change, level;
    if (!arg_number(I, a, 2, "threshold", &threshold_change) || !read_level(I, a, 3, &level))
        return false;
    if (!(threshold_change > 0)) {
        rt_raise(I, arg_loc(a, 2),
                 _("relevant_change(): threshold must be a positive change, got %g"),
                 threshold_change);
        return rt_hint(
            I,
            _("use the instrument's relevant change, e.g. 10 for WHO-5 percentages, 3 for WEMWBS"));
    }
    NumArray x, y;
    if (!read_waves(I, a, &x, &y)) return false;
    bool ok = true;
    SurveyChange c = { 0 };
    SurveyStatus st = survey_relevant_change(x.x, y.x, x.n, threshold_change, level, &c);
    int threshold = disclosure_table_threshold(I, NULL);
    if (st != SURVEY_OK && !disclosure_must_suppress(c.n, threshold))
        ok = raise_status(I, a, st, c.n);
    if (ok) {
        warn_skipped(I, a, c.skipped, x.n, SKIP_PAIRS);
        Value rec = value_record_new();
        put_plain(rec, "n", (double)c.n, a->loc);
        put_plain(rec, "improved", (double)c.improved, a->loc);
        put_plain(rec, "unchanged", (double)c.unchanged, a->loc);
        put_plain(rec, "worsened", (double)c.worsened, a->loc);
        put_percent(rec, "estimate", c.share.estimate, a->loc);
        put_percent(rec, "ci_low", c.share.ci_low, a->loc);
        put_percent(rec, "ci_high", c.share.ci_high, a->loc);
        *out = guard_differencing(
            I, a, guard_record(guard_change_cells(rec, &c, threshold), c.n, threshold), threshold);
    }
    survey_num_free(&x);
    survey_num_free(&y);
    return ok;
}

const BuiltinReg survey_builtins[] = {
#include "stdlib/survey/survey.def"
    { 0 },
};
