/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_assume.c — named assumptions (`assume NAME = EXPR`, runtime/eval_assume.c,
 * stdlib/sroi/sroi_assume.c): a scenario that changes an assumption gives
 * exactly the figures of the model written with the new value in every
 * place, a field set by the scenario wins, the tornado moves an assumption
 * as one row, and the declaration's mistakes are located errors.
 *
 * The reference for "exactly" is the same model written out by hand in a
 * second interpreter (same model name, so the same random streams): every
 * figure and every Monte Carlo sample must be equal. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

static Interp *make(void)
{
    return fixture_interp(2000, 11, 2);
}

#define eval(I, code) fixture_eval(I, "<test>", code)

/* The error message of code, which must fail (static buffer). */
static const char *error_of(const char *code)
{
    static char msg[1024];
    Interp *I = make();
    snprintf(msg, sizeof msg, "%s", fixture_error_message(I, code));
    interp_free(I);
    return msg;
}

/* Two values equal: numbers to 1e-12 (relative), distributions sample by
 * sample, lists item by item. */
static bool same_number(double x, double y)
{
    return (isnan(x) && isnan(y)) || fabs(x - y) <= 1e-12 * fmax(1, fabs(y));
}

static void expect_same(Value a, Value b, const char *what)
{
    cr_assert_eq(a.kind, b.kind, "%s: kinds differ", what);
    if (a.kind == V_NUM) {
        cr_expect(same_number(a.as.num, b.as.num), "%s: %.17g != %.17g", what, a.as.num, b.as.num);
    } else if (a.kind == V_DIST) {
        const DistObj *x = as_dist(a), *y = as_dist(b);
        cr_assert_eq(x->n, y->n);
        for (size_t s = 0; s < x->n; s++)
            cr_assert(same_number(x->stored[s], y->stored[s]), "%s: sample %zu %.17g != %.17g",
                      what, s, x->stored[s], y->stored[s]);
    } else if (a.kind == V_LIST) {
        cr_assert_eq(as_list(a)->n, as_list(b)->n);
        for (size_t i = 0; i < as_list(a)->n; i++)
            expect_same(as_list(a)->items[i], as_list(b)->items[i], what);
    }
}

/* Three outcomes read dw: as a deadweight, inside a proxy's formula and
 * halved; a second assumption is computed from dw; one proxy is uncertain
 * (its stream, m.b.proxy, is the same in both interpreters). */
static const char *WITH_DW =
    "model m \"Three\" {\n"
    "  assume dw \"Deadweight\" = 50% { source = \"DARES 2023\", range = 40% to 60% }\n"
    "  assume dw_half = dw / 2\n"
    "  stakeholder p \"People\"\n"
    "  input grant \"Grant\" = 10_000 EUR\n"
    "  outcome a \"A\" for p { quantity = 10, proxy = 1_000 EUR, deadweight = dw }\n"
    "  outcome b \"B\" for p { quantity = 5, proxy = pert(1_500 EUR, 2_000 EUR, 3_000 EUR) * (1 - "
    "dw),\n"
    "                         duration = 2 year }\n"
    "  outcome c \"C\" for p { quantity = 3, proxy = 500 EUR, deadweight = dw_half }\n"
    "}\n"
    "let s = m with { dw = 70% }\n";
static const char *WRITTEN =
    "model m \"Three\" {\n"
    "  stakeholder p \"People\"\n"
    "  input grant \"Grant\" = 10_000 EUR\n"
    "  outcome a \"A\" for p { quantity = 10, proxy = 1_000 EUR, deadweight = 70% }\n"
    "  outcome b \"B\" for p { quantity = 5, proxy = pert(1_500 EUR, 2_000 EUR, 3_000 EUR) * (1 - "
    "70%),\n"
    "                         duration = 2 year }\n"
    "  outcome c \"C\" for p { quantity = 3, proxy = 500 EUR, deadweight = 70% / 2 }\n"
    "}\n"
    "let s = m\n";
static const char *FIGURES = "[sroi(s), present_value(s), npv(s), s.a.present_value, "
                             "s.b.present_value, s.c.present_value, s.b.proxy, s.c.deadweight, "
                             "payback(s).discounted_months]";

