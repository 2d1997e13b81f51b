/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* internal.h — the Interp struct and what runtime/ files share privately.
 *
 * Contract: only the runtime's own C files (not main.c/repl.c, not stdlib)
 * include this
 * file.  Everything outside goes through interp.h.
 */
#ifndef IMPACT_INTERNAL_H
#define IMPACT_INTERNAL_H

#include <pthread.h>
#include <signal.h>
#include <stdint.h>

#include "runtime/disclosure.h"
#include "runtime/interp.h"
#include "runtime/env.h"
#include "runtime/unit.h"

#define MAX_CALL_DEPTH 10000
/* Evaluations nested one inside the other (eval_node).  A call of a user
 * function nests a few (the call, its body, an if, an operator): 10000 calls
 * of a plain recursive function fit; the 1 GiB evaluator stack (interp.c)
 * holds this many levels in every build, sanitizers included. */
#define MAX_EVAL_DEPTH   100000
#define BINDING_NAME_MAX 512

typedef struct ModuleEntry {
    char *path; /* resolved file path (cache key) */
    char *spec; /* as written in `use` */
    char *name; /* the `as` name of its first load: prefix of binding names */
    /* Its parsed file, kept by the interpreter (I->sources) past this entry:
     * src->path is the path messages show (std/x.impact, models/cae.impact, or
     * as found), module_version_of(src->root) its `version "1.2.0"` or NULL. */
    const SourceFile *src;
    char sha256[65]; /* of the file's bytes, lowercase hex: which library made a report */
    Value module;    /* V_MODULE once loaded, V_NIL while loading */
    bool loading;
} ModuleEntry;

/* The file whose top level is running: for relative paths and binding names. */
typedef struct RunFrame {
    char *dir;               /* directory of the file, "." for -e / REPL */
    char *real_path;         /* resolved path of the file (cycle detection), NULL for text */
    const char *module_name; /* the module's file, as its streams' prefix (stream_key in
                              * module.c); NULL for the main file */
    Env *top;                /* the file's top-level scope */
    const char *src_path;    /* SrcLoc.file of its code (the SourceFile's path), NULL until run */
} RunFrame;

/* A call in progress, for "called from" lines: where a function written in
 * the language was called, or where `use` loads a module. */
typedef struct CallSite {
    SrcLoc loc;
    bool is_use;
    size_t times; /* in a chain: the same call repeated (recursion), else 1 */
} CallSite;

#define CHAIN_MAX 8 /* call sites printed under an error; the rest are counted */

/* The thread with a large stack that runs code (see interp.c). */
typedef struct Worker {
    bool started, stop;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake, done;
    void *job; /* RunJob waiting or running, NULL when idle */
} Worker;

/* One provenance mark (origin.c): the last ORIGINS_KEPT are kept, in a ring
 * indexed by id % ORIGINS_KEPT. */
#define ORIGINS_KEPT 64
typedef struct Origin {
    uint32_t id;  /* Value.origin of the marked result; 0 = free slot */
    Value source; /* retained */
    char *what;
    int part;
    double num;     /* the marked number (V_NUM) */
    const Obj *obj; /* the marked distribution's object (V_DIST), else NULL */
} Origin;

/* One library's state for this interpreter (interp_lib_state). */
typedef struct LibState {
    const void *key;
    void *state;
    void (*release)(void *state);
} LibState;

struct Interp {
    Settings settings;
    Env *builtins; /* registered C functions */
    Env *globals;  /* the main file, -e and the REPL (parent: builtins) */

    bool has_error;
    ImpactError err;
    char **warnings;
    size_t n_warnings, cap_warnings;
    char **notes; /* rt_note(), for the JSON "notes" */
    size_t n_notes, cap_notes;
    char **interned; /* data file names given to loc_data() */
    size_t n_interned, cap_interned;

    SourceFile **sources; /* every parsed file, kept: functions point into them */
    size_t n_sources, cap_sources;

    ModelBuilder model_builder;
    const CheckField *check_fields; /* interp_set_check_fields() */
    size_t n_check_fields;
    const BuiltinReg *hooks[HOOK_COUNT]; /* interp_set_hook; NULL: not installed */
    LibState *lib_states;                /* interp_lib_state() */
    size_t n_lib_states;
    Origin origins[ORIGINS_KEPT]; /* provenance of the last marked results */
    uint32_t last_origin;         /* id of the last mark */
    PrintSink print_sink;
    void *print_ctx;
    DistFormatter dist_formatter;

    char binding[BINDING_NAME_MAX];
    unsigned draw_index;

