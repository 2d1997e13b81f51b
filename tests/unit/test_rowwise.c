/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_rowwise.c — row-wise questionnaire operations (stdlib/rowwise.c).
 * Expected values are worked by hand from the small tables below (the sums
 * are written out in the comments) or come from a published table (SWEMWBS
 * Rasch conversion, Stewart-Brown et al. 2009, as reproduced in docs/METHOD.md §2.4). */
#include "tests/unit/wellbeing_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static Interp *I;

/*        q1   q2   q3
 * row 1   4    2    5
 * row 2   1  NaN    3
 * row 3 NaN  NaN    2
 * row 4   0    5    5     */
static void setup(void)
{
    I = wb_interp();
    double q1[] = { 4, 1, NAN, 0 }, q2[] = { 2, NAN, NAN, 5 }, q3[] = { 5, 3, 2, 5 };
    const char *label[] = { "Toujours", " souvent ", NULL, "Jamais" };
    Value T = value_table_new(4);
    wb_add_num(T, "q1", q1, 4);
    wb_add_num(T, "q2", q2, 4);
    wb_add_num(T, "q3", q3, 4);
    wb_add_text(T, "answer", label, 4);
    interp_define(I, "T", T);
    value_release(T);
}

static void teardown(void)
{
    interp_free(I);
}

TestSuite(rowwise, .init = setup, .fini = teardown);

static void expect_column(Value v, const double *want, size_t n)
{
    cr_assert_eq(v.kind, V_COLUMN);
    ColumnObj *c = as_column(v);
    cr_assert_eq(c->type, COL_NUM);
    cr_assert_eq(c->n, n);
    for (size_t i = 0; i < n; i++) {
        if (isnan(want[i]))
            cr_expect(isnan(c->num[i]), "row %zu: expected missing, got %g", i + 1, c->num[i]);
        else
            WB_CLOSE(c->num[i], want[i], 1e-12);
    }
}

/* sums: 4+2+5 = 11; row 2 and 3 incomplete; 0+5+5 = 10 */
Test(rowwise, row_sum_is_missing_when_an_item_is)
{
    Value v;
    cr_assert(wb_run(I, "row_sum(T, [\"q1\", \"q2\", \"q3\"])", &v));
    double want[] = { 11, NAN, NAN, 10 };
    expect_column(v, want, 4);
    value_release(v);
}

/* means of answered items: 11/3; (1+3)/2 = 2; 2/1; 10/3.  min: 2 drops row 3. */
Test(rowwise, row_mean_with_minimum_answers)
{
    Value v;
    cr_assert(wb_run(I, "row_mean(T, [\"q1\", \"q2\", \"q3\"], min: 2)", &v));
    double want[] = { 11.0 / 3, 2, NAN, 10.0 / 3 };
    expect_column(v, want, 4);
    value_release(v);
    cr_assert(wb_run(I, "row_mean(T, [\"q1\", \"q2\", \"q3\"])", &v)); /* default: all items */
    double all[] = { 11.0 / 3, NAN, NAN, 10.0 / 3 };
    expect_column(v, all, 4);
    value_release(v);
}

Test(rowwise, counts_min_and_max_of_answered_items)
{
    Value v;
    cr_assert(wb_run(I, "row_count_present(T, [\"q1\", \"q2\", \"q3\"])", &v));
    double count[] = { 3, 2, 1, 3 };
    expect_column(v, count, 4);
    value_release(v);
    cr_assert(wb_run(I, "row_min(T, [\"q1\", \"q2\"])", &v));
    double lo[] = { 2, 1, NAN, 0 };
    expect_column(v, lo, 4);
    value_release(v);
    cr_assert(wb_run(I, "row_max(T, [\"q1\", \"q2\"])", &v));
    double hi[] = { 4, 1, NAN, 5 };
    expect_column(v, hi, 4);
    value_release(v);
}

/* q2 reversed on a 0-5 scale (5 − x): row 1: 4 + 3 + 5 = 12; row 4: 0 + 0 + 5 = 5 */
Test(rowwise, reversed_items)
{
    Value v;
    cr_assert(
        wb_run(I, "row_sum(T, [\"q1\", \"q2\", \"q3\"], reverse: [\"q2\"], reverse_sum: 5)", &v));
    double want[] = { 12, NAN, NAN, 5 };
    expect_column(v, want, 4);
    value_release(v);
    cr_expect_not(wb_run(I, "row_sum(T, [\"q1\"], reverse: [\"q9\"], reverse_sum: 5)", &v));
    cr_expect(strstr(interp_error(I)->message, "q9") != NULL);
}

