/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* interp.c — the interpreter's life cycle, running files and strings,
 * builtin registration, argument helpers, binding names for random streams.
 *
 * Contract: see interp.h.  Code runs on a thread with a large stack (one per
 * interpreter, created at the first run) so that deep (but bounded:
 * MAX_CALL_DEPTH) recursion in a model is an error message, never a crash.
 */
#include <errno.h>
#include <limits.h>
#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "runtime/internal.h"
#include "runtime/disclosure.h"
#include "runtime/disclosure_ledger.h"
#include "lang/i18n.h"
#include "runtime/eval.h"
#include "runtime/module.h"

#include "lang/check.h"
#include "runtime/mem.h"

#define DEFAULT_SAMPLES  10000
#define DEFAULT_SEED     20240601u
#define DEFAULT_MIN_CELL 11
#define EVAL_STACK_BYTES ((size_t)1 << 30)

static void worker_stop(Interp *I);
static uintptr_t current_stack_floor(void);

/* ---- life cycle ---------------------------------------------------------------- */

#define THREADS_MAX 1024

/* A thread count from the environment: the first number of the variable
 * (OMP_NUM_THREADS may be a list, "4,2", one per nesting level); 0 when the
 * variable is unset or empty, -1 when it is not a count from 1 to THREADS_MAX. */
static int threads_from_env(const char *name)
{
    const char *s = getenv(name);
    if (!s) return 0;
    while (*s == ' ' || *s == '\t') s++;
    if (!*s) return 0;
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (end == s || errno || n < 1 || n > THREADS_MAX) return -1;
    while (*end == ' ' || *end == '\t') end++;
    if (*end && *end != ',') return -1;
    return (int)n;
}

/* The thread count when the caller gives none (Settings.threads <= 0):
 * IMPACT_THREADS, else OMP_NUM_THREADS (the variable every OpenMP program
 * honours), else the number of cores.  Results never depend on it.
 * *bad_impact is set when IMPACT_THREADS is set but not a count (the OpenMP
 * runtime itself complains about a bad OMP_NUM_THREADS). */
static int default_threads(bool *bad_impact)
{
    int n = threads_from_env("IMPACT_THREADS");
    *bad_impact = n < 0;
    if (n <= 0) n = threads_from_env("OMP_NUM_THREADS");
    if (n > 0) return n;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? (int)(cpus < THREADS_MAX ? cpus : THREADS_MAX) : 1;
}

static void settings_fill_defaults(Settings *s, bool *bad_threads)
{
    *bad_threads = false;
    if (!s->samples) s->samples = DEFAULT_SAMPLES;
    if (!s->seed) s->seed = DEFAULT_SEED;
    if (!s->min_cell) s->min_cell = DEFAULT_MIN_CELL;
    if (s->threads <= 0) s->threads = default_threads(bad_threads);
}

Interp *interp_new(const Settings *settings)
{
    gsl_set_error_handler_off();
    Interp *I = calloc(1, sizeof *I);
    if (!I) return NULL;
    if (settings) I->settings = *settings;
    bool bad_threads;
    settings_fill_defaults(&I->settings, &bad_threads);
    omp_set_num_threads(I->settings.threads);
    units_init(I);
    I->builtins = env_new(I, NULL);
    I->globals = env_new(I, I->builtins);
    I->stack_floor = current_stack_floor();
    if (bad_threads)
        rt_warn(I, (SrcLoc){ 0 },
                _("IMPACT_THREADS=\"%s\" is not a number of threads (a whole number "
                  "from 1 to %d), so it is ignored: using %d threads"),
                getenv("IMPACT_THREADS"), THREADS_MAX, I->settings.threads);
    return I;
}

double interp_tool_max_time(void)
{
    return 10.0;
}

