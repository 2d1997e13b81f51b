/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* vector.c — whole-array operations on columns and distributions.
 *
 * Contract: see vector.h.  An operand is viewed as (pointer, stride): a
 * column or a distribution has stride 1, a single number stride 0, so one
 * loop serves every combination.  Loops over more than 100,000 elements are
 * split across threads; each element depends only on its inputs, so the
 * result does not depend on the thread count.
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

bool vec_is_column_kind(Value v, ColType t)
{
    return v.kind == V_COLUMN && as_column(v)->type == t;
}

/* A text column whose cells are sets of labels (csv's multi:). */
static bool is_multi_column(Value v)
{
    return vec_is_column_kind(v, COL_TEXT) && as_column(v)->dict->multi;
}

/* `statuses == "RSA"` on a column of label sets would compare the whole set
 * with one label and miss everyone who holds two: refused, with the forms
 * that say what is meant. */
static bool raise_multi_compare(Interp *I, Op op, SrcLoc loc)
{
    rt_raise(
        I, loc,
        _("cannot use '%s' on a column of label sets (declared multi: in csv): a cell may hold "
          "several labels"),
        op_spelling(op));
    return rt_hint(I,
                   _("to keep the rows holding a label, write has(column, \"RSA\") or column in "
                     "[\"RSA\", \"Bénéficiaire du RSA\"]; for one row per label, explode(T, "
                     "\"column\")"));
}

bool vec_raise_kinds(Interp *I, Op op, Value a, Value b, SrcLoc loc)
{
    return rt_raise_operand_kinds(I, op, value_kind_name(a), value_kind_name(b), loc);
}

/* A numeric view of v: number, numeric/date column, distribution (boolean
 * columns are not numbers: use count/share on them). */
bool vec_num_view(Value v, NumView *out)
{
    memset(out, 0, sizeof *out);
    if (v.kind == V_NUM) {
        out->scalar = v.as.num;
        out->p = &out->scalar;
        return true;
    }
    if (v.kind == V_DIST) {
        out->p = dist_samples(as_dist(v));
        out->stride = 1;
        out->n = as_dist(v)->n;
        return true;
    }
    if (v.kind == V_COLUMN && (as_column(v)->type == COL_NUM || as_column(v)->type == COL_DATE)) {
        out->p = as_column(v)->num;
        out->stride = 1;
        out->n = as_column(v)->n;
        return true;
    }
    return false;
}

bool vec_check_lengths(Interp *I, Value a, Value b, const NumView *va, const NumView *vb,
                       SrcLoc loc, size_t *n)
{
    if (va->stride && vb->stride && va->n != vb->n) {
        if (a.kind == V_DIST)
            return rt_raise(I, loc,
                            _("these two distributions have different sample counts (%zu and %zu)"),
                            va->n, vb->n);
        rt_raise(I, loc, _("these two columns have different lengths (%zu and %zu rows)"), va->n,
                 vb->n);
        return rt_hint(
            I, _("columns of different tables cannot be combined row by row; use join() first"));
    }
    (void)b;
    *n = va->stride ? va->n : vb->n;
    return true;
}

static bool mixes_column_and_dist(Value a, Value b)
{
    return (a.kind == V_COLUMN && b.kind == V_DIST) || (a.kind == V_DIST && b.kind == V_COLUMN);
}

/* ---- arithmetic ------------------------------------------------------------- */

#define ARITH_LOOP(EXPR)                                                                           \
    do {                                                                                           \
        _Pragma("omp parallel for simd if(n > PARALLEL_MIN)") for (size_t i = 0; i < n; i++)       \
        {                                                                                          \
            double x = ap[i * as], y = bp[i * bs];                                                 \
            r[i] = (EXPR);                                                                         \
        }                                                                                          \
    } while (0)

void vec_arith_arrays(Op op, bool column, const double *ap, size_t as, const double *bp, size_t bs,
                      double *r, size_t n)
{
    switch (op) {
    case OP_ADD: ARITH_LOOP(x + y); break;
    case OP_SUB: ARITH_LOOP(x - y); break;
    case OP_MUL: ARITH_LOOP(x * y); break;
    case OP_DIV:
        /* In data a zero divisor makes that row missing; samples follow IEEE. */
        if (column)
            ARITH_LOOP(y == 0 ? NAN : x / y);
        else
            ARITH_LOOP(x / y);
        break;
    case OP_POW: ARITH_LOOP(pow(x, y)); break;
    default: break;
    }
}

/* The result of an operation on a and b is about people when one of them
 * is: the one combine rule (runtime/disclosure.c). */