Test(rowwise, missing_items_counts_complete_prorated_dropped)
{
    Value v;
    cr_assert(wb_run(I, "missing_items(T, [\"q1\", \"q2\", \"q3\"], min: 2, label: \"test\")", &v));
    WB_CLOSE(wb_field(v, "respondents"), 4, 0);
    WB_CLOSE(wb_field(v, "complete"), 2, 0);
    WB_CLOSE(wb_field(v, "prorated"), 1, 0);
    WB_CLOSE(wb_field(v, "dropped"), 1, 0);
    value_release(v);
}

/* Labels match without surrounding spaces and regardless of case. */
Test(rowwise, recode_labels_to_scores)
{
    Value v;
    cr_assert(
        wb_run(I, "recode(T.answer, {\"Toujours\": 100, \"Souvent\": 75, \"Jamais\": 0})", &v));
    double want[] = { 100, 75, NAN, 0 };
    expect_column(v, want, 4);
    value_release(v);
    cr_assert(wb_run(I, "recode(T.q1, [[0, 5], [1, 4], [4, 1]])", &v));
    double rev[] = { 1, 4, NAN, 5 };
    expect_column(v, rev, 4);
    value_release(v);
}

Test(rowwise, recode_unknown_label_names_it_and_its_row)
{
    Value v;
    cr_expect_not(wb_run(I, "recode(T.answer, {\"Toujours\": 100, \"Souvent\": 75})", &v));
    const char *msg = interp_error(I)->message;
    cr_expect(strstr(msg, "\"Jamais\"") && strstr(msg, "data row 4"), "message: %s", msg);
}

Test(rowwise, recode_items_returns_a_scored_table)
{
    Value v;
    cr_assert(wb_run(
        I,
        "recode_items(T, [\"answer\"], {\"toujours\": 100, \"souvent\": 75, \"jamais\": 0}).answer",
        &v));
    double want[] = { 100, 75, NAN, 0 };
    expect_column(v, want, 4);
    value_release(v);
}

/* SWEMWBS Rasch table (docs/METHOD.md §2.4): raw 7 → 7.00, 23 → 20.73, 32 → 29.31, 35 → 35.00
 * (23 and 32 are the pairs published by the GEDA 2022 norm study). */
Test(rowwise, lookup_in_a_conversion_table)
{
    Value v;
    cr_assert(wb_run(I,
                     "let swem = [7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, "
                     "16.36, 16.88, 17.43, 17.98, 18.59,"
                     " 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, "
                     "28.13, 29.31, 30.70, 32.55, 35.00]\n"
                     "lookup([7, 23, 32, 35], swem, 7)",
                     &v));
    double want[] = { 7.00, 20.73, 29.31, 35.00 };
    expect_column(v, want, 4);
    value_release(v);
    cr_expect_not(wb_run(I, "lookup([36], swem, 7)", &v));
    cr_expect(strstr(interp_error(I)->message, "36") != NULL);
}

Test(rowwise, if_else_numbers_and_text_with_missing_condition)
{
    Value v;
    cr_assert(wb_run(I, "if_else(T.q1 >= 1, 10, T.q3)", &v));
    double want[] = { 10, 10, NAN, 5 };
    expect_column(v, want, 4);
    value_release(v);
    cr_assert(wb_run(I, "if_else(T.q3 >= 5, \"high\", \"low\")", &v));
    ColumnObj *c = as_column(v);
    cr_assert_eq(c->type, COL_TEXT);
    cr_expect_str_eq(c->dict->strs[c->codes[0]], "high");
    cr_expect_str_eq(c->dict->strs[c->codes[1]], "low");
    value_release(v);
}

/* The table says it came from survey.csv: the error points at line 6 (see
 * below), column 2 (q2), naming the item but not the person's answer. */
