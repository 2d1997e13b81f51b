/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_json.c — a report as JSON, schema "impact-report/1"
 * (docs/report.schema.json, SPEC.md "Report files").
 *
 * Every field has one type: figures are numbers (the model at its central
 * point, report_data.h), texts are strings ("" when the model has none), a
 * figure that does not exist (a payback never reached, a share of nothing)
 * is left out rather than null.  An uncertain model's spread is beside its
 * figures, in "uncertainty".
 */
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "stdlib/core/json.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/report/report.h"

#define REPORT_SCHEMA "impact-report/1"

static void put_num(struct json_object *o, const char *key, double v)
{
    if (!isfinite(v)) return; /* left out: the schema has no null */
    json_object_object_add(o, key, json_number(v));
}

static void put_str(struct json_object *o, const char *key, const char *s)
{
    json_object_object_add(o, key, json_object_new_string(s ? s : ""));
}

static struct json_object *num_array(const double *v, size_t n)
{
    struct json_object *a = json_object_new_array();
    for (size_t i = 0; i < n; i++) json_object_array_add(a, json_number(isfinite(v[i]) ? v[i] : 0));
    return a;
}

static struct json_object *groups_json(const ReportGroup *g, size_t n, const char *value_key,
                                       const char *ratio_key)
{
    struct json_object *a = json_object_new_array();
    for (size_t k = 0; k < n; k++) {
        struct json_object *o = json_object_new_object();
        put_str(o, "name", g[k].name);
        put_str(o, "label", g[k].label);
        put_num(o, value_key, g[k].value);
        put_num(o, "share", g[k].share);
        if (ratio_key) put_num(o, ratio_key, g[k].ratio);
        json_object_array_add(a, o);
    }
    return a;
}

/* Each funder: its inputs, what its figure divides, and the value the
 * model's funder_share attributes to it (left out when it shares nothing). */
static struct json_object *funders_json(const ReportData *d)
{
    struct json_object *a = json_object_new_array();
    for (size_t k = 0; k < d->n_funders; k++) {
        const ReportFunder *f = &d->funders[k];
        struct json_object *o = json_object_new_object();
        put_str(o, "name", f->name);
        put_str(o, "label", f->name);
        put_num(o, "amount", f->amount);
        put_num(o, "inputs_present_value", f->inputs_pv);
        put_num(o, "share", f->input_share);
        put_num(o, "value_per_unit", f->per_unit);
        put_num(o, "attributed_share", f->value_share);
        put_num(o, "attributed_value", f->value);
        put_num(o, "attributed_ratio", f->ratio);
        put_str(o, "explanation", f->sentence);
        json_object_array_add(a, o);
    }
    return a;
}

static struct json_object *outcome_json(const ReportData *d, const ReportOutcome *r)
{
    struct json_object *o = json_object_new_object();
    put_str(o, "stakeholder", r->stakeholder);
    put_str(o, "stakeholder_label", r->stakeholder_label);
    put_str(o, "name", r->name);
    put_str(o, "description", r->label);
    put_str(o, "indicator", r->indicator);
    put_str(o, "source", r->source);
    put_str(o, "proxy_source", r->proxy_source);
    put_str(o, "domain", r->domain);
    put_str(o, "evidence", r->evidence);
    json_object_object_add(o, "material", json_object_new_boolean(r->material));
    put_str(o, "material_reason", r->material_reason);
    put_str(o, "proxy_evidence", r->proxy_evidence);
    put_str(o, "quantity_evidence", r->quantity_evidence);
    if (!isnan(r->distance[0])) {
        struct json_object *dist = json_object_new_object();
        put_num(dist, "before", r->distance[0]);
        put_num(dist, "after", r->distance[1]);
        put_num(dist, "scale_min", r->distance[2]);
        put_num(dist, "scale_max", r->distance[3]);
        json_object_object_add(o, "distance", dist);
    }
    put_num(o, "quantity", r->quantity);
    put_num(o, "duration", r->duration);
    put_num(o, "start", r->start);
    put_num(o, "proxy", r->proxy);
    put_num(o, "deadweight", r->deadweight);
    put_num(o, "displacement", r->displacement);
    put_num(o, "attribution", r->attribution);
    put_num(o, "leakage", r->leakage);
    put_num(o, "dropoff", r->profile ? 0 : r->dropoff);
    json_object_object_add(o, "dropoff_profile", json_object_new_boolean(r->profile));
    put_num(o, "impact", r->impact);
    put_num(o, "present_value", r->present_value);
    json_object_object_add(o, "years", num_array(r->years, (size_t)d->n_years));
    json_object_object_add(o, "years_present_value", num_array(r->years_pv, (size_t)d->n_years));
    put_str(o, "explain", r->explain);
    return o;
}

