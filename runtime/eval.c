/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* eval.c — the tree walker: one function per node kind, dispatched by
 * eval_node().
 *
 * Contract: see eval.h.  Every function stores a new reference in *out on
 * success and releases everything it holds on failure.  Binding names for
 * random streams are set by top-level `let` (interp_set_binding) and by
 * model fields (eval_model.c).  `where`, `by`, `with` and `model` live in
 * eval_model.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang/utf8.h"
#include "runtime/internal.h"
#include "runtime/eval.h"
#include "runtime/eval_model.h"
#include "runtime/module.h"
#include "runtime/vector.h"
#include "runtime/mem.h"

/* ---- names, literals ------------------------------------------------------------- */

static size_t collect_names(const Env *env, const char **names, size_t max)
{
    size_t k = 0;
    for (const Env *e = env; e; e = e->parent)
        for (size_t i = 0; i < e->n && k < max; i++) names[k++] = e->names[i];
    return k;
}

/* ---- built-ins hidden by a binding ------------------------------------------------ */

/* Whether the tree calls `name(...)` on a line after `after`. */
static bool calls_later(const Node *n, const char *name, int after)
{
    /* A loop down the left operands: a chain of a million `+` is no deeper. */
    for (; n; n = n->a) {
        if (n->kind == N_CALL && n->a && n->a->kind == N_NAME && n->loc.line > after &&
            !strcmp(n->a->name, name))
            return true;
        if (calls_later(n->b, name, after) || calls_later(n->c, name, after)) return true;
        for (size_t i = 0; i < n->n_items; i++)
            if (calls_later(n->items[i], name, after)) return true;
    }
    return false;
}

static bool file_calls_later(Interp *I, SrcLoc loc, const char *name)
{
    for (size_t i = 0; loc.file && i < I->n_sources; i++)
        if (I->sources[i]->path == loc.file || !strcmp(I->sources[i]->path, loc.file))
            if (calls_later(I->sources[i]->root, name, loc.line)) return true;
    return false;
}

/* The place is kept for the error of a later call; the warning is given when
 * the same file calls the built-in further down (`let mean = ...` then
 * `mean(...)`), so that `let beta = ...` alone, harmless, stays quiet. */
void interp_note_binding(Interp *I, const char *name, SrcLoc loc, const char *what)
{
    Value b;
    if (!env_lookup_local(I->builtins, name, &b) || b.kind != V_BUILTIN) return;
    if (unit_find(I, name) >= 0) return; /* year, month, day: documented (SPEC §3, Scopes) */
    const RunFrame *f = interp_frame(I);
    if (f && f->module_name) return; /* a module's names are read as M.name: nothing hidden */
    for (size_t i = 0; i < I->n_shadows; i++)
        if (!strcmp(I->shadows[i].name, name)) {
            I->shadows[i].loc = loc;
            goto warn;
        }
    if (I->n_shadows == I->cap_shadows) {
        I->cap_shadows = I->cap_shadows ? 2 * I->cap_shadows : 8;
        I->shadows = xrealloc(I->shadows, I->cap_shadows * sizeof *I->shadows);
    }
    I->shadows[I->n_shadows].name = strdup(name);
    if (!I->shadows[I->n_shadows].name) rt_out_of_memory();
    I->shadows[I->n_shadows++].loc = loc;
warn:
    if (!file_calls_later(I, loc, name)) return;
    /* what: "value" or "model", each its own sentence (its gender in French) */
    rt_warn(I, loc,
            strcmp(what, "model") == 0
                ? _("this model named '%s' hides the built-in function %s() from here on: "
                    "%s(...) will no longer work; give it another name, e.g. %s_value")
                : _("this value named '%s' hides the built-in function %s() from here on: "
                    "%s(...) will no longer work; give it another name, e.g. %s_value"),
            name, name, name, name);
}

const SrcLoc *interp_shadow_loc(Interp *I, const char *name)
{
    for (size_t i = 0; i < I->n_shadows; i++)
        if (!strcmp(I->shadows[i].name, name)) return &I->shadows[i].loc;
    return NULL;
}

/* ---- unknown names inside `where` / `by` ------------------------------------------ */

