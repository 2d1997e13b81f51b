/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* unit.c — unit registry, dimension algebra, the unit rules of the
 * operators, and number formatting.
 *
 * Contract: see unit.h.  Values are stored in base units (6 month is 0.5
 * year); the unit_hint remembers the unit written so printing gives it back.
 * Percent rules: + - between dimensionless numbers stay percent when either
 * side is a percent (1 - 25% = 75%); percent * percent stays a percent
 * (25% * 25% = 6.25%); a percent times or divided by a plain number is a
 * plain number (120 participants * 40% = 48 people, not 4800%), a percent
 * over a percent a plain ratio; anything with a unit is not a percent.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/internal.h"
#include "lang/check.h"

enum { BASE_TIME, BASE_EUR, BASE_GBP, BASE_USD, BASE_CHF };

static int add_entry(Interp *I, const char *name, Dim dim, double scale, int display)
{
    UnitRegistry *R = &I->units;
    if (R->n >= UNIT_MAX) return -1;
    size_t i = R->n++;
    R->units[i].name = strdup(name);
    R->units[i].dim = dim;
    R->units[i].scale = scale;
    R->units[i].display = (uint16_t)(display < 0 ? (int)i : display);
    return (int)i;
}

static Dim base_dim(int b)
{
    Dim d = { { 0 } };
    d.e[b] = 1;
    return d;
}

static int add_base(Interp *I, const char *name, bool currency)
{
    UnitRegistry *R = &I->units;
    int b = R->n_base++;
    int entry = add_entry(I, name, base_dim(b), 1.0, -1);
    R->base_names[b] = R->units[entry].name;
    R->base_is_currency[b] = currency;
    return entry;
}

void units_init(Interp *I)
{
    UnitRegistry *R = &I->units;
    memset(R, 0, sizeof *R);
    R->n = 1; /* entry 0: "the base unit" */
    int year = add_base(I, "year", false);
    int eur = add_base(I, "EUR", true);
    add_base(I, "GBP", true);
    add_base(I, "USD", true);
    add_base(I, "CHF", true);
    Dim t = base_dim(BASE_TIME);
    add_entry(I, "years", t, 1.0, year);
    int month = add_entry(I, "month", t, 1.0 / 12, -1);
    add_entry(I, "months", t, 1.0 / 12, month);
    int week = add_entry(I, "week", t, 7.0 / 365.25, -1);
    add_entry(I, "weeks", t, 7.0 / 365.25, week);
    int day = add_entry(I, "day", t, 1.0 / 365.25, -1);
    add_entry(I, "days", t, 1.0 / 365.25, day);
    int hour = add_entry(I, "hour", t, 1.0 / (365.25 * 24), -1);
    add_entry(I, "hours", t, 1.0 / (365.25 * 24), hour);
    add_entry(I, "\xE2\x82\xAC", base_dim(BASE_EUR), 1.0, eur); /* € */
    /* French words and the other plurals (euros, ans, mois...): aliases
     * that print as the unit they stand for. */
    for (const UnitSpelling *sp = builtin_unit_spellings; sp->name; sp++) {
        int target = unit_find(I, sp->unit);
        if (target < 0 || unit_find(I, sp->name) >= 0) continue;
        const UnitDef *u = &I->units.units[target];
        add_entry(I, sp->name, u->dim, u->scale, u->display);
    }
}

void units_free(Interp *I)
{
    for (size_t i = 1; i < I->units.n; i++) free(I->units.units[i].name);
    I->units.n = 0;
}

int unit_find(Interp *I, const char *name)
{
    for (size_t i = 1; i < I->units.n; i++)
        if (strcmp(I->units.units[i].name, name) == 0) return (int)i;
    return -1;
}

bool unit_lookup(Interp *I, const char *name, Dim *dim, double *scale)
{
    int i = unit_find(I, name);
    if (i < 0) return false;
    if (dim) *dim = I->units.units[i].dim;
    if (scale) *scale = I->units.units[i].scale;
    return true;
}

bool unit_hint_info(Interp *I, uint16_t hint, const char **name, double *scale)
{
    if (hint == 0 || hint >= I->units.n) return false;
    const UnitDef *u = &I->units.units[hint];
    *name = I->units.units[u->display].name;
    *scale = u->scale;
    return true;
}

Value unit_as_value(Interp *I, int index)
{
    const UnitDef *u = &I->units.units[index];
    Value v = value_num_dim(u->scale, u->dim);
    v.unit_hint = u->display;
    return v;
}

Dim dim_money(Interp *I)
{
    (void)I;
    return base_dim(BASE_EUR);
}
Dim dim_time(Interp *I)
{
    (void)I;
    return base_dim(BASE_TIME);
}

