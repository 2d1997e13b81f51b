/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_model_json.c — a model as the JSON object of `impact run --format json`
 * (SPEC.md, "JSON output").
 *
 * Contract: sroi_model_json() gives the model's results, outcomes,
 * stakeholders, inputs and domains as numbers (an uncertain figure as its
 * median, 90% interval and sample count), each figure computed as the text
 * report computes it; a missing figure is null, never NaN.
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

static struct json_object *json_number(double v)
{
    if (!isfinite(v)) return NULL; /* null */
    if (v == floor(v) && fabs(v) < 1e15) return json_object_new_int64((int64_t)v);
    char text[40];
    for (int digits = 15; digits <= 17; digits++) { /* shortest text that reads back */
        snprintf(text, sizeof text, "%.*g", digits, v);
        if (strtod(text, NULL) == v) break;
    }
    return json_object_new_double_s(v, text);
}

/* A plain number, or {"mean","sd","p5","p50","p95"} for samples (population
 * sd, numpy's linear-interpolation quantiles); samples that are NaN (no
 * payback) are left out of the summary. */
static struct json_object *json_figure(const double *vals, size_t n)
{
    if (n <= 1) return json_number(vals[0]);
    double *c = malloc(sizeof(double) * n);
    size_t k = 0;
    for (size_t s = 0; s < n; s++)
        if (!isnan(vals[s])) c[k++] = vals[s];
    if (k == 0) {
        free(c);
        return NULL;
    }
    bool constant = true; /* not uncertain: a plain number */
    for (size_t s = 1; s < k && constant; s++) constant = sroi_same_figure(c[s], c[0]);
    if (constant && k == n) {
        double v = c[0];
        free(c);
        return json_number(v);
    }
    double mean, sd;
    summary_mean_sd_population(c, k, &mean, &sd, NULL);
    static const double ps[3] = { 0.05, 0.5, 0.95 };
    double q[3];
    sroi_quantiles(c, k, ps, 3, q);
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "mean", json_number(mean));
    json_object_object_add(o, "sd", json_number(sd));
    json_object_object_add(o, "p5", json_number(q[0]));
    json_object_object_add(o, "p50", json_number(q[1]));
    json_object_object_add(o, "p95", json_number(q[2]));
    if (k < n) /* the samples left out are counted, never silently dropped */
        json_object_object_add(o, "missing", json_object_new_int64((int64_t)(n - k)));
    free(c);
    return o;
}

static struct json_object *json_value(Value v)
{
    if (v.kind == V_DIST) return json_figure(as_dist(v)->s, as_dist(v)->n);
    return json_number(v.as.num);
}

static struct json_object *json_measure(Interp *I, const SroiModel *m, SroiPick pick,
                                        const void *ctx, bool years, double scale)
{
    size_t n = m->n_samples ? m->n_samples : 1;
    double *vals = malloc(sizeof(double) * n);
    struct json_object *o = NULL;
    if (vals && sroi_collect(I, m, NULL, pick, ctx, years, vals)) {
        for (size_t s = 0; s < n; s++) vals[s] *= scale;
        o = json_figure(vals, n);
    } else
        rt_out_of_memory(); /* its only failure; null figures would hide it */
    free(vals);
    return o;
}

