/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* call.c — calling functions: user functions (positional, named and default
 * arguments, recursion depth guard) and C builtins (arity from their
 * registration, CallArgs).
 *
 * Contract: see eval.h (call_value) and interp.h (rt_call).  Wrong argument
 * counts are reported as "shift() takes 2 arguments (value, by) but was
 * given 3", at the call.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/internal.h"
#include "lang/check.h"
#include "runtime/eval.h"
#include "runtime/vector.h"

/* "(value, by)" from a builtin's signature "shift(value, by)". */
static void signature_params(const BuiltinReg *reg, StrBuf *out)
{
    const char *open = reg->signature ? strchr(reg->signature, '(') : NULL;
    if (open)
        sb_append(out, open);
    else
        sb_append(out, "()");
}

static void user_params(const Node *def, StrBuf *out)
{
    sb_append(out, "(");
    for (size_t i = 0; i < def->n_items; i++) {
        if (i) sb_append(out, ", ");
        sb_append(out, def->items[i]->name);
    }
    sb_append(out, ")");
}

static bool raise_arity(Interp *I, const char *name, int min, int max, const StrBuf *params,
                        size_t given, SrcLoc loc)
{
    char message[512];
    arity_message(message, sizeof message, name, min, max, params->data, given);
    rt_raise(I, loc, "%s", message);
    return rt_hint(I, _("call it as %s%s"), name, params->data);
}

/* ---- builtins ------------------------------------------------------------------ */

/* Named arguments that stand for positional parameters of the signature
 * (quantile(x, p: 0.5)) count toward the minimum. */
static size_t named_positional(const BuiltinReg *reg, size_t npos, size_t nnamed,
                               const char *const *names)
{
    if (!reg->signature) return 0;
    size_t k = 0;
    for (size_t j = 0; j < nnamed; j++) {
        const char *p = strchr(reg->signature, '(');
        size_t index = 0, len = strlen(names[j]);
        while (p && *p && *p != ')') {
            p++;
            while (*p == ' ') p++;
            if (index >= npos && strncmp(p, names[j], len) == 0 && strchr(",)= ", p[len])) {
                k++;
                break;
            }
            p = strchr(p, ',');
            index++;
        }
    }
    return k;
}

/* A built-in's result is about people when one of its arguments is: the one
 * combine rule (runtime/disclosure.c).  A table computed from a table of
 * groups has one row per group; aggregates by group mark their own results. */
static void mark_derived(size_t npos, const Value *pos, size_t nnamed, const Value *named,
                         Value *out)
{
    disclosure_derive(*out, npos, pos);
    disclosure_derive(*out, nnamed, named);
}

static bool call_builtin(Interp *I, const BuiltinReg *reg, size_t npos, const Value *pos,
                         const SrcLoc *pos_loc, size_t nnamed, const char *const *names,
                         const Value *named, const SrcLoc *named_loc, SrcLoc loc, Value *out)
{
    size_t effective = npos + named_positional(reg, npos, nnamed, names);
    if ((int)effective < reg->min_args || (reg->max_args >= 0 && (int)npos > reg->max_args)) {
        StrBuf params;
        sb_init(&params);
        signature_params(reg, &params);
        raise_arity(I, reg->name, reg->min_args, reg->max_args, &params, npos, loc);
        sb_free(&params);
        return false;
    }
    CallArgs args = { npos, pos, pos_loc, nnamed, names, named, named_loc, loc, reg };
    *out = value_nil();
    I->depth++;
    SrcLoc outer = I->builtin_call;
    I->builtin_call = loc;
    bool ok = reg->fn(I, &args, out);
    I->builtin_call = outer;
    I->depth--;
    if (!ok && !I->has_error) rt_raise(I, loc, _("%s() failed"), reg->name);
    if (ok) mark_derived(npos, pos, nnamed, named, out);
    /* A text a built-in makes for the user's own code ("data/" + str(year))
     * is the user's text: a library may read it as a path (runtime/files.c). */
    if (ok && out->kind == V_STR && !interp_file_is_library(I, loc.file))
        out->flags |= VF_USER_TEXT;
    return ok;
}

/* ---- user functions --------------------------------------------------------------- */

static long param_index(const Node *def, const char *name)
{
    for (size_t i = 0; i < def->n_items; i++)
        if (strcmp(def->items[i]->name, name) == 0) return (long)i;
    return -1;
}

static bool raise_unknown_param(Interp *I, const char *fname, const Node *def, const char *name,
                                SrcLoc loc)
{
    StrBuf list;
    sb_init(&list);
    const char *cands[64];
    size_t n = 0;
    for (size_t i = 0; i < def->n_items; i++) {
        if (i) sb_append(&list, ", ");
        sb_append(&list, def->items[i]->name);
        if (n < 64) cands[n++] = def->items[i]->name;
    }
    const char *best = rt_suggest(name, cands, n);
    if (best)
        rt_raise(I, loc, _("%s() has no parameter '%s' \xE2\x80\x94 did you mean '%s'?"), fname,
                 name, best);
    else
        rt_raise(I, loc, _("%s() has no parameter '%s'; its parameters are %s"), fname, name,
                 list.len ? list.data : "(none)");
    sb_free(&list);
    return false;
}

/* Binds the arguments of a call in `local`; defaults are evaluated there, so
 * they see the function's closure and the parameters before them. */
