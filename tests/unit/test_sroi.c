/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_sroi.c — the SROI engine (stdlib/sroi*.c): arithmetic, conventions,
 * partial ratios, payback, scenarios, uncertain models, validation and the
 * parameter API.
 *
 * Every expected figure comes from tests/golden/sroi_expected.py, an
 * independent python3 recomputation written from docs/METHOD.md §1.2-1.6 (run it
 * to see the figures); they are checked to 1e-6 relative.  The "trap" model
 * is chosen so that each wrong convention gives a different answer:
 * additive deflators (employment impact 48000 instead of 60480), drop-off
 * applied in year 1, an undiscounted first year (total 184672.05 instead of
 * 178427.10) or an ignored partial year would each fail a test here.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/sroi/sroi.h"
#include "stdlib/sroi/report.h"
#include "stdlib/sroi/sroi_internal.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

FIXTURE_SUITE(sroi, 1000, 1, 1);

#define run_ok(text)        fixture_run_ok(I, text)
#define eval(expr)          fixture_eval(I, "expr.impact", expr)
#define num(expr)           fixture_num(I, expr)
#define error_message(text) fixture_error_message(I, text)

static const char *TRAP = "model trap \"Trap\" {\n"
                          "  discount = 3.5%\n"
                          "  stakeholder people \"Participants\"\n"
                          "  stakeholder state \"State\"\n"
                          "  stakeholder neighbours \"Neighbours\"\n"
                          "  input grant \"Grant\" = 50_000 EUR { funder = \"Métropole\" }\n"
                          "  input fse \"ESF\" = 30_000 EUR { funder = \"FSE\" }\n"
                          "  input volunteers \"Volunteer time\" = 10_000 EUR { in_kind = true }\n"
                          "  outcome employment \"Job\" for people {\n"
                          "    quantity = 20\n"
                          "    proxy = 6000 EUR\n"
                          "    duration = 3 year\n"
                          "    deadweight = 30%\n"
                          "    displacement = 10%\n"
                          "    attribution = 20%\n"
                          "    dropoff = 25%\n"
                          "  }\n"
                          "  outcome savings \"Benefits saved\" for state {\n"
                          "    quantity = 10\n"
                          "    proxy = 4000 EUR\n"
                          "    duration = 2 year\n"
                          "    start = 2\n"
                          "    deadweight = 20%\n"
                          "    attribution = 25%\n"
                          "    dropoff = 50%\n"
                          "  }\n"
                          "  outcome nuisance \"Noise\" for neighbours {\n"
                          "    quantity = 50\n"
                          "    proxy = -100 EUR\n"
                          "    deadweight = 10%\n"
                          "  }\n"
                          "  outcome wellbeing \"Wellbeing\" for people {\n"
                          "    quantity = 15\n"
                          "    proxy = 2000 EUR\n"
                          "    duration = 18 month\n"
                          "    deadweight = 25%\n"
                          "    attribution = 40%\n"
                          "    dropoff = 20%\n"
                          "  }\n"
                          "}\n";

/* ---- arithmetic ------------------------------------------------------------ */

Test(sroi, impact_is_multiplicative)
{
    run_ok(TRAP);
    /* 20 × 6000 × 0.7 × 0.9 × 0.8 = 60480 (additive 1 − 30% − 10% − 20% would give 48000) */
    EXPECT_NEAR("trap.employment.impact", 60480);
    EXPECT_NEAR("trap.employment.gross", 120000);
    /* deductions in order deadweight, displacement, attribution: 36000, 8400, 15120 */
    EXPECT_NEAR("trap.employment.deductions.deadweight", 36000);
    EXPECT_NEAR("trap.employment.deductions.displacement", 8400);
    EXPECT_NEAR("trap.employment.deductions.attribution", 15120);
}

