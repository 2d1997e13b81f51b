/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_model_json.c — a model as the JSON object of `impact run --format json`
 * (SPEC.md, "JSON output").
 *
 * Contract: sroi_model_json() gives the model's results, outcomes,
 * stakeholders, inputs and domains as numbers (an uncertain figure as its
 * median, 90% interval and sample count), each figure computed as the text
 * report computes it; a missing figure is null, never NaN.  Numbers and
 * spreads are written by stdlib/core/json.c (json_number, json_spread), as
 * every JSON output's.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lang/utf8.h"
#include "runtime/mem.h"
#include "stdlib/core/json.h"
#include "stdlib/core/text_grid.h"
#include "stdlib/stdlib.h"
#include "stdlib/sroi/report.h"
#include "stdlib/stats/summary.h"

/* A plain number, or {"mean","sd","p5","p50","p95"} for samples (population
 * sd, numpy's linear-interpolation quantiles), from the figure's summary;
 * samples that are NaN (no payback) are left out of the summary. */
static struct json_object *json_summary(const SroiFigure *f)
{
    if (f->kept == 0) return NULL;
    if (f->constant && f->kept == f->n) return json_number(f->first); /* not uncertain */
    return json_spread(&(JsonSpread){ f->mean, f->sd, f->q[1], f->q[0], f->q[2], f->n - f->kept });
}

/* count arrays of n samples as JSON figures, summarised side by side. */
static void json_figures(const double *const *vals, size_t count, size_t n,
                         struct json_object **out)
{
    SroiFigure f[count + 1];
    sroi_figure_moments(vals, count, n, f);
    for (size_t j = 0; j < count; j++) out[j] = json_summary(&f[j]);
}

static struct json_object *json_figure(const double *vals, size_t n)
{
    struct json_object *o;
    json_figures(&vals, 1, n, &o);
    return o;
}

static struct json_object *json_value(Value v)
{
    if (v.kind != V_DIST) return json_number(v.as.num);
    double *owned; /* a field drawn on demand is read, not kept */
    struct json_object *o = json_figure(dist_borrow(as_dist(v), &owned), as_dist(v)->n);
    free(owned);
    return o;
}

/* Field j of the model (value v) as JSON: from the report's one pass when
 * it streams, else from its samples. */
static struct json_object *json_field(const SroiModel *m, size_t j, Value v)
{
    SroiFigure f;
    if (v.kind == V_DIST && sroi_streamed_field(m, j, true, &f)) return json_summary(&f);
    return json_value(v);
}

/* Outcome i's fields (fields[k]), gross, impact, present value and yearly
 * values into figs, from the report's one pass; false when it does not
 * stream (some figure not found). */
static bool outcome_streamed(const SroiModel *m, size_t i, const int *fields,
                             struct json_object **figs)
{
    size_t ny = (size_t)m->max_years, k = 0;
    SroiFigure f[OF_COUNT + 3 + ny];
    bool ok = true;
    for (int j = 0; ok && j < OF_COUNT; j++) {
        Value v = m->outcomes[i].f[fields[j]].v;
        if (v.kind == V_DIST) ok = sroi_streamed_field(m, i * OF_COUNT + fields[j], true, &f[k++]);
    }
    static const SroiOutcomePart parts[3] = { SROI_PART_GROSS, SROI_PART_IMPACT, SROI_PART_PV };
    for (int j = 0; ok && j < 3; j++) ok = sroi_streamed_outcome(m, i, parts[j], 0, true, &f[k++]);
    for (size_t t = 1; ok && t <= ny; t++)
        ok = sroi_streamed_outcome(m, i, SROI_PART_YEAR, (int)t, true, &f[k++]);
    for (size_t j = 0; ok && j < k; j++) figs[j] = json_summary(&f[j]);
    return ok;
}

