/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_vector.c — whole-array arithmetic on columns and distributions
 * (runtime/vector.c): element-wise results, missing values, three-valued
 * logic, text comparisons, `in`, filtering, unit checks, and the errors for
 * mismatched lengths and for mixing a column with a distribution.  Expected
 * values are computed by hand, element by element. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"
#include "runtime/vector.h"
#include "tests/unit/run_fixture.h"

static Interp *I;
static void setup(void)
{
    I = interp_new(NULL);
}
static void teardown(void)
{
    interp_free(I);
}

TestSuite(vector, .init = setup, .fini = teardown);

static Value num_column(const double *xs, size_t n)
{
    Value c = value_column_new(COL_NUM, n);
    memcpy(as_column(c)->num, xs, n * sizeof(double));
    return c;
}

static Value text_column(const char *const *xs, size_t n)
{
    Value c = value_column_new(COL_TEXT, n);
    ColumnObj *col = as_column(c);
    for (size_t i = 0; i < n; i++)
        col->codes[i] = xs[i] ? strdict_intern(col->dict, xs[i], strlen(xs[i])) : -1;
    return c;
}

static char *run(const char *src)
{
    return run_in(I, src);
}

#define EXPECT(src, want)                                                                          \
    do {                                                                                           \
        char *got_ = run(src);                                                                     \
        cr_expect_str_eq(got_, want, "%s", src);                                                   \
        free(got_);                                                                                \
    } while (0)

/* a = [1, 2, missing, 4] EUR; b = [10, 20, 30, 40] EUR; s = ["CDI", "CDD", missing, "CDI"] */
static void define_columns(void)
{
    double a[] = { 1, 2, NAN, 4 }, b[] = { 10, 20, 30, 40 };
    Value ca = num_column(a, 4), cb = num_column(b, 4);
    ca.dim = cb.dim = dim_money(I);
    interp_define(I, "a", ca);
    interp_define(I, "b", cb);
    const char *s[] = { "CDI", "CDD", NULL, "CDI" };
    Value cs = text_column(s, 4);
    interp_define(I, "s", cs);
    double z[] = { 1, 0, 2, 0 };
    Value cz = num_column(z, 4);
    interp_define(I, "z", cz);
    value_release(ca);
    value_release(cb);
    value_release(cs);
    value_release(cz);
}

Test(vector, arithmetic_element_by_element)
{
    define_columns();
    EXPECT("a + b", "[11 EUR, 22 EUR, missing, 44 EUR]");
    EXPECT("b - a", "[9 EUR, 18 EUR, missing, 36 EUR]");
    EXPECT("a * 2", "[2 EUR, 4 EUR, missing, 8 EUR]");
    EXPECT("b / a", "[10, 10, missing, 10]"); /* EUR / EUR is a plain number */
    EXPECT("-a", "[-1 EUR, -2 EUR, missing, -4 EUR]");
    EXPECT("a * 25%", "[0.25 EUR, 0.5 EUR, missing, 1 EUR]");
    /* division by zero in data makes that row missing: 1/1, 1/0, 1/2, 1/0 */
    EXPECT("1 / z", "[1, missing, 0.5, missing]");
}

Test(vector, units_are_checked_like_numbers)
{
    define_columns();
    EXPECT("a + 1",
           "error: cannot add EUR and a plain number: both sides of '+' must have the same unit");
    EXPECT("a + 1 EUR", "[2 EUR, 3 EUR, missing, 5 EUR]");
    EXPECT("a > 1 year",
           "error: cannot compare EUR and year: both sides of '>' must have the same unit");
}

Test(vector, comparisons_are_three_valued)
{
    define_columns();
    EXPECT("a >= 2 EUR", "[false, true, missing, true]");
    EXPECT("a >= 2 EUR and b < 40 EUR",
           "[false, true, missing, false]");                        /* missing and true = missing */
    EXPECT("a >= 2 EUR or b < 40 EUR", "[true, true, true, true]"); /* missing or true = true */
    EXPECT("not (a >= 2 EUR)", "[true, false, missing, false]");
    EXPECT("a >= 2 EUR and true", "[false, true, missing, true]");
}

