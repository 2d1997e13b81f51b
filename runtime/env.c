/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* env.c — scopes: ordered bindings, hashed once they grow, reference counted.
 *
 * Contract: see env.h.  Lookups in small scopes (function calls) scan the
 * arrays; scopes with more than 8 names (the global scope, modules) build an
 * open-addressing index so a 10,000-line file stays linear.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/internal.h"
#include "runtime/mem.h"

#define HASH_THRESHOLD 8

static uint32_t hash_name(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

Env *env_new(Interp *I, Env *parent)
{
    Env *e = xcalloc(1, sizeof *e);
    e->refcount = 1;
    e->parent = parent;
    if (parent) env_retain(parent);
    e->owner = I;
    e->next_live = I->live_envs;
    if (I->live_envs) I->live_envs->prev_live = e;
    I->live_envs = e;
    return e;
}

void env_retain(Env *e)
{
    if (e) e->refcount++;
}

void env_clear(Env *e)
{
    /* Detach the arrays first: releasing a value may re-enter this env. */
    size_t n = e->n;
    char **names = e->names;
    Value *vals = e->vals;
    e->n = e->cap = 0;
    e->names = NULL;
    e->vals = NULL;
    free(e->slots);
    e->slots = NULL;
    e->n_slots = 0;
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
        value_release(vals[i]);
    }
    free(names);
    free(vals);
}

void env_release(Env *e)
{
    if (!e || --e->refcount > 0) return;
    env_clear(e);
    Interp *I = e->owner;
    if (e->prev_live)
        e->prev_live->next_live = e->next_live;
    else
        I->live_envs = e->next_live;
    if (e->next_live) e->next_live->prev_live = e->prev_live;
    Env *parent = e->parent;
    free(e);
    env_release(parent);
}

void env_clear_all(Interp *I)
{
    /* Hold every live env so none is freed while we clear the others. */
    size_t n = 0;
    for (Env *e = I->live_envs; e; e = e->next_live) n++;
    Env **all = xmalloc((n ? n : 1) * sizeof *all);
    size_t k = 0;
    for (Env *e = I->live_envs; e; e = e->next_live) {
        all[k++] = e;
        env_retain(e);
    }
    for (size_t i = 0; i < n; i++) env_clear(all[i]);
    for (size_t i = 0; i < n; i++) env_release(all[i]);
    free(all);
}

static void index_insert(Env *e, size_t i)
{
    size_t mask = e->n_slots - 1;
    size_t k = hash_name(e->names[i]) & mask;
    while (e->slots[k]) k = (k + 1) & mask;
    e->slots[k] = (uint32_t)(i + 1);
}

static void index_rebuild(Env *e)
{
    free(e->slots);
    e->n_slots = 16;
    while (e->n_slots < e->n * 2 + 2) e->n_slots *= 2;
    e->slots = xcalloc(e->n_slots, sizeof(uint32_t));
    for (size_t i = 0; i < e->n; i++) index_insert(e, i);
}

static long find_local(const Env *e, const char *name)
{
    if (e->slots) {
        size_t mask = e->n_slots - 1;
        size_t k = hash_name(name) & mask;
        while (e->slots[k]) {
            size_t i = e->slots[k] - 1;
            if (strcmp(e->names[i], name) == 0) return (long)i;
            k = (k + 1) & mask;
        }
        return -1;
    }
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->names[i], name) == 0) return (long)i;
    return -1;
}

void env_define(Env *e, const char *name, Value v)
{
    value_retain(v);
    long at = find_local(e, name);
    if (at >= 0) {
        Value old = e->vals[at];
        e->vals[at] = v;
        value_release(old);
        return;
    }
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 4;
        e->names = realloc(e->names, e->cap * sizeof(char *));
        e->vals = realloc(e->vals, e->cap * sizeof(Value));
        if (!e->names || !e->vals) rt_out_of_memory();
    }
    e->names[e->n] = strdup(name);
    e->vals[e->n] = v;
    e->n++;
    if (e->n > HASH_THRESHOLD) {
        if (!e->slots || e->n * 2 > e->n_slots)
            index_rebuild(e);
        else
            index_insert(e, e->n - 1);
    }
}

bool env_lookup_local(const Env *e, const char *name, Value *out)
{
    long at = find_local(e, name);
    if (at < 0) return false;
    *out = e->vals[at];
    return true;
}

bool env_lookup(const Env *e, const char *name, Value *out)
{
    for (; e; e = e->parent)
        if (env_lookup_local(e, name, out)) return true;
    return false;
}