void vec_inherit_min_cell(Value r, Value a, Value b)
{
    Value in[2] = { a, b };
    disclosure_derive(r, 2, in);
}

bool vec_inherit_if_ok(bool ok, Value *out, Value a, Value b)
{
    if (ok) vec_inherit_min_cell(*out, a, b);
    return ok;
}

static Value new_like(Value a, Value b, size_t n, ColType type)
{
    if (a.kind == V_DIST || b.kind == V_DIST) return value_dist_new(n);
    return value_column_new(type, n);
}

static double *result_array(Value r)
{
    return r.kind == V_DIST ? as_dist(r)->stored : as_column(r)->num;
}

/* ---- results that cannot be represented --------------------------------------------- */

bool rt_raise_division_by_zero(Interp *I, SrcLoc loc, const char *where)
{
    rt_raise(I, loc, _("division by zero: the divisor is 0%s"), where ? where : "");
    return rt_hint(I,
                   _("check the value on the right of '/'; use if ... then ... else to handle 0"));
}

bool rt_raise_too_large(Interp *I, Op op, SrcLoc loc, const char *where)
{
    rt_raise(I, loc, _("the result is too large to be represented (more than 1.8e308)%s"),
             where ? where : "");
    if (op == OP_POW)
        return rt_hint(I,
                       _("check the number and the exponent of '^': such a figure usually comes "
                         "from a unit or an exponent written wrongly"));
    return rt_hint(I,
                   _("check the values on each side of '%s': a figure this large usually comes "
                     "from a unit or an order of magnitude written wrongly"),
                   op_spelling(op));
}

bool rt_raise_undefined(Interp *I, Op op, SrcLoc loc, const char *where)
{
    if (op == OP_POW)
        return rt_raise(
            I, loc, _("'^' has no real result here (a negative number to a fractional power)%s"),
            where ? where : "");
    rt_raise(I, loc, _("the result of '%s' is not a number: it combines infinite values%s"),
             op_spelling(op), where ? where : "");
    return rt_hint(
        I,
        _("an infinite value comes from a computation that overflowed or divided by zero "
          "earlier on: check where the values on each side of '%s' were computed"),
        op_spelling(op));
}

/* After a whole-array operation: a result that overflowed (±infinity) or
 * became NaN from known inputs is an error at the operator, as for single
 * numbers; a NaN input (a missing value) stays missing.  In a column a zero
 * divisor has already made its row missing (not an error). */
static bool check_results(Interp *I, Op op, bool column, const NumView *va, const NumView *vb,
                          const double *r, size_t n, SrcLoc loc)
{
    size_t bad_inf = 0, bad_nan = 0, first_inf = 0, first_nan = 0;
    bool div = op == OP_DIV;
    /* first, without a branch on the values (a column's missing rows come
     * in no order the processor can guess): is any result infinite, or NaN
     * from known inputs (a column's zero divisor aside)?  Nearly always not. */
    size_t suspect = 0;
    for (size_t i = 0; i < n; i++) {
        double z = r[i], x = va->p[i * va->stride], y = vb->p[i * vb->stride];
        suspect += isinf(z) | (isnan(z) & !isnan(x) & !isnan(y) & !(column & div & (y == 0)));
    }
    if (!suspect) return true;
    for (size_t i = 0; i < n; i++) {
        double z = r[i];
        if (!isinf(z) && !isnan(z)) continue;
        if (isinf(z)) {
            if (!bad_inf++) first_inf = i;
            continue;
        }
        double x = va->p[i * va->stride], y = vb->p[i * vb->stride];
        if (isnan(x) || isnan(y) || (column && div && y == 0)) continue;
        if (!bad_nan++) first_nan = i;
    }
    if (!bad_inf && !bad_nan) return true;
    char where[96];
    size_t first = bad_inf ? first_inf : first_nan, count = bad_inf ? bad_inf : bad_nan;
    if (column)
        snprintf(where, sizeof where, " in row %zu of the column", first + 1);
    else
        snprintf(where, sizeof where, " in %zu of the %zu samples", count, n);
    return bad_inf ? rt_raise_too_large(I, op, loc, where) : rt_raise_undefined(I, op, loc, where);
}

/* A division of a column or a distribution: a divisor that is the single
 * number 0 is the same error as for numbers; zero samples of a distribution
 * too (they would make its summary meaningless); zero rows of a column make
 * those rows missing, with one warning that counts them. */