Test(sroi, dropoff_starts_in_the_second_year)
{
    run_ok(TRAP);
    /* V(1) = 60480, V(2) = 60480 × 0.75 = 45360, V(3) = 34020 (by hand) */
    EXPECT_NEAR("trap.employment.values[0]", 60480);
    EXPECT_NEAR("trap.employment.values[1]", 45360);
    EXPECT_NEAR("trap.employment.values[2]", 34020);
    /* start = 2 shifts the stream: impact 10 × 4000 × 0.8 × 0.75 = 24000; nothing in
     * year 1, 24000 in year 2 (first year of effect: no drop-off), 12000 in year 3 */
    EXPECT_NEAR("trap.savings.values[0]", 0);
    EXPECT_NEAR("trap.savings.values[1]", 24000);
    EXPECT_NEAR("trap.savings.values[2]", 12000);
    /* 18 months: year 2 counts half: 13500 × 0.8 × 0.5 = 5400 */
    EXPECT_NEAR("trap.wellbeing.values[1]", 5400);
}

Test(sroi, present_values_follow_the_guide)
{
    run_ok(TRAP);
    /* sroi_expected.py, convention "guide" */
    EXPECT_NEAR("trap.employment.present_value", 131462.91882414182);
    EXPECT_NEAR("trap.savings.present_value", 33227.56927680994);
    EXPECT_NEAR("trap.nuisance.present_value", -4347.826086956522);
    EXPECT_NEAR("trap.wellbeing.present_value", 18084.43604284814);
    EXPECT_NEAR("present_value(trap)", 178427.0980568434);
    EXPECT_NEAR("inputs_total(trap)", 90000);
    EXPECT_NEAR("npv(trap)", 88427.09805684339);
    EXPECT_NEAR("sroi(trap)", 1.9825233117427044);
    EXPECT_NEAR("net_sroi(trap)", 0.9825233117427044);
    EXPECT_NEAR("trap.positive_value", 178427.0980568434 + 4347.826086956522);
    EXPECT_NEAR("trap.negative_value", -4347.826086956522);
}

Test(sroi, payback_three_ways)
{
    run_ok(TRAP);
    /* Guide: 90000 / (93480 / 12); discounted cumulative with interpolation (sroi_expected.py) */
    EXPECT_NEAR("payback(trap).guide_months", 11.553273427471117);
    EXPECT_NEAR("payback(trap).discounted_months", 15.932335473515248);
    /* year-1 values: 60480 + 13500 − 4500 = 69480 → 90000 / (69480 / 12) (by hand) */
    EXPECT_NEAR("payback(trap).year1_months", 90000.0 / (69480.0 / 12));
}

Test(sroi, partial_ratios)
{
    run_ok(TRAP);
    /* public money only: PV / 50000 (sroi_expected.py "public") */
    EXPECT_NEAR("sroi(trap, funder: \"Métropole\")", 3.5685419611368676);
    EXPECT_NEAR("sroi(trap, inputs: [\"grant\"])", 3.5685419611368676);
    /* the State's return: savings PV / all inputs */
    EXPECT_NEAR("sroi(trap, stakeholders: [\"state\"])", 0.3691952141867771);
    /* both: savings PV / grant */
    EXPECT_NEAR("sroi(trap, stakeholders: [\"state\"], funder: \"Métropole\")",
                33227.56927680994 / 50000);
    EXPECT_NEAR("stakeholder_value(trap).people", 149547.35486698995);
    EXPECT_NEAR("stakeholder_value(trap).neighbours", -4347.826086956522);
    EXPECT_NEAR("trap.stakeholders[0].share", 149547.35486698995 / 178427.0980568434);
}

Test(sroi, discounting_conventions_and_horizon)
{
    run_ok(TRAP);
    /* sroi_expected.py, conventions first_year_undiscounted and none, and horizon 2 */
    EXPECT_NEAR("present_value(trap with { discounting = \"first_year_undiscounted\" })",
                184672.04648883292);
    EXPECT_NEAR("present_value(trap with { discounting = \"none\" })", 190260.0);
    EXPECT_NEAR("sroi(trap with { horizon = 2 })", 1.5213299415777888);
}

