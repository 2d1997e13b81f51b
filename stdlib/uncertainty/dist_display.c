/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* dist_display.c — the compact display of a distribution (dist.h): median,
 * 90% interval and a one-line histogram, rounded to the precision the
 * interval supports; installed as the runtime's distribution formatter. */
#include "stdlib/uncertainty/dist.h"
#include "lang/i18n.h"

#include <math.h>
#include <stdlib.h>

void dist_open(Interp *I)
{
    interp_set_dist_formatter(I, dist_format);
}

/* Appends a readable rendering of number x with the unit of `like`. */
static void format_number_like(Interp *I, double x, Value like, StrBuf *out)
{
    Value v = value_num_dim(x, like.dim);
    v.flags = like.flags & VF_PERCENT;
    v.unit_hint = like.unit_hint;
    value_format(I, v, out);
}

#define HIST_BINS 20

/* Rounding step for display: three significant digits of the largest
 * figure, finer if needed to show the interval's width with two. */
static double display_step(double lo, double mid, double hi)
{
    double mag = fmax(fabs(lo), fmax(fabs(mid), fabs(hi)));
    if (!(mag > 0) || !isfinite(mag)) return 0;
    double step = pow(10, floor(log10(mag)) - 2);
    double width = hi - lo;
    if (width > 0 && isfinite(width)) step = fmin(step, pow(10, floor(log10(width)) - 1));
    return step;
}

static double round_to(double x, double step)
{
    /* a step so small that its inverse overflows (figures near 1e-308):
     * the figure as it is, never inf / inf */
    if (!(step > 0) || !isfinite(1 / step)) return x;
    if (step < 1) { /* divide by an integer: exact decimals */
        double inv = round(1 / step);
        return round(x * inv) / inv;
    }
    return round(x / step) * step;
}

/* One line of block characters: the shape between the 1st and 99th percentiles. */
static void histogram(const double *s, size_t n, double lo, double hi, StrBuf *out)
{
    static const char *const blocks[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
    size_t count[HIST_BINS] = { 0 }, most = 0;
    double width = hi - lo; /* divided by, not inverted: 20 / 1e-310 overflows */
    for (size_t i = 0; i < n; i++) {
        if (!(s[i] >= lo && s[i] <= hi)) continue;
        count[num_to_int((s[i] - lo) / width * HIST_BINS, 0, HIST_BINS - 1, NULL)]++;
    }
    for (int b = 0; b < HIST_BINS; b++)
        if (count[b] > most) most = count[b];
    for (int b = 0; b < HIST_BINS && most; b++) {
        if (count[b] == 0) {
            sb_append(out, " ");
            continue;
        }
        size_t level = (count[b] * 8 + most - 1) / most; /* 1..8, rounded up */
        sb_append(out, blocks[level - 1]);
    }
}

static void format_summary(Interp *I, Value v, const double *s, const double *q, StrBuf *out);

void dist_format(Interp *I, Value v, StrBuf *out)
{
    const DistObj *d = as_dist(v);
    if ((v.flags & VF_BOOLDIST) && dist_is_zero_one(d)) {
        size_t yes, unknown;
        dist_count_truths(d, &yes, &unknown);
        if (unknown) { /* no probability is guessed for the unknown samples */
            sb_printf(out, _("true in %zu, false in %zu, unknown in %zu of %zu samples"), yes,
                      d->n - yes - unknown, unknown, d->n);
            return;
        }
        sb_append(out, _("true with probability "));
        value_format(I, value_percent(d->n ? round_to((double)yes / (double)d->n, 0.001) : 0), out);
        return;
    }
    static const double ps[5] = { 0.01, 0.05, 0.5, 0.95, 0.99 };
    double q[5];
    size_t missing = 0;
    double *owned; /* drawn on demand (a model's field): read, not kept */
    const double *s = dist_borrow(d, &owned);
    for (size_t i = 0; i < d->n; i++) missing += isnan(s[i]);
    if (!dist_quantiles(s, d->n, ps, 5, q))
        sb_append(out, d->n ? _("missing (in every sample)") : _("(distribution without samples)"));
    else
        format_summary(I, v, s, q, out);
    free(owned);
    if (missing) sb_printf(out, _(" — missing in %zu of %zu samples"), missing, d->n);
}

/* Median, 90% interval and histogram of the samples s from their quantiles
 * q (1, 5, 50, 95, 99%). */
static void format_summary(Interp *I, Value v, const double *s, const double *q, StrBuf *out)
{
    const DistObj *d = as_dist(v);
    double step = display_step(q[1], q[2], q[3]);
    StrBuf mid, lo, hi;
    sb_init(&mid);
    sb_init(&lo);
    sb_init(&hi);
    format_number_like(I, round_to(q[2], step), v, &mid);
    format_number_like(I, round_to(q[1], step), v, &lo);
    format_number_like(I, round_to(q[3], step), v, &hi);
    /* one translated phrase each ("4.2 (90%: 3.9 to 4.5)", "4.2 (90 % : 3.9 à 4.5)") */
    if (q[0] == q[4] && q[1] == q[3])
        sb_printf(out, _("%s (the same in every sample)"), mid.data);
    else
        sb_printf(out, _("%s (90%%: %s to %s)"), mid.data, lo.data, hi.data);
    sb_free(&mid);
    sb_free(&lo);
    sb_free(&hi);
    if (q[0] == q[4] && q[1] == q[3]) return;
    if (q[4] > q[0]) {
        sb_append(out, " ");
        histogram(s, d->n, q[0], q[4], out);
    }
}
