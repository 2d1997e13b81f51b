/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_report.c — what a model shows (stdlib/report.c, report_compare.c):
 * the JSON object of the language sketch, the value map table, the text
 * report, compare() with paired samples, and explain().
 *
 * Expected figures: by hand from the formulas of docs/METHOD.md §1.2-1.6, written
 * next to each check; quantiles of known samples as numpy 1.24 computes them
 * (np.quantile, linear method; np.std, ddof = 0).
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/sroi/sroi.h"
#include "stdlib/sroi/report.h"
#include "stdlib/sroi/sroi_internal.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

FIXTURE_SUITE(report, 1000, 1, 1);

#define run(text) fixture_eval(I, "test.impact", text)

/* impact 10 × 200 × 0.9 = 1800, then 900; PV = 1800/1.035 + 900/1.035² = 2579.2900651123714
 * (python3); the noise: 2 × −100 = −200, PV −193.23671497584542. */
static const char *SMALL = "model a \"A\" {\n"
                           "  stakeholder s \"S\"\n"
                           "  stakeholder s2 \"Neighbours\"\n"
                           "  input grant \"G\" = 1000 EUR { funder = \"City\" }\n"
                           "  outcome o \"O\" for s {\n"
                           "    quantity = 10\n"
                           "    proxy = 200 EUR\n"
                           "    deadweight = 10%\n"
                           "    duration = 2 year\n"
                           "    dropoff = 50%\n"
                           "    indicator = \"people in work\"\n"
                           "  }\n"
                           "  outcome noise \"Noise\" for s2 {\n"
                           "    quantity = 2\n"
                           "    proxy = -100 EUR\n"
                           "    deadweight = 0%\n"
                           "  }\n"
                           "}\n";

static double json_num(struct json_object *o, const char *key)
{
    struct json_object *v;
    cr_assert(json_object_object_get_ex(o, key, &v), "no key %s", key);
    return json_object_get_double(v);
}

/* Binds NAME to a distribution of five samples: offset, offset + .1, ... offset + .4. */
static void define_five_samples(const char *name, double offset)
{
    Value d = value_dist_new(5);
    for (int s = 0; s < 5; s++) as_dist(d)->stored[s] = 0.1 * s + offset;
    interp_define(I, name, d);
    value_release(d);
}

Test(report, json_follows_the_sketch)
{
    run(SMALL);
    Value m = run("a");
    struct json_object *j = sroi_model_json(I, sroi_model(m));
    cr_assert(j);
    static const char *const keys[] = { "name",          "title",   "discount", "inputs",
                                        "present_value", "npv",     "sroi",     "payback_years",
                                        "stakeholders",  "outcomes" };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        cr_expect(json_object_object_get_ex(j, keys[k], NULL), "missing %s", keys[k]);
    double pv = 2579.2900651123714 - 193.23671497584542;
    cr_expect(fabs(json_num(j, "present_value") - pv) < 1e-9);
    cr_expect(fabs(json_num(j, "sroi") - pv / 1000) < 1e-12);
    cr_expect(fabs(json_num(j, "discount") - 0.035) < 1e-15);
    /* Guide payback: 1000 / ((1800 − 200) / 12) = 7.5 months = 0.625 years */
    cr_expect(fabs(json_num(j, "payback_years") - 0.625) < 1e-12);
    struct json_object *outcomes = json_object_object_get(j, "outcomes");
    struct json_object *o = json_object_array_get_idx(outcomes, 0);
    static const char *const okeys[] = { "name",     "stakeholder", "quantity",     "proxy",
                                         "duration", "deadweight",  "attribution",  "displacement",
                                         "dropoff",  "impact",      "present_value" };
    for (size_t k = 0; k < sizeof okeys / sizeof okeys[0]; k++)
        cr_expect(json_object_object_get_ex(o, okeys[k], NULL), "outcome misses %s", okeys[k]);
    cr_expect(fabs(json_num(o, "deadweight") - 0.1) < 1e-15); /* percentages as fractions */
    cr_expect(fabs(json_num(o, "duration") - 2) < 1e-15);     /* durations in years */
    cr_expect(fabs(json_num(o, "impact") - 1800) < 1e-9);
    struct json_object *st =
        json_object_array_get_idx(json_object_object_get(j, "stakeholders"), 1);
    cr_expect_str_eq(json_object_get_string(json_object_object_get(st, "name")), "s2");
    cr_expect(fabs(json_num(st, "present_value") + 193.23671497584542) < 1e-9);
    json_object_put(j);
    value_release(m);
}