void interp_free(Interp *I)
{
    if (!I) return;
    worker_stop(I);
    /* Closures make cycles (an env binding a function that captured it):
     * empty every env first, then drop the interpreter's own references. */
    env_clear_all(I);
    origins_free(I);
    modules_free(I);
    ledger_free(I->ledger);
    env_release(I->globals);
    env_release(I->builtins);
    for (size_t i = 0; i < I->n_sources; i++) source_free(I->sources[i]);
    free(I->sources);
    for (size_t i = 0; i < I->n_warnings; i++) free(I->warnings[i]);
    free(I->warnings);
    for (size_t i = 0; i < I->n_notes; i++) free(I->notes[i]);
    free(I->notes);
    for (size_t i = 0; i < I->n_interned; i++) {
        free(I->interned[i]);
        free(I->data_paths[i]);
    }
    free(I->interned);
    free(I->data_paths);
    for (size_t i = 0; i < I->n_shadows; i++) free(I->shadows[i].name);
    free(I->shadows);
    while (I->n_frames) interp_pop_frame(I);
    free(I->frames);
    free(I->sites);
    interp_clear_error(I);
    units_free(I);
    files_free(I);
    assumes_free(I);
    free(I->library_root);
    for (size_t i = 0; i < I->n_lib_states; i++) {
        if (I->lib_states[i].release) I->lib_states[i].release(I->lib_states[i].state);
        free(I->lib_states[i].state);
    }
    free(I->lib_states);
    free(I);
}

Settings *interp_settings(Interp *I)
{
    return &I->settings;
}

void interp_set_model_builder(Interp *I, ModelBuilder builder)
{
    I->model_builder = builder;
}

void *interp_lib_state(Interp *I, const void *key, size_t size, void (*release)(void *state))
{
    for (size_t i = 0; i < I->n_lib_states; i++)
        if (I->lib_states[i].key == key) return I->lib_states[i].state;
    I->lib_states = xrealloc(I->lib_states, (I->n_lib_states + 1) * sizeof *I->lib_states);
    void *state = xcalloc(1, size);
    I->lib_states[I->n_lib_states++] = (LibState){ key, state, release };
    return state;
}

void interp_set_check_fields(Interp *I, const CheckField *fields, size_t n)
{
    I->check_fields = fields;
    I->n_check_fields = n;
}

void interp_set_print_sink(Interp *I, PrintSink sink, void *ctx)
{
    I->print_sink = sink;
    I->print_ctx = ctx;
}

void interp_request_interrupt(Interp *I)
{
    I->interrupted = 1;
}

/* Calls and statements between two readings of the clock for --max-time:
 * a statement or a call takes a microsecond or more, so the limit is seen
 * within a few milliseconds, and reading the clock costs nothing measurable. */
#define STEPS_PER_CLOCK 4096

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void start_clock(Interp *I)
{
    I->run_started = now_seconds();
    I->steps_until_clock = STEPS_PER_CLOCK;
}

static bool out_of_time(Interp *I, SrcLoc loc)
{
    double limit = I->settings.max_time;
    rt_raise(I, loc, _("stopped: the run took longer than the %g s that --max-time allows"), limit);
    return rt_hint(I,
                   _("a loop or a recursion here may never end: check its stopping case; if "
                     "the computation is only long, allow more time with --max-time SECONDS"));
}

bool interp_check_interrupt(Interp *I, SrcLoc loc)
{
    if (I->settings.max_time > 0 && --I->steps_until_clock <= 0) {
        I->steps_until_clock = STEPS_PER_CLOCK;
        if (now_seconds() - I->run_started > I->settings.max_time) return out_of_time(I, loc);
    }
    if (!I->interrupted) return true;
    I->interrupted = 0;
    return rt_raise(I, loc, _("interrupted"));
}

const char *interp_library_root(Interp *I)
{
    if (!I->library_root) I->library_root = module_find_root();
    return I->library_root;
}

/* ---- frames: which file is running ------------------------------------------------ */

static char *dir_of(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash) return strdup(".");
    if (slash == path) return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