static bool check_divisor(Interp *I, bool column, const NumView *va, const NumView *vb, size_t n,
                          SrcLoc loc)
{
    if (!vb->stride) return vb->p[0] == 0 ? rt_raise_division_by_zero(I, loc, NULL) : true;
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++) zeros += vb->p[i] == 0 && !isnan(va->p[i * va->stride]);
    if (!zeros) return true;
    if (!column) {
        char where[64];
        snprintf(where, sizeof where, " in %zu of the %zu samples", zeros, n);
        return rt_raise_division_by_zero(I, loc, where);
    }
    rt_warn(I, loc,
            ngettext("division by zero in %zu of %zu rows: that row is missing",
                     "division by zero in %zu of %zu rows: those rows are missing",
                     (unsigned long)zeros),
            zeros, n);
    return true;
}

static bool vec_arith(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    NumView va, vb;
    if (!vec_num_view(a, &va) || !vec_num_view(b, &vb)) return vec_raise_kinds(I, op, a, b, loc);
    size_t n;
    if (!vec_check_lengths(I, a, b, &va, &vb, loc, &n)) return false;
    NumShape sa = shape_of(a), sb = shape_of(b), sr;
    sa.flags &= VF_PERCENT;
    sb.flags &= VF_PERCENT;
    const double *exponent = b.kind == V_NUM ? &b.as.num : NULL;
    if (!unit_check_binary(I, op, sa, sb, exponent, loc, &sr)) return false;
    bool column = a.kind != V_DIST && b.kind != V_DIST;
    if (op == OP_DIV && !check_divisor(I, column, &va, &vb, n, loc)) return false;
    Value r = new_like(a, b, n, COL_NUM);
    vec_arith_arrays(op, column, va.p, va.stride, vb.p, vb.stride, result_array(r), n);
    if (!check_results(I, op, column, &va, &vb, result_array(r), n, loc)) {
        value_release(r);
        return false;
    }
    r.dim = sr.dim;
    r.flags = sr.flags;
    r.unit_hint = sr.hint;
    *out = r;
    return true;
}

/* ---- entry points --------------------------------------------------------------- */

static bool vec_binary_(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);
bool vec_binary(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    return vec_inherit_if_ok(vec_binary_(I, op, a, b, loc, out), out, a, b);
}

static bool vec_binary_(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out)
{
    if (mixes_column_and_dist(a, b)) {
        rt_raise(I, loc,
                 _("cannot combine a column (one value per row) with a distribution (one uncertain "
                   "value) using '%s'"),
                 op_spelling(op));
        return rt_hint(I,
                       _("summarise the column first, e.g. mean(column), then combine it with the "
                         "distribution"));
    }
    if (op == OP_AND || op == OP_OR) {
        if (a.kind == V_DIST || b.kind == V_DIST) return vec_logic_dists(I, op, a, b, loc, out);
        return vec_logic_columns(I, op, a, b, loc, out);
    }
    enum Cmp c = vec_cmp_of(op);
    if (c != CMP_NONE) {
        if (is_multi_column(a) || is_multi_column(b)) return raise_multi_compare(I, op, loc);
        if (vec_is_column_kind(a, COL_TEXT) || vec_is_column_kind(b, COL_TEXT))
            return vec_compare_text(I, op, a, b, loc, out);
        if ((vec_is_column_kind(a, COL_BOOL) || vec_is_column_kind(b, COL_BOOL)) &&
            (c == CMP_EQ || c == CMP_NE)) {
            Value x = a, y = b;
            if (!vec_is_column_kind(x, COL_BOOL)) {
                x = b;
                y = a;
            }
            if (y.kind == V_STR) return vec_raise_bool_vs_text(I, op, x, y, loc);
            if (y.kind != V_BOOL && !vec_is_column_kind(y, COL_BOOL))
                return vec_raise_kinds(I, op, a, b, loc);
            /* x == y is (x and y) or (not x and not y), row by row */
            const int8_t *xp = NULL, *yp = NULL;
            size_t xs = 0, ys = 0, xn = 0, yn = 0;
            int8_t kx = 0, ky = 0;
            vec_bool_view(x, &xp, &xs, &xn, &kx);
            vec_bool_view(y, &yp, &ys, &yn, &ky);
            if (ys && xn != yn)
                return rt_raise(I, loc,
                                _("these two columns have different lengths (%zu and %zu rows)"),
                                xn, yn);
            Value r = value_column_new(COL_BOOL, xn);
            int8_t *m = as_column(r)->bools;
            for (size_t i = 0; i < xn; i++) {
                int8_t p = xp[i], q = yp[i * ys];
                m[i] = (p < 0 || q < 0) ? -1 : (int8_t)((p == q) == (c == CMP_EQ));
            }
            *out = r;
            return true;
        }
        return vec_compare_num(I, op, a, b, loc, out);
    }
    return vec_arith(I, op, a, b, loc, out);
}