Test(sroi, green_book_declining_schedule)
{
    /* docs/METHOD.md §1.4, chained factors of the Green Book's declining schedule */
    const int t[] = { 0, 1, 10, 30, 31, 40, 75, 100 };
    const double d[] = {
        1.0, 0.966184, 0.708919, 0.356278, 0.345901, 0.265105, 0.094214, 0.050818
    };
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
        cr_expect(fabs(sroi_green_book_factor(t[k]) - d[k]) < 1e-6, "D_%d = %.7f, expected %.6f",
                  t[k], sroi_green_book_factor(t[k]), d[k]);
    /* the bands after 100 years chain the same way: D_126 = D_125 / 1.02, D_301 = D_300 / 1.01 */
    cr_expect(fabs(sroi_green_book_factor(126) * 1.02 - sroi_green_book_factor(125)) < 1e-15);
    cr_expect(fabs(sroi_green_book_factor(301) * 1.01 - sroi_green_book_factor(300)) < 1e-15);
    run_ok(TRAP);
    /* TRAP's years are all within 30: the schedule is the Guide at 3.5% there */
    EXPECT_NEAR("present_value(trap with { discounting = \"green_book_declining\" })",
                178427.0980568434);
}

Test(sroi, inputs_in_later_years_are_discounted)
{
    run_ok(TRAP);
    /* fse in year 1, volunteers in year 2: PV(inputs) = 88320.61425004085 (sroi_expected.py) */
    run_ok("let later = trap with { fse.year = 1, volunteers.year = 2 }");
    EXPECT_NEAR("later.inputs_present_value", 88320.61425004085);
    EXPECT_NEAR("sroi(later)", 2.020220302722372);
    EXPECT_NEAR("inputs_total(later)", 90000);
}

Test(sroi, scenarios_change_a_copy)
{
    run_ok(TRAP);
    /* employment deadweight 40%: impact 20 × 6000 × 0.6 × 0.9 × 0.8 = 51840 (by hand) */
    run_ok("let worse = trap with { employment.deadweight = 40%, discount = 4.5% }");
    EXPECT_NEAR("worse.employment.impact", 51840);
    EXPECT_NEAR("trap.employment.impact", 60480);
    /* PV at 4.5%: 51840 (1/1.045 + 0.75/1.045^2 + 0.5625/1.045^3) = 111928.3766... (python3) */
    EXPECT_NEAR("worse.employment.present_value",
                51840 * (1 / 1.045 + 0.75 / pow(1.045, 2) + 0.5625 / pow(1.045, 3)));
    cr_expect(strstr(error_message("trap with { employmnet.deadweight = 40% }"),
                     "did you mean 'employment'"));
    cr_expect(strstr(error_message("trap with { employment.deadwieght = 40% }"),
                     "did you mean 'deadweight'"));
    cr_expect(strstr(error_message("trap with { employment.deadweight = 140% }"), "140%"));
}

Test(sroi, profile_replaces_dropoff)
{
    /* profile [50%, 100%, 60%]: values 500, 1000, 600 → PV = 500/1.035 + 1000/1.035^2 + 600/1.035^3 */
    run_ok("model p { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
           " outcome o \"O\" for a { quantity = 1\n proxy = 1000 EUR\n profile = [50%, 100%, 60%] "
           "} }");
    EXPECT_NEAR("present_value(p)", 500 / 1.035 + 1000 / pow(1.035, 2) + 600 / pow(1.035, 3));
    cr_expect(strstr(
        error_message("model q { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
                      " outcome o \"O\" for a { quantity = 1\n proxy = 1000 EUR\n dropoff = 10%\n"
                      " profile = [50%] } }"),
        "both a profile and a drop-off"));
}

