/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* calendar.c — the one calendar (see calendar.h).
 *
 * The conversion between (year, month, day) and a day count is the classic
 * "days from civil" computation on eras of 400 years (146 097 days), which
 * needs no table and no loop (H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms", 2013). */
#include "runtime/calendar.h"

#include <math.h>
#include <stdio.h>

bool date_is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && date_is_leap_year(y) ? 29 : days[m - 1];
}

bool date_is_valid(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
        day <= date_days_in_month(year, month);
}

long date_from_civil(int year, int month, int day)
{
    long y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                         /* [0, 399] */
    long mp = (month + 9) % 12;                       /* March = 0 */
    long doy = (153 * mp + 2) / 5 + day - 1;          /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
    return era * 146097 + doe - 719468;               /* 1970-03-01 shift */
}

void date_to_civil(long days, int *year, int *month, int *day)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

void date_format(double days, char *buf, size_t size)
{
    if (isnan(days)) {
        snprintf(buf, size, "missing");
        return;
    }
    if (!(fabs(days) < 1e11)) { /* no calendar date: never convert it to a long */
        snprintf(buf, size, "?");
        return;
    }
    int y, m, d;
    date_to_civil((long)floor(days), &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}
