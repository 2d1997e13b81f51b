/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_data.c — the figures of a report file, computed once (see
 * report_data.h for what they are and why the central point). */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/mem.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/data/table.h"
#include "stdlib/uncertainty/tornado.h"
#include "stdlib/report/report_data.h"

/* ---- figures as the report writes them ----------------------------------------- */

void report_money(const ReportData *d, double v, StrBuf *b)
{
    double x = v / d->money_divisor;
    if (isnan(v))
        sb_append(b, "\xE2\x80\x94"); /* — */
    else if (d->money_divisor != 1)
        numfmt_fixed(b, x, x == 0 ? 0 : 1, d->lang);
    else if (fabs(x) >= 1000)
        numfmt_fixed(b, x, 0, d->lang);
    else
        numfmt_general(b, x, 6, d->lang);
    if (isnan(v)) return;
    sb_append(b, numfmt_unit_space(d->lang));
    sb_append(b, d->money_unit);
}

void report_percent(const ReportData *d, double v, StrBuf *b)
{
    if (isnan(v))
        sb_append(b, "\xE2\x80\x94");
    else
        numfmt_percent(b, v, 1, d->lang);
}

void report_ratio(const ReportData *d, double v, StrBuf *b)
{
    if (isnan(v))
        sb_append(b, "\xE2\x80\x94");
    else
        numfmt_fixed(b, v, 2, d->lang);
}

void report_number(const ReportData *d, double v, StrBuf *b)
{
    if (isnan(v))
        sb_append(b, "\xE2\x80\x94");
    else
        numfmt_general(b, v, 6, d->lang);
}

/* ---- the value map at the central point ------------------------------------------- */

static const char *text_or_empty(const char *s)
{
    return s ? s : "";
}

static bool build_outcomes(Interp *I, ReportData *d, const double *x, const double *leak)
{
    const SroiModel *m = d->m;
    d->n_outcomes = m->n_outcomes;
    d->outcomes = xcalloc(m->n_outcomes + 1, sizeof *d->outcomes);
    d->year_totals = xcalloc((size_t)d->n_years + 1, sizeof(double));
    d->year_totals_pv = xcalloc((size_t)d->n_years + 1, sizeof(double));
    double *values = xcalloc((size_t)d->n_years + 2, sizeof(double));
    double *pv_values = xcalloc((size_t)d->n_years + 2, sizeof(double));
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        ReportOutcome *r = &d->outcomes[i];
        const double *f = x + i * OF_PARAMS;
        SroiOutcomeResult res = { .values = values, .pv_values = pv_values };
        memset(values, 0, ((size_t)d->n_years + 2) * sizeof(double));
        memset(pv_values, 0, ((size_t)d->n_years + 2) * sizeof(double));
        sroi_eval_outcome(m, x, leak, i, &res);
        r->stakeholder = m->stakeholders[o->stakeholder].name;
        r->stakeholder_label = text_or_empty(m->stakeholders[o->stakeholder].label);
        r->name = o->name;
        r->label = text_or_empty(o->label);
        r->indicator = text_or_empty(o->text[OT_INDICATOR]);
        r->source = text_or_empty(o->text[OT_SOURCE]);
        r->proxy_source = text_or_empty(o->text[OT_PROXY_SOURCE]);
        r->domain = text_or_empty(o->text[OT_AREA]);
        r->evidence = text_or_empty(o->text[OT_EVIDENCE]);
        r->material = sroi_is_material(o);
        r->material_reason = text_or_empty(o->text[OT_MATERIAL_REASON]);
        /* in the report's language, like every word of a report */
        r->proxy_evidence = sroi_grade_words(o, OJ_PROXY_EVIDENCE);
        r->quantity_evidence = sroi_grade_words(o, OJ_QUANTITY_EVIDENCE);
        memcpy(r->distance, o->judgement[OJ_DISTANCE].distance, sizeof r->distance);
        r->quantity = f[OF_QUANTITY];
        r->proxy = f[OF_PROXY];
        r->duration = f[OF_DURATION];
        r->start = o->start;
        r->deadweight = f[OF_DEADWEIGHT];
        r->displacement = f[OF_DISPLACEMENT];
        r->attribution = f[OF_ATTRIBUTION];
        r->leakage = leak[i];
        r->dropoff = f[OF_DROPOFF];
        r->profile = o->profile != NULL;
        r->impact = res.impact;
        r->present_value = res.pv;
        r->years = xcalloc((size_t)d->n_years + 1, sizeof(double));
        r->years_pv = xcalloc((size_t)d->n_years + 1, sizeof(double));
        for (int t = 1; t <= d->n_years; t++) {
            r->years[t - 1] = values[t];
            r->years_pv[t - 1] = pv_values[t];
            if (!r->material) continue; /* listed, left out of the totals */
            d->year_totals[t - 1] += values[t];
            d->year_totals_pv[t - 1] += pv_values[t];
        }
        StrBuf b;
        sb_init(&b);
        if (!sroi_explain_outcome(I, m, i, &b)) interp_clear_error(I); /* no trail: no text */
        r->explain = b.data ? sb_take(&b) : xstrdup("");
    }
    free(values);
    free(pv_values);
    return true;
}

