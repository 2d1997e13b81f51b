/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* repl.c — the REPL: statements typed at a terminal (readline) or piped in.
 *
 * Contract in repl.h.  The interactive loop uses readline's callback
 * interface, not readline(): a Ctrl-C then only sets a flag in the signal
 * handler (async-signal-safe), the select() loop sees it, abandons the
 * current input (continuation lines included) and shows a fresh prompt,
 * while the session's bindings stay.  During an evaluation the same handler
 * asks the evaluator to stop (interp_request_interrupt).
 *
 * Commands (a line starting with ':' when no statement is open):
 *   :help [NAME]  :load FILE  :reload  :env  :why EXPR  :show EXPR  :quit
 * (also in piped input, so a transcript can be replayed).  Tab completes
 * names, fields after NAME., and inside a text file names (module names
 * after use ").
 */
#include "cli/repl.h"
#include "cli/data_commands.h"
#include "cli/use_paths.h"
#include "lang/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#define PROMPT              "impact> "
#define CONTINUATION_PROMPT "   ...> "
#define HISTORY_MAX         1000
#define ENV_VALUE_WIDTH     60   /* :env shortens each value to this many characters */
#define MAX_NAMES           4096 /* globals, fields or columns listed at once */

/* ---- running one statement ------------------------------------------------- */

static volatile sig_atomic_t sigint_seen; /* Ctrl-C since last checked */
static volatile sig_atomic_t evaluating;  /* an evaluation is running */

static void print_value_line(Interp *I, Value v)
{
    if (v.kind == V_NIL) return;
    value_print_line(I, v);
}

/* Prints the pending error after whatever results came before it, so the two
 * streams read in order on a terminal, then forgets it. */
static void report_error(Interp *I)
{
    fflush(stdout);
    if (sigint_seen)
        fputc('\n', stderr); /* the terminal echoed ^C: start the message on its own line */
    interp_print_error(I, stderr);
    fflush(stderr);
    interp_clear_error(I);
}

/* Runs text as source named `name`; prints its value or its error.
 * Returns false if it raised an error. */
static bool run_and_print(Interp *I, const char *name, const char *text)
{
    Value result = value_nil();
    bool ok = interp_run_string(I, name, text, &result);
    if (ok) print_value_line(I, result);
    value_release(result);
    if (!ok) report_error(I);
    fflush(stdout);
    return ok;
}

/* ---- piped input -------------------------------------------------------- */

/* Runs the statement held in `pending`, which starts at line `first_line` of
 * the stream.  Its source starts numbering at that line, so the parser's
 * line numbers, and the source line shown under an error, are those of the
 * stream (also inside functions defined by earlier statements), and each
 * statement costs only its own length: the whole input is read in linear
 * time. */
static bool run_piped_statement(Interp *I, const char *name, StrBuf *pending, int first_line)
{
    const char *text = pending->data ? pending->data : "";
    Value result = value_nil();
    bool ok = interp_run_lines(I, name, text, first_line, &result);
    if (ok) print_value_line(I, result);
    value_release(result);
    if (!ok) report_error(I);
    fflush(stdout);
    return ok;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    return true;
}

static bool quit_requested; /* :quit was given */
static char *last_loaded;   /* file of the last :load */
static bool run_command(Interp *I, const char *line);
static const char *skip_spaces(const char *s);

int repl_piped(Interp *I, FILE *in, const char *name)
{
    StrBuf pending;
    sb_init(&pending);
    char *line = NULL;
    size_t cap = 0;
    int line_no = 0, first_line = 1;
    bool any_error = false;
    OpenText open = { 0 };
    quit_requested = false;
    ssize_t got;
    while (!quit_requested && (got = getline(&line, &cap, in)) >= 0) {
        line_no++;
        const char *nul = memchr(line, '\0', (size_t)got);
        if (nul) {
            /* the statements are C strings: what follows the NUL would be
             * dropped without a word; the statement is refused instead, as
             * a file holding one is (lang/lexer.l) */
            SrcLoc at = { name, line_no, (int)(nul - line) + 1 };
            rt_raise(I, at, _("invisible control character (code %u): delete it"), 0u);
            report_error(I);
            any_error = true;
            pending.len = 0;
            if (pending.data) pending.data[0] = '\0';
            open = (OpenText){ 0 };
            continue;
        }
        if (pending.len == 0 && skip_spaces(line)[0] == ':') {
            /* A session's transcript replayed: its commands run as typed. */
            if (!run_command(I, skip_spaces(line))) any_error = true;
            continue;
        }
        if (pending.len == 0) first_line = line_no;
        sb_append(&pending, line);
        if (interp_text_still_open(&open, pending.data)) continue;
        if (!is_blank(pending.data) && !run_piped_statement(I, name, &pending, first_line))
            any_error = true;
        pending.len = 0;
        pending.data[0] = '\0';
        open = (OpenText){ 0 };
    }
    /* An unfinished statement at the end of the input still runs, so that
     * the parser says what is left open and where. */
    if (pending.len > 0 && !is_blank(pending.data) &&
        !run_piped_statement(I, name, &pending, first_line))
        any_error = true;
    free(line);
    sb_free(&pending);
    free(last_loaded);
    last_loaded = NULL;
    return any_error ? 1 : 0;
}

/* ---- the interactive session: state ---------------------------------------- */

static Interp *session;               /* the interpreter of the session */
static char *entered_line;            /* last line given by readline */
static bool line_ready, input_closed; /* a line (or end of input) arrived */
/* on_sigint writes a byte here, which wakes wait_for_input() whenever the
 * signal comes and whichever thread takes it (a flag alone is missed when
 * Ctrl-C comes just before the wait starts). */
static int sigint_pipe[2] = { -1, -1 };

static void on_sigint(int sig)
{
    (void)sig;
    sigint_seen = 1;
    if (evaluating) interp_request_interrupt(session);
    int saved = errno;
    if (sigint_pipe[1] >= 0 && write(sigint_pipe[1], "", 1) < 0) {
        /* full: a wake-up is already waiting */
    }
    errno = saved;
}

static void install_sigint_handler(struct sigaction *previous)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: select() must wake up */
    sigaction(SIGINT, &sa, previous);
}