void interp_push_frame(Interp *I, const char *file_path, const char *module_name, Env *top)
{
    if (I->n_frames == I->cap_frames) {
        I->cap_frames = I->cap_frames ? I->cap_frames * 2 : 8;
        I->frames = xrealloc(I->frames, I->cap_frames * sizeof(RunFrame));
    }
    RunFrame *f = &I->frames[I->n_frames++];
    f->dir = dir_of(file_path);
    f->real_path = file_path ? realpath(file_path, NULL) : NULL;
    f->module_name = module_name;
    f->top = top;
    f->src_path = NULL;
}

void interp_pop_frame(Interp *I)
{
    if (!I->n_frames) return;
    RunFrame *f = &I->frames[--I->n_frames];
    free(f->dir);
    free(f->real_path);
}

const RunFrame *interp_frame(Interp *I)
{
    return I->n_frames ? &I->frames[I->n_frames - 1] : NULL;
}

const char *interp_current_dir(Interp *I)
{
    const RunFrame *f = interp_frame(I);
    return f ? f->dir : ".";
}

/* ---- binding names ----------------------------------------------------------------- */

void interp_set_binding(Interp *I, const char *name)
{
    const RunFrame *f = interp_frame(I);
    if (f && f->module_name)
        snprintf(I->binding, sizeof I->binding, "%s.%s", f->module_name, name);
    else
        snprintf(I->binding, sizeof I->binding, "%s", name);
    I->draw_index = 0;
}

const char *interp_binding_name(Interp *I)
{
    return I->binding;
}

unsigned interp_next_draw_index(Interp *I)
{
    return I->draw_index++;
}

/* ---- running code -------------------------------------------------------------------- */

void interp_keep_source(Interp *I, SourceFile *src)
{
    if (I->n_sources == I->cap_sources) {
        I->cap_sources = I->cap_sources ? I->cap_sources * 2 : 16;
        I->sources = xrealloc(I->sources, I->cap_sources * sizeof(SourceFile *));
    }
    I->sources[I->n_sources++] = src;
}

static bool parse_kept(Interp *I, SourceFile *src)
{
    interp_keep_source(I, src);
    SyntaxError err = { 0 };
    if (parse_source(src, &err)) return true;
    rt_raise(I, err.loc, "%s", err.message ? err.message : "syntax error");
    if (err.hint) rt_hint(I, "%s", err.hint);
    free(err.message);
    return false;
}

typedef struct RunJob {
    Interp *I;
    SourceFile *src;
    Env *env;
    Value *out;
    bool shown; /* the caller shows *out (-e, the REPL) */
    bool ok;
    bool finished; /* set by the worker under its lock */
} RunJob;

/* ---- the depth limits -----------------------------------------------------------------
 *
 * Nesting is made by users (a recursive function, a long expression, a list
 * of lists).  The evaluator counts it (MAX_EVAL_DEPTH, eval.c), so a program
 * stops at the same place in every build: frame sizes differ between
 * compilers and sanitizers (clang's AddressSanitizer even moves frames to a
 * fake stack), a count does not.  The stack guard measures the stack itself
 * and is only the backstop.  Its floor keeps a margin for what runs after the
 * last check: raising and printing the error, and the bounded recursions of
 * the printer and the JSON writer. */

static uintptr_t current_stack_floor(void)
{
    pthread_attr_t attr;
    void *low;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
    int rc = pthread_attr_getstack(&attr, &low, &size);
    pthread_attr_destroy(&attr);
    if (rc != 0) return 0;
    size_t margin = size / 8;
    if (margin > ((size_t)16 << 20)) margin = (size_t)16 << 20;
    return (uintptr_t)low + margin;
}

static bool too_deep_hint(Interp *I)
{
    return rt_hint(I, "%s",
                   _("a function that calls itself should call itself fewer times in a row, and "
                     "a very long expression can be split into steps with 'let'"));
}

