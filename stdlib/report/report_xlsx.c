/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_xlsx.c — a report as an Excel workbook (libxlsxwriter): the value
 * map in the SVI template's column order, then the inputs by funder, the
 * results, the assumptions with their sources, the sensitivity and, for an
 * uncertain model, the spread over the samples.
 *
 * Contract: figures are numbers with number formats, never text; where the
 * SVI workbook has a formula (value = quantity × proxy; impact = value ×
 * (1 − deductions); the value in each year with drop-off; present value of
 * the years; the totals; the results' present value, NPV and ratios read
 * from the other sheets), the cell holds
 * that formula together with the value impact computed (a reader that does
 * not recalculate sees the interpreter's figures; Excel recalculating finds
 * the same).  Headers are in the report's language; the header row and the
 * first two columns stay in view.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "runtime/safe_write.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/report/report.h"

typedef struct Formats {
    lxw_format *head, *text, *money, *percent, *ratio, *number, *bold_money, *title;
} Formats;

/* Column letters of column c (0-based): A..Z, AA.. */
static void col_name(int c, char *out)
{
    char tmp[8];
    int n = 0;
    for (c++; c > 0; c = (c - 1) / 26) tmp[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static void formats(lxw_workbook *wb, const ReportData *d, Formats *f)
{
    char money[96];
    /* whole currency units, grouped; the unit as the report writes it */
    snprintf(money, sizeof money, "#,##0.%s\" %s\"", d->money_divisor != 1 ? "0" : "##",
             d->money_unit);
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_text_wrap(f->head);
    format_set_bg_color(f->head, 0xF2F2F2);
    format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->text = workbook_add_format(wb);
    format_set_text_wrap(f->text);
    format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
    f->money = workbook_add_format(wb);
    format_set_num_format(f->money, money);
    f->bold_money = workbook_add_format(wb);
    format_set_num_format(f->bold_money, money);
    format_set_bold(f->bold_money);
    f->percent = workbook_add_format(wb);
    format_set_num_format(f->percent, "0.0%");
    f->ratio = workbook_add_format(wb);
    format_set_num_format(f->ratio, "0.00");
    f->number = workbook_add_format(wb);
    format_set_num_format(f->number, "#,##0.######");
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ */
static lxw_worksheet *sheet(lxw_workbook *wb, const ReportData *d, size_t n_models, size_t k,
                            const char *name)
{
    char title[64];
    if (n_models > 1)
        snprintf(title, sizeof title, "%.*s (%zu)", 24, name, k + 1);
    else
        snprintf(title, sizeof title, "%.31s", name);
    for (char *p = title; *p; p++)
        if (strchr("[]:*?/\\", *p)) *p = ' ';
    (void)d;
    return workbook_add_worksheet(wb, title);
}

static void num(lxw_worksheet *ws, int r, int c, double v, lxw_format *f)
{
    if (isfinite(v)) worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, f);
}

static void text(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
    if (s && *s) worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, f);
}

static void formula(lxw_worksheet *ws, int r, int c, const char *fm, lxw_format *f, double v)
{
    worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)c, fm, f, isfinite(v) ? v : 0);
}

/* ---- the value map ------------------------------------------------------------------ */

/* The spreadsheet column of each value-map column (the years take n_years). */
static void column_map(const ReportData *d, int *col)
{
    int c = 0;
    for (int k = 0; k < VM_COUNT; k++) {
        col[k] = c;
        c += k == VM_YEARS ? (d->n_years > 0 ? d->n_years : 1) : 1;
    }
    col[VM_COUNT] = c;
}

static void value_map_header(lxw_worksheet *ws, const ReportData *d, const int *col, Formats *f)
{
    for (int k = 0; k < VM_COUNT; k++) {
        if (k != VM_YEARS) {
            text(ws, 0, col[k], report_column_title((ValueMapColumn)k), f->head);
            continue;
        }
        for (int y = 1; y <= d->n_years; y++) {
            char title[64];
            snprintf(title, sizeof title, report_column_title(VM_YEARS), y);
            text(ws, 0, col[k] + y - 1, title, f->head);
        }
    }
}