/* A text column of t holding `name` as one of its values, or -1. */
static int column_with_text(const TableObj *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++) {
        const ColumnObj *c = t->cols[i];
        if (c->type != COL_TEXT) continue;
        int32_t code = strdict_find(c->dict, name, strlen(name));
        if (code < 0) continue;
        for (size_t r = 0; r < c->n; r++)
            if (c->codes[r] == code) return (int)i;
    }
    return -1;
}

/* Inside `T where ...`: a value written without quotes, a near column name,
 * or the list of columns (and a wrong separator when the one column's name
 * holds ';', ',' or a tab).  Returns false (the error is raised). */
static bool raise_unknown_in_table(Interp *I, const TableObj *t, const Env *env, const char *name,
                                   SrcLoc loc)
{
    int tc = column_with_text(t, name);
    if (tc >= 0) {
        rt_raise(
            I, loc,
            _("unknown name '%s' \xE2\x80\x94 did you mean the text \"%s\"? write %s == \"%s\""),
            name, name, t->names[tc], name);
        return rt_hint(
            I, _("a value of a text column is written in double quotes; column '%s' holds \"%s\""),
            t->names[tc], name);
    }
    const char *best = rt_suggest(name, (const char *const *)t->names, t->ncols);
    size_t len = strlen(name);
    for (size_t i = 0; !best && len >= 2 && i < t->ncols; i++) /* `se` for `sexe` */
        if (!strncasecmp(t->names[i], name, len)) best = t->names[i];
    if (!best) { /* other names of the program, not units: a value is never a currency */
        enum { MAX_CANDS = 4096 };
        const char **cands = xmalloc(MAX_CANDS * sizeof *cands);
        size_t n = collect_names(env, cands, MAX_CANDS);
        best = rt_suggest(name, cands, n);
        free(cands);
    }
    bool best_is_column = false;
    for (size_t i = 0; best && i < t->ncols; i++) best_is_column |= t->names[i] == best;
    if (best && best_is_column &&
        !utf8_is_plain_name(best)) /* a title with spaces: say how to write it */
        rt_raise(
            I, loc,
            _("unknown name '%s' \xE2\x80\x94 did you mean '%s'? a column title with spaces is "
              "written "
              "%s[\"%s\"]"),
            name, best, I->where_name ? I->where_name : "T", best);
    else if (best)
        rt_raise(I, loc, _("unknown name '%s' \xE2\x80\x94 did you mean '%s'?"), name, best);
    else
        rt_raise(I, loc, _("unknown name '%s': it is not a column of the table"), name);
    if (t->ncols == 1 && strpbrk(t->names[0], ";,\t")) {
        const char *sep = strchr(t->names[0], ';') ? ";" : strchr(t->names[0], '\t') ? "\\t" : ",";
        return rt_hint(I,
                       _("the table has a single column, '%s': the separator was probably wrong; "
                         "write sep: \"%s\" in csv(...), or leave sep out to detect it"),
                       t->names[0], sep);
    }
    StrBuf cols;
    sb_init(&cols);
    for (size_t i = 0; i < t->ncols && i < 30; i++)
        sb_printf(&cols, "%s%s", i ? ", " : "", t->names[i]);
    if (t->ncols > 30) sb_printf(&cols, ", \xE2\x80\xA6 (%zu columns)", t->ncols);
    rt_hint(I, _("the table has columns: %s; a text value is written in double quotes"),
            cols.data ? cols.data : "(none)");
    sb_free(&cols);
    return false;
}

static bool raise_unknown_name(Interp *I, const Env *env, const char *name, SrcLoc loc)
{
    if (I->where_table) return raise_unknown_in_table(I, I->where_table, env, name, loc);
    if (!strcmp(name, "help")) { /* the first words a new user types at the prompt */
        rt_raise(I, loc, _("unknown name 'help': commands start with ':', type :help"));
        return rt_hint(
            I, _(":help lists the commands; :help NAME describes a built-in, e.g. :help csv"));
    }
    if (!strcmp(name, "exit") || !strcmp(name, "quit")) {
        rt_raise(I, loc, _("unknown name '%s': commands start with ':', type :quit to leave"),
                 name);
        return rt_hint(I, _("Ctrl-D leaves too"));
    }
    enum { MAX_CANDS = 4096 };
    const char **cands = xmalloc(MAX_CANDS * sizeof *cands);
    size_t n = collect_names(env, cands, MAX_CANDS);
    for (size_t i = 1; i < I->units.n && n < MAX_CANDS; i++) cands[n++] = I->units.units[i].name;
    const char *best = rt_suggest(name, cands, n);
    if (best) {
        rt_raise(I, loc, _("unknown name '%s' \xE2\x80\x94 did you mean '%s'?"), name, best);
    } else {
        rt_raise(I, loc, _("unknown name '%s'"), name);
        rt_hint(I, _("define it first, e.g. `let %s = ...`, or check its spelling"), name);
    }
    free(cands);
    return false;
}

