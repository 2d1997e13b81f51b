/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* disclosure.h — the one owner of small-group protection (statistical
 * secrecy): which values come from people, how that is kept through every
 * operation, the one threshold, and what every output path may show.
 *
 * Why: the loi n° 51-711 du 7 juin 1951 (secret statistique) and the DGFiP
 * rule for data about natural persons forbid publishing a figure about fewer
 * than 11 people; SPEC.md, chapter "Small groups", states the rules users see.
 *
 * Contract:
 *   - Provenance (runtime/provenance.h) is the tag every column, table and
 *     distribution carries; only disclosure.c reads or writes it.  A table
 *     read from a data file is about people (disclosure_mark_people); a
 *     value computed from values about people is about people
 *     (disclosure_derive: the one combine rule, used by every whole-array
 *     operation, every built-in call, `where`, `by`, joins, head/sort).
 *   - The threshold of a value is its table's own (csv(..., min_cell: N))
 *     when > 0, else the interpreter's (--min-cell N, `min_cell = N`); a
 *     threshold of 1 turns protection off.
 *   - Output paths (print, REPL echo and :env, JSON, write_csv, reports,
 *     explain, messages) ask disclosure_rows_hidden / disclosure_may_list
 *     before showing rows, and never quote a value about people
 *     (disclosure_quote).
 *   - A figure about fewer people than the threshold is a "suppressed
 *     figure" (a foreign object that refuses every use, disclosure_refuse).
 */
#ifndef IMPACT_DISCLOSURE_H
#define IMPACT_DISCLOSURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/interp.h"

/* ---- the threshold -------------------------------------------------------- */

/* The threshold in force for v (a column, table or distribution; the
 * interpreter's for anything else). */
int disclosure_threshold(Interp *I, Value v);
/* The threshold in force for data from table t (t may be NULL). */
int disclosure_table_threshold(Interp *I, const TableObj *t);
/* A library reached by `use` may raise the threshold of what it reads
 * (csv(..., min_cell: N)) but lowers it only with a number written in the
 * user's own code (VF_USER_TEXT), passed to it: else a library would turn
 * the protection off on its caller's data.  `asked` is the argument as
 * given, `threshold` what it means (0 counts as 1); raises at loc and
 * returns false when refused. */
bool disclosure_allows_threshold(Interp *I, const CallArgs *a, Value asked, int threshold,
                                 SrcLoc loc);
/* True when a figure over n people must be suppressed under threshold. */
bool disclosure_must_suppress(size_t n, int threshold);
/* True when a share part / whole about people must be suppressed: the part,
 * the rest (whole − part) or the whole is below the threshold; otherwise the
 * hidden cell comes back by arithmetic.  A part larger than the whole (two
 * unrelated tables) has no rest to check. */
static inline bool disclosure_share_must_suppress(size_t part, size_t whole, int threshold)
{
    return disclosure_must_suppress(whole, threshold) ||
        disclosure_must_suppress(part, threshold) ||
        (part <= whole && disclosure_must_suppress(whole - part, threshold));
}
/* True when a figure over n rows of a filtered table whose unfiltered table
 * had `base` rows (0 if not filtered) must be suppressed because the rows
 * left out are a small group: total − figure would give them back. */
static inline bool disclosure_rest_must_suppress(size_t n, size_t base, int threshold)
{
    return base > n && disclosure_must_suppress(base - n, threshold);
}
/* Secondary suppression of a partition of `total` people into k cells
 * published beside the total: on entry hide[i] says which cells the caller
 * already hides; on return it also holds every cell below the threshold,
 * then, while the hidden cells add up to fewer than threshold people, the
 * smallest cell still shown.  Returns the number of hidden cells. */
size_t disclosure_partition(size_t total, const size_t *counts, size_t k, int threshold,
                            bool *hide);
/* The dominance rule (INSEE): a sum of non-negative contributions is
 * sensitive when its largest contributor is over 85 % of the total. */
bool disclosure_dominated(const double *x, size_t n);

/* ---- suppressed figures --------------------------------------------------- */

extern const ObjClass disclosure_suppressed_class;
/* A new suppressed figure (caller owns the reference): `suppressed (n < 11)`. */
Value disclosure_suppressed(int threshold);
/* A sum or mean suppressed by the dominance rule: one person is over 85 %
 * of it, so it tells that person's value to within 15 %. */