bool dim_is_money(Interp *I, Dim d)
{
    int currencies = 0;
    for (int i = 0; i < DIM_MAX; i++) {
        if (!d.e[i]) continue;
        if (d.e[i] != 1 || i >= I->units.n_base || !I->units.base_is_currency[i]) return false;
        currencies++;
    }
    return currencies == 1;
}

bool unit_declare_base(Interp *I, const char *name, SrcLoc loc)
{
    int existing = unit_find(I, name);
    if (existing >= 0) {
        /* Re-running a file (REPL :reload) declares its units again: fine if
         * the unit is a base unit already of that name. */
        const UnitDef *u = &I->units.units[existing];
        for (int b = BASE_CHF + 1; b < I->units.n_base; b++)
            if (I->units.base_names[b] == u->name) return true;
        rt_raise(I, loc, _("unit '%s' is already defined"), name);
        return rt_hint(I, _("choose another name for your unit"));
    }
    if (I->units.n_base >= DIM_MAX) {
        rt_raise(I, loc, _("too many units: a program can declare at most %d base units"),
                 DIM_MAX - (BASE_CHF + 1));
        return rt_hint(I, _("define the unit from another one instead: unit %s = 8 hour"), name);
    }
    if (add_base(I, name, false) < 0) return rt_raise(I, loc, _("too many unit names"));
    return true;
}

bool unit_declare_alias(Interp *I, const char *name, Value q, SrcLoc loc)
{
    if (q.kind != V_NUM) {
        rt_raise(I, loc, _("a unit is defined by a number with a unit, got %s"),
                 value_kind_name(q));
        return rt_hint(I, _("write for example: unit fte = 1607 hour"));
    }
    if (!(q.as.num > 0) || !isfinite(q.as.num))
        return rt_raise(I, loc, _("unit '%s' must be a positive quantity"), name);
    int existing = unit_find(I, name);
    if (existing >= 0) {
        UnitDef *u = &I->units.units[existing];
        if (dim_equal(u->dim, q.dim) && u->scale == q.as.num) return true;
        rt_raise(I, loc, _("unit '%s' is already defined"), name);
        return rt_hint(I, _("choose another name for your unit"));
    }
    if (add_entry(I, name, q.dim, q.as.num, -1) < 0)
        return rt_raise(I, loc, _("too many unit names"));
    return true;
}

bool unit_raise_unknown(Interp *I, const char *name, SrcLoc loc)
{
    /* A name that resembles money or time (eurs, annees, Mois) is a slip
     * for EUR or year: declaring it as a new unit would make the figure
     * neither money nor time, and the model would refuse it later. */
    const char *builtin = builtin_unit_resembled(name);
    if (builtin && dim_is_money(I, I->units.units[unit_find(I, builtin)].dim)) {
        rt_raise(I, loc, _("unknown unit '%s' \xE2\x80\x94 did you mean '%s'?"), name, builtin);
        return rt_hint(I,
                       _("write the currency in capitals after the number, as 50 EUR (GBP, USD and "
                         "CHF are the other currencies)"));
    }
    if (builtin) {
        rt_raise(I, loc, _("unknown unit '%s' \xE2\x80\x94 did you mean '%s'?"), name, builtin);
        return rt_hint(I, _("write durations with year, month, week, day or hour, e.g. 3 %s"),
                       builtin);
    }
    const char *cands[UNIT_MAX];
    size_t n = 0;
    for (size_t i = 1; i < I->units.n; i++) cands[n++] = I->units.units[i].name;
    const char *best = rt_suggest(name, cands, n);
    if (best) {
        /* Money and time were handled above: a one- or two-letter name near
         * `an` resembles nothing. */
        Dim d = I->units.units[unit_find(I, best)].dim;
        if (dim_is_money(I, d) || dim_equal(d, dim_time(I))) best = NULL;
    }
    if (best)
        rt_raise(I, loc, _("unknown unit '%s' \xE2\x80\x94 did you mean '%s'?"), name, best);
    else
        rt_raise(I, loc, _("unknown unit '%s'"), name);
    return rt_hint(
        I,
        _("declare it with `unit %s` (a new kind of quantity) or `unit %s = 8 hour` (from "
          "another unit)"),
        name, name);
}

/* ---- dimension algebra ----------------------------------------------------- */

Dim dim_mul(Dim a, Dim b)
{
    Dim d;
    for (int i = 0; i < DIM_MAX; i++) d.e[i] = (int8_t)(a.e[i] + b.e[i]);
    return d;
}

Dim dim_div(Dim a, Dim b)
{
    Dim d;
    for (int i = 0; i < DIM_MAX; i++) d.e[i] = (int8_t)(a.e[i] - b.e[i]);
    return d;
}

