/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_table.c — grouping and table operations (stdlib/table.c), checked
 * against tests/data/data_people.csv read by hand (ids 1-14 Alpha, 15-25
 * Beta, 26-30 Gamma; revenues in data_make.py). */
#include "tests/unit/data_fixture.h"

#include "stdlib/data/table.h"

static Interp *I;
static Value people;

static void setup(void)
{
    I = data_interp(1);
    cr_assert(data_run(I, "let p = csv(\"%s\")\np", "data_people.csv", &people));
}

static void teardown(void)
{
    value_release(people);
    interp_free(I);
}

static const char *text_at(const ColumnObj *c, size_t r)
{
    return c->codes[r] < 0 ? NULL : c->dict->strs[c->codes[r]];
}

TestSuite(table, .init = setup, .fini = teardown);

Test(table, group_by_orders_keys_and_puts_missing_last)
{
    Value v;
    cr_assert(interp_run_string(I, "<test>", "count(p by exit_status)", &v));
    const TableObj *t = as_table(v);
    /* exit statuses, alphabetically (byte order), then missing:
     * CDD 4, CDI 6, associe 5, chomage 2, creation 4, other 2, missing 7 */
    const char *keys[] = { "CDD", "CDI", "associe", "chomage", "creation", "other", NULL };
    const double counts[] = { 4, 6, 5, 2, 4, 2, 7 };
    cr_assert_eq(t->nrows, 7);
    for (size_t i = 0; i < 7; i++) {
        if (keys[i])
            cr_expect_str_eq(text_at(t->cols[0], i), keys[i]);
        else
            cr_expect_null(text_at(t->cols[0], i));
        cr_expect_eq(t->cols[1]->num[i], counts[i], "group %zu", i);
    }
    value_release(v);
}

Test(table, group_by_two_keys_and_numbers)
{
    Value v;
    cr_assert(interp_run_string(I, "<test>", "count(p by [cae, associe])", &v));
    const TableObj *t = as_table(v);
    /* Alpha: associe true for ids 1,4,5,8,9,14 -> 6, false 8; Beta 3 / 8; Gamma 2 / 3 */
    cr_assert_eq(t->nrows, 6);
    const double counts[] = { 8, 6, 8, 3, 3, 2 };
    for (size_t i = 0; i < 6; i++) cr_expect_eq(t->cols[2]->num[i], counts[i], "group %zu", i);
    cr_expect_eq(t->cols[1]->bools[0], 0);
    value_release(v);
    cr_assert(interp_run_string(I, "<test>", "count(p by year(entry))", &v));
    t = as_table(v);
    cr_expect_str_eq(t->names[0], "key1");  /* a computed key has no column name */
    cr_expect_eq(t->cols[0]->num[0], 2016); /* entries 2016..2023 */
    cr_expect_eq(t->cols[1]->num[0], 2);    /* 2016-12-31, 2016-04-04 */
    value_release(v);
}