static bool vec_unary_(Interp *I, Op op, Value a, SrcLoc loc, Value *out);
bool vec_unary(Interp *I, Op op, Value a, SrcLoc loc, Value *out)
{
    return vec_inherit_if_ok(vec_unary_(I, op, a, loc, out), out, a, value_nil());
}

static bool vec_unary_(Interp *I, Op op, Value a, SrcLoc loc, Value *out)
{
    if (op == OP_NOT) {
        if (vec_is_column_kind(a, COL_BOOL)) {
            const ColumnObj *c = as_column(a);
            Value r = value_column_new(COL_BOOL, c->n);
            for (size_t i = 0; i < c->n; i++)
                as_column(r)->bools[i] = c->bools[i] < 0 ? -1 : !c->bools[i];
            *out = r;
            return true;
        }
        if (vec_is_bool_dist(a)) {
            const DistObj *d = as_dist(a);
            Value r = value_dist_new(d->n);
            const double *s = dist_samples(d);
            for (size_t i = 0; i < d->n; i++) as_dist(r)->stored[i] = isnan(s[i]) ? NAN : s[i] == 0;
            r.flags = VF_BOOLDIST;
            *out = r;
            return true;
        }
        return rt_raise(I, loc, _("'not' needs true/false values, got %s"), value_kind_name(a));
    }
    NumView va;
    if (!vec_num_view(a, &va) || (a.kind == V_COLUMN && as_column(a)->type != COL_NUM))
        return rt_raise(I, loc, _("cannot negate %s"), value_kind_name(a));
    size_t n = va.n;
    Value r = a.kind == V_DIST ? value_dist_new(n) : value_column_new(COL_NUM, n);
    double *s = result_array(r);
    const double *p = va.p;
    bool neg = op == OP_NEG;
#pragma omp parallel for simd if (n > PARALLEL_MIN)
    for (size_t i = 0; i < n; i++) s[i] = neg ? -p[i] : p[i];
    r.dim = a.dim;
    r.flags = a.flags & VF_PERCENT;
    r.unit_hint = a.unit_hint;
    *out = r;
    return true;
}

/* True when one of the labels of text k of a multi-valued dictionary
 * ("RSA\nSalarié.e", split on line breaks) is a text of the list l. */
static int8_t labels_meet_list(const StrDict *d, size_t k, const ListObj *l)
{
    const char *s = d->strs[k], *end = s + d->lens[k];
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t len = (size_t)((nl ? nl : end) - s);
        for (size_t j = 0; j < l->n; j++)
            if (as_str(l->items[j])->len == len && len > 0 &&
                memcmp(as_str(l->items[j])->data, s, len) == 0)
                return 1;
        s += len + 1;
    }
    return 0;
}

static bool in_text_column(Interp *I, const ColumnObj *col, const ListObj *l, SrcLoc loc,
                           Value *out)
{
    /* Decide once per distinct text, then map every row through its code. */
    size_t nd = col->dict->n;
    int8_t *wanted = xcalloc(nd ? nd : 1, 1);
    int8_t empty_wanted = 0; /* a missing text is "" (see vec_compare_text) */
    for (size_t j = 0; j < l->n; j++) {
        if (l->items[j].kind != V_STR) {
            free(wanted);
            return rt_raise(I, loc,
                            _("'in' on a text column needs a list of texts; item %zu is %s"), j + 1,
                            value_kind_name(l->items[j]));
        }
        int32_t code = strdict_find(col->dict, as_str(l->items[j])->data, as_str(l->items[j])->len);
        if (code >= 0) wanted[code] = 1;
        if (as_str(l->items[j])->len == 0) empty_wanted = 1;
    }
    if (col->dict->multi) /* a set of labels is in the list when one of its labels is */
        for (size_t k = 0; k < nd; k++) wanted[k] = labels_meet_list(col->dict, k, l);
    Value r = value_column_new(COL_BOOL, col->n);
    for (size_t i = 0; i < col->n; i++)
        as_column(r)->bools[i] = col->codes[i] < 0 ? empty_wanted : wanted[col->codes[i]];
    free(wanted);
    *out = r;
    return true;
}

