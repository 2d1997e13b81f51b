/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_dates.c — calendar arithmetic (stdlib/dates.c).  Expected values from
 * Python's datetime: (date(y, m, d) - date(1970, 1, 1)).days. */
#include "tests/unit/data_fixture.h"

#include "stdlib/core/dates.h"

Test(dates, known_day_numbers)
{
    cr_expect_eq(date_from_civil(1970, 1, 1), 0);
    cr_expect_eq(date_from_civil(2000, 1, 1), 10957);
    cr_expect_eq(date_from_civil(2019, 3, 1), 17956);
    cr_expect_eq(date_from_civil(2024, 2, 29), 19782);
    cr_expect_eq(date_from_civil(1969, 12, 31), -1);
    cr_expect_eq(date_from_civil(1900, 3, 1), -25508);
}

Test(dates, round_trip_every_day_1900_2100)
{
    for (long d = date_from_civil(1900, 1, 1); d <= date_from_civil(2100, 12, 31); d++) {
        int y, m, day;
        date_to_civil(d, &y, &m, &day);
        cr_assert(date_is_valid(y, m, day));
        cr_assert_eq(date_from_civil(y, m, day), d);
    }
}

Test(dates, parse_forms)
{
    double d;
    cr_assert(date_parse("2019-03-01", 10, &d));
    cr_expect_eq(d, 17956);
    cr_assert(date_parse("01/03/2019", 10, &d));
    cr_expect_eq(d, 17956);
    cr_assert(date_parse("1/3/2019", 8, &d));
    cr_expect_eq(d, 17956);
    cr_expect_not(date_parse("2023-02-29", 10, &d)); /* not a leap year */
    cr_expect_not(date_parse("31/04/2024", 10, &d));
    cr_expect_not(date_parse("2024-3-1x", 9, &d));
    cr_expect_not(date_parse("01/03/24", 8, &d));
    cr_expect_not(date_parse("12345", 5, &d));
}

Test(dates, months_years_add)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I,
                       "[months_between(date(\"2019-03-01\"), date(\"2022-02-28\")), "
                       "months_between(date(\"2019-03-01\"), date(\"2022-03-01\")), "
                       "months_between(date(\"2022-03-01\"), date(\"2019-03-02\")), "
                       "years_between(date(\"2020-02-29\"), date(\"2024-02-28\")), "
                       "years_between(date(\"2020-02-29\"), date(\"2024-02-29\")), "
                       "days_between(date(\"2024-02-28\"), date(\"2024-03-01\"))]",
                       NULL, &v));
    ListObj *l = as_list(v);
    cr_expect_eq(data_num(l->items[0]), 35);
    cr_expect_eq(data_num(l->items[1]), 36);
    cr_expect_eq(data_num(l->items[2]), -35); /* backwards, one day short of 36 */
    cr_expect_eq(data_num(l->items[3]), 3);
    cr_expect_eq(data_num(l->items[4]), 4);
    cr_expect_eq(data_num(l->items[5]), 2);
    value_release(v);
    /* add_months clamps to the month's end: 2024-01-31 + 1 = 2024-02-29 (19782),
     * 2024-03-31 - 1 = 2024-02-29, 2023-12-15 + 14 = 2025-02-15 (20134) */
    cr_assert(
        data_run(I,
                 "[add_months(date(\"2024-01-31\"), 1), add_months(date(\"2024-03-31\"), -1), "
                 "add_months(date(\"2023-12-15\"), 14)]",
                 NULL, &v));
    l = as_list(v);
    cr_expect_eq(data_num(l->items[0]), 19782);
    cr_expect_eq(data_num(l->items[1]), 19782);
    cr_expect_eq(data_num(l->items[2]), 20134);
    cr_expect(l->items[0].flags & VF_DATE);
    value_release(v);
    interp_free(I);
}

Test(dates, bad_date_is_an_error)
{
    Interp *I = data_interp(1);
    Value v;
    cr_expect_not(data_run(I, "date(\"2023-02-29\")", NULL, &v));
    cr_expect(strstr(interp_error(I)->message, "is not a date") != NULL, "%s",
              interp_error(I)->message);
    interp_clear_error(I);
    cr_expect_not(data_run(I, "date(2023, 2, 29)", NULL, &v));
    interp_free(I);
}
