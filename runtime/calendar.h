/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* calendar.h — the one calendar: (year, month, day) <-> days since
 * 1970-01-01, in the proleptic Gregorian calendar.
 *
 * Contract: exact for every year from 1 to 9999 (and beyond, as long as
 * the count fits a long); pure functions, no state.  Dates are stored as a
 * double holding a whole number of days (date columns, date values); the
 * parsing of date text and the date built-ins are in stdlib/core/dates.c,
 * the printing of values in runtime/format.c and stdlib/core/json.c: all
 * of them convert through here.
 */
#ifndef IMPACT_CALENDAR_H
#define IMPACT_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

bool date_is_leap_year(int year);
/* 28 to 31; month 1-12. */
int date_days_in_month(int year, int month);
/* year 1-9999, month 1-12, day within the month. */
bool date_is_valid(int year, int month, int day);
long date_from_civil(int year, int month, int day);
void date_to_civil(long days, int *year, int *month, int *day);
/* Writes YYYY-MM-DD into buf (at least 11 bytes): "missing" for NaN, "?"
 * for a count too large to be a date. */
void date_format(double days, char *buf, size_t size);

#endif