/* A name as a value.  A unit name (year, month, day) wins over a builtin of
 * the same name (dates.c's year(d)), which stays reachable by calling it;
 * a user's own binding wins over both. */
static bool eval_name_for(Interp *I, Env *env, const Node *n, bool callee, Value *out)
{
    Value v;
    for (const Env *e = env; e; e = e->parent) {
        if (!env_lookup_local(e, n->name, &v)) continue;
        if (e == I->builtins && !callee && unit_find(I, n->name) >= 0) break;
        if (I->assume_watch) assume_watch_read(I, e, n->name, &v);
        value_retain(v);
        *out = v;
        return true;
    }
    int unit = unit_find(I, n->name);
    if (unit >= 0) {
        *out = unit_as_value(I, unit);
        return true;
    }
    return raise_unknown_name(I, env, n->name, n->loc);
}

static bool eval_name(Interp *I, Env *env, const Node *n, Value *out)
{
    return eval_name_for(I, env, n, false, out);
}

static bool eval_with_unit(Interp *I, Env *env, const Node *n, Value *out)
{
    int unit = unit_find(I, n->name);
    if (unit < 0) return unit_raise_unknown(I, n->name, loc_of_word_after(I, n->loc, n->name));
    Value a;
    if (!eval_node(I, env, n->a, &a)) return false;
    Value u = unit_as_value(I, unit);
    if (a.kind == V_NUM && dim_is_none(a.dim)) {
        /* 6 month: stored in years, displayed as written */
        *out = value_num_dim(a.as.num * u.as.num, u.dim);
        out->unit_hint = u.unit_hint;
        out->flags |= a.flags & VF_LITERAL; /* 3 EUR is as written */
        return true;
    }
    bool ok = rt_binary(I, OP_MUL, a, u, n->loc, out);
    value_release(a);
    return ok;
}

static bool eval_list(Interp *I, Env *env, const Node *n, Value *out)
{
    Value list = value_list_new(n->n_items);
    for (size_t i = 0; i < n->n_items; i++) {
        Value v;
        if (!eval_node(I, env, n->items[i], &v)) {
            value_release(list);
            return false;
        }
        list_push_take(list, v);
    }
    *out = list;
    return true;
}

static bool eval_record(Interp *I, Env *env, const Node *n, Value *out)
{
    Value rec = value_record_new();
    for (size_t i = 0; i < n->n_items; i++) {
        const Node *f = n->items[i];
        Value v;
        if (!eval_node(I, env, f->a, &v)) {
            value_release(rec);
            return false;
        }
        record_set_take(rec, f->name, v, f->loc);
    }
    *out = rec;
    return true;
}

/* ---- operators -------------------------------------------------------------------- */

static bool eval_unary(Interp *I, Env *env, const Node *n, Value *out)
{
    Value a;
    if (!eval_node(I, env, n->a, &a)) return false;
    bool ok = rt_unary(I, n->oper, a, n->loc, out);
    if (ok && a.kind == V_NUM && out->kind == V_NUM) out->flags |= a.flags & VF_LITERAL; /* -3 */
    value_release(a);
    return ok;
}

/* `a to b` is a distribution: the HOOK_RANGE built-in (stdlib/uncertainty). */
static bool eval_to(Interp *I, Value a, Value b, const Node *n, Value *out)
{
    Value args[2] = { a, b };
    SrcLoc locs[2] = { n->a->loc, n->b->loc };
    bool installed;
    bool ok = call_hook(I, HOOK_RANGE, 2, args, locs, n->loc, out, &installed);
    if (!installed) {
        rt_raise(
            I, n->loc,
            _("'a to b' (an uncertain range) needs the distributions of the standard library"));
        return rt_hint(
            I, _("use a distribution such as uniform(a, b) once the standard library is loaded"));
    }
    return ok;
}