bool rt_stack_room(Interp *I, SrcLoc loc)
{
    if ((uintptr_t)__builtin_frame_address(0) > I->stack_floor) return true;
    rt_raise(I, loc, "%s",
             _("too deep: the calls and nested expressions here need more memory than "
               "impact sets aside for them"));
    return too_deep_hint(I);
}

bool rt_too_deep(Interp *I, SrcLoc loc)
{
    rt_raise(I, loc,
             _("too deep: the calls and nested expressions here are nested more than %d levels "
               "deep"),
             MAX_EVAL_DEPTH);
    return too_deep_hint(I);
}

void interp_set_step_limit(Interp *I, unsigned long steps)
{
    I->step_limit = steps;
    I->steps = 0;
}

bool rt_showable(Interp *I, Value v, SrcLoc loc)
{
    if (!value_deeper_than(v, VALUE_DEPTH_MAX)) return true;
    rt_raise(I, loc,
             _("this value holds lists or records nested more than %d levels deep: too deep to "
               "show"),
             VALUE_DEPTH_MAX);
    return rt_hint(I, "%s", _("show a part of it, such as x[0], or build it with fewer levels"));
}

/* The value of the last statement, when the caller shows it. */
static bool result_showable(Interp *I, const Node *root, Value *out)
{
    if (!root || !root->n_items || rt_showable(I, *out, root->items[root->n_items - 1]->loc))
        return true;
    value_release(*out);
    *out = value_nil();
    return false;
}

static void run_job(RunJob *job)
{
    Interp *I = job->I;
    bool was = I->on_big_stack;
    uintptr_t floor_was = I->stack_floor;
    I->on_big_stack = true;
    I->stack_floor = current_stack_floor();
    job->ok = eval_program(I, job->env, job->src->root, job->out);
    if (job->ok && job->shown) job->ok = result_showable(I, job->src->root, job->out);
    I->on_big_stack = was;
    I->stack_floor = floor_was;
}

/* ---- the worker: one thread with a 1 GiB stack per interpreter ------------------------
 *
 * The evaluator recurses once per nested call, and MAX_CALL_DEPTH calls of a
 * recursive model function must fit: code runs on a thread whose stack is
 * reserved (not committed) at 1 GiB.  The thread is created once, at the
 * first run, and fed one job at a time (the caller waits for it), so a REPL
 * session or a piped script does not pay a thread creation per statement.
 * Code already on the worker (a module loaded by `use`) runs in place. */

static void *worker_main(void *arg)
{
    Interp *I = arg;
    Worker *w = &I->worker;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->job && !w->stop) pthread_cond_wait(&w->wake, &w->lock);
        if (!w->job) break; /* stop, and nothing left to run */
        RunJob *job = w->job;
        pthread_mutex_unlock(&w->lock);
        /* OpenMP's thread count is a per-thread setting: this thread starts
         * the parallel loops. */
        omp_set_num_threads(I->settings.threads);
        run_job(job);
        pthread_mutex_lock(&w->lock);
        job->finished = true;
        w->job = NULL;
        pthread_cond_broadcast(&w->done);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static bool worker_start(Interp *I)
{
    Worker *w = &I->worker;
    if (w->started) return true;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return false;
    bool ok = pthread_attr_setstacksize(&attr, EVAL_STACK_BYTES) == 0;
    if (ok) {
        pthread_mutex_init(&w->lock, NULL);
        pthread_cond_init(&w->wake, NULL);
        pthread_cond_init(&w->done, NULL);
        w->stop = false;
        w->job = NULL;
        ok = pthread_create(&w->thread, &attr, worker_main, I) == 0;
        if (!ok) {
            pthread_cond_destroy(&w->done);
            pthread_cond_destroy(&w->wake);
            pthread_mutex_destroy(&w->lock);
        }
    }
    pthread_attr_destroy(&attr);
    w->started = ok;
    return ok;
}