/* The present value of a row's years as Excel computes it: year t divided by
 * (1+r)^t (Guide), (1+r)^(t−1) (first year undiscounted) or 1 (none); the
 * Green Book's declining schedule has no short formula, its value is written. */
static bool pv_formula(const ReportData *d, int row, const int *col, const char *rate, StrBuf *fm)
{
    const char *conv = d->discounting;
    int shift = strcmp(conv, "guide") == 0             ? 0
        : strcmp(conv, "first_year_undiscounted") == 0 ? 1
                                                       : -1;
    bool none = strcmp(conv, "none") == 0;
    if (shift < 0 && !none) return false;
    sb_append(fm, "=");
    for (int y = 1; y <= d->n_years; y++) {
        char c[8];
        col_name(col[VM_YEARS] + y - 1, c);
        if (y > 1) sb_append(fm, "+");
        if (none)
            sb_printf(fm, "%s%d", c, row + 1);
        else
            sb_printf(fm, "%s%d/(1+%s)^%d", c, row + 1, rate, y - shift);
    }
    return true;
}

/* Value in year y (1..N) as the SVI workbook computes it from the row's own
 * cells: the impact from the start year on, reduced by the drop-off each
 * year after the first, the last year counted pro rata of the duration
 * (sroi_calc.c's V(s+k) = impact × (1−DO)^k × min(1, D−k)).  A yearly
 * profile, or a year past the model's horizon, has no such formula: the
 * value is written. */
static void year_cells(lxw_worksheet *ws, const ReportData *d, const ReportOutcome *o, int r,
                       const int *col, Formats *f)
{
    char imp[8], dur[8], drop[8], start[8];
    col_name(col[VM_IMPACT], imp);
    col_name(col[VM_DURATION], dur);
    col_name(col[VM_DROPOFF], drop);
    col_name(col[VM_START], start);
    for (int y = 1; y <= d->n_years; y++) {
        int c = col[VM_YEARS] + y - 1;
        double v = o->years[y - 1] / d->money_divisor;
        if (o->profile || (d->horizon > 0 && y > d->horizon)) {
            num(ws, r, c, v, f->money);
            continue;
        }
        char fm[256];
        int row = r + 1;
        snprintf(fm, sizeof fm,
                 "=IF(AND(%d>=%s%d,%d<%s%d+%s%d),%s%d*(1-%s%d)^(%d-%s%d)*MIN(1,%s%d+%s%d-%d),0)", y,
                 start, row, y, start, row, dur, row, imp, row, drop, row, y, start, row, start,
                 row, dur, row, y);
        formula(ws, r, c, fm, f->money, v);
    }
}