static struct json_object *json_text(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

/* The same from the outcome's whole arrays: the uncertain fields, gross,
 * impact and present value summarised side by side, then the yearly
 * values, in two passes when they are many (sroi_report_batch); a field
 * drawn on demand one at a time, not kept (into drawn[k], at[k] then -1). */
static void outcome_arrays_json(Interp *I, const SroiModel *m, size_t i, const int *fields, int *at,
                                struct json_object **drawn, struct json_object **figs)
{
    const SroiOutcome *o = &m->outcomes[i];
    size_t ny = (size_t)m->max_years, nv = 0, na = 0, place[OF_COUNT];
    bool together = 3 + ny <= sroi_report_batch(m);
    SroiOutcomeArrays a, y;
    /* their only failure; a JSON without figures would hide it */
    unsigned first =
        SROI_ARRAY_GROSS | SROI_ARRAY_IMPACT | SROI_ARRAY_PV | (together ? SROI_ARRAY_YEARS : 0);
    if (!sroi_outcome_arrays(I, m, i, first, &a)) rt_out_of_memory();
    const double *vals[OF_COUNT + 3 + ny];
    struct json_object *got[OF_COUNT + 3 + ny];
    for (int k = 0; k < OF_COUNT; k++) {
        Value v = o->f[fields[k]].v;
        if (v.kind != V_DIST) continue;
        nv++;
        if (dist_on_demand(as_dist(v))) { /* one at a time, not kept */
            drawn[k] = json_value(v);
            at[k] = -1;
        } else {
            place[na] = (size_t)at[k];
            vals[na++] = dist_samples(as_dist(v));
        }
    }
    size_t count = na;
    vals[count++] = a.gross;
    vals[count++] = a.impact;
    vals[count++] = a.pv;
    for (size_t t = 1; together && t <= ny; t++) vals[count++] = a.values[t];
    json_figures(vals, count, a.n, got);
    sroi_outcome_arrays_free(m, &a);
    for (size_t j = 0; j < na; j++) figs[place[j]] = got[j];
    for (size_t j = na; j < count; j++) figs[nv + j - na] = got[j];
    if (!together) {
        if (!sroi_outcome_arrays(I, m, i, SROI_ARRAY_YEARS, &y)) rt_out_of_memory();
        json_figures((const double *const *)y.values + 1, ny, y.n, figs + nv + 3);
        sroi_outcome_arrays_free(m, &y);
    }
}

static struct json_object *json_outcome(Interp *I, const SroiModel *m, size_t i)
{
    const SroiOutcome *o = &m->outcomes[i];
    struct json_object *j = json_object_new_object();
    json_object_object_add(j, "name", json_text(o->name));
    json_object_object_add(j, "label", json_text(o->label));
    json_object_object_add(j, "stakeholder", json_text(m->stakeholders[o->stakeholder].name));
    /* every number of sroi_fields.h, in the order JSON readers have known */
    static const int fields[OF_COUNT] = { OF_QUANTITY,   OF_PROXY,       OF_DURATION,
                                          OF_DEADWEIGHT, OF_ATTRIBUTION, OF_DISPLACEMENT,
                                          OF_DROPOFF,    OF_LEAKAGE };
    /* the uncertain fields (figs[at[k]]), then gross, impact, present value
     * and the yearly values: from the report's one pass, or else from the
     * outcome's whole arrays */
    size_t ny = (size_t)m->max_years, nv = 0;
    struct json_object *figs[OF_COUNT + 3 + ny];
    int at[OF_COUNT];
    struct json_object *drawn[OF_COUNT] = { 0 };
    for (int k = 0; k < OF_COUNT; k++) at[k] = o->f[fields[k]].v.kind == V_DIST ? (int)nv++ : -1;
    size_t arrays = nv;
    if (!outcome_streamed(m, i, fields, figs))
        outcome_arrays_json(I, m, i, fields, at, drawn, figs);
    for (int k = 0; k < OF_COUNT; k++)
        json_object_object_add(j, SROI_FIELDS[fields[k]].name,
                               at[k] >= 0     ? figs[at[k]]
                                   : drawn[k] ? drawn[k]
                                              : json_number(o->f[fields[k]].v.as.num));
    json_object_object_add(j, "start", json_object_new_int(o->start));
    json_object_object_add(j, "gross", figs[arrays]);
    json_object_object_add(j, "impact", figs[arrays + 1]);
    json_object_object_add(j, "present_value", figs[arrays + 2]);
    struct json_object *years = json_object_new_array();
    for (size_t t = 0; t < ny; t++) json_object_array_add(years, figs[arrays + 3 + t]);
    json_object_object_add(j, "values", years);
    for (int k = 0; k < OT_COUNT; k++)
        if (o->text[k]) json_object_object_add(j, SROI_TEXT_FIELDS[k], json_text(o->text[k]));
    /* material always; a grade or a distance when given (docs/METHOD.md §1.12) */
    json_object_object_add(j, "material", json_object_new_boolean(sroi_is_material(o)));
    for (int k = OJ_MATERIAL + 1; k < OJ_COUNT; k++) {
        const SroiJudgement *jd = &o->judgement[k];
        if (!jd->given) continue;
        if (SROI_JUDGEMENTS[k].kind == SROI_GRADE) {
            json_object_object_add(j, SROI_JUDGEMENTS[k].name, json_text(sroi_grade_text(o, k)));
            continue;
        }
        struct json_object *d = json_object_new_object();
        const char *keys[4] = { "before", "after", "scale_min", "scale_max" };
        for (int c = 0; c < 4; c++)
            json_object_object_add(d, keys[c], json_number(jd->distance[c]));
        json_object_object_add(j, SROI_JUDGEMENTS[k].name, d);
    }
    return j;
}

/* ms: each stakeholder's present value and share, in turn. */
static struct json_object *json_stakeholders(const SroiModel *m, struct json_object *const *ms)
{
    struct json_object *st = json_object_new_array();
    for (size_t k = 0; k < m->n_stakeholders; k++) {
        struct json_object *s = json_object_new_object();
        json_object_object_add(s, "name", json_text(m->stakeholders[k].name));
        json_object_object_add(s, "present_value", ms[2 * k]);
        json_object_object_add(s, "label", json_text(m->stakeholders[k].label));
        json_object_object_add(s, "share", ms[2 * k + 1]);
        json_object_array_add(st, s);
    }
    return st;
}

static struct json_object *json_inputs(const SroiModel *m)
{
    struct json_object *ins = json_object_new_array();
    for (size_t k = 0; k < m->n_inputs; k++) {
        const SroiInput *in = &m->inputs[k];
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_text(in->name));
        json_object_object_add(o, "label", json_text(in->label));
        json_object_object_add(o, "amount",
                               json_field(m, m->n_outcomes * OF_COUNT + k, in->amount.v));
        if (in->funder) json_object_object_add(o, "funder", json_text(in->funder));
        json_object_object_add(o, "in_kind", json_object_new_boolean(in->in_kind));
        json_object_object_add(o, "year", json_object_new_int(in->year));
        if (in->stakeholder >= 0)
            json_object_object_add(o, "stakeholder",
                                   json_text(m->stakeholders[in->stakeholder].name));
        if (!isnan(in->hours)) json_object_object_add(o, "hours", json_number(in->hours));
        if (!in->valued) json_object_object_add(o, "valued", json_object_new_boolean(false));
        json_object_array_add(ins, o);
    }
    return ins;
}