static void worker_run(Interp *I, RunJob *job)
{
    Worker *w = &I->worker;
    pthread_mutex_lock(&w->lock);
    w->job = job;
    pthread_cond_signal(&w->wake);
    while (!job->finished) pthread_cond_wait(&w->done, &w->lock);
    pthread_mutex_unlock(&w->lock);
}

static void worker_stop(Interp *I)
{
    Worker *w = &I->worker;
    if (!w->started) return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->done);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    w->started = false;
}

bool interp_run_source(Interp *I, SourceFile *src, Env *env, Value *out)
{
    Value ignored = value_nil();
    RunJob job = { I, src, env, out ? out : &ignored, out != NULL, false, false };
    *job.out = value_nil();
    if (!parse_kept(I, src)) return false;
    if (!I->on_big_stack) start_clock(I); /* each run (each REPL line) has its --max-time */
    if (I->n_frames) I->frames[I->n_frames - 1].src_path = src->path;
    if (!I->on_big_stack && worker_start(I))
        worker_run(I, &job);
    else
        run_job(&job); /* already on the big stack, or no thread: run here */
    if (!out) value_release(ignored);
    return job.ok;
}

bool interp_run_string(Interp *I, const char *name, const char *text, Value *out)
{
    return interp_run_lines(I, name, text, 1, out);
}

bool interp_run_lines(Interp *I, const char *name, const char *text, int first_line, Value *out)
{
    SourceFile *src = source_new(name, text, strlen(text));
    if (out) *out = value_nil();
    if (!src) return rt_raise(I, (SrcLoc){ 0 }, _("out of memory"));
    src->first_line = first_line;
    if (!I->n_frames) files_default_project(I, NULL);
    interp_push_frame(I, NULL, NULL, I->globals);
    bool ok = interp_run_source(I, src, I->globals, out);
    interp_pop_frame(I);
    return ok;
}

static bool run_file_source(Interp *I, const char *path, SourceFile *src, Value *out);

bool interp_run_file(Interp *I, const char *path, Value *out)
{
    if (out) *out = value_nil();
    SourceFile *src = source_read(path);
    if (!src) return rt_raise(I, (SrcLoc){ 0 }, _("cannot open '%s': %s"), path, strerror(errno));
    return run_file_source(I, path, src, out);
}

bool interp_run_text(Interp *I, const char *path, const char *text, size_t len, Value *out)
{
    if (out) *out = value_nil();
    SourceFile *src = source_new(path, text, len);
    if (!src) rt_out_of_memory();
    return run_file_source(I, path, src, out);
}

static bool run_file_source(Interp *I, const char *path, SourceFile *src, Value *out)
{
    if (!I->n_frames) files_default_project(I, path);
    interp_push_frame(I, path, NULL, I->globals);
    bool ok = interp_run_source(I, src, I->globals, out);
    interp_pop_frame(I);
    return ok;
}

static bool name_is_known(const char *name, void *ctx)
{
    Interp *I = ctx;
    Value v;
    return env_lookup(I->globals, name, &v) || unit_find(I, name) >= 0;
}

/* The check looks into the modules the file uses (`fr.x` must be a name of
 * fr), which only the runtime knows how to find. */
bool interp_check_file(Interp *I, const char *path)
{
    SourceFile *src = source_read(path);
    if (!src) return rt_raise(I, (SrcLoc){ 0 }, _("cannot open '%s': %s"), path, strerror(errno));
    if (!I->n_frames) files_default_project(I, path); /* its folder, as when it runs */
    if (!parse_kept(I, src)) return false;
    ModuleReader *reader = module_reader_new(I, path);
    CheckModules modules = { module_reader_root, reader };
    check_set_modules(&modules);
    SyntaxError err = { 0 };
    CheckOptions opt = { .is_known = name_is_known,
                         .ctx = I,
                         .fields = I->check_fields,
                         .n_fields = I->n_check_fields };
    bool ok = check_program_with(src->root, &opt, &err);
    check_set_modules(NULL);
    module_reader_free(reader);
    if (!ok) rt_raise(I, err.loc, "%s", err.message ? err.message : "check failed");
    free(err.message);
    return ok;
}