Test(vector, text_columns)
{
    define_columns();
    /* A missing text compares as the empty text "" (SPEC §3, Tables: a CSV
     * cannot tell them apart), so row 3 is not "CDI", is "", and is in a
     * list only when "" is listed. */
    EXPECT("s == \"CDI\"", "[true, false, false, true]");
    EXPECT("s != \"CDI\"", "[false, true, true, false]");
    EXPECT("s == \"\"", "[false, false, true, false]");
    EXPECT("s in [\"CDD\", \"other\"]", "[false, true, false, false]");
    EXPECT("s in [\"CDD\", \"\"]", "[false, true, true, false]");
    EXPECT("s == s", "[true, true, true, true]");
    EXPECT("s < \"CDI\"", "error: text columns can only be compared with '==' or '!=', not '<'");
    EXPECT("s in [1, 2]", "error: 'in' on a text column needs a list of texts; item 1 is number");
}

Test(vector, number_column_in_list)
{
    define_columns();
    EXPECT("z in [0, 2]", "[false, true, true, true]");
}

Test(vector, filtering)
{
    define_columns();
    EXPECT("b where a >= 2 EUR", "[20 EUR, 40 EUR]");
    EXPECT("s where a >= 2 EUR", "[\"CDD\", \"CDI\"]");
}

Test(vector, distributions)
{
    Value d = value_dist_new(4);
    double xs[] = { 1, 2, 3, 4 };
    memcpy(as_dist(d)->stored, xs, sizeof xs);
    Value e = value_dist_new(4);
    double ys[] = { 4, 3, 2, 1 };
    memcpy(as_dist(e)->stored, ys, sizeof ys);
    Value r;
    cr_assert(vec_binary(I, OP_ADD, d, e, (SrcLoc){ 0 }, &r));
    for (int i = 0; i < 4; i++) cr_expect_eq(as_dist(r)->stored[i], 5); /* 1+4, 2+3, ... */
    value_release(r);
    Value three = value_num(2.5);
    cr_assert(vec_binary(I, OP_GT, d, three, (SrcLoc){ 0 }, &r));
    cr_expect_eq(r.kind, V_DIST);
    cr_expect(r.flags & VF_BOOLDIST);
    double want[] = { 0, 0, 1, 1 };
    for (int i = 0; i < 4; i++) cr_expect_eq(as_dist(r)->stored[i], want[i]);
    Value n;
    cr_assert(vec_unary(I, OP_NOT, r, (SrcLoc){ 0 }, &n));
    for (int i = 0; i < 4; i++) cr_expect_eq(as_dist(n)->stored[i], 1 - want[i]);
    cr_expect(n.flags & VF_BOOLDIST);
    value_release(n);
    value_release(r);
    Value short_dist = value_dist_new(3);
    memcpy(as_dist(short_dist)->stored, xs, 3 * sizeof(double));
    cr_expect_not(vec_binary(I, OP_MUL, d, short_dist, (SrcLoc){ 0 }, &r));
    cr_expect_str_eq(interp_error(I)->message,
                     "these two distributions have different sample counts (4 and 3)");
    interp_clear_error(I);
    value_release(short_dist);
    value_release(d);
    value_release(e);
}

Test(vector, column_and_distribution_do_not_mix)
{
    double xs[] = { 1, 2 };
    Value c = num_column(xs, 2);
    Value d = value_dist_new(2);
    memcpy(as_dist(d)->stored, xs, sizeof xs);
    Value r;
    cr_expect_not(vec_binary(I, OP_ADD, c, d, (SrcLoc){ 0 }, &r));
    cr_expect_str_eq(interp_error(I)->message,
                     "cannot combine a column (one value per row) with a distribution (one "
                     "uncertain value) using '+'");
    interp_clear_error(I);
    value_release(c);
    value_release(d);
}

Test(vector, lengths_must_match)
{
    double xs[] = { 1, 2, 3 };
    Value c = num_column(xs, 3), e = num_column(xs, 2);
    Value r;
    cr_expect_not(vec_binary(I, OP_ADD, c, e, (SrcLoc){ 0 }, &r));
    cr_expect_str_eq(interp_error(I)->message,
                     "these two columns have different lengths (3 and 2 rows)");
    interp_clear_error(I);
    value_release(c);
    value_release(e);
}

