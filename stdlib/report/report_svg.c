/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_svg.c — the charts of the HTML report, drawn as inline SVG by the
 * project (no script, no font, no network): value per stakeholder or domain
 * (horizontal bars), value over the years (columns), the tornado of the
 * ratio, and the histogram of the ratio with P(ratio < 1) marked.
 *
 * Contract: each chart is one <svg role="img"> whose <title> names it and
 * whose <desc> gives its figures in words (the text equivalent screen
 * readers read); numbers are written with the report's formats.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lang/utf8.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/report/report.h"

#define W            720 /* drawing width, in SVG units (scaled to the page) */
#define LABEL        220 /* room for the labels on the left */
#define BAR          22
#define GAP          8
#define TORNADO_ROWS 15 /* the parameters that move the ratio most; the table has them all */

void html_escape(StrBuf *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': sb_append(out, "&amp;"); break;
        case '<': sb_append(out, "&lt;"); break;
        case '>': sb_append(out, "&gt;"); break;
        case '"': sb_append(out, "&quot;"); break;
        default: sb_appendn(out, s, 1);
        }
    }
}

/* id: unique within the page (the output's length where the chart starts) */
static void open_svg(StrBuf *out, const char *title, double height, const char *desc, size_t id)
{
    sb_printf(out,
              "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %.0f\" "
              "aria-labelledby=\"chart%zu-t chart%zu-d\" xmlns=\"http://www.w3.org/2000/svg\">"
              "<title id=\"chart%zu-t\">",
              W, height, id, id, id);
    html_escape(out, title);
    sb_printf(out, "</title><desc id=\"chart%zu-d\">", id);
    html_escape(out, desc);
    sb_append(out, "</desc>\n");
}

/* Room for labels: about 7 units a character at the charts' 12 px, from
 * LABEL up to 400, so that a long label is shown whole. */
static double label_room(const char *const *labels, size_t n)
{
    size_t longest = 0;
    for (size_t i = 0; i < n; i++) {
        size_t w = utf8_width_z(labels[i]);
        if (w > longest) longest = w;
    }
    double room = 7.0 * (double)longest + 16;
    return room < LABEL ? LABEL : room > 400 ? 400 : room;
}

static void text_at(StrBuf *out, double x, double y, const char *anchor, const char *cls,
                    const char *text)
{
    sb_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor,
              cls);
    html_escape(out, text);
    sb_append(out, "</text>\n");
}

void svg_bars(StrBuf *out, const char *title, const char *const *labels, const double *values,
              size_t n, const ReportData *d)
{
    double max = 0, min = 0;
    for (size_t i = 0; i < n; i++) {
        if (values[i] > max) max = values[i];
        if (values[i] < min) min = values[i];
    }
    double room = label_room(labels, n);
    double span = max - min > 0 ? max - min : 1, plot = W - room - 130;
    double zero = room + plot * (-min / span);
    StrBuf desc, v;
    sb_init(&desc);
    sb_init(&v);
    for (size_t i = 0; i < n; i++) {
        report_money(d, values[i], &v);
        sb_printf(&desc, "%s%s: %s", i ? "; " : "", labels[i], v.data);
        sb_free(&v);
    }
    double height = (double)n * (BAR + GAP) + GAP;
    open_svg(out, title, height, desc.data ? desc.data : "", out->len);
    for (size_t i = 0; i < n; i++) {
        double y = GAP + (double)i * (BAR + GAP);
        double x1 = zero + plot * (fmin(values[i], 0) / span);
        double w = plot * (fabs(values[i]) / span);
        text_at(out, room - 8, y + BAR * 0.7, "end", "label", labels[i]);
        sb_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" class=\"%s\"/>\n",
                  x1, y, w, BAR, values[i] < 0 ? "bar negative" : "bar");
        report_money(d, values[i], &v);
        text_at(out, x1 + w + 6, y + BAR * 0.7, "start", "value", v.data);
        sb_free(&v);
    }
    sb_append(out, "</svg>\n");
    sb_free(&desc);
}

void svg_years(StrBuf *out, const char *title, const ReportData *d)
{
    size_t n = (size_t)d->n_years;
    double max = 0;
    for (size_t t = 0; t < n; t++) max = fmax(max, fmax(d->year_totals[t], d->year_totals_pv[t]));
    if (max <= 0) max = 1;
    double height = 260, base = 220, top = 20, col = (W - 80.0) / (double)(n ? n : 1);
    StrBuf desc, v;
    sb_init(&desc);
    sb_init(&v);
    for (size_t t = 0; t < n; t++) {
        report_money(d, d->year_totals_pv[t], &v);
        char head[64];
        snprintf(head, sizeof head, _("year %d"), (int)t + 1);
        sb_printf(&desc, "%s%s: %s", t ? "; " : "", head, v.data);
        sb_free(&v);
    }
    open_svg(out, title, height, desc.data ? desc.data : "", out->len);
    for (size_t t = 0; t < n; t++) {
        double x = 60 + (double)t * col, bw = col * 0.35;
        double h1 = (base - top) * fmax(d->year_totals[t], 0) / max;
        double h2 = (base - top) * fmax(d->year_totals_pv[t], 0) / max;
        sb_printf(
            out,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar light\"/>\n",
            x + col * 0.1, base - h1, bw, h1);
        sb_printf(out,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar\"/>\n",
                  x + col * 0.1 + bw, base - h2, bw, h2);
        char label[32];
        snprintf(label, sizeof label, "%d", (int)t + 1);
        text_at(out, x + col * 0.1 + bw, base + 16, "middle", "label", label);
    }
    sb_printf(out, "<line x1=\"50\" y1=\"%.0f\" x2=\"%d\" y2=\"%.0f\" class=\"axis\"/>\n", base,
              W - 10, base);
    text_at(out, 60, base + 34, "start", "legend", _("light: value of the year; dark: discounted"));
    sb_append(out, "</svg>\n");
    sb_free(&desc);
}

