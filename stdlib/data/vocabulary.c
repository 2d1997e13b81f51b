/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* vocabulary.c — vocabulary(T, title, categories, name): checks a library's
 * category lists against the labels an export holds.
 *
 * Each cooperative configures its own labels in its management software
 * (study levels, zones, exit motives...), and a library maps them to its
 * categories with lists: {up_to_bac: ["Infra-bac", "Niveau Bac"], ...}.
 * When the export's labels differ, a category counts nobody, and a share
 * of 0 would read as a small group.  This check says instead, at the line
 * of the list to edit (the location each record field keeps):
 *   - the labels of the column that no category lists (once per column);
 *   - each category none of whose labels occurs in the column, with the
 *     labels the export holds.
 * Labels are the software's vocabulary, not a person's answer: they are
 * named, never counted per person.  A column with more than MAX_LABELS
 * distinct values is free text or identifiers, not a vocabulary: its values
 * are never listed.  In a table about people, a label fewer people hold
 * than the threshold is not named either (disclosure_key_hidden, the rule of
 * a group's key): in a small cohort a column of names has few values, and
 * a rare label is a value of those few.  Nor are such labels counted: in a
 * column of names their number would be the number of people holding them
 * (the groups `T by k` hides are given as one, for the same reason).
 *
 * The column is `title`, or when the table has none, every column
 * "title 1", "title 2"... (enDI's career-path steps), pooled.  A column of
 * label sets (csv's multi:) contributes each of its labels.
 *
 * Returns {column, where, labels, unknown, unmatched, unnamed,
 * unnamed_unknown} (the last two: whether some labels are not named, and
 * whether some of those no category lists); warns unless
 * warn: false (impact check-data prints the record itself).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/disclosure.h"
#include "runtime/mem.h"
#include "stdlib/data/table.h"
#include "stdlib/stdlib.h"

#define MAX_LABELS 60

typedef struct Labels {
    char **s;
    size_t *rows; /* how many rows hold each label */
    size_t n, cap;
} Labels;

static long labels_find(const Labels *l, const char *s, size_t len)
{
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->s[i]) == len && memcmp(l->s[i], s, len) == 0) return (long)i;
    return -1;
}

static bool labels_has(const Labels *l, const char *s, size_t len)
{
    return labels_find(l, s, len) >= 0;
}

/* Adds a label held by `rows` more rows. */
static void labels_add(Labels *l, const char *s, size_t len, size_t rows)
{
    long at = len ? labels_find(l, s, len) : -1;
    if (at >= 0) l->rows[at] += rows;
    if (len == 0 || at >= 0) return;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->s = xrealloc(l->s, l->cap * sizeof *l->s);
        l->rows = xrealloc(l->rows, l->cap * sizeof *l->rows);
    }
    l->rows[l->n] = rows;
    l->s[l->n++] = xstrndup(s, len);
}

static void labels_free(Labels *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->s[i]);
    free(l->s);
    free(l->rows);
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The labels of one text column that rows hold (codes seen, split when the
 * column holds label sets). */
static void column_labels(const ColumnObj *c, Labels *out)
{
    if (c->type != COL_TEXT) return;
    size_t *seen = xcalloc(c->dict->n ? c->dict->n : 1, sizeof *seen);
    for (size_t r = 0; r < c->n; r++)
        if (c->codes[r] >= 0) seen[c->codes[r]]++;
    for (size_t k = 0; k < c->dict->n; k++) {
        if (!seen[k]) continue;
        const char *s = c->dict->strs[k], *end = s + c->dict->lens[k];
        if (!c->dict->multi) {
            labels_add(out, s, c->dict->lens[k], seen[k]);
            continue;
        }
        while (s < end) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            size_t len = (size_t)((nl ? nl : end) - s);
            labels_add(out, s, len, seen[k]);
            s += len + 1;
        }
    }
    free(seen);
}

/* Collects the labels of `title`, or of "title 1", "title 2"... ; false
 * when the table has neither. */
static bool gather(const TableObj *t, const char *title, Labels *out)
{
    int j = table_find_column_loose(t, title);
    if (j >= 0) {
        column_labels(t->cols[j], out);
        return true;
    }
    bool any = false;
    char name[512];
    for (int n = 1; n < 1000; n++) {
        snprintf(name, sizeof name, "%s %d", title, n);
        int k = table_find_column_loose(t, name);
        if (k < 0) break;
        column_labels(t->cols[k], out);
        any = true;
    }
    return any;
}

