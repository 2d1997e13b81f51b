/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* rowwise.c — row-wise operations across the item columns of a
 * questionnaire: what scorers written in the language need and plain column
 * arithmetic does not give (stdlib/std/wellbeing.impact uses them).
 *
 *   row_sum(T, items)              sum of the items; missing if any is missing
 *   row_mean(T, items, min: k)     mean of the answered items; missing if fewer than min answered
 *   row_count_present(T, items)    number of answered items per row
 *   row_min(T, items), row_max     smallest / largest answered item; missing if none
 *   recode(column, mapping)        answer labels → scores ({"Toujours": 100, ...} or [[label, score], ...])
 *   recode_items(T, items, mapping)  a copy of T with those columns recoded
 *   lookup(column, values, offset) values[x − offset] (e.g. SWEMWBS raw → metric)
 *   if_else(cond, a, b)            element-wise choice, missing where cond is missing
 *   check_range(T, items, lo, hi)  every answer within lo..hi (whole numbers unless integer: false)
 *   check_answers(T, items, values)  every answer one of values (CBI, COPSOQ: 0/25/50/75/100)
 *   missing_items(T, items, min: k, label: "WHO-5")  counts of complete / prorated / dropped rows
 *
 * row_sum and row_mean read reversed items with reverse: [names],
 * reverse_sum: s (x counts as s − x), see survey_args.h.
 *
 * Contract: each function is one C loop over whole columns (no evaluator
 * call per row).  Missing values (NaN) propagate as the rule of each
 * function says.  Data rows are numbered from 1 (the first row after the
 * header); data errors are located FILE:ROW:COLUMN with loc_data() when the
 * table came from a file; they name the item and the row, never the
 * person's answer.
 */
#include "runtime/disclosure.h"
#include "runtime/mem.h"
#include "stdlib/stdlib.h"
#include "stdlib/data/csv_read.h"
#include "stdlib/survey/survey_args.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new dimensionless numeric column of n rows. */
static Value num_column(size_t n, double **data)
{
    Value v = value_column_new(COL_NUM, n);
    *data = as_column(v)->num;
    return v;
}

/* ---- row_sum, row_mean, row_count_present, row_min, row_max ---------------- */

/* One built-in, row_op; the figure is its registration's variant (rowwise.def). */
typedef enum RowOp { ROW_SUM, ROW_MEAN, ROW_COUNT, ROW_MIN, ROW_MAX } RowOp;

/* One row of k items: count of answers, their sum, min and max. */
static size_t row_stats(const ItemColumns *ic, size_t i, double *sum, double *lo, double *hi)
{
    size_t m = 0;
    *sum = 0;
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t j = 0; j < ic->k; j++) {
        double x = ic->x[j][i];
        if (isnan(x)) continue;
        m++;
        *sum += x;
        if (x < *lo) *lo = x;
        if (x > *hi) *hi = x;
    }
    return m;
}

static double row_value(RowOp op, size_t m, size_t min_answered, double sum, double lo, double hi)
{
    switch (op) {
    case ROW_COUNT: return (double)m;
    case ROW_SUM: return m == min_answered ? sum : NAN;
    case ROW_MEAN: return m >= min_answered && m > 0 ? sum / (double)m : NAN;
    case ROW_MIN: return m > 0 ? lo : NAN;
    case ROW_MAX: return m > 0 ? hi : NAN;
    }
    return NAN;
}

static bool read_min_answered(Interp *I, const CallArgs *a, size_t k, size_t *min_answered)
{
    double m;
    if (!survey_opt_number(I, a, 2, "min", (double)k, &m)) return false;
    if (!(m >= 1 && m <= (double)k && floor(m) == m)) {
        rt_raise(I, a->loc,
                 _("%s(): min must be a whole number of items between 1 and %zu, got %g"),
                 survey_fn_name(a), k, m);
        return rt_hint(I, _("min is how many answered items a respondent needs to get a score"));
    }
    *min_answered = (size_t)m;
    return true;
}

