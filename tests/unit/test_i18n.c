/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_i18n.c — choosing the language and its catalogue (lang/i18n.c).
 * The expected French texts are those written by hand in po/fr.po; the
 * catalogue is the build tree's (make builds it before the unit tests). */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"

static void clear_environment(void)
{
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    unsetenv("LANGUAGE");
}

Test(i18n, language_names)
{
    Language l = LANGUAGE_EN;
    cr_expect(i18n_parse_language("fr", &l) && l == LANGUAGE_FR);
    l = LANGUAGE_EN;
    cr_expect(i18n_parse_language("fr_CA.UTF-8", &l) && l == LANGUAGE_FR);
    cr_expect(i18n_parse_language("en_GB", &l) && l == LANGUAGE_EN);
    cr_expect(!i18n_parse_language("de", &l));
    cr_expect(!i18n_parse_language("french", &l)); /* not a language code */
    cr_expect(!i18n_parse_language("", &l));
    cr_expect(!i18n_parse_language(NULL, &l));
}

/* POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG; the first set decides. */
Test(i18n, environment_precedence)
{
    clear_environment();
    cr_expect_eq(i18n_environment_language(), LANGUAGE_EN);
    setenv("LANG", "fr_FR.UTF-8", 1);
    cr_expect_eq(i18n_environment_language(), LANGUAGE_FR);
    setenv("LC_MESSAGES", "C", 1);
    cr_expect_eq(i18n_environment_language(), LANGUAGE_EN);
    setenv("LC_ALL", "fr_BE.UTF-8", 1);
    cr_expect_eq(i18n_environment_language(), LANGUAGE_FR);
    setenv("LC_ALL", "", 1); /* empty counts as unset */
    cr_expect_eq(i18n_environment_language(), LANGUAGE_EN);
    clear_environment();
}

/* French whatever locales the system has generated (the test machine has
 * only C and C.UTF-8), back to English, and French again. */
Test(i18n, translations_follow_the_language)
{
    clear_environment();
    i18n_use(LANGUAGE_FR);
    cr_expect_str_eq(_("hint: %s\n"), "conseil : %s\n");
    cr_expect_str_eq(_("warning: "), "avertissement : ");
    i18n_use(LANGUAGE_EN);
    cr_expect_str_eq(_("hint: %s\n"), "hint: %s\n");
    i18n_use(LANGUAGE_FR);
    cr_expect_str_eq(_("warning: "), "avertissement : ");
    cr_expect_str_eq(_("a text that has no translation"), "a text that has no translation");
}

/* Model files keep a decimal point: choosing French never touches
 * LC_NUMERIC, even when the environment asks for a French locale. */
Test(i18n, numbers_keep_the_decimal_point)
{
    setenv("LC_ALL", "fr_FR.UTF-8", 1);
    i18n_use(LANGUAGE_FR);
    cr_expect_str_eq(setlocale(LC_NUMERIC, NULL), "C");
    cr_expect_float_eq(strtod("1.5", NULL), 1.5, 0);
    char buf[16];
    snprintf(buf, sizeof buf, "%.2f", 6.92);
    cr_expect_str_eq(buf, "6.92");
    clear_environment();
}
