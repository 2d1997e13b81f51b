/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* vector_dates.c — whole-array arithmetic and comparison on dates.
 *
 * Contract: a date minus a date is a number of days, a date plus or minus
 * days (or years, at 365.25 days) is a date, two dates compare; each operand
 * a single date, a date column or text parsed as a date, viewed as days
 * (vector_internal.h) so one loop serves every combination.  A result
 * outside the calendar's range, or an operation dates do not have, is a
 * located error.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lang/i18n.h"
#include "runtime/internal.h"
#include "runtime/vector.h"
#include "runtime/mem.h"
#include "runtime/vector_internal.h"

/* Dates are whole numbers of days since 1970-01-01; the calendar
 * (runtime/calendar.c) covers the years 1 to 9999. */
#define DATE_MIN (-719162.0) /* 0001-01-01 */

#define DATE_MAX 2932896.0 /* 9999-12-31 */

#define DAYS_PER_YEAR 365.25 /* `day` is 1/365.25 year (unit.c) */

static const char *date_kind(Value v)
{
    if (v.kind == V_NUM && (v.flags & VF_DATE)) return _("a date");
    return value_kind_phrase(v);
}

static bool raise_date_compare(Interp *I, Op op, Value a, Value b, SrcLoc loc)
{
    rt_raise(I, loc, _("cannot compare %s with %s using '%s': both sides must be dates"),
             date_kind(a), date_kind(b), op_spelling(op));
    return rt_hint(I, _("write the date you compare with as a date: date(\"2024-03-01\")"));
}

/* Raises for the first number of days that is not whole: "2.5 days (row 3)". */
static bool raise_fraction_of_day(Interp *I, bool add, Value v, const NumView *view, bool in_years,
                                  double d, size_t i, SrcLoc loc)
{
    StrBuf num, b;
    sb_init(&num);
    sb_init(&b);
    if (v.kind == V_NUM)
        value_format(I, v, &num);
    else
        format_plain_number(d, &num);
    /* each form one translated phrase */
    if (in_years && view->stride)
        sb_printf(&b, _("%s (row %zu)"), num.data, i + 1);
    else if (in_years)
        sb_append(&b, num.data);
    else if (view->stride)
        sb_printf(&b, _("%s days (row %zu)"), num.data, i + 1);
    else
        sb_printf(&b, _("%s days"), num.data);
    sb_free(&num);
    if (in_years && v.kind == V_NUM && v.as.num * 12 == round(v.as.num * 12)) {
        rt_raise(I, loc,
                 add ? _("cannot add %s to a date: months and years are not a fixed number of "
                         "days")
                     : _("cannot subtract %s from a date: months and years are not a fixed "
                         "number of days"),
                 b.data);
        sb_free(&b);
        return rt_hint(I,
                       _("use add_months(d, N) for calendar months (add_months(d, 12) for a "
                         "year), or write a number of days: d + 30"));
    }
    rt_raise(I, loc,
             add ? _("cannot add %s to a date: a date moves by whole days")
                 : _("cannot subtract %s from a date: a date moves by whole days"),
             b.data);
    sb_free(&b);
    return rt_hint(I, _("round the number of days first: round(x)"));
}

/* The number of days in v, the side added to (or subtracted from) a date: a
 * plain number, or a duration in days or weeks.  Fills view with the days
 * (a converted copy in view->tmp when v is in years).  Returns false after
 * raising when v is not a whole number of days. */
static bool days_view(Interp *I, Op op, Value v, SrcLoc loc, NumView *view)
{
    bool add = op == OP_ADD; /* one whole sentence each way: "add to", "subtract from" */
    memset(view, 0, sizeof *view);
    if (v.kind == V_DIST) {
        rt_raise(I, loc,
                 add ? _("cannot add an uncertain number of days to a date")
                     : _("cannot subtract an uncertain number of days from a date"));
        return rt_hint(I,
                       _("a date is certain; to model an uncertain delay, work with numbers of "
                         "days (d2 - d1 gives one) and make those uncertain"));
    }
    if (!vec_num_view(v, view) || (v.kind == V_COLUMN && as_column(v)->type != COL_NUM)) {
        rt_raise(I, loc, add ? _("cannot add %s to a date") : _("cannot subtract %s from a date"),
                 date_kind(v));
        return rt_hint(I, _("a date moves by a number of days: d + 30, or d + 2 week"));
    }
    bool in_years = dim_equal(v.dim, dim_time(I));
    if ((!dim_is_none(v.dim) && !in_years) || (v.flags & VF_PERCENT)) {
        StrBuf u;
        sb_init(&u);
        if (v.kind == V_NUM)
            value_format(I, v, &u);
        else
            dim_describe(I, v, &u);
        rt_raise(I, loc,
                 add ? _("cannot add %s to a date: only a number of days can be")
                     : _("cannot subtract %s from a date: only a number of days can be"),
                 u.data);
        sb_free(&u);
        return rt_hint(
            I, _("write the number of days, d + 30, or a duration in days or weeks, d + 2 week"));
    }
    size_t n = view->stride ? view->n : 1;
    if (in_years) {
        view->tmp = xmalloc(n * sizeof(double));
        for (size_t i = 0; i < n; i++) {
            double d = view->p[i * view->stride] * DAYS_PER_YEAR, r = round(d);
            view->tmp[i] = fabs(d - r) < 1e-6 * (1 + fabs(r)) ? r : d;
        }
        view->p = view->tmp;
    }
    for (size_t i = 0; i < n; i++) {
        double d = view->p[i * view->stride];
        if (isnan(d) || d == floor(d)) continue;
        return raise_fraction_of_day(I, add, v, view, in_years, d, i, loc);
    }
    return true;
}

