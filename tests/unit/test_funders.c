/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_funders.c — sharing value among co-funders (stdlib/sroi/sroi_funders.c,
 * funders.c; docs/METHOD.md §1.11): funder_share = "pro_rata" or a table,
 * funder_value(M), funder_sroi(M), sroi(M, funder:) unchanged, and every
 * refusal located.
 *
 * Expected figures are worked out by hand below, from the present value of
 * the "trap" model of test_sroi.c (178427.10 EUR: tests/golden/sroi_expected.py,
 * an independent python recomputation) and its inputs: Métropole 50000 EUR,
 * FSE 30000 EUR, 10000 EUR of volunteer time with no funder.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

FIXTURE_SUITE(funders, 1000, 1, 1);

#define run_ok(text)                        fixture_run_ok(I, text)
#define num(expr)                           fixture_num(I, expr)
#define expect_error(text, want, line, col) fixture_expect_error(I, text, want, line, col)

#define TRAP_PV 178427.10 /* sroi_expected.py, convention "guide" (rounded to the cent) */

static const char *MODEL = "model trap \"Trap\" {\n"
                           "  funder_share = \"pro_rata\"\n"
                           "  stakeholder people \"Participants\"\n"
                           "  stakeholder state \"State\"\n"
                           "  stakeholder neighbours \"Neighbours\"\n"
                           "  input grant \"Grant\" = 50_000 EUR { funder = \"Métropole\" }\n"
                           "  input fse \"ESF\" = 30_000 EUR { funder = \"FSE\" }\n"
                           "  input volunteers \"Volunteer time\" = 10_000 EUR { in_kind = true }\n"
                           "  outcome employment \"Job\" for people {\n"
                           "    quantity = 20, proxy = 6000 EUR, duration = 3 year\n"
                           "    deadweight = 30%, displacement = 10%, attribution = 20%\n"
                           "    dropoff = 25%\n"
                           "  }\n"
                           "  outcome savings \"Benefits saved\" for state {\n"
                           "    quantity = 10, proxy = 4000 EUR, duration = 2 year, start = 2\n"
                           "    deadweight = 20%, attribution = 25%, dropoff = 50%\n"
                           "  }\n"
                           "  outcome nuisance \"Noise\" for neighbours {\n"
                           "    quantity = 50, proxy = -100 EUR, deadweight = 10%\n"
                           "  }\n"
                           "  outcome wellbeing \"Wellbeing\" for people {\n"
                           "    quantity = 15, proxy = 2000 EUR, duration = 18 month\n"
                           "    deadweight = 25%, attribution = 40%, dropoff = 20%\n"
                           "  }\n"
                           "}\n";

#define EXPECT_WITHIN(expr, expected, tol)                                                         \
    do {                                                                                           \
        double got_ = num(expr), want_ = (expected);                                               \
        cr_expect(fabs(got_ - want_) <= (tol), "%s = %.12g, expected %.12g", expr, got_, want_);   \
    } while (0)

Test(funders, pro_rata_attributes_value_by_share_of_inputs)
{
    run_ok(MODEL);
    /* by hand: 178427.10 × 50/90 = 99126.17, × 30/90 = 59475.70, × 10/90 = 19825.23 */
    EXPECT_WITHIN("funder_value(trap).Métropole", TRAP_PV * 50 / 90, 0.01);
    EXPECT_WITHIN("funder_value(trap).FSE", TRAP_PV * 30 / 90, 0.01);
    EXPECT_WITHIN("funder_value(trap).no_funder", TRAP_PV * 10 / 90, 0.01);
    /* the parts add up to the whole, to the last bits */
    EXPECT_WITHIN("let v = funder_value(trap)\n(v.Métropole + v.FSE + v.no_funder - "
                  "present_value(trap)) / (1 EUR)",
                  0, 1e-9);
    /* pro rata, every funder's ratio is the model's: 178427.10 / 90000 = 1.98252 */
    EXPECT_WITHIN("funder_sroi(trap).FSE", TRAP_PV / 90000, 1e-6);
    /* sroi(M, funder:) keeps its meaning: all the value per euro of the Métropole,
     * 178427.10 / 50000 = 3.56854 */
    EXPECT_WITHIN("sroi(trap, funder: \"Métropole\")", TRAP_PV / 50000, 1e-6);
}

