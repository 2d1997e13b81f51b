/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_sensitivity.c — tornado, sensitivity, tipping points and IRR
 * (stdlib/sensitivity.c), on models whose answers are known by hand.
 *
 * Every model uses discount = 0% so that PV is the plain sum of the yearly
 * values, and SROI = PV / inputs; the expected values are worked out in the
 * comments. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/interp.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

static Interp *make(void)
{
    return fixture_interp(20000, 3, 2);
}

#define eval(I, code) fixture_eval(I, "<test>", code)

static const ColumnObj *column(Value table, const char *name)
{
    cr_assert_eq(table.kind, V_TABLE);
    int j = table_find_column(as_table(table), name);
    cr_assert(j >= 0, "no column %s", name);
    return as_table(table)->cols[j];
}

static const char *text_at(Value table, const char *col, size_t row)
{
    const ColumnObj *c = column(table, col);
    return c->dict->strs[c->codes[row]];
}

static double num_at(Value table, const char *col, size_t row)
{
    return column(table, col)->num[row];
}

/* Row of parameter `name`; fails the test if absent. */
static size_t row_of(Value table, const char *name)
{
    for (size_t r = 0; r < as_table(table)->nrows; r++)
        if (strcmp(text_at(table, "parameter", r), name) == 0) return r;
    cr_assert_fail("no row for %s", name);
    return 0;
}

/* PV = a: 10 × 1000 × (1 − 20%) = 8000, b: 50 × 2000 × (1 − 50%) = 50000;
 * PV = 58000, inputs 100000, SROI 0.58. */
static const char *TIP_MODEL = "model t \"Tipping\" {\n"
                               "  discount = 0%\n"
                               "  stakeholder s \"S\"\n"
                               "  input grant \"Grant\" = 100_000 EUR\n"
                               "  outcome a \"A\" for s {\n"
                               "    quantity = 10\n"
                               "    proxy = 1000 EUR\n"
                               "    deadweight = 20%\n"
                               "  }\n"
                               "  outcome b \"B\" for s {\n"
                               "    quantity = 50\n"
                               "    proxy = 2000 EUR\n"
                               "    attribution = 50%\n"
                               "  }\n"
                               "}\n";