static bool row_op(Interp *I, const CallArgs *a, Value *out)
{
    RowOp op = (RowOp)a->reg->variant;
    ItemColumns ic;
    if (!survey_item_columns(I, a, 0, 1, 1, &ic)) return false;
    size_t min_answered = ic.k;
    if (!survey_item_reversals(I, a, &ic) ||
        (op == ROW_MEAN && !read_min_answered(I, a, ic.k, &min_answered))) {
        survey_items_free(&ic);
        return false;
    }
    size_t n = ic.table->nrows;
    double *r;
    Value col = num_column(n, &r);
    for (size_t i = 0; i < n; i++) {
        double sum, lo, hi;
        size_t m = row_stats(&ic, i, &sum, &lo, &hi);
        r[i] = row_value(op, m, min_answered, sum, lo, hi);
    }
    survey_items_free(&ic);
    *out = col;
    return true;
}

/* ---- missing_items ----------------------------------------------------------- */

/* Tells how many of the n respondents were prorated and how many were left
 * without a score, when any were, with the rule (min_answered of k items)
 * that decided it. */
static void warn_unscored(Interp *I, SrcLoc loc, const char *name, size_t n, size_t prorated,
                          size_t dropped, size_t min_answered, size_t k)
{
    /* Each group of respondents (prorated, then without a score) is told by
     * the first case below that holds for it.  Every message takes the label,
     * the group's count and the respondents, then its own figures: a format
     * ignores the figures it does not use (C11 7.21.6.1).  "1 répondant",
     * "2 répondants": each count its plural (ngettext). */
    enum { PRORATED, DROPPED, N_GROUPS };
    unsigned long np = (unsigned long)prorated, nd = (unsigned long)dropped;
    const struct {
        int group;
        bool holds;
        const char *msg;
        size_t figures[3];
    } cases[] = {
        { PRORATED,
          min_answered + 1 == k,
          ngettext("%s: %zu of %zu respondents prorated (%zu of %zu items answered: score "
                   "from the mean of their answers)",
                   "%s: %zu of %zu respondents prorated (%zu of %zu items answered: score "
                   "from the mean of their answers)",
                   np),
          { min_answered, k } },
        { PRORATED,
          true,
          ngettext("%s: %zu of %zu respondents prorated (%zu to %zu of %zu items answered: "
                   "score from the mean of their answers)",
                   "%s: %zu of %zu respondents prorated (%zu to %zu of %zu items answered: "
                   "score from the mean of their answers)",
                   np),
          { min_answered, k - 1, k } },
        { DROPPED,
          k == 1,
          ngettext("%s: %zu of %zu respondents without a score (question not answered)",
                   "%s: %zu of %zu respondents without a score (question not answered)", nd),
          { 0 } },
        { DROPPED,
          min_answered == k,
          ngettext("%s: %zu of %zu respondents without a score (all %zu items are required)",
                   "%s: %zu of %zu respondents without a score (all %zu items are required)", nd),
          { k } },
        { DROPPED,
          true,
          ngettext("%s: %zu of %zu respondents without a score (fewer than %zu of %zu items "
                   "answered)",
                   "%s: %zu of %zu respondents without a score (fewer than %zu of %zu items "
                   "answered)",
                   nd),
          { min_answered, k } },
    };
    const size_t counts[N_GROUPS] = { prorated, dropped };
    bool told[N_GROUPS] = { false, false };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int g = cases[c].group;
        if (counts[g] == 0 || told[g] || !cases[c].holds) continue;
        told[g] = true;
        rt_warn(I, loc, cases[c].msg, name, counts[g], n, cases[c].figures[0], cases[c].figures[1],
                cases[c].figures[2]);
    }
}

static bool bi_missing_items(Interp *I, const CallArgs *a, Value *out)
{
    ItemColumns ic;
    size_t min_answered;
    if (!survey_item_columns(I, a, 0, 1, 1, &ic)) return false;
    if (!read_min_answered(I, a, ic.k, &min_answered)) {
        survey_items_free(&ic);
        return false;
    }
    size_t n = ic.table->nrows, complete = 0, prorated = 0;
    for (size_t i = 0; i < n; i++) {
        double sum, lo, hi;
        size_t m = row_stats(&ic, i, &sum, &lo, &hi);
        if (m == ic.k)
            complete++;
        else if (m >= min_answered)
            prorated++;
    }
    size_t dropped = n - complete - prorated;
    Value label;
    SrcLoc label_loc;
    const char *name = arg_named(a, "label", &label, &label_loc) && label.kind == V_STR
        ? as_str(label)->data
        : _("scoring");
    warn_unscored(I, survey_warn_loc(I, a->loc), name, n, prorated, dropped, min_answered, ic.k);
    Value rec = value_record_new();
    record_set_take(rec, "respondents", value_num((double)n), a->loc);
    record_set_take(rec, "complete", value_num((double)complete), a->loc);
    record_set_take(rec, "prorated", value_num((double)prorated), a->loc);
    record_set_take(rec, "dropped", value_num((double)dropped), a->loc);
    survey_items_free(&ic);
    *out = rec;
    return true;
}

