/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_fields.h — every field of an SROI outcome, written once.
 *
 * Contract: SROI_OUTCOME_NUMBERS and SROI_OUTCOME_TEXTS are X-macros; each
 * use expands X(...) once per field, in this order, which is the order of
 * SroiOutcome.f and .text (enum OutcomeField, enum OutcomeText), of the
 * list of known fields in messages, and of the sensitivity parameters (the
 * first seven numbers follow ParamKind: parameter i * OF_PARAMS + k is
 * field k of outcome i).  Everything that names a field — the builder's
 * checks and defaults (sroi_build.c), the value map and its table
 * (report.c), the JSON (report.c), the record of an outcome and `with`
 * (sroi.c), the comparison of scenarios (report_compare.c) and the literal
 * checks that `impact check` makes before running (lang/check.c, which is
 * handed sroi_check_fields() and knows no field itself) — reads it here.
 * The conventions behind each field: docs/METHOD.md.
 *
 * SROI_OUTCOME_NUMBERS: X(ID, NAME, KIND, LO, HI, DEFAULT, EXAMPLE, REPORT)
 *   ID       the enum constant is OF_<ID>
 *   NAME     the field as written in a model and in JSON
 *   KIND     SROI_COUNT (people or things), SROI_MONEY (per unit, in the
 *            model's currency), SROI_SHARE (0 to 100 %), SROI_YEARS
 *   LO, HI   the range a value may take when a sensitivity analysis or a
 *            tipping point sweeps it (the builder refuses values outside
 *            the checked range: a negative quantity, a share above 100 %)
 *   DEFAULT  the value of a field not written; NAN: the field is required
 *   EXAMPLE  how to write a value, in hints
 *   REPORT   the heading of its column in the value map (N_(): translated where shown)
 *   PHRASE   one such value in prose, with its article, "a deadweight" (N_(): the
 *            article agrees with the noun in French, so the two are translated together)
 * SROI_OUTCOME_TEXTS: X(ID, NAME): texts kept for the report (OT_<ID>).
 * SROI_OUTCOME_JUDGEMENTS: X(ID, NAME, KIND, DEFAULT, EXAMPLE, REPORT): what a
 *   reviewer asks of an outcome besides its figures (docs/METHOD.md §1.12),
 *   OJ_<ID>, decoded by sroi_judgements.c:
 *   KIND     SROI_FLAG (true or false), SROI_GRADE (one of SROI_GRADES: GRADE's
 *            high, moderate, low, very_low), SROI_DISTANCE (a record
 *            { before: B, after: A, scale: [LO, HI] }, B and A within the scale)
 *   DEFAULT  the choice when not written: 1 (true) for a flag, -1 (unstated)
 *   EXAMPLE  how to write a value, in hints; REPORT its column heading.
 */
#ifndef IMPACT_SROI_FIELDS_H
#define IMPACT_SROI_FIELDS_H

#include <math.h>
#include <stddef.h>

#include "lang/check.h"
#include "lang/i18n.h"

/* beyond this a duration is surely a typing slip */
#define MAX_DURATION_YEARS 1000.0

typedef enum SroiFieldKind {
    SROI_COUNT,
    SROI_MONEY,
    SROI_SHARE,
    SROI_YEARS,
    SROI_FLAG,
    SROI_GRADE,
    SROI_DISTANCE
} SroiFieldKind;

#define SROI_OUTCOME_NUMBERS(X)                                                                    \
    X(QUANTITY, "quantity", SROI_COUNT, -INFINITY, INFINITY, NAN, "120", N_("quantity"),           \
      N_("a quantity"))                                                                            \
    X(PROXY, "proxy", SROI_MONEY, -INFINITY, INFINITY, NAN, "1500 EUR", N_("proxy"),               \
      N_("a proxy"))                                                                               \
    X(DEADWEIGHT, "deadweight", SROI_SHARE, 0, 1, 0, "25%", N_("deadweight"), N_("a deadweight"))  \
    X(ATTRIBUTION, "attribution", SROI_SHARE, 0, 1, 0, "20%", N_("attribution"),                   \
      N_("an attribution"))                                                                        \
    X(DISPLACEMENT, "displacement", SROI_SHARE, 0, 1, 0, "5%", N_("displacement"),                 \
      N_("a displacement"))                                                                        \
    X(DROPOFF, "dropoff", SROI_SHARE, 0, 1, 0, "20%", N_("drop-off"), N_("a dropoff"))             \
    X(DURATION, "duration", SROI_YEARS, 0, MAX_DURATION_YEARS, 1, "3 year", N_("duration"),        \
      N_("a duration"))                                                                            \
    X(LEAKAGE, "leakage", SROI_SHARE, 0, 1, 0, "10%", N_("leakage"), N_("a leakage"))

#define SROI_OUTCOME_TEXTS(X)                                                                      \
    X(INDICATOR, "indicator")                                                                      \
    X(SOURCE, "source")                                                                            \
    X(PROXY_SOURCE, "proxy_source")                                                                \
    X(AREA, "domain") /* the outcome's impact domain, e.g. D1 */                                   \
    X(EVIDENCE, "evidence")                                                                        \
    X(MATERIAL_REASON, "material_reason") /* why an outcome is (not) material */

/* Materiality: an outcome judged not material (SVI principle 4, "only include
 * what is material") is listed but left out of every total. */
#define SROI_OUTCOME_JUDGEMENTS(X)                                                                 \
    X(MATERIAL, "material", SROI_FLAG, 1, "false", N_("material"))                                 \
    X(PROXY_EVIDENCE, "proxy_evidence", SROI_GRADE, -1, "\"moderate\"", N_("proxy evidence"))      \
    X(QUANTITY_EVIDENCE, "quantity_evidence", SROI_GRADE, -1, "\"high\"", N_("quantity evidence")) \
    X(DISTANCE, "distance", SROI_DISTANCE, -1, "{ before: 2.1, after: 3.4, scale: [1, 5] }",       \
      N_("distance travelled"))

#define SROI_FIELD_ENUM(ID, ...) OF_##ID,
enum OutcomeField { SROI_OUTCOME_NUMBERS(SROI_FIELD_ENUM) OF_COUNT };
#undef SROI_FIELD_ENUM
#define OF_PARAMS 7 /* fields exposed as sensitivity parameters (ParamKind's order) */

#define SROI_TEXT_ENUM(ID, NAME) OT_##ID,
enum OutcomeText { SROI_OUTCOME_TEXTS(SROI_TEXT_ENUM) OT_COUNT };
#undef SROI_TEXT_ENUM

#define SROI_JUDGEMENT_ENUM(ID, ...) OJ_##ID,
enum OutcomeJudgement { SROI_OUTCOME_JUDGEMENTS(SROI_JUDGEMENT_ENUM) OJ_COUNT };
#undef SROI_JUDGEMENT_ENUM

/* One judgement field, from SROI_OUTCOME_JUDGEMENTS. */
typedef struct SroiJudgementInfo {
    const char *name;
    SroiFieldKind kind;
    int fallback;
    const char *example, *report;
} SroiJudgementInfo;
extern const SroiJudgementInfo SROI_JUDGEMENTS[OJ_COUNT];
/* The grades of evidence, GRADE's levels of certainty (docs/METHOD.md §1.12). */
#define SROI_N_GRADES 4
extern const char *const SROI_GRADES[SROI_N_GRADES];
/* The judgement field named `name` (OJ_*), or -1. */
int sroi_judgement_field(const char *name);

/* One numeric field, from SROI_OUTCOME_NUMBERS. */
typedef struct SroiFieldInfo {
    const char *name;
    SroiFieldKind kind;
    double lo, hi, fallback;
    const char *example, *report, *phrase;
} SroiFieldInfo;
extern const SroiFieldInfo SROI_FIELDS[OF_COUNT];
extern const char *const SROI_TEXT_FIELDS[OT_COUNT];

/* Every field an outcome may hold, in the order messages list them: the
 * numbers, start, profile, the texts, then the judgements. */
extern const char *const SROI_OUTCOME_FIELD_NAMES[];
extern const size_t SROI_N_OUTCOME_FIELDS;

/* The field named `name` (OF_*), or -1. */
int sroi_number_field(const char *name);
/* The text field named `name` (OT_*), or -1. */
int sroi_text_field(const char *name);

/* The literal checks `impact check` makes on model blocks (the shares of
 * an outcome and the discount rate, an outcome's start), for lang/check.c,
 * which knows no field of its own; *n receives their count. */
const CheckField *sroi_check_fields(size_t *n);

#endif
