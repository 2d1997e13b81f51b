/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* interp.h — the interpreter's C API: running code, raising errors, and the
 * contract between the runtime and the C functions of the standard library.
 *
 * One error path.  Every failure, from the parser to a CSV row, becomes an
 * ImpactError (a location and a message, optionally a hint) raised with
 * rt_raise(); the function then returns false and each caller releases what
 * it holds and returns false too, up to the command line or the REPL, which
 * print it as
 *     FILE:LINE:COL: error: MESSAGE
 *       source line
 *           ^
 *     hint: WHAT TO DO
 * Warnings (plausibility checks) use rt_warn() and never stop a run.
 */
#ifndef IMPACT_INTERP_H
#define IMPACT_INTERP_H

#include <stdio.h>

#include "lang/check.h"
#include "lang/i18n.h"
#include "runtime/value.h"
/* The canonical layout of source text (`impact fmt`): fmt_checked() parses,
 * lays out and proves the result parses to the same tree.  Part of this
 * API so that the command line reaches it through this header. */
#include "lang/fmt.h"
/* What a text defines, without running it (lang/outline.h): the names it
 * binds and where, the data files it reads.  For the editor (impact lsp). */
#include "lang/outline.h"

typedef struct Interp Interp;
typedef struct Env Env;

/* ---- settings ------------------------------------------------------------- */

typedef enum OutputFormat { FORMAT_TEXT, FORMAT_JSON } OutputFormat;

typedef struct Settings {
    size_t samples;       /* Monte Carlo sample count (--samples); default 10000 */
    uint64_t seed;        /* --seed; documented fixed default */
    int min_cell;         /* small-group threshold (--min-cell); default 11 */
    OutputFormat format;  /* --format */
    int threads;          /* worker threads for whole-array work; default: cores */
    Language language;    /* --lang: words and number formats of reports (i18n.h) */
    double max_time;      /* --max-time: seconds a run (a REPL line) may take; 0 = no limit */
    char scale;           /* --scale: money in reports in thousands 'k', millions 'M', or 0 */
    bool no_differencing; /* --differencing off: the differencing rule (disclosure.h) is
                             on unless this is set (zero settings keep it on) */
    /* a primitive distribution of more samples is drawn on demand, not stored
     * (stdlib/uncertainty/dist_drawn.c); 0: the default, 2,097,152 */
    size_t draw_on_demand_above;
    /* `impact run`: the models the file itself declares are reported when it
     * ends, so that each one's build computes its report's figures in the
     * same pass as its check of every sample (stdlib/sroi/report_stream.c) */
    bool reports_models;
} Settings;

/* ---- errors ---------------------------------------------------------------- */

typedef struct ImpactError {
    SrcLoc loc; /* file NULL when there is no place to point at */
    char *message;
    char *hint; /* "what to do", may be NULL */
} ImpactError;