/* Applies n's operator to the value a of its left operand (a is released). */
static bool binary_step(Interp *I, Env *env, const Node *n, Value a, Value *out)
{
    Value b;
    bool is_and = n->oper == OP_AND, is_or = n->oper == OP_OR;
    /* and/or on plain booleans short-circuit */
    if ((is_and || is_or) && a.kind == V_BOOL && a.as.boolean == is_or) {
        *out = a;
        return true;
    }
    if (!eval_node(I, env, n->b, &b)) {
        value_release(a);
        return false;
    }
    bool ok =
        n->oper == OP_TO ? eval_to(I, a, b, n, out) : rt_binary(I, n->oper, a, b, n->loc, out);
    value_release(a);
    value_release(b);
    return ok;
}

/* Operators chain to the left (1 + 1 + 1 is (1 + 1) + 1).  A long chain, as
 * a generated file may hold a million terms, is evaluated in a loop over its
 * left spine rather than by one nested call per operator. */
enum { SPINE_LOOP_FROM = 64 };

static bool eval_binary(Interp *I, Env *env, const Node *n, Value *out)
{
    size_t len = 0;
    const Node *p = n;
    for (; p->kind == N_BINARY; p = p->a) len++;
    Value acc;
    if (len < SPINE_LOOP_FROM) {
        if (!eval_node(I, env, n->a, &acc)) return false;
        return binary_step(I, env, n, acc, out);
    }
    const Node **spine = malloc(len * sizeof *spine);
    if (!spine) rt_out_of_memory();
    p = n;
    for (size_t i = 0; i < len; i++, p = p->a) spine[i] = p;
    bool ok = eval_node(I, env, p, &acc);
    for (size_t i = len; ok && i-- > 0;) ok = binary_step(I, env, spine[i], acc, &acc);
    free(spine);
    if (ok) *out = acc;
    return ok;
}

/* ---- calls ------------------------------------------------------------------------ */

enum { INLINE_ARGS = 8 };

static bool eval_call(Interp *I, Env *env, const Node *n, Value *out)
{
    Value callee;
    bool ok_callee = n->a->kind == N_NAME ? eval_name_for(I, env, n->a, true, &callee)
                                          : eval_node(I, env, n->a, &callee);
    if (!ok_callee) return false;
    if (callee.kind != V_FUNC && callee.kind != V_BUILTIN && n->a->kind == N_NAME) {
        const char *kind = value_kind_phrase(callee);
        const SrcLoc *hid = interp_shadow_loc(I, n->a->name);
        if (hid) {
            if (hid->file && n->loc.file && strcmp(hid->file, n->loc.file))
                rt_raise(I, n->loc,
                         _("'%s' is %s, not a function: line %d of %s made '%s' %s, which hides "
                           "the built-in function %s()"),
                         n->a->name, kind, hid->line, hid->file, n->a->name, kind, n->a->name);
            else
                rt_raise(I, n->loc,
                         _("'%s' is %s, not a function: line %d made '%s' %s, which hides the "
                           "built-in function %s()"),
                         n->a->name, kind, hid->line, n->a->name, kind, n->a->name);
            rt_hint(
                I,
                _("give the value at line %d another name (e.g. %s_value) so that %s(...) is the "
                  "built-in again"),
                hid->line, n->a->name, n->a->name);
        } else {
            rt_raise(I, n->loc, _("'%s' is %s, not a function"), n->a->name, kind);
            if (callee.kind == V_NUM)
                rt_hint(I, _("to multiply, write the operator: %s * (...)"), n->a->name);
        }
        value_release(callee);
        return false;
    }
    size_t m = n->n_items;
    Value inline_vals[INLINE_ARGS];
    SrcLoc inline_locs[INLINE_ARGS];
    const char *inline_names[INLINE_ARGS];
    Value *vals = m <= INLINE_ARGS ? inline_vals : malloc(m * sizeof(Value));
    SrcLoc *locs = m <= INLINE_ARGS ? inline_locs : malloc(m * sizeof(SrcLoc));
    const char **names = m <= INLINE_ARGS ? inline_names : malloc(m * sizeof(char *));
    if (!vals || !locs || !names) rt_out_of_memory();
    /* positional arguments first, in order, then the named ones */
    size_t npos = 0;
    for (size_t i = 0; i < m; i++)
        if (!n->items[i]->name) npos++;
    for (size_t i = 0; i < m; i++) vals[i] = value_nil();
    size_t ip = 0, in = npos;
    bool ok = true;
    for (size_t i = 0; i < m && ok; i++) {
        const Node *arg = n->items[i];
        size_t slot = arg->name ? in++ : ip++;
        ok = eval_node(I, env, arg->kind == N_ARG ? arg->a : arg, &vals[slot]);
        if (!ok) vals[slot] = value_nil(); /* a failed evaluation gives no value */
        locs[slot] = arg->kind == N_ARG && arg->a ? arg->a->loc : arg->loc;
        names[slot] = arg->name;
    }
    if (ok)
        ok = call_value(I, callee, npos, vals, locs, m - npos, names + npos, vals + npos,
                        locs + npos, n->loc, out);
    for (size_t i = 0; i < m; i++) value_release(vals[i]);
    if (vals != inline_vals) {
        free(vals);
        free(locs);
        free(names);
    }
    value_release(callee);
    return ok;
}

