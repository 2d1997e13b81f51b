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

#include "internal.h"
#include "vector.h"

#define PARALLEL_MIN 100000

typedef struct NumView {
    const double *p;
    size_t stride;        /* 1 for arrays, 0 for a single number */
    size_t n;             /* elements; 0 for a single number */
    double scalar;
    double *tmp;          /* owned conversion of a boolean column/dist, or NULL */
} NumView;

static bool is_column_kind(Value v, ColType t) { return v.kind == V_COLUMN && as_column(v)->type == t; }

static const char *op_verb(const char *op)
{
    if (!strcmp(op, "+")) return "add";
    if (!strcmp(op, "-")) return "subtract";
    if (!strcmp(op, "*")) return "multiply";
    if (!strcmp(op, "/")) return "divide";
    if (!strcmp(op, "^")) return "raise";
    if (!strcmp(op, "and") || !strcmp(op, "or")) return "combine";
    return "compare";
}

static bool raise_kinds(Interp *I, const char *op, Value a, Value b, SrcLoc loc)
{
    const char *verb = op_verb(op);
    if (strcmp(verb, "compare") && strcmp(verb, "raise") && strcmp(verb, "combine"))
        return rt_raise(I, loc, "cannot %s %s and %s", verb, value_kind_name(a), value_kind_name(b));
    return rt_raise(I, loc, "cannot %s %s and %s with '%s'", verb, value_kind_name(a), value_kind_name(b), op);
}

/* A numeric view of v: number, numeric/date column, distribution (boolean
 * columns are not numbers: use count/share on them). */
static bool num_view(Value v, NumView *out)
{
    memset(out, 0, sizeof *out);
    if (v.kind == V_NUM) { out->scalar = v.as.num; out->p = &out->scalar; return true; }
    if (v.kind == V_DIST) { out->p = as_dist(v)->s; out->stride = 1; out->n = as_dist(v)->n; return true; }
    if (v.kind == V_COLUMN && (as_column(v)->type == COL_NUM || as_column(v)->type == COL_DATE)) {
        out->p = as_column(v)->num; out->stride = 1; out->n = as_column(v)->n; return true;
    }
    return false;
}