    char *library_root;
    ModuleEntry *modules;
    size_t n_modules, cap_modules;

    RunFrame *frames;
    size_t n_frames, cap_frames;

    UnitRegistry units;
    int depth;
    /* Evaluations in progress, one inside the other (eval_node): bounded by
     * MAX_EVAL_DEPTH, the same in every build. */
    long eval_depth;
    bool on_big_stack;
    /* Lowest stack address code running now may reach (rt_stack_room):
     * the running thread's stack, less a margin for the error's own report. */
    uintptr_t stack_floor;
    unsigned long steps, step_limit; /* interp_set_step_limit(); 0: none */
    volatile sig_atomic_t interrupted;
    Env *live_envs; /* every Env not yet freed (see env.h) */

    CallSite *sites; /* calls in progress, outermost first */
    size_t n_sites, cap_sites;
    CallSite err_sites[CHAIN_MAX]; /* the pending error's chain, innermost first */
    size_t n_err_sites, err_sites_skipped;
    Worker worker;

    /* The table whose columns are in scope while `T where COND` / `T by KEY`
     * evaluates its right side (NULL otherwise): messages about an unknown
     * name or a comparison list its columns and values (eval_model.c). */
    const TableObj *where_table;
    const char *where_name; /* the table's name as written (`t` of `t where`), or NULL */
    /* Data files named in errors (loc_data): the path to read them again
     * (interned[i] is the name shown, data_paths[i] where it was found). */
    char **data_paths;
    /* The call of the built-in running now (csv(...)), file NULL outside
     * one; an error located in a data file is "read by" it. */
    SrcLoc builtin_call;
    bool err_has_read_by;
    /* The error's data location holds a value no output may show (a NIR in
     * the titles): its line is not printed under the message. */
    bool err_hide_data_line;
    /* The error is small-group protection refusing a figure (a suppressed
     * figure used, an order statistic of too few people): a grouped result
     * shows that group's cell as missing instead (disclosure.c). */
    bool err_refusal;
    /* The figures already given about each data file (differencing,
     * runtime/disclosure_ledger.c); made at the first data file. */
    struct DisclosureLedger *ledger;
    SrcLoc err_read_by;
    /* Names of built-in functions a `let` or a `model` has hidden, with the
     * place of that binding: "'mean' is a number, not a function" says it. */
    struct Shadow {
        char *name;
        SrcLoc loc;
    } * shadows;
    size_t n_shadows, cap_shadows;
    /* Files (files.c): the project folder and the folders --read/--write
     * added, all resolved with realpath; the last SrcLoc.file asked about
     * by interp_file_is_library() and its answer (a string is evaluated
     * often, by the same file). */
    bool read_only; /* interp_set_read_only(): no code writes a file */
    char *project_dir;
    char **read_dirs, **write_dirs;
    size_t n_read_dirs, n_write_dirs;
    const char *lib_cache_file;
    bool lib_cache_answer;
    /* --max-time: calls and statements left before the clock is read again,
     * and when the current run began (seconds, CLOCK_MONOTONIC). */
    long steps_until_clock;
    double run_started;
    /* Assumptions (eval_assume.c): those declared at the top level of a
     * file, and the model being evaluated or recomputed, whose reads of an
     * assumption are recorded (and replaced by a scenario's values). */
    struct TopAssume *top_assumes;
    size_t n_top_assumes, cap_top_assumes;
    struct AssumeWatch *assume_watch;
};

/* eval_assume.c */
typedef struct TopAssume {
    Env *env;     /* the file's top-level scope that binds it (not retained: lives
                     * as long as the interpreter) */
    DeclAssume a; /* value and range retained */
} TopAssume;
typedef struct AssumeWatch {
    DeclAssume *assumes; /* the model's assumptions (values owned by the declaration) */
    size_t *n_assumes;
    Env *scope;          /* binds the model's own assumptions */
    const Value *values; /* replacements, one per assumption, or NULL */
    bool can_add;        /* a top-level assumption read for the first time joins the list */
    uint64_t used;       /* assumptions read since the last reset */
    bool too_many;       /* more than DECL_ASSUME_MAX */
} AssumeWatch;
/* A binding `name` found in scope `found` is being read into *v (borrowed):
 * when it is an assumption of the model being evaluated, records it and puts
 * the scenario's value in *v. */
void assume_watch_read(Interp *I, const Env *found, const char *name, Value *v);
/* `assume NAME "Label" = EXPR { ... }` at the top level of a file. */
bool eval_assume_stmt(Interp *I, Env *env, const Node *n, Value *out);
/* Evaluates assumption node n (value, source, range) into *a under binding. */
bool assume_eval(Interp *I, Env *env, const Node *n, const char *binding, DeclAssume *a);
void assume_release(DeclAssume *a);
/* Warns about each assumption of model d that no field reads. */
void assume_warn_unused(Interp *I, const ModelDecl *d);
void assumes_free(Interp *I);

