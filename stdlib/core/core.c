/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* core.c — general built-ins: lists and records (len, keys, map, filter,
 * fold, range, first, last, sorted, contains, join_text), numbers (round,
 * floor, ceil, abs, sqrt, exp, ln, log10, pow), text (str, type) and checks
 * (assert, error, warn, is_missing).
 *
 * Contract: each builtin follows interp.h (BuiltinFn).  Numeric functions
 * keep units right: round/floor/ceil/abs keep the unit (rounding in the unit
 * the number is displayed in: round(6.4 month) is 6 month), sqrt halves the
 * exponents (an error when one is odd), exp/ln/log10 need plain numbers.
 * They apply element by element to columns and distributions, in C loops.
 * Aggregates (sum, mean, min, max, count) belong to aggregate.c, sort to
 * table.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "runtime/disclosure.h"
#include "stdlib/privacy/privacy.h"
#include "stdlib/stdlib.h"

/* ---- helpers ----------------------------------------------------------------------- */

static bool want_list(Interp *I, const CallArgs *a, size_t i, const char *param,
                      const ListObj **out)
{
    if (i >= a->npos || a->pos[i].kind != V_LIST) {
        rt_raise(I, arg_loc(a, i), _("%s: %s must be a list, got %s"), a->reg->signature, param,
                 i < a->npos ? value_kind_name(a->pos[i]) : _("nothing"));
        return false;
    }
    *out = as_list(a->pos[i]);
    return true;
}

static bool want_function(Interp *I, const CallArgs *a, size_t i, const char *param)
{
    Value f = a->pos[i];
    if (f.kind == V_FUNC || f.kind == V_BUILTIN) return true;
    rt_raise(I, arg_loc(a, i), _("%s: %s must be a function, got %s"), a->reg->signature, param,
             value_kind_name(f));
    return rt_hint(I, _("write an anonymous function, e.g. fn(x) = x * 2"));
}

/* ---- lists, records, text ---------------------------------------------------------------- */

static bool bi_len(Interp *I, const CallArgs *a, Value *out)
{
    Value v = a->pos[0];
    double n;
    switch ((ValueKind)v.kind) {
    case V_LIST: n = (double)as_list(v)->n; break;
    case V_STR: n = (double)utf8_count(as_str(v)->data, as_str(v)->len); break;
    case V_RECORD: n = (double)as_record(v)->n; break;
    case V_TABLE:
    case V_COLUMN: {
        /* a table or a column holds data about people: its length is a count
         * of people and follows count()'s small-group rule (privacy.h), with
         * the table's own min_cell as count(T) does */
        bool table = v.kind == V_TABLE;
        size_t rows = table ? as_table(v)->nrows : as_column(v)->n;
        int threshold = disclosure_table_threshold(I, table ? as_table(v) : NULL);
        if (disclosure_must_suppress(rows, threshold)) {
            *out = disclosure_suppressed(threshold);
            return true;
        }
        /* len of what `where` kept: the total minus it would give the rest */
        if (disclosure_rest_must_suppress(rows, disclosure_base_rows(v), threshold)) {
            *out = disclosure_suppressed_secondary(threshold);
            return true;
        }
        if (!disclosure_differencing_allows(I, v, threshold)) {
            *out = disclosure_suppressed_differencing(threshold);
            return true;
        }
        n = (double)rows;
        break;
    }
    case V_DIST: n = (double)as_dist(v)->n; break;
    default:
        if (disclosure_is_suppressed(v)) return disclosure_refuse(I, v, arg_loc(a, 0));
        return rt_raise(I, arg_loc(a, 0),
                        _("len(x): x must be a list, text, record, table or column, got %s"),
                        value_kind_name(v));
    }
    *out = value_num(n);
    return true;
}

static bool bi_keys(Interp *I, const CallArgs *a, Value *out)
{
    Value v = a->pos[0];
    Value list = value_list_new(0);
    if (v.kind == V_RECORD) {
        for (size_t i = 0; i < as_record(v)->n; i++)
            list_push_take(list, value_str(as_record(v)->keys[i]));
    } else if (v.kind == V_TABLE) {
        for (size_t i = 0; i < as_table(v)->ncols; i++)
            list_push_take(list, value_str(as_table(v)->names[i]));
    } else {
        value_release(list);
        return rt_raise(I, arg_loc(a, 0), _("keys(x): x must be a record or a table, got %s"),
                        value_kind_name(v));
    }
    *out = list;
    return true;
}

