/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* vector_internal.h — what the files of whole-array operations share
 * (runtime/vector*.c; public entry points in vector.h): the view of an
 * operand as (pointer, stride), the comparison codes, and the checks and
 * loops that arithmetic (vector.c), comparisons and logic
 * (vector_compare.c) and dates (vector_dates.c) all use.
 */
#ifndef IMPACT_VECTOR_INTERNAL_H
#define IMPACT_VECTOR_INTERNAL_H

#include <stdint.h>

#include "runtime/internal.h"

#define PARALLEL_MIN 100000

typedef struct NumView {
    const double *p;
    size_t stride; /* 1 for arrays, 0 for a single number */
    size_t n;      /* elements; 0 for a single number */
    double scalar;
    double *tmp; /* owned conversion of a boolean column/dist, or NULL */
} NumView;

enum Cmp { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_NONE };

static inline int vec_cmp_apply(enum Cmp c, double x, double y)
{
    switch (c) {
    case CMP_EQ: return x == y;
    case CMP_NE: return x != y;
    case CMP_LT: return x < y;
    case CMP_LE: return x <= y;
    case CMP_GT: return x > y;
    case CMP_GE: return x >= y;
    default: return 0;
    }
}

void vec_arith_arrays(Op op, bool column, const double *ap, size_t as, const double *bp, size_t bs,
                      double *r, size_t n);

bool vec_check_lengths(Interp *I, Value a, Value b, const NumView *va, const NumView *vb,
                       SrcLoc loc, size_t *n);

/* The result of an operation on a and b is about people when one of them
 * is: the one combine rule (runtime/disclosure.c). */
void vec_inherit_min_cell(Value r, Value a, Value b);
/* The entry points' last step: when ok (the operation succeeded), *out
 * inherits from a and b as above; returns ok. */
bool vec_inherit_if_ok(bool ok, Value *out, Value a, Value b);

bool vec_is_column_kind(Value v, ColType t);

/* A numeric view of v: number, numeric/date column, distribution (boolean
 * columns are not numbers: use count/share on them). */
bool vec_num_view(Value v, NumView *out);

bool vec_raise_kinds(Interp *I, Op op, Value a, Value b, SrcLoc loc);

bool vec_bool_view(Value v, const int8_t **p, size_t *stride, size_t *n, int8_t *scalar);

enum Cmp vec_cmp_of(Op op);

bool vec_is_bool_dist(Value v);

/* `ok == "oui"`: the file's oui/non (yes/no, vrai/faux, true/false) were
 * read as true/false, so the column is compared with true or used as is. */
bool vec_raise_bool_vs_text(Interp *I, Op op, Value col, Value text, SrcLoc loc);

bool vec_date_binary_(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);

bool vec_compare_num(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);

bool vec_compare_text(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);

bool vec_logic_columns(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);

bool vec_logic_dists(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);

#endif