Test(assume, with_equals_the_model_written_with_the_value)
{
    Interp *I = make(), *J = make();
    eval(I, WITH_DW);
    eval(J, WRITTEN);
    Value a = eval(I, FIGURES), b = eval(J, FIGURES);
    expect_same(a, b, "figures");
    value_release(a);
    value_release(b);
    /* and by hand at the central point, b's proxy at the pert's median:
     * a 10 × 1000 × 0.3 = 3000, c 3 × 500 × 0.65 = 975, both one year */
    Value pv = eval(I, "[median(s.a.present_value), median(s.c.present_value)]");
    cr_expect_float_eq(as_list(pv)->items[0].as.num, 3000 / 1.035, 1e-9);
    cr_expect_float_eq(as_list(pv)->items[1].as.num, 975 / 1.035, 1e-9);
    value_release(pv);
    interp_free(I);
    interp_free(J);
}

Test(assume, a_field_set_by_the_scenario_wins)
{
    /* dw = 70% everywhere except a.deadweight = 0%: a 10000/1.035 = 9661.84;
     * b 5 × 2000 × 0.3 = 3000 for two years, 3000/1.035 + 3000/1.035² =
     * 5699.07; c 3 × 500 × 0.65 = 975/1.035 = 942.03; inputs 10000. */
    Interp *I = make();
    eval(I,
         "model m \"M\" {\n"
         "  assume dw = 50%\n"
         "  stakeholder p \"P\"\n"
         "  input grant \"G\" = 10_000 EUR\n"
         "  outcome a \"A\" for p { quantity = 10, proxy = 1_000 EUR, deadweight = dw }\n"
         "  outcome b \"B\" for p { quantity = 5, proxy = 2_000 EUR * (1 - dw), duration = 2 "
         "year }\n"
         "  outcome c \"C\" for p { quantity = 3, proxy = 500 EUR, deadweight = dw / 2 }\n"
         "}\n");
    double expected = (10000 / 1.035 + 3000 / 1.035 + 3000 / (1.035 * 1.035) + 975 / 1.035) / 1e4;
    Value r = eval(I, "sroi(m with { a.deadweight = 0%, dw = 70% })");
    cr_expect_float_eq(r.as.num, expected, 1e-12);
    value_release(r);
    /* in two steps: the field set first stays set when dw changes after */
    r = eval(I, "sroi(m with { a.deadweight = 0% } with { dw = 70% })");
    cr_expect_float_eq(r.as.num, expected, 1e-12);
    value_release(r);
    /* the base model is unchanged: dw 50%, a 5000, b 2×5000, c 1125 */
    r = eval(I, "sroi(m)");
    cr_expect_float_eq(r.as.num,
                       (5000 / 1.035 + 5000 / 1.035 + 5000 / (1.035 * 1.035) + 1125 / 1.035) / 1e4,
                       1e-12);
    value_release(r);
    interp_free(I);
}

Test(assume, tornado_moves_an_assumption_as_one_row)
{
    /* discount 0%: a 10 × 100 × (1 − dw), b 10 × 100 × (1 − dw), c 10 × 100
     * × (1 − dw); inputs 1000.  dw's stated range 40%..60%: ratio 3 × 0.6 =
     * 1.8 and 3 × 0.4 = 1.2.  No row names a deadweight field. */
    Interp *I = make();
    eval(I,
         "model m \"M\" {\n  discount = 0%\n"
         "  assume dw = 50% { range = 40% to 60% }\n"
         "  stakeholder p \"P\"\n  input grant \"G\" = 1_000 EUR\n"
         "  outcome a \"A\" for p { quantity = 10, proxy = 100 EUR, deadweight = dw }\n"
         "  outcome b \"B\" for p { quantity = 10, proxy = 100 EUR, deadweight = dw }\n"
         "  outcome c \"C\" for p { quantity = 10, proxy = 100 EUR * (1 - dw) }\n"
         "}\n");
    Value t = eval(I, "tornado(m)");
    const TableObj *tab = as_table(t);
    int pc = table_find_column(tab, "parameter"), lo = table_find_column(tab, "ratio_low"),
        hi = table_find_column(tab, "ratio_high");
    size_t rows_dw = 0;
    for (size_t r = 0; r < tab->nrows; r++) {
        const ColumnObj *c = tab->cols[pc];
        const char *name = c->dict->strs[c->codes[r]];
        cr_expect(strcmp(name, "a.deadweight") != 0 && strcmp(name, "b.deadweight") != 0 &&
                      strcmp(name, "c.proxy") != 0,
                  "row %s is moved by dw", name);
        if (strcmp(name, "dw") == 0) {
            rows_dw++;
            cr_expect_float_eq(tab->cols[lo]->num[r], 1.8, 1e-12);
            cr_expect_float_eq(tab->cols[hi]->num[r], 1.2, 1e-12);
        }
    }
    cr_expect_eq(rows_dw, 1);
    value_release(t);
    /* without a range, ±20%: 40%..60% again; an uncertain one, p5..p95 */
    interp_free(I);
}