/* ---- fields and indexes ------------------------------------------------------------- */

bool get_field(Interp *I, Value v, const char *name, SrcLoc loc, Value *out)
{
    Value got;
    switch ((ValueKind)v.kind) {
    case V_RECORD:
        if (record_get(v, name, &got)) {
            value_retain(got);
            *out = got;
            return true;
        }
        return rt_raise_no_field(I, FIELD_OF_RECORD, NULL, name,
                                 (const char *const *)as_record(v)->keys, as_record(v)->n, loc);
    case V_MODULE: {
        const Env *e = as_module(v)->env;
        if (env_lookup_local(e, name, &got)) {
            if (I->assume_watch) assume_watch_read(I, e, name, &got);
            value_retain(got);
            *out = got;
            return true;
        }
        return rt_raise_no_field(I, NAME_OF_MODULE, module_spec_of(I, as_module(v)), name,
                                 (const char *const *)e->names, e->n, loc);
    }
    case V_TABLE: {
        const TableObj *t = as_table(v);
        int c = table_find_column(t, name);
        if (c >= 0) {
            *out = table_column_value(t, (size_t)c);
            return true;
        }
        return rt_raise_no_field(I, COLUMN_OF_TABLE, NULL, name, (const char *const *)t->names,
                                 t->ncols, loc);
    }
    case V_OBJECT: {
        ForeignObj *f = as_foreign(v);
        if (f->cls && f->cls->get_field) return f->cls->get_field(I, f, name, loc, out);
        return rt_raise(I, loc, _("%s has no fields"), value_kind_phrase(v));
    }
    default:
        rt_raise(
            I, loc,
            _("cannot read field '%s' of %s: only records, tables, modules and models have fields"),
            name, value_kind_name(v));
        return false;
    }
}

static bool eval_get(Interp *I, Env *env, const Node *n, Value *out)
{
    Value v;
    if (!eval_node(I, env, n->a, &v)) return false;
    bool ok = get_field(I, v, n->name, n->loc, out);
    value_release(v);
    return ok;
}

/* "index 3 is out of range: the list has 3 items (indexes 0 to 2)": one
 * whole sentence per container and plural (what: "list", "column", "table"). */
static void raise_out_of_range(Interp *I, long i, size_t len, const char *what, SrcLoc loc)
{
    bool list = strcmp(what, "list") == 0, column = strcmp(what, "column") == 0;
    unsigned long n = (unsigned long)len;
    if (len == 0)
        rt_raise(I, loc,
                 list         ? _("index %ld is out of range: the list is empty")
                     : column ? _("index %ld is out of range: the column is empty")
                              : _("index %ld is out of range: the table is empty"),
                 i);
    else
        rt_raise(
            I, loc,
            list ? ngettext("index %ld is out of range: the list has %zu item (indexes 0 to %zu)",
                            "index %ld is out of range: the list has %zu items (indexes 0 to %zu)",
                            n)
                : column
                ? ngettext("index %ld is out of range: the column has %zu row (indexes 0 to %zu)",
                           "index %ld is out of range: the column has %zu rows (indexes 0 to %zu)",
                           n)
                : ngettext("index %ld is out of range: the table has %zu row (indexes 0 to %zu)",
                           "index %ld is out of range: the table has %zu rows (indexes 0 to %zu)",
                           n),
            i, len, len - 1);
}

