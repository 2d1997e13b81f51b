/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* eval_model.h — the data and model constructs of the evaluator: `where`,
 * `by`, `with` and `model NAME { ... }` (private to runtime/).
 *
 * Contract: same as eval_node() for the node kinds N_WHERE, N_BY, N_WITH
 * and N_MODEL.
 */
#ifndef IMPACT_EVAL_MODEL_H
#define IMPACT_EVAL_MODEL_H

#include "runtime/interp.h"

bool eval_where(Interp *I, Env *env, const Node *n, Value *out);
bool eval_by(Interp *I, Env *env, const Node *n, Value *out);
bool eval_with(Interp *I, Env *env, const Node *n, Value *out);
bool eval_model(Interp *I, Env *env, const Node *n, Value *out);

#endif
