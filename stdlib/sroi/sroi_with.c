/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_with.c — scenarios: `M with { path = value }`.
 *
 * Contract: sroi_model_with() copies the model's declaration, applies each
 * override (a setting, an input, an outcome's field, a drop-off profile
 * switched by its rate or curve), rebuilds and re-validates the copy
 * (sroi_build.c), and returns a new model whose name says what changed; an
 * unknown path is a located error with a suggestion.  The original model
 * is never changed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/mem.h"
#include "stdlib/stdlib.h"
#include "stdlib/sroi/sroi_value.h"

static const char *const SETTINGS[] = { "discount", "discounting", "min_cell", "horizon",
                                        "funder_share" };
#define N_SETTINGS (sizeof SETTINGS / sizeof SETTINGS[0])

/* Sets (or adds) field `name` in a field array being rebuilt. */
static void put_field(DeclField **fields, size_t *n, const char *name, Value v, SrcLoc loc)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*fields)[i].name, name) == 0) {
            (*fields)[i].value = v;
            (*fields)[i].loc = loc;
            (*fields)[i].expr = NULL;
            (*fields)[i].uses = 0;
            return;
        }
    *fields = realloc(*fields, sizeof(DeclField) * (*n + 1));
    (*fields)[(*n)++] = (DeclField){ name, v, loc, NULL, 0 };
}

static DeclField *clone_fields(const DeclField *f, size_t n)
{
    DeclField *c = malloc(sizeof(DeclField) * (n + 1));
    if (n) memcpy(c, f, sizeof(DeclField) * n);
    return c;
}

static bool unknown_path(Interp *I, const SroiModel *m, const char *path, SrcLoc loc)
{
    size_t cap = N_SETTINGS + m->decl.n_entries + m->decl.n_assumes;
    const char **cands = malloc(sizeof(char *) * cap);
    size_t n = 0;
    for (size_t k = 0; k < N_SETTINGS; k++) cands[n++] = SETTINGS[k];
    for (size_t i = 0; i < m->decl.n_assumes; i++) cands[n++] = m->decl.assumes[i].name;
    for (size_t i = 0; i < m->decl.n_entries; i++)
        if (strcmp(m->decl.entries[i].keyword, "stakeholder") != 0)
            cands[n++] = m->decl.entries[i].name;
    char head[256];
    snprintf(head, sizeof head, "%.*s", (int)strcspn(path, "."), path);
    const char *s = suggest_name(head, cands, n);
    if (s)
        rt_raise(I, loc, _("model '%s' has no '%s' to change — did you mean '%s'?"), m->decl.name,
                 head, s);
    else
        rt_raise(I, loc, _("model '%s' has no '%s' to change"), m->decl.name, head);
    rt_hint(
        I,
        _("write a setting (discount = 4.5%%), an input (grant = 60_000 EUR) or an outcome's field "
          "(employment.deadweight = 40%%)"));
    free(cands);
    return false;
}

static bool same_loc(SrcLoc a, SrcLoc b)
{
    return a.file == b.file && a.line == b.line && a.col == b.col;
}

/* Removes field `name` of e unless the scenario being built (locations
 * mine[0..n_mine)) set it itself; *removed gets it when there was one. */
static bool drop_base_field(DeclEntry *e, const char *name, const SrcLoc *mine, size_t n_mine,
                            DeclField *removed)
{
    for (size_t i = 0; i < e->n_fields; i++) {
        if (strcmp(e->fields[i].name, name) != 0) continue;
        for (size_t k = 0; k < n_mine; k++)
            if (same_loc(e->fields[i].loc, mine[k])) return false;
        if (removed) *removed = e->fields[i];
        memmove(&e->fields[i], &e->fields[i + 1], sizeof(DeclField) * (e->n_fields - i - 1));
        e->n_fields--;
        return true;
    }
    return false;
}

/* A profile and a drop-off are two ways of writing the decline: a scenario
 * that sets one replaces the other the base model had.  Switching to a
 * profile drops the base's duration too (a profile's length is the
 * duration); switching back to a drop-off keeps the profile's length as the
 * duration unless the scenario sets one. */
static void switch_decline(Interp *I, DeclEntry *e, const char *field, const SrcLoc *mine,
                           size_t n_mine)
{
    if (strcmp(field, "profile") == 0) {
        drop_base_field(e, SROI_FIELDS[OF_DROPOFF].name, mine, n_mine, NULL);
        drop_base_field(e, "duration", mine, n_mine, NULL);
    } else if (strcmp(field, SROI_FIELDS[OF_DROPOFF].name) == 0) {
        DeclField prof;
        if (!drop_base_field(e, "profile", mine, n_mine, &prof) || prof.value.kind != V_LIST)
            return;
        for (size_t i = 0; i < e->n_fields; i++)
            if (strcmp(e->fields[i].name, "duration") == 0) return;
        e->fields = realloc(e->fields, sizeof(DeclField) * (e->n_fields + 1));
        e->fields[e->n_fields++] =
            (DeclField){ "duration", value_num_dim((double)as_list(prof.value)->n, dim_time(I)),
                         prof.loc, NULL, 0 };
    }
}

/* Applies one override to the rebuilt declaration d (arrays owned, strings
 * borrowed); mine[0..n_mine) are the locations of this scenario's overrides. */
