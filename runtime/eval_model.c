/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* eval_model.c — `T where COND`, `T by KEY`, `A with { path = value }` and
 * `model NAME "Title" { ... }`.
 *
 * Contract: see eval_model.h.  `where` and `by` evaluate their right side
 * once, in a scope where every column of the table is bound to its whole
 * column (so `people where age >= 26` is one whole-array comparison).  `by`
 * delegates grouping to the HOOK_GROUP_BY built-in (group_by of stdlib/data);
 * models are built by the ModelBuilder that stdlib installs.  Overrides and
 * model fields are evaluated under qualified binding names
 * ("artisans.employment.deadweight") so random streams stay stable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/internal.h"
#include "runtime/eval.h"
#include "runtime/eval_model.h"
#include "runtime/vector.h"
#include "runtime/mem.h"

/* ---- texts in several languages -------------------------------------------------------- */

bool interp_translated_text(Interp *I, Value v, Value *out)
{
    if (v.kind != V_RECORD) return false;
    const RecordObj *r = as_record(v);
    if (r->n == 0) return false;
    for (size_t i = 0; i < r->n; i++) {
        Language lang;
        if (strlen(r->keys[i]) != 2 || !i18n_parse_language(r->keys[i], &lang) ||
            r->vals[i].kind != V_STR)
            return false;
    }
    const char *want = i18n_code(I->settings.language);
    Value pick = r->vals[0];
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->keys[i], want) == 0) pick = r->vals[i];
    value_retain(pick);
    *out = pick;
    return true;
}

/* A field given as a text per language holds the run's language's text. */
static void take_translation(Interp *I, Value *v)
{
    Value text;
    if (!interp_translated_text(I, *v, &text)) return;
    value_release(*v);
    *v = text;
}

/* ---- where / by ------------------------------------------------------------------- */

static Env *column_scope(Interp *I, Env *env, const TableObj *t)
{
    Env *scope = env_new(I, env);
    for (size_t i = 0; i < t->ncols; i++) {
        Value col = table_column_value(t, i);
        env_define(scope, t->names[i], col);
        value_release(col);
    }
    return scope;
}

/* The right side of `A where COND` or `A by KEY` (n->b) for the value a of
 * its left side: with a's columns in scope when a is a table (and a named
 * for the messages), in env otherwise. */
static bool eval_right_of(Interp *I, Env *env, const Node *n, Value a, Value *out)
{
    if (a.kind != V_TABLE) return eval_node(I, env, n->b, out);
    Env *scope = column_scope(I, env, as_table(a));
    const TableObj *saved = I->where_table;
    const char *saved_name = I->where_name;
    I->where_table = as_table(a);
    I->where_name = n->a->kind == N_NAME ? n->a->name : NULL;
    bool ok = eval_node(I, scope, n->b, out);
    I->where_table = saved;
    I->where_name = saved_name;
    env_release(scope);
    return ok;
}

/* The condition as a boolean column of n rows (a single true/false applies
 * to every row).  Returns a new reference in *mask. */
static bool condition_mask(Interp *I, Value cond, size_t n, SrcLoc loc, Value *mask)
{
    if (cond.kind == V_BOOL) {
        *mask = value_column_new(COL_BOOL, n);
        memset(as_column(*mask)->bools, cond.as.boolean ? 1 : 0, n);
        return true;
    }
    if (cond.kind == V_COLUMN && as_column(cond)->type == COL_BOOL) {
        if (as_column(cond)->n != n)
            return rt_raise(I, loc, _("the condition has %zu rows but the data has %zu"),
                            as_column(cond)->n, n);
        value_retain(cond);
        *mask = cond;
        return true;
    }
    if (cond.kind == V_DIST && (cond.flags & VF_BOOLDIST))
        return rt_raise(I, loc,
                        _("the condition after 'where' is uncertain: it cannot select rows"));
    rt_raise(I, loc, _("the condition after 'where' must be true or false for each row, got %s"),
             value_kind_name(cond));
    return rt_hint(I, _("compare a column with a value, e.g. people where age >= 26"));
}