/* ms: each domain's present value. */
static struct json_object *json_domains(const SroiModel *m, struct json_object *const *ms)
{
    struct json_object *ds = json_object_new_array();
    for (size_t k = 0; k < m->n_domains; k++) {
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_text(m->domains[k]));
        json_object_object_add(o, "present_value", ms[k]);
        json_object_array_add(ds, o);
    }
    return ds;
}

/* Fields beyond the sketch's. */
/* The funders (report_funders.c), only when the model has some: each one's
 * inputs, value per unit of them and the value funder_share attributes. */
static void funders_json(Interp *I, const SroiModel *m, struct json_object *j)
{
    json_object_object_add(j, "funder_share",
                           json_object_new_string(SROI_FUNDER_SHARE_NAMES[m->funder_share]));
    struct json_object *list = json_object_new_array();
    for (size_t k = 0; k < m->n_funders; k++) {
        SroiFunderArrays a;
        if (!sroi_funder_arrays(I, m, k, &a)) {
            interp_clear_error(I);
            continue;
        }
        struct json_object *o = json_object_new_object();
        json_object_object_add(
            o, "name", m->funders[k].name ? json_object_new_string(m->funders[k].name) : NULL);
        json_object_object_add(o, "inputs_present_value", json_figure(a.inputs, a.n));
        json_object_object_add(o, "value_per_unit", json_figure(a.per_unit, a.n));
        if (m->funder_share != FUNDER_SHARE_NONE) {
            json_object_object_add(o, "value", json_figure(a.value, a.n));
            json_object_object_add(o, "ratio", json_figure(a.ratio, a.n));
        }
        json_object_array_add(list, o);
        sroi_funder_arrays_free(&a);
    }
    json_object_object_add(j, "funders", list);
}