static bool apply_override(Interp *I, const SroiModel *m, ModelDecl *d, const char *path, Value v,
                           SrcLoc loc, const SrcLoc *mine, size_t n_mine)
{
    const char *dot = strchr(path, '.');
    if (!dot) {
        for (size_t k = 0; k < N_SETTINGS; k++)
            if (strcmp(path, SETTINGS[k]) == 0) {
                put_field(&d->settings, &d->n_settings, SETTINGS[k], v, loc);
                return true;
            }
    }
    size_t head_len = dot ? (size_t)(dot - path) : strlen(path);
    for (size_t i = 0; i < d->n_entries; i++) {
        DeclEntry *e = &d->entries[i];
        if (strlen(e->name) != head_len || strncmp(e->name, path, head_len) != 0) continue;
        if (strcmp(e->keyword, "stakeholder") == 0) break;
        bool is_input = strcmp(e->keyword, "input") == 0;
        if (is_input && (!dot || strcmp(dot + 1, "amount") == 0)) {
            e->value = v;
            e->value_loc = loc;
            e->value_expr = NULL;
            e->value_uses = 0;
            return true;
        }
        if (!dot)
            return rt_raise(I, loc, _("'%s' is an outcome: say which field to change"), path) ||
                rt_hint(I, _("write %s.deadweight = 40%%"), path);
        switch_decline(I, e, dot + 1, mine, n_mine);
        put_field(&e->fields, &e->n_fields, dot + 1, v, loc);
        return true;
    }
    return unknown_path(I, m, path, loc);
}

static void free_rebuilt(ModelDecl *d)
{
    free(d->settings);
    for (size_t i = 0; i < d->n_entries; i++) free(d->entries[i].fields);
    free(d->entries);
}

/* An uncertain override as its median and 90% interval, in the field's
 * kind (percent, money, years, plain), e.g. "pert-like 41.3% (90%: 32.4% to 53.1%)". */
static void describe_dist(Interp *I, const SroiModel *m, const char *path, Value v, StrBuf *b)
{
    const char *dot = strrchr(path, '.');
    const char *field = dot ? dot + 1 : path;
    int number = sroi_number_field(field);
    char kind =
        (number >= 0 && SROI_FIELDS[number].kind == SROI_SHARE) || strcmp(field, "discount") == 0
        ? '%'
        : 'n';
    if (kind == 'n' && !dim_is_none(v.dim)) {
        if (dim_equal(v.dim, m->money))
            kind = 'm';
        else {
            sb_append(b, "uncertain, median ");
        }
    }
    const DistObj *d = as_dist(v);
    double *owned; /* a field drawn on demand is read, not kept */
    const double *samples = dist_borrow(d, &owned);
    if (kind == 'n' && !dim_is_none(v.dim)) {
        /* a duration or another unit: its median as print shows it */
        Value med = v;
        med.kind = V_NUM;
        SroiFigure f;
        sroi_figure_summary(samples, d->n, NULL, &f);
        med.as.num = f.q[0];
        value_format(I, med, b);
    } else {
        sb_append(b, "uncertain ");
        sroi_format_figure(I, m, samples, d->n, kind, b);
    }
    free(owned);
}

static char *describe_overrides(Interp *I, const SroiModel *base, size_t n, const char **paths,
                                const Value *vals)
{
    StrBuf b;
    sb_init(&b);
    if (base->scenario) sb_printf(&b, "%s, ", base->scenario);
    for (size_t i = 0; i < n; i++) {
        sb_printf(&b, "%s%s = ", i ? ", " : "", paths[i]);
        if (vals[i].kind == V_DIST)
            describe_dist(I, base, paths[i], vals[i], &b);
        else if (vals[i].kind == V_STR)
            sb_printf(&b, "\"%s\"", as_str(vals[i])->data);
        else
            value_format(I, vals[i], &b);
    }
    return b.len ? sb_take(&b) : (sb_free(&b), NULL); /* `M with { }` changes nothing */
}

bool sroi_rebuild_with(Interp *I, const SroiModel *m, size_t n, const char **paths,
                       const Value *vals, const SrcLoc *locs, SroiModel **out)
{
    ModelDecl d = m->decl;
    d.settings = clone_fields(m->decl.settings, m->decl.n_settings);
    d.entries = malloc(sizeof(DeclEntry) * (m->decl.n_entries + 1));
    for (size_t i = 0; i < m->decl.n_entries; i++) {
        d.entries[i] = m->decl.entries[i];
        d.entries[i].fields = clone_fields(m->decl.entries[i].fields, m->decl.entries[i].n_fields);
    }
    /* assumptions first: a field the scenario sets too wins */
    bool *done = xcalloc(n ? n : 1, sizeof *done);
    Value *owned;
    size_t n_owned;
    bool ok = sroi_with_assumptions(I, &d, n, paths, vals, locs, done, &owned, &n_owned);
    for (size_t i = 0; ok && i < n; i++)
        if (!done[i]) ok = apply_override(I, m, &d, paths[i], vals[i], locs[i], locs, n);
    free(done);
    SroiModel *copy = NULL;
    if (ok) {
        /* The copy warns only about what the scenario changed, and about its
         * ratio only when the base model did not already. */
        double base_ratio = sroi_eval_point(m, m->central, SROI_RATIO);
        SroiWarnScope scope = { locs, n, !(base_ratio > 30) };
        ok = sroi_model_new(I, &d, &scope, m, &copy);
    }
    free_rebuilt(&d);
    if (d.assumes != m->decl.assumes) free(d.assumes);
    for (size_t i = 0; i < n_owned; i++) value_release(owned[i]);
    free(owned);
    if (!ok) return false;
    copy->scenario = describe_overrides(I, m, n, paths, vals);
    *out = copy;
    return true;
}
