/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report.c — what a model shows: the value map as text (report, the
 * command line's report), as a table (valuemap, in the SVI column order,
 * for write_csv) and as JSON (the sketch's object).  How one figure is
 * written (language, currency, scale) is report_figures.c's; scenario
 * comparison and the audit trail live in report_compare.c.
 *
 * Contract: nothing here computes SROI arithmetic itself; every figure comes
 * from sroi_calc.c through sroi_collect() / sroi_outcome_arrays(), so the
 * report, the table and the JSON always agree with sroi(M).  An uncertain
 * figure is shown as its median and 90% interval (p5 to p95, numpy's linear
 * interpolation), and in JSON as {"mean","sd","p5","p50","p95"} with the
 * population sd.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "runtime/mem.h"
#include "stdlib/core/text_grid.h"
#include "stdlib/stdlib.h"
#include "stdlib/sroi/report.h"
#include "stdlib/stats/summary.h"

/* ---- a printable text value (report, compare, explain) ------------------------- */

static void text_free(ForeignObj *o)
{
    free(o->data);
}
static void text_print(Interp *I, ForeignObj *o, StrBuf *out)
{
    const char *t = o->data;
    size_t len = strlen(t);
    /* print adds its own newline: drop the text's last one */
    sb_appendn(out, t, len && t[len - 1] == '\n' ? len - 1 : len);
}

static const ObjClass text_class = OBJ_CLASS("report", text_free, text_print);

Value sroi_text_value(char *text)
{
    return value_foreign(&text_class, text);
}

/* The numeric fields in the order of m->field_figures: outcome i's field k
 * at i * OF_COUNT + k, then the inputs' amounts, then the discount rate;
 * with the field's central value (its median, computed at build) when it
 * has one. */
static size_t n_fields(const SroiModel *m)
{
    return m->n_outcomes * OF_COUNT + m->n_inputs + 1;
}

static Value field_value(const SroiModel *m, size_t j, const double **median)
{
    size_t base = m->n_outcomes * OF_COUNT;
    if (j < base) {
        size_t i = j / OF_COUNT, k = j % OF_COUNT;
        *median = k < OF_PARAMS ? &m->central[i * OF_PARAMS + k] : &m->leak_central[i];
        return m->outcomes[i].f[k].v;
    }
    if (j < base + m->n_inputs) {
        *median = &m->central[m->n_outcomes * OF_PARAMS + (j - base)];
        return m->inputs[j - base].amount.v;
    }
    *median = &m->central[m->n_params - 1];
    return m->discount.v;
}

/* The display summaries of every numeric field, computed on first use, in
 * parallel across fields, and kept with the (immutable) model. */
static const SroiFigure *field_figures(const SroiModel *m)
{
    if (m->field_figures) return m->field_figures;
    size_t nf = n_fields(m);
    SroiFigure *f = calloc(nf, sizeof *f);
    if (!f) rt_out_of_memory();
    bool *done = xcalloc(nf + 1, sizeof *done);
    for (size_t j = 0; j < nf; j++) { /* from the report's one pass, when it streams */
        const double *median;
        Value v = field_value(m, j, &median);
        done[j] = v.kind == V_DIST && sroi_streamed_field(m, j, false, &f[j]);
        if (done[j] && f[j].kept && !(f[j].constant && f[j].kept == f[j].n)) f[j].q[0] = *median;
    }
#pragma omp parallel for schedule(dynamic, 1) if (m->n_samples >= 20000)
    for (size_t j = 0; j < nf; j++) {
        const double *median;
        Value v = field_value(m, j, &median);
        if (done[j]) {
            continue;
        } else if (v.kind == V_DIST) {
            double *owned; /* a field drawn on demand is read, not kept */
            sroi_figure_summary(dist_borrow(as_dist(v), &owned), as_dist(v)->n, median, &f[j]);
            free(owned);
        } else
            f[j] = (SroiFigure){ .n = 1, .kept = 1, .constant = true, .first = v.as.num };
    }
    free(done);
    ((SroiModel *)m)->field_figures = f; /* a cache: the model itself does not change */
    return f;
}

/* A field value (number or distribution) as a figure. */
static void format_value(Interp *I, const SroiModel *m, Value v, char kind, StrBuf *b)
{
    if (v.kind == V_DIST) {
        double *owned;
        sroi_format_figure(I, m, dist_borrow(as_dist(v), &owned), as_dist(v)->n, kind, b);
        free(owned);
    } else {
        sroi_format_figure(I, m, &v.as.num, 1, kind, b);
    }
}

/* Field j of the model as a figure, from the cached summaries. */
static void format_field(Interp *I, const SroiModel *m, size_t j, char kind, StrBuf *b)
{
    const SroiFigure *f = field_figures(m);
    const double *median;
    Value v = field_value(m, j, &median);
    if (f)
        sroi_format_summary(I, m, &f[j], kind, b);
    else
        format_value(I, m, v, kind, b);
}

/* Longest line of a text column of the printed value map (indicator,
 * labels): longer text wraps onto further lines of its row, never cut.
 * valuemap() and the JSON keep the text on one line. */
#define TEXT_COLUMN_MAX 40

/* ---- the value map as text --------------------------------------------------------- */

static bool any_text(const SroiModel *m, int k)
{
    for (size_t i = 0; i < m->n_outcomes; i++)
        if (m->outcomes[i].text[k]) return true;
    return false;
}

static bool any_given(const SroiModel *m, int k)
{
    for (size_t i = 0; i < m->n_outcomes; i++)
        if (m->outcomes[i].f[k].given) return true;
    return false;
}

static const char *discounting_words(Discounting d)
{
    switch (d) {
    case DISC_FIRST_YEAR_FREE: return _("first year of effect undiscounted (Green Book, t = 0)");
    case DISC_NONE: return _("no discounting");
    case DISC_GREEN_BOOK: return _("Green Book declining schedule, from t = 1");
    case DISC_GUIDE:
    default: return _("year t divided by (1+r)^t from t = 1 (SROI Guide)");
    }
}

/* The impact and present value of every outcome, summarised: a group of
 * outcomes per pass over the samples (each holds two arrays of samples
 * while it is summarised: sroi_report_batch() arrays in all), their arrays
 * summarised in parallel.  ok[i] is false when outcome i could not be
 * computed (out of memory). */
static void outcome_figures(Interp *I, const SroiModel *m, SroiFigure *impact, SroiFigure *pv,
                            bool *ok)
{
    size_t ns = m->n_samples ? m->n_samples : 1, group = sroi_report_batch(m) / 2;
    bool streamed = m->n_samples > 0; /* from the report's one pass, when it streams */
    for (size_t i = 0; streamed && i < m->n_outcomes; i++)
        streamed = sroi_streamed_outcome(m, i, SROI_PART_IMPACT, 0, false, &impact[i]) &&
            sroi_streamed_outcome(m, i, SROI_PART_PV, 0, false, &pv[i]) && (ok[i] = true);
    for (size_t g0 = 0; !streamed && g0 < m->n_outcomes; g0 += group) {
        size_t cnt = m->n_outcomes - g0 < group ? m->n_outcomes - g0 : group;
        double *arr[SROI_BATCH_MAX] = { 0 };
        bool fine = true;
        for (size_t j = 0; j < 2 * cnt; j++)
            if (!(arr[j] = malloc(sizeof(double) * ns))) rt_out_of_memory();
        fine = fine && sroi_outcome_values(I, m, g0, cnt, arr, arr + cnt);
        /* Its only failure: a report of "?" with status 0 would hide it. */
        if (!fine) rt_out_of_memory();
        if (fine) {
            SroiFigure sums[SROI_BATCH_MAX];
            sroi_figure_summaries((const double *const *)arr, 2 * cnt, ns, sums);
            for (size_t j = 0; j < cnt; j++) {
                impact[g0 + j] = sums[j];
                pv[g0 + j] = sums[cnt + j];
            }
        }
        for (size_t j = 0; j < cnt; j++) ok[g0 + j] = fine;
        for (size_t j = 0; j < 2 * cnt; j++) free(arr[j]);
    }
}

static void value_map_rows(Interp *I, const SroiModel *m, StrBuf *out)
{
    bool indicator = any_text(m, OT_INDICATOR), leakage = any_given(m, OF_LEAKAGE);
    /* the outcome's columns are headed by sroi_fields.h's report titles */
    const char *heads[] = { N_("stakeholder"),
                            N_("outcome"),
                            N_("indicator"),
                            SROI_FIELDS[OF_QUANTITY].report,
                            SROI_FIELDS[OF_DURATION].report,
                            N_("start"),
                            SROI_FIELDS[OF_PROXY].report,
                            SROI_FIELDS[OF_DEADWEIGHT].report,
                            SROI_FIELDS[OF_DISPLACEMENT].report,
                            SROI_FIELDS[OF_ATTRIBUTION].report,
                            SROI_FIELDS[OF_LEAKAGE].report,
                            SROI_FIELDS[OF_DROPOFF].report,
                            N_("impact"),
                            N_("present value") };
    static const bool right_all[] = { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    bool keep[14];
    for (int c = 0; c < 14; c++) keep[c] = !(c == 2 && !indicator) && !(c == 10 && !leakage);
    bool right[14];
    size_t wrap[14] = { 0 }, ncols = 0;
    for (int c = 0; c < 14; c++) {
        if (!keep[c]) continue;
        wrap[ncols] = c == 2 ? TEXT_COLUMN_MAX : 0;
        right[ncols++] = right_all[c];
    }
    TextGrid g = { .ncols = ncols, .right = right, .wrap = wrap };
    for (int c = 0; c < 14; c++)
        if (keep[c]) grid_add_str(&g, _(heads[c]));
    size_t no = m->n_outcomes;
    SroiFigure *impact = calloc(no + 1, sizeof *impact), *pv = calloc(no + 1, sizeof *pv);
    bool *ok = calloc(no + 1, sizeof *ok);
    if (!impact || !pv || !ok) rt_out_of_memory();
    outcome_figures(I, m, impact, pv, ok);
    for (size_t i = 0; i < no; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        if (!ok || !ok[i]) continue;
        size_t f0 = i * OF_COUNT;
        StrBuf b;
        sb_init(&b);
        grid_add_str(&g, m->stakeholders[o->stakeholder].name);
        grid_add_str(&g, o->name);
        if (indicator) grid_add_str(&g, o->text[OT_INDICATOR]);
        format_field(I, m, f0 + OF_QUANTITY, 'n', &b);
        grid_add_sb(&g, &b);
        format_field(I, m, f0 + OF_DURATION, 'y', &b);
        grid_add_sb(&g, &b);
        sb_printf(&b, "%d", o->start);
        grid_add_sb(&g, &b);
        format_field(I, m, f0 + OF_PROXY, 'm', &b);
        grid_add_sb(&g, &b);
        static const int shares[] = { OF_DEADWEIGHT, OF_DISPLACEMENT, OF_ATTRIBUTION, OF_LEAKAGE,
                                      OF_DROPOFF };
        for (int k = 0; k < 5; k++) {
            if (shares[k] == OF_LEAKAGE && !leakage) continue;
            if (shares[k] == OF_DROPOFF && o->profile)
                sb_append(&b, _("profile"));
            else
                format_field(I, m, f0 + shares[k], '%', &b);
            grid_add_sb(&g, &b);
        }
        sroi_format_summary(I, m, &impact[i], 'm', &b);
        grid_add_sb(&g, &b);
        sroi_format_summary(I, m, &pv[i], 'm', &b);
        grid_add_sb(&g, &b);
        sb_free(&b);
    }
    free(impact);
    free(pv);
    free(ok);
    grid_render(&g, "  ", out);
}

static void inputs_rows(Interp *I, const SroiModel *m, StrBuf *out)
{
    static const bool right[] = { 0, 0, 1, 0 };
    static const size_t wrap[] = { 0, TEXT_COLUMN_MAX, 0, TEXT_COLUMN_MAX };
    TextGrid g = { .ncols = 4, .right = right, .wrap = wrap };
    StrBuf b;
    sb_init(&b);
    for (size_t j = 0; j < m->n_inputs; j++) {
        const SroiInput *in = &m->inputs[j];
        grid_add_str(&g, in->name);
        grid_add_str(&g, in->label);
        format_field(I, m, m->n_outcomes * OF_COUNT + j, 'm', &b);
        grid_add_sb(&g, &b);
        if (in->funder) sb_printf(&b, _("funder: %s"), in->funder);
        if (in->in_kind) sb_printf(&b, "%s%s", b.len ? ", " : "", _("in kind"));
        if (in->year) {
            if (b.len) sb_append(&b, ", ");
            sb_printf(&b, _("year %d"), in->year);
        }
        sroi_input_words(I, m, in, &b);
        grid_add_sb(&g, &b);
    }
    grid_render(&g, "  ", out);
    sb_free(&b);
}

typedef struct Figure {
    const char *label;
    SroiPick pick;
    const void *ctx;
    char kind;
    bool years;
} Figure;

/* Formats figures[0..n) into texts[0..n) (malloc'ed), computed in batches
 * (sroi_total_figures). */
static void figures(Interp *I, const SroiModel *m, const Figure *f, size_t n, char **texts)
{
    SroiTotalFigure *tf = calloc(n + 1, sizeof *tf);
    SroiFigure *sums = calloc(n + 1, sizeof *sums);
    if (!tf || !sums) rt_out_of_memory(); /* exit 1, never a report of "?" */
    for (size_t j = 0; j < n; j++) tf[j] = (SroiTotalFigure){ f[j].pick, f[j].ctx, f[j].years, 1 };
    sroi_total_figures(I, m, tf, n, false, sums);
    for (size_t j = 0; j < n; j++) {
        StrBuf b;
        sb_init(&b);
        if (f[j].kind == 'M' && sums[j].n == 1 && sums[j].kept == 0) /* a certain model's NaN */
            sb_append(&b,
                      _(SROI_NO_PAYBACK[f[j].pick == sroi_pick_payback_guide       ? 0
                                            : f[j].pick == sroi_pick_payback_year1 ? 1
                                                                                   : 2]));
        else
            sroi_format_summary(I, m, &sums[j], f[j].kind, &b);
        texts[j] = b.data ? sb_take(&b) : strdup("");
    }
    free(tf);
    free(sums);
}

static void figure_rows(Interp *I, const SroiModel *m, const Figure *figs, size_t n, StrBuf *out)
{
    static const bool right[] = { 0, 1 };
    TextGrid g = { .ncols = 2, .right = right };
    char **texts = calloc(n + 1, sizeof(char *));
    figures(I, m, figs, n, texts);
    for (size_t k = 0; k < n; k++) {
        grid_add_str(&g, *figs[k].label ? _(figs[k].label) : "");
        grid_add(&g, texts[k]);
    }
    free(texts);
    grid_render(&g, "  ", out);
}

static void group_rows(Interp *I, const SroiModel *m, bool domains, StrBuf *out)
{
    static const bool right[] = { 0, 0, 1, 1 };
    static const size_t wrap[] = { 0, TEXT_COLUMN_MAX, 0, 0 };
    TextGrid g = { .ncols = 4, .right = right, .wrap = wrap };
    size_t n = domains ? m->n_domains : m->n_stakeholders;
    size_t idx[n + 1];
    Figure f[2 * n + 1];
    memset(f, 0, sizeof f);
    for (size_t k = 0; k < n; k++) {
        idx[k] = k;
        f[2 * k] =
            (Figure){ "", domains ? sroi_pick_domain : sroi_pick_stakeholder, &idx[k], 'm', false };
        f[2 * k + 1] = (Figure){ "", sroi_pick_share, &idx[k], '%', false };
    }
    char **texts = calloc(2 * n + 1, sizeof(char *));
    /* domains have no share column: compute only what is shown */
    if (domains) {
        Figure d[n + 1];
        memset(d, 0, sizeof d);
        char **dt = calloc(n + 1, sizeof(char *));
        for (size_t k = 0; k < n; k++) d[k] = f[2 * k];
        figures(I, m, d, n, dt);
        for (size_t k = 0; k < n; k++) {
            texts[2 * k] = dt[k];
            texts[2 * k + 1] = strdup("");
        }
        free(dt);
    } else {
        figures(I, m, f, 2 * n, texts);
    }
    for (size_t k = 0; k < n; k++) {
        grid_add_str(&g, domains ? m->domains[k] : m->stakeholders[k].name);
        grid_add_str(&g, domains ? "" : m->stakeholders[k].label);
        grid_add(&g, texts[2 * k]);
        grid_add(&g, texts[2 * k + 1]);
    }
    free(texts);
    grid_render(&g, "  ", out);
}

static void pad(StrBuf *b, size_t n)
{
    for (size_t i = 0; i < n; i++) sb_append(b, " ");
}

/* "Scenario: with { a = 1, b = 2 }", wrapped after a comma so that no line
 * is much wider than the value map's usual width. */
#define SCENARIO_LINE_MAX 100
void sroi_wrap_with(const char *head, const char *scenario, size_t n, StrBuf *out)
{
    size_t indent = utf8_width(head, strlen(head));
    size_t col = indent;
    sb_append(out, head);
    const char *end = scenario + n;
    for (const char *p = scenario; p < end && *p;) {
        const char *comma = strstr(p, ", ");
        if (comma && comma >= end) comma = NULL;
        size_t len = comma ? (size_t)(comma - p) + 1 : (size_t)(end - p);
        if (!comma && len > 0 && p[len - 1] == ',') len--; /* the built part of a longer scenario */
        if (p != scenario && col + 1 + utf8_width(p, len) > SCENARIO_LINE_MAX) {
            sb_append(out, "\n");
            pad(out, indent);
            col = indent;
        } else if (p != scenario) {
            sb_append(out, " ");
            col++;
        }
        sb_appendn(out, p, len);
        col += utf8_width(p, len);
        p += len;
        if (p < end && *p == ' ') p++;
    }
    sb_append(out, " }\n");
}

static void scenario_line(const char *scenario, StrBuf *out)
{
    sroi_wrap_with(_("Scenario: with { "), scenario, strlen(scenario), out);
}

/* The small-group threshold the published figures were computed under: the
 * model's own min_cell when it sets one, else the one in force (--min-cell). */
enum { SMALL_GROUP_DEFAULT = 11 }; /* docs/METHOD.md §8.3: the DGFiP rule of 11 */
int sroi_report_min_cell(Interp *I, const SroiModel *m)
{
    return m->min_cell > 0 ? m->min_cell : interp_settings(I)->min_cell;
}

/* "Libraries: std/wellby 1.0.0, models/cae 1.0.0": the modules the run
 * loaded by `use`, as written, with the version each declares, so a reader
 * knows which library text the figures come from (their SHA-256 is in the
 * JSON report). Nothing when there are none. */
static void library_line(Interp *I, StrBuf *out)
{
    size_t n = interp_library_count(I);
    if (!n) return;
    sb_append(out, _("Libraries: "));
    for (size_t i = 0; i < n; i++) {
        const char *spec, *shown, *sha256;
        interp_library(I, i, &spec, &shown, &sha256);
        const char *version = interp_library_version(I, i);
        sb_printf(out, "%s%s%s%s", i ? ", " : "", spec, version ? " " : "", version ? version : "");
    }
    sb_append(out, "\n");
}

/* The heading: the model's name and title, the libraries it uses, what it
 * was built from and the scenario it is. */
static void model_heading(Interp *I, const SroiModel *m, StrBuf *out)
{
    const char *bound = sroi_binding_name(I, m);
    size_t built = m->scenario ? m->built_len : 0;
    bool variant = m->scenario && strlen(m->scenario) > built;
    if (bound && variant)
        sb_printf(out, _("Model %s (scenario of %s)"), bound, m->decl.name);
    else if (bound)
        sb_printf(out, _("Model %s"), bound);
    else
        sb_printf(out, _("Model %s"), m->decl.name);
    if (m->decl.title) sb_printf(out, " — %s", m->decl.title);
    sb_append(out, "\n");
    library_line(I, out);
    if (built) {
        /* made by the library that declares the model, from the user's data */
        sb_printf(out, _("Built from model %s (%s) with the data and inputs:\n"), m->decl.name,
                  m->decl.loc.file ? m->decl.loc.file : _("its library"));
        sroi_wrap_with("  { ", m->scenario, built, out);
    }
    if (variant) {
        const char *rest = m->scenario + built;
        while (built && (*rest == ',' || *rest == ' ')) rest++;
        scenario_line(rest, out);
    }
}

/* "Discount rate 3.5% a year, ...", or the schedule or "No discounting",
 * then the horizon. */
static void discount_line(Interp *I, const SroiModel *m, StrBuf *out)
{
    if (m->discounting == DISC_GREEN_BOOK) {
        sb_append(
            out,
            _("Discount rate: Green Book declining schedule (3.5% to year 30, 3% to 75, 2.5% to "
              "125, 2% to 200, 1.5% to 300, then 1%), year t multiplied by D_t from t = 1"));
    } else if (m->discounting == DISC_NONE) {
        /* No rate is applied: printing one ("4% a year, no discounting")
         * would let a reader think it was. */
        if (m->discount.given && m->central[m->n_params - 1] != 0) {
            StrBuf rate;
            sb_init(&rate);
            format_field(I, m, n_fields(m) - 1, '%', &rate);
            sb_printf(out,
                      _("No discounting (discounting = \"none\"): the discount rate of %s set in "
                        "the model is not applied"),
                      rate.data ? rate.data : "");
            sb_free(&rate);
        } else {
            sb_append(out, _("No discounting (discounting = \"none\")"));
        }
    } else {
        StrBuf rate;
        sb_init(&rate);
        format_field(I, m, n_fields(m) - 1, '%', &rate);
        sb_printf(out, _("Discount rate %s a year, %s"), rate.data,
                  discounting_words(m->discounting));
        sb_free(&rate);
    }
    if (m->horizon) sb_printf(out, _(", horizon %d years"), m->horizon);
    sb_append(out, "\n");
}

/* The Results rows: totals, ratios and payback (the inputs' present value
 * only when some input is paid in a later year). */
static void results_rows(Interp *I, const SroiModel *m, StrBuf *out)
{
    bool multi_year_inputs = false;
    for (size_t j = 0; j < m->n_inputs; j++) multi_year_inputs |= m->inputs[j].year != 0;
    Figure shown[SROI_RESULT_COUNT];
    size_t n_shown = 0;
    for (int k = 0; k < SROI_RESULT_COUNT; k++) {
        const SroiResultRow *row = &SROI_RESULTS[k];
        if (k != SROI_RESULT_INPUTS_PV || multi_year_inputs)
            shown[n_shown++] = (Figure){ row->label, row->pick, NULL, row->kind, row->years };
    }
    figure_rows(I, m, shown, n_shown, out);
}

void sroi_report_text(Interp *I, const SroiModel *m, StrBuf *out)
{
    model_heading(I, m, out);
    discount_line(I, m, out);
    if (m->n_samples)
        sb_printf(out, _("Uncertain figures: median (90%% interval) over %zu samples\n"),
                  m->n_samples);
    int threshold = sroi_report_min_cell(I, m);
    if (threshold < SMALL_GROUP_DEFAULT)
        /* a lowered threshold must travel with the figures it lets through */
        sb_printf(out,
                  _("Small groups: threshold lowered to %d (default %d): figures about fewer than "
                    "%d people may be shown here; check them before publishing\n"),
                  threshold, SMALL_GROUP_DEFAULT, SMALL_GROUP_DEFAULT);
    sb_printf(out, "\n%s\n", _("Value map"));
    value_map_rows(I, m, out);
    sroi_report_judgements(I, m, out);
    sb_printf(out, "\n%s\n", _("Inputs"));
    inputs_rows(I, m, out);
    sroi_report_funders(I, m, out);
    sroi_assumptions_text(I, m, out);
    sb_printf(out, "\n%s\n", _("Results"));
    results_rows(I, m, out);
    sb_printf(out, "\n%s\n", _("Value per stakeholder"));
    group_rows(I, m, false, out);
    if (m->n_domains) {
        sb_printf(out, "\n%s\n", _("Value per domain"));
        group_rows(I, m, true, out);
    }
}

/* ---- valuemap(M): the SVI columns as a table ----------------------------------------- */

typedef struct TableBuilder {
    Value table;
    size_t nrows;
} TableBuilder;

static void text_column(TableBuilder *t, const char *name, const char *const *cells)
{
    Value col = value_column_new(COL_TEXT, t->nrows);
    ColumnObj *c = as_column(col);
    for (size_t r = 0; r < t->nrows; r++)
        c->codes[r] = cells[r] ? strdict_intern(c->dict, cells[r], strlen(cells[r])) : -1;
    table_add_column(t->table, name, col);
}

static void num_column(TableBuilder *t, const char *name, const double *cells, Dim dim)
{
    Value col = value_column_new(COL_NUM, t->nrows);
    memcpy(as_column(col)->num, cells, sizeof(double) * t->nrows);
    col.dim = dim;
    table_add_column(t->table, name, col);
}

/* A numeric column of the value map from one figure per row (row r at
 * f[r * stride]).  When some row's figure is uncertain, the column is
 * written as three, NAME_median, NAME_p5 and NAME_p95 (the 90% interval), so
 * that a saved table says what its numbers are. */
static void figure_columns(TableBuilder *t, const char *name, const SroiFigure *f, size_t stride,
                           Dim dim, double *buf)
{
    bool varies = false;
    for (size_t r = 0; r < t->nrows; r++) {
        const SroiFigure *x = &f[r * stride];
        varies |= !(x->constant && x->kept == x->n);
    }
    static const char *const suffix[3] = { "_median", "_p5", "_p95" };
    for (int q = 0; q < (varies ? 3 : 1); q++) {
        for (size_t r = 0; r < t->nrows; r++) {
            const SroiFigure *x = &f[r * stride];
            buf[r] = x->kept == 0 ? NAN : x->constant && x->kept == x->n ? x->first : x->q[q];
        }
        char col[64];
        snprintf(col, sizeof col, "%s%s", name, varies ? suffix[q] : "");
        num_column(t, col, buf, dim);
    }
}

bool sroi_valuemap_table(Interp *I, const SroiModel *m, Value *out)
{
    size_t n = m->n_outcomes;
    TableBuilder t = { value_table_new(20), n };
    const char **txt = calloc(n + 1, sizeof(char *));
    double *num = calloc(n + 1, sizeof(double));
    const SroiFigure *ff = field_figures(m);
    SroiFigure *impact = calloc(n + 1, sizeof *impact), *pv = calloc(n + 1, sizeof *pv);
    bool *ok = calloc(n + 1, sizeof *ok), fine = txt && num && ff && impact && pv && ok;
    if (!fine) rt_out_of_memory();
    /* Results: the medians of each result's samples, like the text report
     * (the result at the central values would differ from them). */
    if (fine) outcome_figures(I, m, impact, pv, ok);
    for (size_t i = 0; fine && i < n; i++) fine = ok[i];
    if (!fine) {
        free(txt);
        free(num);
        free(impact);
        free(pv);
        free(ok);
        value_release(t.table);
        return rt_raise(I, m->decl.loc,
                        _("valuemap: not enough memory for the value map of model '%s'"),
                        m->decl.name);
    }
    Dim none = { { 0 } }, years = dim_time(I);
#define TEXT_COL(title, expr)                                                                      \
    do {                                                                                           \
        for (size_t i = 0; i < n; i++) {                                                           \
            const SroiOutcome *o = &m->outcomes[i];                                                \
            (void)o;                                                                               \
            txt[i] = (expr);                                                                       \
        }                                                                                          \
        text_column(&t, title, txt);                                                               \
    } while (0)
#define FIELD_COL(title, k, dim) figure_columns(&t, title, ff + (k), OF_COUNT, dim, num)
    TEXT_COL("stakeholder", m->stakeholders[o->stakeholder].name);
    TEXT_COL("outcome", o->name);
    TEXT_COL("description", o->label);
    TEXT_COL(SROI_TEXT_FIELDS[OT_INDICATOR], o->text[OT_INDICATOR]);
    TEXT_COL(SROI_TEXT_FIELDS[OT_SOURCE], o->text[OT_SOURCE]);
    FIELD_COL(SROI_FIELDS[OF_QUANTITY].name, OF_QUANTITY, none);
    FIELD_COL(SROI_FIELDS[OF_DURATION].name, OF_DURATION, years);
    for (size_t i = 0; i < n; i++) num[i] = m->outcomes[i].start;
    num_column(&t, "start", num, none);
    FIELD_COL(SROI_FIELDS[OF_PROXY].name, OF_PROXY, m->money);
    TEXT_COL(SROI_TEXT_FIELDS[OT_PROXY_SOURCE], o->text[OT_PROXY_SOURCE]);
    FIELD_COL(SROI_FIELDS[OF_DEADWEIGHT].name, OF_DEADWEIGHT, none);
    FIELD_COL(SROI_FIELDS[OF_DISPLACEMENT].name, OF_DISPLACEMENT, none);
    FIELD_COL(SROI_FIELDS[OF_ATTRIBUTION].name, OF_ATTRIBUTION, none);
    FIELD_COL(SROI_FIELDS[OF_LEAKAGE].name, OF_LEAKAGE, none);
    FIELD_COL(SROI_FIELDS[OF_DROPOFF].name, OF_DROPOFF, none);
    figure_columns(&t, "impact", impact, 1, m->money, num);
    figure_columns(&t, "present_value", pv, 1, m->money, num);
    TEXT_COL(SROI_TEXT_FIELDS[OT_AREA], o->text[OT_AREA]);
    TEXT_COL(SROI_TEXT_FIELDS[OT_EVIDENCE], o->text[OT_EVIDENCE]);
    /* the reviewer's columns (docs/METHOD.md §1.12) */
    TEXT_COL(SROI_JUDGEMENTS[OJ_MATERIAL].name, sroi_is_material(o) ? "true" : "false");
    TEXT_COL(SROI_TEXT_FIELDS[OT_MATERIAL_REASON], o->text[OT_MATERIAL_REASON]);
    TEXT_COL(SROI_JUDGEMENTS[OJ_PROXY_EVIDENCE].name, sroi_grade_text(o, OJ_PROXY_EVIDENCE));
    TEXT_COL(SROI_JUDGEMENTS[OJ_QUANTITY_EVIDENCE].name, sroi_grade_text(o, OJ_QUANTITY_EVIDENCE));
    static const char *const distance_cols[2] = { "distance_before", "distance_after" };
    for (int c = 0; c < 2; c++) {
        for (size_t i = 0; i < n; i++) num[i] = m->outcomes[i].judgement[OJ_DISTANCE].distance[c];
        num_column(&t, distance_cols[c], num, none);
    }
#undef TEXT_COL
#undef FIELD_COL
    free(txt);
    free(num);
    free(impact);
    free(pv);
    free(ok);
    *out = t.table;
    return true;
}