static bool bi_map(Interp *I, const CallArgs *a, Value *out)
{
    const ListObj *l;
    if (!want_list(I, a, 0, "list", &l) || !want_function(I, a, 1, "fn")) return false;
    Value result = value_list_new(l->n);
    for (size_t i = 0; i < l->n; i++) {
        Value v;
        if (!rt_call(I, a->pos[1], 1, &l->items[i], a->loc, &v)) {
            value_release(result);
            return false;
        }
        list_push_take(result, v);
    }
    *out = result;
    return true;
}

static bool bi_filter(Interp *I, const CallArgs *a, Value *out)
{
    const ListObj *l;
    if (!want_list(I, a, 0, "list", &l) || !want_function(I, a, 1, "fn")) return false;
    Value result = value_list_new(0);
    for (size_t i = 0; i < l->n; i++) {
        Value keep;
        if (!rt_call(I, a->pos[1], 1, &l->items[i], a->loc, &keep)) {
            value_release(result);
            return false;
        }
        if (keep.kind != V_BOOL) {
            value_release(keep);
            value_release(result);
            return rt_raise(
                I, arg_loc(a, 1),
                _("filter(list, fn): fn must return true or false, got %s for item %zu"),
                value_kind_name(keep), i + 1);
        }
        if (keep.as.boolean) {
            value_retain(l->items[i]);
            list_push_take(result, l->items[i]);
        }
    }
    *out = result;
    return true;
}

static bool bi_fold(Interp *I, const CallArgs *a, Value *out)
{
    const ListObj *l;
    if (!want_list(I, a, 0, "list", &l) || !want_function(I, a, 2, "fn")) return false;
    Value acc = a->pos[1];
    value_retain(acc);
    for (size_t i = 0; i < l->n; i++) {
        Value args[2] = { acc, l->items[i] }, next;
        bool ok = rt_call(I, a->pos[2], 2, args, a->loc, &next);
        value_release(acc);
        if (!ok) return false;
        acc = next;
    }
    *out = acc;
    return true;
}

static bool bi_range(Interp *I, const CallArgs *a, Value *out)
{
    double lo = 0, hi;
    if (a->npos == 1) {
        if (!arg_number(I, a, 0, "to", &hi)) return false; /* range(to): from 0 */
    } else if (!arg_number(I, a, 0, "from", &lo) || !arg_number(I, a, 1, "to", &hi))
        return false;
    if (lo != floor(lo) || hi != floor(hi))
        return rt_raise(I, a->loc, _("range: the bounds must be whole numbers"));
    if (hi - lo > 1e7) return rt_raise(I, a->loc, _("range: at most 10,000,000 numbers"));
    Value list = value_list_new(hi > lo ? (size_t)(hi - lo) : 0);
    for (double x = lo; x < hi; x++) list_push_take(list, value_num(x));
    *out = list;
    return true;
}

/* first and last: one built-in, the end its variant (core.def). */
enum { LIST_FIRST, LIST_LAST };

static bool list_end(Interp *I, const CallArgs *a, Value *out)
{
    const ListObj *l;
    if (!want_list(I, a, 0, "list", &l)) return false;
    if (l->n == 0) return rt_raise(I, arg_loc(a, 0), _("%s: the list is empty"), a->reg->signature);
    *out = l->items[a->reg->variant == LIST_LAST ? l->n - 1 : 0];
    value_retain(*out);
    return true;
}

static int compare_items(const void *x, const void *y)
{
    const Value *a = x, *b = y;
    if (a->kind == V_NUM) return (a->as.num > b->as.num) - (a->as.num < b->as.num);
    const StrObj *s = as_str(*a), *t = as_str(*b);
    size_t n = s->len < t->len ? s->len : t->len;
    int c = memcmp(s->data, t->data, n);
    return c ? c : (s->len > t->len) - (s->len < t->len);
}

static bool bi_sorted(Interp *I, const CallArgs *a, Value *out)
{
    const ListObj *l;
    if (!want_list(I, a, 0, "list", &l)) return false;
    for (size_t i = 0; i < l->n; i++) {
        Value v = l->items[i];
        bool ok = (v.kind == V_NUM || v.kind == V_STR) && v.kind == l->items[0].kind &&
            (v.kind != V_NUM || dim_equal(v.dim, l->items[0].dim));
        if (!ok)
            return rt_raise(I, arg_loc(a, 0),
                            _("sorted(list): the items must be all numbers of the same unit or all "
                              "texts; item %zu is %s"),
                            i + 1, value_kind_name(v));
    }
    Value result = value_list_new(l->n);
    for (size_t i = 0; i < l->n; i++) {
        value_retain(l->items[i]);
        list_push_take(result, l->items[i]);
    }
    if (l->n) qsort(as_list(result)->items, l->n, sizeof(Value), compare_items);
    *out = result;
    return true;
}