/* ---- check_range -------------------------------------------------------------- */

/* Where an answer's data cell is: FILE:ROW:COLUMN when the table came from a
 * file (the CSV reader knows the physical line of each row, header, blank
 * lines and quoted line breaks counted), else the call.  row is 1-based. */
static SrcLoc answer_loc(Interp *I, const CallArgs *a, const ItemColumns *ic, size_t j, size_t row)
{
    const TableObj *t = ic->table;
    int line = csv_row_line(I, t, row - 1);
    return t->source && line > 0 ? loc_data(I, t->source, line, ic->index[j] + 1) : a->loc;
}

/* The message names the item and the row, never the answer itself: it is a
 * person's answer, and the location lets the evaluator find it. */
static bool range_error(Interp *I, const CallArgs *a, const ItemColumns *ic, size_t j, size_t row,
                        double lo, double hi, bool whole)
{
    rt_raise(I, answer_loc(I, a, ic, j, row),
             whole ? _("the answer to \"%s\" (data row %zu) is outside the scale: answers are "
                       "whole numbers from %g to %g")
                   : _("the answer to \"%s\" (data row %zu) is outside the scale: answers are "
                       "numbers from %g to %g"),
             ic->names[j], row, lo, hi);
    return rt_hint(
        I,
        _("correct the answer in the survey file, or leave the cell empty if it was not answered"));
}

/* integer: true (default) also refuses answers that are not whole numbers. */
static bool read_integer_flag(Interp *I, const CallArgs *a, bool *integer)
{
    Value v;
    SrcLoc loc = a->loc;
    *integer = true;
    if (a->npos > 4) {
        v = a->pos[4];
        loc = arg_loc(a, 4);
    } else if (!arg_named(a, "integer", &v, &loc))
        return true;
    if (v.kind != V_BOOL)
        return rt_raise(I, loc, _("check_range(): integer must be true or false, got a %s"),
                        value_kind_name(v));
    *integer = v.as.boolean;
    return true;
}

static bool bi_check_range(Interp *I, const CallArgs *a, Value *out)
{
    ItemColumns ic;
    double lo, hi;
    bool integer;
    if (!arg_number(I, a, 2, "lo", &lo) || !arg_number(I, a, 3, "hi", &hi)) return false;
    if (!read_integer_flag(I, a, &integer)) return false;
    if (!survey_item_columns(I, a, 0, 1, 1, &ic)) return false;
    for (size_t j = 0; j < ic.k; j++) {
        for (size_t i = 0; i < ic.table->nrows; i++) {
            double x = ic.x[j][i];
            if (isnan(x) || (x >= lo && x <= hi && (!integer || floor(x) == x))) continue;
            bool ok = range_error(I, a, &ic, j, i + 1, lo, hi, integer);
            survey_items_free(&ic);
            return ok;
        }
    }
    survey_items_free(&ic);
    *out = a->pos[0];
    value_retain(*out);
    return true;
}

/* ---- check_answers -------------------------------------------------------------- */

/* The allowed answers, from a list of numbers. */
static bool read_answer_values(Interp *I, const CallArgs *a, double **values, size_t *n)
{
    Value v = a->pos[2];
    if (v.kind != V_LIST || as_list(v)->n == 0)
        return rt_raise(I, arg_loc(a, 2),
                        _("check_answers(): the answer values must be a list of numbers, such "
                          "as [0, 25, 50, 75, 100], got a %s"),
                        value_kind_name(v));
    const ListObj *l = as_list(v);
    *values = xmalloc(l->n * sizeof **values);
    for (size_t k = 0; k < l->n; k++) {
        if (l->items[k].kind != V_NUM) {
            free(*values);
            return rt_raise(I, arg_loc(a, 2),
                            _("check_answers(): answer value %zu must be a number, got a %s"),
                            k + 1, value_kind_name(l->items[k]));
        }
        (*values)[k] = l->items[k].as.num;
    }
    *n = l->n;
    return true;
}

