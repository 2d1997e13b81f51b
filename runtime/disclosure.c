/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* disclosure.c — small-group protection, the one owner (see disclosure.h
 * and SPEC.md, chapter "Small groups"). */
#include "runtime/disclosure.h"
#include "runtime/disclosure_ledger.h"
#include "runtime/internal.h"

#include "lang/i18n.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* `make check-mutant` compiles this file once per rule with that rule
 * removed (DISCLOSURE_MUTANT = the rule's number below) and links each
 * scratch interpreter with the other objects unchanged: the tests must
 * notice every one (Makefile, MUTANT_RULES, in this order). */
#ifndef DISCLOSURE_MUTANT
#define DISCLOSURE_MUTANT 0
#endif
#define MUTANT_COMBINE      1 /* values derived from people stay about people */
#define MUTANT_THRESHOLD    2 /* figures about fewer people than the threshold */
#define MUTANT_DOMINANCE    3 /* one person over 85 % of a sum */
#define MUTANT_DIFFERENCING 4 /* the ledger of figures given */
#define MUTANT_MASKING      5 /* messages never quote a person's value */
#define MUTANT_LISTING      6 /* person-level values are not listed */

/* ---- the threshold -------------------------------------------------------- */

bool disclosure_must_suppress(size_t n, int threshold)
{
#if DISCLOSURE_MUTANT == MUTANT_THRESHOLD
    (void)n;
    (void)threshold;
    return false;
#else
    return threshold > 1 && n < (size_t)threshold;
#endif
}

static const Provenance *prov_of(Value v)
{
    switch (v.kind) {
    case V_COLUMN: return &as_column(v)->prov;
    case V_TABLE: return &as_table(v)->prov;
    case V_DIST: return &as_dist(v)->prov;
    default: return NULL;
    }
}

static Provenance *prov_mut(Value v)
{
    return (Provenance *)prov_of(v);
}

int disclosure_threshold(Interp *I, Value v)
{
    const Provenance *p = prov_of(v);
    return p && p->people > 0 ? p->people : interp_settings(I)->min_cell;
}

int disclosure_table_threshold(Interp *I, const TableObj *t)
{
    return t && t->prov.people > 0 ? t->prov.people : interp_settings(I)->min_cell;
}

bool disclosure_allows_threshold(Interp *I, const CallArgs *a, Value asked, int threshold,
                                 SrcLoc loc)
{
    int in_force = disclosure_table_threshold(I, NULL);
    if (threshold >= in_force || (asked.flags & VF_USER_TEXT) ||
        !interp_file_is_library(I, a->loc.file))
        return true;
    rt_raise(I, loc,
             _("the library %s may not lower the small-group threshold: %s() asks for min_cell: "
               "%d, below the %d in force"),
             a->loc.file, a->reg->name, threshold, in_force);
    return rt_hint(I,
                   _("only your model lowers the threshold: write the number in your model "
                     "file and pass it to the library, or run with --min-cell N"));
}

size_t disclosure_partition(size_t total, const size_t *counts, size_t k, int threshold, bool *hide)
{
    bool all = disclosure_must_suppress(total, threshold);
    size_t hidden = 0, hidden_sum = 0;
    for (size_t i = 0; i < k; i++) {
        hide[i] = hide[i] || all || disclosure_must_suppress(counts[i], threshold);
        hidden += hide[i];
        hidden_sum += hide[i] ? counts[i] : 0;
    }
    /* The hidden cells add up to total − (cells shown): that sum is itself a
     * published count and must concern at least threshold people. */
    while (hidden > 0 && hidden < k && disclosure_must_suppress(hidden_sum, threshold)) {
        size_t smallest = k;
        for (size_t i = 0; i < k; i++)
            if (!hide[i] && (smallest == k || counts[i] < counts[smallest])) smallest = i;
        hide[smallest] = true;
        hidden++;
        hidden_sum += counts[smallest];
    }
    return hidden;
}

/* |v|, and 0 for a missing value, without a branch (whether a value is
 * missing follows no order the processor could guess). */
static inline double magnitude_or_zero(double v)
{
    double a = fabs(v);
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    bits &= -(uint64_t)(a == a); /* NaN: all bits cleared, +0 */
    memcpy(&a, &bits, sizeof a);
    return a;
}

bool disclosure_dominated(const double *x, size_t n)
{
#if DISCLOSURE_MUTANT == MUTANT_DOMINANCE
    n = 0;
#endif
    /* four running sums and maxima, element i in lane i % 4: one would make
     * each element wait for the addition before it (a million rows: 4 times
     * longer); the lanes are locals, written out, so that they stay in
     * registers (side by side in vector ones) */
    double total[4] = { 0 }, largest[4] = { 0 };
    size_t whole = n - n % 4;
    double t0 = 0, t1 = 0, t2 = 0, t3 = 0, l0 = 0, l1 = 0, l2 = 0, l3 = 0;
    for (size_t i = 0; i < whole; i += 4) {
        double a0 = magnitude_or_zero(x[i]), a1 = magnitude_or_zero(x[i + 1]);
        double a2 = magnitude_or_zero(x[i + 2]), a3 = magnitude_or_zero(x[i + 3]);
        t0 += a0;
        t1 += a1;
        t2 += a2;
        t3 += a3;
        l0 = a0 > l0 ? a0 : l0;
        l1 = a1 > l1 ? a1 : l1;
        l2 = a2 > l2 ? a2 : l2;
        l3 = a3 > l3 ? a3 : l3;
    }
    total[0] = t0, total[1] = t1, total[2] = t2, total[3] = t3;
    largest[0] = l0, largest[1] = l1, largest[2] = l2, largest[3] = l3;
    for (size_t i = whole; i < n; i++) {
        double a = magnitude_or_zero(x[i]);
        total[i % 4] += a;
        largest[i % 4] = a > largest[i % 4] ? a : largest[i % 4];
    }
    double sum = (total[0] + total[1]) + (total[2] + total[3]);
    double top = fmax(fmax(largest[0], largest[1]), fmax(largest[2], largest[3]));
    return sum > 0 && top > 0.85 * sum;
}

/* ---- suppressed figures ---------------------------------------------------- */

typedef enum SuppressedWhy {
    SUPPRESSED_SMALL,        /* about fewer people than the threshold */
    SUPPRESSED_SECONDARY,    /* hidden only so that a smaller cell cannot be recovered */
    SUPPRESSED_DOMINATED,    /* one contributor is over 85 % of it */
    SUPPRESSED_DIFFERENCING, /* with figures already given, gives a small group back */
} SuppressedWhy;

typedef struct Suppressed {
    int threshold;
    SuppressedWhy why;
} Suppressed;

static void suppressed_free(ForeignObj *o)
{
    free(o->data);
}

/* Words in the run's language (a sentence about a figure not shown, not a
 * value: SPEC.md, "How numbers print"); JSON writes null instead. */
static void suppressed_print(Interp *I, ForeignObj *o, StrBuf *out)
{
    (void)I;
    const Suppressed *s = o->data;
    if (s->why == SUPPRESSED_SECONDARY)
        sb_printf(out, _("suppressed (secondary: protects a cell of n < %d)"), s->threshold);
    else if (s->why == SUPPRESSED_DOMINATED)
        sb_printf(out, _("suppressed (dominance: one person is over 85%% of it)"));
    else if (s->why == SUPPRESSED_DIFFERENCING)
        sb_printf(out,
                  _("suppressed (differencing: with the figures already given, it would give "
                    "back a group of n < %d)"),
                  s->threshold);
    else
        sb_printf(out, _("suppressed (n < %d)"), s->threshold);
}

static bool suppressed_get(Interp *I, ForeignObj *o, const char *name, SrcLoc loc, Value *out)
{
    if (strcmp(name, "suppressed") == 0) {
        *out = value_bool(true);
        return true;
    }
    if (strcmp(name, "threshold") == 0) {
        *out = value_num(((Suppressed *)o->data)->threshold);
        return true;
    }
    return rt_raise(
        I, loc, _("a suppressed figure has no field '%s'; its fields are suppressed, threshold"),
        name);
}

static const char *const suppressed_fields[] = { "suppressed", "threshold", NULL };

static bool suppressed_refuse_use(Interp *I, ForeignObj *o, SrcLoc loc)
{
    Value v = value_obj(&o->hdr);
    return disclosure_refuse(I, v, loc);
}

const ObjClass disclosure_suppressed_class =
    OBJ_CLASS("suppressed figure", suppressed_free, suppressed_print, .get_field = suppressed_get,
              .fields = suppressed_fields, .refuse_use = suppressed_refuse_use);

static Value new_suppressed(int threshold, SuppressedWhy why)
{
    Suppressed *s = malloc(sizeof *s);
    if (!s) rt_out_of_memory();
    s->threshold = threshold;
    s->why = why;
    return value_foreign(&disclosure_suppressed_class, s);
}

Value disclosure_suppressed(int threshold)
{
    return new_suppressed(threshold, SUPPRESSED_SMALL);
}

Value disclosure_suppressed_dominated(int threshold)
{
    return new_suppressed(threshold, SUPPRESSED_DOMINATED);
}

Value disclosure_suppressed_secondary(int threshold)
{
    return new_suppressed(threshold, SUPPRESSED_SECONDARY);
}

Value disclosure_suppressed_differencing(int threshold)
{
    return new_suppressed(threshold, SUPPRESSED_DIFFERENCING);
}

bool disclosure_is_suppressed(Value v)
{
    return v.kind == V_OBJECT && as_foreign(v)->cls == &disclosure_suppressed_class;
}

bool disclosure_is_dominated(Value v)
{
    return disclosure_is_suppressed(v) &&
        ((Suppressed *)as_foreign(v)->data)->why == SUPPRESSED_DOMINATED;
}

int disclosure_suppressed_threshold(Value v)
{
    return disclosure_is_suppressed(v) ? ((Suppressed *)as_foreign(v)->data)->threshold : 0;
}

/* Marks the error just raised, if it is the pending one, as a refusal. */
static bool mark_refusal(Interp *I, bool fresh)
{
    if (fresh && I->has_error) I->err_refusal = true;
    return false;
}

bool disclosure_error_is_refusal(const Interp *I)
{
    return I->has_error && I->err_refusal;
}

bool disclosure_refuse(Interp *I, Value v, SrcLoc loc)
{
    bool fresh = !I->has_error;
    int threshold = disclosure_suppressed_threshold(v);
    SuppressedWhy why =
        disclosure_is_suppressed(v) ? ((Suppressed *)as_foreign(v)->data)->why : SUPPRESSED_SMALL;
    if (why == SUPPRESSED_DOMINATED)
        rt_raise(
            I, loc,
            _("this figure is suppressed because one person is over 85%% of it, so it would "
              "tell that person's value (dominance rule, small-group protection, see SPEC.md)"));
    else if (why == SUPPRESSED_DIFFERENCING)
        rt_raise(I, loc,
                 _("this figure is suppressed because, added to or subtracted from the figures "
                   "already given about the same data file, it would give back a figure about "
                   "fewer than %d people (differencing, small-group protection, see SPEC.md)"),
                 threshold);
    else if (why == SUPPRESSED_SECONDARY)
        rt_raise(
            I, loc,
            _("this figure is suppressed because, with the figures shown beside it, it would give "
              "back a figure about fewer than %d people (small-group protection, see SPEC.md)"),
            threshold);
    else
        rt_raise(I, loc,
                 _("this figure is suppressed because it concerns fewer than %d people "
                   "(small-group protection, see SPEC.md)"),
                 threshold);
    mark_refusal(I, fresh);
    if (why == SUPPRESSED_DIFFERENCING)
        return rt_hint(I,
                       _("give the figures of one breakdown at once (count(T by key) hides the "
                         "small groups and those that would give them back), rather than figures "
                         "of overlapping subsets one by one; --min-cell 1 shows it if nothing "
                         "will be published"));
    return rt_hint(I,
                   _("statistical secrecy (loi du 7 juin 1951) forbids publishing a figure about "
                     "fewer than %d people; group the data more coarsely, or, if the figure will "
                     "not be published, lower the threshold explicitly: --min-cell N on the "
                     "command line or `min_cell = N` in the model"),
                   threshold);
}

Value disclosure_guard_take(Value value, size_t n, int threshold)
{
    if (!disclosure_must_suppress(n, threshold)) return value;
    value_release(value);
    return disclosure_suppressed(threshold);
}

bool disclosure_allows_use(Interp *I, Value v, SrcLoc loc)
{
    if (v.kind != V_OBJECT) return true;
    ForeignObj *o = as_foreign(v);
    if (o->cls == &disclosure_suppressed_class) return disclosure_refuse(I, v, loc);
    if (o->cls && o->cls->refuse_use) return o->cls->refuse_use(I, o, loc);
    return true;
}

/* ---- provenance ------------------------------------------------------------ */

void disclosure_mark_people(TableObj *t, int min_cell)
{
    t->prov.people = min_cell > 0 ? min_cell : -1;
    t->prov.of_groups = false;
}

void disclosure_mark_groups(Value v)
{
    if (v.kind == V_TABLE) as_table(v)->prov.of_groups = true;
}

void disclosure_mark_public(Value v)
{
    Provenance *p = prov_mut(v);
    if (p) *p = (Provenance){ 0 };
}

/* Who the rows of v are about: 0 (nobody in particular), -1 or N (people,
 * see Provenance.people).  A table of groups is not about people. */
static int people_of(Value v)
{
    const Provenance *p = prov_of(v);
    if (!p || (v.kind == V_TABLE && p->of_groups)) return 0;
    return p->people;
}

bool disclosure_is_people(Value v)
{
    return people_of(v) != 0;
}

static size_t rows_of(Value v)
{
    switch (v.kind) {
    case V_COLUMN: return as_column(v)->n;
    case V_TABLE: return as_table(v)->nrows;
    case V_DIST: return as_dist(v)->n;
    default: return 0;
    }
}

/* About people when one of x, y is, under the interpreter's threshold (-1)
 * as soon as one is, else the larger threshold. */
static int combine_people(int x, int y)
{
#if DISCLOSURE_MUTANT == MUTANT_COMBINE
    (void)y;
    return x;
#else
    if (!x) return y;
    if (!y) return x;
    if (x < 0 || y < 0) return -1;
    return x > y ? x : y;
#endif
}

void disclosure_derive(Value out, size_t n, const Value *inputs)
{
    Provenance *p = prov_mut(out);
    if (!p) return;
    int m = p->people;
    bool groups = false;
    for (size_t i = 0; i < n; i++) {
        const Provenance *q = prov_of(inputs[i]);
        if (!q) continue;
        if (inputs[i].kind == V_TABLE && q->of_groups) groups = true;
        m = combine_people(m, people_of(inputs[i]));
        if (!p->rows && q->rows && ledger_rows(q->rows) == rows_of(out)) p->rows = q->rows;
        if (q->drawn_from && (!p->drawn_from || q->drawn_from < p->drawn_from))
            p->drawn_from = q->drawn_from;
        if (!p->base_nrows && q->base_nrows) {
            p->base_nrows = q->base_nrows;
            p->base_unknown = q->base_unknown;
        }
    }
    if (out.kind == V_TABLE && groups && !m) p->of_groups = true;
    p->people = m;
}

void disclosure_column_like(ColumnObj *to, const ColumnObj *from)
{
    to->prov = from->prov;
}

void disclosure_column_of(const TableObj *t, ColumnObj *c)
{
    c->prov = t->prov;
    c->prov.of_groups = false;
    if (t->prov.of_groups) c->prov.people = 0;
}

void disclosure_filtered(TableObj *r, const TableObj *t, const ColumnObj *mask)
{
    r->prov = t->prov;
    r->prov.base_nrows = t->prov.base_nrows ? t->prov.base_nrows : t->nrows;
    for (size_t i = 0; i < mask->n; i++) r->prov.base_unknown += mask->bools[i] < 0;
    r->prov.rows = NULL;
    if (t->prov.rows && ledger_rows(t->prov.rows) == mask->n) {
        uint32_t *pick = malloc((mask->n ? mask->n : 1) * sizeof *pick);
        if (!pick) rt_out_of_memory();
        size_t k = 0;
        for (size_t i = 0; i < mask->n; i++)
            if (mask->bools[i] == 1) pick[k++] = (uint32_t)i;
        r->prov.rows = ledger_pick(t->prov.rows, pick, k);
        free(pick);
    }
    for (size_t i = 0; i < r->ncols; i++) disclosure_column_of(r, r->cols[i]);
}

void disclosure_like(TableObj *r, const TableObj *t)
{
    r->prov = t->prov;
}

void disclosure_subset(TableObj *r, const TableObj *t)
{
    disclosure_gathered(r, t, NULL, 0);
}

void disclosure_gathered(TableObj *r, const TableObj *t, const uint32_t *rows, size_t n)
{
    r->prov = t->prov;
    if (r->nrows < t->nrows && !r->prov.base_nrows) r->prov.base_nrows = t->nrows;
    bool known = rows && n == r->nrows && ledger_rows(t->prov.rows) == t->nrows;
    r->prov.rows = known ? ledger_pick(t->prov.rows, rows, n) : NULL;
    for (size_t i = 0; i < r->ncols; i++) disclosure_column_of(r, r->cols[i]);
}

/* The ledger knows a data file by the file itself (device and inode), not by
 * the path it was named with: `data.csv`, `./data.csv`, `../x/data.csv` or a
 * link to it are one source, whose published figures add up together.  The
 * path is the key only when the file can no longer be examined. */
static void source_key(const char *path, char *key, size_t size)
{
    struct stat st;
    if (stat(path, &st) == 0)
        snprintf(key, size, "file:%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
    else
        snprintf(key, size, "path:%s", path);
}

void disclosure_track_rows(Interp *I, TableObj *t)
{
    if (!t->source || t->prov.people == 0 || t->prov.of_groups) return;
    if (!I->ledger) I->ledger = ledger_new();
    char key[4200];
    source_key(t->source, key, sizeof key);
    t->prov.rows = ledger_source(I->ledger, key, t->nrows);
}

void disclosure_set_drawn_from(Value dist, size_t n)
{
    Provenance *p = prov_mut(dist);
    if (p) p->drawn_from = n;
}

size_t disclosure_people_behind(Value v)
{
    const Provenance *p = prov_of(v);
    if (!p || !disclosure_is_people(v)) return 0;
    return v.kind == V_DIST && p->drawn_from ? p->drawn_from : rows_of(v);
}

size_t disclosure_base_rows(Value v)
{
    const Provenance *p = prov_of(v);
    return p ? p->base_nrows : 0;
}

size_t disclosure_base_unknown(Value v)
{
    const Provenance *p = prov_of(v);
    return p ? p->base_unknown : 0;
}

int disclosure_own_threshold(Value v)
{
    const Provenance *p = prov_of(v);
    return p && p->people > 0 ? p->people : 0;
}

/* ---- output paths ------------------------------------------------------------ */

bool disclosure_rows_hidden(Interp *I, Value v, int *threshold)
{
    if (!disclosure_is_people(v)) return false;
    int th = disclosure_threshold(I, v);
    if (threshold) *threshold = th;
    return disclosure_must_suppress(rows_of(v), th);
}

bool disclosure_row_count_hidden(Interp *I, Value v)
{
    if (v.kind != V_TABLE || !disclosure_is_people(v)) return false;
    const TableObj *t = as_table(v);
    return disclosure_rest_must_suppress(t->nrows, t->prov.base_nrows, disclosure_threshold(I, v));
}

bool disclosure_may_list(Interp *I, Value v)
{
#if DISCLOSURE_MUTANT == MUTANT_LISTING
    return true;
#endif
    return !disclosure_is_people(v) || disclosure_threshold(I, v) <= 1;
}

bool disclosure_key_hidden(Interp *I, Value table, size_t n)
{
    return !disclosure_may_list(I, table) &&
        disclosure_must_suppress(n, disclosure_threshold(I, table));
}

void disclosure_format_unlisted(Interp *I, Value v, StrBuf *out)
{
    bool count = !disclosure_row_count_hidden(I, v);
    if (v.kind == V_COLUMN) {
        if (count)
            sb_printf(out,
                      _("<column of %zu values about people: not listed (small-group "
                        "protection; --min-cell 1 lists them)>"),
                      as_column(v)->n);
        else
            sb_append(out,
                      _("<column of values about people: not listed (small-group "
                        "protection; --min-cell 1 lists them)>"));
        return;
    }
    const TableObj *t = as_table(v);
    StrBuf names;
    sb_init(&names);
    for (size_t i = 0; i < t->ncols; i++) sb_printf(&names, "%s%s", i ? ", " : "", t->names[i]);
    if (count)
        sb_printf(out,
                  _("<table of %zu rows about people, columns %s: not listed (small-group "
                    "protection; --min-cell 1 lists them)>"),
                  t->nrows, names.data ? names.data : "");
    else
        sb_printf(out,
                  _("<table of rows about people, columns %s: not listed (small-group "
                    "protection; --min-cell 1 lists them)>"),
                  names.data ? names.data : "");
    sb_free(&names);
}

static bool hint_lower(Interp *I)
{
    return rt_hint(I,
                   _("if the data may be shown, lower the threshold explicitly: "
                     "--min-cell 1 on the command line, `min_cell = 1` in the model, "
                     "or csv(..., min_cell: 1)"));
}

bool disclosure_refuse_listing(Interp *I, Value v, ListingKind what, SrcLoc loc)
{
    int th = disclosure_threshold(I, v);
    switch (what) {
    case LISTING_INDEX:
        rt_raise(I, loc,
                 _("cannot index this column: its values are about people, one by one, and "
                   "statistical secrecy only lets out figures about at least %d people "
                   "(small-group protection)"),
                 th);
        break;
    case LISTING_ROW:
        rt_raise(I, loc,
                 _("cannot take a row of this table: its rows are about people, one by one, and "
                   "statistical secrecy only lets out figures about at least %d people "
                   "(small-group protection)"),
                 th);
        break;
    case LISTING_WRITE:
        rt_raise(I, loc,
                 _("cannot write these rows: they are about people, one by one, and statistical "
                   "secrecy only lets out figures about at least %d people (small-group "
                   "protection)"),
                 th);
        break;
    }
    return hint_lower(I);
}

bool disclosure_refuse_extreme(Interp *I, Value v, const char *what, SrcLoc loc)
{
    int th = disclosure_threshold(I, v);
    bool fresh = !I->has_error;
    rt_raise(I, loc,
             _("%s of data about people is refused: it is one person's own value, or is set "
               "by fewer than %d people (small-group protection)"),
             what, th);
    mark_refusal(I, fresh);
    return rt_hint(I,
                   _("publish a quantile with at least %d people on each side (e.g. "
                     "quantile(x, 0.9) on a large group), or lower the threshold explicitly "
                     "with --min-cell 1 if the figure will not be published"),
                   th);
}

bool disclosure_quantile_allowed(size_t n, double p, int threshold)
{
    if (threshold <= 1) return true;
    double below = p * (double)n, above = (1 - p) * (double)n;
    return below >= threshold && above >= threshold;
}

bool disclosure_distribution_allowed(size_t n, int threshold)
{
    return disclosure_quantile_allowed(n, 0.05, threshold);
}

bool disclosure_refuse_distribution(Interp *I, Value v, size_t n, SrcLoc loc)
{
    int th = disclosure_threshold(I, v);
    bool fresh = !I->has_error;
    rt_raise(I, loc,
             _("a distribution drawn from values about people shows its 5th and 95th "
               "percentiles, and here fewer than %d people would lie beyond them (small-group "
               "protection)"),
             th);
    mark_refusal(I, fresh);
    (void)n;
    return rt_hint(I,
                   _("it needs at least %d values (20 × %d); describe the data with a named "
                     "distribution instead, e.g. normal(mean(x), sd(x)), or lower the threshold "
                     "explicitly with --min-cell 1 if nothing will be published"),
                   20 * th, th);
}

void disclosure_error_hides_line(Interp *I)
{
    I->err_hide_data_line = true;
}

bool disclosure_may_quote_value(Value v)
{
#if DISCLOSURE_MUTANT == MUTANT_MASKING
    return true;
#endif
    return (v.flags & VF_LITERAL) != 0;
}

bool disclosure_may_quote(Interp *I, Value v)
{
#if DISCLOSURE_MUTANT == MUTANT_MASKING
    return true;
#endif
    return disclosure_may_list(I, v);
}

/* ---- differencing ----------------------------------------------------------------- */

static const RowMap *rows_tracked(Value v)
{
#if DISCLOSURE_MUTANT == MUTANT_DIFFERENCING
    return NULL;
#endif
    const Provenance *p = prov_of(v);
    if (!p || !p->rows || ledger_rows(p->rows) != rows_of(v)) return NULL;
    return p->rows;
}

/* A table read with csv(..., min_cell: N) keeps its own threshold, also
 * for the columns taken out of it, as the subtraction route does. */
static int differencing_threshold(Value v, int threshold)
{
    int own = disclosure_own_threshold(v);
    return own > 0 ? own : threshold;
}

bool disclosure_differencing_allows(Interp *I, Value v, int threshold)
{
    if (interp_settings(I)->no_differencing) return true;
    size_t exposed;
    threshold = differencing_threshold(v, threshold);
    return ledger_try(rows_tracked(v), NULL, NULL, 1, threshold, &exposed);
}

bool disclosure_differencing_allows_pair(Interp *I, Value part, Value whole, int threshold)
{
    return disclosure_differencing_allows(I, whole, threshold) &&
        disclosure_differencing_allows(I, part, threshold);
}

bool disclosure_differencing_allows_true(Interp *I, Value v, int threshold)
{
    if (interp_settings(I)->no_differencing) return true;
    const RowMap *map = rows_tracked(v);
    threshold = differencing_threshold(v, threshold);
    if (!map || v.kind != V_COLUMN || as_column(v)->type != COL_BOOL || threshold <= 1)
        return disclosure_differencing_allows(I, v, threshold);
    const ColumnObj *c = as_column(v);
    uint32_t *every = malloc((c->n ? c->n : 1) * sizeof *every);
    uint32_t *yes = malloc((c->n ? c->n : 1) * sizeof *yes);
    if (!every || !yes) rt_out_of_memory();
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++) {
        every[i] = (uint32_t)i;
        if (c->bools[i] == 1) yes[k++] = (uint32_t)i;
    }
    const uint32_t *picks[2] = { every, yes };
    size_t counts[2] = { c->n, k }, exposed;
    bool ok = ledger_try(map, picks, counts, 2, threshold, &exposed);
    free(every);
    free(yes);
    return ok;
}

size_t disclosure_differencing_groups(Interp *I, Value table, const uint32_t *order,
                                      const size_t *start, size_t k, int threshold, bool *hide)
{
    if (interp_settings(I)->no_differencing) return 0;
    const RowMap *map = rows_tracked(table);
    threshold = differencing_threshold(table, threshold);
    if (!map || threshold <= 1 || k == 0) return 0;
    const uint32_t **picks = malloc(k * sizeof *picks);
    size_t *counts = malloc(k * sizeof *counts), shown = 0, exposed, hidden = 0;
    if (!picks || !counts) rt_out_of_memory();
    for (size_t g = 0; g < k; g++)
        if (!hide[g]) {
            picks[shown] = order + start[g];
            counts[shown++] = start[g + 1] - start[g];
        }
    /* all the groups shown at once; when they would give a small group
     * back with the figures already given, group by group, hiding those
     * that would */
    if (!ledger_try(map, picks, counts, shown, threshold, &exposed))
        for (size_t g = 0; g < k; g++) {
            if (hide[g]) continue;
            const uint32_t *pick = order + start[g];
            size_t count = start[g + 1] - start[g];
            if (!ledger_try(map, &pick, &count, 1, threshold, &exposed)) {
                hide[g] = true;
                hidden++;
            }
        }
    free(picks);
    free(counts);
    return hidden;
}