static bool same_value(Value a, Value b)
{
    if (a.kind != b.kind) return false;
    switch ((ValueKind)a.kind) {
    case V_NUM: return a.as.num == b.as.num && dim_equal(a.dim, b.dim);
    case V_BOOL: return a.as.boolean == b.as.boolean;
    case V_STR:
        return as_str(a)->len == as_str(b)->len &&
            !memcmp(as_str(a)->data, as_str(b)->data, as_str(a)->len);
    case V_NIL: return true;
    default: return a.as.obj == b.as.obj;
    }
}

static bool bi_contains(Interp *I, const CallArgs *a, Value *out)
{
    Value hay = a->pos[0], needle = a->pos[1];
    if (hay.kind == V_STR && needle.kind == V_STR) {
        *out = value_bool(memmem(as_str(hay)->data, as_str(hay)->len, as_str(needle)->data,
                                 as_str(needle)->len) != NULL);
        return true;
    }
    if (hay.kind != V_LIST)
        return rt_raise(I, arg_loc(a, 0),
                        _("contains(list, x): list must be a list or a text, got %s"),
                        value_kind_name(hay));
    bool found = false;
    for (size_t i = 0; i < as_list(hay)->n && !found; i++)
        found = same_value(as_list(hay)->items[i], needle);
    *out = value_bool(found);
    return true;
}

static bool bi_join_text(Interp *I, const CallArgs *a, Value *out)
{
    const ListObj *l;
    const char *sep = ", ";
    if (!want_list(I, a, 0, "list", &l)) return false;
    if ((a->npos > 1 || arg_named(a, "sep", NULL, NULL)) && !arg_string(I, a, 1, "sep", &sep))
        return false;
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < l->n; i++) {
        if (i) sb_append(&b, sep);
        value_format(I, l->items[i], &b);
    }
    *out = value_strn(b.data ? b.data : "", b.len);
    sb_free(&b);
    return true;
}

static bool bi_str(Interp *I, const CallArgs *a, Value *out)
{
    StrBuf b;
    sb_init(&b);
    value_format(I, a->pos[0], &b);
    *out = value_strn(b.data ? b.data : "", b.len);
    sb_free(&b);
    return true;
}

/* tr(TEXTS): the text of the run's language from a text per language
 * ({fr: "...", en: "..."}, interp_translated_text); a plain text as it is. */
static bool bi_tr(Interp *I, const CallArgs *a, Value *out)
{
    Value v = a->pos[0];
    if (interp_translated_text(I, v, out)) return true;
    if (v.kind == V_STR) {
        value_retain(v);
        *out = v;
        return true;
    }
    rt_raise(I, a->loc,
             _("tr(texts): texts must be a text per language such as {fr: \"Bonjour\", en: "
               "\"Hello\"}, got %s"),
             value_kind_name(v));
    return rt_hint(I, _("name each text by its language, fr or en, and give texts only"));
}

static bool bi_type(Interp *I, const CallArgs *a, Value *out)
{
    *out = value_str(value_type_name(a->pos[0]));
    return true;
}

/* ---- checks ------------------------------------------------------------------------------ */

static bool bi_assert(Interp *I, const CallArgs *a, Value *out)
{
    Value c = a->pos[0];
    if (c.kind != V_BOOL)
        return rt_raise(I, arg_loc(a, 0),
                        _("assert(cond, message): cond must be true or false, got %s"),
                        value_kind_name(c));
    if (c.as.boolean) {
        *out = value_nil();
        return true;
    }
    const char *msg = "assertion failed";
    if (a->npos > 1 && !arg_string(I, a, 1, "message", &msg)) return false;
    return rt_raise(I, a->loc, "%s", msg);
}

static bool bi_error(Interp *I, const CallArgs *a, Value *out)
{
    const char *msg;
    if (!arg_string(I, a, 0, "message", &msg)) return false;
    return rt_raise(I, a->loc, "%s", msg);
}

/* A warning at the place of the call (a library function's call, followed
 * by the call sites up to the user's file): printed on standard error and
 * listed under "warnings" in JSON output; the run goes on. */
static bool bi_warn(Interp *I, const CallArgs *a, Value *out)
{
    const char *msg;
    if (!arg_string(I, a, 0, "message", &msg)) return false;
    rt_warn(I, a->loc, "%s", msg);
    *out = value_nil();
    return true;
}