Test(vector, large_columns_give_the_same_result_in_parallel)
{
    /* 300,000 rows go through the OpenMP path; x*x - x checked row by row */
    size_t n = 300000;
    Value c = value_column_new(COL_NUM, n);
    for (size_t i = 0; i < n; i++) as_column(c)->num[i] = (double)i * 0.5;
    Value sq, r;
    cr_assert(vec_binary(I, OP_MUL, c, c, (SrcLoc){ 0 }, &sq));
    cr_assert(vec_binary(I, OP_SUB, sq, c, (SrcLoc){ 0 }, &r));
    for (size_t i = 0; i < n; i += 997) {
        double x = (double)i * 0.5;
        cr_assert_eq(as_column(r)->num[i], x * x - x);
    }
    value_release(sq);
    value_release(r);
    value_release(c);
}

/* ---- dates ------------------------------------------------------------------------ */

/* d = [2024-01-01, missing, 2024-02-29] (date column), day0 = 2024-01-01:
 * day numbers from Python, (date(2024,1,1) - date(1970,1,1)).days = 19723,
 * date(2024,2,29) → 19782. */
static void define_dates(void)
{
    Value d = value_column_new(COL_DATE, 3);
    as_column(d)->num[0] = 19723;
    as_column(d)->num[1] = NAN;
    as_column(d)->num[2] = 19782;
    interp_define(I, "d", d);
    value_release(d);
    Value day0 = value_num(19723);
    day0.flags = VF_DATE;
    interp_define(I, "day0", day0);
    define_columns();
}

Test(vector, dates_move_by_whole_days)
{
    define_dates();
    /* Python: date(2024,1,1) + timedelta(30) = 2024-01-31, - 1 = 2023-12-31,
     * + 14 = 2024-01-15; date(2024,2,29) + 1 = 2024-03-01 (leap year). */
    EXPECT("day0 + 30", "2024-01-31");
    EXPECT("30 + day0", "2024-01-31");
    EXPECT("day0 - 1", "2023-12-31");
    EXPECT("day0 + 2 week", "2024-01-15");
    EXPECT("d + 1", "[2024-01-02, missing, 2024-03-01]");
    EXPECT("d - 1 day", "[2023-12-31, missing, 2024-02-28]");
    /* the difference of two dates is a plain number of days: 19782 - 19723 = 59 */
    EXPECT("d - day0", "[0, missing, 59]");
    EXPECT("(d - day0) * 2", "[0, missing, 118]");
    EXPECT("(day0 + 59) - day0", "59");
    EXPECT("d - d", "[0, missing, 0]");
    /* a date column stays a date column; a day of it is a date */
    Value r;
    cr_assert(interp_run_string(I, "<test>", "d + 1", &r));
    cr_expect_eq(as_column(r)->type, COL_DATE);
    value_release(r);
    cr_assert(interp_run_string(I, "<test>", "day0 + 1", &r));
    cr_expect(r.kind == V_NUM && (r.flags & VF_DATE));
    value_release(r);
}

Test(vector, dates_compare_with_dates_only)
{
    define_dates();
    EXPECT("d > day0", "[false, missing, true]");
    EXPECT("d == day0", "[true, missing, false]");
    EXPECT("day0 + 1 > day0", "true");
    EXPECT("day0 > 19723",
           "error: cannot compare a date with a number using '>': both sides must be dates");
    EXPECT(
        "d >= 19723",
        "error: cannot compare a date column with a number using '>=': both sides must be dates");
    EXPECT("d == a",
           "error: cannot compare a date column with a number column using '==': both sides must "
           "be dates");
    char *got = run("day0 == 19723");
    cr_expect_str_eq(
        got, "error: cannot compare a date with a number using '==': both sides must be dates");
    free(got);
}