static void value_map_row(lxw_worksheet *ws, const ReportData *d, const ReportOutcome *o, int r,
                          const int *col, const char *rate, Formats *f)
{
    char q[8], p[8], v[8], dw[8], ds[8], at[8], lk[8];
    col_name(col[VM_QUANTITY], q);
    col_name(col[VM_PROXY], p);
    col_name(col[VM_VALUE], v);
    col_name(col[VM_DEADWEIGHT], dw);
    col_name(col[VM_DISPLACEMENT], ds);
    col_name(col[VM_ATTRIBUTION], at);
    col_name(col[VM_LEAKAGE], lk);
    text(ws, r, col[VM_STAKEHOLDER], o->stakeholder, f->text);
    text(ws, r, col[VM_CHANGE], o->name, f->text);
    text(ws, r, col[VM_DESCRIPTION], o->label, f->text);
    text(ws, r, col[VM_INPUTS], o->inputs, f->text);
    text(ws, r, col[VM_INDICATOR], o->indicator, f->text);
    text(ws, r, col[VM_SOURCE], o->source, f->text);
    num(ws, r, col[VM_QUANTITY], o->quantity, f->number);
    num(ws, r, col[VM_DURATION], o->duration, f->number);
    num(ws, r, col[VM_PROXY], o->proxy / d->money_divisor, f->money);
    text(ws, r, col[VM_PROXY_SOURCE], o->proxy_source, f->text);
    char fm[256];
    snprintf(fm, sizeof fm, "=%s%d*%s%d", q, r + 1, p, r + 1);
    formula(ws, r, col[VM_VALUE], fm, f->money, o->quantity * o->proxy / d->money_divisor);
    num(ws, r, col[VM_DEADWEIGHT], o->deadweight, f->percent);
    num(ws, r, col[VM_DISPLACEMENT], o->displacement, f->percent);
    num(ws, r, col[VM_ATTRIBUTION], o->attribution, f->percent);
    if (o->profile)
        text(ws, r, col[VM_DROPOFF], _("profile"), f->text);
    else
        num(ws, r, col[VM_DROPOFF], o->dropoff, f->percent);
    snprintf(fm, sizeof fm, "=%s%d*(1-%s%d)*(1-%s%d)*(1-%s%d)*(1-%s%d)", v, r + 1, dw, r + 1, ds,
             r + 1, at, r + 1, lk, r + 1);
    formula(ws, r, col[VM_IMPACT], fm, f->money, o->impact / d->money_divisor);
    year_cells(ws, d, o, r, col, f);
    StrBuf pv;
    sb_init(&pv);
    if (pv_formula(d, r, col, rate, &pv))
        formula(ws, r, col[VM_PRESENT_VALUE], pv.data, f->money,
                o->present_value / d->money_divisor);
    else
        num(ws, r, col[VM_PRESENT_VALUE], o->present_value / d->money_divisor, f->money);
    sb_free(&pv);
    num(ws, r, col[VM_LEAKAGE], o->leakage, f->percent);
    num(ws, r, col[VM_START], o->start, f->number);
    text(ws, r, col[VM_DOMAIN], o->domain, f->text);
    text(ws, r, col[VM_EVIDENCE], o->evidence, f->text);
    worksheet_write_boolean(ws, (lxw_row_t)r, (lxw_col_t)col[VM_MATERIAL], o->material, NULL);
    text(ws, r, col[VM_MATERIAL_REASON], o->material_reason, f->text);
    text(ws, r, col[VM_PROXY_EVIDENCE], o->proxy_evidence, f->text);
    text(ws, r, col[VM_QUANTITY_EVIDENCE], o->quantity_evidence, f->text);
    for (int k = 0; k < 4; k++) num(ws, r, col[VM_DISTANCE_BEFORE] + k, o->distance[k], f->number);
}

/* The total of a column's rows 2..n+1, "=SUM(Q2:Q5)": when an outcome is
 * judged not material, the sum of the material rows only ("=SUM(Q2:Q3,Q5)"),
 * so that a spreadsheet recalculating leaves it out of the total as impact
 * does (docs/METHOD.md §1.12). */
static char *total_formula(const ReportData *d, int c)
{
    char cc[8];
    col_name(c, cc);
    StrBuf b;
    sb_init(&b);
    sb_append(&b, "=SUM(");
    size_t n = d->n_outcomes, parts = 0;
    for (size_t i = 0; i < n;) {
        if (!d->outcomes[i].material) {
            i++;
            continue;
        }
        size_t end = i;
        while (end + 1 < n && d->outcomes[end + 1].material) end++;
        if (parts++) sb_append(&b, ",");
        if (end > i)
            sb_printf(&b, "%s%zu:%s%zu", cc, i + 2, cc, end + 2);
        else
            sb_printf(&b, "%s%zu", cc, i + 2);
        i = end + 1;
    }
    sb_append(&b, parts ? ")" : "0)");
    return sb_take(&b);
}

