/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* json.c — impact values as json-c objects (contract in json.h).
 *
 * Numbers are emitted with json_object_new_double_s() and our own shortest
 * round-trip text, because json-c's default "%.17g" turns 0.1 into
 * 0.10000000000000001 and 120000 into 120000.0, which evaluators reading the
 * JSON (or a spreadsheet importing it) should not have to see.  It is the
 * one number writer of every JSON output: values, a model (`impact run`),
 * the report file (json_fields.c).
 */
#include "runtime/disclosure.h"
#include "stdlib/core/json.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/calendar.h"
#include "stdlib/privacy/privacy.h"
#include "stdlib/stats/summary.h"

/* ---- numbers -------------------------------------------------------------- */

struct json_object *json_number(double d)
{
    if (!isfinite(d)) return NULL;
    if (d == 0) d = 0; /* no "-0" in the output */
    char text[40];
    /* Whole numbers as integers: %g would write 20000 as 2e+04. */
    if (d == floor(d) && fabs(d) < 1e16) {
        snprintf(text, sizeof text, "%.0f", d);
        return json_object_new_double_s(d, text);
    }
    /* Otherwise the fewest significant digits that read back as exactly d. */
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, d);
        if (strtod(text, NULL) == d) break;
    }
    return json_object_new_double_s(d, text);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

struct json_object *json_spread(const JsonSpread *s)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "mean", json_number(s->mean));
    json_object_object_add(o, "sd", json_number(s->sd));
    json_object_object_add(o, "p5", json_number(s->p5));
    json_object_object_add(o, "p50", json_number(s->p50));
    json_object_object_add(o, "p95", json_number(s->p95));
    if (s->missing) /* the samples left out are counted, never silently dropped */
        json_object_object_add(o, "missing", json_object_new_int64((int64_t)s->missing));
    return o;
}

struct json_object *json_sample_summary(const double *samples, size_t n)
{
    double *sorted = malloc((n ? n : 1) * sizeof *sorted);
    size_t kept = 0;
    for (size_t i = 0; sorted && i < n; i++)
        if (!isnan(samples[i])) sorted[kept++] = samples[i];
    double mean = NAN, sd = NAN, p5 = NAN, p50 = NAN, p95 = NAN;
    if (kept > 0) {
        qsort(sorted, kept, sizeof *sorted, compare_doubles);
        summary_mean_sd_population(sorted, kept, &mean, &sd, NULL);
        p5 = summary_quantile_sorted(sorted, kept, 0.05);
        p50 = summary_quantile_sorted(sorted, kept, 0.50);
        p95 = summary_quantile_sorted(sorted, kept, 0.95);
    }
    free(sorted);
    return json_spread(&(JsonSpread){ mean, sd, p5, p50, p95, n - kept });
}

/* ---- columns and tables --------------------------------------------------- */

/* A date column holds days since 1970-01-01; JSON has no date type, so the
 * ISO 8601 text that every spreadsheet and language reads back. */
/* A distribution's summary, its samples read and not kept. */
static struct json_object *dist_json(const DistObj *d)
{
    double *owned;
    struct json_object *o = json_sample_summary(dist_borrow(d, &owned), d->n);
    free(owned);
    return o;
}

static struct json_object *json_date(double days)
{
    if (!isfinite(days) || !(fabs(days) < 1e11)) return NULL;
    char text[32];
    date_format(days, text, sizeof text);
    return json_object_new_string(text);
}

static struct json_object *column_cell(const ColumnObj *c, size_t row)
{
    switch (c->type) {
    case COL_NUM: return json_number(c->num[row]);
    case COL_DATE: return json_date(c->num[row]);
    case COL_BOOL: return c->bools[row] < 0 ? NULL : json_object_new_boolean(c->bools[row] != 0);
    case COL_TEXT: {
        int32_t code = c->codes[row];
        if (code < 0 || !c->dict || (size_t)code >= c->dict->n) return NULL;
        return json_object_new_string_len(c->dict->strs[code], (int)c->dict->lens[code]);
    }
    }
    return NULL;
}

