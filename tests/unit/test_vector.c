/* test_vector.c — whole-array arithmetic on columns and distributions
 * (runtime/vector.c): element-wise results, missing values, three-valued
 * logic, text comparisons, `in`, filtering, unit checks, and the errors for
 * mismatched lengths and for mixing a column with a distribution.  Expected
 * values are computed by hand, element by element. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"
#include "runtime/vector.h"

static Interp *I;
static void setup(void) { I = interp_new(NULL); }
static void teardown(void) { interp_free(I); }

TestSuite(vector, .init = setup, .fini = teardown);

static Value num_column(const double *xs, size_t n)
{
    Value c = value_column_new(COL_NUM, n);
    memcpy(as_column(c)->num, xs, n * sizeof(double));
    return c;
}

static Value text_column(const char *const *xs, size_t n)
{
    Value c = value_column_new(COL_TEXT, n);
    ColumnObj *col = as_column(c);
    for (size_t i = 0; i < n; i++)
        col->codes[i] = xs[i] ? strdict_intern(col->dict, xs[i], strlen(xs[i])) : -1;
    return c;
}

static char *run(const char *src)
{
    Value v;
    StrBuf b;
    sb_init(&b);
    if (interp_run_string(I, "<test>", src, &v)) { value_format(I, v, &b); value_release(v); }
    else { sb_printf(&b, "error: %s", interp_error(I)->message); interp_clear_error(I); }
    return sb_take(&b);
}

#define EXPECT(src, want) do { char *got_ = run(src); \
    cr_expect_str_eq(got_, want, "%s", src); free(got_); } while (0)

/* a = [1, 2, missing, 4] EUR; b = [10, 20, 30, 40] EUR; s = ["CDI", "CDD", missing, "CDI"] */
static void define_columns(void)
{
    double a[] = { 1, 2, NAN, 4 }, b[] = { 10, 20, 30, 40 };
    Value ca = num_column(a, 4), cb = num_column(b, 4);
    ca.dim = cb.dim = dim_money(I);
    interp_define(I, "a", ca);
    interp_define(I, "b", cb);
    const char *s[] = { "CDI", "CDD", NULL, "CDI" };
    Value cs = text_column(s, 4);
    interp_define(I, "s", cs);
    double z[] = { 1, 0, 2, 0 };
    Value cz = num_column(z, 4);
    interp_define(I, "z", cz);
    value_release(ca);
    value_release(cb);
    value_release(cs);
    value_release(cz);
}

Test(vector, arithmetic_element_by_element)
{
    define_columns();
    EXPECT("a + b", "[11 EUR, 22 EUR, missing, 44 EUR]");
    EXPECT("b - a", "[9 EUR, 18 EUR, missing, 36 EUR]");
    EXPECT("a * 2", "[2 EUR, 4 EUR, missing, 8 EUR]");
    EXPECT("b / a", "[10, 10, missing, 10]");          /* EUR / EUR is a plain number */
    EXPECT("-a", "[-1 EUR, -2 EUR, missing, -4 EUR]");
    EXPECT("a * 25%", "[0.25 EUR, 0.5 EUR, missing, 1 EUR]");
    /* division by zero in data makes that row missing: 1/1, 1/0, 1/2, 1/0 */
    EXPECT("1 / z", "[1, missing, 0.5, missing]");
}

Test(vector, units_are_checked_like_numbers)
{
    define_columns();
    EXPECT("a + 1", "error: cannot add EUR and a plain number: both sides of '+' must have the same unit");
    EXPECT("a + 1 EUR", "[2 EUR, 3 EUR, missing, 5 EUR]");
    EXPECT("a > 1 year", "error: cannot compare EUR and year: both sides of '>' must have the same unit");
}

Test(vector, comparisons_are_three_valued)
{
    define_columns();
    EXPECT("a >= 2 EUR", "[false, true, missing, true]");
    EXPECT("a >= 2 EUR and b < 40 EUR", "[false, true, missing, false]");   /* missing and true = missing */
    EXPECT("a >= 2 EUR or b < 40 EUR", "[true, true, true, true]");       /* missing or true = true */
    EXPECT("not (a >= 2 EUR)", "[true, false, missing, false]");
    EXPECT("a >= 2 EUR and true", "[false, true, missing, true]");
}