void svg_tornado(StrBuf *out, const char *title, const ReportData *d)
{
    size_t n = 0; /* rows come sorted by swing, largest first */
    while (n < d->n_tornado && n < TORNADO_ROWS && d->tornado[n].swing > 0) n++;
    double lo = d->ratio, hi = d->ratio;
    for (size_t k = 0; k < n; k++) {
        lo = fmin(lo, fmin(d->tornado[k].ratio_low, d->tornado[k].ratio_high));
        hi = fmax(hi, fmax(d->tornado[k].ratio_low, d->tornado[k].ratio_high));
    }
    double span = hi - lo > 0 ? hi - lo : 1, plot = W - LABEL - 60;
    StrBuf desc, a, b;
    sb_init(&desc);
    sb_init(&a);
    sb_init(&b);
    for (size_t k = 0; k < n; k++) {
        report_ratio(d, d->tornado[k].ratio_low, &a);
        report_ratio(d, d->tornado[k].ratio_high, &b);
        sb_printf(&desc, "%s%s: %s %s %s", k ? "; " : "", d->tornado[k].parameter, a.data,
                  "\xE2\x80\x93", b.data);
        sb_free(&a);
        sb_free(&b);
    }
    double height = (double)n * (BAR + GAP) + GAP + 24;
    open_svg(out, title, height, desc.data ? desc.data : "", out->len);
    double base_x = LABEL + plot * (d->ratio - lo) / span;
    for (size_t k = 0; k < n; k++) {
        const ReportTornado *t = &d->tornado[k];
        double y = GAP + (double)k * (BAR + GAP);
        double r1 = fmin(t->ratio_low, t->ratio_high), r2 = fmax(t->ratio_low, t->ratio_high);
        double x1 = LABEL + plot * (r1 - lo) / span, x2 = LABEL + plot * (r2 - lo) / span;
        text_at(out, LABEL - 8, y + BAR * 0.7, "end", "label", t->parameter);
        sb_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" class=\"bar\"/>\n",
                  x1, y, fmax(x2 - x1, 1), BAR);
    }
    sb_printf(out, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" class=\"marker\"/>\n",
              base_x, base_x, height - 20);
    report_ratio(d, d->ratio, &a);
    text_at(out, base_x, height - 6, "middle", "legend", a.data);
    sb_append(out, "</svg>\n");
    sb_free(&a);
    sb_free(&desc);
}

void svg_histogram(StrBuf *out, const char *title, const ReportData *d)
{
    size_t max = 1;
    for (int k = 0; k < REPORT_BINS; k++)
        if (d->hist[k] > max) max = d->hist[k];
    double height = 260, base = 210, top = 30, plot = W - 80.0, bw = plot / REPORT_BINS;
    double span = d->hist_hi - d->hist_lo;
    StrBuf desc, p, a, b;
    sb_init(&desc);
    sb_init(&p);
    sb_init(&a);
    sb_init(&b);
    report_percent(d, d->p_ratio_below_1, &p);
    report_ratio(d, d->hist_lo, &a);
    report_ratio(d, d->hist_hi, &b);
    sb_printf(&desc, _("%zu samples of the ratio from %s to %s; P(ratio < 1) = %s"), d->n_samples,
              a.data, b.data, p.data);
    open_svg(out, title, height, desc.data, out->len);
    for (int k = 0; k < REPORT_BINS; k++) {
        double h = (base - top) * (double)d->hist[k] / (double)max;
        double left = d->hist_lo + span * k / REPORT_BINS;
        sb_printf(out,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\"/>\n",
                  40 + bw * k, base - h, bw - 1, h,
                  left + span / REPORT_BINS <= 1 ? "bar negative" : "bar");
    }
    sb_printf(out, "<line x1=\"40\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" class=\"axis\"/>\n", base,
              40 + plot, base);
    text_at(out, 40, base + 18, "start", "label", a.data);
    text_at(out, 40 + plot, base + 18, "end", "label", b.data);
    if (1 >= d->hist_lo && 1 <= d->hist_hi) {
        double x = 40 + plot * (1 - d->hist_lo) / (span > 0 ? span : 1);
        sb_printf(out, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" class=\"marker\"/>\n",
                  x, top - 10, x, base);
    }
    StrBuf legend;
    sb_init(&legend);
    sb_printf(&legend, "P(ratio < 1) = %s", p.data);
    text_at(out, 40 + plot / 2, 16, "middle", "legend", legend.data);
    sb_append(out, "</svg>\n");
    sb_free(&legend);
    sb_free(&desc);
    sb_free(&p);
    sb_free(&a);
    sb_free(&b);
}
