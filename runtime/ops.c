/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* ops.c — the operators of the language on single values: arithmetic with
 * units, comparisons, text concatenation, `in`, equality; columns and
 * distributions are handed to vector.c.
 *
 * Contract: see eval.h (rt_binary, rt_unary, value_equal).  Every error
 * names what was wrong in the user's terms ("cannot add text and number").
 * A result that overflows or is NaN from known operands is an error at the
 * operator, so a NaN that remains is always a missing data value (which
 * format.c prints as "missing").  Dates, single or columns, go to
 * vec_date_binary (vector.c), which holds the calendar's rules.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "runtime/internal.h"
#include "runtime/eval.h"
#include "runtime/vector.h"

bool value_equal(Value a, Value b)
{
    if (a.kind != b.kind) return false;
    switch ((ValueKind)a.kind) {
    case V_NIL: return true;
    case V_NUM: return a.as.num == b.as.num && dim_equal(a.dim, b.dim);
    case V_BOOL: return a.as.boolean == b.as.boolean;
    case V_STR:
        return as_str(a)->len == as_str(b)->len &&
            memcmp(as_str(a)->data, as_str(b)->data, as_str(a)->len) == 0;
    case V_LIST: {
        const ListObj *x = as_list(a), *y = as_list(b);
        if (x->n != y->n) return false;
        for (size_t i = 0; i < x->n; i++)
            if (!value_equal(x->items[i], y->items[i])) return false;
        return true;
    }
    case V_RECORD: {
        const RecordObj *x = as_record(a);
        if (x->n != as_record(b)->n) return false;
        for (size_t i = 0; i < x->n; i++) {
            Value other;
            if (!record_get(b, x->keys[i], &other) || !value_equal(x->vals[i], other)) return false;
        }
        return true;
    }
    default: return a.as.obj == b.as.obj;
    }
}

/* The one message for operands of kinds an operator does not take: one
 * whole sentence per operator (French words each otherwise). */
bool rt_raise_operand_kinds(Interp *I, Op op, const char *a, const char *b, SrcLoc loc)
{
    switch (op) {
    case OP_ADD: return rt_raise(I, loc, _("cannot add %s and %s"), a, b);
    case OP_SUB: return rt_raise(I, loc, _("cannot subtract %s and %s"), a, b);
    case OP_MUL: return rt_raise(I, loc, _("cannot multiply %s and %s"), a, b);
    case OP_DIV: return rt_raise(I, loc, _("cannot divide %s and %s"), a, b);
    default: break;
    }
    if (op_is_comparison(op))
        return rt_raise(I, loc, _("cannot compare %s and %s with '%s'"), a, b, op_spelling(op));
    return rt_raise(I, loc, _("cannot use '%s' on %s and %s"), op_spelling(op), a, b);
}

static bool raise_kinds(Interp *I, Op op, Value a, Value b, SrcLoc loc)
{
    rt_raise_operand_kinds(I, op, value_kind_name(a), value_kind_name(b), loc);
    if (op == OP_ADD && (a.kind == V_STR || b.kind == V_STR))
        rt_hint(I, _("to put a number into a text, convert it first: \"total: \" + str(x)"));
    return false;
}

static bool num_binary(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    NumShape r;
    if (!unit_check_binary(I, op, shape_of(a), shape_of(b), &b.as.num, loc, &r)) return false;
    double x = a.as.num, y = b.as.num, z;
    if (op_is_comparison(op)) {
        bool t;
        switch (op) {
        case OP_EQ: t = x == y; break;
        case OP_NE: t = x != y; break;
        case OP_LT: t = x < y; break;
        case OP_LE: t = x <= y; break;
        case OP_GT: t = x > y; break;
        default: t = x >= y; break;
        }
        *out = value_bool(t);
        return true;
    }
    switch (op) {
    case OP_ADD: z = x + y; break;
    case OP_SUB: z = x - y; break;
    case OP_MUL: z = x * y; break;
    case OP_DIV:
        if (y == 0) return rt_raise_division_by_zero(I, loc, NULL);
        z = x / y;
        break;
    default:
        if (x == 0 && y < 0) { /* 0 ^ -1 is 1 / 0 */
            rt_raise(I, loc, _("division by zero: 0 to a negative power"));
            return rt_hint(
                I, _("check the number on the left of '^'; use if ... then ... else to handle 0"));
        }
        z = pow(x, y);
        break;
    }
    /* Arithmetic never makes a missing value out of known ones, nor an
     * infinity: both are errors here, where they happen (a NaN operand, a
     * missing value read from data, stays missing). */
    if (isinf(z)) return rt_raise_too_large(I, op, loc, NULL);
    if (isnan(z) && !isnan(x) && !isnan(y)) return rt_raise_undefined(I, op, loc, NULL);
    Value v = value_num_dim(z, r.dim);
    v.flags = r.flags;
    v.unit_hint = r.hint;
    *out = v;
    return true;
}