/* readline calls this when Enter (or Ctrl-D on an empty line) is pressed. */
static void on_line(char *line)
{
    entered_line = line;
    line_ready = true;
    input_closed = (line == NULL);
    rl_callback_handler_remove();
}

static const char *history_path(char *buf, size_t size)
{
    const char *explicit_path = getenv("IMPACT_HISTORY");
    if (explicit_path && *explicit_path) return explicit_path;
    const char *home = getenv("HOME");
    if (!home || !*home) return NULL;
    snprintf(buf, size, "%s/.impact_history", home);
    return buf;
}

/* ---- commands ---------------------------------------------------------------- */

static const char *const keywords[] = {
    "let",     "fn",    "print", "use",  "as",   "unit",  "model", "stakeholder", "input",
    "outcome", "for",   "if",    "then", "else", "and",   "or",    "not",         "in",
    "to",      "where", "by",    "with", "true", "false", NULL,
};

static const char *const commands[] = {
    ":help", ":load", ":reload", ":env", ":why", ":show", ":quit", NULL,
};

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Global names, sorted; *n receives their count.  Caller frees the array. */
static const char **sorted_globals(Interp *I, size_t *n)
{
    const char **names = malloc(MAX_NAMES * sizeof *names);
    *n = names ? interp_global_names(I, names, MAX_NAMES) : 0;
    if (*n > MAX_NAMES) *n = MAX_NAMES;
    if (names) qsort(names, *n, sizeof *names, compare_names);
    return names;
}

static void print_builtin_help(const BuiltinReg *reg)
{
    printf("  %-34s %s\n", reg->signature ? reg->signature : reg->name, builtin_help(reg));
}

static void help_all(Interp *I)
{
    printf(_("Commands:\n"
             "  :help [NAME]   this help, or the description of one built-in function\n"
             "  :load FILE     run a model file in this session (its names stay defined)\n"
             "  :reload        run the last loaded file again\n"
             "  :env           the names defined in this session, with their values\n"
             "  :why EXPR      how a figure was computed (calls explain)\n"
             "  :show EXPR     a table whole: every row and every column\n"
             "  :quit          leave the session (Ctrl-D does the same)\n"
             "Keys: Tab completes names, and fields after NAME.; Up and Down recall\n"
             "earlier lines; Ctrl-C abandons the current input.\n"
             "Keywords:"));
    for (size_t i = 0; keywords[i]; i++) printf(" %s", keywords[i]);
    printf(_("\nBuilt-in functions:\n"));
    size_t n;
    const char **names = sorted_globals(I, &n);
    for (size_t i = 0; i < n; i++) {
        Value v;
        if (interp_lookup(I, names[i], &v) && v.kind == V_BUILTIN)
            print_builtin_help(as_builtin(v)->reg);
    }
    free(names);
}

