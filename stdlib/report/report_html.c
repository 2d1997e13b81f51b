/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_html.c — a report as one self-contained HTML page: no script, no
 * font, no image or style sheet fetched from anywhere; charts are inline SVG
 * (report_svg.c).  Tables have their headers (<th scope>), charts a title
 * and a text equivalent, the audit trail of each outcome is folded in a
 * <details> under its row, and a print style sheet lays it out on A4 with
 * the model's title, the date and page numbers in the margins.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stdlib/core/numfmt.h"
#include "stdlib/report/report.h"

static const char STYLE[] =
    "body{font-family:sans-serif;margin:2em auto;padding:0 1.5em;max-width:72em;color:#222;"
    "line-height:1.4}"
    "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}"
    "td.n{text-align:right;white-space:nowrap}th{background:#f2f2f2}"
    ".wide{overflow-x:auto}.ratio{font-size:1.3em}.chart{width:100%;max-width:48em;height:auto;"
    "display:block}"
    ".chart .bar{fill:#2b6ca3}.chart .bar.light{fill:#9cc3e4}.chart .bar.negative{fill:#c0504d}"
    ".chart .axis{stroke:#555}.chart .marker{stroke:#c0504d;stroke-width:2;stroke-dasharray:4 3}"
    ".chart text{font-size:12px;fill:#222}.chart .legend{font-weight:bold}"
    "details pre{white-space:pre-wrap;font-size:.85em;background:#f8f8f8;padding:.5em}"
    "figure{margin:1em 0}figcaption{font-weight:bold}"
    "@media print{body{margin:0;max-width:none;font-size:9pt}.wide{overflow:visible}"
    "details{display:block}details>summary{list-style:none}"
    "table,figure{page-break-inside:avoid}h2{page-break-after:avoid}"
    "a{color:inherit;text-decoration:none}}\n";

static void th(StrBuf *out, const char *text)
{
    sb_append(out, "<th scope=\"col\">");
    html_escape(out, text);
    sb_append(out, "</th>");
}

/* A table's opening: <table ATTRS>, its caption, the row of n headings. */
static void table_head(StrBuf *out, const char *attrs, const char *caption,
                       const char *const *heads, size_t n)
{
    sb_printf(out, "<table%s><caption>", attrs);
    html_escape(out, caption);
    sb_append(out, "</caption>\n<thead><tr>");
    for (size_t c = 0; c < n; c++) th(out, heads[c]);
    sb_append(out, "</tr></thead><tbody>\n");
}

static void td_text(StrBuf *out, const char *text)
{
    sb_append(out, "<td>");
    html_escape(out, text);
    sb_append(out, "</td>");
}

/* A figure cell: the text as the report writes it, and the number itself in
 * data-value, so that a reader (or a test) can compare it with the JSON. */
static void td_fig(StrBuf *out, double v, StrBuf *text)
{
    if (isfinite(v))
        sb_printf(out, "<td class=\"n\" data-value=\"%.17g\">", v);
    else
        sb_append(out, "<td class=\"n\">");
    html_escape(out, text->data ? text->data : "");
    sb_append(out, "</td>");
    sb_free(text);
}

static void row_label(StrBuf *out, const char *label)
{
    sb_append(out, "<tr><th scope=\"row\">");
    html_escape(out, label);
    sb_append(out, "</th>");
}

/* A figure as a cell shows it: kind 'm' money, '%' share, 'r' ratio, 'M' months. */
static void figure_text(const ReportData *d, char kind, double v, StrBuf *t)
{
    if (kind == 'm')
        report_money(d, v, t);
    else if (kind == '%')
        report_percent(d, v, t);
    else if (kind == 'r')
        report_ratio(d, v, t);
    else if (isnan(v))
        sb_append(t, _("not reached"));
    else {
        StrBuf num;
        sb_init(&num);
        numfmt_fixed(&num, v, 1, d->lang);
        sb_printf(t, _("%s months"), num.data);
        sb_free(&num);
    }
}

