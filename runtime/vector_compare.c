/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* vector_compare.c — whole-array comparisons and boolean logic.
 *
 * Contract: ==, !=, <, <=, >, >= on numbers (columns, distributions, single
 * numbers) and on text (columns and single texts, an empty cell equal to
 * nothing), and and/or/not on boolean columns (three-valued: a missing
 * cell stays missing unless the other side decides) and on boolean
 * distributions.  A comparison between kinds that do not compare (a
 * boolean with a text, two columns of different lengths) is a located
 * error naming both kinds.
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

_Static_assert(OP_NE - OP_EQ == CMP_NE && OP_LT - OP_EQ == CMP_LT && OP_LE - OP_EQ == CMP_LE &&
                   OP_GT - OP_EQ == CMP_GT && OP_GE - OP_EQ == CMP_GE,
               "the comparison codes follow the operators' order");

enum Cmp vec_cmp_of(Op op)
{
    return op_is_comparison(op) ? (enum Cmp)(op - OP_EQ) : CMP_NONE;
}

bool vec_compare_num(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    NumView va, vb;
    if (!vec_num_view(a, &va) || !vec_num_view(b, &vb)) return vec_raise_kinds(I, op, a, b, loc);
    size_t n;
    if (!vec_check_lengths(I, a, b, &va, &vb, loc, &n)) return false;
    NumShape sr;
    if (!unit_check_binary(I, op, shape_of(a), shape_of(b), NULL, loc, &sr)) return false;
    enum Cmp c = vec_cmp_of(op);
    const double *ap = va.p, *bp = vb.p;
    size_t as = va.stride, bs = vb.stride;
    if (a.kind == V_DIST || b.kind == V_DIST) {
        Value r = value_dist_new(n);
        double *s = as_dist(r)->stored;
        /* A missing sample (NaN) makes the condition unknown in that sample,
         * as a missing cell does in a column: never "false". */
#pragma omp parallel for simd if (n > PARALLEL_MIN)
        for (size_t i = 0; i < n; i++) {
            double x = ap[i * as], y = bp[i * bs];
            s[i] = (isnan(x) || isnan(y)) ? NAN : vec_cmp_apply(c, x, y);
        }
        r.flags = VF_BOOLDIST;
        *out = r;
        return true;
    }
    Value r = value_column_new(COL_BOOL, n);
    int8_t *m = as_column(r)->bools;
#pragma omp parallel for simd if (n > PARALLEL_MIN)
    for (size_t i = 0; i < n; i++) {
        double x = ap[i * as], y = bp[i * bs];
        m[i] = (isnan(x) || isnan(y)) ? -1 : (int8_t)vec_cmp_apply(c, x, y);
    }
    *out = r;
    return true;
}

/* Text column against a text (== !=), or two text columns row by row.
 * A missing text is the empty text "" here: a CSV cannot tell an empty
 * field from an empty text, so `exit == ""` finds the empty fields and
 * `exit != "CDI"` counts them among those that are not CDI (as pandas and
 * Excel do).  Numbers keep "a comparison with missing is missing". */
static bool text_is_empty(const ColumnObj *col, int32_t k)
{
    return k < 0 || col->dict->lens[k] == 0;
}