static bool command_help(Interp *I, const char *arg)
{
    if (!*arg) {
        help_all(I);
        return true;
    }
    Value v;
    if (interp_lookup(I, arg, &v) && v.kind == V_BUILTIN) {
        print_builtin_help(as_builtin(v)->reg);
        return true;
    }
    if (interp_lookup(I, arg, &v)) {
        printf(_("%s is defined in this session: "), arg);
        print_value_line(I, v);
        return true;
    }
    fprintf(stderr,
            _("error: no built-in function or name called '%s'\n"
              "hint: type :help to list the built-in functions\n"),
            arg);
    return false;
}

static bool load_file(Interp *I, const char *path)
{
    if (!interp_run_file(I, path, NULL)) {
        report_error(I);
        return false;
    }
    printf(_("loaded %s\n"), path);
    return true;
}

/* `:load err/x` loads err/x.impact when err/x does not exist, as `use`
 * accepts a name without .impact. */
static char *file_to_load(const char *arg)
{
    size_t len = strlen(arg);
    if (access(arg, F_OK) == 0 || (len >= 7 && strcmp(arg + len - 7, ".impact") == 0))
        return strdup(arg);
    char *with_ext = malloc(len + sizeof ".impact");
    if (!with_ext) return NULL;
    snprintf(with_ext, len + sizeof ".impact", "%s.impact", arg);
    if (access(with_ext, F_OK) == 0) return with_ext;
    free(with_ext);
    return strdup(arg);
}

static bool command_load(Interp *I, const char *arg)
{
    if (!*arg) {
        fprintf(stderr,
                _("error: :load needs a file name\nhint: write for example :load model.impact\n"));
        return false;
    }
    if (is_data_file(arg)) {
        /* parsed as a model, a syntax error would quote one of its rows */
        fprintf(stderr,
                _("error: cannot load '%s': it is a data file, not a model\n"
                  "hint: read it with csv(\"%s\"), for example let t = csv(\"%s\")\n"),
                arg, arg, arg);
        return false;
    }
    char *path = file_to_load(arg);
    if (!path) return false;
    /* Only a file that exists becomes the one :reload reads again (its
     * errors are what :reload is for); `:load nope` keeps the last one. */
    if (access(path, F_OK) != 0) {
        bool ok = load_file(I, path);
        free(path);
        return ok;
    }
    free(last_loaded);
    last_loaded = path;
    return load_file(I, last_loaded);
}

static bool command_reload(Interp *I)
{
    if (!last_loaded) {
        fprintf(stderr, _("error: nothing to reload\nhint: load a file first with :load FILE\n"));
        return false;
    }
    return load_file(I, last_loaded);
}

/* Appends the first line of v's rendering, cut to `width` characters (UTF-8
 * aware: never in the middle of a character). */
static void append_short_value(Interp *I, Value v, size_t width, StrBuf *out)
{
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    const char *s = b.data ? b.data : "";
    const char *nl = strchr(s, '\n');
    /* at most `width` terminal columns of the first line (lang/utf8.h) */
    size_t i = utf8_fit(s, nl ? (size_t)(nl - s) : strlen(s), width, NULL);
    sb_appendn(out, s, i);
    if (s[i]) sb_append(out, "…");
    sb_free(&b);
}

static void command_env(Interp *I)
{
    const char **names = malloc(MAX_NAMES * sizeof *names);
    size_t n = names ? interp_global_names(I, names, MAX_NAMES) : 0;
    size_t shown = 0;
    for (size_t i = 0; i < n && i < MAX_NAMES; i++) {
        Value v;
        if (!interp_lookup(I, names[i], &v) || v.kind == V_BUILTIN)
            continue; /* built-ins are listed by :help */
        StrBuf line;
        sb_init(&line);
        sb_printf(&line, "%s = ", names[i]);
        append_short_value(I, v, ENV_VALUE_WIDTH, &line);
        printf("%s\n", line.data);
        sb_free(&line);
        shown++;
    }
    if (shown == 0) printf(_("(nothing defined yet: try let x = 3 year)\n"));
    free(names);
}