static void value_map_sheet(lxw_worksheet *ws, const ReportData *d, Formats *f)
{
    int col[VM_COUNT + 1];
    column_map(d, col);
    int n = (int)d->n_outcomes, total = n + 1, rate_row = n + 3;
    char rate[16];
    col_name(col[VM_CHANGE], rate);
    snprintf(rate + strlen(rate), sizeof rate - strlen(rate), "%d", rate_row + 1);
    char rate_abs[20];
    snprintf(rate_abs, sizeof rate_abs, "$%.*s$%d", (int)strcspn(rate, "0123456789"), rate,
             rate_row + 1);
    value_map_header(ws, d, col, f);
    for (int i = 0; i < n; i++) value_map_row(ws, d, &d->outcomes[i], i + 1, col, rate_abs, f);
    /* totals: the impact, each year and the present value, summed */
    text(ws, total, col[VM_STAKEHOLDER], _("Total"), f->head);
    const int summed[] = { VM_IMPACT, VM_PRESENT_VALUE };
    double sums[] = { 0, d->present_value };
    for (int i = 0; i < n; i++)
        if (d->outcomes[i].material) sums[0] += d->outcomes[i].impact;
    for (int k = 0; k < 2; k++) {
        char *fm = total_formula(d, col[summed[k]]);
        formula(ws, total, col[summed[k]], fm, f->bold_money, sums[k] / d->money_divisor);
        free(fm);
    }
    for (int y = 0; y < d->n_years; y++) {
        char *fm = total_formula(d, col[VM_YEARS] + y);
        formula(ws, total, col[VM_YEARS] + y, fm, f->bold_money,
                d->year_totals[y] / d->money_divisor);
        free(fm);
    }
    /* what `impact import` needs besides the table: the discount rate, the
     * model's name and title, the currency and the unit of the amounts */
    text(ws, rate_row, col[VM_STAKEHOLDER], _("Discount rate"), f->head);
    num(ws, rate_row, col[VM_CHANGE], d->discount, f->percent);
    text(ws, rate_row, col[VM_DESCRIPTION], d->discounting, f->text);
    text(ws, rate_row + 1, col[VM_STAKEHOLDER], _("Model"), f->head);
    text(ws, rate_row + 1, col[VM_CHANGE], d->name, f->text);
    text(ws, rate_row + 1, col[VM_DESCRIPTION], d->title, f->text);
    text(ws, rate_row + 2, col[VM_STAKEHOLDER], _("Currency"), f->head);
    text(ws, rate_row + 2, col[VM_CHANGE], d->currency, f->text);
    num(ws, rate_row + 2, col[VM_DESCRIPTION], d->money_divisor, f->number);
    worksheet_freeze_panes(ws, 1, 2);
    worksheet_set_column(ws, 0, (lxw_col_t)(col[VM_COUNT] - 1), 14, NULL);
    worksheet_set_column(ws, (lxw_col_t)col[VM_DESCRIPTION], (lxw_col_t)col[VM_SOURCE], 36, NULL);
    worksheet_set_column(ws, (lxw_col_t)col[VM_PROXY_SOURCE], (lxw_col_t)col[VM_PROXY_SOURCE], 30,
                         NULL);
    worksheet_set_row(ws, 0, 45, NULL);
}

/* ---- inputs, results, assumptions, sensitivity, uncertainty ------------------------------ */

/* Row r's first n cells, from column 0, one string each in format fmt. */
static void text_row(lxw_worksheet *ws, int r, const char *const *cells, int n, lxw_format *fmt)
{
    for (int c = 0; c < n; c++) text(ws, r, c, cells[c], fmt);
}

static void header_row(lxw_worksheet *ws, int r, const char *const *heads, int n, Formats *f)
{
    text_row(ws, r, heads, n, f->head);
}

/* The funders under the inputs, from row r: each one's inputs, what its
 * figure divides, the value funder_share attributes to it, and the
 * convention in words (docs/METHOD.md §1.11). */