static struct json_object *results_json(const ReportData *d)
{
    struct json_object *o = json_object_new_object(), *pb = json_object_new_object();
    for (int k = 0; k < SROI_RESULT_COUNT; k++)
        put_num(SROI_RESULTS[k].kind == 'M' ? pb : o, SROI_RESULTS[k].json_key, d->result[k]);
    json_object_object_add(o, "payback_months", pb);
    return o;
}

static struct json_object *uncertainty_json(const ReportData *d)
{
    struct json_object *o = json_object_new_object(), *sp = json_object_new_object();
    put_num(o, "samples", (double)d->n_samples);
    for (size_t k = 0; k < d->n_spreads; k++) {
        const ReportSpread *s = &d->spreads[k];
        struct json_object *e = json_object_new_object();
        put_num(e, "mean", s->mean);
        put_num(e, "sd", s->sd);
        put_num(e, "p5", s->p5);
        put_num(e, "p50", s->p50);
        put_num(e, "p95", s->p95);
        json_object_object_add(sp, s->name, e);
    }
    json_object_object_add(o, "spreads", sp);
    /* a certain model's ratio is below 1 or not: a probability of 1 or 0 */
    put_num(o, "p_ratio_below_1", d->n_samples ? d->p_ratio_below_1 : (d->ratio < 1 ? 1 : 0));
    struct json_object *h = json_object_new_object(), *counts = json_object_new_array();
    put_num(h, "low", d->n_samples ? d->hist_lo : d->ratio);
    put_num(h, "high", d->n_samples ? d->hist_hi : d->ratio);
    for (size_t b = 0; d->n_samples && b < REPORT_BINS; b++)
        json_object_array_add(counts, json_object_new_int64((int64_t)d->hist[b]));
    json_object_object_add(h, "counts", counts);
    json_object_object_add(o, "ratio_histogram", h);
    return o;
}

/* The model's named assumptions (assume NAME = ...), as the report writes them. */
static struct json_object *named_json(const ReportData *d)
{
    struct json_object *a = json_object_new_array();
    for (size_t k = 0; k < d->n_named; k++) {
        const ReportNamed *r = &d->named[k];
        struct json_object *e = json_object_new_object();
        put_str(e, "name", r->name);
        put_str(e, "label", r->label);
        put_str(e, "value", r->value);
        put_str(e, "range", r->range);
        put_str(e, "source", r->source);
        put_str(e, "used_by", r->used_by);
        json_object_array_add(a, e);
    }
    return a;
}