static bool command_why(Interp *I, const char *arg)
{
    if (!*arg) {
        fprintf(stderr,
                _("error: :why needs an expression\nhint: write for example :why sroi(M)\n"));
        return false;
    }
    Value subject = value_nil(), answer = value_nil();
    SrcLoc loc = { "<input>", 1, 1 };
    bool ok = interp_run_string(I, "<input>", arg, &subject) &&
        interp_call_hook(I, HOOK_EXPLAIN, 1, &subject, loc, &answer);
    if (ok)
        print_value_line(I, answer);
    else
        report_error(I);
    value_release(subject);
    value_release(answer);
    return ok;
}

/* :show T — the whole table, where print stops at 10 rows. */
static bool command_show(Interp *I, const char *arg)
{
    if (!*arg) {
        fprintf(stderr, "%s",
                _("error: :show needs an expression\nhint: write for example :show T\n"));
        return false;
    }
    Value v = value_nil();
    bool ok = interp_run_string(I, "<input>", arg, &v);
    if (ok) {
        StrBuf b;
        sb_init(&b);
        value_format_whole(I, v, &b);
        printf("%s\n", b.data ? b.data : "");
        sb_free(&b);
    } else {
        report_error(I);
    }
    value_release(v);
    return ok;
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

/* Runs one :command; returns false if it reported an error. */
static bool run_command(Interp *I, const char *line)
{
    const char *word = line + 1;
    size_t len = strcspn(word, " \t\r\n");
    const char *arg = skip_spaces(word + len);
    /* The argument without trailing blanks (file names, expressions). */
    char *trimmed = strdup(arg);
    if (!trimmed) return false;
    size_t end = strlen(trimmed);
    while (end > 0 &&
           (trimmed[end - 1] == ' ' || trimmed[end - 1] == '\t' || trimmed[end - 1] == '\r' ||
            trimmed[end - 1] == '\n'))
        trimmed[--end] = '\0';
    bool ok = true;
#define IS(name) (len == strlen(name) && strncmp(word, name, len) == 0)
    if (IS("help") || IS("h"))
        ok = command_help(I, trimmed);
    else if (IS("load") || IS("l"))
        ok = command_load(I, trimmed);
    else if (IS("reload") || IS("r"))
        ok = command_reload(I);
    else if (IS("env"))
        command_env(I);
    else if (IS("why"))
        ok = command_why(I, trimmed);
    else if (IS("show"))
        ok = command_show(I, trimmed);
    else if (IS("quit") || IS("q") || IS("exit"))
        quit_requested = true;
    else {
        fprintf(stderr,
                _("error: unknown command ':%.*s'\n"
                  "hint: the commands are :help, :load FILE, :reload, :env, :why EXPR, :show EXPR, "
                  ":quit\n"),
                (int)len, word);
        ok = false;
    }
#undef IS
    free(trimmed);
    fflush(stdout);
    fflush(stderr);
    return ok;
}

/* ---- completion -------------------------------------------------------------- */

static char **candidates; /* matches for the word being completed */
static size_t n_candidates, next_candidate;

static void clear_candidates(void)
{
    for (size_t i = next_candidate; i < n_candidates; i++) free(candidates[i]);
    free(candidates);
    candidates = NULL;
    n_candidates = next_candidate = 0;
}

/* Keeps `name` as a candidate if it starts with what `word` holds after
 * `prefix` ("fr." in "fr.rs"); the candidate is `prefix` + `name`, or, when
 * `indexed`, the base of the prefix + ["name"] (t["Chiffre d’affaires"]). */
static void offer_as(const char *prefix, const char *name, const char *word, bool indexed)
{
    size_t plen = strlen(prefix); /* word starts with prefix by construction */
    if (strncmp(name, word + plen, strlen(word + plen)) != 0) return;
    char **grown = realloc(candidates, (n_candidates + 1) * sizeof *grown);
    if (!grown) return;
    candidates = grown;
    size_t size = plen + strlen(name) + 4;
    candidates[n_candidates] = malloc(size);
    if (!candidates[n_candidates]) return;
    if (indexed)
        snprintf(candidates[n_candidates++], size, "%.*s[\"%s\"]", (int)(plen - 1), prefix, name);
    else
        snprintf(candidates[n_candidates++], size, "%s%s", prefix, name);
}

static void offer(const char *prefix, const char *name, const char *word)
{
    offer_as(prefix, name, word, false);
}

/* The value named by a dotted path such as "fr" or "m.employment" (borrowed
 * for globals; *owned set when the caller must release it). */
static bool resolve_path(Interp *I, char *path, Value *out, bool *owned)
{
    char *dot = strchr(path, '.');
    if (dot) *dot = '\0';
    Value v;
    *owned = false;
    if (!interp_lookup(I, path, &v)) return false;
    while (dot) {
        char *field = dot + 1;
        dot = strchr(field, '.');
        if (dot) *dot = '\0';
        Value next = value_nil();
        bool found = false, next_owned = false;
        if (v.kind == V_RECORD) {
            found = record_get(v, field, &next);
        } else if (v.kind == V_MODULE) {
            found = interp_module_lookup(v, field, &next);
        } else if (v.kind == V_OBJECT && as_foreign(v)->cls->get_field) {
            SrcLoc nowhere = { 0 };
            found = as_foreign(v)->cls->get_field(I, as_foreign(v), field, nowhere, &next);
            next_owned = found;
            if (!found) interp_clear_error(I);
        }
        if (*owned) value_release(v);
        if (!found) return false;
        v = next;
        *owned = next_owned;
    }
    *out = v;
    return true;
}

static void offer_fields(Interp *I, Value v, const char *prefix, const char *word)
{
    if (v.kind == V_RECORD) {
        for (size_t i = 0; i < as_record(v)->n; i++) offer(prefix, as_record(v)->keys[i], word);
    } else if (v.kind == V_MODULE) {
        const char **names = malloc(MAX_NAMES * sizeof *names);
        size_t n = names ? interp_module_names(v, names, MAX_NAMES) : 0;
        for (size_t i = 0; i < n; i++) offer(prefix, names[i], word);
        free(names);
    } else if (v.kind == V_TABLE) {
        for (size_t i = 0; i < as_table(v)->ncols; i++) {
            const char *name = as_table(v)->names[i];
            offer_as(prefix, name, word, !utf8_is_plain_name(name));
        }
    } else if (v.kind == V_OBJECT) {
        const char *names[256];
        size_t n = obj_field_names(as_foreign(v), names, 256);
        for (size_t i = 0; i < n; i++) offer(prefix, names[i], word);
    }
}

/* Candidates for `NAME.fie`: the fields of NAME's value. */
static void collect_fields(Interp *I, const char *word)
{
    const char *last_dot = strrchr(word, '.');
    size_t base_len = (size_t)(last_dot - word);
    char *base = strndup(word, base_len);
    char *prefix = strndup(word, base_len + 1);
    Value v;
    bool owned;
    if (base && prefix && resolve_path(I, base, &v, &owned)) {
        offer_fields(I, v, prefix, word);
        if (owned) value_release(v);
    }
    free(base);
    free(prefix);
}

static void collect_names(Interp *I, const char *word)
{
    if (word[0] == ':' && rl_point == (int)strlen(word)) {
        for (size_t i = 0; commands[i]; i++) offer("", commands[i], word);
        return;
    }
    if (strchr(word, '.')) {
        collect_fields(I, word);
        return;
    }
    for (size_t i = 0; keywords[i]; i++) offer("", keywords[i], word);
    size_t n;
    const char **names = sorted_globals(I, &n);
    for (size_t i = 0; i < n; i++) offer("", names[i], word);
    free(names);
}

static char *next_match(const char *word, int state)
{
    if (state == 0) {
        clear_candidates();
        collect_names(session, word);
    }
    if (next_candidate >= n_candidates) return NULL;
    return candidates[next_candidate++]; /* readline frees it */
}

/* ---- completion of file and module names inside texts ------------------------ */

/* Where the text being typed at `start` opened, when `start` is inside one
 * ("..." not yet closed); -1 otherwise. */
static int open_quote_before(const char *line, int start)
{
    int quote = -1;
    for (int i = 0; i < start && line[i]; i++) {
        if (line[i] == '#' && quote < 0) return -1; /* a comment */
        if (line[i] == '\\' && quote >= 0 && line[i + 1])
            i++;
        else if (line[i] == '"')
            quote = quote < 0 ? i : -1;
    }
    return quote;
}

/* Whether the text opened at `quote` is the path of a `use`. */
static bool is_use_path(const char *line, int quote)
{
    int end = quote;
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) end--;
    int begin = end;
    while (begin > 0 && line[begin - 1] != ' ' && line[begin - 1] != '\t' && line[begin - 1] != ';')
        begin--;
    return end - begin == 3 && strncmp(line + begin, "use", 3) == 0;
}

