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
 *
 * The schema is written down once, as data: REPORT_FIELDS lists every
 * object's keys in the order they are written, each with its kind and the
 * member of report_data.h it reads; json_fields.c writes the file from it.
 * What a single member cannot give (per-year arrays, the results, the
 * spreads and histogram, a drop-off profile) is a kind of this file.
 */
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "stdlib/core/json.h"
#include "stdlib/core/json_fields.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/report/report.h"

#define REPORT_SCHEMA "impact-report/1"

/* The file: its header, the models, and the libraries of the run (the first
 * model's: every model of a run shares them). */
typedef struct ReportFile {
    const char *schema, *language, *date;
    const ReportData *models;
    size_t n_models;
    const ReportLibrary *libraries;
    size_t n_libraries;
} ReportFile;

/* The objects of the file, each the struct its rows read. */
enum {
    OBJ_FILE,        /* ReportFile */
    OBJ_LIBRARY,     /* ReportLibrary */
    OBJ_MODEL,       /* ReportData */
    OBJ_OUTCOME,     /* ReportOutcome */
    OBJ_DISTANCE,    /* ReportOutcome, its distance travelled */
    OBJ_INPUT,       /* ReportInput */
    OBJ_FUNDER,      /* ReportFunder */
    OBJ_STAKEHOLDER, /* ReportGroup */
    OBJ_DOMAIN,      /* ReportGroup: a domain has no inputs, hence no ratio */
    OBJ_SPREAD,      /* ReportSpread */
    OBJ_TORNADO,     /* ReportTornado */
    OBJ_ASSUMPTION,  /* ReportAssumption */
    OBJ_NAMED        /* ReportNamed */
};

/* ---- the kinds of this file: figures computed from several members -------- */

/* Each model, with itself as the context of its rows (write_years reads its
 * year count). */
static void write_models(struct json_object *o, const JsonField *f, const void *record,
                         const JsonDoc *doc)
{
    const ReportFile *file = record;
    struct json_object *a = json_object_new_array();
    for (size_t k = 0; k < file->n_models; k++) {
        JsonDoc model = { doc->fields, doc->n_fields, &file->models[k] };
        json_object_array_add(a, json_doc_object(&model, OBJ_MODEL, &file->models[k]));
    }
    json_object_object_add(o, f->key, a);
}

/* A per-year array (double *, a number for each year of the model, the
 * context); a year with no figure is 0. */
static void write_years(struct json_object *o, const JsonField *f, const void *record,
                        const JsonDoc *doc)
{
    const double *v = *(const double *const *)json_field_member(record, f);
    size_t n = (size_t)((const ReportData *)doc->context)->n_years;
    struct json_object *a = json_object_new_array();
    for (size_t i = 0; i < n; i++) json_object_array_add(a, json_number(isfinite(v[i]) ? v[i] : 0));
    json_object_object_add(o, f->key, a);
}

/* The distance travelled, when the outcome states one. */
static void write_distance(struct json_object *o, const JsonField *f, const void *record,
                           const JsonDoc *doc)
{
    if (!isnan(((const ReportOutcome *)record)->distance[0]))
        json_object_object_add(o, f->key, json_doc_object(doc, OBJ_DISTANCE, record));
}

/* A drop-off given as a yearly profile has no single rate: 0, with
 * dropoff_profile true. */
static void write_dropoff(struct json_object *o, const JsonField *f, const void *record,
                          const JsonDoc *doc)
{
    const ReportOutcome *r = record;
    json_object_object_add(o, f->key, json_number(r->profile ? 0 : r->dropoff));
}

/* The results, by SROI_RESULTS' keys, the paybacks (kind 'M') in their own object. */
static void write_results(struct json_object *o, const JsonField *f, const void *record,
                          const JsonDoc *doc)
{
    const ReportData *d = record;
    struct json_object *res = json_object_new_object(), *pb = json_object_new_object();
    for (int k = 0; k < SROI_RESULT_COUNT; k++)
        json_put_number(SROI_RESULTS[k].kind == 'M' ? pb : res, SROI_RESULTS[k].json_key,
                        d->result[k]);
    json_object_object_add(res, "payback_months", pb);
    json_object_object_add(o, f->key, res);
}

/* An uncertain model's spreads (keyed by figure), P(ratio < 1) and the
 * ratio's histogram; a certain model's ratio is below 1 or not (a
 * probability of 1 or 0), its histogram a single point with no counts. */
