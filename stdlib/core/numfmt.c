/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* numfmt.c — figures in the report's language (see numfmt.h).
 *
 * Every function formats with printf in the C locale, then rewrites the
 * separators: the digits themselves always come from printf, so rounding is
 * the same in both languages and a French figure equals the English one.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stdlib/core/dates.h"
#include "stdlib/core/numfmt.h"

void numfmt_localise(StrBuf *b, const char *text, Language lang)
{
    if (lang != LANGUAGE_FR) {
        sb_append(b, text);
        return;
    }
    const char *p = text;
    if (*p == '-' || *p == '+') sb_appendn(b, p++, 1);
    size_t int_len = strspn(p, "0123456789");
    bool exponent = strpbrk(p, "eE") != NULL || strstr(p, "inf") || strstr(p, "nan");
    for (size_t i = 0; i < int_len; i++) {
        size_t left = int_len - i;
        if (i > 0 && left % 3 == 0 && !exponent) sb_append(b, NUMFMT_NNBSP);
        sb_appendn(b, p + i, 1);
    }
    for (p += int_len; *p; p++) {
        if (*p == '.')
            sb_append(b, ",");
        else
            sb_appendn(b, p, 1);
    }
}

void numfmt_fixed(StrBuf *b, double v, int decimals, Language lang)
{
    char text[400];
    snprintf(text, sizeof text, "%.*f", decimals, v);
    /* no "-0" nor "-0.00": a figure that rounds to zero is zero */
    if (text[0] == '-' && strspn(text + 1, "0.") == strlen(text + 1))
        memmove(text, text + 1, strlen(text));
    numfmt_localise(b, text, lang);
}

void numfmt_general(StrBuf *b, double v, int digits, Language lang)
{
    char text[64];
    snprintf(text, sizeof text, "%.*g", digits, v == 0 ? 0.0 : v);
    numfmt_localise(b, text, lang);
}

void numfmt_percent(StrBuf *b, double fraction, int decimals, Language lang)
{
    double pc = fraction * 100;
    if (fabs(pc - round(pc)) < 1e-9)
        numfmt_fixed(b, round(pc), 0, lang);
    else
        numfmt_fixed(b, pc, decimals, lang);
    sb_append(b, lang == LANGUAGE_FR ? NUMFMT_NNBSP "%" : "%");
}

void numfmt_money(StrBuf *b, double amount, bool scaled, int decimals, const char *unit,
                  Language lang)
{
    if (decimals >= 0)
        numfmt_fixed(b, amount, decimals, lang);
    else if (scaled)
        /* thousands or millions: one decimal, so that a column reads alike
         * (5 979,6 M£); two significant digits below 0.1 (0.035 MGBP) */
        fabs(amount) >= 0.1 || amount == 0 ? numfmt_fixed(b, amount, amount == 0 ? 0 : 1, lang)
                                           : numfmt_general(b, amount, 2, lang);
    else if (fabs(amount) >= 1000)
        /* Whole units from 1000 up (387714 EUR); below, the significant
         * digits print shows (4.55367 EUR, not 5 EUR), so that a figure and
         * the arithmetic made with it agree (QA2 D17). */
        numfmt_fixed(b, amount, 0, lang);
    else
        numfmt_general(b, amount, 6, lang);
    sb_append(b, numfmt_unit_space(lang));
    sb_append(b, unit);
}

const char *numfmt_unit_space(Language lang)
{
    return lang == LANGUAGE_FR ? NUMFMT_NBSP : " ";
}

const char *numfmt_currency_sign(const char *unit)
{
    static const char *const signs[][2] = { { "EUR", "\xE2\x82\xAC" }, /* € */
                                            { "GBP", "\xC2\xA3" },     /* £ */
                                            { "USD", "$" } };
    for (size_t i = 0; unit && i < sizeof signs / sizeof *signs; i++)
        if (strcmp(unit, signs[i][0]) == 0) return signs[i][1];
    return NULL;
}

void numfmt_date(StrBuf *b, long day, Language lang)
{
    int y, m, d;
    date_to_civil(day, &y, &m, &d);
    if (lang == LANGUAGE_FR)
        sb_printf(b, "%02d/%02d/%04d", d, m, y);
    else
        sb_printf(b, "%04d-%02d-%02d", y, m, d);
}