bool dim_pow(Dim a, int k, Dim *out)
{
    for (int i = 0; i < DIM_MAX; i++) {
        long e = (long)a.e[i] * k;
        if (e > 100 || e < -100) return false;
        out->e[i] = (int8_t)e;
    }
    return true;
}

bool dim_half(Dim a, Dim *out)
{
    for (int i = 0; i < DIM_MAX; i++) {
        if (a.e[i] % 2) return false;
        out->e[i] = (int8_t)(a.e[i] / 2);
    }
    return true;
}

static void append_factor(Interp *I, StrBuf *out, int b, int e)
{
    const char *name = b < I->units.n_base ? I->units.base_names[b] : "?";
    sb_append(out, name);
    if (e != 1) sb_printf(out, "^%d", e);
}

void dim_format(Interp *I, Dim d, StrBuf *out)
{
    int n_num = 0, n_den = 0;
    for (int i = 0; i < DIM_MAX; i++) {
        if (d.e[i] > 0) n_num++;
        if (d.e[i] < 0) n_den++;
    }
    if (!n_num && !n_den) return;
    bool first = true;
    for (int i = 0; i < DIM_MAX; i++)
        if (d.e[i] > 0) {
            if (!first) sb_append(out, "*");
            append_factor(I, out, i, d.e[i]);
            first = false;
        }
    if (!n_den) return;
    sb_append(out, n_num ? "/" : "1/");
    if (n_den > 1) sb_append(out, "(");
    first = true;
    for (int i = 0; i < DIM_MAX; i++)
        if (d.e[i] < 0) {
            if (!first) sb_append(out, "*");
            append_factor(I, out, i, -d.e[i]);
            first = false;
        }
    if (n_den > 1) sb_append(out, ")");
}

void dim_describe(Interp *I, Value v, StrBuf *out)
{
    /* The unit as the user wrote it (month for 5 month), when it is known. */
    if (!dim_is_none(v.dim) && v.unit_hint > 0 && v.unit_hint < I->units.n &&
        dim_equal(I->units.units[v.unit_hint].dim, v.dim)) {
        sb_append(out, I->units.units[v.unit_hint].name);
        return;
    }
    if (!dim_is_none(v.dim)) {
        dim_format(I, v.dim, out);
        return;
    }
    sb_append(out, (v.flags & VF_PERCENT) ? _("a percentage") : _("a plain number"));
}

/* ---- operators ----------------------------------------------------------------- */

static bool only_currencies(Interp *I, Dim a, Dim b)
{
    return dim_is_money(I, a) && dim_is_money(I, b);
}

static bool raise_clash(Interp *I, Op op, NumShape a, NumShape b, SrcLoc loc)
{
    Value va = value_num_dim(0, a.dim), vb = value_num_dim(0, b.dim);
    va.flags = a.flags;
    vb.flags = b.flags;
    va.unit_hint = a.hint;
    vb.unit_hint = b.hint;
    StrBuf da, db;
    sb_init(&da);
    sb_init(&db);
    dim_describe(I, va, &da);
    dim_describe(I, vb, &db);
    /* one whole sentence per operator: French words them otherwise */
    const char *message = op == OP_ADD
        ? _("cannot add %s and %s: both sides of '%s' must have the same unit")
        : op == OP_SUB ? _("cannot subtract %s and %s: both sides of '%s' must have the same unit")
                       : _("cannot compare %s and %s: both sides of '%s' must have the same unit");
    rt_raise(I, loc, message, da.data, db.data, op_spelling(op));
    if (only_currencies(I, a.dim, b.dim))
        rt_hint(I,
                _("currencies are not converted implicitly: multiply by a rate, e.g. `let rate = "
                  "1.17 EUR / 1 GBP`"));
    else if (dim_is_none(a.dim) || dim_is_none(b.dim))
        rt_hint(I, _("write the unit on the plain number too, e.g. `5 %s` rather than `5`"),
                dim_is_none(a.dim) ? db.data : da.data);
    else
        rt_hint(I, _("check the units of both sides (%s is not %s)"), da.data, db.data);
    sb_free(&da);
    sb_free(&db);
    return false;
}

static bool check_additive(Interp *I, Op op, NumShape a, NumShape b, SrcLoc loc, NumShape *out)
{
    if (!dim_equal(a.dim, b.dim)) return raise_clash(I, op, a, b, loc);
    out->dim = a.dim;
    out->flags = dim_is_none(a.dim) && ((a.flags | b.flags) & VF_PERCENT) ? VF_PERCENT : 0;
    out->hint = a.hint == b.hint ? a.hint : 0;
    if (dim_is_none(a.dim)) out->hint = 0;
    return true;
}

