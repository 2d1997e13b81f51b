/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* figure_text.c — format(x, digits: n): a figure written for a reader, as a
 * report of the run's language writes it (6,44 / 56,7 % / 1 626 598 € in
 * French; 6.44 / 56.7% / 1626598 EUR in English).
 *
 * Contract: the digits and separators come from numfmt.c, the one owner of
 * figures in the report's language, and money follows the reports' rule
 * (numfmt_money); a plain number without `digits` keeps the digits print
 * shows (value_format), only its separators change.  A suppressed figure
 * gives its text in the run's language (runtime/disclosure.c); an uncertain
 * figure its median and 90% interval in the words of the reports.  str()
 * stays language-neutral: format() is the only way a program asks for a
 * reader's figure.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/disclosure.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/stats/summary.h"
#include "stdlib/stdlib.h"

/* The time units, spelt in French by the language's plural rule (a figure
 * under 2 is singular: 1,5 an); English writes the unit as print does
 * (6 month), like the durations of the reports. */
static const struct {
    const char *unit;
    const char *one, *many;
} time_words[] = {
    { "year", N_("%s year"), N_("%s years") }, { "month", N_("%s month"), N_("%s months") },
    { "week", N_("%s week"), N_("%s weeks") }, { "day", N_("%s day"), N_("%s days") },
    { "hour", N_("%s hour"), N_("%s hours") },
};

/* The number part of a figure that is not money: `digits` decimals, or the
 * digits print shows. */
static void plain_number(Interp *I, double x, int digits, Language lang, StrBuf *b)
{
    if (digits >= 0) {
        numfmt_fixed(b, x, digits, lang);
        return;
    }
    StrBuf text;
    sb_init(&text);
    value_format(I, value_num(x), &text);
    numfmt_localise(b, text.data ? text.data : "", lang);
    sb_free(&text);
}

static void money_figure(Interp *I, double x, Dim dim, uint16_t hint, int digits, StrBuf *b)
{
    Language lang = interp_settings(I)->language;
    const char *name;
    double scale;
    /* a money unit that stands for many of the currency (kEUR, MGBP) */
    if (hint && unit_hint_info(I, hint, &name, &scale) && scale != 1) {
        numfmt_money(b, x / scale, true, digits, name, lang);
        return;
    }
    StrBuf code;
    sb_init(&code);
    dim_format(I, dim, &code);
    const char *sign = lang == LANGUAGE_FR ? numfmt_currency_sign(code.data) : NULL;
    numfmt_money(b, x, false, digits, sign ? sign : code.data ? code.data : "", lang);
    sb_free(&code);
}

/* A number with a unit other than money: the number in the unit it was
 * written with, then the unit (its French words for time). */
static void unit_figure(Interp *I, double x, Dim dim, uint16_t hint, int digits, StrBuf *b)
{
    Language lang = interp_settings(I)->language;
    const char *name = NULL;
    double scale = 1;
    if (!hint || !unit_hint_info(I, hint, &name, &scale)) {
        name = NULL;
        scale = 1;
    }
    StrBuf num, unit;
    sb_init(&num);
    sb_init(&unit);
    plain_number(I, x / scale, digits, lang, &num);
    if (name)
        sb_append(&unit, name);
    else
        dim_format(I, dim, &unit);
    size_t i = 0, n = sizeof time_words / sizeof *time_words;
    while (i < n && strcmp(time_words[i].unit, unit.data ? unit.data : "") != 0) i++;
    if (i < n) {
        bool many = lang == LANGUAGE_FR && fabs(x / scale) >= 2;
        sb_printf(b, _(many ? time_words[i].many : time_words[i].one), num.data);
    } else {
        sb_printf(b, "%s%s%s", num.data, numfmt_unit_space(lang), unit.data ? unit.data : "");
    }
    sb_free(&num);
    sb_free(&unit);
}

/* One number of the given shape (a single number, or a quantile of a
 * distribution). */
static void one_figure(Interp *I, double x, Dim dim, uint8_t flags, uint16_t hint, int digits,
                       StrBuf *b)
{
    Language lang = interp_settings(I)->language;
    if (isnan(x))
        sb_append(b, _("missing"));
    else if (flags & VF_DATE)
        numfmt_date(b, (long)floor(x), lang);
    else if (dim_is_none(dim) && (flags & VF_PERCENT))
        numfmt_percent(b, x, digits >= 0 ? digits : 1, lang);
    else if (dim_is_none(dim))
        plain_number(I, x, digits, lang, b);
    else if (dim_is_money(I, dim))
        money_figure(I, x, dim, hint, digits, b);
    else
        unit_figure(I, x, dim, hint, digits, b);
}

/* An uncertain figure: its median and 90% interval, as the reports write it
 * (missing samples left out). */
static void uncertain_figure(Interp *I, Value v, int digits, StrBuf *b)
{
    const DistObj *d = as_dist(v);
    double q[3], *owned;
    static const double ps[3] = { 0.5, 0.05, 0.95 };
    size_t used = 0;
    const double *s = dist_borrow(d, &owned); /* a model's field: read, not kept */
    for (size_t i = 0; i < 3; i++)
        if (!summary_quantile(s, d->n, ps[i], &q[i], &used) || used == 0) q[i] = NAN;
    free(owned);
    one_figure(I, q[0], v.dim, v.flags, v.unit_hint, digits, b);
    if (isnan(q[0]) || q[1] == q[2]) return;
    StrBuf low, high;
    sb_init(&low);
    sb_init(&high);
    one_figure(I, q[1], v.dim, v.flags, v.unit_hint, digits, &low);
    one_figure(I, q[2], v.dim, v.flags, v.unit_hint, digits, &high);
    sb_printf(b, _(" (90%%: %s to %s)"), low.data, high.data);
    sb_free(&low);
    sb_free(&high);
}

static bool bi_format(Interp *I, const CallArgs *a, Value *out)
{
    double digits = -1;
    if ((a->npos > 1 || arg_named(a, "digits", NULL, NULL)) &&
        !arg_number(I, a, 1, "digits", &digits))
        return false;
    if (digits != -1 && (digits != floor(digits) || digits < 0 || digits > 15))
        return rt_raise(I, arg_loc(a, 1),
                        _("format(x, digits): digits must be a whole number from 0 to 15"));
    Value v = a->pos[0];
    bool number = v.kind == V_NUM || (v.kind == V_DIST && !(v.flags & VF_BOOLDIST));
    if (!number && !disclosure_is_suppressed(v)) {
        rt_raise(I, arg_loc(a, 0), _("format(x): x must be a number, got %s"), value_kind_name(v));
        return rt_hint(I,
                       _("give one figure, a number with or without its unit: format(sroi(M), "
                         "digits: 2), format(mean(T.col))"));
    }
    StrBuf b;
    sb_init(&b);
    if (v.kind == V_NUM)
        one_figure(I, v.as.num, v.dim, v.flags, v.unit_hint, (int)digits, &b);
    else if (v.kind == V_DIST)
        uncertain_figure(I, v, (int)digits, &b);
    else
        value_format(I, v, &b); /* the suppressed figure's own words */
    *out = value_strn(b.data ? b.data : "", b.len);
    sb_free(&b);
    return true;
}

const BuiltinReg figure_text_builtins[] = {
#include "stdlib/core/figure_text.def"
    { 0 },
};
