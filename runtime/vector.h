/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* vector.h — whole-array arithmetic on columns (V_COLUMN) and distributions
 * (V_DIST).
 *
 * Contract: each operation is one C loop over the arrays (OpenMP for large
 * ones, results independent of the thread count).  Missing values (NaN, -1
 * codes) propagate, but a result that overflows (±infinity) or is NaN from
 * known inputs is an error naming the first row or counting the samples, as
 * for single numbers; dividing by the number 0 or by a distribution with
 * zero samples is the division-by-zero error, while zero rows of a divisor
 * column make those rows missing with one warning that counts them; comparisons on columns give COL_BOOL columns (missing
 * stays missing), on distributions 0/1 samples flagged VF_BOOLDIST.  Units
 * are checked by unit_check_binary exactly as for single numbers.  Mixing a
 * column with a distribution is an error.  All functions return false after
 * rt_raise(); on success *out holds a new reference.
 */
#ifndef IMPACT_VECTOR_H
#define IMPACT_VECTOR_H

#include "runtime/interp.h"

/* True when v is something vec_binary handles (a column or a distribution). */
static inline bool value_is_vector(Value v)
{
    return v.kind == V_COLUMN || v.kind == V_DIST;
}

/* A date: a number flagged VF_DATE or a date column (days since 1970-01-01). */
static inline bool value_is_date(Value v)
{
    return (v.kind == V_NUM && (v.flags & VF_DATE)) ||
        (v.kind == V_COLUMN && as_column(v)->type == COL_DATE);
}

/* a OP b (+ - * / ^ and comparisons) where a or b is a date, single or a
 * column: date ± a number of days (or a duration in days or weeks) is a
 * date, date − date a plain number of days; dates compare with dates only;
 * date + date, * / ^ on a date, a date with a distribution are errors with a
 * hint. */
bool vec_date_binary(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);

/* The errors of results that cannot be represented, shared by single numbers
 * (ops.c) and arrays; `where` (may be NULL) is appended to the message
 * (" in row 3 of the column").  Each returns false. */
bool rt_raise_division_by_zero(Interp *I, SrcLoc loc, const char *where);
bool rt_raise_too_large(Interp *I, Op op, SrcLoc loc, const char *where);
bool rt_raise_undefined(Interp *I, Op op, SrcLoc loc, const char *where);

/* a OP b where at least one side is a column or a distribution.
 * ops: + - * / ^ == != < <= > >= and or */
bool vec_binary(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);
/* - a, not a */
bool vec_unary(Interp *I, Op op, Value a, SrcLoc loc, Value *out);
/* column in [values] (text or numbers) → boolean column */
bool vec_in(Interp *I, Value column, Value list, SrcLoc loc, Value *out);

/* Rows of col where mask (COL_BOOL of the same length) is 1; missing = false. */
Value column_filter(Value col, const ColumnObj *mask);
/* The same for every column of a table. */
Value table_filter(Value table, const ColumnObj *mask);
/* Column i of a table as a value (retained, with its dimension). */
Value table_column_value(const TableObj *t, size_t i);

/* Numbers n rows by their 64-bit keys: rows with equal keys share a number,
 * the numbers 0, 1, ... following the keys in increasing order; number_of[r]
 * receives row r's.  Returns how many distinct keys there are.  (The groups
 * of `T by KEY` from a combined key, when the combinations are too many for
 * a slot each.) */
size_t vec_number_by_key(const uint64_t *keys, size_t n, uint32_t *number_of);

#endif