Test(vector, text_columns)
{
    define_columns();
    EXPECT("s == \"CDI\"", "[true, false, missing, true]");
    EXPECT("s != \"CDI\"", "[false, true, missing, false]");
    EXPECT("s in [\"CDD\", \"other\"]", "[false, true, missing, false]");
    EXPECT("s == s", "[true, true, missing, true]");
    EXPECT("s < \"CDI\"", "error: text columns can only be compared with '==' or '!=', not '<'");
    EXPECT("s in [1, 2]", "error: 'in' on a text column needs a list of texts; item 1 is number");
}

Test(vector, number_column_in_list)
{
    define_columns();
    EXPECT("z in [0, 2]", "[false, true, true, true]");
}

Test(vector, filtering)
{
    define_columns();
    EXPECT("b where a >= 2 EUR", "[20 EUR, 40 EUR]");
    EXPECT("s where a >= 2 EUR", "[\"CDD\", \"CDI\"]");
}

Test(vector, distributions)
{
    Value d = value_dist_new(4);
    double xs[] = { 1, 2, 3, 4 };
    memcpy(as_dist(d)->s, xs, sizeof xs);
    Value e = value_dist_new(4);
    double ys[] = { 4, 3, 2, 1 };
    memcpy(as_dist(e)->s, ys, sizeof ys);
    Value r;
    cr_assert(vec_binary(I, "+", d, e, (SrcLoc){0}, &r));
    for (int i = 0; i < 4; i++) cr_expect_eq(as_dist(r)->s[i], 5);   /* 1+4, 2+3, ... */
    value_release(r);
    Value three = value_num(2.5);
    cr_assert(vec_binary(I, ">", d, three, (SrcLoc){0}, &r));
    cr_expect_eq(r.kind, V_DIST);
    cr_expect(r.flags & VF_BOOLDIST);
    double want[] = { 0, 0, 1, 1 };
    for (int i = 0; i < 4; i++) cr_expect_eq(as_dist(r)->s[i], want[i]);
    Value n;
    cr_assert(vec_unary(I, "not", r, (SrcLoc){0}, &n));
    for (int i = 0; i < 4; i++) cr_expect_eq(as_dist(n)->s[i], 1 - want[i]);
    cr_expect(n.flags & VF_BOOLDIST);
    value_release(n);
    value_release(r);
    Value short_dist = value_dist_new(3);
    memcpy(as_dist(short_dist)->s, xs, 3 * sizeof(double));
    cr_expect_not(vec_binary(I, "*", d, short_dist, (SrcLoc){0}, &r));
    cr_expect_str_eq(interp_error(I)->message, "these two distributions have different sample counts (4 and 3)");
    interp_clear_error(I);
    value_release(short_dist);
    value_release(d);
    value_release(e);
}

Test(vector, column_and_distribution_do_not_mix)
{
    double xs[] = { 1, 2 };
    Value c = num_column(xs, 2);
    Value d = value_dist_new(2);
    memcpy(as_dist(d)->s, xs, sizeof xs);
    Value r;
    cr_expect_not(vec_binary(I, "+", c, d, (SrcLoc){0}, &r));
    cr_expect_str_eq(interp_error(I)->message,
                     "cannot combine a column (one value per row) with a distribution (one uncertain value) using '+'");
    interp_clear_error(I);
    value_release(c);
    value_release(d);
}

Test(vector, lengths_must_match)
{
    double xs[] = { 1, 2, 3 };
    Value c = num_column(xs, 3), e = num_column(xs, 2);
    Value r;
    cr_expect_not(vec_binary(I, "+", c, e, (SrcLoc){0}, &r));
    cr_expect_str_eq(interp_error(I)->message, "these two columns have different lengths (3 and 2 rows)");
    interp_clear_error(I);
    value_release(c);
    value_release(e);
}

Test(vector, large_columns_give_the_same_result_in_parallel)
{
    /* 300,000 rows go through the OpenMP path; x*x - x checked row by row */
    size_t n = 300000;
    Value c = value_column_new(COL_NUM, n);
    for (size_t i = 0; i < n; i++) as_column(c)->num[i] = (double)i * 0.5;
    Value sq, r;
    cr_assert(vec_binary(I, "*", c, c, (SrcLoc){0}, &sq));
    cr_assert(vec_binary(I, "-", sq, c, (SrcLoc){0}, &r));
    for (size_t i = 0; i < n; i += 997) {
        double x = (double)i * 0.5;
        cr_assert_eq(as_column(r)->num[i], x * x - x);
    }
    value_release(sq);
    value_release(r);
    value_release(c);
}