/* ---- inputs, funders, stakeholders, domains ------------------------------------------ */

static void build_inputs(ReportData *d, const double *x)
{
    const SroiModel *m = d->m;
    d->n_inputs = m->n_inputs;
    d->inputs = xcalloc(m->n_inputs + 1, sizeof *d->inputs);
    for (size_t j = 0; j < m->n_inputs; j++) {
        const SroiInput *in = &m->inputs[j];
        ReportInput *r = &d->inputs[j];
        r->name = in->name;
        r->label = text_or_empty(in->label);
        r->funder = text_or_empty(in->funder);
        r->in_kind = in->in_kind;
        r->year = in->year;
        r->amount = x[m->n_outcomes * OF_PARAMS + j];
        r->stakeholder = in->stakeholder >= 0 ? m->stakeholders[in->stakeholder].name : "";
        r->hours = in->hours;
        r->valued = in->valued;
    }
}

/* Each funder at the central point, and in words what its figure divides. */
/* The value map's Inputs column: what each row's stakeholder puts in, in
 * words ("Temps bénévole (13 500 €, 900 hours)"). */
static void build_outcome_inputs(ReportData *d)
{
    const SroiModel *m = d->m;
    for (size_t i = 0; i < d->n_outcomes; i++) {
        StrBuf b;
        sb_init(&b);
        for (size_t j = 0; j < m->n_inputs; j++) {
            const SroiInput *in = &m->inputs[j];
            if (in->stakeholder != m->outcomes[i].stakeholder) continue;
            if (b.len) sb_append(&b, "; ");
            sb_append(&b, in->label);
            StrBuf what;
            sb_init(&what);
            if (in->valued) report_money(d, d->inputs[j].amount, &what);
            if (!isnan(in->hours)) {
                StrBuf h;
                sb_init(&h);
                report_number(d, in->hours, &h);
                if (what.len) sb_append(&what, ", ");
                sb_printf(&what, _("%s hours"), h.data);
                sb_free(&h);
            }
            if (what.len) sb_printf(&b, " (%s)", what.data);
            sb_free(&what);
        }
        d->outcomes[i].inputs = b.data ? sb_take(&b) : xstrdup("");
    }
}

static void build_funders(ReportData *d, const double *x)
{
    const SroiModel *m = d->m;
    d->funder_share = SROI_FUNDER_SHARE_NAMES[m->funder_share];
    d->funder_share_text = sroi_funder_convention_text(m);
    d->n_funders = m->n_funders;
    d->funders = xcalloc(m->n_funders + 1, sizeof *d->funders);
    StrBuf in_share, value_share, words;
    sb_init(&in_share);
    sb_init(&value_share);
    sb_init(&words);
    for (size_t k = 0; k < m->n_funders; k++) {
        SroiFunderPoint p;
        sroi_funder_point(m, x, k, &p);
        ReportFunder *f = &d->funders[k];
        *f = (ReportFunder){
            sroi_funder_name(m, k), p.inputs_total, p.inputs_pv, p.input_share, p.per_unit,
            p.value_share,          p.value,        p.ratio,     NULL
        };
        report_percent(d, p.input_share, &in_share);
        report_percent(d, p.value_share, &value_share);
        sroi_funder_sentence(m, k, in_share.data, value_share.data, &words);
        f->sentence = sb_take(&words);
        sb_free(&in_share);
        sb_free(&value_share);
    }
    sb_free(&in_share);
    sb_free(&value_share);
}

