/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* unit.h — the unit registry and dimension algebra (private to runtime/).
 *
 * Contract: base dimensions are time (year), one per currency (EUR, GBP,
 * USD, CHF) and one per `unit NAME` a program declares, at most DIM_MAX.
 * Every unit name (year, months, €, session, fte...) is an entry of the
 * registry: a dimension and a scale to the base unit (month = 1/12 year).
 * The French and plural spellings of money and time (euros, ans, mois: the
 * table builtin_unit_spellings of lang/check.h) are entries that display as
 * the unit they stand for.
 * A number's unit_hint is the index of the entry it was written with, so
 * `6 month` prints as it was written; 0 means "print in the base unit".
 * unit_check_binary() is the one place that decides what + - * / ^ and
 * comparisons do to dimensions, percent flags and hints, for numbers,
 * columns and distributions alike.
 */
#ifndef IMPACT_UNIT_H
#define IMPACT_UNIT_H

#include "runtime/interp.h"

#define UNIT_MAX 256

typedef struct UnitDef {
    char *name;
    Dim dim;
    double scale;     /* value of 1 NAME in base units */
    uint16_t display; /* entry whose name is printed (plural → singular) */
} UnitDef;

typedef struct UnitRegistry {
    UnitDef units[UNIT_MAX]; /* entry 0 unused: hint 0 = base unit */
    size_t n;
    const char *base_names[DIM_MAX];
    bool base_is_currency[DIM_MAX];
    int n_base;
} UnitRegistry;

void units_init(Interp *I);
void units_free(Interp *I);
int unit_find(Interp *I, const char *name); /* entry index, -1 if unknown */
/* 1 NAME as a value (scaled, with its display hint). */
Value unit_as_value(Interp *I, int index);
/* `unit NAME` (a new base dimension) and `unit NAME = quantity`. */
bool unit_declare_base(Interp *I, const char *name, SrcLoc loc);
bool unit_declare_alias(Interp *I, const char *name, Value quantity, SrcLoc loc);
/* Raises "unknown unit 'x' — did you mean 'y'?" with a hint. */
bool unit_raise_unknown(Interp *I, const char *name, SrcLoc loc);

Dim dim_mul(Dim a, Dim b);
Dim dim_div(Dim a, Dim b);
/* Multiplies every exponent by k; false if an exponent would overflow. */
bool dim_pow(Dim a, int k, Dim *out);
/* Halves every exponent; false if one is odd (sqrt of EUR). */
bool dim_half(Dim a, Dim *out);
/* "EUR", "EUR/year", "month" (the unit v was written with, from its
 * unit_hint), "a plain number", "a percentage": for messages. */
void dim_describe(Interp *I, Value v, StrBuf *out);

/* The shape of a numeric operand, whatever holds it (number, column, dist). */
typedef struct NumShape {
    Dim dim;
    uint8_t flags;
    uint16_t hint;
} NumShape;
static inline NumShape shape_of(Value v)
{
    NumShape s = { v.dim, v.flags, v.unit_hint };
    return s;
}

/* Checks op (+ - * / ^ == != < <= > >=) on operands of shapes a and b, and
 * computes the result's shape.  `exponent` is the right operand of ^ when it
 * is a single number (NULL when it is a column or distribution).  Raises a
 * located error naming both units when the dimensions do not fit. */
bool unit_check_binary(Interp *I, Op op, NumShape a, NumShape b, const double *exponent, SrcLoc loc,
                       NumShape *out);
/* Formats a number of the given shape: "30000 EUR", "25%", "6 month". */
void format_quantity(Interp *I, double x, NumShape s, StrBuf *out);
/* Plain number formatting rules (integers without decimals, 6 significant digits). */
void format_plain_number(double x, StrBuf *out);

#endif