bool vec_compare_text(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    enum Cmp c = vec_cmp_of(op);
    if (c != CMP_EQ && c != CMP_NE) {
        rt_raise(I, loc, _("text columns can only be compared with '==' or '!=', not '%s'"),
                 op_spelling(op));
        return rt_hint(I, _("to test several values at once, write: column in [\"a\", \"b\"]"));
    }
    if (a.kind != V_COLUMN) {
        Value t = a;
        a = b;
        b = t;
    }
    const ColumnObj *col = as_column(a);
    Value r;
    if (b.kind == V_STR) {
        int32_t code = strdict_find(col->dict, as_str(b)->data, as_str(b)->len);
        bool want_empty = as_str(b)->len == 0;
        /* the answer for each code, missing (-1) first: then one load a row,
         * no branch on the rows' values */
        size_t nd = col->dict->n;
        int8_t *answer = xmalloc(nd + 1);
        for (size_t k = 0; k <= nd; k++) {
            int32_t code_k = (int32_t)k - 1;
            bool eq = want_empty ? text_is_empty(col, code_k) : (code_k >= 0 && code_k == code);
            answer[k] = (int8_t)(eq == (c == CMP_EQ));
        }
        r = value_column_new(COL_BOOL, col->n);
        int8_t *m = as_column(r)->bools;
        for (size_t i = 0; i < col->n; i++) m[i] = answer[col->codes[i] + 1];
        free(answer);
    } else if (vec_is_column_kind(b, COL_TEXT)) {
        const ColumnObj *other = as_column(b);
        if (other->n != col->n)
            return rt_raise(I, loc,
                            _("these two columns have different lengths (%zu and %zu rows)"),
                            col->n, other->n);
        r = value_column_new(COL_BOOL, col->n);
        int8_t *m = as_column(r)->bools;
        for (size_t i = 0; i < col->n; i++) {
            int32_t k = col->codes[i], l = other->codes[i];
            bool ek = text_is_empty(col, k), el = text_is_empty(other, l);
            bool eq = (ek || el) ? ek == el
                                 : col->dict->lens[k] == other->dict->lens[l] &&
                    memcmp(col->dict->strs[k], other->dict->strs[l], col->dict->lens[k]) == 0;
            m[i] = (int8_t)(eq == (c == CMP_EQ));
        }
    } else {
        return vec_raise_kinds(I, op, a, b, loc);
    }
    *out = r;
    return true;
}

/* `ok == "oui"`: the file's oui/non (yes/no, vrai/faux, true/false) were
 * read as true/false, so the column is compared with true or used as is. */
bool vec_raise_bool_vs_text(Interp *I, Op op, Value col, Value text, SrcLoc loc)
{
    static const char *const yes[] = { "oui", "yes", "true", "vrai", "o", "y", "1" };
    static const char *const no[] = { "non", "no", "false", "faux", "n", "0" };
    const char *t = as_str(text)->data;
    int says = 0; /* 1 yes, -1 no */
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!strcasecmp(t, yes[i])) says = 1;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (!strcasecmp(t, no[i])) says = -1;
    const char *name = NULL;
    const TableObj *tb = I->where_table;
    for (size_t i = 0; tb && i < tb->ncols && !name; i++)
        if (tb->cols[i] == as_column(col)) name = tb->names[i];
    /* named or not: each its own sentence (the participle agrees in French) */
    if (name)
        rt_raise(I, loc,
                 _("cannot compare a true/false column with the text \"%s\" using '%s': column "
                   "'%s' was read as true/false (its oui/non, yes/no or vrai/faux became true and "
                   "false)"),
                 t, op_spelling(op), name);
    else
        rt_raise(I, loc,
                 _("cannot compare a true/false column with the text \"%s\" using '%s': this "
                   "column was read as true/false (its oui/non, yes/no or vrai/faux became true "
                   "and false)"),
                 t, op_spelling(op));
    const char *n = name ? name : "ok";
    const char *tn = name && I->where_name ? I->where_name : "T";
    bool want_true = (says >= 0) == (op == OP_EQ);
    if (says == 0)
        return rt_hint(
            I, _("compare it with true or false: %s where %s == true, or simply %s where %s"), tn,
            n, tn, n);
    if (want_true) return rt_hint(I, _("write %s where %s (or %s == true)"), tn, n, n);
    return rt_hint(I, _("write %s where not %s (or %s == false)"), tn, n, n);
}

/* Kleene logic: -1 is unknown (missing). */
static inline int8_t and3(int8_t x, int8_t y)
{
    if (x == 0 || y == 0) return 0;
    if (x < 0 || y < 0) return -1;
    return 1;
}

