/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* stdlib.h — the standard library's entry point.
 *
 * stdlib_open() registers every built-in function in an interpreter, from one
 * table of module tables (stdlib.c), and installs the hooks the runtime calls
 * back (the SROI model builder).  Each stdlib/<module>.c exports one
 * NULL-terminated BuiltinReg table named <module>_builtins.
 */
#ifndef IMPACT_STDLIB_H
#define IMPACT_STDLIB_H

#include "runtime/interp.h"

void stdlib_open(Interp *I);

/* impact pseudonymise: a copy of an export without direct identifiers. */
#include "stdlib/privacy/pseudonymise.h"

/* ---- what the command line asks of the library ---------------------------- */

struct json_object;

/* A value as JSON (core/json.c): a new json-c object the caller releases
 * with json_object_put() (NULL stands for JSON null).  Numbers in base
 * units, distributions as {"mean", "sd", "p5", "p50", "p95"}, tables as
 * arrays of rows, foreign objects by their class's to_json; what small
 * groups would show is null. */
struct json_object *value_to_json(Interp *I, Value v);
/* The text the command line prints: indented by two spaces, "/" not escaped,
 * non-ASCII characters kept as UTF-8.  Returned string owned by obj. */
const char *json_to_text(struct json_object *obj);

/* The fields an outcome of a model may hold, in the order messages list
 * them (stdlib/sroi/sroi_fields.h): *names receives a static table. */
size_t stdlib_outcome_fields(const char *const **names);

/* The built-ins of each capability file are a list of data, FILE.def beside
 * FILE.c, one line a built-in: BUILTIN(name, C function, fewest and most
 * positional arguments (-1: any), signature, N_(help)).  A family of
 * built-ins that one C function serves (floor, ceil, abs) says which member
 * each line is: BUILTIN_VARIANT(name, C function, variant, fewest, most,
 * signature, N_(help)); the function reads args->reg->variant.  FILE.c
 * expands the list into its table (an X-macro):
 *     const BuiltinReg FILE_builtins[] = {
 *     #include "stdlib/CAPABILITY/FILE.def"
 *         { 0 },
 *     };
 * The help is an msgid for gettext (make pot reads the .def files), shown
 * through _() by :help and the language server (builtin_help()). */
#define BUILTIN(name, fn, min_args, max_args, signature, help)                                     \
    { name, fn, min_args, max_args, signature, help, 0 },
#define BUILTIN_VARIANT(name, fn, variant, min_args, max_args, signature, help)                    \
    { name, fn, min_args, max_args, signature, help, variant },

extern const BuiltinReg core_builtins[];        /* core.c: len, map, range, round, sqrt ... */
extern const BuiltinReg figure_text_builtins[]; /* figure_text.c: format (a reader's figure) */
extern const BuiltinReg csv_builtins[];         /* csv.c: csv, write_csv */
extern const BuiltinReg table_builtins[];       /* table.c: select, sort, join, derive ... */
extern const BuiltinReg group_builtins[];       /* group.c: group_by (T by KEY) */
extern const BuiltinReg labels_builtins[];      /* labels.c: has, explode (columns of label sets) */
extern const BuiltinReg
    vocabulary_builtins[]; /* vocabulary.c: vocabulary (category lists vs labels) */
extern const BuiltinReg aggregate_builtins[];   /* aggregate.c: sum, mean, median, sd, quantile */
extern const BuiltinReg count_share_builtins[]; /* count_share.c: count, share */
extern const BuiltinReg summarize_builtins[];   /* summarize.c: summarize */
extern const BuiltinReg dates_builtins[];       /* dates.c: date, months_between ... */
extern const BuiltinReg dist_builtins[];        /* dist.c: normal, pert, uniform ... P */
extern const BuiltinReg correlate_builtins[];   /* correlate.c: correlate(dists, r) */
extern const BuiltinReg
    sensitivity_builtins[]; /* sensitivity.c: tornado, tipping_points, irr ... */
extern const BuiltinReg
    sroi_builtins[]; /* sroi.c: sroi, present_value, npv, report, valuemap ... */
extern const BuiltinReg compare_builtins[]; /* report_compare.c: compare, explain */
extern const BuiltinReg funders_builtins[]; /* funders.c: funder_value, funder_sroi */
extern const BuiltinReg charts_builtins[];  /* charts.c: tornado_chart, histogram (terminal) */
extern const BuiltinReg
    survey_builtins[]; /* survey.c: mean_ci, wilson, prepost, cronbach_alpha ... */
extern const BuiltinReg
    rowwise_builtins[]; /* rowwise.c: row_sum, row_count ... (questionnaire scoring) */

/* ---- report files (stdlib/report/): impact report FILE -o OUT ---- */

typedef enum ReportFormat {
    REPORT_FORMAT_TEXT,
    REPORT_FORMAT_JSON,
    REPORT_FORMAT_CSV,
    REPORT_FORMAT_HTML,
    REPORT_FORMAT_XLSX
} ReportFormat;

/* The format a file name's ending asks for (.json .csv .html .htm .xlsx
 * .txt); false for any other ending. */
bool report_format_of_path(const char *path, ReportFormat *out);
/* "text", "json", "csv", "html", "xlsx" into a format; false otherwise. */
bool report_format_of_name(const char *name, ReportFormat *out);
/* The model file text (appended to out) of a value map read from the
 * spreadsheet at path (impact import), written to `output` too unless it is
 * NULL (whole or not at all); false with an error raised. */
bool report_import(Interp *I, const char *path, const char *output, StrBuf *out);
/* Whether v is a model report_write() can write. */
bool report_can_write(Value v);
/* Writes the report of models[0..n) (values for which sroi_is_model holds)
 * in the language and scale of the interpreter's settings, to path, or to
 * standard output when path is NULL (not XLSX, a binary file).  The file is
 * written whole or not at all.  false with an error raised. */
bool report_write(Interp *I, const Value *models, size_t n, ReportFormat format, const char *path);

#endif