static bool listed(const RecordObj *cats, const char *label)
{
    for (size_t i = 0; i < cats->n; i++) {
        if (cats->vals[i].kind != V_LIST) continue;
        const ListObj *l = as_list(cats->vals[i]);
        for (size_t j = 0; j < l->n; j++)
            if (l->items[j].kind == V_STR && strcmp(as_str(l->items[j])->data, label) == 0)
                return true;
    }
    return false;
}

static bool category_meets(const ListObj *l, const Labels *held)
{
    for (size_t j = 0; j < l->n; j++)
        if (l->items[j].kind == V_STR &&
            labels_has(held, as_str(l->items[j])->data, as_str(l->items[j])->len))
            return true;
    return false;
}

static Value text_list(char *const *s, size_t n)
{
    Value l = value_list_new(n);
    for (size_t i = 0; i < n; i++) list_push_take(l, value_str(s[i]));
    return l;
}

/* "Bac +2, Bac +3 ou plus, Baccalauréat" into b. */
static void join(StrBuf *b, char *const *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i) sb_append(b, ", ");
        sb_append(b, s[i]);
    }
}

static bool check_categories(Interp *I, const CallArgs *a, const RecordObj **out)
{
    Value v = a->pos[2];
    if (v.kind != V_RECORD)
        return arg_wrong_kind(
            I, a, 2, _("vocabulary: the categories must be a record of lists, got a %s"),
            _("for example {up_to_bac: [\"Infra-bac\", \"Niveau Bac\"], above_bac: "
              "[\"Bac+2\"]}"));
    const RecordObj *r = as_record(v);
    for (size_t i = 0; i < r->n; i++)
        if (r->vals[i].kind != V_LIST) {
            rt_raise(I, r->locs[i].file ? r->locs[i] : arg_loc(a, 2),
                     _("vocabulary: the category '%s' must be a list of labels, got a %s"),
                     r->keys[i], value_kind_name(r->vals[i]));
            return rt_hint(I, _("write %s: [\"label\", \"other label\"]"), r->keys[i]);
        }
    *out = r;
    return true;
}

static void where_text(const RecordObj *cats, SrcLoc fallback, char *buf, size_t size)
{
    SrcLoc at = cats->n && cats->locs[0].file ? cats->locs[0] : fallback;
    snprintf(buf, size, "%s:%d", at.file ? at.file : "<input>", at.line);
}

static void warn_unknown(Interp *I, SrcLoc at, const char *title, const char *shown,
                         const char *name, const Labels *unknown, const char *where)
{
    StrBuf b;
    sb_init(&b);
    join(&b, unknown->s, unknown->n);
    rt_warn(I, at,
            _("column '%s' of %s holds %zu %s that no category of %s lists: %s; add each to the "
              "list of %s it belongs to (%s), or it is counted in none"),
            title, shown, unknown->n, unknown->n == 1 ? _("label") : _("labels"), name, b.data,
            name, where);
    sb_free(&b);
}

/* The labels no category lists that fewer people hold than the threshold:
 * neither named nor counted. */
static void warn_rare_unknown(Interp *I, SrcLoc at, const char *title, const char *shown,
                              const char *name, int threshold)
{
    rt_warn(I, at,
            _("column '%s' of %s holds labels that no category of %s lists and that fewer than "
              "%d people hold each: they are neither named nor counted (small-group protection; "
              "--min-cell 1 names them)"),
            title, shown, name, threshold);
}

static void warn_unmatched(Interp *I, SrcLoc at, const char *title, const char *shown,
                           const char *name, const char *category, const Labels *held, size_t rare,
                           int threshold)
{
    StrBuf b;
    sb_init(&b);
    if (held->n + rare <= MAX_LABELS) {
        join(&b, held->s, held->n);
        if (rare) {
            if (held->n) sb_append(&b, ", ");
            sb_printf(&b, _("labels held by fewer than %d people each, not named"), threshold);
        }
    } else
        sb_append(&b, _("more distinct values than a vocabulary has"));
    rt_warn(I, at,
            _("no value of column '%s' of %s is in %s.%s, so what it counts is not known (it is "
              "not a small group); the export holds: %s; put the labels of this category in the "
              "list here"),
            title, shown, name, category, held->n + rare ? b.data : _("no value"));
    sb_free(&b);
}