Test(table, select_sort_head)
{
    Value v;
    cr_assert(interp_run_string(
        I, "<test>", "head(sort(select(p, [\"id\", \"revenue\"]), by: \"revenue\"), 30)", &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->ncols, 2);
    cr_expect_eq(t->cols[1]->num[0], 8000); /* smallest: Victor, id 25 */
    cr_expect_eq(t->cols[0]->num[0], 25);
    cr_expect(isnan(t->cols[1]->num[29])); /* missing last */
    cr_expect_eq(t->cols[1]->num[24], 40000);
    value_release(v);
    cr_assert(
        interp_run_string(I, "<test>", "sort(p, by: [\"cae\", \"revenue\"], desc: true)", &v));
    t = as_table(v);
    cr_expect_str_eq(text_at(t->cols[2], 0), "Gamma");
    cr_expect_eq(t->cols[4]->num[0], 40000);
    value_release(v);
}

Test(table, derive_and_fill_missing)
{
    Value v;
    cr_assert(interp_run_string(I, "<test>",
                                "derive(p, double: p.revenue * 2, year: 2024, "
                                "exit_status: fill_missing(p.exit_status, \"(in)\"))",
                                &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->ncols, 9);
    int d = table_find_column(t, "double"), y = table_find_column(t, "year"),
        e = table_find_column(t, "exit_status");
    cr_expect_eq(t->cols[d]->num[0], 42001);
    cr_expect_eq(t->cols[y]->num[29], 2024);
    cr_expect_str_eq(text_at(t->cols[e], 1), "(in)");
    cr_expect_str_eq(text_at(t->cols[e], 0), "CDI");
    value_release(v);
}

Test(table, join_inner_and_left)
{
    Value v;
    char code[8192];
    snprintf(code, sizeof code,
             "let a = csv(\"%s\")\n[join(p, a, on: \"id\"), join(p, a, on: \"id\", how: \"left\")]",
             data_path("data_answers.csv"));
    cr_assert(interp_run_string(I, "<test>", code, &v));
    const TableObj *inner = as_table(as_list(v)->items[0]), *left = as_table(as_list(v)->items[1]);
    cr_expect_eq(inner->nrows, 29);
    cr_expect_eq(left->nrows, 30);
    int pre = table_find_column(left, "who5_pre");
    cr_assert(pre >= 0);
    cr_expect_eq(left->cols[pre]->num[1], 14); /* id 2: 7 * 2 mod 26 */
    cr_expect(isnan(left->cols[pre]->num[3])); /* id 4 has no answers */
    cr_expect_eq(inner->cols[0]->num[3], 5);   /* id 4 dropped, order kept */
    value_release(v);
}

Test(table, unknown_column_suggests)
{
    Value v;
    cr_expect_not(interp_run_string(I, "<test>", "select(p, [\"revenu\"])", &v));
    cr_expect(strstr(interp_error(I)->message, "did you mean 'revenue'") != NULL, "%s",
              interp_error(I)->message);
}

Test(table, summarize_calls_per_group)
{
    Value v;
    cr_assert(interp_run_string(I, "<test>",
                                "summarize(p by cae, n: count, top: fn(g) = max(g.revenue))", &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->cols[1]->num[2], 5);     /* Gamma */
    cr_expect_eq(t->cols[2]->num[0], 30000); /* Alpha's best */
    cr_expect_eq(t->cols[2]->num[2], 40000);
    value_release(v);
}

/* QA2 D12.16: ' and ’ (U+2019) are the same character in column names */
Test(table, apostrophes_match_in_column_names)
{
    cr_expect(table_names_match("Statut \xc3\xa0 l'entr\xc3\xa9"
                                "e",
                                "Statut \xc3\xa0 l\xe2\x80\x99"
                                "entr\xc3\xa9"
                                "e"));
    cr_expect(table_names_match("d\xe2\x80\x99"
                                "\xc3\xa9tape",
                                "d'\xc3\xa9tape"));
    cr_expect(table_names_match("abc", "abc"));
    cr_expect(!table_names_match("l'a", "la"));
    cr_expect(!table_names_match("l'a", "l'ab"));
    cr_expect(!table_names_match("l\xe2\x80\x98"
                                 "a",
                                 "l'a")); /* ‘ U+2018 is not an apostrophe here */
    Value t = value_table_new(1);
    table_add_column(t, "Parcours Type d\xe2\x80\x99\xc3\xa9tape", value_column_new(COL_NUM, 0));
    cr_expect_eq(table_find_column_loose(as_table(t), "Parcours Type d'\xc3\xa9tape"), 0);
    cr_expect_eq(table_find_column_loose(as_table(t), "Parcours Type d\xe2\x80\x99\xc3\xa9tape"),
                 0);
    cr_expect_eq(table_find_column_loose(as_table(t), "Parcours"), -1);
    value_release(t);
}
