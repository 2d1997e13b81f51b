/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_numfmt.c — figures in the report's language (stdlib/core/numfmt.c).
 * Expected French texts follow CLDR "fr" (written out by hand): U+202F
 * between thousands and before %, a decimal comma, U+00A0 before a unit;
 * 2024-12-31 is day 20088 (Python: (date(2024,12,31) - date(1970,1,1)).days). */
#include <criterion/criterion.h>
#include <stdio.h>

#include "stdlib/core/numfmt.h"

#define NN "\xE2\x80\xAF"

static char *fixed(double v, int decimals, Language lang)
{
    static char text[128];
    StrBuf b;
    sb_init(&b);
    numfmt_fixed(&b, v, decimals, lang);
    snprintf(text, sizeof text, "%s", b.data ? b.data : "");
    sb_free(&b);
    return text;
}

Test(numfmt, french_groups_thousands_with_a_narrow_space)
{
    cr_expect_str_eq(fixed(1626598, 0, LANGUAGE_FR), "1" NN "626" NN "598");
    cr_expect_str_eq(fixed(1626598, 0, LANGUAGE_EN), "1626598");
    cr_expect_str_eq(fixed(999, 0, LANGUAGE_FR), "999");
    cr_expect_str_eq(fixed(1000, 0, LANGUAGE_FR), "1" NN "000");
    cr_expect_str_eq(fixed(-1234.56, 1, LANGUAGE_FR), "-1" NN "234,6");
    cr_expect_str_eq(fixed(6.924, 2, LANGUAGE_FR), "6,92");
    cr_expect_str_eq(fixed(6.924, 2, LANGUAGE_EN), "6.92");
    /* a figure that rounds to zero is zero, never "-0" */
    cr_expect_str_eq(fixed(-0.0001, 2, LANGUAGE_FR), "0,00");
    cr_expect_str_eq(fixed(-0.4, 0, LANGUAGE_EN), "0");
}

Test(numfmt, significant_digits)
{
    StrBuf b;
    sb_init(&b);
    numfmt_general(&b, 21.58333333, 6, LANGUAGE_FR);
    cr_expect_str_eq(b.data, "21,5833");
    sb_free(&b);
    numfmt_general(&b, 1e20, 6, LANGUAGE_FR); /* exponent form: no grouping */
    cr_expect_str_eq(b.data, "1e+20");
    sb_free(&b);
    numfmt_general(&b, 123456, 6, LANGUAGE_FR);
    cr_expect_str_eq(b.data, "123" NN "456");
    sb_free(&b);
}

Test(numfmt, percentages)
{
    StrBuf b;
    sb_init(&b);
    numfmt_percent(&b, 0.625, 1, LANGUAGE_FR);
    cr_expect_str_eq(b.data, "62,5" NN "%");
    sb_free(&b);
    numfmt_percent(&b, 0.25, 1, LANGUAGE_FR); /* whole percents as written */
    cr_expect_str_eq(b.data, "25" NN "%");
    sb_free(&b);
    numfmt_percent(&b, 0.838, 1, LANGUAGE_EN);
    cr_expect_str_eq(b.data, "83.8%");
    sb_free(&b);
}

Test(numfmt, currency_signs_and_dates)
{
    cr_expect_str_eq(numfmt_currency_sign("EUR"), "\xE2\x82\xAC");
    cr_expect_str_eq(numfmt_currency_sign("GBP"), "\xC2\xA3");
    cr_expect_null(numfmt_currency_sign("MGBP"));
    StrBuf b;
    sb_init(&b);
    numfmt_date(&b, 20088, LANGUAGE_FR);
    cr_expect_str_eq(b.data, "31/12/2024");
    sb_free(&b);
    numfmt_date(&b, 20088, LANGUAGE_EN);
    cr_expect_str_eq(b.data, "2024-12-31");
    sb_free(&b);
}