/* A name written in the condition that is not a column of t but resembles
 * one (`statuts` for the column `statut`): it was found among the program's
 * names instead.  Sets *column to the column it resembles. */
static const Node *name_like_column(const Node *e, const TableObj *t, const char **column)
{
    if (!e) return NULL;
    if (e->kind == N_NAME) {
        for (size_t i = 0; i < t->ncols; i++)
            if (!strcmp(t->names[i], e->name)) return NULL;
        *column = rt_suggest(e->name, (const char *const *)t->names, t->ncols);
        return *column ? e : NULL;
    }
    const Node *hit = name_like_column(e->a, t, column);
    if (!hit) hit = name_like_column(e->b, t, column);
    if (!hit) hit = name_like_column(e->c, t, column);
    for (size_t i = 0; !hit && i < e->n_items; i++) hit = name_like_column(e->items[i], t, column);
    return hit;
}

/* The first name e reads (a column or a name of the program), or NULL. */
static const Node *first_name(const Node *e)
{
    if (!e || e->kind == N_NAME) return e;
    const Node *hit = first_name(e->a);
    if (!hit) hit = first_name(e->b);
    if (!hit) hit = first_name(e->c);
    for (size_t i = 0; !hit && i < e->n_items; i++) hit = first_name(e->items[i]);
    return hit;
}

/* `T where COND` whose COND is one true or false for the whole table reads
 * no column, so it keeps every row (or none).  Written so (`T where true`)
 * that is what is meant; with a name of the program that resembles a column
 * (`let statuts = ...` then `T where statuts == "CDI"`) it is a misspelt
 * column: refused at that name; with other names, a warning says that the
 * filter selects nothing.  False after rt_raise. */
static bool constant_condition(Interp *I, const Node *n, const TableObj *t, bool keeps_all)
{
    const char *column = NULL;
    const Node *name = name_like_column(n->b, t, &column);
    if (name) {
        rt_raise(I, name->loc,
                 _("'%s' is not a column of the table but a name of your program, so the "
                   "condition after 'where' is the same for every row — did you mean the column "
                   "'%s'?"),
                 name->name, column);
        return rt_hint(I,
                       _("write the column's name as the table spells it; a condition that "
                         "reads no column keeps every row or none"));
    }
    const Node *first = first_name(n->b);
    if (first)
        rt_warn(I, first->loc,
                keeps_all ? _("the condition after 'where' reads no column of the table: it is "
                              "true for every row, so every row is kept")
                          : _("the condition after 'where' reads no column of the table: it is "
                              "false for every row, so no row is kept"));
    return true;
}

bool eval_where(Interp *I, Env *env, const Node *n, Value *out)
{
    Value a;
    if (!eval_node(I, env, n->a, &a)) return false;
    if (a.kind != V_TABLE && a.kind != V_COLUMN) {
        rt_raise(I, n->loc, _("'where' filters a table or a column, not %s"), value_kind_name(a));
        if (a.kind == V_LIST)
            rt_hint(I, _("to filter a list, use filter(list, fn(x) = condition)"));
        value_release(a);
        return false;
    }
    Value cond, mask;
    bool ok = eval_right_of(I, env, n, a, &cond);
    if (!ok) {
        value_release(a);
        return false;
    }
    size_t rows = a.kind == V_TABLE ? as_table(a)->nrows : as_column(a)->n;
    if (a.kind == V_TABLE && cond.kind == V_BOOL)
        ok = constant_condition(I, n, as_table(a), cond.as.boolean);
    if (ok) ok = condition_mask(I, cond, rows, n->b->loc, &mask);
    if (ok) {
        *out = a.kind == V_TABLE ? table_filter(a, as_column(mask))
                                 : column_filter(a, as_column(mask));
        value_release(mask);
    }
    value_release(cond);
    value_release(a);
    return ok;
}

