/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_units.c — dimension algebra, unit display, percent rules, number
 * formatting and the messages of unit clashes.  Expected values are worked
 * out by hand from the definitions (month = 1/12 year, day = 1/365.25 year,
 * week = 7 days, hour = 1/24 day). */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "runtime/interp.h"

static Interp *I;

static void setup(void)
{
    I = interp_new(NULL);
}
static void teardown(void)
{
    interp_free(I);
}

static char *run(const char *src)
{
    Value v;
    StrBuf b;
    sb_init(&b);
    if (interp_run_string(I, "<test>", src, &v)) {
        value_format(I, v, &b);
        value_release(v);
    } else {
        sb_printf(&b, "error: %s", interp_error(I)->message);
        if (interp_error(I)->hint) sb_printf(&b, " | hint: %s", interp_error(I)->hint);
        interp_clear_error(I);
    }
    return sb_take(&b);
}

#define EXPECT(src, want)                                                                          \
    do {                                                                                           \
        char *got_ = run(src);                                                                     \
        cr_expect_str_eq(got_, want, "%s", src);                                                   \
        free(got_);                                                                                \
    } while (0)

TestSuite(units, .init = setup, .fini = teardown);

Test(units, written_unit_is_kept_for_display)
{
    EXPECT("6 month", "6 month");
    EXPECT("6 month + 6 month", "12 month");
    EXPECT("6 month * 2", "12 month");
    EXPECT("3 year", "3 year");
    EXPECT("2 days", "2 day");              /* plural accepted, shown singular */
    EXPECT("6 month + 1 year", "1.5 year"); /* different units: base unit */
}

Test(units, conversions_between_time_units)
{
    EXPECT("6 month / 1 year", "0.5");
    EXPECT("1 year / 1 month", "12");
    EXPECT("7 day / 1 week", "1");
    EXPECT("1 day / 1 hour", "24");
    EXPECT("365.25 day / 1 year", "1");
}

Test(units, exponents_combine)
{
    /* 9000 EUR/year × 3 year = 27000 EUR */
    EXPECT("9_000 EUR / year * 3 year", "27000 EUR");
    EXPECT("100 EUR / 2 year", "50 EUR/year");
    EXPECT("2 EUR * 3 EUR", "6 EUR^2");
    EXPECT("1 / (4 year)", "0.25 1/year");
    EXPECT("(3 EUR) ^ 2", "9 EUR^2");
    EXPECT("(6 EUR * 1 EUR) / 2 EUR", "3 EUR");
    /* a quantity binds tighter than ^: 3 EUR^2 is (3 EUR)^2 = 9 EUR^2 */
    EXPECT("3 EUR^2", "9 EUR^2");
    EXPECT("unit session\n12 EUR / session * 3 session", "36 EUR");
    EXPECT("unit session\n1 EUR / (2 session * 1 year)", "0.5 EUR/(year*session)");
}

Test(units, units_are_values)
{
    EXPECT("EUR", "1 EUR");
    EXPECT("year", "1 year");
    EXPECT("let per_year = 1 / year\n1200 EUR * per_year", "1200 EUR/year");
}

Test(units, declared_units)
{
    EXPECT("unit session\n3 session / 2 session", "1.5");
    /* fte = 1607 hour; 2 fte / 1 hour = 3214 */
    EXPECT("unit fte = 1607 hour\n2 fte", "2 fte");
    EXPECT("unit fte = 1607 hour\n2 fte / 1 hour", "3214");
    EXPECT("unit year",
           "error: unit 'year' is already defined | hint: choose another name for your unit");
}

Test(units, clashes_name_both_units)
{
    EXPECT("1 EUR + 1 year",
           "error: cannot add EUR and year: both sides of '+' must have the same unit"
           " | hint: check the units of both sides (EUR is not year)");
    EXPECT("1 GBP - 1 EUR",
           "error: cannot subtract GBP and EUR: both sides of '-' must have the same unit"
           " | hint: currencies are not converted implicitly: multiply by a rate, e.g. `let rate = "
           "1.17 EUR / 1 GBP`");
    EXPECT("5 EUR < 3",
           "error: cannot compare EUR and a plain number: both sides of '<' must have the same unit"
           " | hint: write the unit on the plain number too, e.g. `5 EUR` rather than `5`");
    EXPECT("1 EUR / year + 1 EUR",
           "error: cannot add EUR/year and EUR: both sides of '+' must have the same unit"
           " | hint: check the units of both sides (EUR/year is not EUR)");
}

Test(units, explicit_exchange_rate)
{
    /* 100 GBP × 1.17 EUR/GBP = 117 EUR */
    EXPECT("let rate = 1.17 EUR / 1 GBP\n100 GBP * rate", "117 EUR");
}

Test(units, powers_need_whole_exponents_for_quantities)
{
    EXPECT("(4 EUR) ^ 0.5",
           "error: a quantity in EUR can only be raised to a whole number | hint: divide by the "
           "unit first, e.g. (x / 1 EUR) ^ 0.5");
    EXPECT("2 ^ (1 year)", "error: the exponent of '^' must be a plain number, got year");
}

