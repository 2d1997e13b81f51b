/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_values.c — objects and reference counts (value.h): strings, lists,
 * records, string dictionaries, tables, StrBuf, and the formatting of each
 * kind (value_format). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/disclosure.h"
#include "runtime/interp.h"
#include "runtime/vector.h"

static Interp *I;
static void setup(void)
{
    I = interp_new(NULL);
}
static void teardown(void)
{
    interp_free(I);
}

TestSuite(values, .init = setup, .fini = teardown);

static char *fmt(Value v)
{
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    return sb_take(&b);
}

#define EXPECT_FMT(v, want)                                                                        \
    do {                                                                                           \
        char *got_ = fmt(v);                                                                       \
        cr_expect_str_eq(got_, want);                                                              \
        free(got_);                                                                                \
    } while (0)

Test(values, refcounts)
{
    Value s = value_str("abc");
    cr_expect_eq(s.as.obj->refcount, 1);
    value_retain(s);
    cr_expect_eq(s.as.obj->refcount, 2);
    Value l = value_list_new(0);
    list_push_take(l, s); /* takes one of the two references */
    cr_expect_eq(s.as.obj->refcount, 2);
    value_release(l); /* releases the list's reference */
    cr_expect_eq(s.as.obj->refcount, 1);
    cr_expect_str_eq(as_str(s)->data, "abc");
    value_release(s);
    value_release(value_num(3)); /* inline values: no-op */
    value_release(value_nil());
}

Test(values, strings_keep_their_length)
{
    Value s = value_strn("a\0b", 3);
    cr_expect_eq(as_str(s)->len, 3);
    cr_expect_eq(as_str(s)->data[3], '\0');
    value_release(s);
}

Test(values, records_are_ordered_and_replace_in_place)
{
    Value r = value_record_new();
    SrcLoc loc = { 0 };
    record_set_take(r, "b", value_num(1), loc);
    record_set_take(r, "a", value_str("x"), loc);
    record_set_take(r, "b", value_num(2), loc);
    Value got;
    cr_assert(record_get(r, "b", &got));
    cr_expect_eq(got.as.num, 2);
    cr_expect_not(record_get(r, "c", &got));
    EXPECT_FMT(r, "{b: 2, a: \"x\"}");
    value_release(r);
}

Test(values, string_dictionary_interns)
{
    Value col = value_column_new(COL_TEXT, 0); /* owns a fresh dictionary */
    StrDict *d = as_column(col)->dict;
    char word[16];
    for (int i = 0; i < 100; i++) { /* enough to force rehashing */
        snprintf(word, sizeof word, "w%d", i);
        cr_expect_eq(strdict_intern(d, word, strlen(word)), i);
    }
    cr_expect_eq(strdict_intern(d, "w42", 3), 42);
    cr_expect_eq(strdict_find(d, "w99", 3), 99);
    cr_expect_eq(strdict_find(d, "nope", 4), -1);
    cr_expect_eq(d->n, 100);
    value_release(col);
}

Test(values, tables_hold_columns)
{
    Value t = value_table_new(1);
    Value c = value_column_new(COL_NUM, 3);
    double xs[] = { 1, 2.5, NAN };
    memcpy(as_column(c)->num, xs, sizeof xs);
    c.dim = dim_money(I);
    table_add_column(t, "revenue", c);
    Value b = value_column_new(COL_BOOL, 3);
    int8_t bs[] = { 1, 0, -1 };
    memcpy(as_column(b)->bools, bs, sizeof bs);
    table_add_column(t, "ok", b);
    cr_expect_eq(as_table(t)->nrows, 3);
    cr_expect_eq(as_table(t)->ncols, 2);
    cr_expect_eq(table_find_column(as_table(t), "ok"), 1);
    cr_expect_eq(table_find_column(as_table(t), "nope"), -1);
    cr_expect(dim_equal(as_table(t)->dims[0], dim_money(I)));
    /* numbers right-aligned, text left-aligned, no padding after the last column */
    EXPECT_FMT(t,
               "revenue (EUR)  ok\n"
               "            1  true\n"
               "          2.5  false\n"
               "      missing  missing\n"
               "(3 rows, 2 columns)");
    value_release(t);
}

Test(values, kind_names)
{
    cr_expect_str_eq(value_kind_name(value_num(1)), "number");
    cr_expect_str_eq(value_kind_name(value_bool(true)), "boolean");
    Value s = value_str("x");
    cr_expect_str_eq(value_kind_name(s), "text");
    value_release(s);
    Value c = value_column_new(COL_TEXT, 0);
    cr_expect_str_eq(value_kind_name(c), "text column");
    value_release(c);
}

Test(values, formats)
{
    EXPECT_FMT(value_num(42), "42");
    EXPECT_FMT(value_percent(0.25), "25%");
    EXPECT_FMT(value_num_dim(120000, dim_money(I)), "120000 EUR");
    EXPECT_FMT(value_bool(false), "false");
    EXPECT_FMT(value_nil(), "nothing");
    Value s = value_str("plain");
    EXPECT_FMT(s, "plain"); /* unquoted at top level */
    Value l = value_list_new(2);
    list_push_take(l, s);
    list_push_take(l, value_str("say \"hi\""));
    EXPECT_FMT(l, "[\"plain\", \"say \\\"hi\\\"\"]");
    value_release(l);
    Value col = value_column_new(COL_NUM, 1000);
    for (int i = 0; i < 1000; i++) as_column(col)->num[i] = i + 3;
    EXPECT_FMT(col, "[3, 4, 5, \xE2\x80\xA6 1000 values]");
    value_release(col);
    Value d = value_dist_new(101);
    for (int i = 0; i <= 100; i++) as_dist(d)->stored[i] = i; /* mean (0 + 100) / 2 = 50 */
    /* without the standard library's display (median and interval), the
     * runtime shows the mean of the samples */
    EXPECT_FMT(d, "uncertain, mean 50 (101 samples)");
    value_release(d);
}

