/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* charts.c — charts drawn in the terminal: tornado_chart(M) (the rows of
 * tornado(M) as bars around the model's ratio) and histogram(D) (the
 * samples of a distribution in bins), both printable texts, like report(M).
 *
 * Contract: the figures are those of tornado(M) (sens_tornado) and of the
 * distribution's own samples; a chart only draws them.  Bars use the block
 * characters U+2588 and its eighths, so a bar's length is exact to 1/8 of a
 * column.  A distribution about people is refused: a bin may hold fewer
 * people than the small-group threshold.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "runtime/disclosure.h"
#include "runtime/mem.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/data/table.h"
#include "stdlib/sroi/report.h"
#include "stdlib/stdlib.h"
#include "stdlib/uncertainty/sensitivity_common.h"
#include "stdlib/uncertainty/tornado.h"

#define BAR_COLUMNS 40

/* A bar of `cols` columns (fractional), in whole blocks and one eighth-block. */
static void bar(StrBuf *out, double cols)
{
    static const char *const eighths[8] = { "",
                                            "\xE2\x96\x8F",
                                            "\xE2\x96\x8E",
                                            "\xE2\x96\x8D",
                                            "\xE2\x96\x8C",
                                            "\xE2\x96\x8B",
                                            "\xE2\x96\x8A",
                                            "\xE2\x96\x89" };
    if (!(cols > 0)) return;
    long whole = (long)floor(cols);
    for (long i = 0; i < whole; i++) sb_append(out, "\xE2\x96\x88");
    int part = (int)floor((cols - (double)whole) * 8);
    if (part > 0) sb_append(out, eighths[part]);
}

static void spaces(StrBuf *out, long n)
{
    for (long i = 0; i < n; i++) sb_append(out, " ");
}

static const char *column_text(const TableObj *t, int c, size_t r)
{
    const ColumnObj *col = t->cols[c];
    return col->type == COL_TEXT && col->codes[r] >= 0 ? col->dict->strs[col->codes[r]] : "";
}

static double column_number(const TableObj *t, int c, size_t r)
{
    return t->cols[c]->type == COL_NUM ? t->cols[c]->num[r] : NAN;
}

/* Each parameter on one line: its name, the ratio at its low end, a bar from
 * the lower to the higher ratio on a common scale with │ at the model's
 * ratio, the ratio at its high end. */
static void draw_tornado(Interp *I, const TableObj *t, double base, double pct, StrBuf *out)
{
    Language lang = interp_settings(I)->language;
    int name = table_find_column_loose(t, "parameter"),
        lo = table_find_column_loose(t, "ratio_low"), hi = table_find_column_loose(t, "ratio_high");
    double min = base, max = base;
    size_t width = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (sens_tornado_unmoved(t, r)) continue;
        min = fmin(min, fmin(column_number(t, lo, r), column_number(t, hi, r)));
        max = fmax(max, fmax(column_number(t, lo, r), column_number(t, hi, r)));
        size_t w = strlen(column_text(t, name, r));
        if (w > width) width = w;
    }
    double span = max > min ? max - min : 1, scale = BAR_COLUMNS / span;
    StrBuf num, pc;
    sb_init(&num);
    sb_init(&pc);
    numfmt_fixed(&num, base, 2, lang);
    numfmt_percent(&pc, pct, 1, lang);
    sb_printf(out, _("Tornado: the SROI ratio when each assumption moves by %s (ratio %s at │)\n"),
              pc.data, num.data);
    sb_free(&num);
    sb_free(&pc);
    long mark = lround((base - min) * scale);
    for (size_t r = 0; r < t->nrows; r++) {
        if (sens_tornado_unmoved(t, r)) continue; /* told after the bars, with why */
        double a = column_number(t, lo, r), b = column_number(t, hi, r);
        double left = fmin(a, b), right = fmax(a, b);
        const char *label = column_text(t, name, r);
        sb_printf(out, "  %s", label);
        spaces(out, (long)(width - strlen(label)) + 2);
        numfmt_fixed(&num, a, 2, lang);
        spaces(out, 6 - (long)num.len);
        sb_append(out, num.data);
        sb_free(&num);
        sb_append(out, " ");
        /* the bar, with the ratio's mark where the bar leaves it uncovered */
        long start = lround((left - min) * scale), end = lround((right - min) * scale);
        for (long c = 0; c <= BAR_COLUMNS; c++) {
            if (c >= start && c < end)
                sb_append(out, "\xE2\x96\x88");
            else if (c == mark)
                sb_append(out, "\xE2\x94\x82");
            else
                sb_append(out, " ");
        }
        numfmt_fixed(&num, b, 2, lang);
        sb_printf(out, " %s\n", num.data);
        sb_free(&num);
    }
    char *note = sens_tornado_note(I, t, pct);
    if (note) sb_printf(out, "  %s\n", note);
    free(note);
}

static bool bi_tornado_chart(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    double pct;
    if (!sens_tornado_args(I, a, &m, &pct)) return false;
    Value table;
    if (!sens_tornado(I, m, pct, a->loc, &table)) return false;
    const SroiParam *ps;
    size_t k = sroi_params(m, &ps);
    double *centre = xcalloc(k + 1, sizeof *centre);
    sroi_central_point(m, centre);
    double base = sroi_eval_point(m, centre, SROI_RATIO);
    free(centre);
    StrBuf text;
    sb_init(&text);
    draw_tornado(I, as_table(table), base, pct, &text);
    value_release(table);
    *out = sroi_text_value(sb_take(&text));
    return true;
}

