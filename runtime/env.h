/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* env.h — scopes: ordered name → value bindings with a parent link.
 *
 * Contract: an Env is reference counted (closures retain the Env they were
 * created in).  Bindings keep their definition order (the CLI lists models in
 * order, :env lists names in order); redefining a name in the same scope
 * replaces its value in place.  Every Env is linked into its interpreter's
 * list so that interp_free() can clear them all and break the cycles that
 * closures create (an Env binding a function whose closure is that Env).
 */
#ifndef IMPACT_ENV_H
#define IMPACT_ENV_H

#include "runtime/interp.h"

struct Env {
    int refcount;
    struct Env *parent; /* retained; NULL for the builtins scope */
    size_t n, cap;
    char **names;
    Value *vals;
    uint32_t *slots; /* hash index (index+1, 0 = empty); NULL while small */
    size_t n_slots;
    struct Env *prev_live, *next_live; /* the interpreter's list of live envs */
    struct Interp *owner;
};

Env *env_new(Interp *I, Env *parent); /* refcount 1; retains parent */
void env_retain(Env *e);
void env_release(Env *e);
/* Binds name in this scope (retains v), replacing a previous value in place. */
void env_define(Env *e, const char *name, Value v);
/* Looks name up in e and its parents; borrowed value. */
bool env_lookup(const Env *e, const char *name, Value *out);
/* Looks name up in e only; borrowed value. */
bool env_lookup_local(const Env *e, const char *name, Value *out);
/* Releases every binding of e (used to break cycles at interp_free). */
void env_clear(Env *e);
/* Clears every live env of the interpreter (interp_free). */
void env_clear_all(Interp *I);

#endif