/* The model's totals, in the order they are written: key, where (the
 * model's object before its stakeholders, after its outcomes, or its
 * payback_months), and the figure (what it picks from each sample, times
 * scale).  Then json_total_list() adds each stakeholder's value and share,
 * then each domain's value. */
enum { AT_HEAD, AT_TAIL, AT_PAYBACK };
static const struct {
    const char *key;
    int at;
    SroiTotalFigure figure;
} TOTALS[] = {
    { "inputs", AT_HEAD, { sroi_pick_inputs, NULL, false, 1 } },
    { "present_value", AT_HEAD, { sroi_pick_pv, NULL, false, 1 } },
    { "npv", AT_HEAD, { sroi_pick_npv, NULL, false, 1 } },
    { "sroi", AT_HEAD, { sroi_pick_ratio, NULL, false, 1 } },
    { "payback_years", AT_HEAD, { sroi_pick_payback_guide, NULL, false, 1.0 / 12 } },
    { "inputs_present_value", AT_TAIL, { sroi_pick_inputs_pv, NULL, false, 1 } },
    { "net_sroi", AT_TAIL, { sroi_pick_net, NULL, false, 1 } },
    { "positive_value", AT_TAIL, { sroi_pick_positive, NULL, false, 1 } },
    { "negative_value", AT_TAIL, { sroi_pick_negative, NULL, false, 1 } },
    { "guide", AT_PAYBACK, { sroi_pick_payback_guide, NULL, false, 1 } },
    { "year1", AT_PAYBACK, { sroi_pick_payback_year1, NULL, false, 1 } },
    { "discounted", AT_PAYBACK, { sroi_pick_payback_discounted, NULL, true, 1 } },
};
#define N_TOTALS (sizeof TOTALS / sizeof TOTALS[0])

/* Adds to o the totals written `at` there (ms: json_total_list()'s figures). */
static void add_totals(struct json_object *o, struct json_object *const *ms, int at)
{
    for (size_t k = 0; k < N_TOTALS; k++)
        if (TOTALS[k].at == at) json_object_object_add(o, TOTALS[k].key, ms[k]);
}

/* Every figure of the totals the JSON shows, computed together (idx: the
 * group indices the stakeholders' and domains' picks point at), as JSON. */