Value disclosure_suppressed_dominated(int threshold);
/* A cell hidden by secondary suppression: it concerns enough people but
 * would give a hidden one back. */
Value disclosure_suppressed_secondary(int threshold);
/* A figure suppressed by the differencing rule: with the figures already
 * given about the same data file, it would give a small group back. */
Value disclosure_suppressed_differencing(int threshold);
bool disclosure_is_suppressed(Value v);
/* True for a figure suppressed by the dominance rule (one person over 85 % of
 * it), whatever the size of its group. */
bool disclosure_is_dominated(Value v);
/* Threshold carried by a suppressed figure (0 if v is not one). */
int disclosure_suppressed_threshold(Value v);
/* Raises the located error for using a suppressed figure; returns false. */
bool disclosure_refuse(Interp *I, Value v, SrcLoc loc);
/* True when the pending error is small-group protection refusing a figure
 * (disclosure_refuse, disclosure_refuse_extreme,
 * disclosure_refuse_distribution): depends on the data, not on the code, so
 * that summarize() shows the group's cell as missing (SPEC.md, "What may
 * leave the interpreter", rule 5) rather than stopping the run. */
bool disclosure_error_is_refusal(const Interp *I);
/* value, or a suppressed figure (value released) when n < threshold. */
Value disclosure_guard_take(Value value, size_t n, int threshold);

/* ---- provenance ------------------------------------------------------------ */

/* Table t was read from a data file about people, under its own threshold
 * min_cell (0 = the interpreter's; 1 = no protection). */
void disclosure_mark_people(TableObj *t, int min_cell);
/* v (a table) has one row per group, not per person (aggregates by group). */
void disclosure_mark_groups(Value v);
/* v (a table built in C: tornado, tipping points) is not about people. */
void disclosure_mark_public(Value v);
/* True when v (column, table, distribution) is about people. */
bool disclosure_is_people(Value v);
/* The one combine rule: out (a column, table or distribution computed from
 * inputs) is about people as soon as one input is (a column, a table that is
 * not one row per group, a distribution), under the interpreter's threshold
 * as soon as one input has it, else the largest; a table computed from a
 * table of groups is one row per group.  Kept filtered-table knowledge
 * (base rows) comes from the first input that has it. */
void disclosure_derive(Value out, size_t n, const Value *inputs);
/* to (a column computed value by value from `from`) is about the same rows. */
void disclosure_column_like(ColumnObj *to, const ColumnObj *from);
/* A column taken out of table t (t.name): tagged as t's rows. */
void disclosure_column_of(const TableObj *t, ColumnObj *c);
/* r = the rows of t kept by a mask (`where`): r remembers how many rows
 * the unfiltered table had, and how many of them the mask could not tell. */
void disclosure_filtered(TableObj *r, const TableObj *t, const ColumnObj *mask);
/* r (a new table, rows not yet filled) will hold rows of t: same tag. */
void disclosure_like(TableObj *r, const TableObj *t);
/* r is a subset or reordering of t's rows (head, sort, select, join):
 * same tag, and r's rows count as filtered out of t's when fewer. */
void disclosure_subset(TableObj *r, const TableObj *t);
/* r = rows[0..n) of t, in that order (head, sort, join...): as
 * disclosure_subset, and r knows which rows of the data file it holds. */
void disclosure_gathered(TableObj *r, const TableObj *t, const uint32_t *rows, size_t n);
/* t was just read from its data file (t->source) and marked as about
 * people: its rows are the ones the differencing ledger follows. */
void disclosure_track_rows(Interp *I, TableObj *t);
/* dist was drawn from n values about people (empirical(T.col)): its
 * quantiles are about those n people, not about its samples. */
void disclosure_set_drawn_from(Value dist, size_t n);
/* How many people the values of v stand for: its rows (a column, a
 * table), or the values a distribution was drawn from (0 if not people). */
size_t disclosure_people_behind(Value v);
/* Of a column or table: rows of the unfiltered table (0 = not filtered) and
 * how many of those a missing condition left out. */
size_t disclosure_base_rows(Value v);
size_t disclosure_base_unknown(Value v);
/* The threshold a column keeps from a table read with min_cell: N, else 0. */
int disclosure_own_threshold(Value v);

/* ---- output paths ------------------------------------------------------------ */

/* True when v (a table or column about people) holds fewer rows than its
 * threshold: neither its rows nor its row count may be shown; *threshold
 * receives it (may be NULL). */