/* ---- histogram(D) -------------------------------------------------------------------- */

static int by_number(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Bins from the 0.5th to the 99.5th percentile of the samples (the far
 * tails join the end bins), one line each: its range, a bar as long as its
 * count relative to the fullest, the count. */
static void draw_histogram(Interp *I, const double *sorted, size_t n, size_t nan, int bins,
                           const Value *mark, StrBuf *out)
{
    Language lang = interp_settings(I)->language;
    double lo, hi;
    double ps[3] = { 0.005, 0.995, 0.5 }, q[3];
    sroi_quantiles(sorted, n, ps, 3, q);
    lo = q[0];
    hi = q[1] > q[0] ? q[1] : q[0] + 1;
    size_t *count = xcalloc((size_t)bins, sizeof *count), fullest = 1;
    double width = (hi - lo) / bins;
    for (size_t i = 0; i < n; i++) {
        long b = (long)floor((sorted[i] - lo) / width);
        if (b < 0) b = 0;
        if (b >= bins) b = bins - 1;
        if (++count[b] > fullest) fullest = count[b];
    }
    StrBuf a, b;
    sb_init(&a);
    sb_init(&b);
    numfmt_general(&a, q[2], 4, lang);
    sb_printf(out, _("Histogram of %zu samples (median %s)\n"), n, a.data);
    sb_free(&a);
    for (int k = 0; k < bins; k++) {
        numfmt_general(&a, lo + width * k, 4, lang);
        numfmt_general(&b, lo + width * (k + 1), 4, lang);
        sb_append(out, "  ");
        spaces(out, 10 - (long)utf8_width_z(a.data));
        sb_printf(out, "%s \xE2\x80\x93 %s", a.data, b.data);
        spaces(out, 11 - (long)utf8_width_z(b.data));
        size_t before = out->len;
        bar(out, (double)count[k] / (double)fullest * BAR_COLUMNS);
        long drawn = (long)utf8_width(out->data + before, out->len - before);
        spaces(out, BAR_COLUMNS - drawn + 1);
        sb_printf(out, "%zu\n", count[k]);
        sb_free(&a);
        sb_free(&b);
    }
    if (mark) {
        size_t below = 0;
        while (below < n && sorted[below] < mark->as.num) below++;
        numfmt_general(&a, mark->as.num, 6, lang);
        numfmt_percent(&b, (double)below / (double)n, 1, lang);
        sb_printf(out, _("below %s: %s of the samples\n"), a.data, b.data);
        sb_free(&a);
        sb_free(&b);
    }
    if (nan) sb_printf(out, _("(%zu samples missing, left out)\n"), nan);
    free(count);
}

static bool bi_histogram(Interp *I, const CallArgs *a, Value *out)
{
    Value d = a->npos ? a->pos[0] : value_nil(), mark, bins_v;
    SrcLoc loc;
    if (d.kind != V_DIST)
        return rt_raise(I, arg_loc(a, 0), _("histogram(D) draws a distribution, not %s"),
                        value_kind_name(d)) ||
            rt_hint(I,
                    _("give it an uncertain figure: histogram(sroi(M)) or histogram(pert(1, 2, "
                      "4))"));
    if (disclosure_is_people(d))
        return rt_raise(I, arg_loc(a, 0),
                        _("histogram(D): this distribution is made from people's data, and a bin "
                          "could show fewer people than the small-group threshold")) ||
            rt_hint(
                   I,
                   _("show its quantiles instead: quantile(D, 5%%), median(D), quantile(D, 95%%)"));
    for (size_t k = 0; k < a->nnamed; k++)
        if (strcmp(a->names[k], "bins") != 0 && strcmp(a->names[k], "mark") != 0)
            return rt_raise(I, a->named_loc[k], _("histogram(D): unknown argument '%s'"),
                            a->names[k]) ||
                rt_hint(I, _("its named arguments are bins: N and mark: X"));
    int bins = 20;
    if (arg_named(a, "bins", &bins_v, &loc)) {
        if (bins_v.kind != V_NUM || bins_v.as.num < 2 || bins_v.as.num > 100 ||
            bins_v.as.num != floor(bins_v.as.num))
            return rt_raise(I, loc, _("histogram(D, bins: N): N is a whole number from 2 to 100"));
        bins = (int)bins_v.as.num;
    }
    bool marked = arg_named(a, "mark", &mark, &loc);
    if (marked && mark.kind != V_NUM)
        return rt_raise(I, loc, _("histogram(D, mark: X): X is a number, such as 1 for a ratio"));
    const DistObj *dist = as_dist(d);
    double *sorted = xmalloc((dist->n + 1) * sizeof *sorted), *owned;
    const double *samples = dist_borrow(dist, &owned);
    size_t n = 0;
    for (size_t i = 0; i < dist->n; i++)
        if (!isnan(samples[i])) sorted[n++] = samples[i];
    free(owned);
    if (n == 0) {
        free(sorted);
        return rt_raise(I, arg_loc(a, 0), _("histogram(D): every sample of D is missing"));
    }
    qsort(sorted, n, sizeof *sorted, by_number);
    StrBuf text;
    sb_init(&text);
    draw_histogram(I, sorted, n, dist->n - n, bins, marked ? &mark : NULL, &text);
    free(sorted);
    *out = sroi_text_value(sb_take(&text));
    return true;
}

const BuiltinReg charts_builtins[] = {
#include "stdlib/uncertainty/charts.def"
    { 0 },
};