static void funders_rows(lxw_worksheet *ws, int r, const ReportData *d, Formats *f)
{
    const char *heads[REPORT_FUNDER_COLUMNS];
    for (size_t c = 0; c < REPORT_FUNDER_COLUMNS; c++) heads[c] = _(REPORT_FUNDER_COLUMN[c].head);
    header_row(ws, r++, heads, REPORT_FUNDER_COLUMNS, f);
    for (size_t k = 0; k < d->n_funders; k++, r++) {
        const ReportFunder *fu = &d->funders[k];
        for (int c = 0; c < REPORT_FUNDER_COLUMNS; c++) {
            const ReportFunderColumn *col = &REPORT_FUNDER_COLUMN[c];
            if (col->kind == 'n' || col->kind == 's')
                text(ws, r, c, report_funder_text(fu, col), f->text);
            else if (col->attributed && !isfinite(fu->value_share))
                continue; /* the model shares nothing: the cells stay empty */
            else if (col->kind == 'm')
                num(ws, r, c, report_funder_figure(fu, col) / d->money_divisor, f->money);
            else
                num(ws, r, c, report_funder_figure(fu, col),
                    col->kind == '%' ? f->percent : f->ratio);
        }
    }
    r++;
    text(ws, r, 0, "funder_share", f->head);
    text(ws, r, 1, d->funder_share, f->text);
    text(ws, r + 1, 0, d->funder_share_text, f->text);
}

static void inputs_sheet(lxw_worksheet *ws, const ReportData *d, Formats *f)
{
    const char *heads[] = { _("input"), _("label"),  _("funder"),      _("in kind"),
                            _("year"),  _("amount"), _("stakeholder"), _("hours") };
    header_row(ws, 0, heads, 8, f);
    int r = 1;
    for (size_t j = 0; j < d->n_inputs; j++, r++) {
        const ReportInput *in = &d->inputs[j];
        text(ws, r, 0, in->name, f->text);
        text(ws, r, 1, in->label, f->text);
        text(ws, r, 2, in->funder, f->text);
        worksheet_write_boolean(ws, (lxw_row_t)r, 3, in->in_kind, NULL);
        num(ws, r, 4, in->year, f->number);
        if (in->valued) num(ws, r, 5, in->amount / d->money_divisor, f->money);
        text(ws, r, 6, in->stakeholder, f->text);
        num(ws, r, 7, in->hours, f->number);
    }
    char fm[64];
    text(ws, r, 0, _("Total"), f->head);
    snprintf(fm, sizeof fm, "=SUM(F2:F%d)", r);
    formula(ws, r, 5, fm, f->bold_money, d->inputs_total / d->money_divisor);
    r += 2;
    funders_rows(ws, r, d, f);
    worksheet_set_column(ws, 0, 0, 24, NULL);
    worksheet_set_column(ws, 1, 1, 44, NULL);
    worksheet_set_column(ws, 2, 5, 16, NULL);
    worksheet_freeze_panes(ws, 1, 1);
}

/* The results read the totals of the two sheets before them: the inputs'
 * total (column F of the inputs' last row) and the value map's total
 * present value, so that a change made in Excel flows to the ratio. */
