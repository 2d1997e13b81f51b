/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_value.h — the model as a value, shared by the files that make it:
 * sroi.c (the object, its class, the built-ins) on sroi_access.c (the
 * marks results carry for explain(), measures, M.field) and sroi_with.c
 * (the rebuilt copy of M with {...}), which know nothing of sroi.c.
 */
#ifndef IMPACT_SROI_VALUE_H
#define IMPACT_SROI_VALUE_H

#include "stdlib/stdlib.h"
#include "stdlib/sroi/report.h"

/* sroi.c */
/* Wraps a new model in its value; the model keeps a pointer to it (its
 * owner) for the marks of its results. */
Value sroi_wrap_model(SroiModel *m);

/* sroi_access.c: marks and measures */
/* Marks v as a result of m (what: "sroi", "present_value"...; outcome: its
 * index, or -1 for the whole model), for explain(). */
void sroi_mark(Interp *I, const SroiModel *m, const char *what, int outcome, Value *v);
/* Marks the field `key` of a record being built, in place. */
void sroi_mark_field(Interp *I, const SroiModel *m, Value rec, const char *key, int outcome);
/* A measure over a selection, as a number or a distribution. */
bool sroi_measure(Interp *I, const SroiModel *m, const SroiSelection *sel, SroiPick pick,
                  const void *ctx, bool years, Dim dim, bool percent, Value *out);
Dim sroi_no_dim(void);

/* sroi_access.c: M.field */
bool sroi_payback_record(Interp *I, const SroiModel *m, Value *out);
/* An outcome's record as the user reaches it (M.employment, M.outcomes):
 * its figures are marked with the model, so that explain(M.employment) and
 * explain(M.employment.present_value) find the outcome.  The library's own
 * uses (report_compare.c) take sroi_outcome_record() unmarked, so they never
 * push the user's results out of the ring of marks. */
bool sroi_outcome_record_item(Interp *I, const SroiModel *m, size_t i, Value *out);
int sroi_find_outcome(const SroiModel *m, const char *name);
size_t sroi_model_field_names(ForeignObj *o, const char **names, size_t max);
bool sroi_model_get_field(Interp *I, ForeignObj *o, const char *name, SrcLoc loc, Value *out);

/* sroi_with.c: a rebuilt, re-validated copy of m with the overrides
 * (paths[i] = vals[i], written at locs[i]), its scenario text set. */
bool sroi_rebuild_with(Interp *I, const SroiModel *m, size_t n, const char **paths,
                       const Value *vals, const SrcLoc *locs, SroiModel **out);

#endif