static bool check_lengths(Interp *I, Value a, Value b, const NumView *va, const NumView *vb, SrcLoc loc, size_t *n)
{
    if (va->stride && vb->stride && va->n != vb->n) {
        if (a.kind == V_DIST)
            return rt_raise(I, loc, "these two distributions have different sample counts (%zu and %zu)", va->n, vb->n);
        rt_raise(I, loc, "these two columns have different lengths (%zu and %zu rows)", va->n, vb->n);
        return rt_hint(I, "columns of different tables cannot be combined row by row; use join() first");
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

#define ARITH_LOOP(EXPR)                                                     \
    do {                                                                     \
        _Pragma("omp parallel for simd if(n > PARALLEL_MIN)")               \
        for (size_t i = 0; i < n; i++) {                                     \
            double x = ap[i * as], y = bp[i * bs];                           \
            r[i] = (EXPR);                                                   \
        }                                                                    \
    } while (0)

static void arith(char op, bool column, const double *ap, size_t as, const double *bp, size_t bs,
                  double *r, size_t n)
{
    switch (op) {
    case '+': ARITH_LOOP(x + y); break;
    case '-': ARITH_LOOP(x - y); break;
    case '*': ARITH_LOOP(x * y); break;
    case '/':
        /* In data a zero divisor makes that row missing; samples follow IEEE. */
        if (column) ARITH_LOOP(y == 0 ? NAN : x / y);
        else ARITH_LOOP(x / y);
        break;
    case '^': ARITH_LOOP(pow(x, y)); break;
    }
}

static Value new_like(Value a, Value b, size_t n, ColType type)
{
    if (a.kind == V_DIST || b.kind == V_DIST) return value_dist_new(n);
    return value_column_new(type, n);
}

static double *result_array(Value r)
{
    return r.kind == V_DIST ? as_dist(r)->s : as_column(r)->num;
}

static bool vec_arith(Interp *I, const char *op, Value a, Value b, SrcLoc loc, Value *out)
{
    NumView va, vb;
    if (!num_view(a, &va) || !num_view(b, &vb)) return raise_kinds(I, op, a, b, loc);
    size_t n;
    if (!check_lengths(I, a, b, &va, &vb, loc, &n)) return false;
    NumShape sa = shape_of(a), sb = shape_of(b), sr;
    sa.flags &= VF_PERCENT;
    sb.flags &= VF_PERCENT;
    const double *exponent = b.kind == V_NUM ? &b.as.num : NULL;
    if (!unit_check_binary(I, op, sa, sb, exponent, loc, &sr)) return false;
    Value r = new_like(a, b, n, COL_NUM);
    bool column = r.kind == V_COLUMN;
    arith(op[0], column, va.p, va.stride, vb.p, vb.stride, result_array(r), n);
    r.dim = sr.dim;
    r.flags = sr.flags;
    r.unit_hint = sr.hint;
    *out = r;
    return true;
}

/* ---- comparisons -------------------------------------------------------------- */

enum Cmp { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_NONE };

static enum Cmp cmp_of(const char *op)
{
    static const char *const names[] = { "==", "!=", "<", "<=", ">", ">=" };
    for (int i = 0; i < 6; i++) if (!strcmp(op, names[i])) return (enum Cmp)i;
    return CMP_NONE;
}

static inline int cmp_apply(enum Cmp c, double x, double y)
{
    switch (c) {
    case CMP_EQ: return x == y;
    case CMP_NE: return x != y;
    case CMP_LT: return x < y;
    case CMP_LE: return x <= y;
    case CMP_GT: return x > y;
    case CMP_GE: return x >= y;
    default: return 0;
    }
}

static bool vec_compare_num(Interp *I, const char *op, Value a, Value b, SrcLoc loc, Value *out)
{
    NumView va, vb;
    if (!num_view(a, &va) || !num_view(b, &vb)) return raise_kinds(I, op, a, b, loc);
    size_t n;
    if (!check_lengths(I, a, b, &va, &vb, loc, &n)) return false;
    NumShape sr;
    if (!unit_check_binary(I, op, shape_of(a), shape_of(b), NULL, loc, &sr)) return false;
    enum Cmp c = cmp_of(op);
    const double *ap = va.p, *bp = vb.p;
    size_t as = va.stride, bs = vb.stride;
    if (a.kind == V_DIST || b.kind == V_DIST) {
        Value r = value_dist_new(n);
        double *s = as_dist(r)->s;
        #pragma omp parallel for simd if(n > PARALLEL_MIN)
        for (size_t i = 0; i < n; i++) s[i] = cmp_apply(c, ap[i * as], bp[i * bs]);
        r.flags = VF_BOOLDIST;
        *out = r;
        return true;
    }
    Value r = value_column_new(COL_BOOL, n);
    int8_t *m = as_column(r)->bools;
    #pragma omp parallel for simd if(n > PARALLEL_MIN)
    for (size_t i = 0; i < n; i++) {
        double x = ap[i * as], y = bp[i * bs];
        m[i] = (isnan(x) || isnan(y)) ? -1 : (int8_t)cmp_apply(c, x, y);
    }
    *out = r;
    return true;
}

/* Text column against a text (== !=), or two text columns row by row. */
static bool vec_compare_text(Interp *I, const char *op, Value a, Value b, SrcLoc loc, Value *out)
{
    enum Cmp c = cmp_of(op);
    if (c != CMP_EQ && c != CMP_NE) {
        rt_raise(I, loc, "text columns can only be compared with '==' or '!=', not '%s'", op);
        return rt_hint(I, "to test several values at once, write: column in [\"a\", \"b\"]");
    }
    if (a.kind != V_COLUMN) { Value t = a; a = b; b = t; }
    const ColumnObj *col = as_column(a);
    Value r;
    if (b.kind == V_STR) {
        int32_t code = strdict_find(col->dict, as_str(b)->data, as_str(b)->len);
        r = value_column_new(COL_BOOL, col->n);
        int8_t *m = as_column(r)->bools;
        for (size_t i = 0; i < col->n; i++) {
            int32_t k = col->codes[i];
            m[i] = k < 0 ? -1 : (int8_t)((k == code) == (c == CMP_EQ));
        }
    } else if (is_column_kind(b, COL_TEXT)) {
        const ColumnObj *other = as_column(b);
        if (other->n != col->n)
            return rt_raise(I, loc, "these two columns have different lengths (%zu and %zu rows)", col->n, other->n);
        r = value_column_new(COL_BOOL, col->n);
        int8_t *m = as_column(r)->bools;
        for (size_t i = 0; i < col->n; i++) {
            int32_t k = col->codes[i], l = other->codes[i];
            if (k < 0 || l < 0) { m[i] = -1; continue; }
            bool eq = col->dict->lens[k] == other->dict->lens[l] &&
                      memcmp(col->dict->strs[k], other->dict->strs[l], col->dict->lens[k]) == 0;
            m[i] = (int8_t)(eq == (c == CMP_EQ));
        }
    } else {
        return raise_kinds(I, op, a, b, loc);
    }
    *out = r;
    return true;
}

/* ---- booleans ------------------------------------------------------------------ */

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

static bool bool_view(Value v, const int8_t **p, size_t *stride, size_t *n, int8_t *scalar)
{
    if (v.kind == V_BOOL) { *scalar = v.as.boolean; *p = scalar; *stride = 0; *n = 0; return true; }
    if (is_column_kind(v, COL_BOOL)) { *p = as_column(v)->bools; *stride = 1; *n = as_column(v)->n; return true; }
    return false;
}

static bool vec_logic_columns(Interp *I, const char *op, Value a, Value b, SrcLoc loc, Value *out)
{
    const int8_t *ap, *bp;
    size_t as, bs, an, bn;
    int8_t ka, kb;
    if (!bool_view(a, &ap, &as, &an, &ka) || !bool_view(b, &bp, &bs, &bn, &kb)) {
        rt_raise(I, loc, "'%s' needs true/false values on both sides, got %s and %s",
                 op, value_kind_name(a), value_kind_name(b));
        return false;
    }
    if (as && bs && an != bn)
        return rt_raise(I, loc, "these two columns have different lengths (%zu and %zu rows)", an, bn);
    size_t n = as ? an : bn;
    Value r = value_column_new(COL_BOOL, n);
    int8_t *m = as_column(r)->bools;
    bool is_and = !strcmp(op, "and");
    for (size_t i = 0; i < n; i++)
        m[i] = is_and ? and3(ap[i * as], bp[i * bs]) : or3(ap[i * as], bp[i * bs]);
    *out = r;
    return true;
}

static bool is_bool_dist(Value v) { return v.kind == V_DIST && (v.flags & VF_BOOLDIST); }

static bool vec_logic_dists(Interp *I, const char *op, Value a, Value b, SrcLoc loc, Value *out)
{
    NumView va, vb;
    double ka = 0, kb = 0;
    if (a.kind == V_BOOL) { ka = a.as.boolean; va.p = &ka; va.stride = 0; va.n = 0; }
    else if (is_bool_dist(a)) num_view(a, &va);
    else goto bad;
    if (b.kind == V_BOOL) { kb = b.as.boolean; vb.p = &kb; vb.stride = 0; vb.n = 0; }
    else if (is_bool_dist(b)) num_view(b, &vb);
    else goto bad;
    size_t n;
    if (!check_lengths(I, a, b, &va, &vb, loc, &n)) return false;
    Value r = value_dist_new(n);
    double *s = as_dist(r)->s;
    bool is_and = !strcmp(op, "and");
    for (size_t i = 0; i < n; i++) {
        bool x = va.p[i * va.stride] != 0, y = vb.p[i * vb.stride] != 0;
        s[i] = is_and ? (x && y) : (x || y);
    }
    r.flags = VF_BOOLDIST;
    *out = r;
    return true;
bad:
    return rt_raise(I, loc, "'%s' needs true/false values on both sides, got %s and %s",
                    op, value_kind_name(a), value_kind_name(b));
}

/* ---- entry points --------------------------------------------------------------- */

bool vec_binary(Interp *I, const char *op, Value a, Value b, SrcLoc loc, Value *out)
{
    if (mixes_column_and_dist(a, b)) {
        rt_raise(I, loc, "cannot combine a column (one value per row) with a distribution (one uncertain value) using '%s'", op);
        return rt_hint(I, "summarise the column first, e.g. mean(column), then combine it with the distribution");
    }
    if (!strcmp(op, "and") || !strcmp(op, "or")) {
        if (a.kind == V_DIST || b.kind == V_DIST) return vec_logic_dists(I, op, a, b, loc, out);
        return vec_logic_columns(I, op, a, b, loc, out);
    }
    enum Cmp c = cmp_of(op);
    if (c != CMP_NONE) {
        if (is_column_kind(a, COL_TEXT) || is_column_kind(b, COL_TEXT))
            return vec_compare_text(I, op, a, b, loc, out);
        if ((is_column_kind(a, COL_BOOL) || is_column_kind(b, COL_BOOL)) && (c == CMP_EQ || c == CMP_NE)) {
            Value x = a, y = b;
            if (!is_column_kind(x, COL_BOOL)) { x = b; y = a; }
            if (y.kind != V_BOOL && !is_column_kind(y, COL_BOOL)) return raise_kinds(I, op, a, b, loc);
            /* x == y is (x and y) or (not x and not y), row by row */
            const int8_t *xp = NULL, *yp = NULL;
            size_t xs = 0, ys = 0, xn = 0, yn = 0;
            int8_t kx = 0, ky = 0;
            bool_view(x, &xp, &xs, &xn, &kx);
            bool_view(y, &yp, &ys, &yn, &ky);
            if (ys && xn != yn)
                return rt_raise(I, loc, "these two columns have different lengths (%zu and %zu rows)", xn, yn);
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

bool vec_unary(Interp *I, const char *op, Value a, SrcLoc loc, Value *out)
{
    if (!strcmp(op, "not")) {
        if (is_column_kind(a, COL_BOOL)) {
            const ColumnObj *c = as_column(a);
            Value r = value_column_new(COL_BOOL, c->n);
            for (size_t i = 0; i < c->n; i++)
                as_column(r)->bools[i] = c->bools[i] < 0 ? -1 : !c->bools[i];
            *out = r;
            return true;
        }
        if (is_bool_dist(a)) {
            const DistObj *d = as_dist(a);
            Value r = value_dist_new(d->n);
            for (size_t i = 0; i < d->n; i++) as_dist(r)->s[i] = d->s[i] == 0;
            r.flags = VF_BOOLDIST;
            *out = r;
            return true;
        }
        return rt_raise(I, loc, "'not' needs true/false values, got %s", value_kind_name(a));
    }
    NumView va;
    if (!num_view(a, &va) || (a.kind == V_COLUMN && as_column(a)->type != COL_NUM))
        return rt_raise(I, loc, "cannot negate %s", value_kind_name(a));
    size_t n = va.n;
    Value r = a.kind == V_DIST ? value_dist_new(n) : value_column_new(COL_NUM, n);
    double *s = result_array(r);
    const double *p = va.p;
    bool neg = !strcmp(op, "-");
    #pragma omp parallel for simd if(n > PARALLEL_MIN)
    for (size_t i = 0; i < n; i++) s[i] = neg ? -p[i] : p[i];
    r.dim = a.dim;
    r.flags = a.flags & VF_PERCENT;
    r.unit_hint = a.unit_hint;
    *out = r;
    return true;
}

static bool in_text_column(Interp *I, const ColumnObj *col, const ListObj *l, SrcLoc loc, Value *out)
{
    /* Decide once per distinct text, then map every row through its code. */
    size_t nd = col->dict->n;
    int8_t *wanted = calloc(nd ? nd : 1, 1);
    if (!wanted) rt_out_of_memory();
    for (size_t j = 0; j < l->n; j++) {
        if (l->items[j].kind != V_STR) {
            free(wanted);
            return rt_raise(I, loc, "'in' on a text column needs a list of texts; item %zu is %s",
                            j + 1, value_kind_name(l->items[j]));
        }
        int32_t code = strdict_find(col->dict, as_str(l->items[j])->data, as_str(l->items[j])->len);
        if (code >= 0) wanted[code] = 1;
    }
    Value r = value_column_new(COL_BOOL, col->n);
    for (size_t i = 0; i < col->n; i++)
        as_column(r)->bools[i] = col->codes[i] < 0 ? -1 : wanted[col->codes[i]];
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
            return rt_raise(I, loc, "'in' on a number column needs a list of numbers; item %zu is %s",
                            j + 1, value_kind_name(it));
        NumShape sr;
        if (!unit_check_binary(I, "==", shape_of(column), shape_of(it), NULL, loc, &sr)) return false;
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

bool vec_in(Interp *I, Value column, Value list, SrcLoc loc, Value *out)
{
    if (list.kind != V_LIST) {
        rt_raise(I, loc, "'in' needs a list on its right, got %s", value_kind_name(list));
        return rt_hint(I, "write: column in [\"a\", \"b\"]");
    }
    const ColumnObj *col = as_column(column);
    if (col->type == COL_TEXT) return in_text_column(I, col, as_list(list), loc, out);
    if (col->type == COL_NUM) return in_num_column(I, column, as_list(list), loc, out);
    return rt_raise(I, loc, "'in' works on text and number columns, not on a %s", value_kind_name(column));
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
        r = value_column_new_shared(COL_TEXT, k, c->dict);     /* the texts are shared */
        ColumnObj *rc = as_column(r);
        for (size_t i = 0; i < c->n; i++) if (mask->bools[i] == 1) rc->codes[j++] = c->codes[i];
    } else {
        r = value_column_new(c->type, k);
        ColumnObj *rc = as_column(r);
        for (size_t i = 0; i < c->n; i++) {
            if (mask->bools[i] != 1) continue;
            if (c->type == COL_BOOL) rc->bools[j++] = c->bools[i];
            else rc->num[j++] = c->num[i];
        }
    }
    r.dim = colv.dim;
    r.flags = colv.flags;
    r.unit_hint = colv.unit_hint;
    return r;
}

Value table_column_value(const TableObj *t, size_t i)
{
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
    if (t->ncols == 0) rt->nrows = 0;
    else rt->nrows = count_true(mask);
    rt->source = t->source ? strdup(t->source) : NULL;
    rt->min_cell = t->min_cell;
    rt->base_nrows = t->base_nrows ? t->base_nrows : t->nrows;
    return r;
}
