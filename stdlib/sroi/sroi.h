/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi.h — the SROI engine's C API.
 *
 * Used by the rest of the standard library (sensitivity.c, report.c) and by
 * the command line (JSON output, reports).  A model value (V_OBJECT of class
 * "model") is built from its declaration by sroi_build_model(), validated
 * once, and immutable afterwards: `M with {...}` makes a new model.
 *
 * The arithmetic is Social Value International's (docs/METHOD.md §1.2–1.6):
 *   impact   = Q × P × (1−DW) × (1−DS) × (1−AT)
 *   V(t)     = impact × (1−DO)^(t−s)   for s ≤ t ≤ s+D−1   (s = start year, 1 or 2)
 *   PV       = Σ V(t) / (1+r)^t        (t from 1; alternatives are model settings)
 *   SROI     = PV / inputs             NPV = PV − inputs
 */
#ifndef IMPACT_SROI_H
#define IMPACT_SROI_H

#include "runtime/interp.h"

struct json_object;

typedef struct SroiModel SroiModel;

bool sroi_is_model(Value v);
const SroiModel *sroi_model(Value v); /* NULL if v is not a model */
const char *sroi_model_name(const SroiModel *m);
/* True when the model discounts by a fixed schedule of rates (discounting =
 * "green_book_declining"): its discount rate is then not a parameter that moves it. */
bool sroi_fixed_schedule(const SroiModel *m);

/* Builds a model from its declaration (installed as the runtime's model builder). */
bool sroi_build_model(Interp *I, const ModelDecl *decl, Value *out);

typedef enum SroiMeasure { SROI_RATIO, SROI_PV, SROI_NPV } SroiMeasure;

/* The numeric assumptions of a model that sensitivity analysis can vary. */
typedef enum ParamKind {
    PARAM_QUANTITY,
    PARAM_PROXY,
    PARAM_DEADWEIGHT,
    PARAM_ATTRIBUTION,
    PARAM_DISPLACEMENT,
    PARAM_DROPOFF,
    PARAM_DURATION,
    PARAM_INPUT,
    PARAM_DISCOUNT
} ParamKind;

typedef struct SroiParam {
    const char *name; /* qualified: "employment.deadweight", "grant", "discount" */
    ParamKind kind;
    int outcome;   /* outcome index, or -1 */
    int input;     /* input index, or -1 */
    Value value;   /* number or distribution (borrowed from the model) */
    SrcLoc loc;    /* where it was set */
    double lo, hi; /* range the parameter may take (0..1 for percentages; -inf..inf otherwise) */
} SroiParam;

/* The model's named assumptions (`assume NAME = ...`, sroi_assume.c):
 * assumption i (borrowed), whether some field reads it, and whether the
 * field of parameter k reads one (a tornado then moves the assumption, not
 * the field). */
size_t sroi_assumption_count(const SroiModel *m);
const DeclAssume *sroi_assumption(const SroiModel *m, size_t i);
bool sroi_assumption_used(const SroiModel *m, size_t i);
bool sroi_param_assumed(const SroiModel *m, size_t k);
/* A measure of `M with { ASSUMPTION_i = v }` at its central point
 * (sroi_scenario.c): every field that reads the assumption evaluated again. */
bool sroi_point_with_assumption(Interp *I, const SroiModel *m, size_t i, Value v, SrcLoc loc,
                                SroiMeasure what, double *out);

/* The model's parameters (array owned by the model). */
size_t sroi_params(const SroiModel *m, const SroiParam **params);

/* Central value of each parameter: its number, or its distribution's median. */
void sroi_central_point(const SroiModel *m, double *x);

/* Evaluates a measure with every parameter fixed: parameter i takes x[i].
 * Deterministic, allocation-free: safe to call many times (tornado, root finding). */
double sroi_eval_point(const SroiModel *m, const double *x, SroiMeasure what);

/* The present value of outcome i alone at point x (the other outcomes do
 * not depend on its parameters), and the two totals of the ratio at x:
 * a one-parameter search over an outcome's field costs O(1) per evaluation
 * instead of O(outcomes) (tipping_points). */
double sroi_outcome_pv_point(const SroiModel *m, const double *x, size_t i);
void sroi_point_totals(const SroiModel *m, const double *x, double *pv, double *inputs_pv);

/* The measure for each Monte Carlo sample (n = the samples of the model's
 * distributions; parameters that are numbers are constant).  out has n slots. */
bool sroi_eval_samples(Interp *I, const SroiModel *m, SroiMeasure what, double *out, size_t n);
size_t sroi_sample_count(const SroiModel *m); /* 0 when nothing is uncertain */

/* Reports: stdlib/sroi/report.h. */

#endif