/* ---- global scope ------------------------------------------------------------------ */

void interp_define(Interp *I, const char *name, Value v)
{
    env_define(I->globals, name, v);
}

bool interp_lookup(Interp *I, const char *name, Value *out)
{
    return env_lookup(I->globals, name, out);
}

size_t interp_global_names(Interp *I, const char **names, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < I->globals->n; i++) {
        if (k < max) names[k] = I->globals->names[i];
        k++;
    }
    for (size_t i = 0; i < I->builtins->n; i++) {
        Value shadow;
        if (env_lookup_local(I->globals, I->builtins->names[i], &shadow)) continue;
        if (k < max) names[k] = I->builtins->names[i];
        k++;
    }
    return k < max ? k : max;
}

size_t interp_module_names(Value module, const char **names, size_t max)
{
    if (module.kind != V_MODULE || !as_module(module)->env) return 0;
    const Env *env = as_module(module)->env;
    size_t n = env->n < max ? env->n : max;
    for (size_t i = 0; i < n; i++) names[i] = env->names[i];
    return n;
}

bool interp_module_lookup(Value module, const char *name, Value *out)
{
    if (module.kind != V_MODULE || !as_module(module)->env) return false;
    return env_lookup_local(as_module(module)->env, name, out);
}

bool interp_in_module(Interp *I)
{
    const RunFrame *f = interp_frame(I);
    return f && f->top != I->globals;
}

bool interp_text_is_incomplete(const char *text)
{
    return source_is_incomplete(text);
}

/* Brackets opened minus closed in s[0..n), outside texts and comments (a
 * text and a comment end with their line). */
static long bracket_balance(const char *s, size_t n)
{
    long depth = 0;
    bool in_text = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n') {
            in_text = false;
        } else if (in_text) {
            if (c == '\\' && i + 1 < n && s[i + 1] != '\n')
                i++;
            else if (c == '"')
                in_text = false;
        } else if (c == '"') {
            in_text = true;
        } else if (c == '#') {
            while (i + 1 < n && s[i + 1] != '\n') i++;
        } else if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            depth--;
        }
    }
    return depth;
}

bool interp_text_still_open(OpenText *o, const char *text)
{
    size_t len = strlen(text);
    if (o->scanned > len) *o = (OpenText){ 0 };
    /* Scanned up to the last line break: a line is scanned whole. */
    const char *nl = memrchr(text + o->scanned, '\n', len - o->scanned);
    size_t upto = nl ? (size_t)(nl - text) + 1 : o->scanned;
    o->depth += bracket_balance(text + o->scanned, upto - o->scanned);
    o->scanned = upto;
    /* Inside brackets the statement is open whatever else the parser finds
     * (an error shows when the text is parsed, at the latest when it has
     * doubled): "[" then 20,000 lines of "1," costs a few parses, not 20,000. */
    if (o->depth > 0 && len < 2 * o->parsed_len) return true;
    o->parsed_len = len;
    return source_is_incomplete(text);
}

void interp_register(Interp *I, const BuiltinReg *regs)
{
    for (const BuiltinReg *r = regs; r && r->name; r++) {
        Value b = value_builtin(r);
        env_define(I->builtins, r->name, b);
        value_release(b);
    }
}

const char *builtin_help(const BuiltinReg *reg)
{
    /* gettext("") would be the catalogue's header, not an empty help */
    return reg->help && *reg->help ? _(reg->help) : "";
}

bool rt_call(Interp *I, Value fn, size_t n, const Value *args, SrcLoc loc, Value *out)
{
    return call_value(I, fn, n, args, NULL, 0, NULL, NULL, NULL, loc, out);
}

/* ---- argument helpers -------------------------------------------------------------- */

SrcLoc arg_loc(const CallArgs *a, size_t i)
{
    if (i < a->npos && a->pos_loc) return a->pos_loc[i];
    return a->loc;
}

