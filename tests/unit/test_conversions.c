/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_conversions.c — numbers too large for an integer: num_to_int() (the
 * one double-to-integer conversion) and the built-ins that clang's UBSan
 * (float-cast-overflow) caught casting them.  Each case is either the value
 * worked out by hand or a located error; `make check-asan` runs them under
 * UBSan built by gcc and by clang. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

static Interp *I;

static void setup(void)
{
    I = interp_new(NULL);
    stdlib_open(I);
}
static void teardown(void)
{
    interp_free(I);
}

TestSuite(conversions, .init = setup, .fini = teardown);

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

Test(conversions, num_to_int_clamps_and_says_whether_exact)
{
    bool exact;
    cr_expect_eq(num_to_int(7, 0, 10, &exact), 7);
    cr_expect(exact);
    cr_expect_eq(num_to_int(7.5, 0, 10, &exact), 7); /* the fraction dropped */
    cr_expect(!exact);
    cr_expect_eq(num_to_int(1e308, 0, 10, &exact), 10);
    cr_expect(!exact);
    cr_expect_eq(num_to_int(-1e308, -5, 10, &exact), -5);
    cr_expect(!exact);
    cr_expect_eq(num_to_int(NAN, 3, 10, &exact), 3);
    cr_expect(!exact);
    cr_expect_eq(num_to_int(INFINITY, 0, INT64_MAX, &exact), INT64_MAX);
    cr_expect(!exact);
    /* 2^63 is INT64_MAX + 1: clamped, not cast */
    cr_expect_eq(num_to_int(9223372036854775808.0, 0, INT64_MAX, NULL), INT64_MAX);
    cr_expect_eq(num_to_int(10, 0, 10, &exact), 10);
    cr_expect(exact);
}

/* The calendar runs from the year 1 to 9999 (dates.h). */
Test(conversions, dates_outside_the_calendar_are_errors)
{
    EXPECT("date(1e18, 1, 1)", "error: date(1e+18, 1, 1) is not a day of the calendar");
    EXPECT("date(2024, 1e300, 1)", "error: date(2024, 1e+300, 1) is not a day of the calendar");
    EXPECT("add_months(date(2024, 1, 1), 1e18)",
           "error: add_months: 1e+18 months from this date falls outside the calendar");
    /* 2024-01-31 back 2023 years is 0001-01-31; one more month is year 0 */
    EXPECT("add_months(date(2024, 1, 31), -12 * 2023)", "0001-01-31");
    EXPECT("add_months(date(2024, 1, 31), -12 * 2023 - 1)",
           "error: add_months: -24277 months from this date falls outside the calendar");
    /* 2024 is a leap year: January 31 + 1 month is February 29 */
    EXPECT("add_months(date(2024, 1, 31), 1)", "2024-02-29");
}

/* A built-in's messages name its arguments as its signature does, so that
 * the name a message gives is the name a call may use: add_months(date,
 * months) (it said "months" while the signature said n, and n: 2 was
 * "missing argument months"), range(to) (it said n). */
Test(conversions, argument_names_are_the_signature_s)
{
    EXPECT("add_months(date(2024, 1, 31), \"A\")",
           "error: add_months(date, months): months must be a number, got \"A\"");
    /* named as the signature names it: 2024-01-31 + 2 months is 2024-03-31 */
    EXPECT("add_months(date(2024, 1, 31), months: 2)", "2024-03-31");
    EXPECT("range(\"a\")", "error: range(from, to): to must be a number, got \"a\"");
}

Test(conversions, counts_beyond_any_integer)
{
    /* head() of a 12-row table keeps its 12 rows for any larger n (12: at
     * least the small-group threshold, 11, so the count shows) */
    EXPECT("count(head(table(a: range(12)), 1e308))", "12");
    EXPECT("wilson(1e308, 1e308)",
           "error: wilson(): n = 1e+308 is more people than can be counted exactly");
    EXPECT("sorted([])", "[]");
}

Test(conversions, extreme_distribution_parameters)
{
    /* normal(0, 1e308) overflows to infinity in part of its draws */
    char *got = run("normal(0, 1e308)");
    cr_expect(strncmp(got, "error: these parameters are too extreme to draw from", 52) == 0, "%s",
              got);
    free(got);
    /* beta(0.5, 1e308) has finite (tiny) draws: its histogram bins stay in range */
    got = run("P(beta(0.5, 1e308) < 0.5)");
    cr_expect_str_eq(got, "100%");
    free(got);
}
