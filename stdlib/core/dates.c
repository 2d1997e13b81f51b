/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* dates.c — reading date text and the date built-ins (see dates.h); the
 * conversions between (year, month, day) and day counts are the one
 * calendar, runtime/calendar.c. */
#include "stdlib/core/dates.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "runtime/disclosure.h"
#include "stdlib/stdlib.h"

/* Reads 1 to max_digits digits at s[*i]; false if none. */
static bool read_int(const char *s, size_t len, size_t *i, int max_digits, int *out)
{
    int v = 0, k = 0;
    while (*i < len && k < max_digits && s[*i] >= '0' && s[*i] <= '9') {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    *out = v;
    return k > 0;
}

/* A time of day after a date: HH:MM, optional :SS and fraction, optional
 * zone (Z, +01:00, +0100), from s[0] to the end.  Read only to be dropped. */
static bool time_suffix(const char *s, size_t len)
{
    size_t i = 0;
    int h, m, sec = 0;
    if (!read_int(s, len, &i, 2, &h) || i >= len || s[i] != ':') return false;
    i++;
    size_t start = i;
    if (!read_int(s, len, &i, 2, &m) || i - start != 2) return false;
    if (i < len && s[i] == ':') {
        i++;
        start = i;
        if (!read_int(s, len, &i, 2, &sec) || i - start != 2) return false;
        if (i < len && (s[i] == '.' || s[i] == ',')) {
            i++;
            start = i;
            while (i < len && s[i] >= '0' && s[i] <= '9') i++;
            if (i == start) return false;
        }
    }
    if (i < len && s[i] == 'Z') {
        i++;
    } else if (i < len && (s[i] == '+' || s[i] == '-')) {
        int zh, zm = 0;
        i++;
        start = i;
        if (!read_int(s, len, &i, 2, &zh) || i - start != 2 || zh > 14) return false;
        if (i < len && s[i] == ':') i++;
        start = i;
        if (i < len && (!read_int(s, len, &i, 2, &zm) || i - start != 2 || zm > 59)) return false;
    }
    return i == len && h <= 23 && m <= 59 && sec <= 60;
}

bool date_parse(const char *s, size_t len, double *days)
{
    int y, m, d;
    size_t i = 0;
    /* a date-time (a survey's "Horodateur"): the date, then ' ' or 'T' and a time */
    if (len > 10) {
        size_t cut = 8;
        while (cut < len && cut <= 10 && s[cut] != ' ' && s[cut] != 'T') cut++;
        if (cut > 10 || cut >= len || !time_suffix(s + cut + 1, len - cut - 1)) return false;
        len = cut;
    }
    if (len >= 8 && len <= 10 && s[4] == '-') { /* 2024-03-01 */
        if (!read_int(s, len, &i, 4, &y) || i != 4) return false;
        i++;
        if (!read_int(s, len, &i, 2, &m) || i >= len || s[i] != '-') return false;
        i++;
        if (!read_int(s, len, &i, 2, &d) || i != len) return false;
    } else if (len >= 8 && len <= 10) { /* 01/03/2024 */
        if (!read_int(s, len, &i, 2, &d) || i >= len || s[i] != '/') return false;
        i++;
        if (!read_int(s, len, &i, 2, &m) || i >= len || s[i] != '/') return false;
        i++;
        size_t start = i;
        if (!read_int(s, len, &i, 4, &y) || i != len || i - start != 4) return false;
    } else {
        return false;
    }
    if (!date_is_valid(y, m, d)) return false;
    *days = (double)date_from_civil(y, m, d);
    return true;
}

Value value_date(double days)
{
    Value v = value_num(days);
    v.flags = VF_DATE;
    return v;
}

/* ---- built-ins -------------------------------------------------------------- */

/* A date argument: a date value, a number of days, a text in a date form,
 * or a date column (then *col is set and *n its length). */
typedef struct DateArg {
    double day;           /* scalar */
    const ColumnObj *col; /* or a column */
} DateArg;

static bool date_arg(Interp *I, const CallArgs *a, size_t i, DateArg *d)
{
    Value v = a->pos[i];
    d->col = NULL;
    if (v.kind == V_NUM && (v.flags & VF_DATE)) {
        d->day = v.as.num;
        return true;
    }
    if (v.kind == V_STR) {
        if (date_parse(as_str(v)->data, as_str(v)->len, &d->day)) return true;
        rt_raise(I, arg_loc(a, i), _("%s: \"%s\" is not a date"), a->reg->name, as_str(v)->data);
        return rt_hint(I,
                       _("write dates as \"2024-03-01\" or \"01/03/2024\" (a time after them, "
                         "\"2024-03-01 10:32\", is dropped)"));
    }
    if (v.kind == V_COLUMN && as_column(v)->type == COL_DATE) {
        d->col = as_column(v);
        return true;
    }
    rt_raise(I, arg_loc(a, i), _("%s needs a date, got a %s"), a->reg->name, value_kind_name(v));
    return rt_hint(I,
                   _("make one with date(\"2024-03-01\"); a CSV column of dates is read as dates"));
}

static double date_at(const DateArg *d, size_t r)
{
    return d->col ? d->col->num[r] : d->day;
}

/* Length of the result when some arguments are columns; false on a mismatch. */
static bool common_length(Interp *I, const CallArgs *a, const DateArg *x, const DateArg *y,
                          size_t *n)
{
    *n = 0;
    if (x && x->col) *n = x->col->n;
    if (y && y->col) {
        if (*n && y->col->n != *n)
            return rt_raise(I, a->loc, _("%s: the two date columns have %zu and %zu values"),
                            a->reg->name, *n, y->col->n);
        *n = y->col->n;
    }
    return true;
}

/* Complete months from a to b (negative when b is before a). */
static double months_between(double a, double b)
{
    if (isnan(a) || isnan(b)) return NAN;
    int ya, ma, da, yb, mb, db;
    date_to_civil((long)a, &ya, &ma, &da);
    date_to_civil((long)b, &yb, &mb, &db);
    long months = (long)(yb - ya) * 12 + (mb - ma);
    if (months > 0 && db < da)
        months--;
    else if (months < 0 && db > da)
        months++;
    return (double)months;
}

static double years_between(double a, double b)
{
    double m = months_between(a, b);
    return isnan(m) ? NAN : trunc(m / 12);
}

static double days_between(double a, double b)
{
    return b - a;
}

/* Days from 0001-01-01 to 9999-12-31, counted from 1970-01-01. */
#define DAY_MIN (-719162L)
#define DAY_MAX 2932896L

/* Same day n months later, the last day of the month when it is shorter
 * (2024-01-31 + 1 month = 2024-02-29); false when the result falls outside
 * the years 1 to 9999 (n is whole). */
static bool add_months(double d, double n, double *out)
{
    *out = NAN;
    if (isnan(d) || isnan(n)) return true;
    bool in_calendar;
    long days = (long)num_to_int(d, DAY_MIN, DAY_MAX, &in_calendar);
    if (!in_calendar || fabs(n) > 12 * 10000.0) return false;
    int y, m, day;
    date_to_civil(days, &y, &m, &day);
    long total = (long)y * 12 + (m - 1) + (long)n;
    long ny = total / 12, nm = total % 12 + 1;
    if (nm <= 0) {
        nm += 12;
        ny--;
    }
    if (ny < 1 || ny > 9999) return false;
    int last = date_days_in_month((int)ny, (int)nm);
    *out = (double)date_from_civil((int)ny, (int)nm, day > last ? last : day);
    return true;
}

/* months_between, years_between and days_between: one built-in, the span
 * its registration's variant (dates.def). */
enum { SPAN_MONTHS, SPAN_YEARS, SPAN_DAYS };
typedef double (*DateBinary)(double, double);
static const DateBinary spans[] = {
    [SPAN_MONTHS] = months_between, [SPAN_YEARS] = years_between, [SPAN_DAYS] = days_between
};

static bool between(Interp *I, const CallArgs *a, Value *out)
{
    DateBinary f = spans[a->reg->variant];
    DateArg x, y;
    size_t n;
    if (!date_arg(I, a, 0, &x) || !date_arg(I, a, 1, &y) || !common_length(I, a, &x, &y, &n))
        return false;
    if (!x.col && !y.col) {
        *out = value_num(f(x.day, y.day));
        return true;
    }
    Value col = value_column_new(COL_NUM, n);
    double *o = as_column(col)->num;
    for (size_t r = 0; r < n; r++) o[r] = f(date_at(&x, r), date_at(&y, r));
    *out = col;
    return true;
}

static bool raise_outside_calendar(Interp *I, const CallArgs *a, double n)
{
    rt_raise(I, a->loc, _("add_months: %.15g months from this date falls outside the calendar"), n);
    return rt_hint(I, "%s", _("dates run from the year 1 to the year 9999"));
}

static bool builtin_add_months(Interp *I, const CallArgs *a, Value *out)
{
    DateArg d;
    double n;
    if (!date_arg(I, a, 0, &d) || !arg_number(I, a, 1, "months", &n)) return false;
    if (n != floor(n))
        return rt_raise(I, arg_loc(a, 1),
                        _("add_months: the number of months must be whole, got %g"), n);
    if (!d.col) {
        double day;
        if (!add_months(d.day, n, &day)) return raise_outside_calendar(I, a, n);
        *out = value_date(day);
        return true;
    }
    Value col = value_column_new(COL_DATE, d.col->n);
    for (size_t r = 0; r < d.col->n; r++)
        if (!add_months(d.col->num[r], n, &as_column(col)->num[r])) {
            value_release(col);
            return raise_outside_calendar(I, a, n);
        }
    *out = col;
    return true;
}

static bool builtin_date(Interp *I, const CallArgs *a, Value *out)
{
    if (a->npos == 3) {
        double y, m, d;
        if (!arg_number(I, a, 0, "year", &y) || !arg_number(I, a, 1, "month", &m) ||
            !arg_number(I, a, 2, "day", &d))
            return false;
        bool whole_y, whole_m, whole_d;
        int year = (int)num_to_int(y, 1, 9999, &whole_y);
        int month = (int)num_to_int(m, 1, 12, &whole_m);
        int day = (int)num_to_int(d, 1, 31, &whole_d);
        if (!whole_y || !whole_m || !whole_d || !date_is_valid(year, month, day))
            return rt_raise(I, a->loc, _("date(%g, %g, %g) is not a day of the calendar"), y, m, d);
        *out = value_date((double)date_from_civil(year, month, day));
        return true;
    }
    if (a->npos != 1)
        return rt_raise(I, a->loc,
                        _("date takes a text (\"2024-03-01\") or a year, a month and a day"));
    Value v = a->pos[0];
    if (v.kind == V_COLUMN && as_column(v)->type == COL_TEXT) {
        /* a text column of dates (declared text, or mixed): convert, each bad value an error */
        const ColumnObj *c = as_column(v);
        Value col = value_column_new(COL_DATE, c->n);
        for (size_t r = 0; r < c->n; r++) {
            double *o = &as_column(col)->num[r];
            if (c->codes[r] < 0) {
                *o = NAN;
                continue;
            }
            if (!date_parse(c->dict->strs[c->codes[r]], c->dict->lens[c->codes[r]], o)) {
                value_release(col);
                if (disclosure_may_quote(I, v))
                    rt_raise(I, arg_loc(a, 0),
                             _("date: value %zu of the column, \"%s\", is not a date"), r + 1,
                             c->dict->strs[c->codes[r]]);
                else /* a person's value: never quoted */
                    rt_raise(I, arg_loc(a, 0),
                             _("date: value %zu of the column is not a date (the value is about a "
                               "person and is not shown)"),
                             r + 1);
                return rt_hint(I, _("dates are written 2024-03-01 or 01/03/2024"));
            }
        }
        *out = col;
        return true;
    }
    DateArg d;
    if (!date_arg(I, a, 0, &d)) return false;
    if (d.col) {
        value_retain(v);
        *out = v;
        return true;
    }
    *out = value_date(d.day);
    return true;
}

/* year(d), month(d), day(d): parts of a date or of a date column. */
/* year, month and day: one built-in, the part its registration's variant. */
enum { PART_YEAR, PART_MONTH, PART_DAY };

static bool date_part(Interp *I, const CallArgs *a, Value *out)
{
    int which = a->reg->variant;
    DateArg d;
    if (!date_arg(I, a, 0, &d)) return false;
    size_t n = d.col ? d.col->n : 1;
    Value col = d.col ? value_column_new(COL_NUM, n) : value_nil();
    for (size_t r = 0; r < n; r++) {
        double day = date_at(&d, r), part = NAN;
        if (!isnan(day)) {
            int y, m, dd;
            date_to_civil((long)day, &y, &m, &dd);
            part = which == PART_YEAR ? y : which == PART_MONTH ? m : dd;
        }
        if (d.col)
            as_column(col)->num[r] = part;
        else
            *out = value_num(part);
    }
    if (d.col) *out = col;
    return true;
}

const BuiltinReg dates_builtins[] = {
#include "stdlib/core/dates.def"
    { 0 },
};
