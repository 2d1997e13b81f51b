/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* eval_assume.c — assumptions: `assume NAME "Label" = EXPR { source = "...",
 * range = LOW to HIGH }`.
 *
 * Contract (internal.h, interp.h): an assumption is a named judgement (one
 * deadweight for every employment outcome) that a model's fields read by
 * its name.  Declared inside a model it is bound in the model's own scope;
 * declared at the top level of a file it is bound like a `let` and also kept
 * on the interpreter, so that a model reading it (`deadweight = dw`, or
 * `lib.dw` from a library) knows it uses it.
 *
 * While a model's fields are evaluated, an AssumeWatch records which
 * assumptions each field reads (eval.c calls assume_watch_read() whenever a
 * name or a module's member is read).  `M with { dw = x }` evaluates again
 * the fields that read dw, with x read in its place
 * (interp_eval_assumed()): the copy is exactly the model written with x in
 * each place, and every other field keeps its value and its random stream.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/internal.h"
#include "runtime/eval.h"
#include "runtime/mem.h"

/* ---- reading an assumption ------------------------------------------------------------ */

static const TopAssume *top_assume_of(Interp *I, const Env *env, const char *name)
{
    for (size_t i = I->n_top_assumes; i-- > 0;)
        if (I->top_assumes[i].env == env && strcmp(I->top_assumes[i].a.name, name) == 0)
            return &I->top_assumes[i];
    return NULL;
}

/* The index of the model's assumption read from `found`, or -1. */
static int watched_index(Interp *I, AssumeWatch *W, const Env *found, const char *name)
{
    if (found == W->scope) {
        for (size_t i = 0; i < *W->n_assumes; i++)
            if (!W->assumes[i].top_level && strcmp(W->assumes[i].name, name) == 0) return (int)i;
        return -1;
    }
    const TopAssume *t = top_assume_of(I, found, name);
    if (!t) return -1;
    for (size_t i = 0; i < *W->n_assumes; i++) {
        const DeclAssume *a = &W->assumes[i];
        if (a->top_level && strcmp(a->name, name) == 0 && a->loc.file == t->a.loc.file &&
            a->loc.line == t->a.loc.line && a->loc.col == t->a.loc.col)
            return (int)i;
    }
    if (!W->can_add) return -1;
    if (*W->n_assumes >= DECL_ASSUME_MAX) {
        W->too_many = true;
        return -1;
    }
    DeclAssume *a = &W->assumes[(*W->n_assumes)++];
    *a = t->a;
    a->uses = 0;
    value_retain(a->value);
    value_retain(a->range);
    return (int)(*W->n_assumes - 1);
}

void assume_watch_read(Interp *I, const Env *found, const char *name, Value *v)
{
    AssumeWatch *W = I->assume_watch;
    if (!W) return;
    int i = watched_index(I, W, found, name);
    if (i < 0) return;
    W->used |= (uint64_t)1 << i;
    if (W->values) *v = W->values[i];
}

/* ---- one declaration ------------------------------------------------------------------ */

void assume_release(DeclAssume *a)
{
    value_release(a->value);
    value_release(a->range);
    a->value = value_nil();
    a->range = value_nil();
}

static bool is_number_like(Value v)
{
    return v.kind == V_NUM || v.kind == V_DIST;
}

/* `range = 10% to 30%` (or `[10%, 30%]`): two numbers of the assumption's
 * kind, the lower first.  `a to b` is read as its two ends here, not as the
 * distribution it is elsewhere. */
static bool eval_range(Interp *I, Env *env, const Node *f, DeclAssume *a)
{
    Value lo = value_nil(), hi = value_nil();
    const Node *e = f->a;
    bool ok;
    if (e->kind == N_BINARY && e->oper == OP_TO) {
        ok = eval_node(I, env, e->a, &lo) && eval_node(I, env, e->b, &hi);
    } else if (e->kind == N_LIST && e->n_items == 2) {
        ok = eval_node(I, env, e->items[0], &lo) && eval_node(I, env, e->items[1], &hi);
    } else {
        rt_raise(I, f->loc,
                 _("the range of assumption '%s' is two numbers: its lowest and its "
                   "highest plausible value"),
                 a->name);
        return rt_hint(I, _("write range = 10%% to 30%%"));
    }
    if (ok &&
        (lo.kind != V_NUM || hi.kind != V_NUM || !dim_equal(lo.dim, hi.dim) ||
         !dim_equal(lo.dim, a->value.dim) || !(lo.as.num < hi.as.num))) {
        rt_raise(I, f->a->loc,
                 _("the range of assumption '%s' must be two fixed numbers in the assumption's "
                   "unit, the lower first"),
                 a->name);
        rt_hint(I, _("write range = 10%% to 30%%"));
        ok = false;
    }
    if (ok) {
        a->range = value_list_new(2);
        list_push_take(a->range, lo);
        list_push_take(a->range, hi);
        return true;
    }
    value_release(lo);
    value_release(hi);
    return false;
}

static bool eval_option(Interp *I, Env *env, const Node *f, DeclAssume *a)
{
    if (strcmp(f->name, "range") == 0) {
        if (a->range.kind != V_NIL) goto twice;
        return eval_range(I, env, f, a);
    }
    if (strcmp(f->name, "source") == 0) {
        if (a->source) goto twice;
        if (f->a->kind != N_STRING) {
            rt_raise(I, f->a->loc, _("the source of assumption '%s' is a text in quotes"), a->name);
            return rt_hint(I, _("write source = \"DARES 2023, table 4\""));
        }
        a->source = f->a->str;
        return true;
    }
    static const char *const options[] = { "source", "range" };
    const char *s = rt_suggest(f->name, options, 2);
    if (s)
        rt_raise(I, f->loc, _("unknown option '%s' of assumption '%s' — did you mean '%s'?"),
                 f->name, a->name, s);
    else
        rt_raise(I, f->loc, _("unknown option '%s' of assumption '%s'"), f->name, a->name);
    return rt_hint(I, _("an assumption takes source = \"...\" and range = LOW to HIGH"));
twice:
    return rt_raise(I, f->loc, _("'%s' is given twice in assumption '%s': remove one of them"),
                    f->name, a->name);
}

bool assume_eval(Interp *I, Env *env, const Node *n, const char *binding, DeclAssume *a)
{
    memset(a, 0, sizeof *a);
    a->name = n->name;
    a->label = n->str;
    a->loc = n->loc;
    a->expr = n->a;
    a->value = value_nil();
    a->range = value_nil();
    interp_set_binding(I, binding);
    if (!eval_node(I, env, n->a, &a->value)) return false;
    if (!is_number_like(a->value)) {
        rt_raise(I, n->a->loc, _("assumption '%s' must be a number or a distribution (here: %s)"),
                 n->name, value_kind_name(a->value));
        return rt_hint(I,
                       _("write for example assume dw \"Deadweight\" = 25%% or = pert(15%%, "
                         "25%%, 40%%)"));
    }
    for (size_t i = 0; i < n->n_items; i++)
        if (!eval_option(I, env, n->items[i], a)) return false;
    return true;
}

/* ---- at the top level of a file ------------------------------------------------------- */

bool eval_assume_stmt(Interp *I, Env *env, const Node *n, Value *out)
{
    *out = value_nil();
    const RunFrame *f = interp_frame(I);
    if (!f || f->top != env)
        return rt_raise(I, n->loc,
                        _("'assume' goes at the top level of a file or inside a model")) ||
            rt_hint(I, _("move the assumption out of the block"));
    DeclAssume a;
    if (!assume_eval(I, env, n, n->name, &a)) {
        assume_release(&a);
        return false;
    }
    interp_note_binding(I, n->name, n->loc, "value");
    env_define(env, n->name, a.value);
    a.top_level = true;
    for (size_t i = 0; i < I->n_top_assumes; i++) {
        TopAssume *t = &I->top_assumes[i];
        if (t->env == env && strcmp(t->a.name, n->name) == 0) {
            /* declared again (the REPL): what follows reads the new one */
            assume_release(&t->a);
            t->a = a;
            return true;
        }
    }
    if (I->n_top_assumes == I->cap_top_assumes) {
        I->cap_top_assumes = I->cap_top_assumes ? 2 * I->cap_top_assumes : 8;
        I->top_assumes = xrealloc(I->top_assumes, I->cap_top_assumes * sizeof *I->top_assumes);
    }
    I->top_assumes[I->n_top_assumes++] = (TopAssume){ env, a };
    return true;
}

void assumes_free(Interp *I)
{
    for (size_t i = 0; i < I->n_top_assumes; i++) assume_release(&I->top_assumes[i].a);
    free(I->top_assumes);
    I->top_assumes = NULL;
    I->n_top_assumes = I->cap_top_assumes = 0;
}

/* ---- a model's assumptions -------------------------------------------------------------- */

void assume_warn_unused(Interp *I, const ModelDecl *d)
{
    uint64_t used = 0;
    for (size_t i = 0; i < d->n_settings; i++) used |= d->settings[i].uses;
    for (size_t i = 0; i < d->n_entries; i++) {
        used |= d->entries[i].value_uses;
        for (size_t j = 0; j < d->entries[i].n_fields; j++) used |= d->entries[i].fields[j].uses;
    }
    for (size_t i = d->n_assumes; i-- > 0;)
        if (used & ((uint64_t)1 << i)) used |= d->assumes[i].uses;
    for (size_t i = 0; i < d->n_assumes; i++)
        if (!d->assumes[i].top_level && !(used & ((uint64_t)1 << i)))
            rt_warn(I, d->assumes[i].loc,
                    _("assumption '%s' of model '%s' is used by no field: use it (deadweight = "
                      "%s) or remove it"),
                    d->assumes[i].name, d->name, d->assumes[i].name);
}

void interp_scope_retain(Env *scope)
{
    if (scope) env_retain(scope);
}

void interp_scope_release(Env *scope)
{
    if (scope) env_release(scope);
}

bool interp_eval_assumed(Interp *I, const ModelDecl *d, const Value *values, const Node *expr,
                         const char *binding, uint64_t *uses, Value *out)
{
    *out = value_nil();
    if (!d->scope || !expr)
        return rt_raise(I, d->loc, _("internal error: model '%s' cannot be recomputed"), d->name);
    size_t n = d->n_assumes;
    AssumeWatch W = { (DeclAssume *)d->assumes, &n, d->scope, values, false, 0, false };
    AssumeWatch *saved_watch = I->assume_watch;
    char saved[BINDING_NAME_MAX];
    memcpy(saved, I->binding, sizeof saved);
    unsigned saved_draw = I->draw_index;
    if (d->module)
        snprintf(I->binding, sizeof I->binding, "%s.%s", d->module, binding);
    else
        snprintf(I->binding, sizeof I->binding, "%s", binding);
    I->draw_index = 0;
    I->assume_watch = &W;
    bool ok = eval_node(I, d->scope, expr, out);
    I->assume_watch = saved_watch;
    memcpy(I->binding, saved, sizeof saved);
    I->draw_index = saved_draw;
    *uses = W.used;
    return ok;
}
