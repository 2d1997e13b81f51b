/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* dates.h — calendar dates as whole numbers of days since 1970-01-01.
 *
 * Contract: a date is stored as a double holding an integer count of days
 * since 1970-01-01 (negative before), in date columns (COL_DATE) and in date
 * values (a V_NUM flagged VF_DATE, see SPEC.md §4).  Conversions use
 * the proleptic Gregorian calendar, so they are exact for every year from 1
 * to 9999.  Parsing accepts the ISO form YYYY-MM-DD and the French form
 * DD/MM/YYYY (day and month may have one digit), each optionally followed
 * by a time of day that is dropped ("2024-03-01 10:32:00",
 * "2024-03-01T10:32Z", "01/03/2024 10:32"), and rejects impossible dates
 * such as 2023-02-29.
 */
#ifndef IMPACT_DATES_H
#define IMPACT_DATES_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/calendar.h"
#include "runtime/value.h"

/* Flag of a V_NUM that holds a date (days since 1970-01-01): prints as
 * 2024-03-01.  Added next to VF_PERCENT / VF_BOOLDIST (see value.h). */
#ifndef VF_DATE
#define VF_DATE 4
#endif

/* Parses "2024-03-01" or "01/03/2024" (whole text, a time of day after it
 * dropped: a text longer than 10 bytes that parses had one); false if not a
 * date. */
bool date_parse(const char *s, size_t len, double *days);
/* A date value: V_NUM flagged VF_DATE. */
Value value_date(double days);

#endif