Test(sroi, a_zero_dropoff_goes_with_a_profile)
{
    /* dropoff = 0% says "no decline": accepted with a profile, same PV as without it */
    run_ok("model z { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
           " outcome o \"O\" for a { quantity = 1\n proxy = 1000 EUR\n dropoff = 0%\n profile = "
           "[50%, 100%] } }");
    EXPECT_NEAR("present_value(z)", 500 / 1.035 + 1000 / pow(1.035, 2));
}

Test(sroi, a_scenario_switches_between_dropoff_and_profile)
{
    /* base: 1000 a year for 4 years, drop-off 25%: 1000, 750, 562.5, 421.875 */
    run_ok("model d { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
           " outcome o \"O\" for a { quantity = 1\n proxy = 1000 EUR\n duration = 4 year\n dropoff "
           "= 25% } }");
    /* the profile replaces the drop-off and the duration: 500, 1000, 600 */
    run_ok("let p = d with { o.profile = [50%, 100%, 60%] }");
    EXPECT_NEAR("present_value(p)", 500 / 1.035 + 1000 / pow(1.035, 2) + 600 / pow(1.035, 3));
    EXPECT_NEAR("p.o.duration", 3);
    /* a drop-off replaces the profile and keeps its 3 years: 1000, 800, 640 */
    run_ok("let q = p with { o.dropoff = 20% }");
    EXPECT_NEAR("present_value(q)", 1000 / 1.035 + 800 / pow(1.035, 2) + 640 / pow(1.035, 3));
    EXPECT_NEAR("q.o.duration", 3);
    /* unless the scenario gives the duration too: 1000, 800 */
    run_ok("let r = p with { o.dropoff = 20%, o.duration = 2 year }");
    EXPECT_NEAR("present_value(r)", 1000 / 1.035 + 800 / pow(1.035, 2));
    /* both, non-zero, in one scenario: refused like a declaration */
    cr_expect(strstr(error_message("let x = d with { o.profile = [50%], o.dropoff = 10% }"),
                     "both a profile and a drop-off"));
}

Test(sroi, an_empty_selection_is_an_error)
{
    run_ok(TRAP);
    cr_expect(strstr(error_message("sroi(trap, stakeholders: [])"),
                     "the list given to stakeholders: is empty"));
    cr_expect(strstr(error_message("present_value(trap, outcomes: [])"),
                     "the list given to outcomes: is empty"));
    cr_expect(
        strstr(error_message("sroi(trap, inputs: [])"), "the list given to inputs: is empty"));
}

Test(sroi, leakage_is_a_fifth_deflator)
{
    /* 10 × 100 × 0.9 (leakage 10%) = 900; PV 900 / 1.035 */
    run_ok("model l { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
           " outcome o \"O\" for a { quantity = 10\n proxy = 100 EUR\n deadweight = 0%\n leakage = "
           "10% } }");
    EXPECT_NEAR("l.o.impact", 900);
    EXPECT_NEAR("present_value(l)", 900 / 1.035);
}

/* ---- uncertain models ---------------------------------------------------------- */

/* A distribution with known samples, bound as a global. */
static void define_dist(const char *name, const double *s, size_t n)
{
    Value d = value_dist_new(n);
    memcpy(as_dist(d)->stored, s, sizeof(double) * n);
    interp_define(I, name, d);
    value_release(d);
}