static bool bi_is_missing(Interp *I, const CallArgs *a, Value *out)
{
    Value v = a->pos[0];
    if (v.kind == V_COLUMN) {
        const ColumnObj *c = as_column(v);
        Value r = value_column_new(COL_BOOL, c->n);
        int8_t *m = as_column(r)->bools;
        for (size_t i = 0; i < c->n; i++) {
            switch (c->type) {
            case COL_NUM:
            case COL_DATE: m[i] = isnan(c->num[i]); break;
            case COL_TEXT: m[i] = c->codes[i] < 0; break;
            case COL_BOOL: m[i] = c->bools[i] < 0; break;
            }
        }
        *out = r;
        return true;
    }
    if (v.kind == V_DIST) { /* an uncertain condition: missing in which samples */
        const DistObj *d = as_dist(v);
        Value r = value_dist_new(d->n);
        const double *s = dist_samples(d);
        for (size_t i = 0; i < d->n; i++) as_dist(r)->stored[i] = isnan(s[i]);
        r.flags = VF_BOOLDIST;
        *out = r;
        return true;
    }
    *out = value_bool(v.kind == V_NIL || (v.kind == V_NUM && isnan(v.as.num)));
    return true;
}

/* ---- numbers --------------------------------------------------------------------------------- */

typedef double (*MathFn)(double);

/* Applies f to a number, a column or a distribution, element by element,
 * in display units times `factor` (round(x, 2) rounds x shown in its unit
 * times 100), then back to stored units. */
static bool apply_scaled(Interp *I, const CallArgs *a, MathFn f, double scale, double factor,
                         Dim dim, uint8_t flags, uint16_t hint, Value *out)
{
    scale /= factor;
    Value v = a->pos[0];
    const double *src;
    size_t n;
    if (v.kind == V_NUM) {
        Value r = value_num_dim(f(v.as.num / scale) * scale, dim);
        r.flags = flags;
        r.unit_hint = hint;
        *out = r;
        return true;
    }
    Value r;
    if (v.kind == V_DIST) {
        src = dist_samples(as_dist(v));
        n = as_dist(v)->n;
        r = value_dist_new(n);
    } else if (v.kind == V_COLUMN && as_column(v)->type == COL_NUM) {
        src = as_column(v)->num;
        n = as_column(v)->n;
        r = value_column_new(COL_NUM, n);
    } else if (!disclosure_allows_use(I, v, arg_loc(a, 0))) /* a suppressed figure: why */
        return false;
    else
        return rt_raise(I, arg_loc(a, 0), _("%s: x must be a number, got %s"), a->reg->signature,
                        value_kind_name(v));
    double *dst = r.kind == V_DIST ? as_dist(r)->stored : as_column(r)->num;
    for (size_t i = 0; i < n; i++) dst[i] = f(src[i] / scale) * scale;
    r.dim = dim;
    r.flags = flags & VF_PERCENT;
    r.unit_hint = hint;
    *out = r;
    return true;
}

static bool numeric_arg(Interp *I, const CallArgs *a)
{
    Value v = a->pos[0];
    if (v.kind == V_NUM || v.kind == V_DIST ||
        (v.kind == V_COLUMN && as_column(v)->type == COL_NUM))
        return true;
    if (!disclosure_allows_use(I, v, arg_loc(a, 0))) return false; /* a suppressed figure: why */
    return rt_raise(I, arg_loc(a, 0), _("%s: x must be a number, got %s"), a->reg->signature,
                    value_kind_name(v));
}

static bool apply_elementwise(Interp *I, const CallArgs *a, MathFn f, double scale, Dim dim,
                              uint8_t flags, uint16_t hint, Value *out)
{
    return apply_scaled(I, a, f, scale, 1.0, dim, flags, hint, out);
}

static bool bi_round(Interp *I, const CallArgs *a, Value *out)
{
    if (!numeric_arg(I, a)) return false;
    double digits = 0;
    if ((a->npos > 1 || arg_named(a, "digits", NULL, NULL)) &&
        !arg_number(I, a, 1, "digits", &digits))
        return false;
    if (digits != floor(digits) || digits < -15 || digits > 15)
        return rt_raise(I, arg_loc(a, 1),
                        _("round(x, digits): digits must be a whole number between -15 and 15"));
    Value v = a->pos[0];
    return apply_scaled(I, a, round, value_display_scale(I, v), pow(10, digits), v.dim, v.flags,
                        v.unit_hint, out);
}

/* The functions of <math.h> behind floor, ceil, abs (keep_unit: the unit
 * kept) and exp, ln, log10 (plain_math: plain numbers only): each
 * built-in's variant in core.def names its function here. */
