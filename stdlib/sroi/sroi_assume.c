/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_assume.c — a model's assumptions: copied with its declaration,
 * checked against its other names, changed by a scenario, and listed with
 * the outcomes that use them.
 *
 * Contract (sroi_internal.h): the runtime evaluates `assume NAME = EXPR`
 * and records, for every field, which assumptions its expression read
 * (DeclField.uses, a bit per assumption).  `M with { dw = x }` sets the
 * assumption and evaluates again, in the model's scope and under the same
 * random stream names, every assumption and field that read it, directly or
 * through another assumption (interp_eval_assumed): the copy is the model
 * that would have been declared with x written in each of those places.  A
 * field set by the same scenario (`jobs.deadweight = 10%`) is applied after
 * and wins for that field.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/mem.h"
#include "stdlib/sroi/sroi_internal.h"

#define BIT(i) ((uint64_t)1 << (i))

void sroi_assumes_copy(ModelDecl *dst, const ModelDecl *src)
{
    dst->assumes = src->n_assumes ? xcalloc(src->n_assumes, sizeof(DeclAssume)) : NULL;
    dst->n_assumes = src->n_assumes;
    for (size_t i = 0; i < src->n_assumes; i++) {
        DeclAssume *a = &dst->assumes[i];
        *a = src->assumes[i];
        a->name = xstrdup(a->name);
        a->label = a->label ? xstrdup(a->label) : NULL;
        a->source = a->source ? xstrdup(a->source) : NULL;
        value_retain(a->value);
        value_retain(a->range);
    }
    dst->module = src->module ? xstrdup(src->module) : NULL;
    interp_scope_retain(dst->scope);
}

void sroi_assumes_free(ModelDecl *d)
{
    for (size_t i = 0; i < d->n_assumes; i++) {
        DeclAssume *a = &d->assumes[i];
        free((char *)a->name);
        free((char *)a->label);
        free((char *)a->source);
        value_release(a->value);
        value_release(a->range);
    }
    free(d->assumes);
    free((char *)d->module);
    interp_scope_release(d->scope);
    d->assumes = NULL;
    d->n_assumes = 0;
    d->module = NULL;
    d->scope = NULL;
}

int sroi_assume_index(const ModelDecl *d, const char *name)
{
    for (size_t i = 0; i < d->n_assumes; i++)
        if (strcmp(d->assumes[i].name, name) == 0) return (int)i;
    return -1;
}

bool sroi_assumes_check(Interp *I, const ModelDecl *d)
{
    static const char *const settings[] = { "discount", "discounting", "min_cell", "horizon",
                                            "scale" };
    for (size_t i = 0; i < d->n_assumes; i++) {
        const DeclAssume *a = &d->assumes[i];
        for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++)
            if (strcmp(a->name, settings[k]) == 0)
                return rt_raise(I, a->loc,
                                _("assumption '%s' has the name of a setting of model '%s'"),
                                a->name, d->name) ||
                    rt_hint(I, _("give the assumption another name, e.g. %s_rate"), a->name);
        for (size_t k = 0; k < d->n_entries; k++)
            if (strcmp(a->name, d->entries[k].name) == 0)
                return rt_raise(I, a->loc,
                                _("assumption '%s' has the name of %s '%s' of model '%s' (at "
                                  "%s:%d)"),
                                a->name, d->entries[k].keyword, a->name, d->name,
                                d->entries[k].loc.file, d->entries[k].loc.line) ||
                    rt_hint(I, _("give the assumption another name"));
        for (size_t k = 0; k < i; k++)
            if (strcmp(a->name, d->assumes[k].name) == 0)
                return rt_raise(I, a->loc,
                                _("model '%s' reads two assumptions named '%s' (at %s:%d and "
                                  "%s:%d)"),
                                d->name, a->name, d->assumes[k].loc.file, d->assumes[k].loc.line,
                                a->loc.file, a->loc.line) ||
                    rt_hint(I, _("give one of them another name"));
    }
    return true;
}

uint64_t sroi_assume_closure(const ModelDecl *d, uint64_t uses)
{
    for (size_t i = d->n_assumes; i-- > 0;)
        if (uses & BIT(i)) uses |= d->assumes[i].uses;
    return uses;
}

uint64_t sroi_entry_assumptions(const ModelDecl *d, const char *name)
{
    for (size_t i = 0; i < d->n_entries; i++) {
        const DeclEntry *e = &d->entries[i];
        if (strcmp(e->name, name) != 0) continue;
        uint64_t uses = e->value_uses;
        for (size_t j = 0; j < e->n_fields; j++) uses |= e->fields[j].uses;
        return sroi_assume_closure(d, uses);
    }
    return 0;
}

uint64_t sroi_settings_assumptions(const ModelDecl *d)
{
    uint64_t uses = 0;
    for (size_t j = 0; j < d->n_settings; j++) uses |= d->settings[j].uses;
    return sroi_assume_closure(d, uses);
}

/* ---- scenarios ------------------------------------------------------------------------- */

typedef struct Recompute {
    Interp *I;
    ModelDecl *d;  /* the copy being rebuilt: arrays owned, values borrowed */
    Value *values; /* each assumption's value in the copy */
    uint64_t changed;
    Value *owned; /* new references to release once the copy is built */
    size_t n_owned;
} Recompute;

static void keep(Recompute *R, Value v)
{
    R->owned = xrealloc(R->owned, (R->n_owned + 1) * sizeof *R->owned);
    R->owned[R->n_owned++] = v;
}

/* Field f, whose stream is `binding`, evaluated again when it read a changed
 * assumption. */