/* The labels of `held` that may be named into *named: all of them, or in a
 * table about people those at least threshold people hold; *rare counts
 * the others, *rare_unknown those of them that no category lists. */
static void nameable(Interp *I, Value table, const Labels *held, const RecordObj *cats,
                     Labels *named, size_t *rare, size_t *rare_unknown)
{
    *rare = *rare_unknown = 0;
    for (size_t i = 0; i < held->n; i++) {
        if (!disclosure_key_hidden(I, table, held->rows[i])) {
            labels_add(named, held->s[i], strlen(held->s[i]), held->rows[i]);
            continue;
        }
        (*rare)++;
        *rare_unknown += !listed(cats, held->s[i]);
    }
}

static bool builtin_vocabulary(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    const char *title, *name;
    const RecordObj *cats = NULL;
    if (!arg_table(I, a, 0, "table", &t) || !arg_string(I, a, 1, "title", &title) ||
        !check_categories(I, a, &cats) || !arg_string(I, a, 3, "name", &name))
        return false;
    bool warn = true;
    Value w;
    SrcLoc wloc;
    if (arg_named(a, "warn", &w, &wloc)) {
        if (w.kind != V_BOOL) return rt_raise(I, wloc, _("vocabulary: warn must be true or false"));
        warn = w.as.boolean;
    }
    Labels held = { 0 }, named = { 0 }, unknown = { 0 };
    const char *shown = t->source ? t->source : "the table";
    if (!gather(t, title, &held)) {
        size_t ignored;
        return table_column_index(I, t, title, arg_loc(a, 1), &ignored);
    }
    size_t rare, rare_unknown;
    int threshold = disclosure_table_threshold(I, t);
    nameable(I, a->pos[0], &held, cats, &named, &rare, &rare_unknown);
    /* .rows no longer used; qsort with a null pointer is undefined even for 0 items */
    if (named.n) qsort(named.s, named.n, sizeof *named.s, by_bytes);
    bool listable = held.n <= MAX_LABELS;
    for (size_t i = 0; i < named.n && listable; i++)
        if (!listed(cats, named.s[i])) labels_add(&unknown, named.s[i], strlen(named.s[i]), 0);
    char where[600];
    where_text(cats, a->loc, where, sizeof where);
    SrcLoc first = cats->n && cats->locs[0].file ? cats->locs[0] : a->loc;
    if (warn && unknown.n) warn_unknown(I, first, title, shown, name, &unknown, where);
    if (warn && listable && rare_unknown)
        warn_rare_unknown(I, first, title, shown, name, threshold);
    Value unmatched = value_list_new(cats->n);
    for (size_t i = 0; i < cats->n; i++) {
        if (category_meets(as_list(cats->vals[i]), &held)) continue;
        char full[300];
        snprintf(full, sizeof full, "%s.%s", name, cats->keys[i]);
        list_push_take(unmatched, value_str(full));
        if (warn)
            warn_unmatched(I, cats->locs[i].file ? cats->locs[i] : a->loc, title, shown, name,
                           cats->keys[i], &named, rare, threshold);
    }
    Value r = value_record_new();
    record_set_take(r, "column", value_str(title), a->loc);
    record_set_take(r, "where", value_str(where), a->loc);
    record_set_take(r, "labels", listable ? text_list(named.s, named.n) : value_list_new(0),
                    a->loc);
    record_set_take(r, "unknown", text_list(unknown.s, unknown.n), a->loc);
    record_set_take(r, "unmatched", unmatched, a->loc);
    record_set_take(r, "unnamed", value_bool(rare > 0), a->loc);
    record_set_take(r, "unnamed_unknown", value_bool(listable && rare_unknown > 0), a->loc);
    labels_free(&held);
    labels_free(&named);
    labels_free(&unknown);
    *out = r;
    return true;
}

const BuiltinReg vocabulary_builtins[] = {
#include "stdlib/data/vocabulary.def"
    { 0 },
};