static bool answer_error(Interp *I, const CallArgs *a, const ItemColumns *ic, size_t j, size_t row,
                         const double *values, size_t nv)
{
    StrBuf sb;
    sb_init(&sb);
    for (size_t k = 0; k < nv; k++) sb_printf(&sb, k ? ", %g" : "%g", values[k]);
    rt_raise(I, answer_loc(I, a, ic, j, row),
             _("the answer to \"%s\" (data row %zu) is not one of the answers this scale allows: "
               "%s"),
             ic->names[j], row, sb.data);
    sb_free(&sb);
    Value hint;
    SrcLoc where;
    if (arg_named(a, "hint", &hint, &where) && hint.kind == V_STR)
        return rt_hint(I, "%s", as_str(hint)->data);
    return rt_hint(
        I,
        _("correct the answer in the survey file, or leave the cell empty if it was not answered"));
}

/* check_answers(T, items, values, hint: "..."): every answer is one of
 * values (a scale whose answers are not every whole number in a range, such
 * as CBI's 0/25/50/75/100).  hint: replaces the default advice. */
static bool bi_check_answers(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const named[] = { "hint", NULL };
    for (size_t k = 0; k < a->nnamed; k++) {
        bool known = false;
        for (size_t m = 0; named[m]; m++) known |= !strcmp(a->names[k], named[m]);
        if (!known)
            return rt_raise(I, a->loc, _("check_answers(): unknown argument '%s'"), a->names[k]);
    }
    double *values = NULL;
    size_t nv = 0;
    ItemColumns ic;
    if (!read_answer_values(I, a, &values, &nv)) return false;
    if (!survey_item_columns(I, a, 0, 1, 1, &ic)) {
        free(values);
        return false;
    }
    bool ok = true; /* one pass per item column, stopping at the first answer not allowed */
    for (size_t j = 0; j < ic.k && ok; j++) {
        for (size_t i = 0; i < ic.table->nrows; i++) {
            double x = ic.x[j][i];
            if (isnan(x)) continue;
            size_t k = 0;
            while (k < nv && values[k] != x) k++;
            if (k < nv) continue;
            ok = answer_error(I, a, &ic, j, i + 1, values, nv);
            break;
        }
    }
    survey_items_free(&ic);
    free(values);
    if (!ok) return false;
    *out = a->pos[0];
    value_retain(*out);
    return true;
}

/* ---- recode -------------------------------------------------------------------- */

/* Labels compared without surrounding spaces and ignoring ASCII case, so
 * "toujours " matches "Toujours" (exports often differ in both). */
static bool same_label(const char *x, size_t xn, const char *y, size_t yn)
{
    while (xn && isspace((unsigned char)*x)) {
        x++;
        xn--;
    }
    while (xn && isspace((unsigned char)x[xn - 1])) xn--;
    while (yn && isspace((unsigned char)*y)) {
        y++;
        yn--;
    }
    while (yn && isspace((unsigned char)y[yn - 1])) yn--;
    if (xn != yn) return false;
    for (size_t i = 0; i < xn; i++)
        if (tolower((unsigned char)x[i]) != tolower((unsigned char)y[i])) return false;
    return true;
}

typedef struct Mapping {
    size_t n;
    const char **labels; /* text labels (NULL when keys are numbers) */
    double *keys;        /* numeric keys */
    double *scores;
} Mapping;

static void mapping_free(Mapping *m)
{
    free(m->labels);
    free(m->keys);
    free(m->scores);
    memset(m, 0, sizeof *m);
}

static bool mapping_pair(Interp *I, const CallArgs *a, Mapping *m, size_t j, Value key, Value score)
{
    if (score.kind != V_NUM)
        return rt_raise(I, arg_loc(a, 1),
                        _("recode(): the score of entry %zu must be a number, got a %s"), j + 1,
                        value_kind_name(score));
    m->scores[j] = score.as.num;
    if (key.kind == V_STR) {
        m->labels[j] = as_str(key)->data;
        return true;
    }
    if (key.kind == V_NUM) {
        m->keys[j] = key.as.num;
        m->labels[j] = NULL;
        return true;
    }
    return rt_raise(I, arg_loc(a, 1),
                    _("recode(): entry %zu must map a label (text) or a number, got a %s"), j + 1,
                    value_kind_name(key));
}