static struct json_object *column_json(const ColumnObj *c)
{
    struct json_object *a = json_object_new_array_ext((int)c->n);
    for (size_t i = 0; i < c->n; i++) json_object_array_add(a, column_cell(c, i));
    return a;
}

static struct json_object *table_json(const TableObj *t)
{
    struct json_object *rows = json_object_new_array_ext((int)t->nrows);
    for (size_t r = 0; r < t->nrows; r++) {
        struct json_object *row = json_object_new_object();
        for (size_t c = 0; c < t->ncols; c++)
            json_object_object_add(row, t->names[c], column_cell(t->cols[c], r));
        json_object_array_add(rows, row);
    }
    return rows;
}

/* ---- containers and the rest ---------------------------------------------- */

static struct json_object *printed_text(Interp *I, Value v)
{
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    struct json_object *s = json_object_new_string_len(b.data ? b.data : "", (int)b.len);
    sb_free(&b);
    return s;
}

static struct json_object *value_json_at(Interp *I, Value v, size_t depth);

static struct json_object *list_json(Interp *I, const ListObj *l, size_t depth)
{
    struct json_object *a = json_object_new_array_ext((int)l->n);
    for (size_t i = 0; i < l->n; i++)
        json_object_array_add(a, value_json_at(I, l->items[i], depth + 1));
    return a;
}

static struct json_object *record_json(Interp *I, const RecordObj *r, size_t depth)
{
    struct json_object *o = json_object_new_object();
    for (size_t i = 0; i < r->n; i++)
        json_object_object_add(o, r->keys[i], value_json_at(I, r->vals[i], depth + 1));
    return o;
}

static struct json_object *object_json(Interp *I, Value v)
{
    ForeignObj *o = as_foreign(v);
    if (o->cls->to_json) {
        struct json_object *j = o->cls->to_json(I, o);
        if (j) return j;
    }
    return printed_text(I, v);
}

struct json_object *value_to_json(Interp *I, Value v)
{
    return value_json_at(I, v, 0);
}

/* depth: lists and records around v.  json-c writes and frees an object
 * recursively, so nothing deeper than VALUE_DEPTH_MAX is handed to it (print
 * and -e refuse such a value first; this is the writer's own bound). */
static struct json_object *value_json_at(Interp *I, Value v, size_t depth)
{
    if (depth >= VALUE_DEPTH_MAX && (v.kind == V_LIST || v.kind == V_RECORD))
        return json_object_new_string("\xE2\x80\xA6");
    /* A suppressed figure, and the rows of a table or column about fewer
     * people than the threshold, are null: a program reading a number gets
     * no number, and nothing of the small group (SPEC §1, JSON output). */
    if (disclosure_is_suppressed(v) || disclosure_rows_hidden(I, v, NULL) ||
        disclosure_row_count_hidden(I, v))
        return NULL;
    /* rows about people are described, not listed (SPEC, small groups) */
    if ((v.kind == V_TABLE || v.kind == V_COLUMN) && !disclosure_may_list(I, v))
        return printed_text(I, v);
    switch ((ValueKind)v.kind) {
    case V_NIL: return NULL;
    case V_NUM:
        if (v.flags & VF_DATE) /* a date, as in date columns: "2024-03-01" */
            return json_date(v.as.num);
        return json_number(v.as.num);
    case V_BOOL: return json_object_new_boolean(v.as.boolean);
    case V_STR: return json_object_new_string_len(as_str(v)->data, (int)as_str(v)->len);
    case V_LIST: return list_json(I, as_list(v), depth);
    case V_RECORD: return record_json(I, as_record(v), depth);
    case V_DIST: return dist_json(as_dist(v));
    case V_COLUMN: return column_json(as_column(v));
    case V_TABLE: return table_json(as_table(v));
    case V_OBJECT: return object_json(I, v);
    case V_FUNC:
    case V_BUILTIN:
    case V_MODULE: break;
    }
    return printed_text(I, v);
}

const char *json_to_text(struct json_object *obj)
{
    return json_object_to_json_string_ext(
        obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
}