static void offer_use_path(void *word, const char *path, bool is_folder)
{
    offer("", path, word);
}

/* Candidates for the path of `use "...`: std/NAME, models/NAME (as the run
 * finds them, in the library root) and .impact files of the current folder. */
static void collect_modules(Interp *I, const char *word)
{
    if (use_paths_in_library(interp_library_root(I), word, offer_use_path, (void *)word)) return;
    const char *slash = strrchr(word, '/');
    char dir[4096], shown[512];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - word) : 1, slash ? word : ".");
    snprintf(shown, sizeof shown, "%.*s", slash ? (int)(slash - word + 1) : 0, word);
    use_paths_in(slash && slash == word ? "/" : dir, shown, NULL, offer_use_path, (void *)word);
}

static char *next_module(const char *word, int state)
{
    if (state == 0) {
        clear_candidates();
        collect_modules(session, word);
    }
    if (next_candidate >= n_candidates) return NULL;
    return candidates[next_candidate++];
}

/* Inside a text, a completed name closes the text, except a folder. */
static void close_text_after(char **matches)
{
    rl_completion_append_character = '"';
    if (matches && matches[0] && !matches[1]) {
        size_t len = strlen(matches[0]);
        if (len > 0 && matches[0][len - 1] == '/') rl_completion_suppress_append = 1;
    }
}