Test(sroi, distributions_give_distributions_sample_by_sample)
{
    const double dw[4] = { 0.1, 0.2, 0.3, 0.4 };
    define_dist("dw", dw, 4);
    run_ok("model u { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
           " outcome o \"O\" for a { quantity = 10\n proxy = 200 EUR\n deadweight = dw\n duration "
           "= 2 year\n dropoff = 50% } }");
    Value r = eval("sroi(u)");
    cr_assert_eq(r.kind, V_DIST);
    cr_assert_eq(as_dist(r)->n, 4);
    for (int s = 0; s < 4; s++) {
        /* by hand: 2000 × (1 − dw) × (1/1.035 + 0.5/1.035²) / 1000 */
        double want = 2000 * (1 - dw[s]) * (1 / 1.035 + 0.5 / (1.035 * 1.035)) / 1000;
        cr_expect(fabs(as_dist(r)->stored[s] - want) < 1e-9, "sample %d: %g vs %g", s,
                  as_dist(r)->stored[s], want);
    }
    value_release(r);
    const SroiModel *m;
    Value mv = eval("u");
    m = sroi_model(mv);
    cr_assert(m);
    cr_expect_eq(sroi_sample_count(m), 4);
    double out[4];
    cr_assert(sroi_eval_samples(I, m, SROI_NPV, out, 4));
    cr_expect(fabs(out[3] - (2000 * 0.6 * (1 / 1.035 + 0.5 / (1.035 * 1.035)) - 1000)) < 1e-9);
    value_release(mv);
}

Test(sroi, percent_samples_outside_the_range_are_refused)
{
    const double dw[4] = { 0.1, 0.2, 1.3, -0.1 };
    define_dist("dw", dw, 4);
    const char *msg = error_message(
        "model u { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
        " outcome o \"O\" for a { quantity = 10\n proxy = 200 EUR\n deadweight = dw } }");
    cr_expect(strstr(msg, "2 of its 4 samples fall outside 0%..100%"), "%s", msg);
}

/* ---- parameter API ------------------------------------------------------------- */

Test(sroi, parameters_and_point_evaluation)
{
    run_ok(TRAP);
    Value mv = eval("trap");
    const SroiModel *m = sroi_model(mv);
    const SroiParam *params;
    size_t n = sroi_params(m, &params);
    /* 4 outcomes × 7 + 3 inputs + discount */
    cr_assert_eq(n, 32);
    cr_expect_str_eq(params[2].name, "employment.deadweight");
    cr_expect_eq(params[2].kind, PARAM_DEADWEIGHT);
    cr_expect_str_eq(params[n - 1].name, "discount");
    double x[32];
    sroi_central_point(m, x);
    cr_expect(fabs(sroi_eval_point(m, x, SROI_RATIO) - 1.9825233117427044) < 1e-9);
    /* employment deadweight 0.4 at the point: PV drops by (60480 − 51840) × annuity (python3) */
    x[2] = 0.4;
    double annuity = 1 / 1.035 + 0.75 / pow(1.035, 2) + 0.5625 / pow(1.035, 3);
    cr_expect(fabs(sroi_eval_point(m, x, SROI_PV) - (178427.0980568434 - 8640 * annuity)) < 1e-6);
    cr_expect(fabs(sroi_eval_point(m, x, SROI_NPV) - (178427.0980568434 - 8640 * annuity - 90000)) <
              1e-6);
    value_release(mv);
}

/* ---- validation ------------------------------------------------------------------ */

static const char *outcome_error(const char *fields)
{
    static char text[1024];
    snprintf(text, sizeof text,
             "model v { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
             " outcome employment \"O\" for a { quantity = 40\n %s } }",
             fields);
    return error_message(text);
}