static bool check_power(Interp *I, NumShape a, NumShape b, const double *exponent, SrcLoc loc,
                        NumShape *out)
{
    if (!dim_is_none(b.dim)) {
        StrBuf d;
        sb_init(&d);
        dim_format(I, b.dim, &d);
        rt_raise(I, loc, _("the exponent of '^' must be a plain number, got %s"), d.data);
        sb_free(&d);
        return false;
    }
    out->flags = (a.flags & VF_PERCENT) && dim_is_none(a.dim) ? VF_PERCENT : 0;
    out->hint = 0;
    out->dim = a.dim;
    if (dim_is_none(a.dim)) return true;
    if (exponent && *exponent == floor(*exponent) && fabs(*exponent) > 100)
        return rt_raise(I, loc,
                        _("the exponent is too large for a quantity with a unit (at most 100)"));
    if (!exponent || *exponent != floor(*exponent)) {
        StrBuf d;
        sb_init(&d);
        dim_format(I, a.dim, &d);
        rt_raise(I, loc, _("a quantity in %s can only be raised to a whole number"), d.data);
        rt_hint(I, _("divide by the unit first, e.g. (x / 1 %s) ^ 0.5"), d.data);
        sb_free(&d);
        return false;
    }
    if (!dim_pow(a.dim, (int)*exponent, &out->dim))
        return rt_raise(I, loc, _("the unit's exponent is too large"));
    return true;
}

bool unit_check_binary(Interp *I, Op op, NumShape a, NumShape b, const double *exponent, SrcLoc loc,
                       NumShape *out)
{
    memset(out, 0, sizeof *out);
    if (op == OP_ADD || op == OP_SUB) return check_additive(I, op, a, b, loc, out);
    if (op_is_comparison(op)) {
        if (!dim_equal(a.dim, b.dim)) return raise_clash(I, op, a, b, loc);
        return true;
    }
    if (op == OP_POW) return check_power(I, a, b, exponent, loc, out);
    bool mul = op == OP_MUL;
    out->dim = mul ? dim_mul(a.dim, b.dim) : dim_div(a.dim, b.dim);
    if (dim_is_none(out->dim)) {
        bool a_pct = a.flags & VF_PERCENT, b_pct = b.flags & VF_PERCENT;
        if (mul && a_pct && b_pct) out->flags = VF_PERCENT;
    }
    /* Scaling by a plain number keeps the unit as written: 6 month * 2 = 12 month. */
    if (dim_is_none(b.dim) && dim_equal(out->dim, a.dim) && !dim_is_none(a.dim))
        out->hint = a.hint;
    else if (mul && dim_is_none(a.dim) && dim_equal(out->dim, b.dim) && !dim_is_none(b.dim))
        out->hint = b.hint;
    return true;
}

/* ---- number formatting ----------------------------------------------------------- */

void format_plain_number(double x, StrBuf *out)
{
    if (isnan(x)) {
        sb_append(out, "missing");
        return;
    }
    if (isinf(x)) {
        sb_append(out, x > 0 ? "infinity" : "-infinity");
        return;
    }
    if (x == 0) {
        sb_append(out, "0");
        return;
    }
    double ax = fabs(x);
    if (x == floor(x) && ax < 1e21) {
        sb_printf(out, "%.0f", x);
        return;
    }
    if (ax >= 1e15 || ax < 1e-4) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.6g", x);
        sb_append(out, buf);
        return;
    }
    int int_digits = (int)floor(log10(ax)) + 1;
    int decimals = 6 - int_digits;
    if (decimals < 0) decimals = 0;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, x);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0') *end-- = '\0';
        if (end == dot) *end = '\0';
    }
    if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
    sb_append(out, buf);
}

void format_quantity(Interp *I, double x, NumShape s, StrBuf *out)
{
    if (dim_is_none(s.dim)) {
        if (s.flags & VF_PERCENT && !isnan(x)) {
            format_plain_number(x * 100, out);
            sb_append(out, "%");
        } else {
            format_plain_number(x, out);
        }
        return;
    }
    if (s.hint > 0 && s.hint < I->units.n && dim_equal(I->units.units[s.hint].dim, s.dim)) {
        const UnitDef *u = &I->units.units[s.hint];
        format_plain_number(x / u->scale, out);
        sb_printf(out, " %s", u->name);
        return;
    }
    format_plain_number(x, out);
    sb_append(out, " ");
    dim_format(I, s.dim, out);
}

double value_display_scale(Interp *I, Value v)
{
    if (dim_is_none(v.dim)) return (v.flags & VF_PERCENT) ? 0.01 : 1.0;
    if (v.unit_hint > 0 && v.unit_hint < I->units.n &&
        dim_equal(I->units.units[v.unit_hint].dim, v.dim))
        return I->units.units[v.unit_hint].scale;
    return 1.0;
}