Test(funders, a_table_gives_the_stated_shares)
{
    run_ok(MODEL);
    /* a table needs every input to name its funder: the volunteers get one */
    run_ok("let u = trap with { funder_share = { \"Métropole\": 75%, \"FSE\": 20%, \"Asso\": 5% },"
           " volunteers.funder = \"Asso\" }");
    /* by hand: 0.75 × 178427.10 = 133820.33 for 50000 EUR (2.67641) */
    EXPECT_WITHIN("funder_value(u).Métropole", TRAP_PV * 0.75, 0.01);
    EXPECT_WITHIN("funder_sroi(u).Métropole", TRAP_PV * 0.75 / 50000, 1e-6);
    /* 0.05 × 178427.10 = 8921.36 for the 10000 EUR of volunteer time */
    EXPECT_WITHIN("funder_value(u).Asso", TRAP_PV * 0.05, 0.01);
}

Test(funders, uncertain_parts_add_up_in_every_sample)
{
    run_ok("model d \"D\" {\n"
           "  funder_share = \"pro_rata\"\n"
           "  stakeholder p \"P\"\n"
           "  input a \"A\" = uniform(10_000 EUR, 20_000 EUR) { funder = \"A\" }\n"
           "  input b \"B\" = 30_000 EUR { funder = \"B\" }\n"
           "  outcome o \"O\" for p { quantity = 10, proxy = 9000 EUR,\n"
           "    deadweight = pert(10%, 20%, 40%) }\n"
           "}\n");
    Value v;
    cr_assert(interp_run_string(I, "e.impact",
                                "let f = funder_value(d)\nf.A + f.B - present_value(d)", &v));
    cr_assert_eq(v.kind, V_DIST);
    const DistObj *d = as_dist(v);
    double worst = 0;
    for (size_t s = 0; s < d->n; s++) worst = fmax(worst, fabs(d->stored[s]));
    /* present values near 70000 EUR: a sum exact to rounding */
    cr_expect(worst < 1e-9 * 1e5, "a sample's parts miss the present value by %g", worst);
    value_release(v);
    /* in sample s, A's share is a_s / (a_s + 30000): its ratio is the model's ratio */
    cr_assert(interp_run_string(I, "e.impact", "funder_sroi(d).A - sroi(d)", &v));
    d = as_dist(v);
    worst = 0;
    for (size_t s = 0; s < d->n; s++) worst = fmax(worst, fabs(d->stored[s]));
    cr_expect(worst < 1e-12, "a sample's ratio differs by %g", worst);
    value_release(v);
}

Test(funders, refusals_are_located)
{
    run_ok(MODEL);
    static const char *HEAD = "model m \"M\" {\n"
                              "  stakeholder p \"P\"\n"
                              "  input a \"A\" = 100 EUR { funder = \"Région\" }\n"
                              "  input b \"B\" = 100 EUR { funder = \"État\" }\n"
                              "  outcome o \"O\" for p { quantity = 1, proxy = 500 EUR }\n";
    char text[1024];
    /* the item of the table: line 6, byte 44 (the value after "Régio":, É and é
     * taking two bytes each) */
    snprintf(text, sizeof text, "%s  funder_share = { \"État\": 50%%, \"Régio\": 50%% }\n}\n",
             HEAD);
    expect_error(text, "did you mean 'Région'?", 6, 44);
    snprintf(text, sizeof text, "%s  funder_share = { \"État\": 50%%, \"Région\": 40%% }\n}\n",
             HEAD);
    expect_error(text, "add up to 90%", 6, 3);
    snprintf(text, sizeof text, "%s  funder_share = { \"État\": 100%% }\n}\n", HEAD);
    expect_error(text, "funder \"Région\" has inputs but no share", 6, 3);
    snprintf(text, sizeof text, "%s  funder_share = { \"État\": 150%%, \"Région\": 0%% }\n}\n",
             HEAD);
    expect_error(text, "is 150%", 6, 29);
    snprintf(text, sizeof text, "%s  funder_share = \"prorata\"\n}\n", HEAD);
    expect_error(text, "did you mean 'pro_rata'?", 6, 3);
    snprintf(text, sizeof text, "%s  funder_share = 50%%\n}\n", HEAD);
    expect_error(text, "must be \"pro_rata\", \"none\" or a table", 6, 3);
    /* an input with no funder cannot have a share in a table */
    expect_error("trap with { funder_share = { \"Métropole\": 60%, \"FSE\": 40% } }",
                 "input 'volunteers' has no funder", 8, 3);
    expect_error("funder_value(trap with { funder_share = \"none\" })",
                 "does not share its value among funders", 1, 19); /* at `with` */
}