Test(report, json_summarises_uncertain_figures)
{
    /* deadweight samples 0%, 10%, 20%, 30%, 40%: sroi = 2000 (1 − dw) / 1.035 / 1000 */
    define_five_samples("dw", 0);
    run("model u { stakeholder s \"S\"\n input g \"G\" = 1000 EUR\n"
        " outcome o \"O\" for s { quantity = 10\n proxy = 200 EUR\n deadweight = dw } }");
    Value m = run("u");
    struct json_object *j = sroi_model_json(I, sroi_model(m));
    struct json_object *r = json_object_object_get(j, "sroi");
    cr_assert(json_object_is_type(r, json_type_object));
    /* samples 2/1.035 × (1, .9, .8, .7, .6): mean 1.546, numpy p5 (linear) = 0.6 + 0.2 × 0.1 → ×2/1.035 */
    double k = 2 / 1.035;
    cr_expect(fabs(json_num(r, "mean") - 0.8 * k) < 1e-12);
    cr_expect(fabs(json_num(r, "sd") - sqrt(0.02) * k) <
              1e-12); /* population sd of .6..1 = sqrt(.02) */
    cr_expect(fabs(json_num(r, "p5") - 0.62 * k) < 1e-12);
    cr_expect(fabs(json_num(r, "p50") - 0.8 * k) < 1e-12);
    cr_expect(fabs(json_num(r, "p95") - 0.98 * k) < 1e-12);
    /* the inputs are the same in every sample: a plain number, the model's
     * 1000 EUR written as a whole number (no ".0", no exponent) */
    cr_expect_str_eq(json_object_to_json_string(json_object_object_get(j, "inputs")), "1000");
    json_object_put(j);
    value_release(m);
}

Test(report, json_numbers_are_written_as_every_json_output_writes_them)
{
    /* json.h: a whole number below 1e16 spelled out, whatever its size; the
     * model's JSON once wrote 1.5e15 as 1.5e+15 with a number writer of its own */
    run("model big { stakeholder s \"S\"\n input g \"G\" = 1500000000000000 EUR\n"
        " outcome o \"O\" for s { quantity = 10\n proxy = 200 EUR } }");
    Value m = run("big");
    struct json_object *j = sroi_model_json(I, sroi_model(m));
    cr_expect_str_eq(json_object_to_json_string(json_object_object_get(j, "inputs")),
                     "1500000000000000");
    json_object_put(j);
    value_release(m);
}

Test(report, json_assumptions_are_written_as_every_json_value)
{
    /* A named assumption's value and range with the fewest digits (40% is
     * 0.4, not json-c's 0.40000000000000002), and an uncertain one as any
     * distribution in JSON: samples 0, .1, .2, .3, .4 have mean 0.2 and
     * population sd sqrt(0.02) = 0.1414213562373095 (np.std, ddof = 0; the
     * n − 1 sd, 0.158, was written once), p5 0.02, p50 0.2, p95 0.38 (np.quantile). */
    define_five_samples("spread", 0);
    run("model u { stakeholder s \"S\"\n input g \"G\" = 1000 EUR\n"
        " assume dw \"D\" = 40% { range = 30% to 55% }\n assume sp = spread\n"
        " outcome o \"O\" for s { quantity = 10\n proxy = 200 EUR\n deadweight = dw * sp } }");
    Value m = run("u");
    struct json_object *j = sroi_model_json(I, sroi_model(m));
    struct json_object *a = json_object_object_get(j, "assumptions");
    cr_assert(json_object_is_type(a, json_type_array) && json_object_array_length(a) == 2);
    struct json_object *dw = json_object_array_get_idx(a, 0), *sp = json_object_array_get_idx(a, 1);
    cr_expect_str_eq(json_object_to_json_string(json_object_object_get(dw, "value")), "0.4");
    cr_expect_str_eq(
        json_object_to_json_string_ext(json_object_object_get(dw, "range"), JSON_C_TO_STRING_PLAIN),
        "[0.3,0.55]");
    struct json_object *v = json_object_object_get(sp, "value");
    cr_expect(fabs(json_num(v, "mean") - 0.2) < 1e-12);
    cr_expect(fabs(json_num(v, "sd") - sqrt(0.02)) < 1e-12);
    cr_expect(fabs(json_num(v, "p5") - 0.02) < 1e-12);
    cr_expect(fabs(json_num(v, "p50") - 0.2) < 1e-12);
    cr_expect(fabs(json_num(v, "p95") - 0.38) < 1e-12);
    json_object_put(j);
    value_release(m);
}