static bool bind_args(Interp *I, const FuncObj *f, Env *local, size_t npos, const Value *pos,
                      size_t nnamed, const char *const *names, const Value *named,
                      const SrcLoc *named_loc, SrcLoc loc)
{
    const Node *def = f->def;
    const char *fname = f->name ? f->name : "fn";
    size_t np = def->n_items;
    if (npos > np) {
        int min = 0;
        for (size_t i = 0; i < np; i++)
            if (!def->items[i]->a) min++;
        StrBuf params;
        sb_init(&params);
        user_params(def, &params);
        raise_arity(I, fname, min, (int)np, &params, npos, loc);
        sb_free(&params);
        return false;
    }
    for (size_t i = 0; i < npos; i++) env_define(local, def->items[i]->name, pos[i]);
    for (size_t j = 0; j < nnamed; j++) {
        SrcLoc at = named_loc ? named_loc[j] : loc;
        long k = param_index(def, names[j]);
        if (k < 0) return raise_unknown_param(I, fname, def, names[j], at);
        Value already;
        if ((size_t)k < npos || env_lookup_local(local, names[j], &already))
            return rt_raise(I, at, _("%s(): argument '%s' is given twice"), fname, names[j]);
        env_define(local, names[j], named[j]);
    }
    for (size_t i = npos; i < np; i++) {
        const Node *p = def->items[i];
        Value v;
        if (env_lookup_local(local, p->name, &v)) continue;
        if (!p->a) {
            StrBuf params;
            sb_init(&params);
            user_params(def, &params);
            rt_raise(I, loc, _("%s() is missing its argument '%s'"), fname, p->name);
            rt_hint(I, _("call it as %s%s"), fname, params.data);
            sb_free(&params);
            return false;
        }
        if (!eval_node(I, local, p->a, &v)) return false;
        env_define(local, p->name, v);
        value_release(v);
    }
    return true;
}

static bool call_user(Interp *I, const FuncObj *f, size_t npos, const Value *pos, size_t nnamed,
                      const char *const *names, const Value *named, const SrcLoc *named_loc,
                      SrcLoc loc, Value *out)
{
    if (I->depth >= MAX_CALL_DEPTH) {
        rt_raise(I, loc, _("too deep: recursion of more than %d calls"), MAX_CALL_DEPTH);
        return rt_hint(
            I, _("check that the recursive function has a case that stops without calling itself"));
    }
    Env *local = env_new(I, f->closure);
    /* Defaults and the body run in the function's file: an error there is
     * followed by "called from" this call (error.c). */
    interp_push_site(I, loc, false);
    bool ok = bind_args(I, f, local, npos, pos, nnamed, names, named, named_loc, loc);
    const TableObj *where_table = I->where_table; /* a body sees its closure, not the columns */
    I->where_table = NULL;
    if (ok) {
        I->depth++;
        ok = eval_node(I, local, f->def->a, out);
        I->depth--;
    }
    I->where_table = where_table;
    interp_pop_site(I);
    env_release(local);
    return ok;
}

bool call_value(Interp *I, Value fn, size_t npos, const Value *pos, const SrcLoc *pos_loc,
                size_t nnamed, const char *const *names, const Value *named,
                const SrcLoc *named_loc, SrcLoc loc, Value *out)
{
    if (!interp_check_interrupt(I, loc)) return false;
    if (fn.kind == V_BUILTIN)
        return call_builtin(I, as_builtin(fn)->reg, npos, pos, pos_loc, nnamed, names, named,
                            named_loc, loc, out);
    if (fn.kind == V_FUNC)
        return call_user(I, as_func(fn), npos, pos, nnamed, names, named, named_loc, loc, out);
    rt_raise(I, loc, _("cannot call %s: only functions can be called"), value_kind_phrase(fn));
    if (fn.kind == V_RECORD || fn.kind == V_OBJECT || fn.kind == V_TABLE)
        rt_hint(I, _("to read a field, write x.name; to index, write x[\"name\"]"));
    return false;
}

/* ---- hooks ------------------------------------------------------------------------- */

void interp_set_hook(Interp *I, InterpHook hook, const BuiltinReg *fn)
{
    if (hook >= 0 && hook < HOOK_COUNT) I->hooks[hook] = fn;
}

bool call_hook(Interp *I, InterpHook hook, size_t n, const Value *args, const SrcLoc *locs,
               SrcLoc loc, Value *out, bool *installed)
{
    const BuiltinReg *reg = hook >= 0 && hook < HOOK_COUNT ? I->hooks[hook] : NULL;
    *installed = reg != NULL;
    if (!reg) return false;
    if (!interp_check_interrupt(I, loc)) return false;
    return call_builtin(I, reg, n, args, locs, 0, NULL, NULL, NULL, loc, out);
}

bool interp_call_hook(Interp *I, InterpHook hook, size_t n, const Value *args, SrcLoc loc,
                      Value *out)
{
    SrcLoc locs[4];
    for (size_t i = 0; i < n && i < 4; i++) locs[i] = loc;
    bool installed;
    bool ok = n <= 4 && call_hook(I, hook, n, args, locs, loc, out, &installed);
    if (!ok && (n > 4 || !installed))
        return rt_raise(I, loc, _("this needs the standard library, which is not loaded")) ||
            rt_hint(I,
                    _("impact loads it itself; a program embedding the interpreter calls "
                      "stdlib_open()"));
    return ok;
}