static void build_groups(ReportData *d, const SroiTotals *t)
{
    const SroiModel *m = d->m;
    d->n_stakeholders = m->n_stakeholders;
    d->stakeholders = xcalloc(m->n_stakeholders + 1, sizeof *d->stakeholders);
    for (size_t k = 0; k < m->n_stakeholders; k++)
        d->stakeholders[k] =
            (ReportGroup){ m->stakeholders[k].name, text_or_empty(m->stakeholders[k].label),
                           t->stakeholder_pv[k],
                           d->present_value != 0 ? t->stakeholder_pv[k] / d->present_value : NAN,
                           d->inputs_pv != 0 ? t->stakeholder_pv[k] / d->inputs_pv : NAN };
    d->n_domains = m->n_domains;
    d->domains = xcalloc(m->n_domains + 1, sizeof *d->domains);
    for (size_t k = 0; k < m->n_domains; k++)
        d->domains[k] =
            (ReportGroup){ m->domains[k], m->domains[k], t->domain_pv[k],
                           d->present_value != 0 ? t->domain_pv[k] / d->present_value : NAN, NAN };
}

const ReportFunderColumn REPORT_FUNDER_COLUMN[REPORT_FUNDER_COLUMNS] = {
    { N_("funder"), 'n', false, 0 },
    { N_("amount"), 'm', false, offsetof(ReportFunder, amount) },
    { N_("share of the inputs"), '%', false, offsetof(ReportFunder, input_share) },
    { N_("value per unit invested"), 'r', false, offsetof(ReportFunder, per_unit) },
    { N_("attributed share of the value"), '%', true, offsetof(ReportFunder, value_share) },
    { N_("attributed value"), 'm', true, offsetof(ReportFunder, value) },
    { N_("attributed value per unit invested"), 'r', true, offsetof(ReportFunder, ratio) },
    { N_("what the figure divides"), 's', false, 0 },
};

double report_funder_figure(const ReportFunder *f, const ReportFunderColumn *c)
{
    double v;
    memcpy(&v, (const char *)f + c->offset, sizeof v);
    return v;
}

const char *report_funder_text(const ReportFunder *f, const ReportFunderColumn *c)
{
    return c->kind == 'n' ? f->name : f->sentence;
}

/* The named results and result[k] are the same numbers (report_data.h): the
 * names in the order of SROI_RESULTS, with nothing between them. */
#define RESULT_AT(field, k)                                                                        \
    (offsetof(ReportData, field) - offsetof(ReportData, result) == (k) * sizeof(double))
_Static_assert(RESULT_AT(inputs_total, SROI_RESULT_INPUTS) && RESULT_AT(npv, SROI_RESULT_NPV) &&
                   RESULT_AT(ratio, SROI_RESULT_RATIO) &&
                   RESULT_AT(annual_impact, SROI_RESULT_ANNUAL) &&
                   RESULT_AT(payback_discounted, SROI_RESULT_PAYBACK_DISCOUNTED),
               "ReportData's named results are out of step with SROI_RESULTS");

static void build_results(ReportData *d, const SroiTotals *t)
{
    d->inputs_total = t->inputs_total;
    d->inputs_pv = t->inputs_pv;
    d->present_value = t->pv;
    d->npv = t->pv - t->inputs_pv;
    d->ratio = t->inputs_pv != 0 ? t->pv / t->inputs_pv : NAN;
    d->net_ratio = t->inputs_pv != 0 ? d->npv / t->inputs_pv : NAN;
    d->positive_value = t->pv_positive;
    d->negative_value = t->pv_negative;
    d->annual_impact = t->annual_impact;
    /* the three paybacks of the text report (report.c), in months */
    d->payback_guide = t->annual_impact > 0 ? t->inputs_pv / (t->annual_impact / 12) : NAN;
    d->payback_year1 = t->year1_value > 0 ? t->inputs_pv / (t->year1_value / 12) : NAN;
    d->payback_discounted = NAN;
    double cum = 0;
    for (int y = 1; y <= d->m->max_years; y++) {
        double v = t->year_pv[y];
        if (v > 0 && cum + v >= t->inputs_pv) {
            d->payback_discounted = 12.0 * ((y - 1) + (t->inputs_pv - cum) / v);
            break;
        }
        cum += v;
    }
}