static bool str_binary(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    const StrObj *x = as_str(a), *y = as_str(b);
    if (op == OP_ADD) {
        StrBuf sb;
        sb_init(&sb);
        sb_appendn(&sb, x->data, x->len);
        sb_appendn(&sb, y->data, y->len);
        *out = value_strn(sb.data ? sb.data : "", sb.len);
        out->flags |= a.flags & b.flags & VF_USER_TEXT; /* a path only from user texts */
        sb_free(&sb);
        return true;
    }
    if (!op_is_comparison(op)) return raise_kinds(I, op, a, b, loc);
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->data, y->data, n);
    if (c == 0) c = (x->len > y->len) - (x->len < y->len);
    bool t;
    if (op == OP_EQ)
        t = c == 0;
    else if (op == OP_NE)
        t = c != 0;
    else if (op == OP_LT)
        t = c < 0;
    else if (op == OP_LE)
        t = c <= 0;
    else if (op == OP_GT)
        t = c > 0;
    else
        t = c >= 0;
    *out = value_bool(t);
    return true;
}

static bool list_concat(Value a, Value b, Value *out)
{
    const ListObj *x = as_list(a), *y = as_list(b);
    Value r = value_list_new(x->n + y->n);
    for (size_t i = 0; i < x->n; i++) {
        value_retain(x->items[i]);
        list_push_take(r, x->items[i]);
    }
    for (size_t i = 0; i < y->n; i++) {
        value_retain(y->items[i]);
        list_push_take(r, y->items[i]);
    }
    *out = r;
    return true;
}

static bool eval_in(Interp *I, Value a, Value b, SrcLoc loc, Value *out)
{
    if (a.kind == V_COLUMN) return vec_in(I, a, b, loc, out);
    if (b.kind == V_LIST) {
        const ListObj *l = as_list(b);
        bool found = false;
        for (size_t i = 0; i < l->n && !found; i++) found = value_equal(a, l->items[i]);
        *out = value_bool(found);
        return true;
    }
    if (b.kind == V_STR && a.kind == V_STR) {
        *out = value_bool(
            memmem(as_str(b)->data, as_str(b)->len, as_str(a)->data, as_str(a)->len) != NULL);
        return true;
    }
    if (b.kind == V_RECORD && a.kind == V_STR) {
        Value ignored;
        *out = value_bool(record_get(b, as_str(a)->data, &ignored));
        return true;
    }
    rt_raise(I, loc, _("'in' needs a list on its right, got %s"), value_kind_name(b));
    return rt_hint(I, _("write for example: status in [\"CDI\", \"CDD\"]"));
}

bool rt_binary(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    if (!disclosure_allows_use(I, a, loc) || !disclosure_allows_use(I, b, loc)) return false;
    if (b.kind == V_LIST && op == OP_IN)
        for (size_t i = 0; i < as_list(b)->n; i++)
            if (!disclosure_allows_use(I, as_list(b)->items[i], loc)) return false;
    if (op == OP_IN) return eval_in(I, a, b, loc, out);
    /* Dates (single or columns) follow the calendar's rules; `d == nil` is
     * the general equality below. */
    if ((value_is_date(a) || value_is_date(b)) && op != OP_AND && op != OP_OR &&
        !(a.kind == V_NIL || b.kind == V_NIL))
        return vec_date_binary(I, op, a, b, loc, out);
    if (value_is_vector(a) || value_is_vector(b)) return vec_binary(I, op, a, b, loc, out);
    if (op == OP_AND || op == OP_OR) {
        if (a.kind != V_BOOL || b.kind != V_BOOL)
            return rt_raise(I, loc, _("'%s' needs true or false on both sides, got %s and %s"),
                            op_spelling(op), value_kind_name(a), value_kind_name(b));
        *out =
            value_bool(op == OP_AND ? a.as.boolean && b.as.boolean : a.as.boolean || b.as.boolean);
        return true;
    }
    if (a.kind == V_NUM && b.kind == V_NUM) return num_binary(I, op, a, b, loc, out);
    if (a.kind == V_STR && b.kind == V_STR) return str_binary(I, op, a, b, loc, out);
    if (a.kind == V_LIST && b.kind == V_LIST && op == OP_ADD) return list_concat(a, b, out);
    if (op == OP_EQ || op == OP_NE) {
        bool same = a.kind == b.kind || a.kind == V_NIL || b.kind == V_NIL;
        if (!same) return raise_kinds(I, op, a, b, loc);
        bool eq = value_equal(a, b);
        *out = value_bool(op == OP_EQ ? eq : !eq);
        return true;
    }
    return raise_kinds(I, op, a, b, loc);
}

bool rt_unary(Interp *I, Op op, Value a, SrcLoc loc, Value *out)
{
    if (!disclosure_allows_use(I, a, loc)) return false;
    if (value_is_vector(a)) return vec_unary(I, op, a, loc, out);
    if (op == OP_NOT) {
        if (a.kind != V_BOOL)
            return rt_raise(I, loc, _("'not' needs true or false, got %s"), value_kind_name(a));
        *out = value_bool(!a.as.boolean);
        return true;
    }
    if (a.kind != V_NUM)
        return rt_raise(I, loc, _("cannot apply '%s' to %s: it needs a number"), op_spelling(op),
                        value_kind_name(a));
    if (a.flags & VF_DATE) {
        rt_raise(I, loc,
                 _("cannot apply '%s' to a date: a date is a day of the calendar, not a quantity"),
                 op_spelling(op));
        return rt_hint(
            I, _("subtract two dates to get a number of days (d2 - d1), and compute with that"));
    }
    *out = a;
    if (op == OP_NEG) out->as.num = -a.as.num;
    return true;
}