bool arg_wrong_kind(Interp *I, const CallArgs *a, size_t i, const char *message, const char *hint)
{
    rt_raise(I, arg_loc(a, i), message, i < a->npos ? value_kind_name(a->pos[i]) : _("nothing"));
    return hint ? rt_hint(I, "%s", hint) : false;
}

bool arg_named(const CallArgs *a, const char *name, Value *out, SrcLoc *loc)
{
    for (size_t i = 0; i < a->nnamed; i++)
        if (strcmp(a->names[i], name) == 0) {
            if (out) *out = a->named[i];
            if (loc) *loc = a->named_loc ? a->named_loc[i] : a->loc;
            return true;
        }
    return false;
}

static const char *fn_label(const CallArgs *a)
{
    return a->reg ? (a->reg->signature ? a->reg->signature : a->reg->name) : "this function";
}

/* Argument i, positional or named after its parameter. */
static bool arg_get(Interp *I, const CallArgs *a, size_t i, const char *param, Value *v,
                    SrcLoc *loc)
{
    if (i < a->npos) {
        *v = a->pos[i];
        *loc = arg_loc(a, i);
        return true;
    }
    if (param && arg_named(a, param, v, loc)) return true;
    rt_raise(I, a->loc, _("%s: missing argument %s"), fn_label(a), param ? param : "");
    return false;
}

/* A short rendering of a wrong argument for messages: "a", 3 EUR, a table.
 * Only a literal of the model's source is quoted (VF_LITERAL): a value read
 * from data, computed or returned by a built-in may be a person's (a cell, a
 * label of a grouped table...), so it is named by its kind. */
static void describe_got(Interp *I, Value v, StrBuf *out)
{
    if (v.kind == V_BOOL ||
        ((v.kind == V_STR || v.kind == V_NUM) && disclosure_may_quote_value(v))) {
        StrBuf b;
        sb_init(&b);
        if (v.kind == V_STR)
            sb_printf(out, "\"%.60s\"", as_str(v)->data);
        else {
            value_format(I, v, &b);
            sb_append(out, b.data);
        }
        sb_free(&b);
        return;
    }
    sb_append(out, value_kind_phrase(v));
}

static bool raise_arg(Interp *I, const CallArgs *a, const char *param, const char *want, Value got,
                      SrcLoc loc)
{
    /* a suppressed figure given to a built-in: the refusal says why and what
     * to do, as arithmetic on it does, rather than "got a suppressed figure" */
    if (disclosure_is_suppressed(got)) return disclosure_refuse(I, got, loc);
    StrBuf b;
    sb_init(&b);
    describe_got(I, got, &b);
    rt_raise(I, loc, _("%s: %s must be %s, got %s"), fn_label(a), param, _(want), b.data);
    sb_free(&b);
    return false;
}

bool arg_number(Interp *I, const CallArgs *a, size_t i, const char *param, double *out)
{
    Value v;
    SrcLoc loc;
    if (!arg_get(I, a, i, param, &v, &loc)) return false;
    if (v.kind != V_NUM) return raise_arg(I, a, param, N_("a number"), v, loc);
    *out = v.as.num;
    return true;
}

bool arg_string(Interp *I, const CallArgs *a, size_t i, const char *param, const char **out)
{
    Value v;
    SrcLoc loc;
    if (!arg_get(I, a, i, param, &v, &loc)) return false;
    if (v.kind != V_STR) return raise_arg(I, a, param, N_("a text"), v, loc);
    *out = as_str(v)->data;
    return true;
}

bool arg_table(Interp *I, const CallArgs *a, size_t i, const char *param, TableObj **out)
{
    Value v;
    SrcLoc loc;
    if (!arg_get(I, a, i, param, &v, &loc)) return false;
    if (v.kind != V_TABLE) return raise_arg(I, a, param, N_("a table"), v, loc);
    *out = as_table(v);
    return true;
}
