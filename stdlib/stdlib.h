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

extern const BuiltinReg core_builtins[];   /* core.c: len, map, range, round, sqrt ... */
extern const BuiltinReg csv_builtins[];    /* csv.c: csv, write_csv */
extern const BuiltinReg table_builtins[];  /* table.c: select, sort, join, derive ... */
extern const BuiltinReg group_builtins[];  /* group.c: group_by (T by KEY) */
extern const BuiltinReg labels_builtins[]; /* labels.c: has, explode (columns of label sets) */
extern const BuiltinReg
    vocabulary_builtins[]; /* vocabulary.c: vocabulary (category lists vs labels) */
extern const BuiltinReg
    aggregate_builtins[]; /* aggregate.c: count, sum, mean, median, sd, quantile, share ... */
extern const BuiltinReg dates_builtins[]; /* dates.c: date, months_between ... */
extern const BuiltinReg dist_builtins[];  /* dist.c: normal, pert, uniform ... P */
extern const BuiltinReg
    sensitivity_builtins[]; /* sensitivity.c: tornado, tipping_points, irr ... */
extern const BuiltinReg
    sroi_builtins[]; /* sroi.c: sroi, present_value, npv, report, valuemap ... */
extern const BuiltinReg compare_builtins[]; /* report_compare.c: compare, explain */
extern const BuiltinReg
    survey_builtins[]; /* survey.c: mean_ci, wilson, prepost, cronbach_alpha ... */
extern const BuiltinReg
    rowwise_builtins[]; /* rowwise.c: row_sum, row_count ... (questionnaire scoring) */

#endif