static bool read_mapping(Interp *I, const CallArgs *a, Mapping *m)
{
    Value map = a->pos[1];
    memset(m, 0, sizeof *m);
    if (map.kind == V_RECORD)
        m->n = as_record(map)->n;
    else if (map.kind == V_LIST)
        m->n = as_list(map)->n;
    else
        return arg_wrong_kind(
            I, a, 1, _("recode(): the mapping must be a record or a list of pairs, got a %s"),
            _("e.g. recode(T.q1, {\"Toujours\": 100, \"Souvent\": 75}) or recode(T.q1, "
              "[[\"Toujours\", 100], [\"Souvent\", 75]])"));
    size_t cap = m->n ? m->n : 1;
    m->labels = calloc(cap, sizeof *m->labels);
    m->keys = calloc(cap, sizeof *m->keys);
    m->scores = calloc(cap, sizeof *m->scores);
    if (!m->labels || !m->keys || !m->scores) {
        mapping_free(m);
        return rt_raise(I, a->loc, _("recode(): out of memory"));
    }
    for (size_t j = 0; j < m->n; j++) {
        bool ok;
        if (map.kind == V_RECORD) {
            const RecordObj *r = as_record(map);
            Value key = value_str(r->keys[j]);
            ok = mapping_pair(I, a, m, j, key, r->vals[j]);
            m->labels[j] = r->keys[j]; /* record keys live as long as the record */
            value_release(key);
        } else {
            Value pair = as_list(map)->items[j];
            ok = pair.kind == V_LIST && as_list(pair)->n == 2;
            if (!ok)
                rt_raise(I, arg_loc(a, 1),
                         _("recode(): entry %zu of the mapping must be a pair [label, score]"),
                         j + 1);
            else
                ok = mapping_pair(I, a, m, j, as_list(pair)->items[0], as_list(pair)->items[1]);
        }
        if (!ok) {
            mapping_free(m);
            return false;
        }
    }
    return true;
}

static void list_labels(const Mapping *m, StrBuf *sb)
{
    for (size_t j = 0; j < m->n; j++) {
        if (j) sb_append(sb, ", ");
        if (m->labels[j])
            sb_printf(sb, "\"%s\"", m->labels[j]);
        else
            sb_printf(sb, "%g", m->keys[j]);
    }
}

static bool unknown_answer(Interp *I, const CallArgs *a, const Mapping *m, const char *shown,
                           size_t row)
{
    StrBuf sb;
    sb_init(&sb);
    list_labels(m, &sb);
    if (disclosure_may_quote(I, a->pos[0]))
        rt_raise(I, arg_loc(a, 0),
                 _("recode(): the answer %s (data row %zu) is not in the mapping, which knows %s"),
                 shown, row, sb.data ? sb.data : "nothing");
    else /* a person's answer: never quoted, the row finds it */
        rt_raise(I, arg_loc(a, 0),
                 _("recode(): the answer in data row %zu is not in the mapping, which knows %s "
                   "(the answer is about a person and is not shown)"),
                 row, sb.data ? sb.data : "nothing");
    sb_free(&sb);
    return rt_hint(
        I, _("add this answer to the mapping with its score, or correct it in the survey file"));
}

static bool recode_text(Interp *I, const CallArgs *a, const ColumnObj *c, const Mapping *m,
                        double *r)
{
    /* Resolve each distinct label of the dictionary once, then one pass over the codes. */
    size_t nd = c->dict->n;
    double *by_code = malloc((nd ? nd : 1) * sizeof *by_code);
    if (!by_code) return rt_raise(I, a->loc, _("recode(): out of memory"));
    for (size_t d = 0; d < nd; d++) {
        by_code[d] = NAN;
        for (size_t j = 0; j < m->n; j++)
            if (m->labels[j] &&
                same_label(c->dict->strs[d], c->dict->lens[d], m->labels[j],
                           strlen(m->labels[j]))) {
                by_code[d] = m->scores[j];
                break;
            }
    }
    for (size_t i = 0; i < c->n; i++) {
        int32_t code = c->codes[i];
        if (code < 0) {
            r[i] = NAN;
            continue;
        }
        if (isnan(by_code[code])) {
            StrBuf shown;
            sb_init(&shown);
            sb_printf(&shown, "\"%s\"", c->dict->strs[code]);
            unknown_answer(I, a, m, shown.data, i + 1);
            sb_free(&shown);
            free(by_code);
            return false;
        }
        r[i] = by_code[code];
    }
    free(by_code);
    return true;
}