Test(sroi, validation_messages)
{
    cr_expect(strstr(
        outcome_error("proxy = 9000 EUR\n deadweight = 120%"),
        "deadweight of outcome 'employment' is 120%: a deadweight must lie between 0% and 100%"));
    cr_expect(strstr(outcome_error("proxy = 9000"),
                     "proxy of outcome 'employment' is 9000 (a plain number): a proxy is money per "
                     "unit and per year"));
    cr_expect(strstr(outcome_error("proxy = 9000 EUR\n duration = 3"), "a duration is a time"));
    cr_expect(strstr(outcome_error("proxy = 9000 EUR\n start = 3"), "start must be 1"));
    cr_expect(
        strstr(outcome_error("proxy = 9000 EUR\n deadwieght = 3%"), "did you mean 'deadweight'"));
    cr_expect(strstr(outcome_error("proxy = 9000 EUR\n attribution = 5 EUR"),
                     "a attribution is a share") ||
              strstr(outcome_error("proxy = 9000 EUR\n attribution = 5 EUR"), "is a share"));
    cr_expect(strstr(error_message("model v { stakeholder a \"A\"\n outcome o \"O\" for a { "
                                   "quantity = 1\n proxy = 1 EUR } }"),
                     "a model needs at least one input"));
    cr_expect(strstr(
        error_message("model v { stakeholder entrepreneurs \"A\"\n input i \"I\" = 1 EUR\n"
                      " outcome o \"O\" for entrepreneur { quantity = 1\n proxy = 1 EUR } }"),
        "did you mean 'entrepreneurs'"));
    cr_expect(strstr(error_message("model v { stakeholder a \"A\"\n input i \"I\" = 1000\n }"),
                     "an input is money"));
    cr_expect(
        strstr(error_message(
                   "model v { stakeholder a \"A\"\n stakeholder a \"B\"\n input i \"I\" = 1 EUR }"),
               "declared twice"));
    cr_expect(strstr(error_message("model v { stakeholder a \"A\"\n input i \"I\" = 1 EUR\n"
                                   " outcom o \"O\" for a { quantity = 1 } }"),
                     "did you mean 'outcome'"));
    cr_expect(strstr(
        error_message("model v { discout = 3%\n stakeholder a \"A\"\n input i \"I\" = 1 EUR }"),
        "did you mean 'discount'"));
    cr_expect(strstr(outcome_error("proxy = 9000 EUR\n quantity = 3 EUR"), "set twice") != NULL);
}

Test(sroi, outcome_subsets_domains_and_inputs)
{
    run_ok(TRAP);
    /* the employment outcome alone over all inputs: 131462.91882414182 / 90000 (sroi_expected.py) */
    EXPECT_NEAR("sroi(trap, outcomes: [\"employment\"])", 131462.91882414182 / 90000);
    /* outcomes of people (employment + wellbeing) over the in-kind input only */
    EXPECT_NEAR("present_value(trap, stakeholders: [\"people\"])", 149547.35486698995);
    EXPECT_NEAR("inputs_total(trap, inputs: [\"fse\", \"volunteers\"])", 40000);
    run_ok("let later = trap with { fse.year = 2 }");
    /* 30000 / 1.035² = 28005.32 (by hand) */
    EXPECT_NEAR("later.inputs[1].present_value", 30000 / (1.035 * 1.035));
    run_ok("model d { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
           " outcome x \"X\" for a { quantity = 1\n proxy = 100 EUR\n deadweight = 0%\n domain = "
           "\"D1\" }\n"
           " outcome y \"Y\" for a { quantity = 1\n proxy = 200 EUR\n deadweight = 0%\n domain = "
           "\"D2\" }\n"
           " outcome z \"Z\" for a { quantity = 1\n proxy = 300 EUR\n deadweight = 0%\n domain = "
           "\"D1\" } }");
    /* D1 = (100 + 300) / 1.035, D2 = 200 / 1.035 */
    EXPECT_NEAR("domain_value(d).D1", 400 / 1.035);
    EXPECT_NEAR("domain_value(d).D2", 200 / 1.035);
}

Test(sroi, no_payback_is_said_in_words)
{
    /* 100 EUR a year for one year cannot repay 1000 EUR */
    run_ok("model n { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
           " outcome x \"X\" for a { quantity = 1\n proxy = 100 EUR\n deadweight = 0% } }");
    Value v = eval("payback(n).discounted_months");
    cr_assert_eq(v.kind, V_STR);
    cr_expect_str_eq(as_str(v)->data, "no payback within the horizon");
    value_release(v);
    /* a negative annual impact: the report says what payback(M) says */
    run_ok("model neg { stakeholder a \"A\"\n input i \"I\" = 1000 EUR\n"
           " outcome x \"X\" for a { quantity = 1\n proxy = -100 EUR\n deadweight = 0% } }");
    v = eval("payback(neg).guide_months");
    cr_assert_eq(v.kind, V_STR);
    cr_expect_str_eq(as_str(v)->data, "no payback: the annual impact is not positive");
    value_release(v);
    Value m = eval("neg");
    StrBuf b;
    sb_init(&b);
    sroi_report_text(I, sroi_model(m), &b);
    cr_expect(
        strstr(b.data, "payback (Guide formula)  no payback: the annual impact is not positive"),
        "%s", b.data);
    sb_free(&b);
    value_release(m);
    /* the Guide's formula still gives 1000 / (100 / 12) = 120 months */
    EXPECT_NEAR("payback(n).guide_months", 120);
}

