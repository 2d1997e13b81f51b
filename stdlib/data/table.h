/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* table.h — what table.c, group.c and aggregate.c share: grouped tables and
 * row gathering.
 *
 * A grouped table (`T by cae`, group_by(T, key)) is a foreign object of
 * class grouped_class.  Groups are numbered in the order of their keys
 * (text alphabetically, numbers ascending, missing keys last — a missing key
 * is a group of its own, e.g. people still in the programme have no exit
 * status).  They are found with arrays indexed by dictionary codes, never a
 * hash map, so grouping a million rows costs two passes over the key
 * columns.  Aggregates over a grouped table give one row per group: the key
 * columns, then the figures.
 */
#ifndef IMPACT_TABLE_H
#define IMPACT_TABLE_H

#include "runtime/interp.h"

typedef struct Grouped {
    Value table; /* the rows grouped (retained) */
    Value keys;  /* table of the key columns, one row per group */
    size_t ngroups;
    uint32_t *group_of; /* group of each row (NULL once order[] is built) */
    uint32_t *order;    /* rows by group: group g is order[start[g] .. start[g+1]) */
    size_t *start;      /* ngroups + 1 offsets */
    char *label;        /* "cae" or "entry_status, exit_status", for printing */
    Value key_cols[8];  /* the key columns (retained) */
    size_t nkeys;
} Grouped;

extern const ObjClass grouped_class;

/* Groups table by key (a column of it, a column name, or a list of them). */
bool grouped_make(Interp *I, Value table, Value key, SrcLoc loc, Value *out);
/* The same rows grouped by g's keys and then by n more (count(T by a, b)). */
bool grouped_regroup(Interp *I, const Grouped *g, size_t n, const Value *extra, SrcLoc loc,
                     Value *out);

/* The Grouped behind v, or NULL if v is not a grouped table. */
Grouped *grouped_of(Value v);
/* A new table holding the key columns (shared, not copied): aggregates add
 * their figures to it. */
Value grouped_keys_table(const Grouped *g);

/* The rows `rows[0..n)` of a column / of every column of a table (new). */
Value column_gather(Value col, const uint32_t *rows, size_t n);
Value table_gather(const TableObj *t, const uint32_t *rows, size_t n);

/* Index of column `name` of t; raises "no column 'x' (its columns are ...)"
 * with a close name suggested. */
bool table_column_index(Interp *I, const TableObj *t, const char *name, SrcLoc loc, size_t *idx);
/* True when two column names are equal, the apostrophes ' and ’ (U+2019,
 * which enDI and Word write) counting as the same character. */
bool table_names_match(const char *a, const char *b);
/* table_find_column() with ' and ’ matching each other: t["Statut à
 * l'entrée"] finds "Statut à l’entrée" (an exact match first). */
int table_find_column_loose(const TableObj *t, const char *name);

/* Alphabetical (byte order) rank of each dictionary code of a text column
 * (malloc'ed, c->dict->n entries). */
uint32_t *table_text_ranks(const ColumnObj *c);

/* A table with the same settings (source, min_cell) as t and no column. */
Value table_like(const TableObj *t);

#endif