/* date ± days → date, date − date → days; a result outside the calendar
 * (years 1 to 9999) is an error. */
static bool date_arith(Interp *I, Op op, Value a, Value b, bool result_is_date, SrcLoc loc,
                       NumView *va, NumView *vb, Value *out)
{
    size_t n;
    if (!vec_check_lengths(I, a, b, va, vb, loc, &n)) return false;
    bool scalar = !va->stride && !vb->stride;
    double r1 = 0;
    double *r;
    Value rv = value_nil();
    if (scalar) {
        r = &r1;
        n = 1;
    } else {
        rv = value_column_new(result_is_date ? COL_DATE : COL_NUM, n);
        r = as_column(rv)->num;
    }
    vec_arith_arrays(op, true, va->p, va->stride, vb->p, vb->stride, r, n);
    for (size_t i = 0; result_is_date && i < n; i++) {
        if (isnan(r[i]) || (r[i] >= DATE_MIN && r[i] <= DATE_MAX)) continue;
        value_release(rv);
        char where[48] = "";
        if (!scalar) snprintf(where, sizeof where, " (row %zu)", i + 1);
        rt_raise(I, loc, _("the date would fall outside the calendar (years 1 to 9999)%s"), where);
        return rt_hint(I, _("check the number of days on the other side of '%s'"), op_spelling(op));
    }
    if (scalar) {
        rv = value_num(r1);
        if (result_is_date) rv.flags = VF_DATE;
    }
    *out = rv;
    return true;
}

bool vec_date_binary(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    return vec_inherit_if_ok(vec_date_binary_(I, op, a, b, loc, out), out, a, b);
}

bool vec_date_binary_(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    bool da = value_is_date(a), db = value_is_date(b);
    enum Cmp c = vec_cmp_of(op);
    if (c != CMP_NONE) {
        if (!da || !db) return raise_date_compare(I, op, a, b, loc);
        NumView va, vb;
        vec_num_view(a, &va);
        vec_num_view(b, &vb);
        if (a.kind == V_NUM && b.kind == V_NUM) {
            double x = a.as.num, y = b.as.num;
            *out = value_bool(vec_cmp_apply(c, x, y));
            return true;
        }
        Value pa = a, pb = b; /* compared as plain numbers of days */
        pa.flags = pb.flags = 0;
        pa.dim = pb.dim = (Dim){ { 0 } };
        return vec_compare_num(I, op, pa, pb, loc, out);
    }
    if (op == OP_ADD && da && db) {
        rt_raise(I, loc,
                 _("cannot add two dates: subtract them to get a number of days, "
                   "or add a number of days to a date"));
        return rt_hint(
            I, _("d2 - d1 is the number of days between two dates; d + 30 is 30 days after d"));
    }
    if (op == OP_SUB && da && db) {
        NumView va, vb;
        vec_num_view(a, &va);
        vec_num_view(b, &vb);
        return date_arith(I, op, a, b, false, loc, &va, &vb, out);
    }
    if (op == OP_ADD || op == OP_SUB) {
        if (db && op == OP_SUB) {
            rt_raise(I, loc, _("cannot subtract a date from %s"), date_kind(a));
            return rt_hint(
                I, _("to go back in time, subtract the number of days from the date: d - 30"));
        }
        Value date = da ? a : b, days = da ? b : a;
        NumView vd, vn;
        vec_num_view(date, &vd);
        if (!days_view(I, op, days, loc, &vn)) {
            free(vn.tmp);
            return false;
        }
        bool ok = da ? date_arith(I, op, a, b, true, loc, &vd, &vn, out)
                     : date_arith(I, op, a, b, true, loc, &vn, &vd, out);
        free(vn.tmp);
        return ok;
    }
    if (op != OP_MUL && op != OP_DIV && op != OP_POW)
        return rt_raise(I, loc, _("cannot use '%s' on %s and %s"), op_spelling(op), date_kind(a),
                        date_kind(b));
    rt_raise(I, loc,
             op == OP_MUL ? _("cannot multiply a date: a date is a day of the calendar, not a "
                              "quantity")
                 : op == OP_DIV ? _("cannot divide a date: a date is a day of the calendar, not a "
                                    "quantity")
                                : _("cannot raise a date: a date is a day of the calendar, not a "
                                    "quantity"));
    return rt_hint(
        I, _("subtract two dates to get a number of days (d2 - d1), and compute with that"));
}