bool eval_by(Interp *I, Env *env, const Node *n, Value *out)
{
    Value a, key;
    if (!eval_node(I, env, n->a, &a)) return false;
    bool ok = eval_right_of(I, env, n, a, &key), installed = true;
    if (ok) {
        Value args[2] = { a, key };
        SrcLoc locs[2] = { n->a->loc, n->b->loc };
        ok = call_hook(I, HOOK_GROUP_BY, 2, args, locs, n->loc, out, &installed);
        value_release(key);
    }
    value_release(a);
    if (!installed)
        return rt_raise(I, n->loc, _("grouping is not available")) ||
            rt_hint(I, _("grouping needs the table functions of the standard library"));
    return ok;
}

/* ---- with --------------------------------------------------------------------------- */

/* A copy of rec with the field at path (dotted) set to v. */
static bool record_with(Interp *I, Value rec, const char *path, Value v, SrcLoc loc, Value *out)
{
    const RecordObj *r = as_record(rec);
    const char *dot = strchr(path, '.');
    size_t keylen = dot ? (size_t)(dot - path) : strlen(path);
    char key[256];
    snprintf(key, sizeof key, "%.*s", (int)keylen, path);
    Value old;
    if (!record_get(rec, key, &old)) {
        get_field(I, rec, key, loc, &old); /* raises "record has no field ..." */
        return false;
    }
    Value replacement;
    if (dot) {
        if (old.kind != V_RECORD) {
            return rt_raise(I, loc, _("'%s' is %s, not a record: cannot set '%s' inside it"), key,
                            value_kind_phrase(old), dot + 1);
        }
        if (!record_with(I, old, dot + 1, v, loc, &replacement)) return false;
    } else {
        value_retain(v);
        replacement = v;
    }
    Value copy = value_record_new();
    for (size_t i = 0; i < r->n; i++) {
        value_retain(r->vals[i]);
        record_set_take(copy, r->keys[i], r->vals[i], r->locs[i]);
    }
    record_set_take(copy, key, replacement, loc);
    *out = copy;
    return true;
}

/* The name of a record or model, to qualify override binding names. */
static void object_name(Interp *I, Value v, char *buf, size_t size)
{
    buf[0] = '\0';
    Value name;
    if (v.kind == V_RECORD) {
        if (record_get(v, "name", &name) && name.kind == V_STR)
            snprintf(buf, size, "%s", as_str(name)->data);
        return;
    }
    if (v.kind != V_OBJECT) return;
    ForeignObj *f = as_foreign(v);
    if (f->cls && f->cls->get_field && !I->has_error) {
        if (f->cls->get_field(I, f, "name", (SrcLoc){ 0 }, &name)) {
            if (name.kind == V_STR) snprintf(buf, size, "%s", as_str(name)->data);
            value_release(name);
        } else {
            interp_clear_error(I);
        }
    }
    if (!buf[0] && f->cls) snprintf(buf, size, "%s", f->cls->name);
}

static bool apply_with(Interp *I, Value a, size_t k, const char **paths, const Value *vals,
                       const SrcLoc *locs, SrcLoc loc, Value *out)
{
    if (a.kind == V_OBJECT) {
        ForeignObj *f = as_foreign(a);
        if (f->cls && f->cls->with) return f->cls->with(I, f, k, paths, vals, locs, loc, out);
        return rt_raise(I, loc, _("%s cannot be changed with 'with'"), value_kind_phrase(a));
    }
    if (a.kind != V_RECORD) {
        rt_raise(I, loc, _("'with' makes a changed copy of a record or a model, not of %s"),
                 value_kind_name(a));
        if (a.kind == V_TABLE)
            rt_hint(I, _("to add or change a column, use derive(table, name: expression)"));
        return false;
    }
    Value cur = a;
    value_retain(cur);
    for (size_t i = 0; i < k; i++) {
        Value next;
        if (!record_with(I, cur, paths[i], vals[i], locs[i], &next)) {
            value_release(cur);
            return false;
        }
        value_release(cur);
        cur = next;
    }
    *out = cur;
    return true;
}

