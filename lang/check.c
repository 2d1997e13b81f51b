/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* check.c — static checks of a parsed program; see check.h for the contract.
 *
 * The walk keeps a stack of the names bound at each point (a linear search
 * from the top gives shadowing for free), with an index of the names it
 * holds, so that whether a name is bound costs the same with 10 names as
 * with 10,000 (a generated model of 10,000 outcomes).  It stops at the first problem found, or, for check_program_all(),
 * goes on and reports each (an unknown name once).
 */
#include "lang/check.h"
#include "lang/array.h"
#include "lang/name_index.h"
#include "lang/i18n.h"
#include "lang/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- suggestions --------------------------------------------------------------- */

enum { NAME_MAX_CHARS = 64 };

/* Decodes UTF-8 into code points; an invalid byte counts as one character
 * that equals no code point. */
static size_t to_codepoints(const char *s, uint32_t *out, size_t max)
{
    size_t len = strlen(s), n = 0;
    for (size_t i = 0; i < len && n < max;) {
        int32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        out[n++] = k ? (uint32_t)cp : 0x110000u + (unsigned char)s[i];
        i += k ? k : 1;
    }
    return n;
}

size_t name_distance(const char *a, const char *b)
{
    uint32_t ca[NAME_MAX_CHARS], cb[NAME_MAX_CHARS];
    size_t na = to_codepoints(a, ca, NAME_MAX_CHARS);
    size_t nb = to_codepoints(b, cb, NAME_MAX_CHARS);
    size_t row[NAME_MAX_CHARS + 1];
    for (size_t j = 0; j <= nb; j++) row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (ca[i - 1] != cb[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

const char *suggest_name(const char *wrong, const char *const *candidates, size_t n)
{
    uint32_t tmp[NAME_MAX_CHARS];
    size_t len = to_codepoints(wrong, tmp, NAME_MAX_CHARS);
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        const char *c = candidates[i];
        if (!c || strcmp(c, wrong) == 0) continue;
        if (strcasecmp(c, wrong) == 0) return c; /* only the case differs: surely what was meant */
        size_t d = name_distance(wrong, c);
        if (d < best_d && d < len) {
            best = c;
            best_d = d;
        }
    }
    return best;
}

/* ---- built-in unit spellings ------------------------------------------------ */

const UnitSpelling builtin_unit_spellings[] = {
    { "years", "year" },
    { "an", "year" },
    { "ans", "year" },
    { "ann\xc3\xa9"
      "e",
      "year" },
    { "ann\xc3\xa9"
      "es",
      "year" },
    { "months", "month" },
    { "mois", "month" },
    { "weeks", "week" },
    { "semaine", "week" },
    { "semaines", "week" },
    { "days", "day" },
    { "jour", "day" },
    { "jours", "day" },
    { "hours", "hour" },
    { "heure", "hour" },
    { "heures", "hour" },
    { "euro", "EUR" },
    { "euros", "EUR" },
    { "\xe2\x82\xac", "EUR" },
    { NULL, NULL },
};

void arity_message(char *out, size_t size, const char *fname, long min, long max,
                   const char *params, size_t given)
{
    if (max < 0)
        snprintf(out, size,
                 ngettext("%s() takes at least %ld argument %s but was given %zu",
                          "%s() takes at least %ld arguments %s but was given %zu",
                          (unsigned long)min),
                 fname, min, params, given);
    else if (min == max)
        snprintf(out, size,
                 ngettext("%s() takes %ld argument %s but was given %zu",
                          "%s() takes %ld arguments %s but was given %zu", (unsigned long)min),
                 fname, min, params, given);
    else
        snprintf(out, size, _("%s() takes %ld to %ld arguments %s but was given %zu"), fname, min,
                 max, params, given);
}

const char *builtin_unit_resembled(const char *name)
{
    static const char *const units[] = { "year", "month", "week", "day", "hour", "EUR" };
    enum { N_UNITS = sizeof units / sizeof units[0], N_MAX = 64 };
    const char *cands[N_MAX];
    const char *unit_of[N_MAX];
    size_t n = 0;
    for (size_t i = 0; i < N_UNITS; i++) {
        cands[n] = units[i];
        unit_of[n++] = units[i];
    }
    for (size_t i = 0; builtin_unit_spellings[i].name && n < N_MAX; i++) {
        cands[n] = builtin_unit_spellings[i].name;
        unit_of[n++] = builtin_unit_spellings[i].unit;
    }
    if (strncasecmp(name, "eur", 3) == 0) return "EUR"; /* EUROS, eurs, euro_s ... */
    /* A one- or two-letter name is one letter away from `an`: too short to
     * resemble anything but by its case. */
    const char *best = suggest_name(name, cands, n);
    for (size_t i = 0; best && i < n; i++)
        if (cands[i] == best)
            return strlen(name) >= 3 || strcasecmp(name, best) == 0 ? unit_of[i] : NULL;
    return NULL;
}

static bool in_list(const char *const *names, size_t n, const char *name)
{
    for (size_t i = n; i-- > 0;)
        if (strcmp(names[i], name) == 0) return true;
    return false;
}

/* Whether names[0..n), which x indexes, hold `name`. */
static bool index_has(const NameIndex *x, const char *const *names, size_t n, const char *name)
{
    if (x->lossy) return in_list(names, n, name);
    const NameSlot *slot = index_find(x, name);
    return slot && slot->count > 0;
}

/* ---- the walk ------------------------------------------------------------------- */

typedef struct Checker {
    const char **scope; /* names bound, innermost last */
    const Node **defs;  /* for each name of scope: its `fn` statement, or NULL */
    size_t n, cap;
    NameIndex scope_index;    /* the names of scope */
    const char **globals;     /* every top-level name, for function bodies */
    const Node **global_defs; /* for each: its `fn` statement, or NULL */
    size_t n_globals, cap_globals;
    NameIndex global_index; /* the names of globals */
    int in_function;        /* > 0 inside a function body */
    size_t body_mark;       /* scope size when the outermost function body began */
    const Node *root;
    bool uses_modules; /* the program has a `use` statement */
    bool (*is_known)(const char *, void *);
    void *ctx;
    const CheckField *fields; /* the caller's literal checks of model fields */
    size_t n_fields;
    SyntaxError *err;
    ErrorList *errors;    /* check_program_all(): every problem goes here */
    const char **unknown; /* names already reported unknown: not again */
    size_t n_unknown, cap_unknown;
    bool failed;
} Checker;

static void fail(Checker *C, SrcLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(Checker *C, SrcLoc loc, const char *fmt, ...)
{
    if (C->failed) return;
    va_list ap;
    va_start(ap, fmt);
    char *message = message_vformat(fmt, ap);
    va_end(ap);
    if (C->errors) {
        error_list_add(C->errors, loc, message, NULL);
        C->failed = C->errors->n >= ERROR_LIST_MAX;
        return;
    }
    C->failed = true;
    C->err->loc = loc;
    C->err->message = message;
}

static void add_name(const char ***names, const Node ***defs, size_t *n, size_t *cap,
                     NameIndex *index, const char *name, const Node *def)
{
    if (*n == *cap) {
        size_t grown = *cap ? *cap * 2 : 32;
        const char **p = realloc(*names, grown * sizeof *p);
        if (!p) return; /* out of memory: the name is just not recorded */
        *names = p;
        const Node **d = realloc(*defs, grown * sizeof *d);
        if (!d) return;
        *defs = d;
        *cap = grown;
    }
    (*defs)[*n] = def;
    (*names)[(*n)++] = name;
    index_add(index, name, def);
}

/* Binds a name; `def` is its `fn` statement when it names a function
 * defined with fn (whose arity can be checked), NULL otherwise. */
static void bind_def(Checker *C, const char *name, const Node *def)
{
    if (name) add_name(&C->scope, &C->defs, &C->n, &C->cap, &C->scope_index, name, def);
}

/* Leaves a block: the names bound since scope held `mark` go. */
static void unbind_to(Checker *C, size_t mark)
{
    while (C->n > mark) index_remove(&C->scope_index, C->scope[--C->n]);
}

static void bind(Checker *C, const char *name)
{
    bind_def(C, name, NULL);
}

static bool is_bound(const Checker *C, const char *name)
{
    if (index_has(&C->scope_index, C->scope, C->n, name)) return true;
    if (C->in_function && index_has(&C->global_index, C->globals, C->n_globals, name)) return true;
    return C->is_known && C->is_known(name, C->ctx);
}

/* The top-level statement that binds `name`, when a statement above it uses it. */
static const Node *global_defined_later(const Checker *C, const char *name)
{
    for (size_t i = 0; C->root && i < C->root->n_items; i++) {
        const Node *s = C->root->items[i];
        if (s->kind != N_EXPR_STMT && s->kind != N_PRINT && s->name && strcmp(s->name, name) == 0)
            return s;
    }
    return NULL;
}

/* When every problem is reported: whether `name` was reported unknown
 * already (each unknown name is reported once, at its first use). */
static bool reported_unknown(Checker *C, const char *name)
{
    if (!C->errors) return false;
    if (in_list(C->unknown, C->n_unknown, name)) return true;
    if (!array_reserve(&C->unknown, &C->cap_unknown, C->n_unknown, sizeof *C->unknown, 16))
        return false;
    C->unknown[C->n_unknown++] = name;
    return false;
}

static void check_name(Checker *C, const char *name, SrcLoc loc, const char *what)
{
    if (C->failed || is_bound(C, name) || reported_unknown(C, name)) return;
    const char *near = suggest_name(name, C->scope, C->n);
    if (!near && C->in_function) near = suggest_name(name, C->globals, C->n_globals);
    const Node *later = C->in_function ? NULL : global_defined_later(C, name);
    const char *builtin = strcmp(what, "unit") == 0 ? builtin_unit_resembled(name) : NULL;
    if (!later && builtin) {
        /* euross, annees: a slip for EUR or year, not a unit to declare */
        fail(C, loc, _("unknown unit '%s' \xe2\x80\x94 did you mean '%s'?"), name, builtin);
        return;
    }
    if (later)
        fail(C, loc, _("'%s' is used before it is defined (on line %d): move its definition above"),
             name, later->loc.line);
    else if (near)
        fail(C, loc, _("unknown %s '%s' \xe2\x80\x94 did you mean '%s'?"), what, name, near);
    else if (strcmp(what, "unit") == 0)
        fail(C, loc, _("unknown unit '%s': declare it first with 'unit %s'"), name, name);
    else
        fail(C, loc, _("unknown name '%s': define it first with 'let %s = ...'"), name, name);
}

/* ---- names read from modules --------------------------------------------------- */

static _Thread_local const CheckModules *modules_hook;

void check_set_modules(const CheckModules *modules)
{
    modules_hook = modules;
}

/* The statement of `kind` (N_FN, N_USE) a name stands for, when that is
 * certain: the nearest binding of the name is that statement (inside a
 * function body, which runs later, only if the file binds the name once). */
static const Node *certain_binding(const Checker *C, const char *name, NodeKind kind)
{
    if (!index_has(&C->scope_index, C->scope, C->n, name) &&
        !index_has(&C->global_index, C->globals, C->n_globals, name))
        return NULL; /* a built-in (pert, sum...): bound nowhere in the file */
    size_t bound = 0;
    const Node *global = NULL;
    for (size_t i = 0; i < C->n_globals; i++)
        if (strcmp(C->globals[i], name) == 0) {
            bound++;
            global = C->global_defs[i];
        }
    for (size_t i = C->n; i-- > 0;)
        if (strcmp(C->scope[i], name) == 0) {
            bool top_level = C->in_function && i < C->body_mark;
            const Node *def = top_level && bound > 1 ? NULL : C->defs[i];
            return def && def->kind == kind ? def : NULL;
        }
    return C->in_function && bound == 1 && global && global->kind == kind ? global : NULL;
}

/* The `use` statement a name stands for, when that is certain. */
static const Node *module_bound(const Checker *C, const char *name)
{
    return certain_binding(C, name, N_USE);
}

static bool binds_module_name(const Node *s)
{
    return s->name &&
        (s->kind == N_LET || s->kind == N_FN || s->kind == N_USE || s->kind == N_MODEL ||
         s->kind == N_DECL);
}

/* `fr.rsa_annual_costt`: the name must be one the module defines. */
static void check_module_member(Checker *C, const Node *get)
{
    if (!modules_hook || C->failed || !get->a || get->a->kind != N_NAME || !get->name) return;
    const Node *use = module_bound(C, get->a->name);
    if (!use || !use->str) return;
    const Node *root = modules_hook->module_root(modules_hook->ctx, use->str);
    if (!root) return;
    size_t n = 0;
    for (size_t i = 0; i < root->n_items; i++)
        if (binds_module_name(root->items[i])) {
            if (strcmp(root->items[i]->name, get->name) == 0) return;
            n++;
        }
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names) return;
    n = 0;
    for (size_t i = 0; i < root->n_items; i++)
        if (binds_module_name(root->items[i])) names[n++] = root->items[i]->name;
    const char *near = suggest_name(get->name, names, n);
    if (near) {
        fail(C, get->loc, _("module '%s' has no name '%s' \xe2\x80\x94 did you mean '%s'?"),
             use->str, get->name, near);
    } else {
        char list[400];
        size_t used = 0;
        list[0] = '\0';
        for (size_t i = 0; i < n && i < 12 && used < sizeof list; i++)
            used +=
                (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
        if (n > 12 && used < sizeof list)
            snprintf(list + used, sizeof list - used, ", \xe2\x80\xa6 (%zu in all)", n);
        fail(C, get->loc, _("module '%s' has no name '%s'; its names are %s"), use->str, get->name,
             n ? list : "(none)");
    }
    free(names);
}

/* ---- calls of functions defined with fn ---------------------------------------- */

/* The `fn` statement a called name stands for, when that is certain: the
 * nearest binding of the name is that statement (inside a function body,
 * which runs later, only if the file binds the name once). */
static const Node *function_called(const Checker *C, const Node *callee)
{
    if (!callee || callee->kind != N_NAME) return NULL;
    return certain_binding(C, callee->name, N_FN);
}

static void param_list(const Node *def, char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "(");
    for (size_t i = 0; i < def->n_items && used < size; i++)
        used +=
            (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", def->items[i]->name);
    if (used < size) snprintf(buf + used, size - used, ")");
}

/* The same checks, in the same words, as the call at run time
 * (runtime/call.c): too many arguments, an unknown or repeated named
 * argument, a parameter without default left out. */
static void check_arity(Checker *C, const Node *call)
{
    const Node *def = function_called(C, call->a);
    if (!def || C->failed) return;
    const char *fname = def->name;
    size_t np = def->n_items, npos = 0, min = 0;
    for (size_t i = 0; i < call->n_items; i++)
        if (!call->items[i]->name) npos++;
    for (size_t i = 0; i < np; i++)
        if (!def->items[i]->a) min++;
    char params[256];
    param_list(def, params, sizeof params);
    if (npos > np) {
        char message[512];
        arity_message(message, sizeof message, fname, (long)min, (long)np, params, npos);
        fail(C, call->loc, "%s", message);
        return;
    }
    for (size_t j = 0; j < call->n_items; j++) {
        const Node *arg = call->items[j];
        if (!arg->name) continue;
        SrcLoc at = arg->a ? arg->a->loc : arg->loc;
        size_t k = 0;
        while (k < np && strcmp(def->items[k]->name, arg->name) != 0) k++;
        if (k == np) {
            const char *cands[64] = { NULL };
            size_t nc = 0;
            for (size_t i = 0; i < np && nc < 64; i++) cands[nc++] = def->items[i]->name;
            const char *near = suggest_name(arg->name, cands, nc);
            if (near)
                fail(C, at, _("%s() has no parameter '%s' \xe2\x80\x94 did you mean '%s'?"), fname,
                     arg->name, near);
            else
                fail(C, at, _("%s() has no parameter '%s'; its parameters are %.*s"), fname,
                     arg->name, np ? (int)strlen(params) - 2 : 6, np ? params + 1 : "(none)");
            return;
        }
        bool twice = k < npos;
        for (size_t i = 0; i < j && !twice; i++)
            twice = call->items[i]->name && strcmp(call->items[i]->name, arg->name) == 0;
        if (twice) {
            fail(C, at, _("%s(): argument '%s' is given twice"), fname, arg->name);
            return;
        }
    }
    for (size_t i = npos; i < np; i++) {
        const Node *p = def->items[i];
        bool named = false;
        for (size_t j = 0; j < call->n_items && !named; j++)
            named = call->items[j]->name && strcmp(call->items[j]->name, p->name) == 0;
        if (!named && !p->a) {
            fail(C, call->loc, _("%s() is missing its argument '%s'"), fname, p->name);
            return;
        }
    }
}

/* ---- literal values of a model that the SROI engine would refuse ------------------ */

/* The number an expression is written as, when it is a literal: 120%,
 * -5%, 3.  *percent tells whether it was written with %. */
static bool literal_number(const Node *e, double *x, bool *percent)
{
    double sign = 1;
    while (e && e->kind == N_UNARY && (e->oper == OP_NEG || e->oper == OP_POS)) {
        if (e->oper == OP_NEG) sign = -sign;
        e = e->a;
    }
    if (!e || e->kind != N_NUMBER) return false;
    *x = sign * e->num;
    *percent = e->is_percent;
    return true;
}

static void check_share(Checker *C, const Node *field, const char *what, const char *noun)
{
    double x;
    bool percent;
    if (literal_number(field->a, &x, &percent) && !(x >= 0 && x <= 1))
        fail(C, field->loc, _("%s is %g%%: %s must lie between 0%% and 100%%"), what, x * 100,
             _(noun));
}

static void check_one_or_two(Checker *C, const Node *field, const char *what, const char *noun)
{
    double x;
    bool percent;
    if (!literal_number(field->a, &x, &percent) || (!percent && (x == 1 || x == 2))) return;
    char shown[64];
    double v = percent ? x * 100 : x;
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(shown, sizeof shown, "%.0f%s", v, percent ? "%" : "");
    else
        snprintf(shown, sizeof shown, "%g%s", v, percent ? "%" : "");
    fail(C, field->loc, _("%s is %s: %s must be %s"), what, shown, field->name, _(noun));
}

/* The caller's rule for field `name` of an entry `decl` (NULL: a setting). */
static const CheckField *field_rule(const Checker *C, const char *decl, const char *name)
{
    for (size_t k = 0; k < C->n_fields; k++) {
        const CheckField *r = &C->fields[k];
        if (r->name && strcmp(r->name, name) == 0 &&
            (decl ? r->decl && strcmp(r->decl, decl) == 0 : r->decl == NULL))
            return r;
    }
    return NULL;
}

static void check_field(Checker *C, const CheckField *rule, const Node *f, const char *what)
{
    if (rule->kind == CHECK_SHARE)
        check_share(C, f, what, rule->noun);
    else
        check_one_or_two(C, f, what, rule->noun);
}

static void check_model_literals(Checker *C, const Node *m)
{
    for (size_t i = 0; i < m->n_items && !C->failed; i++) {
        const Node *item = m->items[i];
        if (item->kind == N_FIELD) {
            const CheckField *rule = field_rule(C, NULL, item->name);
            char what[200];
            if (rule) {
                snprintf(what, sizeof what, "%s", rule->what ? _(rule->what) : item->name);
                check_field(C, rule, item, what);
            }
        }
        if (item->kind != N_DECL || !item->op) continue;
        for (size_t j = 0; j < item->n_items && !C->failed; j++) {
            const Node *f = item->items[j];
            const CheckField *rule = f->name ? field_rule(C, item->op, f->name) : NULL;
            if (!rule) continue;
            char what[200];
            if (strcmp(item->op, "outcome") == 0)
                snprintf(what, sizeof what, _("%s of outcome '%s'"), f->name, item->name);
            else
                snprintf(what, sizeof what, _("%s of %s '%s'"), f->name, item->op, item->name);
            check_field(C, rule, f, what);
        }
    }
}

static void walk(Checker *C, const Node *n);
static void walk_left_spine(Checker *C, const Node *n);

static void walk_items(Checker *C, const Node *n)
{
    for (size_t i = 0; i < n->n_items && !C->failed; i++) walk(C, n->items[i]);
}

/* Reports the second of two items of `list` with the same name. */
/* The first of items[0..i) of `kind` named `name`, or NULL. */
static const Node *first_named(const Node *list, size_t i, NodeKind kind, const char *name)
{
    for (size_t j = 0; j < i; j++) {
        const Node *b = list->items[j];
        if (b->kind == kind && b->name && strcmp(name, b->name) == 0) return b;
    }
    return NULL;
}

static void check_unique(Checker *C, const Node *list, NodeKind kind, const char *fmt_where)
{
    NameIndex seen = { 0 }; /* the names met so far, each with its first item */
    for (size_t i = 0; i < list->n_items && !C->failed; i++) {
        const Node *a = list->items[i];
        if (a->kind != kind || !a->name) continue;
        NameSlot *slot = index_slot(&seen, a->name);
        const Node *b = seen.lossy ? first_named(list, i, kind, a->name) : slot->first;
        if (b)
            fail(C, a->loc, _("'%s' is given twice %s (first at line %d): remove one of them"),
                 a->name, fmt_where, b->loc.line);
        else if (slot)
            slot->first = a;
    }
    free(seen.slots);
}

/* Parameters: distinct names; defaults see the parameters before them. */
static void walk_function(Checker *C, const Node *fn, const char *fname)
{
    size_t mark = C->n;
    if (C->in_function++ == 0) C->body_mark = C->n;
    for (size_t i = 0; i < fn->n_items && !C->failed; i++) {
        const Node *p = fn->items[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(fn->items[j]->name, p->name) == 0)
                fail(C, p->loc,
                     _("parameter '%s' is repeated in %s%s%s: give each parameter its own name"),
                     p->name, fname ? "function '" : "this function", fname ? fname : "",
                     fname ? "'" : "");
        if (p->a) walk(C, p->a);
        bind(C, p->name);
    }
    if (!C->failed) walk(C, fn->a);
    C->in_function--;
    unbind_to(C, mark);
}

static void walk_model(Checker *C, const Node *m)
{
    char where[160];
    snprintf(where, sizeof where, "in model '%s'", m->name);
    /* Settings and declarations live in separate spaces: check each. */
    check_unique(C, m, N_FIELD, where);
    check_unique(C, m, N_DECL, where);
    size_t mark = C->n;
    bind(C, m->name);
    for (size_t i = 0; i < m->n_items; i++) bind(C, m->items[i]->name);
    for (size_t i = 0; i < m->n_items && !C->failed; i++) {
        const Node *item = m->items[i];
        if (item->kind == N_FIELD || item->kind == N_ERROR) {
            walk(C, item->kind == N_FIELD ? item->a : item);
            continue;
        }
        if (item->a) walk(C, item->a);
        snprintf(where, sizeof where, "in %s '%s'", item->op, item->name);
        check_unique(C, item, N_FIELD, where);
        walk_items(C, item);
    }
    unbind_to(C, mark);
    if (!C->failed) check_model_literals(C, m);
}

static void walk_block(Checker *C, const Node *n)
{
    size_t mark = C->n;
    walk_items(C, n);
    unbind_to(C, mark);
}

static bool on_left_spine(const Node *n)
{
    switch (n->kind) {
    case N_BINARY:
    case N_INDEX:
    case N_WHERE:
    case N_BY:
    case N_CALL:
    case N_GET:
    case N_WITH: return true;
    default: return false;
    }
}

/* What a spine node holds besides its left operand. */
static void walk_right_part(Checker *C, const Node *n)
{
    switch (n->kind) {
    case N_BINARY:
    case N_INDEX: walk(C, n->b); break;
    case N_CALL:
        walk_items(C, n);
        check_arity(C, n);
        break;
    case N_WITH:
        walk_items(C, n); /* override paths name model fields; their values are checked */
        break;
    case N_GET:
        check_module_member(C, n); /* a field name, checked when it is a module's */
        break;
    default: break; /* N_WHERE, N_BY: may name columns */
    }
}

/* `1 + 1 + ... + 1` is a left-deep tree as deep as the line is long: walk
 * its left spine with a loop, not with recursion, so that a generated file
 * cannot overflow the stack.  Operands are still checked left to right. */
static void walk_left_spine(Checker *C, const Node *n)
{
    size_t depth = 0;
    for (const Node *p = n; p && on_left_spine(p); p = p->a) depth++;
    const Node **spine = malloc(depth * sizeof *spine);
    if (!spine) {
        fail(C, n->loc, _("out of memory while checking this expression"));
        return;
    }
    const Node *p = n;
    for (size_t i = 0; i < depth; i++, p = p->a) spine[i] = p;
    walk(C, p);
    for (size_t i = depth; i-- > 0 && !C->failed;) walk_right_part(C, spine[i]);
    free(spine);
}

static void walk(Checker *C, const Node *n)
{
    if (!n || C->failed) return;
    if (on_left_spine(n)) {
        walk_left_spine(C, n);
        return;
    }
    switch (n->kind) {
    case N_NUMBER:
    case N_STRING:
    case N_BOOL: break;
    case N_NAME: check_name(C, n->name, n->loc, "name"); break;
    case N_WITH_UNIT:
        walk(C, n->a);
        if (!C->uses_modules) /* a module may declare units: known only when it runs */
            check_name(C, n->name, n->loc, "unit");
        break;
    case N_RECORD:
        check_unique(C, n, N_FIELD, "in this record");
        walk_items(C, n);
        break;
    case N_LIST:
    case N_PROGRAM: walk_items(C, n); break;
    case N_BLOCK: walk_block(C, n); break;
    case N_FIELD:
    case N_ARG:
    case N_UNARY:
    case N_PRINT:
    case N_EXPR_STMT: walk(C, n->a); break;
    case N_IF:
        walk(C, n->a);
        walk(C, n->b);
        walk(C, n->c);
        break;
    case N_LAMBDA: walk_function(C, n, NULL); break;
    case N_LET:
        walk(C, n->a);
        bind(C, n->name);
        break;
    case N_FN:
        bind_def(C, n->name, n); /* before the body: a function may call itself */
        walk_function(C, n, n->name);
        break;
    case N_USE: bind_def(C, n->name, n); break;
    case N_VERSION: break;
    case N_UNIT_DECL:
        walk(C, n->a);
        bind(C, n->name);
        break;
    case N_MODEL:
        walk_model(C, n);
        bind(C, n->name);
        break;
    case N_DECL: /* `assume` at the top level (in a model: walk_model) */
        walk(C, n->a);
        walk_items(C, n);
        bind(C, n->name);
        break;
    case N_PARAM: break; /* handled by its function */
    case N_ERROR:
        /* a broken statement: the names written in it may be ones it defines */
        for (size_t i = 0; i < n->n_items; i++) bind(C, n->items[i]->name);
        break;
    default: break; /* the left spines, walked above */
    }
}

static void collect_globals(Checker *C, const Node *root)
{
    for (size_t i = 0; i < root->n_items; i++) {
        const Node *s = root->items[i];
        if (s->kind == N_USE) C->uses_modules = true;
        for (size_t k = 0; s->kind == N_ERROR && k < s->n_items; k++)
            add_name(&C->globals, &C->global_defs, &C->n_globals, &C->cap_globals, &C->global_index,
                     s->items[k]->name, NULL);
        if (s->kind == N_LET || s->kind == N_FN || s->kind == N_USE || s->kind == N_UNIT_DECL ||
            s->kind == N_MODEL || s->kind == N_DECL)
            add_name(&C->globals, &C->global_defs, &C->n_globals, &C->cap_globals, &C->global_index,
                     s->name, s->kind == N_FN || s->kind == N_USE ? s : NULL);
    }
}

bool check_program(const Node *root, bool (*is_known)(const char *name, void *ctx), void *ctx,
                   SyntaxError *err)
{
    CheckOptions opt = { .is_known = is_known, .ctx = ctx };
    return check_program_with(root, &opt, err);
}

static bool run_checks(const Node *root, const CheckOptions *opt, SyntaxError *err,
                       ErrorList *errors)
{
    Checker C = { .is_known = opt->is_known,
                  .ctx = opt->ctx,
                  .fields = opt->fields,
                  .n_fields = opt->n_fields,
                  .err = err,
                  .errors = errors,
                  .root = root };
    if (root) {
        collect_globals(&C, root);
        check_unique(&C, root, N_DECL, "in this file"); /* top-level assumptions */
        walk(&C, root);
    }
    free(C.scope);
    free(C.defs);
    free(C.scope_index.slots);
    free(C.global_index.slots);
    free(C.globals);
    free(C.global_defs);
    free(C.unknown);
    return !C.failed;
}

bool check_program_with(const Node *root, const CheckOptions *opt, SyntaxError *err)
{
    err->message = NULL;
    return run_checks(root, opt, err, NULL);
}

bool check_program_all(const Node *root, const CheckOptions *opt, ErrorList *errors)
{
    size_t before = errors->n;
    run_checks(root, opt, NULL, errors);
    return errors->n == before;
}
