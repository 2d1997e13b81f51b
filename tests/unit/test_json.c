/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_json.c — impact values as JSON (stdlib/json.c).
 *
 * Expected figures come from numpy 1.24 (/usr/bin/python3): mean, np.std
 * (population, ddof=0) and np.quantile with its default linear method, as
 * the JSON contract promises; dates from Python's datetime.
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/core/json.h"
#include "stdlib/stdlib.h"

static Interp *I;

static void setup(void)
{
    Settings s = {
        .samples = 1000, .seed = 1, .min_cell = 11, .format = FORMAT_JSON, .threads = 1
    };
    I = interp_new(&s);
    stdlib_open(I);
    interp_allow_dir(I, "/tmp", true); /* the tests' files are in /tmp */
}

static void teardown(void)
{
    interp_free(I);
}

TestSuite(json, .init = setup, .fini = teardown);

/* Text of a json-c object without spaces, then released. */
static char *compact(struct json_object *o)
{
    char *text = strdup(
        json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
    return text;
}

static void expect_json(Value v, const char *expected)
{
    char *text = compact(value_to_json(I, v));
    cr_expect_str_eq(text, expected);
    free(text);
}

Test(json, numbers_use_the_shortest_exact_text)
{
    /* By hand: 0.1 and 1/3 as Python's repr() writes them; integers bare. */
    expect_json(value_num(0.1), "0.1");
    expect_json(value_num(1.0 / 3.0), "0.3333333333333333");
    expect_json(value_num(120000), "120000");
    expect_json(value_num(-0.0), "0");
    /* whole numbers below 1e16 spelled out (json.h), in a model's JSON too
     * since it writes its numbers with json_number() */
    expect_json(value_num(1.5e15), "1500000000000000");
    expect_json(value_num(1e21), "1e+21");
    expect_json(value_num(NAN), "null");
    expect_json(value_num(INFINITY), "null");
}

Test(json, units_and_percentages_are_plain_numbers)
{
    /* 25% is the fraction 0.25; 9000 EUR is 9000 currency units;
     * 6 month is half a year (month = 1/12 year, SPEC.md units). */
    expect_json(value_percent(0.25), "0.25");
    Value money;
    cr_assert(interp_run_string(I, "<test>", "9_000 EUR", &money));
    expect_json(money, "9000");
    Value months;
    cr_assert(interp_run_string(I, "<test>", "6 month", &months));
    expect_json(months, "0.5");
}

Test(json, scalars_and_containers)
{
    expect_json(value_nil(), "null");
    expect_json(value_bool(true), "true");
    Value s = value_str("État \"social\" / 2024");
    expect_json(s, "\"État \\\"social\\\" / 2024\""); /* UTF-8 kept, '/' not escaped */
    value_release(s);

    Value list = value_list_new(2);
    list_push_take(list, value_num(1));
    list_push_take(list, value_str("a"));
    Value rec = value_record_new();
    SrcLoc nowhere = { 0 };
    record_set_take(rec, "b", value_num(2), nowhere);
    record_set_take(rec, "a", list, nowhere); /* fields keep their order */
    expect_json(rec, "{\"b\":2,\"a\":[1,\"a\"]}");
    value_release(rec);
}

Test(json, distribution_summary_matches_numpy)
{
    /* numpy: x = [3,1,4,1,5,9,2,6,5,3,5]: mean 4.0, std 2.256304299271065,
     * quantile 5%, 50%, 95% = 1.0, 4.0, 7.5 */
    const double x[] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5 };
    Value d = value_dist_new(11);
    memcpy(as_dist(d)->stored, x, sizeof x);
    expect_json(d, "{\"mean\":4,\"sd\":2.256304299271065,\"p5\":1,\"p50\":4,\"p95\":7.5}");
    value_release(d);
}

Test(json, summary_interpolates_between_order_statistics)
{
    /* numpy: y = (1..100)^2: mean 3383.5, std 3009.1960803510297,
     * quantiles 35.45, 2550.5, 9034.55 */
    double y[100];
    for (int i = 0; i < 100; i++)
        y[i] = (double)(100 - i) * (double)(100 - i); /* unsorted on purpose */
    struct json_object *o = json_sample_summary(y, 100);
    cr_expect_float_eq(json_object_get_double(json_object_object_get(o, "mean")), 3383.5, 1e-9);
    cr_expect_float_eq(json_object_get_double(json_object_object_get(o, "sd")), 3009.1960803510297,
                       1e-9);
    cr_expect_float_eq(json_object_get_double(json_object_object_get(o, "p5")), 35.45, 1e-9);
    cr_expect_float_eq(json_object_get_double(json_object_object_get(o, "p50")), 2550.5, 1e-9);
    cr_expect_float_eq(json_object_get_double(json_object_object_get(o, "p95")), 9034.55, 1e-9);
    json_object_put(o);
}