static bool in_num_column(Interp *I, Value column, const ListObj *l, SrcLoc loc, Value *out)
{
    const ColumnObj *col = as_column(column);
    for (size_t j = 0; j < l->n; j++) {
        Value it = l->items[j];
        if (it.kind != V_NUM)
            return rt_raise(I, loc,
                            _("'in' on a number column needs a list of numbers; item %zu is %s"),
                            j + 1, value_kind_name(it));
        NumShape sr;
        if (!unit_check_binary(I, OP_EQ, shape_of(column), shape_of(it), NULL, loc, &sr))
            return false;
    }
    Value r = value_column_new(COL_BOOL, col->n);
    for (size_t i = 0; i < col->n; i++) {
        double x = col->num[i];
        int8_t hit = 0;
        for (size_t j = 0; j < l->n && !hit; j++) hit = l->items[j].as.num == x;
        as_column(r)->bools[i] = isnan(x) ? -1 : hit;
    }
    *out = r;
    return true;
}

static bool vec_in_(Interp *I, Value column, Value list, SrcLoc loc, Value *out);
bool vec_in(Interp *I, Value column, Value list, SrcLoc loc, Value *out)
{
    return vec_inherit_if_ok(vec_in_(I, column, list, loc, out), out, column, value_nil());
}

static bool vec_in_(Interp *I, Value column, Value list, SrcLoc loc, Value *out)
{
    if (list.kind != V_LIST) {
        rt_raise(I, loc, _("'in' needs a list on its right, got %s"), value_kind_name(list));
        return rt_hint(I, _("write: column in [\"a\", \"b\"]"));
    }
    const ColumnObj *col = as_column(column);
    if (col->type == COL_TEXT) return in_text_column(I, col, as_list(list), loc, out);
    if (col->type == COL_NUM) return in_num_column(I, column, as_list(list), loc, out);
    return rt_raise(I, loc, _("'in' works on text and number columns, not on a %s"),
                    value_kind_name(column));
}

/* ---- filtering ------------------------------------------------------------------ */

static size_t count_true(const ColumnObj *mask)
{
    size_t k = 0;
    for (size_t i = 0; i < mask->n; i++) k += mask->bools[i] == 1;
    return k;
}

Value column_filter(Value colv, const ColumnObj *mask)
{
    const ColumnObj *c = as_column(colv);
    size_t k = count_true(mask), j = 0;
    Value r;
    if (c->type == COL_TEXT) {
        r = value_column_new_shared(COL_TEXT, k, c->dict); /* the texts are shared */
        ColumnObj *rc = as_column(r);
        for (size_t i = 0; i < c->n; i++)
            if (mask->bools[i] == 1) rc->codes[j++] = c->codes[i];
    } else {
        r = value_column_new(c->type, k);
        ColumnObj *rc = as_column(r);
        for (size_t i = 0; i < c->n; i++) {
            if (mask->bools[i] != 1) continue;
            if (c->type == COL_BOOL)
                rc->bools[j++] = c->bools[i];
            else
                rc->num[j++] = c->num[i];
        }
    }
    disclosure_column_like(as_column(r), c);
    r.dim = colv.dim;
    r.flags = colv.flags;
    r.unit_hint = colv.unit_hint;
    return r;
}

Value table_column_value(const TableObj *t, size_t i)
{
    /* A column of a data table is about its people, under the table's
     * threshold; one of a table not read from data (an aggregate, a
     * tornado table, lists) is not (disclosure_rows_hidden, format.c). */
    disclosure_column_of(t, t->cols[i]);
    Value v = value_obj(&t->cols[i]->hdr);
    value_retain(v);
    v.dim = t->dims[i];
    return v;
}

Value table_filter(Value table, const ColumnObj *mask)
{
    const TableObj *t = as_table(table);
    Value r = value_table_new(t->ncols);
    for (size_t i = 0; i < t->ncols; i++) {
        Value col = table_column_value(t, i);
        table_add_column(r, t->names[i], column_filter(col, mask));
        value_release(col);
    }
    TableObj *rt = as_table(r);
    if (t->ncols == 0)
        rt->nrows = 0;
    else
        rt->nrows = count_true(mask);
    rt->source = t->source ? strdup(t->source) : NULL;
    disclosure_filtered(rt, t, mask);
    return r;
}

typedef struct KeyRow {
    uint64_t key;
    uint32_t row;
} KeyRow;

static int by_key(const void *a, const void *b)
{
    uint64_t x = ((const KeyRow *)a)->key, y = ((const KeyRow *)b)->key;
    return x < y ? -1 : x > y;
}

size_t vec_number_by_key(const uint64_t *keys, size_t n, uint32_t *number_of)
{
    KeyRow *kr = xmalloc((n ? n : 1) * sizeof *kr);
    for (size_t r = 0; r < n; r++) kr[r] = (KeyRow){ keys[r], (uint32_t)r };
    qsort(kr, n, sizeof *kr, by_key);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || kr[i].key != kr[i - 1].key) count++;
        number_of[kr[i].row] = (uint32_t)(count - 1);
    }
    free(kr);
    return count;
}