bool eval_with(Interp *I, Env *env, const Node *n, Value *out)
{
    Value a;
    if (!eval_node(I, env, n->a, &a)) return false;
    size_t k = n->n_items;
    const char **paths = calloc(k ? k : 1, sizeof *paths);
    Value *vals = calloc(k ? k : 1, sizeof *vals);
    SrcLoc *locs = calloc(k ? k : 1, sizeof *locs);
    if (!paths || !vals || !locs) rt_out_of_memory();
    char owner[200], binding[BINDING_NAME_MAX + 8];
    object_name(I, a, owner, sizeof owner);
    /* Keep the enclosing binding's name and draw counter for what follows. */
    char saved[BINDING_NAME_MAX];
    memcpy(saved, I->binding, sizeof saved);
    unsigned saved_draw = I->draw_index;
    bool ok = true;
    for (size_t i = 0; i < k && ok; i++) {
        const Node *f = n->items[i];
        paths[i] = f->name;
        locs[i] = f->loc;
        if (owner[0]) {
            snprintf(binding, sizeof binding, "%s.%s", owner, f->name);
            interp_set_binding(I, binding);
        } else
            interp_set_binding(I, f->name);
        ok = eval_node(I, env, f->a, &vals[i]);
        if (ok) take_translation(I, &vals[i]); /* a label or a text per language */
    }
    memcpy(I->binding, saved, sizeof saved);
    I->draw_index = saved_draw;
    if (ok) ok = apply_with(I, a, k, paths, vals, locs, n->loc, out);
    for (size_t i = 0; i < k; i++) value_release(vals[i]);
    free(paths);
    free(vals);
    free(locs);
    value_release(a);
    return ok;
}

/* `label = TEXT` (or a text per language) inside an entry's braces: the
 * entry's label, kept apart from the fields the model builder reads. */
static bool take_label(Interp *I, DeclEntry *e, DeclField *f)
{
    if (f->value.kind != V_STR) {
        rt_raise(I, f->loc, _("the label of %s '%s' must be a text, or a text per language"),
                 e->keyword, e->name);
        value_release(f->value);
        return rt_hint(I,
                       _("write label = \"Bien-être\", or label = {fr: \"Bien-être\", en: "
                         "\"Wellbeing\"}"));
    }
    value_release(e->label_value);
    e->label_value = f->value;
    e->label = as_str(f->value)->data;
    return true;
}

/* `title = TEXT` (or a text per language) among a model's settings: its
 * title, in place of the one in quotes after its name. */
static bool take_title(Interp *I, ModelDecl *d, DeclField *f, Value *title)
{
    if (f->value.kind != V_STR) {
        rt_raise(I, f->loc, _("the title of model '%s' must be a text, or a text per language"),
                 d->name);
        value_release(f->value);
        *f = (DeclField){ 0 };
        return rt_hint(I, _("write title = {fr: \"Mon modèle\", en: \"My model\"}"));
    }
    value_release(*title);
    *title = f->value;
    d->title = as_str(f->value)->data;
    *f = (DeclField){ 0 };
    return true;
}

/* ---- model ---------------------------------------------------------------------------- */

/* Evaluates e under binding, recording in *uses the assumptions it reads. */
static bool eval_watched(Interp *I, Env *env, const Node *e, const char *binding, uint64_t *uses,
                         Value *out)
{
    interp_set_binding(I, binding);
    if (I->assume_watch) I->assume_watch->used = 0;
    bool ok = eval_node(I, env, e, out);
    if (I->assume_watch) *uses = I->assume_watch->used;
    return ok;
}

static bool eval_field_named(Interp *I, Env *env, const Node *f, const char *binding,
                             DeclField *out)
{
    out->name = f->name;
    out->loc = f->loc;
    out->expr = f->a;
    return eval_watched(I, env, f->a, binding, &out->uses, &out->value);
}