/* ---- uncertain models: spreads, P(ratio < 1), histogram -------------------------------- */

static double pick_ratio(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv / t->inputs_pv;
}
static double pick_pv(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv;
}
static double pick_npv(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv - t->inputs_pv;
}

static void spread_of(const double *v, size_t n, const char *name, ReportSpread *s)
{
    double sum = 0, sq = 0;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i])) {
            sum += v[i];
            kept++;
        }
    double mean = kept ? sum / (double)kept : NAN;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i])) sq += (v[i] - mean) * (v[i] - mean);
    static const double ps[3] = { 0.05, 0.5, 0.95 };
    double q[3] = { NAN, NAN, NAN };
    sroi_quantiles_kept(v, n, ps, 3, q);
    *s = (ReportSpread){ name, mean, kept ? sqrt(sq / (double)kept) : NAN, q[0], q[1], q[2] };
}

static void histogram(ReportData *d, const double *ratio, size_t n)
{
    static const double ps[2] = { 0.005, 0.995 }; /* the far tails pile into the end bins */
    double q[2];
    sroi_quantiles_kept(ratio, n, ps, 2, q);
    d->hist_lo = q[0];
    d->hist_hi = q[1] > q[0] ? q[1] : q[0] + 1;
    size_t below = 0, kept = 0;
    double width = (d->hist_hi - d->hist_lo) / REPORT_BINS;
    for (size_t i = 0; i < n; i++) {
        if (isnan(ratio[i])) continue;
        kept++;
        below += ratio[i] < 1;
        long bin = (long)floor((ratio[i] - d->hist_lo) / width);
        if (bin < 0) bin = 0;
        if (bin >= REPORT_BINS) bin = REPORT_BINS - 1;
        d->hist[bin]++;
    }
    d->p_ratio_below_1 = kept ? (double)below / (double)kept : NAN;
}

static bool build_spreads(Interp *I, ReportData *d)
{
    size_t n = d->m->n_samples;
    double *outs[3] = { xmalloc(n * sizeof(double)), xmalloc(n * sizeof(double)),
                        xmalloc(n * sizeof(double)) };
    const SroiPick picks[3] = { pick_ratio, pick_pv, pick_npv };
    const void *ctxs[3] = { NULL, NULL, NULL };
    bool ok = sroi_collect_many(I, d->m, NULL, 3, picks, ctxs, false, outs);
    if (ok) {
        spread_of(outs[0], n, "ratio", &d->spreads[0]);
        spread_of(outs[1], n, "present_value", &d->spreads[1]);
        spread_of(outs[2], n, "npv", &d->spreads[2]);
        d->n_spreads = 3;
        histogram(d, outs[0], n);
    }
    for (int k = 0; k < 3; k++) free(outs[k]);
    return ok;
}

/* ---- sensitivity: the rows of tornado(M) ----------------------------------------------- */

static char *text_cell(const ColumnObj *c, size_t r)
{
    if (c->type != COL_TEXT || c->codes[r] < 0) return xstrdup("");
    return xstrdup(c->dict->strs[c->codes[r]]);
}

static double num_cell(const ColumnObj *c, size_t r)
{
    return c->type == COL_NUM ? c->num[r] : NAN;
}

/* A tornado bound in the report's language and the parameter's unit ("1,6 an",
 * "25 %", "9 000 €"): the sensitivity table's own texts are the language's
 * value syntax ("1.6 year"), the same in every language. */
static char *tornado_bound(Interp *I, const SroiModel *m, const char *name, double v)
{
    const SroiParam *params;
    size_t n = sroi_params(m, &params);
    char kind = 'n';
    for (size_t k = 0; k < n; k++) {
        if (strcmp(params[k].name, name) != 0) continue;
        switch (params[k].kind) {
        case PARAM_PROXY:
        case PARAM_INPUT: kind = 'm'; break;
        case PARAM_DURATION: kind = 'y'; break;
        case PARAM_QUANTITY: kind = 'n'; break;
        default: kind = '%'; break;
        }
    }
    StrBuf b;
    sb_init(&b);
    sroi_format_figure(I, m, &v, 1, kind, &b);
    return sb_take(&b);
}