/* Records an error (the first one wins until cleared) and returns false. */
bool rt_raise(Interp *I, SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds a hint ("what to do") to the error just raised; returns false. */
bool rt_hint(Interp *I, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints a located warning on stderr (and keeps it for JSON output). */
void rt_warn(Interp *I, SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Memory exhaustion cannot be raised (raising allocates): every layer above
 * lang/ calls this, which says so with a hint and ends the run with status 1. */
_Noreturn void rt_out_of_memory(void);
/* Error position for data: FILE:ROW:COLUMN (row = physical line of the file). */
SrcLoc loc_data(Interp *I, const char *file, int row, int column);

bool interp_has_error(const Interp *I);
const ImpactError *interp_error(const Interp *I);
void interp_clear_error(Interp *I);
/* Prints the pending error as described above (source line and caret when
 * the file is known). */
void interp_print_error(Interp *I, FILE *out);

/* Replaces the file at path with len bytes of text, the safe way of
 * runtime/safe_write.h (temporary file beside it with the file's mode,
 * fsync, rename; links, pipes, devices and read-only files refused).  For
 * the command line's own writes (impact fmt), which are not a model's: no
 * project check.  False after rt_raise; the old file is then untouched. */
bool interp_replace_file(Interp *I, const char *path, const char *text, size_t len);

/* ---- life cycle and running code ------------------------------------------ */

Interp *interp_new(const Settings *settings);
/* The time limit, in seconds, of code a tool runs on the user's behalf
 * without being asked to run a model (impact check, impact lsp): a library
 * that loops forever must not hang the command or the editor.  The tool
 * puts it in Settings.max_time unless --max-time was given. */
double interp_tool_max_time(void);
void interp_free(Interp *I);
Settings *interp_settings(Interp *I);

/* Parses and runs a file; the result of its last expression statement goes
 * to *out when out is not NULL.  Returns false on error. */
bool interp_run_file(Interp *I, const char *path, Value *out);
/* Parses and runs text as if it were a file named `name`, in the global
 * scope (REPL lines, -e).  *out receives the value of the last expression
 * statement (V_NIL if there is none). */
bool interp_run_string(Interp *I, const char *name, const char *text, Value *out);
/* The same for text that starts at line `first_line` of a stream named
 * `name` (piped REPL input): errors, and functions defined by the text, give
 * the stream's line numbers; each statement costs only its own length. */
bool interp_run_lines(Interp *I, const char *name, const char *text, int first_line, Value *out);
/* True when text stops inside a statement (an open bracket, a trailing
 * operator, an unfinished block): the REPL asks for a continuation line. */
bool interp_text_is_incomplete(const char *text);
/* The same answer for a statement that grows line by line (piped input, the
 * REPL), in time linear in its length: while brackets are open the text is
 * parsed again only when it has doubled since the last parse.  Start with
 * an OpenText of zeros, and zero it again whenever the text is emptied. */
typedef struct OpenText {
    size_t scanned;    /* bytes of the text scanned for brackets */
    long depth;        /* brackets open at `scanned` */
    size_t parsed_len; /* length of the text at its last parse */
} OpenText;
bool interp_text_still_open(OpenText *o, const char *text);
/* A budget of evaluation steps (one per expression evaluated) for the text
 * run from now on, for embedding and fuzzing: past it the run stops with a
 * located error.  0, the default, is no budget. */
void interp_set_step_limit(Interp *I, unsigned long steps);
/* Parses and checks a file without running it (impact check). */
bool interp_check_file(Interp *I, const char *path);
/* Runs text held in memory as if it were the file at `path` (its folder is
 * the current folder of its code), like interp_run_file(). */
bool interp_run_text(Interp *I, const char *path, const char *text, size_t len, Value *out);

/* Every problem `impact check` finds in a file (runtime/diagnostics.c):
 * syntax errors (the parse goes on at the next statement, model entry or
 * field), unknown names and units, out-of-range fields, names a module
 * does not define, library versions that do not match; each located, with
 * its hint when there is one, in the order of the file.  Nothing is run.
 * `text` (len bytes), when not NULL, is the file's content (an editor's
 * unsaved buffer), `path` then only names it and its folder.  Returns false
 * when the file cannot be read (the error is raised), else true with
 * out->n problems (0: none).  The locations stay valid as long as I. */
typedef struct Diagnostics {
    ImpactError *items; /* message and hint malloc'ed, hint may be NULL */
    size_t n, cap;
} Diagnostics;
bool interp_check_all(Interp *I, const char *path, const char *text, size_t len, Diagnostics *out);
void diagnostics_free(Diagnostics *d);
/* Prints one problem as interp_print_error() prints an error. */
void interp_print_diagnostic(Interp *I, const ImpactError *d, FILE *out);

/* Calls a function value (FuncObj or BuiltinObj) with positional arguments. */
bool rt_call(Interp *I, Value fn, size_t n, const Value *args, SrcLoc loc, Value *out);

/* Global scope: define, look up (borrowed), enumerate (REPL :env, completion). */
void interp_define(Interp *I, const char *name, Value v); /* retains v */
bool interp_lookup(Interp *I, const char *name, Value *out);
size_t interp_global_names(Interp *I, const char **names, size_t max);
/* A module value's top-level names, in definition order (completion of
 * `fr.`), and one of them (borrowed).  Both accept any value: a value that
 * is not a module has no names. */
size_t interp_module_names(Value module, const char **names, size_t max);
bool interp_module_lookup(Value module, const char *name, Value *out);
/* True while the top level of a module loaded by `use` runs (its statements
 * and the functions they call); false for the main file, -e and the REPL,
 * and for a module's function called from them.  A value made now is the
 * module's, not one of the run's own results (stdlib/sroi: which models
 * `impact run` reports). */
bool interp_in_module(Interp *I);
/* The modules loaded by `use`, in the order they finished loading: the
 * name as used ("models/cae"), the path as messages show it, and the
 * SHA-256 of the file's bytes in lowercase hex.  Borrowed strings. */
size_t interp_library_count(Interp *I);
void interp_library(Interp *I, size_t i, const char **spec, const char **shown,
                    const char **sha256);
/* The version library i declares at its top ("1.2.0"), or NULL. */
const char *interp_library_version(Interp *I, size_t i);

/* ---- builtins --------------------------------------------------------------- */

typedef struct CallArgs {
    size_t npos;
    const Value *pos;      /* positional argument values */
    const SrcLoc *pos_loc; /* where each was written */
    size_t nnamed;
    const char *const *names; /* named arguments: p95 = ... */
    const Value *named;
    const SrcLoc *named_loc;
    SrcLoc loc;            /* the call */
    const BuiltinReg *reg; /* the function called */
} CallArgs;

/* Registers a NULL-terminated table of builtins in the global scope. */
void interp_register(Interp *I, const BuiltinReg *regs);
/* A built-in's one line of help in the language of the run (its msgid
 * through gettext), "" when it has none: what :help and the editor show. */
const char *builtin_help(const BuiltinReg *reg);

/* Argument helpers: each raises a located error naming the function and the
 * parameter when the argument is missing or of the wrong kind. */
bool arg_named(const CallArgs *a, const char *name, Value *out, SrcLoc *loc); /* borrowed */
bool arg_number(Interp *I, const CallArgs *a, size_t i, const char *param, double *out);
bool arg_string(Interp *I, const CallArgs *a, size_t i, const char *param, const char **out);
bool arg_table(Interp *I, const CallArgs *a, size_t i, const char *param, TableObj **out);
SrcLoc arg_loc(const CallArgs *a, size_t i); /* location of argument i, or of the call */
/* Refuses argument i for its kind: raises `message` (translated, its one %s
 * the kind the argument is, "a list") at the argument, then `hint` (what to
 * write instead) unless NULL.  Returns false. */
bool arg_wrong_kind(Interp *I, const CallArgs *a, size_t i, const char *message, const char *hint);

/* ---- files: what code may read and write (runtime/files.c) -------------------- */

/* The project folder: the folder of the file named on the command line, or
 * the current folder for -e, standard input and the REPL.  Code reads and
 * writes inside it (and its sub-folders) and inside the folders added with
 * interp_allow_dir(), nowhere else.  Set by the first top-level
 * interp_run_file()/interp_run_string() unless set before; false (nothing
 * changed) when `dir` is not a folder. */
bool interp_set_project(Interp *I, const char *dir);
/* Adds a folder that code may read (--read, IMPACT_DATA) or, with write,
 * read and write (--write).  False when `dir` is not a folder. */
bool interp_allow_dir(Interp *I, const char *dir, bool write);
/* From now on no code writes a file (write_csv, survey_template raise a
 * located error): the editor's language server runs models as they are
 * typed. */
void interp_set_read_only(Interp *I);
/* The project folder (resolved), or NULL before any run. */
const char *interp_project_dir(Interp *I);

typedef enum FileAccess { FILE_READ, FILE_WRITE } FileAccess;

/* The one gate of every built-in that opens a file by name.  Argument
 * `path_arg` of the call `a` names the file; decides whether the code making
 * the call may read (or write) it:
 *   - code of a library (a file loaded by `use`) never writes, and reads only
 *     a path written in the user's code (a V_STR with VF_USER_TEXT);
 *   - the resolved file (relative paths from interp_current_dir(), symbolic
 *     links followed with realpath) must lie in the project folder or an
 *     allowed folder — for a write, a folder given with --write or the project.
 * On success *full receives the path to open (malloc'ed): for a read, the
 * path as resolved against the current folder; for a write, the file's name
 * inside its real folder.  Otherwise raises a located error naming the
 * library or the file, with a hint, and returns false. */
bool file_access(Interp *I, const CallArgs *a, size_t path_arg, FileAccess mode, char **full);
/* Whether the user's code of a file in folder `dir` may read or write
 * `path` (relative to dir), by the folder rules of file_access(); for
 * `impact check`, which runs nothing. */
bool interp_path_allowed(Interp *I, const char *dir, const char *path, FileAccess mode);
/* `impact check`: prints, on standard output, each call of the file at
 * `path` and of the modules it uses that names a file (csv, write_csv,
 * survey_template), with its path when it is written as a text, and on
 * standard error each access the run would refuse, as a located error;
 * returns the number of refusals.  Runs nothing (runtime/check_files.c). */
size_t interp_check_list_files(Interp *I, const char *path);
/* True when `file` (a SrcLoc.file) is the code of a library loaded by `use`. */
bool interp_file_is_library(Interp *I, const char *file);

/* ---- printing values ------------------------------------------------------ */

/* Readable rendering: 120000 EUR, 25%, 3 year, [1, 2], {a: 1}, a table view,
 * a distribution summary.  Appends to out. */
void value_format(Interp *I, Value v, StrBuf *out);
/* Like value_format, but a table whole: every row and every column (the
 * REPL's :show); a table whose row count is protected as value_format. */
void value_format_whole(Interp *I, Value v, StrBuf *out);
/* Writes value_format(v) and a newline to stdout: what `print` writes. */
void value_print_line(Interp *I, Value v);
/* Unit name of a dimension ("EUR", "EUR/year", "session"); "" if none. */
void dim_format(Interp *I, Dim d, StrBuf *out);
/* Looks up a unit by name; returns false if unknown. */
bool unit_lookup(Interp *I, const char *name, Dim *dim, double *scale);
/* The unit a number was written with (its unit_hint): the name it prints
 * as and the value of 1 of it in base units (MGBP: 1000000); false for the
 * base unit (hint 0). */
bool unit_hint_info(Interp *I, uint16_t hint, const char **name, double *scale);
/* Dimension of money in the default currency (EUR) and of time (year). */
Dim dim_money(Interp *I);
Dim dim_time(Interp *I);
bool dim_is_money(Interp *I, Dim d); /* any currency, exponent 1, nothing else */

/* ---- hooks that stdlib installs --------------------------------------------- */

/* A model declaration evaluated by the runtime: settings and entries with
 * their field values already computed (expressions evaluated, in order). */
typedef struct DeclField {
    const char *name; /* "quantity", "discount", "funder" ... */
    Value value;
    SrcLoc loc;       /* where the field was written */
    const Node *expr; /* the expression (audit trail, re-evaluation) */
    uint64_t uses;    /* the model's assumptions (bit i: assumes[i]) its expression read */
} DeclField;

/* One assumption a model uses: `assume NAME "Label" = EXPR { source = "...",
 * range = LOW to HIGH }`, declared inside the model or at the top level of a
 * file (a library's judgements, shared by the models that read them).  A
 * model knows at most DECL_ASSUME_MAX of them. */
#define DECL_ASSUME_MAX 64
typedef struct DeclAssume {
    const char *name, *label; /* label may be NULL */
    Value value;              /* a number or a distribution */
    SrcLoc loc;               /* the declaration */
    const Node *expr;         /* its expression; NULL once a scenario set the value */
    const char *source;       /* source = "...", or NULL */
    Value range;              /* range = LOW to HIGH as a list [LOW, HIGH], or V_NIL */
    uint64_t uses;            /* the earlier assumptions its expression read */
    bool top_level;           /* declared at a file's top level, not in the model */
    SrcLoc set_loc;           /* where a scenario (`with`) set it; file NULL otherwise */
} DeclAssume;

typedef struct DeclEntry {
    const char *keyword; /* "stakeholder", "input", "outcome" ... */
    const char *name;
    const char *label;    /* may be NULL */
    const char *for_name; /* outcome ... for STAKEHOLDER; NULL otherwise */
    SrcLoc for_loc;
    Value value; /* input NAME "Label" = VALUE; V_NIL otherwise */
    SrcLoc value_loc;
    const Node *value_expr; /* the expression of value, or NULL */
    uint64_t value_uses;    /* the assumptions value's expression read */
    DeclField *fields;
    size_t n_fields;
    SrcLoc loc;
    Value label_value; /* the text of a `label = ...` field (label points into it) */
} DeclEntry;

typedef struct ModelDecl {
    const char *name;
    const char *title;
    SrcLoc loc;
    DeclField *settings; /* discount = 3.5%, samples = ..., min_cell = ... */
    size_t n_settings;
    DeclEntry *entries;
    size_t n_entries;
    DeclAssume *assumes; /* in declaration order; top-level ones after the model's own */
    size_t n_assumes;
    Env *scope;         /* where the fields were evaluated (retained by the copy's owner
                          * with interp_scope_retain); NULL for a model built otherwise */
    const char *module; /* the declaring module's stream prefix, NULL for the main file */
} ModelDecl;

/* A text in several languages: a record whose every field is named by a
 * two-letter language code impact speaks (fr, en) and holds a text, e.g.
 * {fr: "Bien-être au travail", en: "Wellbeing at work"}.  When v is one,
 * *out is (a new reference to) the text of the run's language (--lang), or
 * the first text when that language is missing, and the result is true;
 * otherwise false and *out untouched.  Model fields, labels and titles
 * given so are read this way; tr() (stdlib/core) gives it to programs. */
bool interp_translated_text(Interp *I, Value v, Value *out);

/* The scope a model's fields were evaluated in, kept by a model that may be
 * recomputed (`M with { ASSUMPTION = x }`). */
void interp_scope_retain(Env *scope);
void interp_scope_release(Env *scope);
/* Evaluates expr, a field of model d, again in d's scope and under the
 * stream name `binding` (qualified with d->module), every assumption of d
 * read as values[i] (n_assumes of them, borrowed): what the field would be
 * had those values been written in its place.  *uses gets the assumptions it
 * read.  A new reference in *out; false after rt_raise. */
bool interp_eval_assumed(Interp *I, const ModelDecl *d, const Value *values, const Node *expr,
                         const char *binding, uint64_t *uses, Value *out);

/* Builds a model value from its declaration (stdlib/sroi).  Returns false
 * after rt_raise. */
typedef bool (*ModelBuilder)(Interp *I, const ModelDecl *decl, Value *out);
void interp_set_model_builder(Interp *I, ModelBuilder builder);

/* The literal checks of model fields that `impact check` makes (lang/check.h:
 * the language knows no field; the SROI library hands its table in).  The
 * table must outlive the interpreter (a static one). */
void interp_set_check_fields(Interp *I, const CheckField *fields, size_t n);

/* What the language asks of the library by role, never through a global
 * name a user can rebind (`let group_by = ...` leaves `by` alone): each hook
 * is a built-in that stdlib_open() installs.
 *   HOOK_GROUP_BY  `T by KEY`: (table, key) -> grouped table
 *   HOOK_RANGE     `a to b`: (a, b) -> distribution
 *   HOOK_EXPLAIN   the REPL's :why EXPR: (value) -> how it was computed */
typedef enum InterpHook { HOOK_GROUP_BY, HOOK_RANGE, HOOK_EXPLAIN, HOOK_COUNT } InterpHook;
void interp_set_hook(Interp *I, InterpHook hook, const BuiltinReg *fn);
/* Calls the built-in installed for `hook`; raises (and returns false) when
 * none is, or when it fails. */
bool interp_call_hook(Interp *I, InterpHook hook, size_t n, const Value *args, SrcLoc loc,
                      Value *out);

/* ---- provenance of results ------------------------------------------------ */

/* A number or a distribution a library function returns can say where it
 * came from (explain(sroi(M)), :why): interp_mark_origin() gives *result an
 * origin id (Value.origin) under which the interpreter keeps `source`
 * (retained: an SROI model), `what` ("sroi", copied) and `part` (an
 * outcome's index, -1 for the whole).  The id goes wherever the value goes
 * (let, lists, records); arithmetic makes a new value without one.
 * interp_origin() finds them again (source borrowed), keyed by the value,
 * never by its number: two models with the same ratio are not confused.
 * The last 64 marks are kept; an older result has no origin. */
void interp_mark_origin(Interp *I, Value *result, Value source, const char *what, int part);
bool interp_origin(Interp *I, Value v, Value *source, const char **what, int *part);

/* Called by `print` in JSON mode to collect printed values instead of
 * writing them; NULL in text mode. */
/* State a library keeps for one interpreter (csv()'s line numbers of the
 * tables it read, summarize()'s count of skipped values...), so that none
 * of it is global and two interpreters never share it.  `key` is the
 * address of something of the library's own (a static const char) and
 * names the state; the first call makes it (`size` bytes, zeroed), later
 * calls return the same block.  When the interpreter is freed, `release`
 * (may be NULL) frees what the state holds, then the block is freed. */
void *interp_lib_state(Interp *I, const void *key, size_t size, void (*release)(void *state));

typedef void (*PrintSink)(Interp *I, Value v, void *ctx);
void interp_set_print_sink(Interp *I, PrintSink sink, void *ctx);

/* ---- naming of random streams ------------------------------------------- */

/* The qualified name of what is being bound while an expression is evaluated
 * ("x" for `let x = ...`, "artisans.employment.deadweight" inside a model),
 * plus a counter of the random draws made under that name so far.  A
 * distribution constructor derives its random stream from the seed and this
 * name, so editing one parameter does not reshuffle the others. */
const char *interp_binding_name(Interp *I);
unsigned interp_next_draw_index(Interp *I);

/* The directories searched for `use "std/..."` and `use "models/..."`. */
const char *interp_library_root(Interp *I);

/* The file a `use` of `spec` written in a file of folder `dir` ("." for -e
 * and the REPL) loads, by the rules of SPEC.md §3 (std/X in ROOT/stdlib,
 * models/X in ROOT/models, an absolute path as it is, any other path in
 * `dir` then in each folder of $IMPACT_PATH; X, X.impact or X/main.impact).
 * On success copies the path into `found`, which has room for PATH_MAX
 * bytes, and returns true; false when no file matches.  Raises nothing and
 * loads nothing (runtime/module.c; `impact check` uses it too). */
bool module_resolve(Interp *I, const char *spec, const char *dir, char *found);

/* ---- added for the command line and the REPL (runtime/main.c, repl.c) ---- */

/* Warnings given by rt_warn() since interp_new, in order, each as its one-line
 * text without the trailing newline ("FILE:LINE:COL: warning: MESSAGE"); the
 * JSON output lists them under "warnings".  The string is owned by I. */
size_t interp_warning_count(const Interp *I);
const char *interp_warning_text(const Interp *I, size_t i);
/* A note: information that needs no action ("an empty column was dropped"),
 * printed at once on standard error as "FILE:LINE:COL: note: MESSAGE" and
 * kept, one line each, for the JSON output's "notes". */
void rt_note(Interp *I, SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
size_t interp_note_count(const Interp *I);
const char *interp_note_text(const Interp *I, size_t i);

/* Asks the evaluation in progress to stop (Ctrl-C in the REPL).  Only sets a
 * flag, so it is safe to call from a signal handler; the evaluator checks the
 * flag at calls and loop iterations, raises "interrupted" and clears it. */
void interp_request_interrupt(Interp *I);

/* ---- added by the runtime engineer ----------------------------------------- */

/* Renders a distribution (REPL, print, lists).  stdlib/dist.c installs a rich
 * one; the default is `≈ MEDIAN (90%: P5 to P95)`. */
typedef void (*DistFormatter)(Interp *I, Value dist, StrBuf *out);
void interp_set_dist_formatter(Interp *I, DistFormatter fmt);

/* Directory of the file whose code is running ("." for -e and the REPL):
 * relative data paths (csv("x.csv")) are resolved against it. */
const char *interp_current_dir(Interp *I);

/* Factor between a number's stored value and the value it is shown with:
 * 1/12 for 6 month (stored as 0.5 year), 0.01 for 25%, 1 otherwise. */
double value_display_scale(Interp *I, Value v);

#endif

/* ---- added: errors and warnings raised in library code ---------------------- */

/* An error (or warning) whose place is in a module or library file (named
 * std/X.impact, models/X.impact under the library root) is followed, when
 * printed, by the calls in progress that led there, innermost first, up to
 * the user's file — the one the outermost run started with:
 *       called from std/wellbeing.impact:58:46
 *       called from model.impact:12:20
 *         print wb.who5(T, items)
 *                      ^
 * ("used from" for a `use` loading the module; a recursive call repeated is
 * one line "(N times)").  The kept text of such a warning (JSON) stays one
 * line and ends with " (called from USERFILE:LINE:COL)".  Functions written
 * in C need nothing: their CallArgs.loc is where the library called them. */
