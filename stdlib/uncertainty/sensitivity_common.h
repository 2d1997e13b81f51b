/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sensitivity_common.h — private to the sensitivity functions
 * (sensitivity.c: tornado, sensitivity; tipping.c: tipping_points, irr):
 * argument checks, parameter values as text, result tables. */
#ifndef IMPACT_SENSITIVITY_COMMON_H
#define IMPACT_SENSITIVITY_COMMON_H

#include "stdlib/stdlib.h"
#include "stdlib/sroi/sroi.h"

/* Argument 0 as a model, or a located error saying what to pass. */
bool sens_model_arg(Interp *I, const CallArgs *a, const SroiModel **m);
/* Rejects every named argument except `allowed` (may be NULL). */
bool sens_check_names(Interp *I, const CallArgs *a, const char *allowed);
/* Optional plain-number named argument; *out keeps its default if absent. */
bool sens_named_number(Interp *I, const CallArgs *a, const char *name, double *out);
/* Parameter value x in the parameter's unit, 4 significant digits (malloc'ed). */
char *sens_param_text(Interp *I, const SroiParam *p, double x);
/* A relative change as "+12.5%" / "-84%" (malloc'ed). */
char *sens_percent_text(Interp *I, double x);
/* Columns of n rows (new references). */
Value sens_text_column(char **texts, size_t n);
Value sens_number_column(const double *x, size_t n);
void sens_free_texts(char **texts, size_t n);
/* Row indices sorted by key, largest first, ties in declaration order (malloc'ed). */
size_t *sens_order_desc(const double *keys, size_t n);

/* tipping.c */
bool sens_tipping_points(Interp *I, const CallArgs *a, Value *out);
bool sens_irr(Interp *I, const CallArgs *a, Value *out);

#endif