static void build_tornado(Interp *I, ReportData *d)
{
    Value table = value_nil();
    if (!sens_tornado(I, d->m, 0.20, (SrcLoc){ 0 }, &table) || table.kind != V_TABLE) {
        interp_clear_error(I); /* a model without parameters to vary has no tornado */
        value_release(table);
        return;
    }
    const TableObj *t = as_table(table);
    int col[6];
    static const char *const names[6] = { "parameter", "low_value",  "high_value",
                                          "ratio_low", "ratio_high", "swing" };
    for (int k = 0; k < 6; k++) col[k] = table_find_column_loose(t, names[k]);
    for (int k = 0; k < 6; k++)
        if (col[k] < 0) {
            value_release(table);
            return;
        }
    d->tornado = xcalloc(t->nrows + 1, sizeof *d->tornado);
    d->unmoved = xcalloc(t->nrows + 1, sizeof *d->unmoved);
    d->tornado_note = sens_tornado_note(I, t, 0.20);
    for (size_t r = 0; r < t->nrows; r++) {
        char *name = text_cell(t->cols[col[0]], r);
        if (sens_tornado_unmoved(t, r)) { /* its swing of 0 would read as "no effect" */
            d->unmoved[d->n_unmoved++] = name;
            continue;
        }
        d->tornado[d->n_tornado++] = (ReportTornado){
            name,
            tornado_bound(I, d->m, name, num_cell(t->cols[col[1]], r)),
            tornado_bound(I, d->m, name, num_cell(t->cols[col[2]], r)),
            num_cell(t->cols[col[3]], r),
            num_cell(t->cols[col[4]], r),
            num_cell(t->cols[col[5]], r),
        };
    }
    value_release(table);
}

/* What build_tornado() made: the rows, the names of the parameters at 0
 * and the sentence about them. */
static void free_tornado(ReportData *d)
{
    for (size_t k = 0; k < d->n_tornado; k++) {
        free(d->tornado[k].parameter);
        free(d->tornado[k].low);
        free(d->tornado[k].high);
    }
    free(d->tornado);
    for (size_t k = 0; k < d->n_unmoved; k++) free(d->unmoved[k]);
    free(d->unmoved);
    free(d->tornado_note);
}

/* ---- the libraries used ---------------------------------------------------------------------- */

/* Which library text, in which version, the figures come from: a funder's
 * report names them (SPEC.md, "Library versions"). */
static void build_libraries(Interp *I, ReportData *d)
{
    d->n_libraries = interp_library_count(I);
    d->libraries = d->n_libraries ? xcalloc(d->n_libraries, sizeof *d->libraries) : NULL;
    for (size_t i = 0; i < d->n_libraries; i++) {
        const char *shown;
        ReportLibrary *l = &d->libraries[i];
        interp_library(I, i, &l->name, &shown, &l->sha256);
        l->version = interp_library_version(I, i);
    }
}

/* ---- assumptions and their sources -------------------------------------------------------- */

static void add_assumption(ReportData *d, size_t *cap, const char *outcome, const char *field,
                           StrBuf *value, const char *source)
{
    if (d->n_assumptions == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        d->assumptions = xrealloc(d->assumptions, *cap * sizeof *d->assumptions);
    }
    StrBuf what;
    sb_init(&what);
    if (outcome)
        sb_printf(&what, "%s.%s", outcome, field);
    else
        sb_append(&what, field);
    d->assumptions[d->n_assumptions++] =
        (ReportAssumption){ sb_take(&what), value->data ? sb_take(value) : xstrdup(""),
                            text_or_empty(source), report_field_assumptions(d, outcome, field) };
}