static bool index_number(Interp *I, Value idx, size_t len, const char *what, SrcLoc loc,
                         size_t *out)
{
    if (idx.kind != V_NUM || !dim_is_none(idx.dim) || !(fabs(idx.as.num) < 1e15) ||
        idx.as.num != (double)(long)idx.as.num) {
        StrBuf got;
        sb_init(&got);
        if (idx.kind == V_NUM)
            value_format(I, idx, &got);
        else
            sb_append(&got, value_kind_name(idx));
        rt_raise(I, loc, _("an index must be a whole number, got %s"), got.data);
        sb_free(&got);
        return false;
    }
    long i = (long)idx.as.num;
    if (i < 0 || (size_t)i >= len) {
        raise_out_of_range(I, i, len, what, loc);
        return false;
    }
    *out = (size_t)i;
    return true;
}

static Value column_cell(Value colv, size_t i)
{
    const ColumnObj *c = as_column(colv);
    switch (c->type) {
    case COL_NUM: return value_num_dim(c->num[i], colv.dim);
    case COL_DATE: {
        Value d = value_num(c->num[i]);
        d.flags = VF_DATE;
        return d;
    }
    case COL_BOOL: return c->bools[i] < 0 ? value_nil() : value_bool(c->bools[i]);
    case COL_TEXT:
        return c->codes[i] < 0 ? value_nil()
                               : value_strn(c->dict->strs[c->codes[i]], c->dict->lens[c->codes[i]]);
    }
    return value_nil();
}

static Value table_row(const TableObj *t, size_t row)
{
    Value rec = value_record_new();
    for (size_t c = 0; c < t->ncols; c++) {
        Value col = table_column_value(t, c);
        record_set_take(rec, t->names[c], column_cell(col, row), (SrcLoc){ 0 });
        value_release(col);
    }
    return rec;
}

static bool index_value(Interp *I, Value v, Value idx, SrcLoc loc, Value *out)
{
    size_t i;
    if (v.kind == V_LIST) {
        if (!index_number(I, idx, as_list(v)->n, "list", loc, &i)) return false;
        *out = as_list(v)->items[i];
        value_retain(*out);
        return true;
    }
    if (v.kind == V_COLUMN && idx.kind == V_NUM) {
        if (!disclosure_may_list(I, v)) return disclosure_refuse_listing(I, v, LISTING_INDEX, loc);
        if (!index_number(I, idx, as_column(v)->n, "column", loc, &i)) return false;
        *out = column_cell(v, i);
        return true;
    }
    if (v.kind == V_TABLE && idx.kind == V_NUM) {
        /* a row, or "out of range", is one person's data */
        if (!disclosure_may_list(I, v)) return disclosure_refuse_listing(I, v, LISTING_ROW, loc);
        if (!index_number(I, idx, as_table(v)->nrows, "table", loc, &i)) return false;
        *out = table_row(as_table(v), i);
        return true;
    }
    if (idx.kind == V_STR &&
        (v.kind == V_TABLE || v.kind == V_RECORD || v.kind == V_MODULE || v.kind == V_OBJECT))
        return get_field(I, v, as_str(idx)->data, loc, out);
    return rt_raise(I, loc, _("cannot index %s with %s"), value_kind_name(v), value_kind_name(idx));
}

static bool eval_index(Interp *I, Env *env, const Node *n, Value *out)
{
    Value v, idx;
    if (!eval_node(I, env, n->a, &v)) return false;
    if (!eval_node(I, env, n->b, &idx)) {
        value_release(v);
        return false;
    }
    bool ok = index_value(I, v, idx, n->loc, out);
    value_release(v);
    value_release(idx);
    return ok;
}

/* ---- control, functions, blocks ----------------------------------------------------- */