Test(sroi, parameter_ranges)
{
    run_ok(TRAP);
    Value mv = eval("trap");
    const SroiParam *p;
    size_t n = sroi_params(sroi_model(mv), &p);
    for (size_t k = 0; k < n; k++) {
        if (p[k].kind == PARAM_DEADWEIGHT || p[k].kind == PARAM_DISCOUNT)
            cr_expect(p[k].lo == 0 && p[k].hi == 1, "%s range", p[k].name);
        if (p[k].kind == PARAM_INPUT) cr_expect(p[k].input >= 0 && p[k].outcome == -1);
    }
    cr_expect_eq(p[7].outcome, 1); /* savings.quantity */
    cr_expect_str_eq(p[7].name, "savings.quantity");
    value_release(mv);
}

/* ---- the Monte Carlo kernel -------------------------------------------------
 * sroi_collect_many() evaluates the samples in blocks, field by field; each
 * sample must get exactly the bits of a point evaluation of that sample
 * (sroi_eval_totals), for every convention at once, and the same bytes
 * whatever the number of threads. */

static const char *RICH =
    "model rich \"Rich\" {\n"
    "  discount = uniform(2%, 5%)\n"
    "  horizon = 4\n"
    "  stakeholder a \"A\"\n  stakeholder b \"B\"\n"
    "  input now \"Now\" = 50_000 EUR\n"
    "  input later \"Later\" = normal(20_000 EUR, 1000 EUR) { year = 1 }\n"
    "  outcome o1 \"O1\" for a {\n    quantity = normal(40, 4)\n    proxy = pert(2000 EUR, 3000 "
    "EUR, 5000 EUR)\n"
    "    deadweight = uniform(10%, 30%)\n    leakage = 5%\n    dropoff = uniform(10%, 40%)\n"
    "    duration = uniform(1.5, 4.5) * 1 year\n    domain = \"work\"\n  }\n"
    "  outcome o2 \"O2\" for b {\n    quantity = 12\n    proxy = 900 EUR\n    start = 2\n"
    "    profile = [100%, 60%, 30%]\n    attribution = pert(10%, 20%, 50%)\n    domain = "
    "\"health\"\n  }\n"
    "  outcome o3 \"O3\" for a {\n    quantity = normal(30, 3)\n    proxy = -150 EUR\n    duration "
    "= 18 month\n"
    "    deadweight = 10%\n    dropoff = 50%\n  }\n"
    "}\n";

static double pick_pv_t(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv;
}
static double pick_neg_t(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv_negative;
}
static double pick_in_t(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->inputs_pv;
}
static double pick_y1_t(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->year1_value;
}
static double pick_ann_t(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->annual_impact;
}
static double pick_st_t(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->stakeholder_pv[1];
}
static double pick_dom_t(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->domain_pv[0];
}
static double pick_year3_t(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->year_pv[3];
}