static struct json_object *json_text(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
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
    for (int k = 0; k < OF_COUNT; k++)
        json_object_object_add(j, SROI_FIELDS[fields[k]].name, json_value(o->f[fields[k]].v));
    json_object_object_add(j, "start", json_object_new_int(o->start));
    SroiOutcomeArrays a;
    if (sroi_outcome_arrays(I, m, i, &a)) {
        json_object_object_add(j, "gross", json_figure(a.gross, a.n));
        json_object_object_add(j, "impact", json_figure(a.impact, a.n));
        json_object_object_add(j, "present_value", json_figure(a.pv, a.n));
        struct json_object *years = json_object_new_array();
        for (int y = 1; y <= m->max_years; y++)
            json_object_array_add(years, json_figure(a.values[y], a.n));
        json_object_object_add(j, "values", years);
        sroi_outcome_arrays_free(m, &a);
    } else
        rt_out_of_memory(); /* its only failure; a JSON without figures would hide it */
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

static struct json_object *json_stakeholders(Interp *I, const SroiModel *m)
{
    struct json_object *st = json_object_new_array();
    size_t idx[m->n_stakeholders + 1];
    for (size_t k = 0; k < m->n_stakeholders; k++) {
        idx[k] = k;
        struct json_object *s = json_object_new_object();
        json_object_object_add(s, "name", json_text(m->stakeholders[k].name));
        json_object_object_add(s, "present_value",
                               json_measure(I, m, sroi_pick_stakeholder, &idx[k], false, 1));
        json_object_object_add(s, "label", json_text(m->stakeholders[k].label));
        json_object_object_add(s, "share", json_measure(I, m, sroi_pick_share, &idx[k], false, 1));
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
        json_object_object_add(o, "amount", json_value(in->amount.v));
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

static struct json_object *json_domains(Interp *I, const SroiModel *m)
{
    struct json_object *ds = json_object_new_array();
    size_t idx[m->n_domains + 1];
    for (size_t k = 0; k < m->n_domains; k++) {
        idx[k] = k;
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_text(m->domains[k]));
        json_object_object_add(o, "present_value",
                               json_measure(I, m, sroi_pick_domain, &idx[k], false, 1));
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

static void json_additions(Interp *I, const SroiModel *m, struct json_object *j)
{
    const char *const *conv = SROI_DISCOUNTING_NAMES;
    json_object_object_add(j, "discounting", json_object_new_string(conv[m->discounting]));
    if (m->scenario) json_object_object_add(j, "scenario", json_text(m->scenario));
    json_object_object_add(j, "inputs_present_value",
                           json_measure(I, m, sroi_pick_inputs_pv, NULL, false, 1));
    json_object_object_add(j, "net_sroi", json_measure(I, m, sroi_pick_net, NULL, false, 1));
    json_object_object_add(j, "positive_value",
                           json_measure(I, m, sroi_pick_positive, NULL, false, 1));
    json_object_object_add(j, "negative_value",
                           json_measure(I, m, sroi_pick_negative, NULL, false, 1));
    struct json_object *pb = json_object_new_object();
    json_object_object_add(pb, "guide",
                           json_measure(I, m, sroi_pick_payback_guide, NULL, false, 1));
    json_object_object_add(pb, "year1",
                           json_measure(I, m, sroi_pick_payback_year1, NULL, false, 1));
    json_object_object_add(pb, "discounted",
                           json_measure(I, m, sroi_pick_payback_discounted, NULL, true, 1));
    json_object_object_add(j, "payback_months", pb);
    json_object_object_add(j, "input_list", json_inputs(m));
    if (m->n_domains) json_object_object_add(j, "domains", json_domains(I, m));
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
        j, "discount", m->discounting == DISC_NONE ? json_number(0) : json_value(m->discount.v));
    json_object_object_add(j, "min_cell", json_object_new_int(sroi_report_min_cell(I, m)));
    json_object_object_add(j, "inputs", json_measure(I, m, sroi_pick_inputs, NULL, false, 1));
    json_object_object_add(j, "present_value", json_measure(I, m, sroi_pick_pv, NULL, false, 1));
    json_object_object_add(j, "npv", json_measure(I, m, sroi_pick_npv, NULL, false, 1));
    json_object_object_add(j, "sroi", json_measure(I, m, sroi_pick_ratio, NULL, false, 1));
    json_object_object_add(j, "payback_years",
                           json_measure(I, m, sroi_pick_payback_guide, NULL, false, 1.0 / 12));
    json_object_object_add(j, "stakeholders", json_stakeholders(I, m));
    struct json_object *oc = json_object_new_array();
    for (size_t i = 0; i < m->n_outcomes; i++) json_object_array_add(oc, json_outcome(I, m, i));
    json_object_object_add(j, "outcomes", oc);
    json_additions(I, m, j);
    if (m->decl.n_assumes) json_object_object_add(j, "assumptions", sroi_assumptions_json(I, m));
    return j;
}