static void results_table(const ReportData *d, StrBuf *out)
{
    StrBuf t;
    sb_init(&t);
    sb_printf(out, "<table class=\"results\"><caption>%s</caption>\n", _("Results"));
    for (int k = 0; k < SROI_RESULT_COUNT; k++) {
        double v = d->result[k];
        row_label(out, _(SROI_RESULTS[k].label));
        figure_text(d, SROI_RESULTS[k].kind, v, &t);
        td_fig(out, v, &t);
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</table>\n");
}

static void value_map_table(const ReportData *d, StrBuf *out)
{
    StrBuf t;
    sb_init(&t);
    sb_printf(out, "<table class=\"valuemap\"><caption>%s</caption>\n<thead><tr>", _("Value map"));
    int ncols = 0;
    for (int c = 0; c < VM_COUNT; c++) {
        if (c == VM_OUTPUTS || c == VM_EVIDENCE) continue;
        if (c == VM_YEARS) {
            for (int y = 1; y <= d->n_years; y++, ncols++) {
                char title[64];
                snprintf(title, sizeof title, report_column_title(VM_YEARS), y);
                th(out, title);
            }
            continue;
        }
        th(out, report_column_title((ValueMapColumn)c));
        ncols++;
    }
    sb_append(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < d->n_outcomes; i++) {
        const ReportOutcome *o = &d->outcomes[i];
        sb_printf(out, "<tr id=\"outcome-%zu\">", i + 1);
        td_text(out, o->stakeholder_label[0] ? o->stakeholder_label : o->stakeholder);
        td_text(out, o->name);
        td_text(out, o->inputs);
        td_text(out, o->label);
        td_text(out, o->indicator);
        td_text(out, o->source);
        report_number(d, o->quantity, &t);
        td_fig(out, o->quantity, &t);
        report_number(d, o->duration, &t);
        td_fig(out, o->duration, &t);
        report_money(d, o->proxy, &t);
        td_fig(out, o->proxy, &t);
        td_text(out, o->proxy_source);
        report_money(d, o->quantity * o->proxy, &t);
        td_fig(out, o->quantity * o->proxy, &t);
        const double shares[] = { o->deadweight, o->displacement, o->attribution };
        for (int k = 0; k < 3; k++) {
            report_percent(d, shares[k], &t);
            td_fig(out, shares[k], &t);
        }
        if (o->profile) {
            td_text(out, _("profile"));
        } else {
            report_percent(d, o->dropoff, &t);
            td_fig(out, o->dropoff, &t);
        }
        report_money(d, o->impact, &t);
        td_fig(out, o->impact, &t);
        for (int y = 0; y < d->n_years; y++) {
            report_money(d, o->years[y], &t);
            td_fig(out, o->years[y], &t);
        }
        report_money(d, o->present_value, &t);
        td_fig(out, o->present_value, &t);
        report_percent(d, o->leakage, &t);
        td_fig(out, o->leakage, &t);
        report_number(d, o->start, &t);
        td_fig(out, o->start, &t);
        td_text(out, o->domain);
        td_text(out, o->material ? _("yes") : _("no"));
        td_text(out, o->material_reason);
        td_text(out, o->proxy_evidence);
        td_text(out, o->quantity_evidence);
        for (int k = 0; k < 4; k++) {
            report_number(d, o->distance[k], &t);
            td_fig(out, o->distance[k], &t);
        }
        sb_printf(
            out,
            "</tr>\n<tr class=\"audit\"><td colspan=\"%d\"><details><summary>%s</summary><pre>",
            ncols, _("Audit trail: how this outcome is computed"));
        html_escape(out, o->explain);
        sb_append(out, "</pre></details></td></tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

static void inputs_table(const ReportData *d, StrBuf *out)
{
    StrBuf t;
    sb_init(&t);
    const char *heads[] = { _("input"),  _("label"),       _("funder"),
                            _("amount"), _("stakeholder"), _("hours") };
    table_head(out, " class=\"inputs\"", _("Inputs"), heads, 6);
    for (size_t j = 0; j < d->n_inputs; j++) {
        const ReportInput *in = &d->inputs[j];
        sb_append(out, "<tr>");
        td_text(out, in->name);
        td_text(out, in->label);
        td_text(out, in->funder);
        if (in->valued)
            report_money(d, in->amount, &t);
        else
            sb_append(&t, _("not valued in money"));
        td_fig(out, in->amount, &t);
        td_text(out, in->stakeholder);
        report_number(d, in->hours, &t);
        td_fig(out, in->hours, &t);
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

/* Stakeholders (value, share, ratio), domains (value, share) or funders
 * (amount, share, value per unit of their money). */
static void groups_table(const ReportData *d, const char *caption, const ReportGroup *g, size_t n,
                         const char *value_head, const char *ratio_head, StrBuf *out)
{
    StrBuf t;
    sb_init(&t);
    const char *heads[] = { _("name"), value_head, _("share"), ratio_head };
    table_head(out, "", caption, heads, ratio_head ? 4 : 3);
    for (size_t k = 0; k < n; k++) {
        row_label(out, g[k].label[0] ? g[k].label : g[k].name);
        report_money(d, g[k].value, &t);
        td_fig(out, g[k].value, &t);
        report_percent(d, g[k].share, &t);
        td_fig(out, g[k].share, &t);
        if (ratio_head) {
            report_ratio(d, g[k].ratio, &t);
            td_fig(out, g[k].ratio, &t);
        }
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

/* Funders: their inputs, what each figure divides, and the value the
 * model's funder_share attributes to each (docs/METHOD.md §1.11). */
static void funders_table(const ReportData *d, StrBuf *out)
{
    bool shared = strcmp(d->funder_share, "not_shared") != 0;
    StrBuf t;
    sb_init(&t);
    const char *heads[REPORT_FUNDER_COLUMNS];
    size_t n_heads = 0;
    for (size_t c = 0; c < REPORT_FUNDER_COLUMNS; c++)
        if (shared || !REPORT_FUNDER_COLUMN[c].attributed)
            heads[n_heads++] = _(REPORT_FUNDER_COLUMN[c].head);
    table_head(out, " class=\"funders\"", _("Inputs by funder"), heads, n_heads);
    for (size_t k = 0; k < d->n_funders; k++) {
        const ReportFunder *f = &d->funders[k];
        for (size_t c = 0; c < REPORT_FUNDER_COLUMNS; c++) {
            const ReportFunderColumn *col = &REPORT_FUNDER_COLUMN[c];
            if (col->attributed && !shared) continue;
            if (col->kind == 'n')
                row_label(out, f->name);
            else if (col->kind == 's')
                td_text(out, f->sentence);
            else {
                double v = report_funder_figure(f, col);
                figure_text(d, col->kind, v, &t);
                td_fig(out, v, &t);
            }
        }
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n<p class=\"funder-share\">");
    html_escape(out, d->funder_share_text);
    sb_append(out, "</p>\n");
}

static void named_table(const ReportData *d, StrBuf *out)
{
    if (!d->n_named) return;
    const char *heads[] = { _("assumption"), _("label"),  _("value"),
                            _("range"),      _("source"), _("used by") };
    table_head(out, " id=\"named-assumptions\"", _("Named assumptions"), heads, 6);
    for (size_t k = 0; k < d->n_named; k++) {
        const ReportNamed *r = &d->named[k];
        sb_append(out, "<tr>");
        td_text(out, r->name);
        td_text(out, r->label);
        td_text(out, r->value);
        td_text(out, r->range);
        td_text(out, r->source);
        td_text(out, r->used_by);
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

static void assumptions_table(const ReportData *d, StrBuf *out)
{
    named_table(d, out);
    const char *heads[] = { _("field"), _("value"), _("source"), _("assumption") };
    table_head(out, "", _("Assumptions and their sources"), heads, d->n_named ? 4 : 3);
    for (size_t k = 0; k < d->n_assumptions; k++) {
        sb_append(out, "<tr>");
        td_text(out, d->assumptions[k].what);
        td_text(out, d->assumptions[k].value);
        td_text(out, d->assumptions[k].source);
        if (d->n_named) td_text(out, d->assumptions[k].assumption);
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

static void sensitivity_table(const ReportData *d, StrBuf *out)
{
    StrBuf t;
    sb_init(&t);
    const char *heads[] = { _("parameter"), _("low"), _("high"), _("ratio at low"),
                            _("ratio at high") };
    table_head(out, "", _("Sensitivity: the ratio when each parameter moves by 20%"), heads, 5);
    for (size_t k = 0; k < d->n_tornado; k++) {
        const ReportTornado *r = &d->tornado[k];
        sb_append(out, "<tr>");
        td_text(out, r->parameter);
        td_text(out, r->low);
        td_text(out, r->high);
        report_ratio(d, r->ratio_low, &t);
        td_fig(out, r->ratio_low, &t);
        report_ratio(d, r->ratio_high, &t);
        td_fig(out, r->ratio_high, &t);
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

static void uncertainty_table(const ReportData *d, StrBuf *out)
{
    StrBuf t;
    sb_init(&t);
    const char *heads[] = { "", _("mean"), "p5", _("median"), "p95" };
    table_head(out, " class=\"uncertainty\"", _("Uncertainty over the samples"), heads, 5);
    const char *names[3] = { _("SROI ratio"), _("total present value"), _("net present value") };
    for (size_t k = 0; k < d->n_spreads; k++) {
        const ReportSpread *s = &d->spreads[k];
        row_label(out, names[k]);
        const double v[4] = { s->mean, s->p5, s->p50, s->p95 };
        for (int j = 0; j < 4; j++) {
            if (k == 0)
                report_ratio(d, v[j], &t);
            else
                report_money(d, v[j], &t);
            td_fig(out, v[j], &t);
        }
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n<p class=\"p-below\">");
    report_percent(d, d->p_ratio_below_1, &t);
    sb_printf(out,
              _("Probability that the ratio is below 1: <strong data-value=\"%.17g\">%s</strong>"),
              d->p_ratio_below_1, t.data);
    sb_append(out, "</p>\n");
    sb_free(&t);
}

static void figure(StrBuf *out, const char *caption)
{
    sb_append(out, "<figure><figcaption>");
    html_escape(out, caption);
    sb_append(out, "</figcaption>\n");
}

static void charts(const ReportData *d, StrBuf *out)
{
    const char *labels[d->n_stakeholders + d->n_domains + 1];
    double values[d->n_stakeholders + d->n_domains + 1];
    for (size_t k = 0; k < d->n_stakeholders; k++) {
        labels[k] =
            d->stakeholders[k].label[0] ? d->stakeholders[k].label : d->stakeholders[k].name;
        values[k] = d->stakeholders[k].value;
    }
    figure(out, _("Value per stakeholder"));
    svg_bars(out, _("Value per stakeholder"), labels, values, d->n_stakeholders, d);
    sb_append(out, "</figure>\n");
    if (d->n_domains) {
        for (size_t k = 0; k < d->n_domains; k++) {
            labels[k] = d->domains[k].name;
            values[k] = d->domains[k].value;
        }
        figure(out, _("Value per domain"));
        svg_bars(out, _("Value per domain"), labels, values, d->n_domains, d);
        sb_append(out, "</figure>\n");
    }
    figure(out, _("Value over the years"));
    svg_years(out, _("Value over the years"), d);
    sb_append(out, "</figure>\n");
    if (d->n_tornado) {
        figure(out, _("Tornado: the ratio when each parameter moves by 20%"));
        svg_tornado(out, _("Tornado: the ratio when each parameter moves by 20%"), d);
        sb_append(out, "</figure>\n");
    }
    if (d->n_samples) {
        figure(out, _("Distribution of the SROI ratio"));
        svg_histogram(out, _("Distribution of the SROI ratio"), d);
        sb_append(out, "</figure>\n");
    }
}

/* Which library text, in which version, the figures come from. */
static void libraries_table(const ReportData *d, StrBuf *out)
{
    if (!d->n_libraries) return;
    const char *heads[] = { _("library"), _("version"), _("SHA-256 of the file") };
    table_head(out, " class=\"libraries\"", _("Libraries the figures come from"), heads, 3);
    for (size_t k = 0; k < d->n_libraries; k++) {
        const ReportLibrary *l = &d->libraries[k];
        sb_append(out, "<tr>");
        td_text(out, l->name);
        td_text(out, l->version ? l->version : _("none declared"));
        td_text(out, l->sha256);
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

static void model_section(const ReportData *d, StrBuf *out)
{
    StrBuf t;
    sb_init(&t);
    sb_printf(out, "<section class=\"model\" id=\"model-");
    html_escape(out, d->name);
    sb_append(out, "\">\n<h2>");
    html_escape(out, d->title[0] ? d->title : d->name);
    sb_append(out, "</h2>\n<p class=\"ratio\">");
    report_ratio(d, d->ratio, &t);
    sb_printf(out, _("SROI ratio: <strong id=\"ratio-%s\" data-value=\"%.17g\">%s</strong>"),
              d->name, d->ratio, t.data);
    sb_free(&t);
    report_money(d, d->present_value, &t);
    StrBuf in;
    sb_init(&in);
    report_money(d, d->inputs_pv, &in);
    sb_append(out, " \xE2\x80\x94 ");
    sb_printf(out, _("%s of social value for %s invested"), t.data, in.data);
    sb_free(&t);
    sb_free(&in);
    report_percent(d, d->discount, &t);
    sb_append(out, "</p>\n<p>");
    sb_printf(out, _("Discount rate %s a year; figures at the central value of each assumption."),
              t.data);
    sb_free(&t);
    sb_append(out, "</p>\n");
    results_table(d, out);
    charts(d, out);
    sb_append(out, "<div class=\"wide\">\n");
    value_map_table(d, out);
    sb_append(out, "</div>\n");
    sb_printf(out, "<h3>%s</h3>\n", _("Inputs"));
    inputs_table(d, out);
    funders_table(d, out);
    groups_table(d, _("Value per stakeholder"), d->stakeholders, d->n_stakeholders,
                 _("present value"), _("ratio"), out);
    if (d->n_domains) {
        sb_printf(out, "<h3>%s</h3>\n", _("CAE-IMPACT domains"));
        groups_table(d, _("Value per domain"), d->domains, d->n_domains, _("present value"), NULL,
                     out);
    }
    sb_printf(out, "<h3>%s</h3>\n", _("Assumptions"));
    assumptions_table(d, out);
    libraries_table(d, out);
    if (d->n_tornado) sensitivity_table(d, out);
    if (d->n_samples) uncertainty_table(d, out);
    sb_append(out, "</section>\n");
}

void report_html(const ReportData *d, size_t n, StrBuf *out)
{
    const ReportData *first = n ? &d[0] : NULL;
    Language lang = first ? first->lang : LANGUAGE_EN;
    const char *title = first && first->title[0] ? first->title : first ? first->name : "impact";
    StrBuf date;
    sb_init(&date);
    numfmt_date(&date, first ? first->date : 0, lang);
    sb_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
              i18n_code(lang));
    sb_append(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    /* nothing may be fetched: forbid it outright, so a stray URL fails loudly */
    sb_append(out,
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "style-src 'unsafe-inline'; img-src data:\">\n<title>");
    html_escape(out, title);
    sb_printf(out, " \xE2\x80\x94 %s</title>\n<style>\n%s", _("SROI report"), STYLE);
    /* the print margins: title and date at the top, page numbers at the bottom */
    sb_append(out, "@page{size:A4 landscape;margin:18mm 15mm 20mm 15mm;@top-left{content:\"");
    for (const char *p = title; *p; p++)
        if (*p != '"' && *p != '\\') sb_appendn(out, p, 1);
    sb_printf(out, "\";font-size:9pt}@top-right{content:\"%s\";font-size:9pt}", date.data);
    sb_printf(out,
              "@bottom-center{content:\"%s \" counter(page) \" / \" counter(pages);"
              "font-size:9pt}}\n</style>\n</head>\n<body>\n<header><h1>",
              _("page"));
    html_escape(out, title);
    sb_printf(out, "</h1>\n<p>%s %s</p></header>\n<main>\n",
              _("Social return on investment report, made on"), date.data);
    for (size_t k = 0; k < n; k++) model_section(&d[k], out);
    sb_printf(out, "</main>\n<footer><p>%s</p></footer>\n</body>\n</html>\n",
              _("Made with impact. Every figure can be checked against the model file it comes "
                "from."));
    sb_free(&date);
}