static void write_uncertainty(struct json_object *o, const JsonField *f, const void *record,
                              const JsonDoc *doc)
{
    const ReportData *d = record;
    struct json_object *u = json_object_new_object(), *sp = json_object_new_object();
    json_put_number(u, "samples", (double)d->n_samples);
    for (size_t k = 0; k < d->n_spreads; k++)
        json_object_object_add(sp, d->spreads[k].name,
                               json_doc_object(doc, OBJ_SPREAD, &d->spreads[k]));
    json_object_object_add(u, "spreads", sp);
    json_put_number(u, "p_ratio_below_1",
                    d->n_samples ? d->p_ratio_below_1 : (d->ratio < 1 ? 1 : 0));
    struct json_object *h = json_object_new_object(), *counts = json_object_new_array();
    json_put_number(h, "low", d->n_samples ? d->hist_lo : d->ratio);
    json_put_number(h, "high", d->n_samples ? d->hist_hi : d->ratio);
    for (size_t b = 0; d->n_samples && b < REPORT_BINS; b++)
        json_object_array_add(counts, json_object_new_int64((int64_t)d->hist[b]));
    json_object_object_add(h, "counts", counts);
    json_object_object_add(u, "ratio_histogram", h);
    json_object_object_add(o, f->key, u);
}

/* The parameters at 0 that the ±20% swing does not move: names only (the
 * "sensitivity" rows leave them out, their swing of 0 saying nothing). */
static void write_unmoved(struct json_object *o, const JsonField *f, const void *record,
                          const JsonDoc *doc)
{
    const ReportData *d = record;
    struct json_object *names = json_object_new_array();
    for (size_t k = 0; k < d->n_unmoved; k++)
        json_object_array_add(names, json_object_new_string(d->unmoved[k]));
    json_object_object_add(o, f->key, names);
}

static const JsonKind MODELS = { write_models, 0, 0, 0 };
static const JsonKind UNMOVED = { write_unmoved, 0, 0, 0 };
static const JsonKind YEARS = { write_years, 0, 0, 0 };
static const JsonKind DISTANCE = { write_distance, 0, 0, 0 };
static const JsonKind DROPOFF = { write_dropoff, 0, 0, 0 };
static const JsonKind RESULTS = { write_results, 0, 0, 0 };
static const JsonKind UNCERTAINTY = { write_uncertainty, 0, 0, 0 };
static const JsonKind LIBRARIES =
    JSON_LIST_KIND(ReportFile, n_libraries, ReportLibrary, OBJ_LIBRARY);
static const JsonKind OUTCOMES = JSON_LIST_KIND(ReportData, n_outcomes, ReportOutcome, OBJ_OUTCOME);
static const JsonKind INPUTS = JSON_LIST_KIND(ReportData, n_inputs, ReportInput, OBJ_INPUT);
static const JsonKind FUNDERS = JSON_LIST_KIND(ReportData, n_funders, ReportFunder, OBJ_FUNDER);
static const JsonKind STAKEHOLDERS =
    JSON_LIST_KIND(ReportData, n_stakeholders, ReportGroup, OBJ_STAKEHOLDER);
static const JsonKind DOMAINS = JSON_LIST_KIND(ReportData, n_domains, ReportGroup, OBJ_DOMAIN);
static const JsonKind TORNADO = JSON_LIST_KIND(ReportData, n_tornado, ReportTornado, OBJ_TORNADO);
static const JsonKind ASSUMPTIONS =
    JSON_LIST_KIND(ReportData, n_assumptions, ReportAssumption, OBJ_ASSUMPTION);
static const JsonKind NAMED = JSON_LIST_KIND(ReportData, n_named, ReportNamed, OBJ_NAMED);

/* ---- the schema (docs/report.schema.json): every object's keys, in the
 * order they are written; tests/report/check.py holds the two together ---- */