Test(json, summary_leaves_out_missing_samples)
{
    /* By hand: {2, 4} once NaN is dropped: mean 3, population sd 1,
     * p5 = 2 + 0.05 * 2 = 2.1, p50 = 3, p95 = 2 + 0.95 * 2 = 3.9; the one
     * NaN left out is counted (issue 17: missing samples are stated). */
    const double x[] = { 4, NAN, 2 };
    char *text = compact(json_sample_summary(x, 3));
    cr_expect_str_eq(text, "{\"mean\":3,\"sd\":1,\"p5\":2.1,\"p50\":3,\"p95\":3.9,\"missing\":1}");
    free(text);
    const double none[] = { NAN };
    text = compact(json_sample_summary(none, 1));
    cr_expect_str_eq(
        text, "{\"mean\":null,\"sd\":null,\"p5\":null,\"p50\":null,\"p95\":null,\"missing\":1}");
    free(text);
}

Test(json, columns_keep_missing_values_as_null)
{
    Value nums = value_column_new(COL_NUM, 3);
    as_column(nums)->num[0] = 1.5;
    as_column(nums)->num[1] = NAN;
    as_column(nums)->num[2] = -2;
    expect_json(nums, "[1.5,null,-2]");

    Value text = value_column_new(COL_TEXT, 3);
    ColumnObj *t = as_column(text);
    t->codes[0] = strdict_intern(t->dict, "CDI", 3);
    t->codes[1] = -1;
    t->codes[2] = strdict_intern(t->dict, "RSA", 3);
    expect_json(text, "[\"CDI\",null,\"RSA\"]");

    /* datetime: 1970-01-01 + 19723 days = 2024-01-01; -1 day = 1969-12-31 */
    Value dates = value_column_new(COL_DATE, 3);
    as_column(dates)->num[0] = 19723;
    as_column(dates)->num[1] = -1;
    as_column(dates)->num[2] = NAN;
    expect_json(dates, "[\"2024-01-01\",\"1969-12-31\",null]");

    Value bools = value_column_new(COL_BOOL, 3);
    as_column(bools)->bools[0] = 1;
    as_column(bools)->bools[1] = -1;
    as_column(bools)->bools[2] = 0;
    expect_json(bools, "[true,null,false]");

    Value table = value_table_new(2);
    table_add_column(table, "status", text);
    table_add_column(table, "hours", nums);
    expect_json(table,
                "[{\"status\":\"CDI\",\"hours\":1.5},{\"status\":null,\"hours\":null},"
                "{\"status\":\"RSA\",\"hours\":-2}]");
    value_release(table);
    value_release(dates);
    value_release(bools);
}

Test(json, functions_are_shown_as_their_printed_text)
{
    Value f;
    cr_assert(interp_run_string(I, "<test>", "fn twice(x) = 2 * x\ntwice", &f));
    StrBuf b;
    sb_init(&b);
    value_format(I, f, &b);
    struct json_object *o = value_to_json(I, f);
    cr_assert(json_object_is_type(o, json_type_string));
    cr_expect_str_eq(json_object_get_string(o), b.data);
    json_object_put(o);
    sb_free(&b);
    value_release(f);
}

Test(json, a_date_is_written_like_the_cells_of_a_date_column)
{
    /* datetime: date(1970,1,1) + timedelta(19782) = 2024-02-29 */
    Value d = value_num(19782);
    d.flags = VF_DATE;
    expect_json(d, "\"2024-02-29\"");
    Value v;
    cr_assert(interp_run_string(I, "<test>", "add_months(date(\"2024-01-31\"), 1)", &v));
    expect_json(v, "\"2024-02-29\"");
    cr_assert(interp_run_string(I, "<test>", "date(\"2024-03-01\") - date(\"2024-01-31\")", &v));
    expect_json(v, "30"); /* a number of days, not a date */
    Value missing = value_num(NAN);
    missing.flags = VF_DATE;
    expect_json(missing, "null");
}

/* D1/D17: a suppressed figure and the rows of a small group are null (SPEC
 * §1, JSON output).  The 3 rows of the file are fewer than the threshold 11
 * of this suite's settings; a list of numbers is not data about people. */
Test(json, small_groups_are_null)
{
    FILE *f = fopen("/tmp/impact_test_json_small.csv", "w");
    cr_assert(f);
    fputs("id,age\n1,30\n2,40\n3,50\n", f);
    fclose(f);
    Value v;
    cr_assert(interp_run_string(I, "<test>",
                                "let t = csv(\"/tmp/impact_test_json_small.csv\")\n"
                                "[count(t), t, t.age, mean(t.age), [1, 2]]",
                                &v));
    expect_json(v, "[null,null,null,null,[1,2]]");
    value_release(v);
    remove("/tmp/impact_test_json_small.csv");
}