bool disclosure_rows_hidden(Interp *I, Value v, int *threshold);
/* True when v is a filtered table whose left-out rows are a small group:
 * its number of rows must not be shown. */
bool disclosure_row_count_hidden(Interp *I, Value v);
/* True when the person-level values of v (its cells, one by one) may be
 * listed: v is not about people, or the threshold is 1 (--min-cell 1). */
bool disclosure_may_list(Interp *I, Value v);
/* Appends what is shown of v (a table or column about people, not a small
 * group) instead of its values: its number of rows (unless hidden) and its
 * columns, and how to list them. */
void disclosure_format_unlisted(Interp *I, Value v, StrBuf *out);
/* Raises, at loc, the refusal to index or list the values of v about people
 * (what = "index this column", "write these rows"...); returns false. */
typedef enum ListingKind { LISTING_INDEX, LISTING_ROW, LISTING_WRITE } ListingKind;
bool disclosure_refuse_listing(Interp *I, Value v, ListingKind what, SrcLoc loc);
/* Raises, at loc, the refusal to compute `what` (min, max, an extreme
 * quantile) of data about people; returns false. */
bool disclosure_refuse_extreme(Interp *I, Value v, const char *what, SrcLoc loc);
/* True when a quantile p of n values about people may be shown: at least
 * threshold people lie on each side of it (n·p and n·(1 − p)).  min is the
 * quantile 0 and max the quantile 1: never, unless the threshold is 1. */
bool disclosure_quantile_allowed(size_t n, double p, int threshold);
/* True when a distribution drawn from n values about people may be built:
 * its display shows the 5th and 95th percentiles, so at least threshold
 * people must lie beyond each (n ≥ 20 × threshold). */
bool disclosure_distribution_allowed(size_t n, int threshold);
/* Raises, at loc, the refusal to build a distribution from the n values
 * about people of v; returns false. */
bool disclosure_refuse_distribution(Interp *I, Value v, size_t n, SrcLoc loc);
/* True when the key of a group of n rows of `table` (the value `T by k`
 * shows for it: a name, an amount, a date) must be hidden: a value that
 * fewer than threshold people hold is about them, as their figures are. */
bool disclosure_key_hidden(Interp *I, Value table, size_t n);
/* True when a message may quote the single value v (a number or a text):
 * only a literal of the model's source (VF_LITERAL), the author's; a value
 * computed, read from data or returned by a built-in may be a person's. */
bool disclosure_may_quote_value(Value v);
/* True when a message may quote value text from v's cells (v not about people). */
bool disclosure_may_quote(Interp *I, Value v);

/* The error just raised locates a value that no output may show (a NIR in a
 * file's column titles): the data line is not printed under it. */
void disclosure_error_hides_line(Interp *I);

/* ---- differencing ------------------------------------------------------------ */

/* Differencing (SPEC.md, rule 9): the additive figures (count, len, sum,
 * mean, sd, share) already given about each data file are remembered by
 * the sets of rows they cover.  True when a figure over every row of v (a
 * table or column) may be given beside them, and then records it; false
 * when adding and subtracting would give back a group of fewer than
 * threshold people (the caller gives disclosure_suppressed_differencing).
 * Values whose rows are not tracked are allowed. */
bool disclosure_differencing_allows(Interp *I, Value v, int threshold);
/* The same for the sum, mean or count of a boolean column: it also gives
 * the number of its true values (the set of rows where it is true). */
bool disclosure_differencing_allows_true(Interp *I, Value v, int threshold);
/* The same for share(part, whole): both sets are given. */
bool disclosure_differencing_allows_pair(Interp *I, Value part, Value whole, int threshold);
/* The groups of `table` (rows order[start[g] .. start[g+1]) of it, for g
 * < k) about to be shown: hide[] comes in with those already hidden and
 * goes out with those the differencing rule hides too; returns how many
 * it added. */
size_t disclosure_differencing_groups(Interp *I, Value table, const uint32_t *order,
                                      const size_t *start, size_t k, int threshold, bool *hide);

/* ---- use in operations -------------------------------------------------------- */

/* True when v may take part in arithmetic or a comparison; otherwise (a
 * suppressed figure) raises at loc and returns false. */
bool disclosure_allows_use(Interp *I, Value v, SrcLoc loc);

#endif