Test(vector, date_arithmetic_that_makes_no_sense_is_refused)
{
    define_dates();
    const char *two = "error: cannot add two dates: subtract them to get a number of days, "
                      "or add a number of days to a date";
    EXPECT("day0 + day0", two);
    EXPECT("d + d", two);
    EXPECT("d + day0", two);
    EXPECT("day0 * 2",
           "error: cannot multiply a date: a date is a day of the calendar, not a quantity");
    EXPECT("2 * d",
           "error: cannot multiply a date: a date is a day of the calendar, not a quantity");
    EXPECT("d / 2", "error: cannot divide a date: a date is a day of the calendar, not a quantity");
    EXPECT("day0 ^ 2",
           "error: cannot raise a date: a date is a day of the calendar, not a quantity");
    EXPECT("30 - day0", "error: cannot subtract a date from a number");
    EXPECT("-day0",
           "error: cannot apply '-' to a date: a date is a day of the calendar, not a quantity");
    EXPECT("day0 + 1.5", "error: cannot add 1.5 days to a date: a date moves by whole days");
    EXPECT("day0 + 1 month",
           "error: cannot add 1 month to a date: months and years are not a fixed number of days");
    EXPECT("day0 + 5 EUR", "error: cannot add 5 EUR to a date: only a number of days can be");
    EXPECT("d + a", "error: cannot add EUR to a date: only a number of days can be");
    EXPECT("day0 + 25%", "error: cannot add 25% to a date: only a number of days can be");
    /* 19723 + 3e6 days is past 9999-12-31 (day 2932896) */
    EXPECT("day0 + 3000000", "error: the date would fall outside the calendar (years 1 to 9999)");
}

/* ---- results that cannot be represented ------------------------------------------- */

Test(vector, overflow_in_a_column_is_an_error_at_the_operator)
{
    define_columns();
    /* a = [1, 2, missing, 4] EUR: 2 × 1e308 exceeds DBL_MAX (1.797e308) in row 2 */
    EXPECT("a * 1e308",
           "error: the result is too large to be represented (more than 1.8e308) in row 2 of the "
           "column");
    /* a missing value stays missing: row 3 */
    EXPECT("a * 1e307", "[1e+307 EUR, 2e+307 EUR, missing, 4e+307 EUR]");
    /* (1 − 3)^0.5 has no real value: row 1 */
    EXPECT("(a / 1 EUR - 3) ^ 0.5",
           "error: '^' has no real result here (a negative number to a fractional power) in row 1 "
           "of the column");
}

Test(vector, division_by_zero_in_columns_and_distributions)
{
    define_columns();
    /* the single number 0 as divisor: the same error as for numbers */
    EXPECT("a / 0", "error: division by zero: the divisor is 0");
    /* zero rows of a divisor column: missing, and one warning counting them
     * (z = [1, 0, 2, 0]: rows 2 and 4) */
    size_t before = interp_warning_count(I);
    EXPECT("1 / z", "[1, missing, 0.5, missing]");
    cr_assert_eq(interp_warning_count(I), before + 1);
    cr_expect(strstr(interp_warning_text(I, before),
                     "division by zero in 2 of 4 rows: those rows are missing"));
    /* a row already missing is not counted: a = [1, 2, missing, 4], a / (z - z) divides every row by 0 */
    EXPECT("a / (z - z)", "[missing, missing, missing, missing]");
    cr_expect(strstr(interp_warning_text(I, before + 1), "division by zero in 3 of 4 rows"));

    Value d = value_dist_new(4);
    double xs[] = { 1, 2, 3, 4 }, zs[] = { 1, 0, 2, 0 };
    memcpy(as_dist(d)->stored, xs, sizeof xs);
    Value r;
    cr_expect_not(vec_binary(I, OP_DIV, d, value_num(0), (SrcLoc){ 0 }, &r));
    cr_expect_str_eq(interp_error(I)->message, "division by zero: the divisor is 0");
    interp_clear_error(I);
    Value e = value_dist_new(4);
    memcpy(as_dist(e)->stored, zs, sizeof zs);
    cr_expect_not(vec_binary(I, OP_DIV, d, e, (SrcLoc){ 0 }, &r));
    cr_expect_str_eq(interp_error(I)->message,
                     "division by zero: the divisor is 0 in 2 of the 4 samples");
    interp_clear_error(I);
    /* 1e308 × [1, 2, 3, 4]: samples 2, 3, 4 overflow */
    cr_expect_not(vec_binary(I, OP_MUL, d, value_num(1e308), (SrcLoc){ 0 }, &r));
    cr_expect_str_eq(
        interp_error(I)->message,
        "the result is too large to be represented (more than 1.8e308) in 3 of the 4 samples");
    interp_clear_error(I);
    /* a NaN sample stays NaN */
    as_dist(d)->stored[0] = NAN;
    cr_assert(vec_binary(I, OP_MUL, d, value_num(2), (SrcLoc){ 0 }, &r));
    cr_expect(isnan(as_dist(r)->stored[0]));
    cr_expect_eq(as_dist(r)->stored[1], 4);
    value_release(r);
    value_release(d);
    value_release(e);
}