static void results_sheet(lxw_worksheet *ws, const lxw_worksheet *value_map,
                          const lxw_worksheet *inputs, const ReportData *d, Formats *f)
{
    int col[VM_COUNT + 1];
    column_map(d, col);
    char pv_col[8], pv_total[160], inputs_total[160];
    col_name(col[VM_PRESENT_VALUE], pv_col);
    snprintf(pv_total, sizeof pv_total, "=%s!%s%zu", value_map->quoted_name, pv_col,
             d->n_outcomes + 2);
    snprintf(inputs_total, sizeof inputs_total, "=%s!F%zu", inputs->quoted_name, d->n_inputs + 2);
    const char *heads[] = { _("result"), _("value") };
    header_row(ws, 0, heads, 2, f);
    int r = 1;
    for (int k = 0; k < SROI_RESULT_COUNT; k++, r++) {
        char kind = SROI_RESULTS[k].kind;
        lxw_format *fmt = kind == 'm' ? f->money : kind == 'r' ? f->ratio : f->number;
        double v = kind == 'm' ? d->result[k] / d->money_divisor : d->result[k];
        text(ws, r, 0, _(SROI_RESULTS[k].sheet_label), f->text);
        if (k == SROI_RESULT_INPUTS)
            formula(ws, r, 1, inputs_total, fmt, v);
        else if (k == SROI_RESULT_PV)
            formula(ws, r, 1, pv_total, fmt, v);
        else if (k == SROI_RESULT_NPV)
            formula(ws, r, 1, "=B4-B3", fmt, v); /* NPV = PV − inputs' PV */
        else if (k == SROI_RESULT_RATIO)
            formula(ws, r, 1, "=B4/B3", fmt, v); /* ratio = PV / inputs' PV */
        else if (k == SROI_RESULT_NET_RATIO)
            formula(ws, r, 1, "=B5/B3", fmt, v);
        else
            num(ws, r, 1, v, fmt);
    }
    text(ws, r, 0, _("discount rate"), f->text);
    num(ws, r++, 1, d->discount, f->percent);
    r++;
    const char *sheads[] = { _("stakeholder"), _("present value"), _("share"), _("ratio") };
    header_row(ws, r++, sheads, 4, f);
    for (size_t k = 0; k < d->n_stakeholders; k++, r++) {
        const ReportGroup *g = &d->stakeholders[k];
        text(ws, r, 0, g->label[0] ? g->label : g->name, f->text);
        num(ws, r, 1, g->value / d->money_divisor, f->money);
        num(ws, r, 2, g->share, f->percent);
        num(ws, r, 3, g->ratio, f->ratio);
    }
    if (d->n_domains) {
        r++;
        const char *dheads[] = { _("domain"), _("present value"), _("share") };
        header_row(ws, r++, dheads, 3, f);
        for (size_t k = 0; k < d->n_domains; k++, r++) {
            text(ws, r, 0, d->domains[k].name, f->text);
            num(ws, r, 1, d->domains[k].value / d->money_divisor, f->money);
            num(ws, r, 2, d->domains[k].share, f->percent);
        }
    }
    worksheet_set_column(ws, 0, 0, 44, NULL);
    worksheet_set_column(ws, 1, 3, 18, NULL);
}

/* The fields and their sources, then (after a blank row) the named
 * assumptions with their range, source and what uses them. */
static void assumptions_sheet(lxw_worksheet *ws, const ReportData *d, Formats *f)
{
    const char *heads[] = { _("field"), _("value"), _("source"), _("assumption") };
    header_row(ws, 0, heads, d->n_named ? 4 : 3, f);
    for (size_t k = 0; k < d->n_assumptions; k++) {
        const ReportAssumption *a = &d->assumptions[k];
        const char *cells[] = { a->what, a->value, a->source, a->assumption };
        text_row(ws, (int)k + 1, cells, d->n_named ? 4 : 3, f->text);
    }
    /* Each block after a blank row: r is the row of its header. */
    int r = (int)d->n_assumptions + 2;
    if (d->n_named) {
        const char *named[] = { _("assumption"), _("value"), _("source"),
                                _("range"),      _("label"), _("used by") };
        header_row(ws, r, named, 6, f);
        for (size_t k = 0; k < d->n_named; k++) {
            const ReportNamed *n = &d->named[k];
            const char *cells[] = { n->name, n->value, n->source, n->range, n->label, n->used_by };
            text_row(ws, ++r, cells, 6, f->text);
        }
        r += 2;
    }
    /* then the libraries the figures come from (below the named assumptions,
     * never over them) */
    if (d->n_libraries) {
        const char *lib_heads[] = { _("library"), _("version"), _("SHA-256 of the file") };
        header_row(ws, r, lib_heads, 3, f);
    }
    for (size_t k = 0; k < d->n_libraries; k++) {
        const ReportLibrary *l = &d->libraries[k];
        const char *cells[] = { l->name, l->version ? l->version : _("none declared"), l->sha256 };
        text_row(ws, ++r, cells, 3, f->text);
    }
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, 1, 18, NULL);
    worksheet_set_column(ws, 2, 2, 80, NULL);
    worksheet_set_column(ws, 3, 5, 24, NULL);
    worksheet_freeze_panes(ws, 1, 1);
}

