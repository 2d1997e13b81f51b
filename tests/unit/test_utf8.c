/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_utf8.c — the one UTF-8 module (lang/utf8.c).  Expected widths are
 * those of the Unicode East Asian Width property (UAX #11: 東 京 都 are
 * "W", two columns) and of a combining mark (U+0301, general category Mn:
 * no column of its own); byte counts are worked out by hand from the
 * UTF-8 encoding (RFC 3629). */
#include <criterion/criterion.h>
#include <string.h>

#include "lang/utf8.h"

Test(utf8, decode_and_encode)
{
    int32_t cp;
    cr_expect_eq(utf8_decode("\xE2\x82\xAC", 3, &cp), 3); /* € = U+20AC */
    cr_expect_eq(cp, 0x20AC);
    cr_expect_eq(utf8_decode("\xE2\x82", 2, &cp), 0);     /* cut short */
    cr_expect_eq(utf8_decode("\xC0\xAF", 2, &cp), 0);     /* overlong '/' */
    cr_expect_eq(utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate D800 */
    cr_expect_eq(utf8_decode("\x80", 1, &cp), 0);         /* stray continuation */
    char out[4];
    cr_expect_eq(utf8_encode(0x1F600, out), 4);
    cr_expect_eq(memcmp(out, "\xF0\x9F\x98\x80", 4), 0);
}

Test(utf8, valid_prefix)
{
    cr_expect_eq(utf8_valid_prefix("caf\xC3\xA9", 5, false), 5);
    cr_expect_eq(utf8_valid_prefix("caf\xE9!", 5, false), 3); /* Windows-1252 é */
    /* a chunk that ends inside "€": valid when the rest is to come */
    cr_expect_eq(utf8_valid_prefix("a\xE2\x82", 3, true), 3);
    cr_expect_eq(utf8_valid_prefix("a\xE2\x82", 3, false), 1);
}

Test(utf8, count_and_cut)
{
    cr_expect_eq(utf8_count("\xC3\xA9t\xC3\xA9", 5), 3); /* été */
    cr_expect_eq(utf8_count("a\xFF"
                            "b",
                            3),
                 3);                                             /* an invalid byte counts one */
    cr_expect_eq(utf8_cut("\xC3\xA9t\xC3\xA9", 5, 4), 3);        /* never inside the last é */
    cr_expect_eq(utf8_cut("\xE2\x82\xAC\xE2\x82\xAC", 6, 5), 3); /* €€ cut at 5 bytes: one € */
}

Test(utf8, display_width)
{
    cr_expect_eq(utf8_width_z("Paris"), 5);
    cr_expect_eq(utf8_width_z("\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD"), 6); /* 東京都 */
    cr_expect_eq(utf8_width_z("Ce\xCC\x81line"), 6);                       /* NFD Céline */
    cr_expect_eq(utf8_width_z("C\xC3\xA9line"), 6);                        /* NFC Céline */
    cr_expect_eq(utf8_width_z("\xE2\x82\xAC"), 1);                         /* € */
}

Test(utf8, fit)
{
    size_t w;
    /* 東京都 in 5 columns: two characters (4 columns), the third would need 6 */
    cr_expect_eq(utf8_fit("\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD", 9, 5, &w), 6);
    cr_expect_eq(w, 4);
    /* the combining accent after "e" stays with it */
    cr_expect_eq(utf8_fit("Ce\xCC\x81line", 8, 2, &w), 4);
    cr_expect_eq(w, 2);
}

Test(utf8, plain_names_and_nfc)
{
    cr_expect(utf8_is_plain_name("\xC3\xA2ge_2")); /* âge_2 */
    cr_expect_not(utf8_is_plain_name("2e"));
    cr_expect_not(utf8_is_plain_name("Chiffre d\xE2\x80\x99"
                                     "affaires"));
    cr_expect_not(utf8_is_plain_name(""));
    size_t len = 3;
    char *nfc = utf8_nfc("e\xCC\x81", &len); /* e + U+0301 composes to U+00E9 */
    cr_assert_not_null(nfc);
    cr_expect_eq(len, 2);
    cr_expect_eq(memcmp(nfc, "\xC3\xA9", 2), 0);
    free(nfc);
    len = 5;
    cr_expect_null(utf8_nfc("caf\xC3\xA9", &len)); /* already NFC */
}

/* A Windows-1252 "é" (byte E9) between valid text: written \xE9, the "€"
 * (E2 82 AC, valid) kept; all 10 bytes read (r, E9, gion, space, 3).  A
 * buffer too small stops before a piece, never inside it: 6 bytes hold
 * "r\xE9" and its NUL (2 bytes of input read), 5 only "r" (1). */
Test(utf8, escape_invalid_bytes_as_hex)
{
    char out[32];
    cr_expect_eq(utf8_escape_invalid("r\xE9gion \xE2\x82\xAC", 10, out, sizeof out), 10);
    cr_expect_str_eq(out, "r\\xE9gion \xE2\x82\xAC");
    cr_expect_eq(utf8_escape_invalid("r\xE9gion", 7, out, 6), 2);
    cr_expect_str_eq(out, "r\\xE9");
    cr_expect_eq(utf8_escape_invalid("r\xE9gion", 7, out, 5), 1);
    cr_expect_str_eq(out, "r");
}