Test(units, unknown_unit_suggests)
{
    /* money and time: suggest EUR or year, never a new unit */
    EXPECT("1 eur",
           "error: unknown unit 'eur' \xE2\x80\x94 did you mean 'EUR'? | hint: write the currency "
           "in capitals after "
           "the number, as 50 EUR (GBP, USD and CHF are the other currencies)");
    EXPECT("3 annees",
           "error: unknown unit 'annees' \xE2\x80\x94 did you mean 'year'? | hint: write durations "
           "with year, month, "
           "week, day or hour, e.g. 3 year");
    EXPECT("2 moiss",
           "error: unknown unit 'moiss' \xE2\x80\x94 did you mean 'month'? | hint: write durations "
           "with year, month, "
           "week, day or hour, e.g. 3 month");
    /* a declared unit is suggested as before; a short unknown name near `an` is not taken for a year */
    EXPECT("unit session\n2 sesion",
           "error: unknown unit 'sesion' \xE2\x80\x94 did you mean 'session'? | hint: declare it "
           "with `unit sesion` "
           "(a new kind of quantity) or `unit sesion = 8 hour` (from another unit)");
    EXPECT("3 ab",
           "error: unknown unit 'ab' | hint: declare it with `unit ab` (a new kind of quantity) or "
           "`unit ab = 8 hour` "
           "(from another unit)");
}

Test(units, french_and_plural_spellings_are_aliases)
{
    /* each prints as the unit it stands for: 1 an = 1 year, 6 mois = 0.5 year */
    EXPECT("50 euros + 1 euro", "51 EUR");
    EXPECT("[2 ans, 1 an, 1 ann\xC3\xA9"
           "e, 2 ann\xC3\xA9"
           "es]",
           "[2 year, 1 year, 1 year, 2 year]");
    EXPECT("6 mois", "6 month");
    EXPECT("6 mois / 1 an", "0.5");
    EXPECT("[2 semaines, 1 semaine, 3 jours, 1 jour, 2 heures, 1 heure]",
           "[2 week, 1 week, 3 day, 1 day, 2 hour, 1 hour]");
    /* 1 jour = 24 heures, both 1/365.25 year */
    EXPECT("1 jour == 24 heures", "true");
}

Test(units, clash_names_the_unit_as_written)
{
    EXPECT("5 month + 1",
           "error: cannot add month and a plain number: both sides of '+' must have the same unit"
           " | hint: write the unit on the plain number too, e.g. `5 month` rather than `5`");
    EXPECT("5 months + 1 EUR",
           "error: cannot add month and EUR: both sides of '+' must have the same unit"
           " | hint: check the units of both sides (month is not EUR)");
    /* no unit written (a computed quantity): the base unit */
    EXPECT("6 month + 1 year - 1 EUR",
           "error: cannot subtract year and EUR: both sides of '-' must have the same unit"
           " | hint: check the units of both sides (year is not EUR)");
}

Test(units, percent_rules)
{
    EXPECT("25%", "25%");
    EXPECT("1 - 25%", "75%");
    EXPECT("25% + 5%", "30%");
    /* a percentage scaled by a plain number is a plain number (SPEC §3):
     * 120 people × 40% are 48 people; by hand, 0.25 × 2 = 0.5, 0.5 / 2 = 0.25 */
    EXPECT("120 * 40%", "48");
    EXPECT("25% * 2", "0.5");
    EXPECT("25% * 25%", "6.25%"); /* a rate of a rate stays a rate */
    EXPECT("50% / 2", "0.25");
    EXPECT("1 / 25%", "4");               /* a ratio of percent is a plain number */
    EXPECT("9000 EUR * 25%", "2250 EUR"); /* money × percent is money */
    EXPECT("(1 - 20%) ^ 2", "64%");
    EXPECT("3.5%", "3.5%");
}

Test(units, number_formatting)
{
    EXPECT("120000", "120000");
    EXPECT("1 / 3", "0.333333");
    EXPECT("2 / 3", "0.666667");
    EXPECT("1234567.5", "1234568"); /* 6 significant digits, no exponent */
    EXPECT("1234.5678", "1234.57");
    EXPECT("0.0001234", "0.0001234");
    EXPECT("0.1 + 0.2", "0.3");
    EXPECT("-0.5", "-0.5");
    EXPECT("1e20", "100000000000000000000");
    EXPECT("1e25", "1e+25");
}

Test(units, api_dimensions)
{
    Dim eur = dim_money(I), year = dim_time(I), d;
    double scale;
    cr_expect(dim_is_money(I, eur));
    cr_expect_not(dim_is_money(I, year));
    cr_assert(unit_lookup(I, "GBP", &d, &scale));
    cr_expect(dim_is_money(I, d));
    cr_expect_not(dim_equal(d, eur));
    cr_assert(unit_lookup(I, "month", &d, &scale));
    cr_expect(dim_equal(d, year));
    cr_expect_float_eq(scale, 1.0 / 12, 1e-15);
    cr_expect_not(unit_lookup(I, "eur", &d, &scale));
    StrBuf b;
    sb_init(&b);
    Dim per = year;
    per.e[0] = -1;
    for (int i = 0; i < DIM_MAX; i++) per.e[i] = (int8_t)(eur.e[i] - year.e[i]);
    dim_format(I, per, &b);
    cr_expect_str_eq(b.data, "EUR/year");
    sb_free(&b);
}

Test(units, display_scale)
{
    Value v;
    cr_assert(interp_run_string(I, "<test>", "6 month", &v));
    cr_expect_float_eq(value_display_scale(I, v), 1.0 / 12, 1e-15);
    cr_assert(interp_run_string(I, "<test>", "25%", &v));
    cr_expect_float_eq(value_display_scale(I, v), 0.01, 1e-15);
}
