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

/* A table with a row of headings and one row per item: table() writes the
 * opening (table_head()), a <tr> around the cells each row writer gives, and
 * the closing, so a table is its headings and what one row holds. */
typedef void (*RowCells)(const ReportData *d, const void *rows, size_t k, StrBuf *out);

typedef struct HtmlTable {
    const char *attrs; /* the <table> tag's attributes, e.g. " class=\"inputs\"" */
    const char *caption;
    const char *const *heads;
    size_t n_heads;
    size_t n_rows;
    RowCells cells;   /* writes the cells of row k */
    const void *rows; /* what the row writer reads besides d, or NULL */
} HtmlTable;

static void table(const ReportData *d, const HtmlTable *t, StrBuf *out)
{
    table_head(out, t->attrs, t->caption, t->heads, t->n_heads);
    for (size_t k = 0; k < t->n_rows; k++) {
        sb_append(out, "<tr>");
        t->cells(d, t->rows, k, out);
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

static void td_text(StrBuf *out, const char *text)
{
    sb_append(out, "<td>");
    html_escape(out, text);
    sb_append(out, "</td>");
}

/* A figure cell: the text as the report writes it, and the number itself in
 * data-value, so that a reader (or a test) can compare it with the JSON. */
static void td_value(StrBuf *out, double v, const char *text)
{
    if (isfinite(v))
        sb_printf(out, "<td class=\"n\" data-value=\"%.17g\">", v);
    else
        sb_append(out, "<td class=\"n\">");
    html_escape(out, text);
    sb_append(out, "</td>");
}

/* The heading of a row: its first cell. */
static void th_row(StrBuf *out, const char *label)
{
    sb_append(out, "<th scope=\"row\">");
    html_escape(out, label);
    sb_append(out, "</th>");
}

/* A figure as a cell shows it: kind 'm' money, '%' share, 'r' ratio,
 * 'n' plain number, 'M' months. */
static void figure_text(const ReportData *d, char kind, double v, StrBuf *t)
{
    if (kind == 'm')
        report_money(d, v, t);
    else if (kind == '%')
        report_percent(d, v, t);
    else if (kind == 'r')
        report_ratio(d, v, t);
    else if (kind == 'n')
        report_number(d, v, t);
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

/* The cell of figure v, shown as its kind (figure_text()). */
static void td_figure(const ReportData *d, char kind, double v, StrBuf *out)
{
    StrBuf t;
    sb_init(&t);
    figure_text(d, kind, v, &t);
    td_value(out, v, t.data ? t.data : "");
    sb_free(&t);
}

static void results_table(const ReportData *d, StrBuf *out)
{
    sb_printf(out, "<table class=\"results\"><caption>%s</caption>\n", _("Results"));
    for (int k = 0; k < SROI_RESULT_COUNT; k++) {
        sb_append(out, "<tr>");
        th_row(out, _(SROI_RESULTS[k].label));
        td_figure(d, SROI_RESULTS[k].kind, d->result[k], out);
        sb_append(out, "</tr>\n");
    }
    sb_append(out, "</table>\n");
}

/* The value map's headings: one column a field, the years' columns numbered. */
static int value_map_heads(const ReportData *d, StrBuf *out)
{
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
    return ncols;
}

/* An outcome's row of the value map, in the order of value_map_heads(). */
static void outcome_cells(const ReportData *d, const ReportOutcome *o, StrBuf *out)
{
    td_text(out, o->stakeholder_label[0] ? o->stakeholder_label : o->stakeholder);
    td_text(out, o->name);
    td_text(out, o->inputs);
    td_text(out, o->label);
    td_text(out, o->indicator);
    td_text(out, o->source);
    td_figure(d, 'n', o->quantity, out);
    td_figure(d, 'n', o->duration, out);
    td_figure(d, 'm', o->proxy, out);
    td_text(out, o->proxy_source);
    td_figure(d, 'm', o->quantity * o->proxy, out);
    td_figure(d, '%', o->deadweight, out);
    td_figure(d, '%', o->displacement, out);
    td_figure(d, '%', o->attribution, out);
    if (o->profile)
        td_text(out, _("profile"));
    else
        td_figure(d, '%', o->dropoff, out);
    td_figure(d, 'm', o->impact, out);
    for (int y = 0; y < d->n_years; y++) td_figure(d, 'm', o->years[y], out);
    td_figure(d, 'm', o->present_value, out);
    td_figure(d, '%', o->leakage, out);
    td_figure(d, 'n', o->start, out);
    td_text(out, o->domain);
    td_text(out, o->material ? _("yes") : _("no"));
    td_text(out, o->material_reason);
    td_text(out, o->proxy_evidence);
    td_text(out, o->quantity_evidence);
    for (int k = 0; k < 4; k++) td_figure(d, 'n', o->distance[k], out);
}

static void value_map_table(const ReportData *d, StrBuf *out)
{
    sb_printf(out, "<table class=\"valuemap\"><caption>%s</caption>\n<thead><tr>", _("Value map"));
    int ncols = value_map_heads(d, out);
    sb_append(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < d->n_outcomes; i++) {
        const ReportOutcome *o = &d->outcomes[i];
        sb_printf(out, "<tr id=\"outcome-%zu\">", i + 1);
        outcome_cells(d, o, out);
        sb_printf(
            out,
            "</tr>\n<tr class=\"audit\"><td colspan=\"%d\"><details><summary>%s</summary><pre>",
            ncols, _("Audit trail: how this outcome is computed"));
        html_escape(out, o->explain);
        sb_append(out, "</pre></details></td></tr>\n");
    }
    sb_append(out, "</tbody></table>\n");
}

static void input_cells(const ReportData *d, const void *rows, size_t k, StrBuf *out)
{
    const ReportInput *in = &d->inputs[k];
    td_text(out, in->name);
    td_text(out, in->label);
    td_text(out, in->funder);
    if (in->valued)
        td_figure(d, 'm', in->amount, out);
    else
        td_value(out, in->amount, _("not valued in money"));
    td_text(out, in->stakeholder);
    td_figure(d, 'n', in->hours, out);
}

static void inputs_table(const ReportData *d, StrBuf *out)
{
    const char *heads[] = { _("input"),  _("label"),       _("funder"),
                            _("amount"), _("stakeholder"), _("hours") };
    table(
        d,
        &(HtmlTable){ " class=\"inputs\"", _("Inputs"), heads, 6, d->n_inputs, input_cells, NULL },
        out);
}

/* The rows of groups_table(): the groups, and whether they have a ratio. */
typedef struct GroupRows {
    const ReportGroup *groups;
    bool ratio;
} GroupRows;

static void group_cells(const ReportData *d, const void *rows, size_t k, StrBuf *out)
{
    const GroupRows *r = rows;
    const ReportGroup *g = &r->groups[k];
    th_row(out, g->label[0] ? g->label : g->name);
    td_figure(d, 'm', g->value, out);
    td_figure(d, '%', g->share, out);
    if (r->ratio) td_figure(d, 'r', g->ratio, out);
}

/* Stakeholders (value, share, ratio), domains (value, share) or funders
 * (amount, share, value per unit of their money). */
static void groups_table(const ReportData *d, const char *caption, const ReportGroup *g, size_t n,
                         const char *value_head, const char *ratio_head, StrBuf *out)
{
    const char *heads[] = { _("name"), value_head, _("share"), ratio_head };
    GroupRows rows = { g, ratio_head != NULL };
    table(d, &(HtmlTable){ "", caption, heads, ratio_head ? 4 : 3, n, group_cells, &rows }, out);
}

/* The funder columns shown: the attributed ones only when the value is shared. */
static bool funder_column_shown(const ReportData *d, const ReportFunderColumn *col)
{
    return !col->attributed || strcmp(d->funder_share, "not_shared") != 0;
}

static void funder_cells(const ReportData *d, const void *rows, size_t k, StrBuf *out)
{
    const ReportFunder *f = &d->funders[k];
    for (size_t c = 0; c < REPORT_FUNDER_COLUMNS; c++) {
        const ReportFunderColumn *col = &REPORT_FUNDER_COLUMN[c];
        if (!funder_column_shown(d, col)) continue;
        if (col->kind == 'n')
            th_row(out, f->name);
        else if (col->kind == 's')
            td_text(out, f->sentence);
        else
            td_figure(d, col->kind, report_funder_figure(f, col), out);
    }
}

/* Funders: their inputs, what each figure divides, and the value the
 * model's funder_share attributes to each (docs/METHOD.md §1.11). */
static void funders_table(const ReportData *d, StrBuf *out)
{
    const char *heads[REPORT_FUNDER_COLUMNS];
    size_t n_heads = 0;
    for (size_t c = 0; c < REPORT_FUNDER_COLUMNS; c++)
        if (funder_column_shown(d, &REPORT_FUNDER_COLUMN[c]))
            heads[n_heads++] = _(REPORT_FUNDER_COLUMN[c].head);
    table(d,
          &(HtmlTable){ " class=\"funders\"", _("Inputs by funder"), heads, n_heads, d->n_funders,
                        funder_cells, NULL },
          out);
    sb_append(out, "<p class=\"funder-share\">");
    html_escape(out, d->funder_share_text);
    sb_append(out, "</p>\n");
}

static void named_cells(const ReportData *d, const void *rows, size_t k, StrBuf *out)
{
    const ReportNamed *r = &d->named[k];
    const char *cells[] = { r->name, r->label, r->value, r->range, r->source, r->used_by };
    for (size_t c = 0; c < 6; c++) td_text(out, cells[c]);
}

static void assumption_cells(const ReportData *d, const void *rows, size_t k, StrBuf *out)
{
    td_text(out, d->assumptions[k].what);
    td_text(out, d->assumptions[k].value);
    td_text(out, d->assumptions[k].source);
    if (d->n_named) td_text(out, d->assumptions[k].assumption);
}

static void assumptions_table(const ReportData *d, StrBuf *out)
{
    if (d->n_named) {
        const char *heads[] = { _("assumption"), _("label"),  _("value"),
                                _("range"),      _("source"), _("used by") };
        table(d,
              &(HtmlTable){ " id=\"named-assumptions\"", _("Named assumptions"), heads, 6,
                            d->n_named, named_cells, NULL },
              out);
    }
    const char *heads[] = { _("field"), _("value"), _("source"), _("assumption") };
    table(d,
          &(HtmlTable){ "", _("Assumptions and their sources"), heads, d->n_named ? 4 : 3,
                        d->n_assumptions, assumption_cells, NULL },
          out);
}

static void tornado_cells(const ReportData *d, const void *rows, size_t k, StrBuf *out)
{
    const ReportTornado *r = &d->tornado[k];
    td_text(out, r->parameter);
    td_text(out, r->low);
    td_text(out, r->high);
    td_figure(d, 'r', r->ratio_low, out);
    td_figure(d, 'r', r->ratio_high, out);
}

static void spread_cells(const ReportData *d, const void *rows, size_t k, StrBuf *out)
{
    const char *names[3] = { _("SROI ratio"), _("total present value"), _("net present value") };
    const ReportSpread *s = &d->spreads[k];
    th_row(out, names[k]);
    const double v[4] = { s->mean, s->p5, s->p50, s->p95 };
    for (int j = 0; j < 4; j++) td_figure(d, k == 0 ? 'r' : 'm', v[j], out);
}

/* The sensitivity (tornado) and the spread over the samples, when the model has them. */
static void uncertainty_tables(const ReportData *d, StrBuf *out)
{
    if (d->n_tornado) {
        const char *heads[] = { _("parameter"), _("low"), _("high"), _("ratio at low"),
                                _("ratio at high") };
        table(d,
              &(HtmlTable){ "", _("Sensitivity: the ratio when each parameter moves by 20%"), heads,
                            5, d->n_tornado, tornado_cells, NULL },
              out);
    }
    if (d->tornado_note) {
        sb_append(out, "<p class=\"note\">");
        html_escape(out, d->tornado_note);
        sb_append(out, "</p>\n");
    }
    if (!d->n_samples) return;
    const char *heads[] = { "", _("mean"), "p5", _("median"), "p95" };
    table(d,
          &(HtmlTable){ " class=\"uncertainty\"", _("Uncertainty over the samples"), heads, 5,
                        d->n_spreads, spread_cells, NULL },
          out);
    StrBuf t;
    sb_init(&t);
    report_percent(d, d->p_ratio_below_1, &t);
    sb_append(out, "<p class=\"p-below\">");
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

static void library_cells(const ReportData *d, const void *rows, size_t k, StrBuf *out)
{
    const ReportLibrary *l = &d->libraries[k];
    td_text(out, l->name);
    td_text(out, l->version ? l->version : _("none declared"));
    td_text(out, l->sha256);
}

/* Which library text, in which version, the figures come from. */
static void libraries_table(const ReportData *d, StrBuf *out)
{
    if (!d->n_libraries) return;
    const char *heads[] = { _("library"), _("version"), _("SHA-256 of the file") };
    table(d,
          &(HtmlTable){ " class=\"libraries\"", _("Libraries the figures come from"), heads, 3,
                        d->n_libraries, library_cells, NULL },
          out);
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
    uncertainty_tables(d, out);
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
