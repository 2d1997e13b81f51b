/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_figures.c — one figure as a report shows it, in the report's
 * language (stdlib/core/numfmt.h): money in the model's currency or display
 * unit, shares as percentages, ratios to two decimals, months of payback;
 * an uncertain figure as its median and 90% interval.
 *
 * Contract: a figure summary (SroiFigure) is computed once from the samples
 * (numpy's linear-interpolation quantiles, sroi_quantiles_kept); formatting
 * it never changes its value, only how it is written.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/mem.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/sroi/report.h"
#include "stdlib/stats/summary.h"

/* ---- figures --------------------------------------------------------------------- */

/* How money is written in a report: each amount divided by `divisor`, then
 * `unit`.  The model's `scale` setting or --scale ('k', 'M') writes
 * thousands or millions of the currency (1 626,6 k€, 1626.6 kEUR); without
 * one, a money unit the model's amounts were written in that stands for
 * many of the currency (unit MGBP = 1000000 GBP) is kept; otherwise the
 * currency itself, as its sign in French (€, £, $). */

void sroi_money_display(Interp *I, const SroiModel *m, SroiMoneyDisplay *d)
{
    Language lang = interp_settings(I)->language;
    /* the command line wins over the model; '1' asks for whole amounts */
    char scale = interp_settings(I)->scale ? interp_settings(I)->scale : m->scale;
    bool whole = scale == '1';
    if (whole) scale = 0;
    const char *name;
    double unit_scale;
    uint16_t hint = scale || whole ? 0 : m->written_unit;
    if (hint && unit_hint_info(I, hint, &name, &unit_scale)) {
        d->divisor = unit_scale;
        snprintf(d->unit, sizeof d->unit, "%s", name);
        return;
    }
    StrBuf currency;
    sb_init(&currency);
    dim_format(I, m->money, &currency);
    const char *code = currency.data ? currency.data : "";
    const char *sign = lang == LANGUAGE_FR ? numfmt_currency_sign(code) : NULL;
    d->divisor = scale == 'k' ? 1e3 : scale == 'M' ? 1e6 : 1;
    snprintf(d->unit, sizeof d->unit, "%s%s",
             scale == 'k'       ? "k"
                 : scale == 'M' ? "M"
                                : "",
             sign ? sign : code);
    sb_free(&currency);
}

static void format_money(Interp *I, const SroiModel *m, double v, StrBuf *b)
{
    SroiMoneyDisplay d;
    sroi_money_display(I, m, &d);
    numfmt_money(b, v / d.divisor, d.divisor != 1, -1, d.unit, interp_settings(I)->language);
}

static void format_one(Interp *I, const SroiModel *m, double v, char kind, StrBuf *b)
{
    Language lang = interp_settings(I)->language;
    if (isnan(v)) {
        sb_append(b, _("none"));
        return;
    }
    if (kind == 'r' && isinf(v)) { /* per unit of no inputs: no ratio, as the HTML shows */
        sb_append(b, "\xE2\x80\x94");
        return;
    }
    if (v == 0) v = 0; /* no "-0" */
    StrBuf num;
    sb_init(&num);
    switch (kind) {
    case 'm': format_money(I, m, v, b); break;
    /* whole percents as written (25%), others to one decimal (83.8%) */
    case '%': numfmt_percent(b, v, 1, lang); break;
    case 'r': numfmt_fixed(b, v, 2, lang); break;
    case 'M':
        numfmt_fixed(&num, v, 1, lang);
        sb_printf(b, _("%s months"), num.data);
        break;
    case 'y':
        numfmt_general(&num, v, 6, lang);
        /* English keeps the unit as the language writes it (2 year) */
        sb_printf(b, lang == LANGUAGE_FR && fabs(v) >= 2 ? _("%s years") : _("%s year"), num.data);
        break;
    default: numfmt_general(b, v, 6, lang); break;
    }
    sb_free(&num);
}

/* Equal up to rounding noise (a difference of two paired samples that
 * differ by a constant is only constant to the last bits). */
bool sroi_same_figure(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* The summary, with the mean and sd of an uncertain figure when moments
 * (NaN otherwise), from the quantiles' own pass over the samples. */
static void figure_summary(const double *vals, size_t n, const double *median, bool moments,
                           SroiFigure *f)
{
    memset(f, 0, sizeof *f);
    f->n = n;
    f->q[0] = f->q[1] = f->q[2] = NAN;
    if (moments) f->mean = f->sd = NAN;
    size_t s = 0;
    while (s < n && isnan(vals[s])) s++;
    if (s == n) return; /* every sample missing */
    f->first = vals[s];
    /* A figure no distribution reaches is shown plainly: scan while the
     * samples agree (a real distribution differs at once; equal bits first,
     * the test of rounding noise only for the others). */
    size_t kept = 1;
    bool constant = true;
    for (s++; s < n && constant; s++) {
        if (isnan(vals[s])) continue;
        constant = vals[s] == f->first || sroi_same_figure(vals[s], f->first);
        kept++;
    }
    if (constant) {
        f->constant = true;
        f->kept = kept;
        if (kept == n) return;
    }
    static const double ps[3] = { 0.5, 0.05, 0.95 };
    double *mean = moments ? &f->mean : NULL, *sd = moments ? &f->sd : NULL;
    if (median) {
        f->q[0] = *median;
        kept = sroi_quantiles_moments(vals, n, ps + 1, 2, f->q + 1, mean, sd);
    } else {
        kept = sroi_quantiles_moments(vals, n, ps, 3, f->q, mean, sd);
    }
    if (!constant) f->kept = kept;
}

/* A stream's summary (report_stream.c) as the figure figure_summary()
 * makes of the whole samples: the constant test on the stream's least,
 * greatest and first samples. */
static void figure_of_stream(const StreamSummary *s, bool moments, SroiFigure *f)
{
    memset(f, 0, sizeof *f);
    f->n = s->n;
    f->q[0] = f->q[1] = f->q[2] = NAN;
    f->mean = f->sd = NAN;
    if (s->kept == 0) return; /* every sample missing */
    f->first = s->first;
    f->kept = s->kept;
    f->constant = (s->min == s->first || sroi_same_figure(s->min, s->first)) &&
        (s->max == s->first || sroi_same_figure(s->max, s->first));
    if (f->constant && s->kept == s->n) return;
    memcpy(f->q, s->q, sizeof f->q);
    if (moments) {
        f->mean = s->mean;
        f->sd = s->sd;
    }
}

bool sroi_streamed_field(const SroiModel *m, size_t j, bool moments, SroiFigure *out)
{
    StreamSummary s;
    if (!sroi_stream_field(m, j, moments, &s)) return false;
    figure_of_stream(&s, moments, out);
    return true;
}

bool sroi_streamed_outcome(const SroiModel *m, size_t i, SroiOutcomePart part, int year,
                           bool moments, SroiFigure *out)
{
    StreamSummary s;
    if (!sroi_stream_outcome(m, i, part, year, moments, &s)) return false;
    figure_of_stream(&s, moments, out);
    return true;
}

void sroi_figure_summary(const double *vals, size_t n, const double *median, SroiFigure *f)
{
    figure_summary(vals, n, median, false, f);
}

/* The summary, with the mean and sd of an uncertain figure when moments. */
static void figure_of(const double *vals, size_t n, bool moments, SroiFigure *f)
{
    figure_summary(vals, n, NULL, moments, f);
    if (!moments) f->mean = f->sd = NAN;
}

static void figures_of(const double *const *vals, size_t count, size_t n, bool moments,
                       SroiFigure *out)
{
/* Each array is read only: the arrays are summarised side by side. */
#pragma omp parallel for schedule(dynamic, 1) if (count > 1 && n >= 20000)
    for (size_t j = 0; j < count; j++) figure_of(vals[j], n, moments, &out[j]);
}

void sroi_figure_summaries(const double *const *vals, size_t count, size_t n, SroiFigure *out)
{
    figures_of(vals, count, n, false, out);
}

void sroi_figure_moments(const double *const *vals, size_t count, size_t n, SroiFigure *out)
{
    figures_of(vals, count, n, true, out);
}

/* A budget for the arrays of samples a report holds at once: 64 MB, or a
 * quarter of what the model's fields drawn on demand would take stored,
 * when more: every pass over the samples draws those fields again, so a
 * report that holds more figures at once makes fewer passes. */
#define REPORT_BUDGET ((size_t)64 << 20)

size_t sroi_report_batch(const SroiModel *m)
{
    size_t n = m->n_samples ? m->n_samples : 1;
    size_t drawn = sroi_drawn_fields(m) * n * sizeof(double) / 4;
    size_t k = (drawn > REPORT_BUDGET ? drawn : REPORT_BUDGET) / (sizeof(double) * n);
    return k < 2 ? 2 : k > SROI_BATCH_MAX ? SROI_BATCH_MAX : k;
}

void sroi_format_summary(Interp *I, const SroiModel *m, const SroiFigure *f, char kind, StrBuf *b)
{
    if (f->kept == 0) {
        sb_append(b, _("none"));
        return;
    }
    if (f->constant && f->kept == f->n) {
        format_one(I, m, f->first, kind, b);
        return;
    }
    format_one(I, m, f->q[0], kind, b);
    if (!(f->q[1] == f->q[2] && f->q[0] == f->q[1])) {
        StrBuf low, high;
        sb_init(&low);
        sb_init(&high);
        format_one(I, m, f->q[1], kind, &low);
        format_one(I, m, f->q[2], kind, &high);
        /* TRANSLATORS: a 90% interval after a median: " (90%: 3.1 to 5.2)" */
        sb_printf(b, _(" (90%%: %s to %s)"), low.data, high.data);
        sb_free(&low);
        sb_free(&high);
    }
    /* an interval of zero width (a figure constant over 90% of the samples,
     * e.g. a negative value of 0 EUR) is shown as that figure alone */
    if (f->kept < f->n) {
        StrBuf share;
        sb_init(&share);
        numfmt_general(&share, 100.0 * (double)(f->n - f->kept) / (double)f->n, 3,
                       interp_settings(I)->language);
        sb_printf(b, _(" [none in %s%% of samples]"), share.data);
        sb_free(&share);
    }
}

void sroi_format_figure(Interp *I, const SroiModel *m, const double *vals, size_t n, char kind,
                        StrBuf *b)
{
    if (n <= 1) {
        format_one(I, m, vals[0], kind, b);
        return;
    }
    SroiFigure f;
    sroi_figure_summary(vals, n, NULL, &f);
    sroi_format_summary(I, m, &f, kind, b);
}

/* ---- one figure for every sample --------------------------------------------------- */

void sroi_total_figures(Interp *I, const SroiModel *m, const SroiTotalFigure *f, size_t count,
                        bool moments, SroiFigure *out)
{
    size_t n = m->n_samples ? m->n_samples : 1, batch = sroi_report_batch(m);
    bool streamed = m->n_samples > 0; /* every figure from the report's one pass */
    for (size_t j = 0; streamed && j < count; j++) {
        StreamSummary s;
        streamed = sroi_stream_total(m, &f[j], moments, &s);
        if (streamed) figure_of_stream(&s, moments, &out[j]);
    }
    for (size_t start = 0; !streamed && start < count; start += batch) {
        size_t k = count - start < batch ? count - start : batch;
        SroiPick picks[SROI_BATCH_MAX];
        const void *ctxs[SROI_BATCH_MAX];
        double *outs[SROI_BATCH_MAX];
        bool years = false;
        for (size_t j = 0; j < k; j++) {
            picks[j] = f[start + j].pick;
            ctxs[j] = f[start + j].ctx;
            years |= f[start + j].years;
            /* out of memory, its only failure: a report of "?" or null
             * figures with status 0 would hide it */
            outs[j] = xmalloc(sizeof(double) * n);
        }
        if (!sroi_collect_many(I, m, NULL, k, picks, ctxs, years, outs)) rt_out_of_memory();
        for (size_t j = 0; j < k; j++)
            if (f[start + j].scale != 1)
                for (size_t s = 0; s < n; s++) outs[j][s] *= f[start + j].scale;
        figures_of((const double *const *)outs, k, n, moments, out + start);
        for (size_t j = 0; j < k; j++) free(outs[j]);
    }
}

double *sroi_collect_figure(Interp *I, const SroiModel *m, SroiPick pick, const void *ctx)
{
    size_t n = m->n_samples ? m->n_samples : 1;
    double *v = malloc(sizeof(double) * n);
    if (v && !sroi_collect(I, m, NULL, pick, ctx, false, v)) {
        free(v);
        return NULL;
    }
    return v;
}