static bool eval_entry(Interp *I, Env *env, const char *model, const Node *d, DeclEntry *e)
{
    char binding[BINDING_NAME_MAX];
    e->keyword = d->op;
    e->name = d->name;
    e->label = d->str;
    e->for_name = d->b ? d->b->name : NULL;
    if (d->b) e->for_loc = d->b->loc;
    e->loc = d->loc;
    if (d->a) {
        snprintf(binding, sizeof binding, "%s.%s", model, d->name);
        e->value_loc = d->a->loc;
        e->value_expr = d->a;
        if (!eval_watched(I, env, d->a, binding, &e->value_uses, &e->value)) return false;
    }
    e->fields = xcalloc(d->n_items ? d->n_items : 1, sizeof(DeclField));
    for (size_t i = 0; i < d->n_items; i++) {
        const Node *f = d->items[i];
        snprintf(binding, sizeof binding, "%s.%s.%s", model, d->name, f->name);
        DeclField *field = &e->fields[e->n_fields++];
        if (!eval_field_named(I, env, f, binding, field)) return false;
        take_translation(I, &field->value);
        if (strcmp(f->name, "label") == 0) {
            e->n_fields--;
            if (!take_label(I, e, field)) return false;
            *field = (DeclField){ 0 };
        }
    }
    return true;
}

/* A list of fields, the model's settings or an entry's: their values are
 * owned, their names are the tree's. */
static void fields_free(DeclField *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) value_release(fields[i].value);
    free(fields);
}

static void decl_free(ModelDecl *d)
{
    fields_free(d->settings, d->n_settings);
    for (size_t i = 0; i < d->n_entries; i++) {
        DeclEntry *e = &d->entries[i];
        value_release(e->value);
        value_release(e->label_value);
        fields_free(e->fields, e->n_fields);
    }
    free(d->entries);
    for (size_t i = 0; i < d->n_assumes; i++) assume_release(&d->assumes[i]);
    free(d->assumes);
    if (d->scope) env_release(d->scope);
}

static bool is_assume(const Node *item)
{
    return item->kind == N_DECL && item->op && strcmp(item->op, "assume") == 0;
}

/* A second declaration of `name` in model n before item `upto`, or NULL. */
static const Node *declared_before(const Node *n, size_t upto, const char *name)
{
    for (size_t j = 0; j < n->n_items; j++)
        if (j != upto && n->items[j]->kind == N_DECL && strcmp(n->items[j]->name, name) == 0 &&
            (j < upto || !is_assume(n->items[j])))
            return n->items[j];
    return NULL;
}

/* The model's own assumptions, in order, each bound in d->scope for the
 * assumptions and fields after it. */
static bool eval_assumptions(Interp *I, const Node *n, ModelDecl *d)
{
    char binding[BINDING_NAME_MAX];
    for (size_t i = 0; i < n->n_items; i++) {
        const Node *item = n->items[i];
        if (!is_assume(item)) continue;
        const Node *other = declared_before(n, i, item->name);
        if (other)
            return rt_raise(I, item->loc,
                            _("'%s' is declared twice in model '%s' (first at %s:%d)"), item->name,
                            n->name, other->loc.file, other->loc.line) ||
                rt_hint(I, _("give the assumption its own name"));
        if (d->n_assumes >= DECL_ASSUME_MAX) I->assume_watch->too_many = true;
        if (I->assume_watch->too_many) break;
        snprintf(binding, sizeof binding, "%s.%s", n->name, item->name);
        DeclAssume a;
        I->assume_watch->used = 0;
        bool ok = assume_eval(I, d->scope, item, binding, &a);
        a.uses = I->assume_watch->used;
        if (!ok || d->n_assumes >= DECL_ASSUME_MAX) {
            assume_release(&a);
            if (!ok) return false;
            I->assume_watch->too_many = true;
            break;
        }
        d->assumes[d->n_assumes++] = a;
        env_define(d->scope, item->name, a.value);
    }
    return true;
}

/* A usable `min_cell = N`: a plain whole number of people, at least 1. */
static bool model_min_cell(Value v, int *out)
{
    if (v.kind != V_NUM || !dim_is_none(v.dim) || (v.flags & ~(VF_LITERAL | VF_USER_TEXT)) ||
        !(v.as.num >= 1 && v.as.num <= 1e9) || v.as.num != (double)(long)v.as.num)
        return false;
    *out = (int)v.as.num;
    return true;
}

/* After the fields: refuses a model that read too many assumptions, and
 * warns about those no field read. */