Test(report, valuemap_is_a_table_in_svi_order)
{
    run(SMALL);
    Value t = run("valuemap(a)");
    cr_assert_eq(t.kind, V_TABLE);
    TableObj *tab = as_table(t);
    cr_expect_eq(tab->nrows, 2);
    cr_expect_str_eq(tab->names[0], "stakeholder");
    cr_expect_str_eq(tab->names[1], "outcome");
    int q = table_find_column(tab, "quantity"), pv = table_find_column(tab, "present_value");
    int dw = table_find_column(tab, "deadweight"), dr = table_find_column(tab, "dropoff");
    cr_assert(q >= 0 && pv >= 0 && dw >= 0 && dr >= 0);
    cr_expect(q < dw && dw < dr && dr < pv, "columns out of the template's order");
    cr_expect(fabs(tab->cols[pv]->num[0] - 2579.2900651123714) < 1e-9);
    cr_expect(fabs(tab->cols[dw]->num[0] - 0.1) < 1e-15);
    value_release(t);
}

static char *text_of(const char *expr)
{
    Value v = run(expr);
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    value_release(v);
    return sb_take(&b);
}

Test(report, text_report_has_the_value_map_and_totals)
{
    run(SMALL);
    Value m = run("a");
    StrBuf b;
    sb_init(&b);
    sroi_report_text(I, sroi_model(m), &b);
    value_release(m);
    cr_expect(strstr(b.data, "Value map"));
    cr_expect(strstr(b.data, "people in work")); /* the indicator column */
    cr_expect(strstr(b.data, "1800 EUR"));       /* impact of o */
    cr_expect(strstr(b.data, "SROI ratio"));
    cr_expect(strstr(b.data, "2.39")); /* 2386.05 / 1000 */
    cr_expect(strstr(b.data, "payback (Guide formula)"));
    cr_expect(strstr(b.data, " 7.5 months\n"));
    /* money under 1000 keeps its significant digits (QA2 D17): the noise
     * outcome, 2 × -100 EUR / 1.035 = -193.237 EUR, not -193 EUR */
    cr_expect(strstr(b.data, "-193.237 EUR"), "%s", b.data);
    cr_expect(strstr(b.data, "negative value"));
    sb_free(&b);
}

Test(report, compare_pairs_the_samples)
{
    /* A's deadweight samples 0..40%, B's 10% higher on the same index: B is
     * lower in every sample, by 2000 × 0.1 / 1.035 = 193.236715 EUR. */
    define_five_samples("dw", 0);
    define_five_samples("dw2", 0.1);
    run("model u { stakeholder s \"S\"\n input g \"G\" = 1000 EUR\n"
        " outcome o \"O\" for s { quantity = 10\n proxy = 200 EUR\n deadweight = dw } }");
    char *t = text_of("compare(u, u with { o.deadweight = dw2 })");
    cr_expect(strstr(t, "P(B > A) = 0"), "%s", t);
    cr_expect(strstr(t, "-193.237 EUR, P(B > A) = 0"), "%s", t);
    cr_expect(strstr(t, "-0.19, P(B > A) = 0"), "%s", t); /* 0.2/1.035 in every sample */
    free(t);
}