static bool recode_numbers(Interp *I, const CallArgs *a, const ColumnObj *c, const Mapping *m,
                           double *r)
{
    for (size_t i = 0; i < c->n; i++) {
        double x = c->num[i];
        r[i] = NAN;
        if (isnan(x)) continue;
        size_t j = 0;
        while (j < m->n && !(m->labels[j] == NULL && m->keys[j] == x)) j++;
        if (j == m->n) {
            char shown[64];
            snprintf(shown, sizeof shown, "%g", x);
            return unknown_answer(I, a, m, shown, i + 1);
        }
        r[i] = m->scores[j];
    }
    return true;
}

static bool recode_column(Interp *I, const CallArgs *a, const ColumnObj *c, const Mapping *m,
                          Value *out)
{
    double *r;
    Value col = num_column(c->n, &r);
    bool ok = c->type == COL_TEXT ? recode_text(I, a, c, m, r) : recode_numbers(I, a, c, m, r);
    if (!ok) {
        value_release(col);
        return false;
    }
    *out = col;
    return true;
}

static bool bi_recode(Interp *I, const CallArgs *a, Value *out)
{
    if (a->pos[0].kind != V_COLUMN ||
        (as_column(a->pos[0])->type != COL_TEXT && as_column(a->pos[0])->type != COL_NUM))
        return arg_wrong_kind(
            I, a, 0, _("recode(): the first argument must be a column of answers, got a %s"),
            _("e.g. recode(T.q1, {\"Toujours\": 100, \"Jamais\": 0}); for a whole "
              "questionnaire use recode_items(T, items, mapping)"));
    Mapping m;
    if (!read_mapping(I, a, &m)) return false;
    bool ok = recode_column(I, a, as_column(a->pos[0]), &m, out);
    mapping_free(&m);
    return ok;
}

/* ---- recode_items: the same mapping over several columns of a table ------- */

static bool is_listed(Value names, const char *name)
{
    for (size_t j = 0; j < as_list(names)->n; j++) {
        Value v = as_list(names)->items[j];
        if (v.kind == V_STR && strcmp(as_str(v)->data, name) == 0) return true;
    }
    return false;
}

static bool check_item_names(Interp *I, const CallArgs *a, const TableObj *t, Value names)
{
    if (names.kind != V_LIST)
        return rt_raise(I, arg_loc(a, 1),
                        _("recode_items(): items must be a list of column names, got a %s"),
                        value_kind_name(names));
    for (size_t j = 0; j < as_list(names)->n; j++) {
        Value v = as_list(names)->items[j];
        if (v.kind == V_STR && table_find_column(t, as_str(v)->data) >= 0) continue;
        rt_raise(I, arg_loc(a, 1), _("recode_items(): the table has no column %s%s%s"),
                 v.kind == V_STR ? "\"" : "",
                 v.kind == V_STR ? as_str(v)->data : "named by a non-text item",
                 v.kind == V_STR ? "\"" : "");
        return rt_hint(I,
                       _("the items are the column titles of the survey file, as written there"));
    }
    return true;
}