static bool recompute_field(Recompute *R, DeclField *f, const char *binding)
{
    if (!f->expr || !(sroi_assume_closure(R->d, f->uses) & R->changed)) return true;
    Value v;
    uint64_t uses;
    if (!interp_eval_assumed(R->I, R->d, R->values, f->expr, binding, &uses, &v)) return false;
    keep(R, v);
    f->value = v;
    f->uses = uses;
    return true;
}

static bool recompute_entries(Recompute *R)
{
    ModelDecl *d = R->d;
    char binding[512];
    for (size_t i = 0; i < d->n_settings; i++) {
        snprintf(binding, sizeof binding, "%s.%s", d->name, d->settings[i].name);
        if (!recompute_field(R, &d->settings[i], binding)) return false;
    }
    for (size_t i = 0; i < d->n_entries; i++) {
        DeclEntry *e = &d->entries[i];
        if (e->value_expr && (sroi_assume_closure(d, e->value_uses) & R->changed)) {
            snprintf(binding, sizeof binding, "%s.%s", d->name, e->name);
            DeclField f = { e->name, e->value, e->value_loc, e->value_expr, e->value_uses };
            if (!recompute_field(R, &f, binding)) return false;
            e->value = f.value;
            e->value_uses = f.uses;
        }
        for (size_t j = 0; j < e->n_fields; j++) {
            snprintf(binding, sizeof binding, "%s.%s.%s", d->name, e->name, e->fields[j].name);
            if (!recompute_field(R, &e->fields[j], binding)) return false;
        }
    }
    return true;
}

/* The model's own assumptions that read a changed one, in order. */
static bool recompute_assumptions(Recompute *R)
{
    ModelDecl *d = R->d;
    char binding[512];
    for (size_t i = 0; i < d->n_assumes; i++) {
        DeclAssume *a = &d->assumes[i];
        if (a->top_level || !a->expr || (R->changed & BIT(i)) || !(a->uses & R->changed)) continue;
        snprintf(binding, sizeof binding, "%s.%s", d->name, a->name);
        Value v;
        uint64_t uses;
        if (!interp_eval_assumed(R->I, d, R->values, a->expr, binding, &uses, &v)) return false;
        keep(R, v);
        a->value = R->values[i] = v;
        R->changed |= BIT(i);
    }
    return true;
}

bool sroi_with_assumptions(Interp *I, ModelDecl *d, size_t n, const char **paths, const Value *vals,
                           const SrcLoc *locs, bool *done, Value **owned, size_t *n_owned)
{
    *owned = NULL;
    *n_owned = 0;
    if (!d->n_assumes) return true;
    /* the copy's own array of assumptions (values borrowed) */
    DeclAssume *copy = xcalloc(d->n_assumes, sizeof *copy);
    memcpy(copy, d->assumes, d->n_assumes * sizeof *copy);
    d->assumes = copy;
    Recompute R = { I, d, xcalloc(d->n_assumes, sizeof(Value)), 0, NULL, 0 };
    for (size_t i = 0; i < d->n_assumes; i++) R.values[i] = d->assumes[i].value;
    for (size_t k = 0; k < n; k++) {
        int i = sroi_assume_index(d, paths[k]);
        if (i < 0) continue;
        done[k] = true;
        if (vals[k].kind != V_NUM && vals[k].kind != V_DIST) {
            rt_raise(I, locs[k],
                     _("assumption '%s' must be set to a number or a distribution (here: %s)"),
                     paths[k], value_kind_name(vals[k]));
            free(R.values);
            return false;
        }
        d->assumes[i].value = R.values[i] = vals[k];
        d->assumes[i].expr = NULL;
        d->assumes[i].set_loc = locs[k];
        R.changed |= BIT(i);
    }
    bool ok = !R.changed || (recompute_assumptions(&R) && recompute_entries(&R));
    free(R.values);
    *owned = R.owned;
    *n_owned = R.n_owned;
    return ok;
}

/* ---- for sensitivity analysis ----------------------------------------------------------- */

size_t sroi_assumption_count(const SroiModel *m)
{
    return m->decl.n_assumes;
}

const DeclAssume *sroi_assumption(const SroiModel *m, size_t i)
{
    return &m->decl.assumes[i];
}

bool sroi_assumption_used(const SroiModel *m, size_t i)
{
    uint64_t used = sroi_settings_assumptions(&m->decl);
    for (size_t k = 0; k < m->decl.n_entries; k++)
        used |= sroi_entry_assumptions(&m->decl, m->decl.entries[k].name);
    return (used & BIT(i)) != 0;
}

/* Whether field `name` of fields reads an assumption. */
static bool field_assumed(const DeclField *fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i].name, name) == 0) return fields[i].uses != 0;
    return false;
}

bool sroi_param_assumed(const SroiModel *m, size_t k)
{
    const SroiParam *p = &m->params[k];
    const ModelDecl *d = &m->decl;
    if (p->kind == PARAM_DISCOUNT) return field_assumed(d->settings, d->n_settings, "discount");
    const char *entry = p->outcome >= 0 ? m->outcomes[p->outcome].name
        : p->input >= 0                 ? m->inputs[p->input].name
                                        : NULL;
    for (size_t i = 0; entry && i < d->n_entries; i++) {
        const DeclEntry *e = &d->entries[i];
        if (strcmp(e->name, entry) != 0) continue;
        if (p->kind == PARAM_INPUT) return e->value_uses != 0;
        return field_assumed(e->fields, e->n_fields, SROI_FIELDS[p->kind].name);
    }
    return false;
}