Test(report, explain_names_where_each_term_was_set)
{
    run(SMALL);
    char *t = text_of("explain(a.o)");
    /* quantity line 6, proxy 7, deadweight 8; displacement and attribution defaults */
    cr_expect(strstr(t, "= 10 × 200 EUR × (1 − 10%) × (1 − 0%) × (1 − 0%)"), "%s", t);
    cr_expect(strstr(t, "[test.impact:6, :7, :8, default, default]"), "%s", t);
    cr_expect(strstr(t, "= 1800 EUR"), "%s", t);
    cr_expect(strstr(t, "drop-off = 50% [test.impact:10]"), "%s", t);
    free(t);
    t = text_of("explain(a)");
    cr_expect(strstr(t, "a.sroi = present_value / inputs"), "%s", t);
    free(t);
}

Test(report, explain_a_figure_of_an_outcome)
{
    run(SMALL);
    /* a.o.present_value (2579.29 EUR) and a.o.impact (1800 EUR) lead back to outcome o */
    char *t = text_of("explain(a.o.present_value)");
    cr_expect(strstr(t, "a.o.present_value comes from outcome 'o' of model 'a'"), "%s", t);
    cr_expect(strstr(t, "[test.impact:6, :7, :8, default, default]"), "%s", t);
    free(t);
    t = text_of("explain(a.o.impact)");
    cr_expect(strstr(t, "= 1800 EUR"), "%s", t);
    free(t);
    t = text_of("explain(present_value(a))");
    cr_expect(strstr(t, "present_value(a) comes from model 'a'"), "%s", t);
    free(t);
    t = text_of("explain(a.sroi)");
    cr_expect(strstr(t, "a.sroi = present_value / inputs"), "%s", t);
    free(t);
}

Test(report, valuemap_names_the_quantiles_of_an_uncertain_model)
{
    /* deadweight samples 0%..40%: the column is split into median (20%), p5 (2%), p95 (38%)
     * (numpy linear: p5 = 0 + 0.2 × 0.1, p95 = 0.3 + 0.8 × 0.1) */
    define_five_samples("dw", 0);
    run("model u { stakeholder s \"S\"\n input g \"G\" = 1000 EUR\n"
        " outcome o \"O\" for s { quantity = 10\n proxy = 200 EUR\n deadweight = dw } }");
    Value v = run("[valuemap(u).deadweight_median[0], valuemap(u).deadweight_p5[0], "
                  "valuemap(u).deadweight_p95[0]]");
    cr_assert_eq(v.kind, V_LIST);
    cr_expect(fabs(as_list(v)->items[0].as.num - 0.2) < 1e-12);
    cr_expect(fabs(as_list(v)->items[1].as.num - 0.02) < 1e-12);
    cr_expect(fabs(as_list(v)->items[2].as.num - 0.38) < 1e-12);
    value_release(v);
    v = run("valuemap(u).quantity[0]"); /* certain: its plain column */
    cr_expect(v.kind == V_NUM && v.as.num == 10);
    value_release(v);
}

Test(report, quantiles_interpolate_like_numpy)
{
    /* numpy's default (linear): h = (n − 1) p between order statistics; the
     * same as Python's statistics.quantiles(method="inclusive"), which gives
     * 11.5, 25.0 and 38.5 for [10, 40, 20, 30] at 5%, 50%, 95%, and 1.6 for
     * [5, 5, 5, 1] at 5%. */
    double v[4] = { 10, 40, 20, 30 }, w[4] = { 5, 5, 5, 1 };
    const double ps[5] = { 0.05, 0.5, 0.95, 0, 1 };
    double q[5];
    sroi_quantiles(v, 4, ps, 5, q);
    cr_expect(fabs(q[0] - 11.5) < 1e-12 && fabs(q[1] - 25) < 1e-12 && fabs(q[2] - 38.5) < 1e-12);
    cr_expect(q[3] == 10 && q[4] == 40);
    sroi_quantiles(w, 4, ps, 1, q);
    cr_expect(fabs(q[0] - 1.6) < 1e-12, "%g", q[0]);
    double one = 7;
    sroi_quantiles(&one, 1, ps, 3, q);
    cr_expect(q[0] == 7 && q[1] == 7 && q[2] == 7);
}