/* eval.c: records (and warns) that `name`, bound at loc, hides a built-in
 * function; does nothing for other names. */
void interp_note_binding(Interp *I, const char *name, SrcLoc loc, const char *what);
/* The place where `name` was last bound over a built-in, or NULL. */
const SrcLoc *interp_shadow_loc(Interp *I, const char *name);

/* interp.c */
/* The stack guard of every recursion over user-made depth (nested
 * expressions, calls, values): false after raising "too deep" at loc when the
 * running thread's stack is nearly used up. */
bool rt_stack_room(Interp *I, SrcLoc loc);
/* Raises "too deep" at loc for the nesting limit MAX_EVAL_DEPTH; returns
 * false. */
bool rt_too_deep(Interp *I, SrcLoc loc);
/* False after raising at loc when v is nested too deep to be shown
 * (VALUE_DEPTH_MAX): print, the value of -e and of a REPL line. */
bool rt_showable(Interp *I, Value v, SrcLoc loc);
void interp_push_frame(Interp *I, const char *file_path, const char *module_name, Env *top);
void interp_pop_frame(Interp *I);
const RunFrame *interp_frame(Interp *I);
/* Sets the binding name (qualified with the running module's name). */
void interp_set_binding(Interp *I, const char *name);
/* Keeps a parsed source alive for the interpreter's lifetime. */
void interp_keep_source(Interp *I, SourceFile *src);
/* Parses src and runs it in env (the frame must be pushed by the caller). */
bool interp_run_source(Interp *I, SourceFile *src, Env *env, Value *out);
/* Raises and clears the interrupt flag when it is set. */
bool interp_check_interrupt(Interp *I, SrcLoc loc);
/* The call-site stack: push before running a function's body (or a used
 * module), pop after, on every path. */
void interp_push_site(Interp *I, SrcLoc loc, bool is_use);
void interp_pop_site(Interp *I);

/* call.c: calls the built-in installed for `hook` with each argument's
 * location; false without raising when none is installed (the caller says
 * what is missing in its own words). */
bool call_hook(Interp *I, InterpHook hook, size_t n, const Value *args, const SrcLoc *locs,
               SrcLoc loc, Value *out, bool *installed);

/* origin.c: releases the sources the provenance ring holds (interp_free). */
void origins_free(Interp *I);

/* error.c */
/* The one exit of the library: memory is exhausted, nothing sensible can
 * follow.  Prints "impact: error: out of memory" with a hint and exits
 * with status 1. */
_Noreturn void rt_out_of_memory(void);
/* Best candidate within edit distance 2 (case differences cost less), or NULL. */
/* "cannot add A and B", "cannot compare A and B with '<'"...: the one message
 * for operands of kinds (or units) operator op does not take (ops.c). */
bool rt_raise_operand_kinds(Interp *I, Op op, const char *a, const char *b, SrcLoc loc);
const char *rt_suggest(const char *wrong, const char *const *candidates, size_t n);
/* What a name after a dot was looked for in (eval_names.c). */
typedef enum { FIELD_OF_RECORD, COLUMN_OF_TABLE, NAME_OF_MODULE } FieldOwner;
/* Raises "record has no field 'x'..." (or a table's column, a module's name:
 * `module` is its name, NULL otherwise) with the closest of names[0..n) or
 * the list of them; returns false. */
bool rt_raise_no_field(Interp *I, FieldOwner owner, const char *module, const char *name,
                       const char *const *names, size_t n, SrcLoc loc);
/* The chain of call sites from the place `at` (in a library or module) back
 * to the user's file: innermost first, the same call repeated (recursion)
 * counted in one entry, at most max entries (the outermost kept last);
 * *skipped counts the calls left out.  0 when `at` is in the user's file. */
size_t rt_call_chain(Interp *I, SrcLoc at, CallSite *out, size_t max, size_t *skipped);
/* The location of `word` on loc's line at or after loc (the unit of 9 eur). */
SrcLoc loc_of_word_after(Interp *I, SrcLoc loc, const char *word);

/* files.c */
void files_free(Interp *I);
/* Sets the project folder from the file about to run (NULL: the current
 * folder) when none is set yet. */
void files_default_project(Interp *I, const char *file_path);

/* format.c */
void format_dist_default(Interp *I, Value v, StrBuf *out);

#endif
