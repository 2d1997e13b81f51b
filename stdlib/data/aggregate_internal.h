/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* aggregate_internal.h — what the aggregates share (stdlib/data/
 * aggregate.c, count_share.c, summarize.c): the quiet mode of summarize(),
 * the hiding of small groups and its warnings, and the built-ins that
 * aggregate.c's table registers.
 */
#ifndef IMPACT_AGGREGATE_INTERNAL_H
#define IMPACT_AGGREGATE_INTERNAL_H

#include "stdlib/stdlib.h"
#include "stdlib/data/table.h"

/* Inside summarize(), the per-group calls do not warn one by one: the
 * skipped values are added up here and reported once. */
typedef struct Quiet {
    int depth;      /* > 0 inside summarize() */
    size_t skipped; /* missing values skipped meanwhile */
} Quiet;

Quiet *agg_quiet(Interp *I);

/* Secondary suppression of groups (docs/METHOD.md §8.3): the total over all groups
 * is published (count(T), the n of the whole column), so the hidden groups
 * must add up to at least threshold people, else the total minus the groups
 * shown gives them back.  counts[k] = people of group k; hide[k] comes in
 * with the groups hidden for their own sake and goes out with the smallest
 * groups shown added as needed.  Returns how many groups were hidden in the
 * first place; *more gets the number added.  `rest` is the number of rows a
 * filter left out when they are a small group (filtered_rest): the groups
 * then add up to count(T) − rest with count(T) published, so the rest is
 * one more hidden cell of the partition. */
size_t agg_hide_groups_secondary(const size_t *counts, size_t ngroups, int threshold, bool *hide,
                                 size_t rest, size_t *more);

void agg_report_skipped(Interp *I, SrcLoc loc, const char *fname, size_t skipped, size_t total);

size_t agg_table_rest(const TableObj *t, int threshold);

void agg_warn_secondary_groups(Interp *I, SrcLoc loc, const char *fname, size_t more);

/* The warning for k groups hidden by the differencing rule (runtime/disclosure.h). */
void agg_warn_differencing_groups(Interp *I, SrcLoc loc, const char *fname, size_t k,
                                  int threshold);

void agg_warn_suppressed_groups(Interp *I, SrcLoc loc, const char *fname, size_t k, int threshold);
/* Warns that `sensitive` groups are hidden by the dominance rule or as one
 * person's value (not for being small). */
void agg_warn_sensitive_groups(Interp *I, SrcLoc loc, const char *fname, size_t sensitive);

/* The groups of g (or the one group of nrows rows when g is NULL) to hide
 * by their number of rows: below the threshold, then secondary suppression.
 * A new array the caller frees. */
bool *agg_group_hides(const Grouped *g, const TableObj *t, int threshold, size_t *primary,
                      size_t *more);

/* The text between the parentheses of a one-argument call, as written: from
 * the first '(' at or after the call's column to the matching ')' on that
 * source line, read from the model file (none for -e or the REPL: false). */
bool agg_call_argument_text(SrcLoc call, char *buf, size_t size);

/* A new numeric column of n rows. */
static inline Value agg_num_column(size_t n)
{
    return value_column_new(COL_NUM, n);
}

#endif