Test(rowwise, check_range_locates_the_bad_answer)
{
    /* The answer 5 to q2 sits on physical line 6 of the file: the header,
     * then a comment cell holding a line break (lines 2-3), then rows on
     * lines 4, 5 and 6.  The data row is 4; only the reader knows line 6. */
    char path[] = "/tmp/impact_rowwise_XXXXXX.csv";
    int fd = mkstemps(path, 4);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("q1,q2,q3,comment\n4,2,5,\"first line\nsecond line\"\n1,,3,\n,,2,\n0,5,5,\n", f);
    fclose(f);
    char src[256];
    snprintf(src, sizeof src, "let S = csv(\"%s\", min_cell: 1)", path);
    Value v;
    cr_assert(wb_run(I, src, &v));
    value_release(v);
    cr_assert(wb_run(I, "check_range(S, [\"q1\", \"q2\", \"q3\"], 0, 5)", &v));
    value_release(v);
    cr_expect_not(wb_run(I, "check_range(S, [\"q1\", \"q2\", \"q3\"], 0, 4)", &v));
    const ImpactError *e = interp_error(I);
    cr_expect(strstr(e->loc.file, "impact_rowwise_") != NULL, "file: %s", e->loc.file);
    cr_expect_eq(e->loc.line, 6);
    cr_expect_eq(e->loc.col, 2);
    cr_expect(strstr(e->message, "\"q2\" (data row 4)") && !strstr(e->message, "5 "), "message: %s",
              e->message);
    unlink(path);
}

/* 2.5 lies within 0..5 but is not a whole answer: refused unless integer: false. */
Test(rowwise, check_range_whole_numbers_by_default)
{
    Value v;
    cr_expect_not(wb_run(I, "check_range(table(a: [1, 2.5]), [\"a\"], 0, 5)", &v));
    cr_expect(strstr(interp_error(I)->message, "whole numbers") != NULL);
    cr_expect(strstr(interp_error(I)->message, "2.5") == NULL, "the answer is not quoted");
    interp_clear_error(I);
    cr_assert(wb_run(I, "check_range(table(a: [1, 2.5]), [\"a\"], 0, 5, integer: false)", &v));
    cr_expect_eq(v.kind, V_TABLE);
    value_release(v);
}

/* Booleans: if_else(c, x, x) is x made missing where c is missing (the rule
 * the Karasek scorer uses for job strain).  By hand, with q1 = 4, 1, NaN, 0
 * and q3 = 5, 3, 2, 5: c = q1 >= 1 is true, true, missing, false and
 * x = q3 >= 5 is true, false, false, true. */
Test(rowwise, if_else_truths_missing_where_the_condition_is)
{
    Value v;
    cr_assert(wb_run(I, "if_else(T.q1 >= 1, T.q3 >= 5, T.q3 >= 5)", &v));
    ColumnObj *c = as_column(v);
    cr_assert_eq(c->type, COL_BOOL);
    int8_t want[] = { 1, 0, -1, 1 };
    for (size_t i = 0; i < 4; i++) cr_expect_eq(c->bools[i], want[i], "row %zu", i + 1);
    value_release(v);
    cr_assert(wb_run(I, "if_else(T.q1 >= 1, true, false)", &v));
    int8_t want2[] = { 1, 1, -1, 0 };
    for (size_t i = 0; i < 4; i++) cr_expect_eq(as_column(v)->bools[i], want2[i], "row %zu", i + 1);
    value_release(v);
    cr_expect_not(wb_run(I, "if_else(T.q1 >= 1, true, 0)", &v));
    cr_expect(strstr(interp_error(I)->message, "same kind") != NULL);
}

/* check_answers: q2 = 2, NaN, NaN, 5 against CBI-like scores {0, 2, 4}:
 * row 4 (the 5) is refused, named by item and row, the 5 not quoted. */
Test(rowwise, check_answers_names_item_and_row_not_the_answer)
{
    Value v;
    cr_assert(wb_run(I, "check_answers(T, [\"q1\", \"q2\"], [0, 1, 2, 4, 5])", &v));
    cr_expect_eq(v.kind, V_TABLE);
    value_release(v);
    cr_expect_not(wb_run(I, "check_answers(T, [\"q2\"], [0, 2, 4], hint: \"say the coding\")", &v));
    const ImpactError *e = interp_error(I);
    cr_expect(strstr(e->message, "\"q2\" (data row 4)") != NULL, "message: %s", e->message);
    cr_expect(strstr(e->message, "5") == NULL, "the answer is not quoted: %s", e->message);
    cr_expect_str_eq(e->hint, "say the coding");
}
