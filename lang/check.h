/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* check.h — static checks of a parsed program (`impact check FILE`).
 *
 * Contract: check_program() walks a tree produced by parse_source() and
 * reports the first problem that can be found without running anything
 * (check_program_all(): every problem):
 *   - a name used but bound nowhere (let, fn, parameters, use, unit, model,
 *     block bindings), unless the caller's is_known() says it is a global,
 *     a builtin or a unit; the message suggests a close name in scope;
 *   - a declaration name, a model setting or an entry field given twice in
 *     a model, a field given twice in a record;
 *   - a function parameter repeated;
 *   - with check_set_modules(), a name read from a module (`fr.x`) that the
 *     module's file does not define.
 * Names written on the right of `where` and `by` may be table columns, so
 * they are not checked; nor are unit names in a file that uses modules (a
 * module may declare units, and nothing is loaded by the check).  A top-level statement sees the names bound above
 * it; a function body sees every top-level name (it runs later).
 * err->message is malloc'ed on failure (the caller frees it).
 */
#ifndef IMPACT_CHECK_H
#define IMPACT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/ast.h"

bool check_program(const Node *root, bool (*is_known)(const char *name, void *ctx), void *ctx,
                   SyntaxError *err);

/* Literal checks of declaration fields, supplied by the library that gives
 * the fields their meaning (the language knows none): in a model block, a
 * field `name` of each entry written `decl` (an entry keyword such as
 * "outcome"; NULL: a setting of the model itself), when written as a plain
 * number, must be
 *   CHECK_SHARE       between 0% and 100%: "<what> is 150%: a <noun> must
 *                     lie between 0% and 100%";
 *   CHECK_ONE_OR_TWO  1 or 2: "<what> is 3: <name> must be <noun>", the noun
 *                     saying what each value means.
 * <what> is "<name> of <decl> '<entry>'", or <what> for a setting.  noun
 * and what are English (N_()), translated where shown: for a share, noun is
 * one value with its article ("a deadweight": the article agrees with the
 * noun in French).
 * A row whose name is NULL is ignored (a table expanded from a wider one). */
typedef enum CheckFieldKind { CHECK_SHARE, CHECK_ONE_OR_TWO } CheckFieldKind;
typedef struct CheckField {
    const char *decl, *name, *noun;
    CheckFieldKind kind;
    const char *what; /* a setting's name in prose ("the discount rate"); NULL: its name */
} CheckField;

typedef struct CheckOptions {
    bool (*is_known)(const char *name, void *ctx);
    void *ctx;
    const CheckField *fields; /* may be NULL: no literal checks */
    size_t n_fields;
} CheckOptions;

/* check_program() with the field checks of `opt`. */
bool check_program_with(const Node *root, const CheckOptions *opt, SyntaxError *err);

/* The same checks, going on after a problem: each is added to *errors
 * (an unknown name once, at its first use).  `root` may come from
 * parse_source_all(): the names written in a broken statement (N_ERROR)
 * count as bound, so that its error is not followed by others it caused.
 * True when no problem was found. */
bool check_program_all(const Node *root, const CheckOptions *opt, ErrorList *errors);

/* Looking into modules.  While set (for the calling thread), check_program()
 * also checks each `NAME.x` where NAME is bound by `use`: x must be a
 * top-level name of the module (bound there by let, fn, use or model), in
 * the run's words ("module 'std/proxies_fr' has no name 'x' — did you mean
 * ...?").  module_root() returns the parsed tree of the module written
 * `spec` in the checked file, or NULL when it cannot be found or parsed (the
 * run then says why); the tree must stay valid until the check ends.  The
 * runtime knows the library path, the language does not: the command line
 * supplies the hook (runtime/main.c).  NULL turns it off. */
typedef struct CheckModules {
    const Node *(*module_root)(void *ctx, const char *spec);
    void *ctx;
} CheckModules;
void check_set_modules(const CheckModules *modules);

/* The other spellings of the built-in units of money and time, each with the
 * unit it stands for: plurals and French words (`euros` is EUR, `ans` and
 * `années` are year, `mois` is month).  The runtime registers them as
 * aliases (runtime/unit.c); the check and the runtime use them to suggest
 * EUR or year, never a new unit, for a name that resembles one.
 * NULL-terminated; SPEC.md §2 lists them. */
typedef struct UnitSpelling {
    const char *name;
    const char *unit;
} UnitSpelling;
extern const UnitSpelling builtin_unit_spellings[];

/* For a unit name that is unknown: the built-in unit of money or time it
 * resembles (EUR, year, month, week, day, hour), or NULL. */
const char *builtin_unit_resembled(const char *name);

/* The candidate closest to `wrong` (Levenshtein distance over characters,
 * at most 2 and less than the length of `wrong`; a difference of case only
 * counts as closest), or NULL if none is close enough.  Returns one of the
 * candidates' pointers. */
const char *suggest_name(const char *wrong, const char *const *candidates, size_t n);

/* "f() takes 2 arguments (a, b) but was given 3": the one wording of a call
 * with too many or too few arguments, for the checker and the runtime; max
 * < 0 when there is no maximum.  Each count its own sentence, with its plural
 * (ngettext): the words around a number differ in French. */
void arity_message(char *out, size_t size, const char *fname, long min, long max,
                   const char *params, size_t given);

/* Levenshtein distance between two UTF-8 strings, counted in characters
 * (names longer than 64 characters are compared on their first 64). */
size_t name_distance(const char *a, const char *b);

/* The calls that name a file, for `impact check` (lang/file_uses.c): the
 * caller gives the built-ins that open a file by name (NULL-terminated
 * table: name, which positional argument is the path, whether it writes);
 * visitor->call receives each call found, with its path argument (NULL when
 * the call gives none) and where the call is; visitor->use, when not NULL,
 * each `use` statement.  Nothing is evaluated. */
typedef struct FileFunction {
    const char *name;
    size_t path_arg;
    bool write;
} FileFunction;
typedef struct FileUseVisitor {
    void (*call)(void *ctx, const FileFunction *f, const Node *path, SrcLoc loc);
    void (*use)(void *ctx, const Node *use);
    /* when not NULL: each text literal given to a module's function
     * (`lib.read("export.csv")`: callee is the N_GET lib.read) */
    void (*text)(void *ctx, const Node *callee, const Node *text);
    void *ctx;
} FileUseVisitor;
void find_file_uses(const Node *root, const FileFunction *table, const FileUseVisitor *visitor);

#endif