Test(values, functions_and_builtins_format_with_their_parameters)
{
    Value v;
    cr_assert(interp_run_string(I, "<test>", "fn share(part, whole) = part / whole\nshare", &v));
    EXPECT_FMT(v, "<fn share(part, whole)>");
    value_release(v);
    cr_assert(interp_run_string(I, "<test>", "fn(x) = x", &v));
    EXPECT_FMT(v, "<fn(x)>");
    value_release(v);
}

Test(values, strbuf)
{
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < 1000; i++) sb_printf(&b, "%d,", i % 10);
    cr_expect_eq(b.len, 2000);
    sb_append(&b, "end");
    char *s = sb_take(&b);
    cr_expect_eq(strlen(s), 2003);
    cr_expect_null(b.data);
    free(s);
}

Test(values, text_columns_can_share_a_dictionary)
{
    StrDict *d = strdict_new();
    int32_t a = strdict_intern(d, "CDI", 3);
    Value c1 = value_column_new_shared(COL_TEXT, 1, d);
    Value c2 = value_column_new_shared(COL_TEXT, 1, d);
    cr_expect_eq(as_column(c1)->dict, d);
    cr_expect_eq(d->hdr.refcount, 3); /* ours and one per column */
    strdict_release(d);               /* the columns keep it alive */
    as_column(c1)->codes[0] = a;
    as_column(c2)->codes[0] = strdict_intern(as_column(c2)->dict, "CDD", 3);
    EXPECT_FMT(c1, "[\"CDI\"]");
    EXPECT_FMT(c2, "[\"CDD\"]");
    value_release(c1);
    cr_expect_eq(d->hdr.refcount, 1);
    value_release(c2);
    /* without a dictionary a text column gets a fresh one; others ignore it */
    Value c3 = value_column_new_shared(COL_TEXT, 0, NULL);
    cr_expect_not_null(as_column(c3)->dict);
    value_release(c3);
    Value c4 = value_column_new_shared(COL_NUM, 2, NULL);
    cr_expect_null(as_column(c4)->dict);
    value_release(c4);
}

Test(values, filtered_tables_remember_the_rows_they_come_from)
{
    Value t = value_table_new(1);
    Value c = value_column_new(COL_NUM, 4);
    for (int i = 0; i < 4; i++) as_column(c)->num[i] = i;
    table_add_column(t, "x", c);
    cr_expect_eq(disclosure_base_rows(t), 0);
    Value m = value_column_new(COL_BOOL, 4);
    int8_t keep3[] = { 1, 1, 1, 0 };
    memcpy(as_column(m)->bools, keep3, sizeof keep3);
    Value f = table_filter(t, as_column(m));
    cr_expect_eq(as_table(f)->nrows, 3);
    cr_expect_eq(disclosure_base_rows(f), 4);
    /* filtering again keeps the first table's count */
    Value m2 = value_column_new(COL_BOOL, 3);
    int8_t keep1[] = { 0, 1, 0 };
    memcpy(as_column(m2)->bools, keep1, sizeof keep1);
    Value g = table_filter(f, as_column(m2));
    cr_expect_eq(as_table(g)->nrows, 1);
    cr_expect_eq(disclosure_base_rows(g), 4);
    value_release(g);
    value_release(m2);
    value_release(f);
    value_release(m);
    value_release(t);
}

/* ---- a foreign object's field names (obj_field_names) ---------------------------- */

static const char *const two_fields[] = { "keys", "table", NULL };
static const ObjClass fixed_class = OBJ_CLASS("fixed", NULL, NULL, .fields = two_fields);

/* a class whose fields depend on the object: the object's data is their count */
static size_t counted_names(ForeignObj *o, const char **names, size_t max)
{
    static const char *const all[] = { "a", "b", "c" };
    size_t n = (size_t)(uintptr_t)o->data;
    for (size_t i = 0; i < n && i < max; i++) names[i] = all[i];
    return n < max ? n : max;
}
static const ObjClass counted_class =
    OBJ_CLASS("counted", NULL, NULL, .field_names = counted_names);
static const ObjClass bare_class = OBJ_CLASS("bare", NULL, NULL);

Test(values, foreign_field_names)
{
    const char *names[4];
    Value fixed = value_foreign(&fixed_class, NULL);
    cr_assert_eq(obj_field_names(as_foreign(fixed), names, 4), 2); /* the NULL-ended list */
    cr_expect_str_eq(names[0], "keys");
    cr_expect_str_eq(names[1], "table");
    cr_expect_eq(obj_field_names(as_foreign(fixed), names, 1), 1); /* no more than max */
    value_release(fixed);

    Value counted = value_foreign(&counted_class, (void *)(uintptr_t)3);
    cr_assert_eq(obj_field_names(as_foreign(counted), names, 4), 3); /* this object's three */
    cr_expect_str_eq(names[2], "c");
    value_release(counted);

    Value bare = value_foreign(&bare_class, NULL);
    cr_expect_eq(obj_field_names(as_foreign(bare), names, 4), 0); /* no fields */
    value_release(bare);
}