Test(assume, durations_move_by_whole_years)
{
    /* one outcome of 1000 EUR a year for 3 years, discount 0%, inputs 1000:
     * ratio 3; the tornado tries 2 and 4 years (not 2.4 and 3.6). */
    Interp *I = make();
    eval(I,
         "model m \"M\" {\n  discount = 0%\n  stakeholder p \"P\"\n"
         "  input grant \"G\" = 1_000 EUR\n"
         "  outcome a \"A\" for p { quantity = 1, proxy = 1_000 EUR, duration = 3 year }\n}\n");
    Value t = eval(I, "tornado(m) where parameter == \"a.duration\"");
    const TableObj *tab = as_table(t);
    cr_assert_eq(tab->nrows, 1);
    cr_expect_float_eq(tab->cols[table_find_column(tab, "ratio_low")]->num[0], 2, 1e-12);
    cr_expect_float_eq(tab->cols[table_find_column(tab, "ratio_high")]->num[0], 4, 1e-12);
    value_release(t);
    interp_free(I);
}

Test(assume, a_library_assumption_is_shared_and_changed_once)
{
    /* `assume` at the top level: a model reading it through its name knows
     * it uses it; `with { dw = 0% }` changes both outcomes: 2 × 1000 / 1.035
     * over 1000 of inputs. */
    Interp *I = make();
    eval(I,
         "assume dw \"Deadweight\" = 50%\n"
         "model m \"M\" {\n  stakeholder p \"P\"\n  input grant \"G\" = 1_000 EUR\n"
         "  outcome a \"A\" for p { quantity = 1, proxy = 1_000 EUR, deadweight = dw }\n"
         "  outcome b \"B\" for p { quantity = 1, proxy = 1_000 EUR, deadweight = dw }\n}\n");
    Value r = eval(I, "sroi(m with { dw = 0% })");
    cr_expect_float_eq(r.as.num, 2000 / 1.035 / 1000, 1e-12);
    value_release(r);
    r = eval(I, "sroi(m)");
    cr_expect_float_eq(r.as.num, 1000 / 1.035 / 1000, 1e-12);
    value_release(r);
    interp_free(I);
}

static const char *MODEL_TAIL = "  stakeholder p \"P\"\n  input grant \"G\" = 1_000 EUR\n"
                                "  outcome a \"A\" for p { quantity = 1, proxy = 1_000 EUR, "
                                "deadweight = dw }\n}\n";

static const char *model_error(const char *assume_lines)
{
    char code[2048];
    snprintf(code, sizeof code, "model m \"M\" {\n%s%s", assume_lines, MODEL_TAIL);
    return error_of(code);
}

Test(assume, mistakes_are_refused_with_their_reason)
{
    cr_expect(strstr(model_error("  assume dw = 50%\n  assume dw = 40%\n"), "declared twice"));
    cr_expect(
        strstr(model_error("  assume dw = 50% { sorce = \"x\" }\n"), "did you mean 'source'"));
    cr_expect(strstr(model_error("  assume dw = 50% { range = 60% to 40% }\n"), "the lower first"));
    cr_expect(strstr(model_error("  assume dw = \"half\"\n"), "a number or a distribution"));
    cr_expect(strstr(model_error("  assume dw = 50%\n  assume a = 3\n"), "'a' is declared twice"));
    cr_expect(strstr(error_of("model m \"M\" {\n  assume dw = 50%\n  stakeholder p \"P\"\n"
                              "  input grant \"G\" = 1_000 EUR\n  outcome a \"A\" for p { "
                              "quantity = 1, proxy = 1_000 EUR, deadweight = dw }\n}\n"
                              "let s = m with { dww = 10% }\n"),
                     "did you mean 'dw'"));
}