Test(sensitivity, tipping_points_closed_forms)
{
    Interp *I = make();
    eval(I, TIP_MODEL);
    Value t = eval(I, "tipping_points(t)");
    /* Ratio 1 needs PV = 100000.
     * a.quantity: 8000 q/10 = 100000 − 50000 → q = 62.5 (+525%)
     * a.proxy: 10 × 0.8 × p = 50000 → p = 6250
     * a.deadweight: 10000 (1 − DW) = 50000 → DW = −400%: none in range
     * b.quantity: 1000 q = 92000 → 92;  b.proxy: 25 p = 92000 → 3680
     * b.attribution: 100000 (1 − AT) = 92000 → AT = 8%
     * grant: inputs = PV = 58000
     * a.duration: 8000 d = 50000 → 6.25 years (pro rata last year)
     * b.duration: 50000 d = 92000 → 1.84 years
     * discount: 58000 / (1 + r) = 100000 → r = −42% (the social IRR). */
    struct {
        const char *name;
        double tip;
    } want[] = {
        { "a.quantity", 62.5 }, { "a.proxy", 6250 },       { "b.quantity", 92 },
        { "b.proxy", 3680 },    { "b.attribution", 0.08 }, { "grant", 58000 },
        { "a.duration", 6.25 }, { "b.duration", 1.84 },    { "discount", -0.42 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        double got = num_at(t, "tipping_value", row_of(t, want[i].name));
        cr_expect(fabs(got - want[i].tip) < 1e-9 * fmax(1, fabs(want[i].tip)),
                  "%s: tipping value %.12g, expected %g", want[i].name, got, want[i].tip);
    }
    cr_expect_float_eq(num_at(t, "relative_change", row_of(t, "a.quantity")), 5.25, 1e-12);
    cr_expect_str_eq(text_at(t, "tipping_point", row_of(t, "a.deadweight")), "none in range");
    cr_expect(isnan(num_at(t, "tipping_value", row_of(t, "a.deadweight"))));
    value_release(t);
    Value irr = eval(I, "irr(t)");
    cr_expect(fabs(irr.as.num + 0.42) < 1e-9, "irr %g", irr.as.num);
    interp_free(I);
}

Test(sensitivity, tipping_points_other_target)
{
    /* target 2: PV = 200000; a.quantity: 8000 q / 10 = 150000 → q = 187.5. */
    Interp *I = make();
    eval(I, TIP_MODEL);
    Value t = eval(I, "tipping_points(t, target: 2)");
    cr_expect_float_eq(num_at(t, "tipping_value", row_of(t, "a.quantity")), 187.5, 1e-9);
    value_release(t);
    interp_free(I);
}

/* big: 100 × 30 × (1 − 25%) = 2250; small: 10 × 20 = 200; inputs 1000;
 * SROI 2.45. */
static const char *TORNADO_MODEL = "model k \"Tornado\" {\n"
                                   "  discount = 0%\n"
                                   "  stakeholder s \"S\"\n"
                                   "  input grant \"Grant\" = 1000 EUR\n"
                                   "  outcome big \"Big\" for s {\n"
                                   "    quantity = 100\n"
                                   "    proxy = 30 EUR\n"
                                   "    deadweight = 25%\n"
                                   "  }\n"
                                   "  outcome small \"Small\" for s {\n"
                                   "    quantity = 10\n"
                                   "    proxy = 20 EUR\n"
                                   "  }\n"
                                   "}\n";

Test(sensitivity, tornado_order_and_swings)
{
    /* big.duration moves by a whole year: 1 year cannot go lower, 2 years
     * double big's 2250: (4500 + 200)/1000 − 2.45 = 2.25;
     * ±20%: grant 800..1200 → 2450/800 − 2450/1200 = 1.0208333;
     * big.quantity, big.proxy: 0.4 × 2.25 = 0.9;
     * big.deadweight 20%..30%: 3000 × 0.1 / 1000 = 0.3;
     * small.duration 1..2 years: 0.2; small.quantity, small.proxy: 0.4 × 0.2 = 0.08;
     * zero-valued parameters (attribution, drop-off, discount...) swing 0. */
    Interp *I = make();
    eval(I, TORNADO_MODEL);
    Value t = eval(I, "tornado(k)");
    cr_expect_str_eq(text_at(t, "parameter", 0), "big.duration");
    cr_expect_float_eq(num_at(t, "swing", 0), 2.25, 1e-12);
    cr_expect_float_eq(num_at(t, "ratio_low", 0), 2.45, 1e-12);
    cr_expect_float_eq(num_at(t, "ratio_high", 0), 4.7, 1e-12);
    cr_expect_str_eq(text_at(t, "parameter", 1), "grant");
    cr_expect_float_eq(num_at(t, "swing", 1), 2450.0 / 800 - 2450.0 / 1200, 1e-12);
    for (size_t r = 2; r <= 3; r++) {
        const char *p = text_at(t, "parameter", r);
        cr_expect(strcmp(p, "big.quantity") == 0 || strcmp(p, "big.proxy") == 0, "row %zu is %s", r,
                  p);
        cr_expect_float_eq(num_at(t, "swing", r), 0.9, 1e-12);
    }
    cr_expect_str_eq(text_at(t, "parameter", 4), "big.deadweight");
    cr_expect_float_eq(num_at(t, "swing", 4), 0.3, 1e-12);
    cr_expect_float_eq(num_at(t, "ratio_low", 4), 2.6, 1e-12);  /* DW 20%: (2400+200)/1000 */
    cr_expect_float_eq(num_at(t, "ratio_high", 4), 2.3, 1e-12); /* DW 30%: (2100+200)/1000 */
    cr_expect_str_eq(text_at(t, "parameter", 5), "small.duration");
    cr_expect_float_eq(num_at(t, "swing", 5), 0.2, 1e-12);
    cr_expect_float_eq(num_at(t, "swing", 6), 0.08, 1e-12);
    value_release(t);
    /* pct: 10% halves every swing of a linear parameter: big.deadweight 0.15. */
    t = eval(I, "tornado(k, pct: 10%)");
    cr_expect_float_eq(num_at(t, "swing", row_of(t, "big.deadweight")), 0.15, 1e-12);
    value_release(t);
    interp_free(I);
}

Test(sensitivity, rank_correlation_orders_uncertain_parameters)
{
    /* SROI = q × p / 1000 with q ~ U(95, 105) (±5%) and p ~ U(50, 150)
     * (±50%): the proxy drives the ratio, so it comes first with a Spearman
     * coefficient near 1 and most of the variance; the shares add up to 1. */
    Interp *I = make();
    eval(I,
         "model u \"U\" {\n discount = 0%\n stakeholder s \"S\"\n input g \"G\" = 1000 EUR\n"
         " outcome o \"O\" for s {\n  quantity = uniform(95, 105)\n"
         "  proxy = uniform(50 EUR, 150 EUR)\n }\n}\n");
    Value t = eval(I, "sensitivity(u)");
    cr_assert_eq(as_table(t)->nrows, 2);
    cr_expect_str_eq(text_at(t, "parameter", 0), "o.proxy");
    cr_expect_str_eq(text_at(t, "parameter", 1), "o.quantity");
    cr_expect(num_at(t, "spearman", 0) > 0.95);
    cr_expect(num_at(t, "spearman", 1) > 0 && num_at(t, "spearman", 1) < 0.2);
    cr_expect_float_eq(num_at(t, "share", 0) + num_at(t, "share", 1), 1.0, 1e-12);
    value_release(t);
    interp_free(I);
}

Test(sensitivity, uncertain_parameters_swing_between_p5_and_p95)
{
    /* o.proxy ~ U(50, 150): p5 = 55, p95 = 145 within Monte Carlo error
     * (se of a uniform quantile: 100 √(0.05·0.95/n) = 0.154 for n = 20000). */
    Interp *I = make();
    eval(I,
         "model u \"U\" {\n discount = 0%\n stakeholder s \"S\"\n input g \"G\" = 1000 EUR\n"
         " outcome o \"O\" for s {\n  quantity = 10\n  proxy = uniform(50 EUR, 150 EUR)\n }\n}\n");
    Value t = eval(I, "tornado(u)");
    size_t r = row_of(t, "o.proxy");
    cr_expect(fabs(num_at(t, "low_value", r) - 55) < 4 * 0.154);
    cr_expect(fabs(num_at(t, "high_value", r) - 145) < 4 * 0.154);
    value_release(t);
    interp_free(I);
}

Test(sensitivity, errors_are_located_and_say_what_to_do)
{
    Interp *I = make();
    Value v = value_nil();
    cr_expect(!interp_run_string(I, "<test>", "tornado(3)", &v));
    cr_expect_str_eq(interp_error(I)->message, "tornado(M, pct: 20%): expects a model, got number");
    interp_clear_error(I);
    eval(I, TIP_MODEL);
    cr_expect(!interp_run_string(I, "<test>", "sensitivity(t)", &v));
    cr_expect_str_eq(interp_error(I)->message,
                     "sensitivity(M): model 't' has no uncertain parameter");
    interp_clear_error(I);
    cr_expect(!interp_run_string(I, "<test>", "tipping_points(t, target: -1)", &v));
    cr_expect_str_eq(interp_error(I)->message,
                     "tipping_points(M, target: 1): target must be a positive ratio, got -1");
    interp_free(I);
}

Test(sensitivity, irr_of_an_uncertain_model_is_exact_per_sample)
{
    /* One outcome lasting one year, discount r: PV(r) = 10 p / (1 + r), so
     * PV = inputs = 1000 at r = p / 100 − 1, for each sample's proxy p. */
    Interp *I = make();
    eval(I,
         "let price = uniform(50 EUR, 150 EUR)\n"
         "model u \"U\" {\n discount = 3.5%\n stakeholder s \"S\"\n input g \"G\" = 1000 EUR\n"
         " outcome o \"O\" for s {\n  quantity = 10\n  proxy = price\n  deadweight = 0%\n }\n}\n");
    Value r = eval(I, "irr(u)"), price;
    cr_assert_eq(r.kind, V_DIST);
    cr_assert(interp_lookup(I, "price", &price));
    const DistObj *d = as_dist(r), *p = as_dist(price);
    cr_assert_eq(d->n, p->n);
    for (size_t i = 0; i < d->n; i++)
        cr_assert(fabs(d->stored[i] - (p->stored[i] / 100 - 1)) < 1e-9,
                  "sample %zu: irr %g, price %g", i, d->stored[i], p->stored[i]);
    value_release(r);
    interp_free(I);
}

/* tipping_points is linear in the number of outcomes (QA2 D17: 1000 outcomes
 * took 14 s when each probe re-evaluated the whole model).  600 identical
 * outcomes, discount 0%: each is 1 × 100 EUR = 100 EUR, PV 60000, inputs
 * 120000, SROI 0.5.  One outcome's quantity must then add 60000 EUR alone:
 * 1 + 600 = 601; its proxy 100 × 601 = 60100 EUR.  About 0.1 s with the
 * one-outcome fast path; several seconds when every probe re-evaluated
 * all 600 outcomes. */
Test(sensitivity, tipping_points_is_linear_in_outcomes)
{
    Interp *I = make();
    enum { N = 600 };
    size_t cap = 200 + N * 120;
    char *src = malloc(cap), *p = src;
    p += sprintf(p,
                 "model big \"Big\" {\n  discount = 0%%\n  stakeholder s \"S\"\n"
                 "  input g \"G\" = 120_000 EUR\n");
    for (int i = 0; i < N; i++)
        p += sprintf(p,
                     "  outcome o%d \"O\" for s {\n    quantity = 1\n    proxy = 100 EUR\n"
                     "    deadweight = 0%%\n  }\n",
                     i);
    sprintf(p, "}\n");
    eval(I, src);
    free(src);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    Value t = eval(I, "tipping_points(big)");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    cr_expect_float_eq(num_at(t, "tipping_value", row_of(t, "o0.quantity")), 601, 1e-9);
    cr_expect_float_eq(num_at(t, "tipping_value", row_of(t, "o599.proxy")), 60100, 1e-6);
    cr_expect(secs < 2.0, "tipping_points on %d outcomes took %.2f s", N, secs);
    value_release(t);
    interp_free(I);
}
