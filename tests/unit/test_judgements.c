/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_judgements.c — the reviewer's columns of an outcome
 * (stdlib/sroi/sroi_judgements.c; docs/METHOD.md §1.12): an outcome judged
 * not material is listed but left out of every total, its reason required;
 * grades of evidence on GRADE's scale; distance travelled; each refusal
 * located.  Expected figures are worked out by hand in the comments.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

FIXTURE_SUITE(judgements, 1000, 1, 1);

#define run_ok(text)                        fixture_run_ok(I, text)
#define num(expr)                           fixture_num(I, expr)
#define expect_error(text, want, line, col) fixture_expect_error(I, text, want, line, col)

/* job: 4 × 3000 × 0.75 = 9000 EUR a year, 2 years, drop-off 50%:
 * PV = 9000 / 1.035 + 4500 / 1.035² = 8695.652 + 4200.798 = 12896.450 EUR.
 * noise: −1000 EUR in year 1, PV −966.184 EUR. */
static const char *MODEL = "model m \"M\" {\n"
                           "  stakeholder p \"People\"\n"
                           "  stakeholder town \"Town\"\n"
                           "  input grant \"Grant\" = 10_000 EUR { funder = \"City\" }\n"
                           "  outcome job \"Job\" for p {\n"
                           "    quantity = 4, proxy = 3_000 EUR, duration = 2 year\n"
                           "    deadweight = 25%, dropoff = 50%\n"
                           "    proxy_evidence = \"moderate\", quantity_evidence = \"high\"\n"
                           "    distance = { before: 2.1, after: 3.4, scale: [1, 5] }\n"
                           "  }\n"
                           "  outcome noise \"Noise\" for town {\n"
                           "    quantity = 10, proxy = -100 EUR, attribution = 0%\n"
                           "  }\n"
                           "}\n"
                           "let judged = m with { noise.material = false,\n"
                           "  noise.material_reason = \"under 10% of the value\" }\n";

static bool truth(const char *expr)
{
    Value v;
    cr_assert(interp_run_string(I, "expr.impact", expr, &v) && v.kind == V_BOOL, "%s", expr);
    return v.as.boolean;
}

Test(judgements, not_material_is_listed_and_left_out_of_every_total)
{
    run_ok(MODEL);
    /* all material: 12896.450 − 966.184 = 11930.266 EUR, ratio 1.1930 */
    EXPECT_NEAR("present_value(m) / (1 EUR)", 9000 / 1.035 + 4500 / (1.035 * 1.035) - 1000 / 1.035);
    /* noise left out: 12896.450 EUR, ratio 1.289645; negative value 0 */
    EXPECT_NEAR("present_value(judged) / (1 EUR)", 9000 / 1.035 + 4500 / (1.035 * 1.035));
    EXPECT_NEAR("sroi(judged)", (9000 / 1.035 + 4500 / (1.035 * 1.035)) / 10000);
    EXPECT_NEAR("judged.negative_value / (1 EUR)", 0);
    EXPECT_NEAR("stakeholder_value(judged).town / (1 EUR)", 0);
    /* and by funder: the City's euro buys the material value only */
    EXPECT_NEAR("sroi(judged, funder: \"City\")", (9000 / 1.035 + 4500 / (1.035 * 1.035)) / 10000);
    /* the Guide's payback: 10000 / (9000 / 12) = 13.33 months (noise's −1000 left out) */
    EXPECT_NEAR("judged.payback.guide_months", 10000 / (9000.0 / 12));
    /* still listed, with its own figures */
    EXPECT_NEAR("judged.noise.present_value / (1 EUR)", -1000 / 1.035);
    cr_expect(!truth("judged.noise.material"));
    cr_expect(truth("judged.job.material"));
}