Test(assume, an_unused_assumption_is_a_located_warning)
{
    Interp *I = make();
    eval(I,
         "model m \"M\" {\n  assume dw = 50%\n  assume spare = 3\n" /* line 3 */
         "  stakeholder p \"P\"\n  input grant \"G\" = 1_000 EUR\n"
         "  outcome a \"A\" for p { quantity = 1, proxy = 1_000 EUR, deadweight = dw }\n}\n");
    size_t found = 0;
    for (size_t i = 0; i < interp_warning_count(I); i++) {
        const char *w = interp_warning_text(I, i);
        if (strstr(w, "'spare'")) {
            found++;
            cr_expect(strstr(w, "<test>:3:3"), "warning not located: %s", w);
        }
        cr_expect(!strstr(w, "'dw'"), "dw is used: %s", w);
    }
    cr_expect_eq(found, 1);
    interp_free(I);
}

Test(assume, tipping_point_and_irr_of_an_assumption)
{
    /* discount 0%: PV = 10 × 100 × (1 − dw) × 3 outcomes = 3000 (1 − dw) for
     * 1000 of inputs; the ratio is 1 at dw = 2/3. */
    Interp *I = make();
    eval(I,
         "model m \"M\" {\n  discount = 0%\n  assume dw = 50%\n"
         "  stakeholder p \"P\"\n  input grant \"G\" = 1_000 EUR\n"
         "  outcome a \"A\" for p { quantity = 10, proxy = 100 EUR, deadweight = dw }\n"
         "  outcome b \"B\" for p { quantity = 10, proxy = 100 EUR, deadweight = dw }\n"
         "  outcome c \"C\" for p { quantity = 10, proxy = 100 EUR * (1 - dw) }\n}\n");
    Value t = eval(I, "tipping_points(m) where parameter == \"dw\"");
    const TableObj *tab = as_table(t);
    cr_assert_eq(tab->nrows, 1);
    cr_expect_float_eq(tab->cols[table_find_column(tab, "tipping_value")]->num[0], 2.0 / 3, 1e-9);
    value_release(t);
    t = eval(I, "tipping_points(m) where parameter == \"a.deadweight\"");
    cr_expect_eq(as_table(t)->nrows, 0);
    value_release(t);
    /* a discount rate read from an assumption: 600 a year for two years
     * against 1000 is 1:1 at 600/(1+r) + 600/(1+r)² = 1000, r = 13.0662% */
    eval(I,
         "model n \"N\" {\n  assume rate = 3.5%\n  discount = rate\n"
         "  stakeholder p \"P\"\n  input g \"G\" = 1_000 EUR\n"
         "  outcome o \"O\" for p { quantity = 1, proxy = 600 EUR, duration = 2 year, "
         "deadweight = 0% }\n}\n");
    /* x = 1/(1+r) solves 600 x² + 600 x − 1000 = 0 */
    double r = (-600 + sqrt(600.0 * 600 + 4 * 600 * 1000)) / 1200;
    Value irr = eval(I, "irr(n)");
    cr_expect_float_eq(irr.as.num, 1 / r - 1, 1e-9);
    value_release(irr);
    t = eval(I, "tipping_points(n) where parameter == \"rate\"");
    cr_assert_eq(as_table(t)->nrows, 1);
    cr_expect_float_eq(as_table(t)->cols[table_find_column(as_table(t), "tipping_value")]->num[0],
                       1 / r - 1, 1e-9);
    value_release(t);
    interp_free(I);
}

Test(assume, correlated_assumptions_keep_their_draws)
{
    /* two assumptions given the two correlated distributions of correlate():
     * the fields that read them carry exactly those samples */
    Interp *I = make();
    eval(I,
         "let pair = correlate([pert(45%, 55%, 70%), pert(40%, 50%, 65%)], 0.6)\n"
         "model m \"M\" {\n  assume dw_jobs = pair[0]\n  assume dw_income = pair[1]\n"
         "  stakeholder p \"P\"\n  input grant \"G\" = 1_000 EUR\n"
         "  outcome a \"A\" for p { quantity = 10, proxy = 100 EUR, deadweight = dw_jobs }\n"
         "  outcome b \"B\" for p { quantity = 10, proxy = 100 EUR, deadweight = dw_income }\n"
         "}\n");
    Value a = eval(I, "[m.a.deadweight, m.b.deadweight]"), b = eval(I, "pair");
    expect_same(a, b, "correlated deadweights");
    value_release(a);
    value_release(b);
    interp_free(I);
}