static const JsonField REPORT_FIELDS[] = {
    { OBJ_FILE, "schema", &JSON_TEXT, offsetof(ReportFile, schema) },
    { OBJ_FILE, "language", &JSON_TEXT, offsetof(ReportFile, language) },
    { OBJ_FILE, "date", &JSON_TEXT, offsetof(ReportFile, date) },
    { OBJ_FILE, "models", &MODELS, offsetof(ReportFile, models) },
    { OBJ_FILE, "libraries", &LIBRARIES, offsetof(ReportFile, libraries) },
    /* the modules the run loaded by `use` (no version when none is declared) */
    { OBJ_LIBRARY, "name", &JSON_TEXT, offsetof(ReportLibrary, name) },
    { OBJ_LIBRARY, "version", &JSON_TEXT_IF, offsetof(ReportLibrary, version) },
    { OBJ_LIBRARY, "sha256", &JSON_TEXT, offsetof(ReportLibrary, sha256) },
    { OBJ_MODEL, "name", &JSON_TEXT, offsetof(ReportData, name) },
    { OBJ_MODEL, "title", &JSON_TEXT, offsetof(ReportData, title) },
    { OBJ_MODEL, "currency", &JSON_TEXT, offsetof(ReportData, currency) },
    { OBJ_MODEL, "money_unit", &JSON_CHARS, offsetof(ReportData, money_unit) },
    { OBJ_MODEL, "money_divisor", &JSON_NUMBER, offsetof(ReportData, money_divisor) },
    { OBJ_MODEL, "discount", &JSON_NUMBER, offsetof(ReportData, discount) },
    { OBJ_MODEL, "discounting", &JSON_TEXT, offsetof(ReportData, discounting) },
    { OBJ_MODEL, "horizon", &JSON_INT, offsetof(ReportData, horizon) },
    { OBJ_MODEL, "years_of_value", &JSON_INT, offsetof(ReportData, n_years) },
    { OBJ_MODEL, "results", &RESULTS, offsetof(ReportData, result) },
    { OBJ_MODEL, "outcomes", &OUTCOMES, offsetof(ReportData, outcomes) },
    { OBJ_MODEL, "inputs", &INPUTS, offsetof(ReportData, inputs) },
    { OBJ_MODEL, "funder_share", &JSON_TEXT, offsetof(ReportData, funder_share) },
    { OBJ_MODEL, "funder_share_text", &JSON_TEXT, offsetof(ReportData, funder_share_text) },
    { OBJ_MODEL, "funders", &FUNDERS, offsetof(ReportData, funders) },
    { OBJ_MODEL, "stakeholders", &STAKEHOLDERS, offsetof(ReportData, stakeholders) },
    { OBJ_MODEL, "domains", &DOMAINS, offsetof(ReportData, domains) },
    { OBJ_MODEL, "years", &YEARS, offsetof(ReportData, year_totals) },
    { OBJ_MODEL, "years_present_value", &YEARS, offsetof(ReportData, year_totals_pv) },
    { OBJ_MODEL, "uncertainty", &UNCERTAINTY, offsetof(ReportData, spreads) },
    { OBJ_MODEL, "sensitivity", &TORNADO, offsetof(ReportData, tornado) },
    { OBJ_MODEL, "sensitivity_not_moved", &UNMOVED, offsetof(ReportData, unmoved) },
    { OBJ_MODEL, "assumptions", &ASSUMPTIONS, offsetof(ReportData, assumptions) },
    { OBJ_MODEL, "named_assumptions", &NAMED, offsetof(ReportData, named) },
    { OBJ_OUTCOME, "stakeholder", &JSON_TEXT, offsetof(ReportOutcome, stakeholder) },
    { OBJ_OUTCOME, "stakeholder_label", &JSON_TEXT, offsetof(ReportOutcome, stakeholder_label) },
    { OBJ_OUTCOME, "name", &JSON_TEXT, offsetof(ReportOutcome, name) },
    { OBJ_OUTCOME, "description", &JSON_TEXT, offsetof(ReportOutcome, label) },
    { OBJ_OUTCOME, "indicator", &JSON_TEXT, offsetof(ReportOutcome, indicator) },
    { OBJ_OUTCOME, "source", &JSON_TEXT, offsetof(ReportOutcome, source) },
    { OBJ_OUTCOME, "proxy_source", &JSON_TEXT, offsetof(ReportOutcome, proxy_source) },
    { OBJ_OUTCOME, "domain", &JSON_TEXT, offsetof(ReportOutcome, domain) },
    { OBJ_OUTCOME, "evidence", &JSON_TEXT, offsetof(ReportOutcome, evidence) },
    { OBJ_OUTCOME, "material", &JSON_BOOL, offsetof(ReportOutcome, material) },
    { OBJ_OUTCOME, "material_reason", &JSON_TEXT, offsetof(ReportOutcome, material_reason) },
    { OBJ_OUTCOME, "proxy_evidence", &JSON_TEXT, offsetof(ReportOutcome, proxy_evidence) },
    { OBJ_OUTCOME, "quantity_evidence", &JSON_TEXT, offsetof(ReportOutcome, quantity_evidence) },
    { OBJ_OUTCOME, "distance", &DISTANCE, offsetof(ReportOutcome, distance) },
    { OBJ_OUTCOME, "quantity", &JSON_NUMBER, offsetof(ReportOutcome, quantity) },
    { OBJ_OUTCOME, "duration", &JSON_NUMBER, offsetof(ReportOutcome, duration) },
    { OBJ_OUTCOME, "start", &JSON_INT, offsetof(ReportOutcome, start) },
    { OBJ_OUTCOME, "proxy", &JSON_NUMBER, offsetof(ReportOutcome, proxy) },
    { OBJ_OUTCOME, "deadweight", &JSON_NUMBER, offsetof(ReportOutcome, deadweight) },
    { OBJ_OUTCOME, "displacement", &JSON_NUMBER, offsetof(ReportOutcome, displacement) },
    { OBJ_OUTCOME, "attribution", &JSON_NUMBER, offsetof(ReportOutcome, attribution) },
    { OBJ_OUTCOME, "leakage", &JSON_NUMBER, offsetof(ReportOutcome, leakage) },
    { OBJ_OUTCOME, "dropoff", &DROPOFF, offsetof(ReportOutcome, dropoff) },
    { OBJ_OUTCOME, "dropoff_profile", &JSON_BOOL, offsetof(ReportOutcome, profile) },
    { OBJ_OUTCOME, "impact", &JSON_NUMBER, offsetof(ReportOutcome, impact) },
    { OBJ_OUTCOME, "present_value", &JSON_NUMBER, offsetof(ReportOutcome, present_value) },
    { OBJ_OUTCOME, "years", &YEARS, offsetof(ReportOutcome, years) },
    { OBJ_OUTCOME, "years_present_value", &YEARS, offsetof(ReportOutcome, years_pv) },
    { OBJ_OUTCOME, "explain", &JSON_TEXT, offsetof(ReportOutcome, explain) },
    { OBJ_DISTANCE, "before", &JSON_NUMBER, offsetof(ReportOutcome, distance[0]) },
    { OBJ_DISTANCE, "after", &JSON_NUMBER, offsetof(ReportOutcome, distance[1]) },
    { OBJ_DISTANCE, "scale_min", &JSON_NUMBER, offsetof(ReportOutcome, distance[2]) },
    { OBJ_DISTANCE, "scale_max", &JSON_NUMBER, offsetof(ReportOutcome, distance[3]) },
    { OBJ_INPUT, "name", &JSON_TEXT, offsetof(ReportInput, name) },
    { OBJ_INPUT, "label", &JSON_TEXT, offsetof(ReportInput, label) },
    { OBJ_INPUT, "funder", &JSON_TEXT, offsetof(ReportInput, funder) },
    { OBJ_INPUT, "in_kind", &JSON_BOOL, offsetof(ReportInput, in_kind) },
    { OBJ_INPUT, "year", &JSON_INT, offsetof(ReportInput, year) },
    { OBJ_INPUT, "amount", &JSON_NUMBER, offsetof(ReportInput, amount) },
    { OBJ_INPUT, "stakeholder", &JSON_TEXT, offsetof(ReportInput, stakeholder) },
    { OBJ_INPUT, "hours", &JSON_NUMBER, offsetof(ReportInput, hours) },
    { OBJ_INPUT, "valued", &JSON_BOOL, offsetof(ReportInput, valued) },
    /* a funder's inputs, what its figure divides, and the value the model's
     * funder_share attributes to it (left out when it shares nothing) */
    { OBJ_FUNDER, "name", &JSON_TEXT, offsetof(ReportFunder, name) },
    { OBJ_FUNDER, "label", &JSON_TEXT, offsetof(ReportFunder, name) },
    { OBJ_FUNDER, "amount", &JSON_NUMBER, offsetof(ReportFunder, amount) },
    { OBJ_FUNDER, "inputs_present_value", &JSON_NUMBER, offsetof(ReportFunder, inputs_pv) },
    { OBJ_FUNDER, "share", &JSON_NUMBER, offsetof(ReportFunder, input_share) },
    { OBJ_FUNDER, "value_per_unit", &JSON_NUMBER, offsetof(ReportFunder, per_unit) },
    { OBJ_FUNDER, "attributed_share", &JSON_NUMBER, offsetof(ReportFunder, value_share) },
    { OBJ_FUNDER, "attributed_value", &JSON_NUMBER, offsetof(ReportFunder, value) },
    { OBJ_FUNDER, "attributed_ratio", &JSON_NUMBER, offsetof(ReportFunder, ratio) },
    { OBJ_FUNDER, "explanation", &JSON_TEXT, offsetof(ReportFunder, sentence) },
    { OBJ_STAKEHOLDER, "name", &JSON_TEXT, offsetof(ReportGroup, name) },
    { OBJ_STAKEHOLDER, "label", &JSON_TEXT, offsetof(ReportGroup, label) },
    { OBJ_STAKEHOLDER, "present_value", &JSON_NUMBER, offsetof(ReportGroup, value) },
    { OBJ_STAKEHOLDER, "share", &JSON_NUMBER, offsetof(ReportGroup, share) },
    { OBJ_STAKEHOLDER, "ratio", &JSON_NUMBER, offsetof(ReportGroup, ratio) },
    { OBJ_DOMAIN, "name", &JSON_TEXT, offsetof(ReportGroup, name) },
    { OBJ_DOMAIN, "label", &JSON_TEXT, offsetof(ReportGroup, label) },
    { OBJ_DOMAIN, "present_value", &JSON_NUMBER, offsetof(ReportGroup, value) },
    { OBJ_DOMAIN, "share", &JSON_NUMBER, offsetof(ReportGroup, share) },
    { OBJ_SPREAD, "mean", &JSON_NUMBER, offsetof(ReportSpread, mean) },
    { OBJ_SPREAD, "sd", &JSON_NUMBER, offsetof(ReportSpread, sd) },
    { OBJ_SPREAD, "p5", &JSON_NUMBER, offsetof(ReportSpread, p5) },
    { OBJ_SPREAD, "p50", &JSON_NUMBER, offsetof(ReportSpread, p50) },
    { OBJ_SPREAD, "p95", &JSON_NUMBER, offsetof(ReportSpread, p95) },
    { OBJ_TORNADO, "parameter", &JSON_TEXT, offsetof(ReportTornado, parameter) },
    { OBJ_TORNADO, "low", &JSON_TEXT, offsetof(ReportTornado, low) },
    { OBJ_TORNADO, "high", &JSON_TEXT, offsetof(ReportTornado, high) },
    { OBJ_TORNADO, "ratio_low", &JSON_NUMBER, offsetof(ReportTornado, ratio_low) },
    { OBJ_TORNADO, "ratio_high", &JSON_NUMBER, offsetof(ReportTornado, ratio_high) },
    { OBJ_TORNADO, "swing", &JSON_NUMBER, offsetof(ReportTornado, swing) },
    { OBJ_ASSUMPTION, "field", &JSON_TEXT, offsetof(ReportAssumption, what) },
    { OBJ_ASSUMPTION, "value", &JSON_TEXT, offsetof(ReportAssumption, value) },
    { OBJ_ASSUMPTION, "source", &JSON_TEXT, offsetof(ReportAssumption, source) },
    { OBJ_ASSUMPTION, "assumption", &JSON_TEXT_IF, offsetof(ReportAssumption, assumption) },
    /* the model's named assumptions (assume NAME = ...), as the report writes them */
    { OBJ_NAMED, "name", &JSON_TEXT, offsetof(ReportNamed, name) },
    { OBJ_NAMED, "label", &JSON_TEXT, offsetof(ReportNamed, label) },
    { OBJ_NAMED, "value", &JSON_TEXT, offsetof(ReportNamed, value) },
    { OBJ_NAMED, "range", &JSON_TEXT, offsetof(ReportNamed, range) },
    { OBJ_NAMED, "source", &JSON_TEXT, offsetof(ReportNamed, source) },
    { OBJ_NAMED, "used_by", &JSON_TEXT, offsetof(ReportNamed, used_by) },
};

void report_json(const ReportData *d, size_t n, StrBuf *out)
{
    StrBuf date;
    sb_init(&date);
    numfmt_date(&date, n ? d[0].date : 0, LANGUAGE_EN);
    ReportFile file = { REPORT_SCHEMA,
                        i18n_code(n ? d[0].lang : LANGUAGE_EN),
                        date.data,
                        d,
                        n,
                        n ? d[0].libraries : NULL,
                        n ? d[0].n_libraries : 0 };
    JsonDoc doc = { REPORT_FIELDS, sizeof REPORT_FIELDS / sizeof REPORT_FIELDS[0], NULL };
    struct json_object *root = json_doc_object(&doc, OBJ_FILE, &file);
    sb_append(out, json_to_text(root));
    sb_append(out, "\n");
    json_object_put(root);
    sb_free(&date);
}