static char **complete(const char *word, int start, int end)
{
    (void)end;
    /* After :load, complete file names (readline's default). */
    if (strncmp(rl_line_buffer, ":load ", 6) == 0 || strncmp(rl_line_buffer, ":l ", 3) == 0)
        return NULL;
    rl_attempted_completion_over = 1;
    int quote = open_quote_before(rl_line_buffer, start);
    if (quote >= 0) {
        /* use "std/wel → std/wellbeing; csv("enq → enquete.csv (any text: a file name) */
        char **matches = rl_completion_matches(
            word,
            is_use_path(rl_line_buffer, quote) ? next_module : rl_filename_completion_function);
        close_text_after(matches);
        return matches;
    }
    /* matches[0] replaces the word: the longest start the candidates share.
     * Candidates of two forms (t.Nom, t["Nombre d’heures"]) share less than
     * was typed ("t"), and the typed text must not be erased: it stays. */
    char **matches = rl_completion_matches(word, next_match);
    if (matches && matches[0] && strlen(matches[0]) < strlen(word)) {
        char *kept = strdup(word);
        if (kept) {
            free(matches[0]);
            matches[0] = kept;
        }
    }
    return matches;
}

/* Inside a text only '"' ends the word being completed, so that a path
 * (std/wellbeing, data/enquête-2024.csv) completes whole; after :load, a
 * blank. */
static char *word_breaks(void)
{
    static char in_text[] = "\"", after_load[] = " \t";
    if (open_quote_before(rl_line_buffer, rl_point) >= 0) return in_text;
    if (strncmp(rl_line_buffer, ":load ", 6) == 0 || strncmp(rl_line_buffer, ":l ", 3) == 0)
        return after_load;
    return NULL;
}

static void setup_readline(void)
{
    rl_completion_word_break_hook = word_breaks;
    /* Texts are handled by word_breaks() and close_text_after(); readline's
     * own quote handling would close a text after a folder (std/"). */
    rl_basic_quote_characters = "";
    rl_readline_name = "impact";
    rl_catch_signals = 0; /* our handler, see on_sigint */
    rl_attempted_completion_function = complete;
    /* '.' and ':' are not word breaks, so "fr.rsa" and ":lo" complete whole. */
    rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{}()[],+-*/^%!";
}

/* ---- the interactive loop ------------------------------------------------------ */

static void handle_statement(Interp *I, StrBuf *pending)
{
    evaluating = 1;
    run_and_print(I, "<input>", pending->data);
    evaluating = 0;
    sigint_seen = 0; /* a Ctrl-C that stopped the evaluation is used up */
}