static bool eval_if(Interp *I, Env *env, const Node *n, Value *out)
{
    Value c;
    if (!eval_node(I, env, n->a, &c)) return false;
    if (c.kind != V_BOOL) {
        SrcLoc at = n->a->loc;
        if (c.kind == V_DIST && (c.flags & VF_BOOLDIST)) {
            rt_raise(I, at, _("the condition is uncertain: use P(...) to get its probability"));
            rt_hint(I, _("for example: if P(x > 3) > 50%% then ... else ..."));
        } else if (c.kind == V_COLUMN) {
            rt_raise(
                I, at,
                _("the condition of 'if' is a column (one value per row), not one true or false"));
            rt_hint(I, _("to keep the rows where it holds, write: table where condition"));
        } else {
            rt_raise(I, at, _("the condition of 'if' must be true or false, got %s"),
                     value_kind_name(c));
        }
        value_release(c);
        return false;
    }
    const Node *branch = c.as.boolean ? n->b : n->c;
    if (!branch) {
        *out = value_nil();
        return true;
    }
    return eval_node(I, env, branch, out);
}

static Value make_func(const char *name, const Node *def, Env *closure)
{
    FuncObj *f = xcalloc(1, sizeof *f);
    f->hdr.refcount = 1;
    f->hdr.kind = V_FUNC;
    f->name = name;
    f->def = def;
    f->closure = closure;
    env_retain(closure);
    return value_obj(&f->hdr);
}

static bool check_params(Interp *I, const Node *def)
{
    for (size_t i = 0; i < def->n_items; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(def->items[i]->name, def->items[j]->name))
                return rt_raise(I, def->items[i]->loc, _("parameter '%s' is listed twice"),
                                def->items[i]->name);
    return true;
}

static bool eval_fn(Interp *I, Env *env, const Node *n, Value *out)
{
    if (!check_params(I, n)) return false;
    Value f = make_func(n->kind == N_FN ? n->name : NULL, n, env);
    if (n->kind == N_LAMBDA) {
        *out = f;
        return true;
    }
    env_define(env, n->name, f);
    value_release(f);
    *out = value_nil();
    return true;
}

/* Runs statements in env; *out = value of the last one (nothing after a
 * declaration or print: their evaluators give nothing). */
static bool eval_statements(Interp *I, Env *env, const Node *n, Value *out)
{
    Value last = value_nil();
    for (size_t i = 0; i < n->n_items; i++) {
        const Node *s = n->items[i];
        if (!interp_check_interrupt(I, s->loc)) {
            value_release(last);
            return false;
        }
        value_release(last);
        last = value_nil();
        if (!eval_node(I, env, s, &last)) return false;
    }
    *out = last;
    return true;
}

static bool eval_block(Interp *I, Env *env, const Node *n, Value *out)
{
    Env *scope = env_new(I, env);
    bool ok = eval_statements(I, scope, n, out);
    env_release(scope);
    return ok;
}

bool eval_program(Interp *I, Env *env, const Node *program, Value *out)
{
    *out = value_nil();
    if (!program) return true;
    return eval_statements(I, env, program, out);
}

/* ---- statements ----------------------------------------------------------------------- */

static bool is_top_level(Interp *I, const Env *env)
{
    const RunFrame *f = interp_frame(I);
    return f && f->top == env;
}

static bool eval_let(Interp *I, Env *env, const Node *n, Value *out)
{
    if (is_top_level(I, env)) interp_set_binding(I, n->name);
    Value v;
    if (!eval_node(I, env, n->a, &v)) return false;
    if (is_top_level(I, env)) interp_note_binding(I, n->name, n->loc, "value");
    env_define(env, n->name, v);
    value_release(v);
    *out = value_nil();
    return true;
}

static bool eval_print(Interp *I, Env *env, const Node *n, Value *out)
{
    Value v;
    if (!eval_node(I, env, n->a, &v)) return false;
    if (!rt_showable(I, v, n->loc)) {
        value_release(v);
        return false;
    }
    if (I->print_sink) {
        I->print_sink(I, v, I->print_ctx);
    } else {
        value_print_line(I, v);
    }
    value_release(v);
    *out = value_nil();
    return true;
}

static bool eval_use(Interp *I, Env *env, const Node *n, Value *out)
{
    const char *as = n->name;
    char fallback[256];
    if (!as) {
        /* default name: last path component without .impact */
        const char *slash = strrchr(n->str, '/');
        snprintf(fallback, sizeof fallback, "%s", slash ? slash + 1 : n->str);
        char *dot = strstr(fallback, ".impact");
        if (dot) *dot = '\0';
        as = fallback;
    }
    Value m;
    if (!module_use(I, n->str, as, n->loc, n->a, &m)) return false;
    env_define(env, as, m);
    value_release(m);
    *out = value_nil();
    return true;
}

