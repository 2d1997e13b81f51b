/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* json.h — impact values as JSON (json-c objects), for `impact run --format json`.
 *
 * Contract: value_to_json() returns a new json-c object (NULL stands for JSON
 * null, as in json-c) that the caller releases with json_object_put().
 *   number       → JSON number in base units: money in currency units,
 *                  durations in years, percentages as fractions; NaN/inf → null
 *   text, bool   → string (UTF-8 kept), true/false;  nil → null
 *   list         → array;  record → object (fields in order)
 *   distribution → {"mean", "sd", "p5", "p50", "p95"} and "missing", the count of
 *   missing samples when there are some (json_sample_summary)
 *   column       → array (missing → null; dates as "YYYY-MM-DD")
 *   table        → array of row objects keyed by column name
 *   foreign object (model, report...) → its class's to_json (an SROI model:
 *                  sroi_model_json()), else its printed text
 *   anything else (functions, modules) → its printed text
 * json_to_text() renders an object the way the command line prints it.
 * Both are declared in stdlib/stdlib.h, the header the command line sees.
 */
#ifndef IMPACT_JSON_H
#define IMPACT_JSON_H

#include "stdlib/stdlib.h" /* value_to_json, json_to_text */

/* A JSON number for d, written with the fewest digits that read back as d
 * (integers without ".0"); NULL (JSON null) when d is NaN or infinite. */
struct json_object *json_number(double d);

/* An uncertain figure as JSON: {"mean", "sd", "p5", "p50", "p95"} (null
 * where NaN) and "missing", the samples left out, when there are some.  The
 * one writer of that object: a distribution's (json_sample_summary) and an
 * SROI model's figures (report_model_json.c). */
typedef struct JsonSpread {
    double mean, sd, p5, p50, p95;
    size_t missing;
} JsonSpread;
struct json_object *json_spread(const JsonSpread *s);

/* json_spread() of n samples: sample mean, population
 * standard deviation (divides by n), quantiles by linear interpolation between
 * order statistics (numpy's default).  Samples that are NaN are left out;
 * with none left every figure is null. */
struct json_object *json_sample_summary(const double *samples, size_t n);

#endif