static struct json_object **json_total_list(Interp *I, const SroiModel *m, size_t *idx)
{
    size_t ns = m->n_stakeholders, n = N_TOTALS + 2 * ns + m->n_domains;
    SroiTotalFigure *f = xcalloc(n, sizeof *f);
    for (size_t k = 0; k < N_TOTALS; k++) f[k] = TOTALS[k].figure;
    for (size_t k = 0; k < ns || k < m->n_domains; k++) idx[k] = k;
    for (size_t k = 0; k < ns; k++) {
        f[N_TOTALS + 2 * k] = (SroiTotalFigure){ sroi_pick_stakeholder, &idx[k], false, 1 };
        f[N_TOTALS + 2 * k + 1] = (SroiTotalFigure){ sroi_pick_share, &idx[k], false, 1 };
    }
    for (size_t k = 0; k < m->n_domains; k++)
        f[N_TOTALS + 2 * ns + k] = (SroiTotalFigure){ sroi_pick_domain, &idx[k], false, 1 };
    SroiFigure *sums = xcalloc(n, sizeof *sums);
    sroi_total_figures(I, m, f, n, true, sums);
    struct json_object **out = xcalloc(n, sizeof *out);
    for (size_t j = 0; j < n; j++) out[j] = json_summary(&sums[j]);
    free(sums);
    free(f);
    return out;
}

static void json_additions(Interp *I, const SroiModel *m, struct json_object *const *ms,
                           struct json_object *j)
{
    const char *const *conv = SROI_DISCOUNTING_NAMES;
    json_object_object_add(j, "discounting", json_object_new_string(conv[m->discounting]));
    if (m->scenario) json_object_object_add(j, "scenario", json_text(m->scenario));
    add_totals(j, ms, AT_TAIL);
    struct json_object *pb = json_object_new_object();
    add_totals(pb, ms, AT_PAYBACK);
    json_object_object_add(j, "payback_months", pb);
    json_object_object_add(j, "input_list", json_inputs(m));
    if (m->n_domains)
        json_object_object_add(j, "domains",
                               json_domains(m, ms + N_TOTALS + 2 * m->n_stakeholders));
    if (sroi_has_funders(m)) funders_json(I, m, j);
}

struct json_object *sroi_model_json(Interp *I, const SroiModel *m)
{
    struct json_object *j = json_object_new_object();
    /* A scenario is named by its binding (`let pess = m with {...}`), its
     * base model in "model". */
    const char *bound = sroi_binding_name(I, m);
    json_object_object_add(j, "name", json_text(bound ? bound : m->decl.name));
    if (bound) json_object_object_add(j, "model", json_text(m->decl.name));
    json_object_object_add(j, "title", json_text(m->decl.title ? m->decl.title : ""));
    StrBuf cur;
    sb_init(&cur);
    dim_format(I, m->money, &cur);
    json_object_object_add(j, "currency", json_object_new_string(cur.data ? cur.data : ""));
    sb_free(&cur);
    /* the rate applied: 0 when discounting = "none", whatever rate is written */
    json_object_object_add(
        j, "discount",
        m->discounting == DISC_NONE
            ? json_number(0)
            : json_field(m, m->n_outcomes * OF_COUNT + m->n_inputs, m->discount.v));
    json_object_object_add(j, "min_cell", json_object_new_int(sroi_report_min_cell(I, m)));
    size_t idx[m->n_stakeholders + m->n_domains + 1];
    struct json_object **ms = json_total_list(I, m, idx);
    add_totals(j, ms, AT_HEAD);
    json_object_object_add(j, "stakeholders", json_stakeholders(m, ms + N_TOTALS));
    struct json_object *oc = json_object_new_array();
    for (size_t i = 0; i < m->n_outcomes; i++) json_object_array_add(oc, json_outcome(I, m, i));
    json_object_object_add(j, "outcomes", oc);
    json_additions(I, m, ms, j);
    free(ms);
    if (m->decl.n_assumes) json_object_object_add(j, "assumptions", sroi_assumptions_json(I, m));
    return j;
}