/* Takes one entered line; returns true when a statement is still open. */
static bool take_line(Interp *I, const char *line, StrBuf *pending)
{
    if (*line && !is_blank(line)) add_history(line);
    if (pending->len == 0 && skip_spaces(line)[0] == ':') {
        evaluating = 1;
        run_command(I, skip_spaces(line));
        evaluating = 0;
        sigint_seen = 0;
        return false;
    }
    /* Bracket counts of the statement being typed (see interp_text_still_open). */
    static OpenText open;
    if (pending->len == 0) open = (OpenText){ 0 };
    sb_append(pending, line);
    sb_append(pending, "\n");
    if (interp_text_still_open(&open, pending->data)) return true;
    if (!is_blank(pending->data)) handle_statement(I, pending);
    pending->len = 0;
    pending->data[0] = '\0';
    return false;
}

/* Ctrl-C at the prompt: forget the line being edited and any open statement. */
static void abandon_input(StrBuf *pending)
{
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_cleanup_after_signal();
    rl_callback_handler_remove();
    fputc('\n', stdout);
    fflush(stdout);
    pending->len = 0;
    if (pending->data) pending->data[0] = '\0';
    sigint_seen = 0;
}

typedef enum Wake { WAKE_INPUT, WAKE_SIGNAL, WAKE_FAILED } Wake;

/* Waits until a key can be read or a signal arrives. */
static Wake wait_for_input(void)
{
    int in = fileno(rl_instream), wake = sigint_pipe[0];
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(in, &fds);
    if (wake >= 0) FD_SET(wake, &fds);
    int r = select((in > wake ? in : wake) + 1, &fds, NULL, NULL, NULL);
    if (r > 0 && wake >= 0 && FD_ISSET(wake, &fds)) {
        char bytes[64];
        while (read(wake, bytes, sizeof bytes) > 0) continue;
        return WAKE_SIGNAL;
    }
    if (r > 0) return WAKE_INPUT;
    return (r < 0 && errno != EINTR) ? WAKE_FAILED : WAKE_SIGNAL;
}

static void session_loop(Interp *I)
{
    StrBuf pending;
    sb_init(&pending);
    bool open_statement = false;
    rl_callback_handler_install(PROMPT, on_line);
    while (!quit_requested) {
        Wake wake = wait_for_input();
        if (wake == WAKE_FAILED) break;
        if (sigint_seen) {
            abandon_input(&pending);
            open_statement = false;
            rl_callback_handler_install(PROMPT, on_line);
            continue;
        }
        if (wake == WAKE_SIGNAL)
            continue; /* another signal (a window resize): nothing to read yet */
        rl_callback_read_char();
        if (!line_ready) continue;
        line_ready = false;
        if (input_closed) {
            fputc('\n', stdout); /* Ctrl-D: leave on a fresh line */
            if (open_statement && !is_blank(pending.data)) {
                fflush(stdout);
                fputs(_("note: the unfinished statement was dropped without being run\n"), stderr);
            }
            break;
        }
        open_statement = take_line(I, entered_line, &pending);
        free(entered_line);
        entered_line = NULL;
        if (!quit_requested)
            rl_callback_handler_install(open_statement ? CONTINUATION_PROMPT : PROMPT, on_line);
    }
    rl_callback_handler_remove();
    sb_free(&pending);
}

int repl_interactive(Interp *I)
{
    session = I;
    setup_readline();
    char path_buf[4096];
    const char *history = history_path(path_buf, sizeof path_buf);
    stifle_history(HISTORY_MAX);
    if (history) read_history(history); /* a missing file is simply a first session */
    struct sigaction previous;
    if (pipe2(sigint_pipe, O_CLOEXEC | O_NONBLOCK) != 0) sigint_pipe[0] = sigint_pipe[1] = -1;
    install_sigint_handler(&previous);
    printf(_("impact %s — type :help for help, :quit to leave\n"), IMPACT_VERSION);
    session_loop(I);
    sigaction(SIGINT, &previous, NULL);
    for (int i = 0; i < 2; i++) {
        if (sigint_pipe[i] >= 0) close(sigint_pipe[i]);
        sigint_pipe[i] = -1;
    }
    if (history && write_history(history) != 0)
        fprintf(stderr, _("warning: could not save the history to %s\n"), history);
    clear_candidates();
    clear_history();
    free(last_loaded);
    last_loaded = NULL;
    session = NULL;
    return 0;
}