static void build_assumptions(ReportData *d)
{
    size_t cap = 0;
    StrBuf v;
    sb_init(&v);
    for (size_t i = 0; i < d->n_outcomes; i++) {
        const ReportOutcome *o = &d->outcomes[i];
        const SroiOutcome *so = &d->m->outcomes[i];
        report_number(d, o->quantity, &v);
        add_assumption(d, &cap, o->name, "quantity", &v, o->source);
        report_money(d, o->proxy, &v);
        add_assumption(d, &cap, o->name, "proxy", &v, o->proxy_source);
        const struct {
            const char *name;
            int field;
            double value;
        } shares[] = { { "deadweight", OF_DEADWEIGHT, o->deadweight },
                       { "displacement", OF_DISPLACEMENT, o->displacement },
                       { "attribution", OF_ATTRIBUTION, o->attribution },
                       { "leakage", OF_LEAKAGE, o->leakage },
                       { "dropoff", OF_DROPOFF, o->dropoff } };
        for (size_t k = 0; k < sizeof shares / sizeof *shares; k++) {
            if (!so->f[shares[k].field].given) continue;
            report_percent(d, shares[k].value, &v);
            add_assumption(d, &cap, o->name, shares[k].name, &v, o->evidence);
        }
        report_number(d, o->duration, &v);
        add_assumption(d, &cap, o->name, "duration", &v, o->evidence);
    }
    report_percent(d, d->discount, &v);
    add_assumption(d, &cap, NULL, "discount", &v, d->discounting);
    sb_free(&v);
}

/* ---- the whole report ------------------------------------------------------------------- */

bool report_data_build(Interp *I, Value model, ReportData *d)
{
    memset(d, 0, sizeof *d);
    const SroiModel *m = sroi_model(model);
    if (!m) return rt_raise(I, (SrcLoc){ 0 }, _("this value is not a model"));
    d->m = m;
    d->lang = interp_settings(I)->language;
    const char *bound = sroi_binding_name(I, m);
    d->name = bound ? bound : m->decl.name;
    d->title = text_or_empty(m->decl.title);
    StrBuf currency;
    sb_init(&currency);
    dim_format(I, m->money, &currency);
    d->currency = currency.data ? sb_take(&currency) : xstrdup("");
    SroiMoneyDisplay md;
    sroi_money_display(I, m, &md);
    d->money_divisor = md.divisor;
    memcpy(d->money_unit, md.unit, sizeof d->money_unit);
    d->discount = m->central[m->n_params - 1];
    d->discounting = SROI_DISCOUNTING_NAMES[m->discounting];
    d->horizon = m->horizon;
    d->n_years = m->max_years;
    d->n_samples = m->n_samples;
    /* SOURCE_DATE_EPOCH (reproducible builds) fixes the date for tests */
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    d->date = (long)((epoch && *epoch ? atoll(epoch) : (long long)time(NULL)) / 86400);

    const double *x = m->central, *leak = m->leak_central;
    SroiTotals t = { 0 };
    t.stakeholder_pv = xcalloc(m->n_stakeholders + 1, sizeof(double));
    t.domain_pv = xcalloc(m->n_domains + 1, sizeof(double));
    t.year_pv = xcalloc((size_t)m->max_years + 2, sizeof(double));
    sroi_eval_totals(m, x, leak, NULL, &t);
    build_results(d, &t);
    build_groups(d, &t);
    build_inputs(d, x);
    build_funders(d, x);
    free(t.stakeholder_pv);
    free(t.domain_pv);
    free(t.year_pv);
    bool ok = build_outcomes(I, d, x, leak);
    if (ok) build_outcome_inputs(d);
    if (ok && m->n_samples) ok = build_spreads(I, d);
    if (ok) build_tornado(I, d);
    if (ok) build_assumptions(d);
    if (ok) build_libraries(I, d);
    if (ok) report_named_build(d);
    if (!ok) report_data_free(d);
    return ok;
}

void report_data_free(ReportData *d)
{
    for (size_t i = 0; i < d->n_outcomes; i++) {
        free(d->outcomes[i].years);
        free(d->outcomes[i].years_pv);
        free(d->outcomes[i].explain);
        free(d->outcomes[i].inputs);
    }
    free(d->outcomes);
    free(d->inputs);
    free(d->stakeholders);
    free(d->domains);
    for (size_t k = 0; k < d->n_funders; k++) free(d->funders[k].sentence);
    free(d->funders);
    free(d->year_totals);
    free(d->year_totals_pv);
    free_tornado(d);
    for (size_t k = 0; k < d->n_assumptions; k++) {
        free(d->assumptions[k].what);
        free(d->assumptions[k].value);
        free(d->assumptions[k].assumption);
    }
    free(d->assumptions);
    free(d->libraries);
    report_named_free(d);
    free((char *)d->currency);
    memset(d, 0, sizeof *d);
}

