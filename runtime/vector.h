/* vector.h — whole-array arithmetic on columns (V_COLUMN) and distributions
 * (V_DIST).
 *
 * Contract: each operation is one C loop over the arrays (OpenMP for large
 * ones, results independent of the thread count).  Missing values (NaN, -1
 * codes) propagate; comparisons on columns give COL_BOOL columns (missing
 * stays missing), on distributions 0/1 samples flagged VF_BOOLDIST.  Units
 * are checked by unit_check_binary exactly as for single numbers.  Mixing a
 * column with a distribution is an error.  All functions return false after
 * rt_raise(); on success *out holds a new reference.
 */
#ifndef IMPACT_VECTOR_H
#define IMPACT_VECTOR_H

#include "interp.h"

/* True when v is something vec_binary handles (a column or a distribution). */
static inline bool value_is_vector(Value v) { return v.kind == V_COLUMN || v.kind == V_DIST; }

/* a OP b where at least one side is a column or a distribution.
 * ops: + - * / ^ == != < <= > >= and or */
bool vec_binary(Interp *I, const char *op, Value a, Value b, SrcLoc loc, Value *out);
/* - a, not a */
bool vec_unary(Interp *I, const char *op, Value a, SrcLoc loc, Value *out);
/* column in [values] (text or numbers) → boolean column */
bool vec_in(Interp *I, Value column, Value list, SrcLoc loc, Value *out);

/* Rows of col where mask (COL_BOOL of the same length) is 1; missing = false. */
Value column_filter(Value col, const ColumnObj *mask);
/* The same for every column of a table. */
Value table_filter(Value table, const ColumnObj *mask);
/* Column i of a table as a value (retained, with its dimension). */
Value table_column_value(const TableObj *t, size_t i);

#endif
