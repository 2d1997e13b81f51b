/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* survey_args.h — argument reading shared by the survey and row-wise
 * built-ins (survey.c, rowwise.c).
 *
 * Contract: each reader raises a located error naming the function, the
 * parameter and what to do, and returns false; on success it fills a small
 * struct that the caller releases with the matching *_free (safe on a zeroed
 * struct).  Arrays are borrowed from the argument when possible (a numeric
 * column's storage) and copied otherwise (lists, boolean columns).
 */
#ifndef IMPACT_SURVEY_ARGS_H
#define IMPACT_SURVEY_ARGS_H

#include "runtime/interp.h"

/* Numbers from a column or a list; NaN marks a missing value. */
typedef struct NumArray {
    const double *x;
    size_t n;
    Dim dim;
    double *owned; /* non-NULL when x was copied */
} NumArray;

bool survey_num_array(Interp *I, const CallArgs *a, size_t i, const char *param, NumArray *out);
void survey_num_free(NumArray *na);

/* The item columns a questionnaire scorer reads: T and a list of names. */
typedef struct ItemColumns {
    TableObj *table; /* borrowed from the argument */
    size_t k;
    const double **x;   /* k arrays of table->nrows values */
    const char **names; /* borrowed from the list */
    int *index;         /* column index of each item in the table */
    double **owned;     /* reversed copies (NULL where the item is read as is) */
} ItemColumns;

/* Reads argument ti as a table and argument li as a list of its numeric
 * column names (at least min_items). */
bool survey_item_columns(Interp *I, const CallArgs *a, size_t ti, size_t li, size_t min_items,
                         ItemColumns *out);
void survey_items_free(ItemColumns *ic);

/* Applies the named arguments reverse: [names] and reverse_sum: s: each
 * listed item (one of ic's) is read as s − x (s = lowest + highest score of
 * the answer scale, e.g. 5 for a 1–4 scale, 100 for 0–100). */
bool survey_item_reversals(Interp *I, const CallArgs *a, ItemColumns *ic);

/* An optional number: positional argument `pos` if given, else the named
 * argument `name`, else dflt. */
bool survey_opt_number(Interp *I, const CallArgs *a, size_t pos, const char *name, double dflt,
                       double *out);

/* Where a warning about a call should point: the call itself when it is in
 * the user's code, no place at all (the message names the instrument) when it
 * is inside the standard library's own modules, whose install path means
 * nothing to an evaluator and changes from one machine to another. */
SrcLoc survey_warn_loc(Interp *I, SrcLoc call);

/* Name of the function called, for messages. */
const char *survey_fn_name(const CallArgs *a);

#endif
