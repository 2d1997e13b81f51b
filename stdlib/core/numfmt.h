/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* numfmt.h — figures written for a reader, in the report's language.
 *
 * English keeps the figures as impact prints them everywhere else (1626598,
 * 6.92, 62.5%, 2024-12-31): the reference format of SPEC.md.  French follows
 * the French conventions (CLDR "fr"): thousands grouped by a narrow no-break
 * space U+202F (1 626 598), a decimal comma (6,92), a narrow no-break space
 * before % (62,5 %), a no-break space U+00A0 before a currency sign
 * (1 626 598 €), and day/month/year dates (31/12/2024).
 *
 * These never depend on the C library's locale (LC_NUMERIC stays "C",
 * lang/i18n.h): the text is built from printf's C-locale output.
 */
#ifndef IMPACT_NUMFMT_H
#define IMPACT_NUMFMT_H

#include "lang/i18n.h"
#include "runtime/value.h"

#define NUMFMT_NNBSP "\xE2\x80\xAF" /* U+202F narrow no-break space */
#define NUMFMT_NBSP  "\xC2\xA0"     /* U+00A0 no-break space */

/* `text`, a number as printf writes it in the C locale ("1626598.5",
 * "-0.25", "1e+25"), with the separators of the language: the integer part
 * grouped by three from 1000 up in French, the decimal point a comma.
 * Exponent forms keep their digits. */
void numfmt_localise(StrBuf *b, const char *text, Language lang);

/* v rounded to `decimals` decimals: 1626598 / 1 626 598, 6.92 / 6,92.
 * Never "-0". */
void numfmt_fixed(StrBuf *b, double v, int decimals, Language lang);

/* v to `digits` significant digits, as printf's %g: 4.55367 / 4,55367,
 * 21.5833 / 21,5833; a large whole number grouped in French. */
void numfmt_general(StrBuf *b, double v, int digits, Language lang);

/* A fraction as a percentage, whole percents as written (25%), others to
 * `decimals` decimals (62.5% / 62,5 %). */
void numfmt_percent(StrBuf *b, double fraction, int decimals, Language lang);

/* An amount of money, already divided into its display unit, followed by
 * that unit ("EUR", "€", "k€", "MGBP"): `decimals` decimals when it is 0 or
 * more; otherwise the reports' rule: one decimal when `scaled` (thousands,
 * millions: 5 979,6 M£), whole units from 1000 up (1 626 598 €), the six
 * significant digits print shows below (4,55367 €). */
void numfmt_money(StrBuf *b, double amount, bool scaled, int decimals, const char *unit,
                  Language lang);

/* The separator between a figure and its unit: " " or, in French, a no-break
 * space (a figure is never cut from its unit at the end of a line). */
const char *numfmt_unit_space(Language lang);

/* The sign of a currency written in French reports: € for EUR, £ for GBP,
 * $ for USD; NULL for any other unit (written as its name). */
const char *numfmt_currency_sign(const char *unit);

/* A day number (days since 1970-01-01) as a date: 2024-12-31 / 31/12/2024. */
void numfmt_date(StrBuf *b, long day, Language lang);

#endif