static bool eval_unit_decl(Interp *I, Env *env, const Node *n, Value *out)
{
    *out = value_nil();
    if (!n->a) return unit_declare_base(I, n->name, n->loc);
    Value q;
    if (!eval_node(I, env, n->a, &q)) return false;
    bool ok = unit_declare_alias(I, n->name, q, n->a->loc);
    value_release(q);
    return ok;
}

static bool eval_kind(Interp *I, Env *env, const Node *n, Value *out);

/* Every nested evaluation is counted (I->eval_depth): the limit is the same
 * in every build, whatever the size of a C frame or where the sanitizers put
 * them, so a program gives the same "too deep" error under gcc, clang,
 * AddressSanitizer or none.  The measured stack (rt_stack_room) is the
 * backstop. */
bool eval_node(Interp *I, Env *env, const Node *n, Value *out)
{
    if (I->eval_depth >= MAX_EVAL_DEPTH) return rt_too_deep(I, n->loc);
    if (!rt_stack_room(I, n->loc)) return false;
    if (I->step_limit && ++I->steps > I->step_limit)
        return rt_raise(I, n->loc, _("the run stopped after %lu steps, its budget"), I->step_limit);
    I->eval_depth++;
    bool ok = eval_kind(I, env, n, out);
    I->eval_depth--;
    return ok;
}

static bool eval_kind(Interp *I, Env *env, const Node *n, Value *out)
{
    switch (n->kind) {
    case N_NUMBER:
        *out = n->is_percent ? value_percent(n->num) : value_num(n->num);
        out->flags |= VF_LITERAL;
        if (!interp_file_is_library(I, n->loc.file)) out->flags |= VF_USER_TEXT;
        return true;
    case N_STRING:
        *out = value_strn(n->str ? n->str : "", n->len);
        out->flags |= VF_LITERAL;
        if (!interp_file_is_library(I, n->loc.file)) out->flags |= VF_USER_TEXT;
        return true;
    case N_BOOL: *out = value_bool(n->boolean); return true;
    case N_NAME: return eval_name(I, env, n, out);
    case N_WITH_UNIT: return eval_with_unit(I, env, n, out);
    case N_LIST: return eval_list(I, env, n, out);
    case N_RECORD: return eval_record(I, env, n, out);
    case N_UNARY: return eval_unary(I, env, n, out);
    case N_BINARY: return eval_binary(I, env, n, out);
    case N_CALL: return eval_call(I, env, n, out);
    case N_GET: return eval_get(I, env, n, out);
    case N_INDEX: return eval_index(I, env, n, out);
    case N_IF: return eval_if(I, env, n, out);
    case N_LAMBDA:
    case N_FN: return eval_fn(I, env, n, out);
    case N_WHERE: return eval_where(I, env, n, out);
    case N_BY: return eval_by(I, env, n, out);
    case N_WITH: return eval_with(I, env, n, out);
    case N_BLOCK: return eval_block(I, env, n, out);
    case N_LET: return eval_let(I, env, n, out);
    case N_PRINT: return eval_print(I, env, n, out);
    case N_USE: return eval_use(I, env, n, out);
    case N_VERSION: /* read by module_use() from the library's tree */
        *out = value_nil();
        return true;
    case N_UNIT_DECL: return eval_unit_decl(I, env, n, out);
    case N_EXPR_STMT: return eval_node(I, env, n->a, out);
    case N_MODEL: return eval_model(I, env, n, out);
    case N_PROGRAM: return eval_program(I, env, n, out);
    case N_ARG: return eval_node(I, env, n->a, out);
    case N_DECL:
        if (n->op && strcmp(n->op, "assume") == 0) return eval_assume_stmt(I, env, n, out);
        break;
    case N_FIELD:
    case N_PARAM:
    case N_ERROR: break; /* a broken statement: only parse_source_all makes one, never run */
    }
    return rt_raise(I, n->loc, _("internal error: cannot evaluate a %s here"),
                    node_kind_name(n->kind));
}