static bool bi_recode_items(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    Mapping m;
    /* The mapping is argument 2 here; read_mapping reads pos[1], so shift a copy. */
    CallArgs shifted = *a;
    if (!arg_table(I, a, 0, "T", &t) || !check_item_names(I, a, t, a->pos[1])) return false;
    shifted.pos = a->pos + 1;
    shifted.pos_loc = a->pos_loc ? a->pos_loc + 1 : NULL;
    shifted.npos = a->npos - 1;
    if (!read_mapping(I, &shifted, &m)) return false;
    Value table = value_table_new(t->ncols);
    for (size_t j = 0; j < t->ncols; j++) {
        Value col = value_obj(&t->cols[j]->hdr);
        if (is_listed(a->pos[1], t->names[j])) {
            if (!recode_column(I, &shifted, t->cols[j], &m, &col)) {
                mapping_free(&m);
                value_release(table);
                return false;
            }
        } else
            value_retain(col);
        table_add_column(table, t->names[j], col);
        as_table(table)->dims[j] = t->dims[j];
    }
    mapping_free(&m);
    disclosure_like(as_table(table), t);
    as_table(table)->source = t->source ? strdup(t->source) : NULL;
    *out = table;
    return true;
}

/* ---- lookup ---------------------------------------------------------------------- */

static bool read_table_values(Interp *I, const CallArgs *a, double **vals, size_t *n)
{
    Value l = a->pos[1];
    if (l.kind != V_LIST)
        return rt_raise(I, arg_loc(a, 1), _("lookup(): values must be a list of numbers, got a %s"),
                        value_kind_name(l));
    *n = as_list(l)->n;
    *vals = malloc((*n ? *n : 1) * sizeof **vals);
    if (!*vals) return rt_raise(I, a->loc, _("lookup(): out of memory"));
    for (size_t j = 0; j < *n; j++) {
        Value e = as_list(l)->items[j];
        if (e.kind != V_NUM) {
            free(*vals);
            return rt_raise(I, arg_loc(a, 1),
                            _("lookup(): item %zu of values is a %s, not a number"), j + 1,
                            value_kind_name(e));
        }
        (*vals)[j] = e.as.num;
    }
    return true;
}

static bool bi_lookup(Interp *I, const CallArgs *a, Value *out)
{
    NumArray x;
    double offset, *vals = NULL;
    size_t nv = 0;
    if (!arg_number(I, a, 2, "offset", &offset) || !survey_num_array(I, a, 0, "x", &x))
        return false;
    if (!read_table_values(I, a, &vals, &nv)) {
        survey_num_free(&x);
        return false;
    }
    double *r;
    Value col = num_column(x.n, &r);
    bool ok = true;
    for (size_t i = 0; i < x.n && ok; i++) {
        double pos = x.x[i] - offset;
        r[i] = NAN;
        if (isnan(x.x[i])) continue;
        if (pos >= 0 && pos < (double)nv && floor(pos) == pos) {
            r[i] = vals[(size_t)pos];
            continue;
        }
        if (disclosure_may_quote(I, a->pos[0]))
            rt_raise(I, arg_loc(a, 0),
                     _("lookup(): value %g (data row %zu) has no entry: the table covers the whole "
                       "numbers %g to %g"),
                     x.x[i], i + 1, offset, offset + (double)nv - 1);
        else /* a person's value: never quoted, the row finds it */
            rt_raise(I, arg_loc(a, 0),
                     _("lookup(): the value in data row %zu has no entry: the table covers the "
                       "whole numbers %g to %g (the value is about a person and is not shown)"),
                     i + 1, offset, offset + (double)nv - 1);
        ok = rt_hint(I,
                     _("a score outside the instrument's range usually means a mistyped or "
                       "incomplete answer"));
    }
    free(vals);
    survey_num_free(&x);
    if (!ok) {
        value_release(col);
        return false;
    }
    *out = col;
    return true;
}

/* ---- if_else ------------------------------------------------------------------------ */

/* A branch of if_else: a column or a scalar, of numbers, texts or
 * true/false values. */
typedef enum BranchKind { BRANCH_NUM, BRANCH_TEXT, BRANCH_BOOL } BranchKind;

typedef struct Branch {
    BranchKind kind;
    bool is_column;
    const ColumnObj *col;
    double num;
    const char *str;
    int8_t truth;
    Dim dim;
} Branch;

static const char *branch_kind_name(BranchKind k)
{
    return k == BRANCH_NUM ? "numbers" : k == BRANCH_TEXT ? "texts" : "true/false values";
}