static struct json_object *model_json(const ReportData *d)
{
    struct json_object *o = json_object_new_object();
    put_str(o, "name", d->name);
    put_str(o, "title", d->title);
    put_str(o, "currency", d->currency);
    put_str(o, "money_unit", d->money_unit);
    put_num(o, "money_divisor", d->money_divisor);
    put_num(o, "discount", d->discount);
    put_str(o, "discounting", d->discounting);
    put_num(o, "horizon", d->horizon);
    put_num(o, "years_of_value", d->n_years);
    json_object_object_add(o, "results", results_json(d));
    struct json_object *a = json_object_new_array();
    for (size_t i = 0; i < d->n_outcomes; i++)
        json_object_array_add(a, outcome_json(d, &d->outcomes[i]));
    json_object_object_add(o, "outcomes", a);
    a = json_object_new_array();
    for (size_t j = 0; j < d->n_inputs; j++) {
        const ReportInput *in = &d->inputs[j];
        struct json_object *e = json_object_new_object();
        put_str(e, "name", in->name);
        put_str(e, "label", in->label);
        put_str(e, "funder", in->funder);
        json_object_object_add(e, "in_kind", json_object_new_boolean(in->in_kind));
        put_num(e, "year", in->year);
        put_num(e, "amount", in->amount);
        put_str(e, "stakeholder", in->stakeholder);
        put_num(e, "hours", in->hours);
        json_object_object_add(e, "valued", json_object_new_boolean(in->valued));
        json_object_array_add(a, e);
    }
    json_object_object_add(o, "inputs", a);
    put_str(o, "funder_share", d->funder_share);
    put_str(o, "funder_share_text", d->funder_share_text);
    json_object_object_add(o, "funders", funders_json(d));
    json_object_object_add(
        o, "stakeholders",
        groups_json(d->stakeholders, d->n_stakeholders, "present_value", "ratio"));
    json_object_object_add(o, "domains",
                           groups_json(d->domains, d->n_domains, "present_value", NULL));
    json_object_object_add(o, "years", num_array(d->year_totals, (size_t)d->n_years));
    json_object_object_add(o, "years_present_value",
                           num_array(d->year_totals_pv, (size_t)d->n_years));
    json_object_object_add(o, "uncertainty", uncertainty_json(d));
    a = json_object_new_array();
    for (size_t k = 0; k < d->n_tornado; k++) {
        const ReportTornado *t = &d->tornado[k];
        struct json_object *e = json_object_new_object();
        put_str(e, "parameter", t->parameter);
        put_str(e, "low", t->low);
        put_str(e, "high", t->high);
        put_num(e, "ratio_low", t->ratio_low);
        put_num(e, "ratio_high", t->ratio_high);
        put_num(e, "swing", t->swing);
        json_object_array_add(a, e);
    }
    json_object_object_add(o, "sensitivity", a);
    a = json_object_new_array();
    for (size_t k = 0; k < d->n_assumptions; k++) {
        struct json_object *e = json_object_new_object();
        put_str(e, "field", d->assumptions[k].what);
        put_str(e, "value", d->assumptions[k].value);
        put_str(e, "source", d->assumptions[k].source);
        if (d->assumptions[k].assumption[0]) put_str(e, "assumption", d->assumptions[k].assumption);
        json_object_array_add(a, e);
    }
    json_object_object_add(o, "assumptions", a);
    json_object_object_add(o, "named_assumptions", named_json(d));
    return o;
}

void report_json(const ReportData *d, size_t n, StrBuf *out)
{
    struct json_object *root = json_object_new_object(), *models = json_object_new_array();
    put_str(root, "schema", REPORT_SCHEMA);
    put_str(root, "language", i18n_code(n ? d[0].lang : LANGUAGE_EN));
    StrBuf date;
    sb_init(&date);
    numfmt_date(&date, n ? d[0].date : 0, LANGUAGE_EN);
    put_str(root, "date", date.data);
    sb_free(&date);
    for (size_t k = 0; k < n; k++) json_object_array_add(models, model_json(&d[k]));
    json_object_object_add(root, "models", models);
    struct json_object *libraries = json_object_new_array();
    for (size_t i = 0; n && i < d[0].n_libraries; i++) {
        const ReportLibrary *l = &d[0].libraries[i];
        struct json_object *e = json_object_new_object();
        put_str(e, "name", l->name);
        if (l->version) put_str(e, "version", l->version);
        put_str(e, "sha256", l->sha256);
        json_object_array_add(libraries, e);
    }
    json_object_object_add(root, "libraries", libraries);
    sb_append(out, json_to_text(root));
    sb_append(out, "\n");
    json_object_put(root);
}