static void sensitivity_sheet(lxw_worksheet *ws, const ReportData *d, Formats *f)
{
    const char *heads[] = { _("parameter"),    _("low"),           _("high"),
                            _("ratio at low"), _("ratio at high"), _("swing") };
    header_row(ws, 0, heads, 6, f);
    for (size_t k = 0; k < d->n_tornado; k++) {
        const ReportTornado *t = &d->tornado[k];
        int r = (int)k + 1;
        const char *cells[] = { t->parameter, t->low, t->high };
        text_row(ws, r, cells, 3, f->text);
        num(ws, r, 3, t->ratio_low, f->ratio);
        num(ws, r, 4, t->ratio_high, f->ratio);
        num(ws, r, 5, t->swing, f->ratio);
    }
    text(ws, (int)d->n_tornado + 2, 0, d->tornado_note, f->text); /* the parameters at 0 */
    worksheet_set_column(ws, 0, 0, 32, NULL);
    worksheet_set_column(ws, 1, 5, 14, NULL);
    worksheet_freeze_panes(ws, 1, 1);
}

static void uncertainty_sheet(lxw_worksheet *ws, const ReportData *d, Formats *f)
{
    const char *heads[] = { "", _("mean"), "p5", "p50", "p95" };
    header_row(ws, 0, heads, 5, f);
    const char *names[3] = { _("SROI ratio"), _("total present value"), _("net present value") };
    for (size_t k = 0; k < d->n_spreads; k++) {
        const ReportSpread *s = &d->spreads[k];
        int r = (int)k + 1;
        double div = k == 0 ? 1 : d->money_divisor;
        lxw_format *fmt = k == 0 ? f->ratio : f->money;
        text(ws, r, 0, names[k], f->text);
        num(ws, r, 1, s->mean / div, fmt);
        num(ws, r, 2, s->p5 / div, fmt);
        num(ws, r, 3, s->p50 / div, fmt);
        num(ws, r, 4, s->p95 / div, fmt);
    }
    text(ws, 5, 0, "P(ratio < 1)", f->text);
    num(ws, 5, 1, d->p_ratio_below_1, f->percent);
    char samples[64];
    snprintf(samples, sizeof samples, _("%zu samples"), d->n_samples);
    text(ws, 6, 0, samples, f->text);
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, 4, 16, NULL);
}

bool report_xlsx(Interp *I, const ReportData *d, size_t n, const char *path)
{
    /* libxlsxwriter writes by name: the safe write's temporary file, renamed
     * over the target only once the workbook is complete */
    SafeWrite w;
    SrcLoc loc = { 0 };
    if (!safe_write_open(I, &w, path, path, loc)) return false;
    fclose(w.stream);
    w.stream = NULL;
    lxw_workbook *wb = workbook_new(w.temp_path);
    if (!wb) {
        safe_write_abort(&w);
        rt_raise(I, loc, _("cannot write the report to '%s'"), path);
        return rt_hint(I, _("check that the folder exists and that you may write in it"));
    }
    for (size_t k = 0; k < n; k++) {
        Formats f;
        formats(wb, &d[k], &f);
        lxw_worksheet *value_map = sheet(wb, &d[k], n, k, _("Value map"));
        lxw_worksheet *inputs = sheet(wb, &d[k], n, k, _("Inputs by funder"));
        value_map_sheet(value_map, &d[k], &f);
        inputs_sheet(inputs, &d[k], &f);
        results_sheet(sheet(wb, &d[k], n, k, _("Results")), value_map, inputs, &d[k], &f);
        assumptions_sheet(sheet(wb, &d[k], n, k, _("Assumptions")), &d[k], &f);
        sensitivity_sheet(sheet(wb, &d[k], n, k, _("Sensitivity")), &d[k], &f);
        if (d[k].n_samples) uncertainty_sheet(sheet(wb, &d[k], n, k, _("Uncertainty")), &d[k], &f);
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        safe_write_abort(&w);
        rt_raise(I, loc, _("cannot write the report to '%s': %s"), path, lxw_strerror(err));
        return rt_hint(I, _("check that the folder exists and that you may write in it"));
    }
    return safe_write_commit(I, &w, loc);
}