static inline int8_t or3(int8_t x, int8_t y)
{
    if (x == 1 || y == 1) return 1;
    if (x < 0 || y < 0) return -1;
    return 0;
}

bool vec_bool_view(Value v, const int8_t **p, size_t *stride, size_t *n, int8_t *scalar)
{
    if (v.kind == V_BOOL) {
        *scalar = v.as.boolean;
        *p = scalar;
        *stride = 0;
        *n = 0;
        return true;
    }
    if (vec_is_column_kind(v, COL_BOOL)) {
        *p = as_column(v)->bools;
        *stride = 1;
        *n = as_column(v)->n;
        return true;
    }
    return false;
}

bool vec_logic_columns(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    const int8_t *ap, *bp;
    size_t as, bs, an, bn;
    int8_t ka, kb;
    if (!vec_bool_view(a, &ap, &as, &an, &ka) || !vec_bool_view(b, &bp, &bs, &bn, &kb)) {
        rt_raise(I, loc, _("'%s' needs true/false values on both sides, got %s and %s"),
                 op_spelling(op), value_kind_name(a), value_kind_name(b));
        return false;
    }
    if (as && bs && an != bn)
        return rt_raise(I, loc, _("these two columns have different lengths (%zu and %zu rows)"),
                        an, bn);
    size_t n = as ? an : bn;
    Value r = value_column_new(COL_BOOL, n);
    int8_t *m = as_column(r)->bools;
    /* and3 or or3 of each pair (x, y) of -1, 0, 1 at [3 (x + 1) + y + 1]: a
     * load a row instead of branches on the rows' values */
    int8_t answer[9];
    for (int x = -1; x <= 1; x++)
        for (int y = -1; y <= 1; y++)
            answer[3 * (x + 1) + y + 1] =
                op == OP_AND ? and3((int8_t)x, (int8_t)y) : or3((int8_t)x, (int8_t)y);
    for (size_t i = 0; i < n; i++) m[i] = answer[3 * (ap[i * as] + 1) + bp[i * bs] + 1];
    *out = r;
    return true;
}

bool vec_is_bool_dist(Value v)
{
    return v.kind == V_DIST && (v.flags & VF_BOOLDIST);
}

/* One side of `and`/`or` on distributions: true/false (the same for every
 * sample) or a distribution of them; false for anything else. */
static bool logic_side_view(Value v, NumView *view)
{
    if (v.kind == V_BOOL) {
        *view = (NumView){ .scalar = v.as.boolean, .stride = 0, .n = 0 };
        view->p = &view->scalar;
        return true;
    }
    if (!vec_is_bool_dist(v)) return false;
    vec_num_view(v, view);
    return true;
}

bool vec_logic_dists(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    NumView va, vb;
    if (!logic_side_view(a, &va) || !logic_side_view(b, &vb))
        return rt_raise(I, loc, _("'%s' needs true/false values on both sides, got %s and %s"),
                        op_spelling(op), value_kind_name(a), value_kind_name(b));
    size_t n;
    if (!vec_check_lengths(I, a, b, &va, &vb, loc, &n)) return false;
    Value r = value_dist_new(n);
    double *s = as_dist(r)->stored;
    bool is_and = op == OP_AND;
    /* Kleene logic, as for columns: an unknown sample (NaN) stays unknown
     * unless the other side decides (false and ?, true or ?). */
    for (size_t i = 0; i < n; i++) {
        double x = va.p[i * va.stride], y = vb.p[i * vb.stride];
        int8_t tx = isnan(x) ? -1 : x != 0, ty = isnan(y) ? -1 : y != 0;
        int8_t t = is_and ? and3(tx, ty) : or3(tx, ty);
        s[i] = t < 0 ? NAN : t;
    }
    r.flags = VF_BOOLDIST;
    *out = r;
    return true;
}