Test(sroi, kernel_matches_point_evaluation_bit_for_bit)
{
    interp_settings(I)->samples = 3000;
    run_ok(RICH);
    Value mv = eval("rich");
    const SroiModel *m = sroi_model(mv);
    cr_assert(m && m->n_samples == 3000);
    enum { K = 8 };
    const SroiPick picks[K] = { pick_pv_t,  pick_neg_t, pick_in_t,  pick_y1_t,
                                pick_ann_t, pick_st_t,  pick_dom_t, pick_year3_t };
    double *outs[K];
    for (int j = 0; j < K; j++) outs[j] = malloc(sizeof(double) * m->n_samples);
    cr_assert(sroi_collect_many(I, m, NULL, K, picks, NULL, true, outs));
    double x[64], leak[8], st[4], dom[4], years[8], values[8];
    cr_assert(m->max_years < 8);
    SroiOutcomeArrays a[3];
    for (size_t i = 0; i < 3; i++) cr_assert(sroi_outcome_arrays(I, m, i, SROI_ARRAY_ALL, &a[i]));
    double *imp[3], *pv[3];
    for (int i = 0; i < 3; i++) {
        imp[i] = malloc(sizeof(double) * 3000);
        pv[i] = malloc(sizeof(double) * 3000);
    }
    cr_assert(sroi_outcome_values(I, m, 0, 3, imp, pv));
    size_t bad = 0;
    for (size_t s = 0; s < m->n_samples; s++) {
        SroiTotals t = { .stakeholder_pv = st, .domain_pv = dom, .year_pv = years };
        sroi_sample_point(m, s, x, leak);
        sroi_eval_totals(m, x, leak, NULL, &t);
        for (int j = 0; j < K; j++)
            bad += memcmp(&outs[j][s], &(double){ picks[j](m, &t, NULL) }, sizeof(double)) != 0;
        /* each outcome's arrays, by blocks of samples, against the point
         * evaluation of that outcome at sample s */
        for (size_t i = 0; i < 3; i++) {
            SroiOutcomeResult r = { .values = values };
            sroi_eval_outcome(m, x, leak, i, &r);
            bad += imp[i][s] != r.impact || pv[i][s] != r.pv;
            bad += a[i].impact[s] != r.impact || a[i].pv[s] != r.pv || a[i].gross[s] != r.gross;
            for (int k = 0; k < 4; k++) bad += a[i].deduction[k][s] != r.deduction[k];
            for (int y = 1; y <= m->max_years; y++) bad += a[i].values[y][s] != values[y];
        }
    }
    cr_expect_eq(bad, 0, "%zu figures differ from the point evaluation", bad);
    for (int j = 0; j < K; j++) free(outs[j]);
    for (int i = 0; i < 3; i++) {
        sroi_outcome_arrays_free(m, &a[i]);
        free(imp[i]);
        free(pv[i]);
    }
    value_release(mv);
}

Test(sroi, report_identical_whatever_the_thread_count)
{
    /* The value map (quantiles of every figure, computed in parallel) and
     * the ratio's samples, at 100000 samples with 1 and 3 threads. */
    char *texts[2];
    double sums[2];
    int threads[2] = { 1, 3 };
    for (int k = 0; k < 2; k++) {
        Settings s = { .samples = 100000,
                       .seed = 3,
                       .min_cell = 11,
                       .format = FORMAT_TEXT,
                       .threads = threads[k] };
        Interp *J = interp_new(&s);
        stdlib_open(J);
        Value out;
        cr_assert(interp_run_string(J, "rich.impact", RICH, &out));
        value_release(out);
        cr_assert(interp_run_string(J, "r.impact", "report(rich)", &out));
        StrBuf b;
        sb_init(&b);
        value_format(J, out, &b);
        texts[k] = sb_take(&b);
        value_release(out);
        cr_assert(interp_run_string(J, "s.impact", "sroi(rich)", &out));
        cr_assert_eq(out.kind, V_DIST);
        sums[k] = 0;
        for (size_t i = 0; i < as_dist(out)->n; i++) sums[k] += as_dist(out)->stored[i];
        value_release(out);
        interp_free(J);
    }
    cr_expect_str_eq(texts[0], texts[1]);
    cr_expect(memcmp(&sums[0], &sums[1], sizeof(double)) == 0);
    free(texts[0]);
    free(texts[1]);
}
