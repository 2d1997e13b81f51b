/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* eval.h — the tree-walking evaluator (private to runtime/).
 *
 * Contract: eval_node() evaluates any node of lang/ast.h in env and stores a
 * new reference in *out (V_NIL for statements).  rt_binary()/rt_unary() are
 * the operators, shared with stdlib through interp.c's helpers.  Errors are
 * raised with rt_raise() and reported by returning false.
 */
#ifndef IMPACT_EVAL_H
#define IMPACT_EVAL_H

#include "runtime/interp.h"

bool eval_node(Interp *I, Env *env, const Node *n, Value *out);
/* Runs the statements of a program node in env; *out = value of the last
 * statement when it is an expression statement, else V_NIL. */
bool eval_program(Interp *I, Env *env, const Node *program, Value *out);
bool rt_binary(Interp *I, Op op, Value a, Value b, SrcLoc loc, Value *out);
bool rt_unary(Interp *I, Op op, Value a, SrcLoc loc, Value *out);
/* Deep equality of two values of the same kind (numbers compare dims too). */
bool value_equal(Value a, Value b);
/* Calls fn with positional and named arguments. */
bool call_value(Interp *I, Value fn, size_t npos, const Value *pos, const SrcLoc *pos_loc,
                size_t nnamed, const char *const *names, const Value *named,
                const SrcLoc *named_loc, SrcLoc loc, Value *out);
/* v.name for records, modules, tables (a column) and foreign objects. */
bool get_field(Interp *I, Value v, const char *name, SrcLoc loc, Value *out);

#endif