/* ---- named assumptions (assume NAME = ...) in the report files ------------------------- */

/* x as the report writes a number of the assumption's kind. */
static void figure(const ReportData *d, Value kind, double x, StrBuf *b)
{
    if (kind.flags & VF_PERCENT)
        report_percent(d, x, b);
    else if (dim_equal(kind.dim, d->m->money))
        report_money(d, x, b);
    else
        report_number(d, x, b);
}

static char *value_text(const ReportData *d, Value v)
{
    StrBuf b;
    sb_init(&b);
    if (v.kind == V_DIST) {
        SroiFigure f;
        double *owned; /* a field drawn on demand is read, not kept */
        sroi_figure_summary(dist_borrow(as_dist(v), &owned), as_dist(v)->n, NULL, &f);
        free(owned);
        StrBuf med, lo, hi;
        sb_init(&med);
        sb_init(&lo);
        sb_init(&hi);
        figure(d, v, f.q[0], &med);
        figure(d, v, f.q[1], &lo);
        figure(d, v, f.q[2], &hi);
        sb_printf(&b, _("%s (90%%: %s to %s)"), med.data, lo.data, hi.data);
        sb_free(&med);
        sb_free(&lo);
        sb_free(&hi);
    } else {
        figure(d, v, v.as.num, &b);
    }
    return b.data ? sb_take(&b) : xstrdup("");
}

static char *range_text(const ReportData *d, const DeclAssume *a)
{
    if (a->range.kind != V_LIST) return xstrdup("");
    StrBuf b, lo, hi;
    sb_init(&b);
    sb_init(&lo);
    sb_init(&hi);
    figure(d, a->value, as_list(a->range)->items[0].as.num, &lo);
    figure(d, a->value, as_list(a->range)->items[1].as.num, &hi);
    sb_printf(&b, _("%s to %s"), lo.data, hi.data);
    sb_free(&lo);
    sb_free(&hi);
    return sb_take(&b);
}

void report_named_build(ReportData *d)
{
    const SroiModel *m = d->m;
    size_t n = sroi_assumption_count(m);
    d->named = n ? xcalloc(n, sizeof *d->named) : NULL;
    d->n_named = n;
    for (size_t i = 0; i < n; i++) {
        const DeclAssume *a = sroi_assumption(m, i);
        ReportNamed *r = &d->named[i];
        r->name = a->name;
        r->label = a->label ? a->label : "";
        r->source = a->source ? a->source : "";
        r->value = value_text(d, a->value);
        r->range = range_text(d, a);
        StrBuf u;
        sb_init(&u);
        sroi_assumption_users(m, i, &u);
        r->used_by = u.data ? sb_take(&u) : xstrdup("");
    }
}

char *report_field_assumptions(const ReportData *d, const char *entry, const char *field)
{
    const ModelDecl *decl = &d->m->decl;
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < decl->n_entries; i++) {
        const DeclEntry *e = &decl->entries[i];
        if (entry && strcmp(e->name, entry) != 0) continue;
        const DeclField *fields = entry ? e->fields : decl->settings;
        size_t nf = entry ? e->n_fields : decl->n_settings;
        for (size_t j = 0; j < nf; j++) {
            if (strcmp(fields[j].name, field) != 0) continue;
            for (size_t k = 0; k < decl->n_assumes; k++)
                if (fields[j].uses & ((uint64_t)1 << k))
                    sb_printf(&b, "%s%s", b.len ? ", " : "", decl->assumes[k].name);
        }
        break;
    }
    return b.data ? sb_take(&b) : xstrdup("");
}

void report_named_free(ReportData *d)
{
    for (size_t i = 0; i < d->n_named; i++) {
        free(d->named[i].value);
        free(d->named[i].range);
        free(d->named[i].used_by);
    }
    free(d->named);
    d->named = NULL;
    d->n_named = 0;
}