enum { MATH_FLOOR, MATH_CEIL, MATH_ABS, MATH_EXP, MATH_LN, MATH_LOG10 };
static const MathFn math_fns[] = { [MATH_FLOOR] = floor, [MATH_CEIL] = ceil, [MATH_ABS] = fabs,
                                   [MATH_EXP] = exp,     [MATH_LN] = log,    [MATH_LOG10] = log10 };

static bool keep_unit(Interp *I, const CallArgs *a, Value *out)
{
    if (!numeric_arg(I, a)) return false;
    Value v = a->pos[0];
    return apply_elementwise(I, a, math_fns[a->reg->variant], value_display_scale(I, v), v.dim,
                             v.flags, v.unit_hint, out);
}

/* Halves every exponent of d; false when one is odd (sqrt of EUR). */
static bool halve_dim(Dim d, Dim *out)
{
    for (int i = 0; i < DIM_MAX; i++) {
        if (d.e[i] % 2) return false;
        out->e[i] = (int8_t)(d.e[i] / 2);
    }
    return true;
}

static bool bi_sqrt(Interp *I, const CallArgs *a, Value *out)
{
    if (!numeric_arg(I, a)) return false;
    Value v = a->pos[0];
    Dim half;
    if (!dim_is_none(v.dim) && !halve_dim(v.dim, &half)) {
        StrBuf d;
        sb_init(&d);
        dim_format(I, v.dim, &d);
        rt_raise(I, arg_loc(a, 0), _("sqrt(x): the square root of a quantity in %s has no unit"),
                 d.data);
        rt_hint(I, _("divide by the unit first, e.g. sqrt(x / 1 %s)"), d.data);
        sb_free(&d);
        return false;
    }
    if (dim_is_none(v.dim)) half = v.dim;
    if (v.kind == V_NUM && v.as.num < 0)
        return rt_raise(I, arg_loc(a, 0), _("sqrt(x): x must not be negative, got %g"), v.as.num);
    return apply_elementwise(I, a, sqrt, 1.0, half, 0, 0, out);
}

static bool plain_math(Interp *I, const CallArgs *a, Value *out)
{
    MathFn f = math_fns[a->reg->variant];
    bool positive = a->reg->variant != MATH_EXP; /* the logarithms */
    if (!numeric_arg(I, a)) return false;
    Value v = a->pos[0];
    if (!dim_is_none(v.dim)) {
        StrBuf d;
        sb_init(&d);
        dim_format(I, v.dim, &d);
        rt_raise(I, arg_loc(a, 0), _("%s: x must be a plain number, got a quantity in %s"),
                 a->reg->signature, d.data);
        sb_free(&d);
        return false;
    }
    if (positive && v.kind == V_NUM && !(v.as.num > 0))
        return rt_raise(I, arg_loc(a, 0), _("%s: x must be positive, got %g"), a->reg->signature,
                        v.as.num);
    Dim none = { { 0 } };
    if (!apply_elementwise(I, a, f, 1.0, none, 0, 0, out)) return false;
    /* exp(1000) overflows silently in C; say so here, as the operators do,
     * rather than let an infinity travel into a model. */
    if (out->kind == V_NUM && isinf(out->as.num) && isfinite(v.as.num)) {
        rt_raise(I, a->loc, _("%s: the result is too large to be represented (more than 1.8e308)"),
                 a->reg->signature);
        return false;
    }
    return true;
}

static bool bi_pow(Interp *I, const CallArgs *a, Value *out)
{
    /* the same unit rules as x ^ y */
    if (a->pos[0].kind != V_NUM || a->pos[1].kind != V_NUM)
        return rt_raise(I, a->loc, _("pow(x, y): x and y must be numbers"));
    Value x = a->pos[0], y = a->pos[1];
    if (!dim_is_none(y.dim))
        return rt_raise(I, arg_loc(a, 1), _("pow(x, y): y must be a plain number"));
    Dim d = x.dim;
    if (!dim_is_none(x.dim)) {
        if (y.as.num != floor(y.as.num) || fabs(y.as.num) > 100)
            return rt_raise(
                I, arg_loc(a, 1),
                _("pow(x, y): a quantity with a unit can only be raised to a whole number"));
        for (int i = 0; i < DIM_MAX; i++) d.e[i] = (int8_t)(x.dim.e[i] * (int)y.as.num);
    }
    double r = pow(x.as.num, y.as.num);
    if (isnan(r))
        return rt_raise(
            I, a->loc,
            _("pow(x, y) has no real result here (a negative number to a fractional power)"));
    *out = value_num_dim(r, d);
    return true;
}

const BuiltinReg core_builtins[] = {
#include "stdlib/core/core.def"
    { 0 },
};