Test(judgements, grades_and_distance_are_carried)
{
    run_ok(MODEL);
    Value v;
    cr_assert(interp_run_string(I, "e.impact", "m.job.proxy_evidence", &v) && v.kind == V_STR);
    cr_expect_str_eq(as_str(v)->data, "moderate");
    value_release(v);
    /* 3.4 − 2.1 = 1.3 on a scale of width 4: 32.5% */
    EXPECT_NEAR("m.job.distance.change", 1.3);
    EXPECT_NEAR("m.job.distance.share_of_scale", 0.325);
    EXPECT_NEAR("m.job.distance.scale_max", 5);
}

Test(judgements, refusals_are_located)
{
    run_ok(MODEL);
    static const char *HEAD = "model q \"Q\" {\n"
                              "  stakeholder p \"P\"\n"
                              "  input a \"A\" = 100 EUR\n"
                              "  outcome o \"O\" for p {\n"
                              "    quantity = 1, proxy = 500 EUR\n";
    char text[1024];
    snprintf(text, sizeof text, "%s    material = false\n  }\n}\n", HEAD);
    expect_error(text, "judged not material but gives no reason", 6, 5);
    snprintf(text, sizeof text, "%s    material = \"no\"\n  }\n}\n", HEAD);
    expect_error(text, "must be true or false", 6, 5);
    snprintf(text, sizeof text, "%s    proxy_evidence = \"moderat\"\n  }\n}\n", HEAD);
    expect_error(text, "did you mean 'moderate'?", 6, 5);
    snprintf(text, sizeof text, "%s    quantity_evidence = 3\n  }\n}\n", HEAD);
    expect_error(text, "is not a grade of evidence", 6, 5);
    snprintf(text, sizeof text,
             "%s    distance = { before: 2.1, after: 6, scale: [1, 5] }\n  }\n}\n", HEAD);
    expect_error(text, "score after (6)", 6, 5);
    snprintf(text, sizeof text,
             "%s    distance = { befor: 2.1, after: 3, scale: [1, 5] }\n  }\n}\n", HEAD);
    expect_error(text, "did you mean 'before'?", 6, 5);
    snprintf(text, sizeof text, "%s    distance = { before: 2, after: 3, scale: [5, 1] }\n  }\n}\n",
             HEAD);
    expect_error(text, "lowest first", 6, 5);
    snprintf(text, sizeof text, "%s    distance = { before: 2, after: 3 }\n  }\n}\n", HEAD);
    expect_error(text, "has no scale", 6, 5);
    snprintf(text, sizeof text,
             "%s    distance = { before: 2 EUR, after: 3, scale: [1, 5] }\n  }\n}\n", HEAD);
    expect_error(text, "must be a plain number", 6, 5);
    /* a field misspelt: the outcome's field list knows the new names */
    snprintf(text, sizeof text, "%s    materal = false\n  }\n}\n", HEAD);
    expect_error(text, "did you mean 'material'?", 6, 5);
}

Test(judgements, uncertain_totals_leave_it_out_in_every_sample)
{
    run_ok("model u \"U\" {\n"
           "  stakeholder p \"P\"\n"
           "  input a \"A\" = 10_000 EUR\n"
           "  outcome job \"Job\" for p { quantity = 4, proxy = 3000 EUR,\n"
           "    deadweight = pert(10%, 25%, 40%) }\n"
           "  outcome noise \"Noise\" for p { quantity = uniform(5, 15), proxy = -100 EUR,\n"
           "    deadweight = 0%, material = false, material_reason = \"small\" }\n"
           "}\n");
    /* sample by sample, the total is job's present value alone (the samples
     * path of sroi_calc.c, not the central point's) */
    Value v;
    cr_assert(interp_run_string(I, "e.impact", "present_value(u) - u.job.present_value", &v));
    cr_assert_eq(v.kind, V_DIST);
    double worst = 0;
    for (size_t s = 0; s < as_dist(v)->n; s++) worst = fmax(worst, fabs(as_dist(v)->stored[s]));
    cr_expect(worst < 1e-9, "a sample's total differs from job's value by %g", worst);
    value_release(v);
}