static bool assumptions_done(Interp *I, const Node *n, const ModelDecl *d, const AssumeWatch *watch)
{
    if (watch->too_many)
        return rt_raise(I, n->loc, _("model '%s' uses more than %d assumptions"), n->name,
                        DECL_ASSUME_MAX) ||
            rt_hint(I, _("share one assumption among the outcomes that make the same judgement"));
    assume_warn_unused(I, d);
    return true;
}

bool eval_model(Interp *I, Env *env, const Node *n, Value *out)
{
    *out = value_nil();
    if (!I->model_builder) {
        rt_raise(I, n->loc, _("models need the standard library, which is not loaded"));
        return false;
    }
    ModelDecl d = { 0 };
    d.name = n->name;
    d.title = n->str;
    d.loc = n->loc;
    d.settings = calloc(n->n_items ? n->n_items : 1, sizeof(DeclField));
    d.entries = calloc(n->n_items ? n->n_items : 1, sizeof(DeclEntry));
    if (!d.settings || !d.entries) rt_out_of_memory();
    Value title = value_nil(); /* a `title = ...` setting, which d.title points into */
    d.assumes = xcalloc(DECL_ASSUME_MAX, sizeof(DeclAssume));
    d.scope = env_new(I, env);
    const RunFrame *frame = interp_frame(I);
    d.module = frame ? frame->module_name : NULL;
    AssumeWatch watch = { d.assumes, &d.n_assumes, d.scope, NULL, true, 0, false };
    AssumeWatch *saved_watch = I->assume_watch;
    I->assume_watch = &watch;
    Env *file_env = env;
    env = d.scope; /* the fields read the model's assumptions by name */
    bool ok = eval_assumptions(I, n, &d);
    char binding[BINDING_NAME_MAX];
    /* `min_cell = N` is evaluated first and is in force while every field
     * of the model is computed (count(T) in a quantity follows it). */
    int saved_min_cell = I->settings.min_cell;
    DeclField min_cell = { 0 };
    const Node *min_cell_node = NULL;
    for (size_t i = 0; i < n->n_items && !min_cell_node; i++)
        if (n->items[i]->kind == N_FIELD && !strcmp(n->items[i]->name, "min_cell"))
            min_cell_node = n->items[i];
    if (min_cell_node) {
        snprintf(binding, sizeof binding, "%s.min_cell", n->name);
        ok = eval_field_named(I, env, min_cell_node, binding, &min_cell);
        if (!ok) min_cell.value = value_nil();
        int k;
        if (ok && model_min_cell(min_cell.value, &k)) I->settings.min_cell = k;
        /* an invalid value is left to the model builder, which says why */
    }
    for (size_t i = 0; i < n->n_items && ok; i++) {
        const Node *item = n->items[i];
        if (item == min_cell_node) {
            d.settings[d.n_settings++] = min_cell;
            min_cell.value = value_nil();
        } else if (item->kind == N_FIELD) {
            snprintf(binding, sizeof binding, "%s.%s", n->name, item->name);
            DeclField *field = &d.settings[d.n_settings++];
            ok = eval_field_named(I, env, item, binding, field);
            if (ok) take_translation(I, &field->value);
            if (ok && strcmp(item->name, "title") == 0) {
                d.n_settings--;
                ok = take_title(I, &d, field, &title);
            }
        } else if (!is_assume(item)) {
            ok = eval_entry(I, env, n->name, item, &d.entries[d.n_entries++]);
        }
    }
    value_release(min_cell.value);
    I->assume_watch = saved_watch;
    if (ok) ok = assumptions_done(I, n, &d, &watch);
    Value model;
    if (ok) ok = I->model_builder(I, &d, &model);
    I->settings.min_cell = saved_min_cell;
    if (ok) {
        interp_note_binding(I, n->name, n->loc, "model");
        env_define(file_env, n->name, model);
        value_release(model);
    } else if (!I->has_error) {
        rt_raise(I, n->loc, _("model '%s' could not be built"), n->name);
    }
    decl_free(&d);
    value_release(title);
    return ok;
}
