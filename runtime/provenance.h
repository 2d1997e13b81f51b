/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* provenance.h — the disclosure tag that every column and table carries.
 *
 * Contract: this struct is read and written only by runtime/disclosure.c
 * (through runtime/disclosure.h); value.h embeds it in ColumnObj and
 * TableObj so that every value derived from people says so.  No other file
 * looks inside it. */
#ifndef IMPACT_PROVENANCE_H
#define IMPACT_PROVENANCE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Provenance {
    /* Rows about people, for the protection of small groups:
     * 0 = not known to be (built in C, from lists, a table of groups);
     * -1 = yes, under the interpreter's threshold;
     * N > 0 = yes, under the threshold N of its table (1 = none). */
    int people;
    /* One row per group (the result of an aggregate over `T by k` or of
     * summarize), not per person: its rows may be shown. */
    bool of_groups;
    /* `T where C`: rows of the unfiltered table it comes from (the first one
     * when filters chain); 0 = not a filtered table.  Kept by the columns
     * taken out of it, so that sum((T where C).x) knows what it left out. */
    size_t base_nrows;
    /* Of those, rows left out because a condition was missing. */
    size_t base_unknown;
    /* Which rows of the data file these are, one by one (the differencing
     * ledger, runtime/disclosure_ledger.c, owns it); NULL = not tracked. */
    const struct RowMap *rows;
    /* A distribution drawn from values about people (empirical): how many
     * values it was drawn from, which its quantiles are about (0 = none). */
    size_t drawn_from;
} Provenance;

#endif