static bool read_branch(Interp *I, const CallArgs *a, size_t i, size_t n, Branch *b)
{
    Value v = a->pos[i];
    memset(b, 0, sizeof *b);
    b->dim = v.dim;
    switch (v.kind) {
    case V_NUM: b->num = v.as.num; return true;
    case V_STR:
        b->kind = BRANCH_TEXT;
        b->str = as_str(v)->data;
        return true;
    case V_BOOL:
        b->kind = BRANCH_BOOL;
        b->truth = v.as.boolean;
        return true;
    case V_COLUMN: break;
    default:
        return rt_raise(I, arg_loc(a, i),
                        _("if_else(): each branch must be a number, a text, true/false or a column "
                          "of them, got a %s"),
                        value_kind_name(v));
    }
    b->is_column = true;
    b->col = as_column(v);
    b->kind = b->col->type == COL_TEXT ? BRANCH_TEXT
        : b->col->type == COL_BOOL     ? BRANCH_BOOL
                                       : BRANCH_NUM;
    if (b->col->type == COL_DATE)
        return rt_raise(I, arg_loc(a, i), _("if_else(): a branch cannot be a column of dates"));
    if (b->col->n == n) return true;
    return rt_raise(I, arg_loc(a, i),
                    _("if_else(): this column has %zu values but the condition has %zu"), b->col->n,
                    n);
}

static const char *branch_text(const Branch *b, size_t i)
{
    if (!b->is_column) return b->str;
    int32_t code = b->col->codes[i];
    return code < 0 ? NULL : b->col->dict->strs[code];
}

static Value choose_text(const ColumnObj *cond, const Branch *yes, const Branch *no)
{
    Value col = value_column_new(COL_TEXT, cond->n);
    ColumnObj *c = as_column(col);
    for (size_t i = 0; i < cond->n; i++) {
        const char *s = cond->bools[i] < 0 ? NULL : branch_text(cond->bools[i] ? yes : no, i);
        c->codes[i] = s ? strdict_intern(c->dict, s, strlen(s)) : -1;
    }
    return col;
}

static Value choose_numbers(const ColumnObj *cond, const Branch *yes, const Branch *no)
{
    double *r;
    Value col = num_column(cond->n, &r);
    for (size_t i = 0; i < cond->n; i++) {
        const Branch *b = cond->bools[i] ? yes : no;
        r[i] = cond->bools[i] < 0 ? NAN : b->is_column ? b->col->num[i] : b->num;
    }
    col.dim = yes->dim;
    return col;
}

/* Missing where the condition is missing, else the chosen branch's value
 * (itself possibly missing): if_else(c, x, x) is x made missing where c is. */
static Value choose_truths(const ColumnObj *cond, const Branch *yes, const Branch *no)
{
    Value col = value_column_new(COL_BOOL, cond->n);
    int8_t *r = as_column(col)->bools;
    for (size_t i = 0; i < cond->n; i++) {
        const Branch *b = cond->bools[i] ? yes : no;
        r[i] = cond->bools[i] < 0 ? -1 : b->is_column ? b->col->bools[i] : b->truth;
    }
    return col;
}

static bool bi_if_else(Interp *I, const CallArgs *a, Value *out)
{
    Value c = a->pos[0];
    if (c.kind != V_COLUMN || as_column(c)->type != COL_BOOL) {
        rt_raise(I, arg_loc(a, 0),
                 _("if_else(): the condition must be a column of true/false values, got a %s"),
                 value_kind_name(c));
        return rt_hint(I, _("for a single value write: if COND then A else B"));
    }
    const ColumnObj *cond = as_column(c);
    Branch yes, no;
    if (!read_branch(I, a, 1, cond->n, &yes) || !read_branch(I, a, 2, cond->n, &no)) return false;
    if (yes.kind != no.kind)
        return rt_raise(I, a->loc,
                        _("if_else(): both branches must be of the same kind, here %s and %s"),
                        branch_kind_name(yes.kind), branch_kind_name(no.kind));
    if (yes.kind == BRANCH_NUM && !dim_equal(yes.dim, no.dim))
        return rt_raise(I, a->loc, _("if_else(): both branches must have the same unit"));
    *out = yes.kind == BRANCH_TEXT ? choose_text(cond, &yes, &no)
        : yes.kind == BRANCH_BOOL  ? choose_truths(cond, &yes, &no)
                                   : choose_numbers(cond, &yes, &no);
    return true;
}

const BuiltinReg rowwise_builtins[] = {
#include "stdlib/data/rowwise.def"
    { 0 },
};
