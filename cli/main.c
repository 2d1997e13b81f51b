/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* main.c — the `impact` command line.
 *
 *   impact                      REPL on a terminal; statements from stdin otherwise
 *   impact -                    statements from stdin, even on a terminal
 *   impact FILE [OPTIONS]       same as impact run FILE
 *   impact run FILE [--format text|json] [--samples N] [--seed S] [--min-cell N]
 *   impact check FILE           parse and check, run nothing; lists the files
 *                               the model would read and write
 *   impact check-data EXPORT    which labels of an enDI export models/cae maps
 *              (run options: [--read DIR]... [--write DIR]... [--max-time SECONDS])
 *   impact pseudonymise EXPORT -o COPY [--key FILE] [--drop TITLE]...
 *                               a copy without direct identifiers (data_commands.c)
 *   impact report FILE [-o OUT] [--format F] [--model NAME]
 *                               the report of each model in a file (stdlib/report/)
 *   impact [OPTIONS] -e EXPR    evaluate and print
 *   impact --help | --version
 *
 * Files: the model reads and writes inside its project folder (the folder
 * of FILE; the current folder for -e, standard input and the REPL), the
 * folders given with --read (and in IMPACT_DATA, separated by ':') and, for
 * writing, --write; runtime/files.c enforces it, libraries never write.
 *
 * Exit status: 0 success; 1 an error in the model or its data (a file that
 * cannot be opened included, and running out of memory: rt_out_of_memory);
 * 2 the command itself is wrong (unknown option, missing file name, bad
 * option value), told with the usage line.
 *
 * After `run` in text mode, each of the run's results (a global value whose
 * class says is_result: an SROI model the run made, not one a module made;
 * in definition order, each once) is reported by its class's report(),
 * after the file's own output and separated from it by a blank line.  In
 * JSON mode, print statements are collected through a print sink and one
 * object {"models", "printed", "warnings"} is written, the results in
 * "models" by their class's to_json; any other text written on standard
 * output during the run goes to standard error.  The command line knows no
 * model: it asks each value's class.
 */
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/interp.h"
#include "cli/data_commands.h"
#include "cli/options.h"
#include "cli/repl.h"
#include "cli/fmt_command.h"
#include "cli/lsp.h"
#include "lang/i18n.h"
#include "stdlib/stdlib.h"

#define MAX_GLOBALS 4096

/* ---- files -------------------------------------------------------------------- */

/* A file that cannot be read is the user's data being wrong, not the command:
 * exit 1, said in the error format. */
/* Whether the name is that of a data file (spreadsheet exports, survey
 * answers): .csv, .tsv, .txt, .xlsx, .xls, .ods, in any letter case. */
static bool file_is_readable(const char *path, const char *command)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        int err = errno;
        /* `impact vm` for vm.impact: `use` accepts the name without .impact,
         * so users expect the command line to. */
        size_t len = strlen(path);
        char *with_ext = malloc(len + sizeof ".impact");
        bool near = false;
        if (with_ext && err == ENOENT && (len < 7 || strcmp(path + len - 7, ".impact") != 0)) {
            snprintf(with_ext, len + sizeof ".impact", "%s.impact", path);
            near = stat(with_ext, &st) == 0 && S_ISREG(st.st_mode);
        }
        if (near)
            fprintf(stderr,
                    _("error: cannot open '%s' \xE2\x80\x94 did you mean '%s'?\n"
                      "hint: write the whole file name, with .impact: impact %s %s\n"),
                    path, with_ext, command, with_ext);
        else
            fprintf(stderr,
                    _("error: cannot open '%s': %s\n"
                      "hint: check the file name, and that you run impact from the folder that "
                      "holds it\n"),
                    path, strerror(err));
        free(with_ext);
        return false;
    }
    if (S_ISDIR(st.st_mode) && strcmp(command, "check-data") == 0) {
        fprintf(stderr,
                _("error: cannot open '%s': it is a folder, not an export\n"
                  "hint: give the path of the export file (.csv) inside it\n"),
                path);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr,
                _("error: cannot open '%s': it is a folder, not a model file\n"
                  "hint: give the path of a .impact file inside it\n"),
                path);
        return false;
    }
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
        /* /dev/zero, /dev/urandom: reading would never end */
        fprintf(stderr,
                _("error: cannot %s '%s': it is a device, not a model file\n"
                  "hint: give the path of a .impact file; to pipe statements in, write: impact - "
                  "< FILE\n"),
                command, path);
        return false;
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SOURCE_MAX_BYTES) {
        fprintf(stderr,
                _("error: cannot %s '%s': it is %llu MB, and a model file is at most %u MB\n"
                  "hint: check that this is the model file (.impact), not a data file: data is "
                  "read with csv(\"FILE\") from inside the model\n"),
                command, path, (unsigned long long)st.st_size / (1024 * 1024),
                SOURCE_MAX_BYTES / (1024 * 1024));
        return false;
    }
    /* check-data reads an export and import a workbook: data is what they take */
    if (strcmp(command, "check-data") != 0 && strcmp(command, "import") != 0 &&
        is_data_file(path)) {
        /* Parsed as a model, its first line would be quoted in a syntax
         * error: data (names, amounts of people) is never quoted. */
        fprintf(stderr,
                _("error: cannot %s '%s': it is a data file, not a model\n"
                  "hint: read it from a model (a .impact file) with csv(\"%s\")\n"),
                command, path, path);
        return false;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, _("error: cannot open '%s': %s\n"), path, strerror(errno));
        return false;
    }
    fclose(f);
    return true;
}

/* `impact run -`: the model text comes from standard input, read whole and
 * run as one file named <stdin> whose folder is the current one. */
static bool is_stdin_name(const char *path)
{
    return path && strcmp(path, "-") == 0;
}

static bool run_source(Interp *I, const char *path)
{
    if (!is_stdin_name(path)) return interp_run_file(I, path, NULL);
    size_t len;
    char *text = source_read_stream(stdin, &len);
    if (!text) {
        fprintf(stderr, _("error: cannot read the model from standard input: %s\n"),
                errno == EFBIG ? _("it is too large") : strerror(errno));
        return false;
    }
    interp_set_project(I, ".");
    bool ok = interp_run_string(I, stdin_name(), text, NULL);
    free(text);
    return ok;
}

static bool same_object(Value a, Value b)
{
    return a.kind == b.kind && a.as.obj == b.as.obj;
}

/* The run's results, in definition order: the global values whose class
 * says is_result (a model bound by `let M = v.vm` is the module's: its
 * class says no), each once, under its first name.  Returns their count;
 * results[] holds borrowed values. */
static size_t find_results(Interp *I, Value *results, size_t max)
{
    const char **names = malloc(MAX_GLOBALS * sizeof *names);
    size_t n = names ? interp_global_names(I, names, MAX_GLOBALS) : 0;
    size_t found = 0;
    for (size_t i = 0; i < n && found < max; i++) {
        Value v;
        if (!interp_lookup(I, names[i], &v) || v.kind != V_OBJECT) continue;
        const ObjClass *cls = as_foreign(v)->cls;
        if (!cls->is_result || !cls->is_result(as_foreign(v))) continue;
        bool seen = false;
        for (size_t k = 0; k < found && !seen; k++) seen = same_object(results[k], v);
        if (!seen) results[found++] = v;
    }
    free(names);
    return found;
}

/* ---- run in text mode ----------------------------------------------------------- */

typedef struct TextOutput {
    size_t lines_printed; /* print statements so far */
} TextOutput;

/* In text mode the sink writes exactly what `print` writes without a sink
 * (value_format and a newline) and counts it, so that the reports know
 * whether a blank line must separate them from the file's own output. */
static void print_text(Interp *I, Value v, void *ctx)
{
    TextOutput *t = ctx;
    value_print_line(I, v);
    t->lines_printed++;
}

static void print_reports(Interp *I, bool output_before)
{
    Value results[MAX_GLOBALS];
    size_t n = find_results(I, results, MAX_GLOBALS);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        ForeignObj *o = as_foreign(results[i]);
        if (!o->cls->report) continue;
        if (output_before || shown++ > 0) fputc('\n', stdout);
        StrBuf b;
        sb_init(&b);
        o->cls->report(I, o, &b);
        fwrite(b.data ? b.data : "", 1, b.len, stdout);
        if (b.len > 0 && b.data[b.len - 1] != '\n') fputc('\n', stdout);
        sb_free(&b);
    }
}

static int run_text(Interp *I, const char *path)
{
    TextOutput out = { 0 };
    interp_set_print_sink(I, print_text, &out);
    bool ok = run_source(I, path);
    interp_set_print_sink(I, NULL, NULL);
    if (!ok) {
        fflush(stdout);
        if (interp_has_error(I)) interp_print_error(I, stderr);
        return EXIT_MODEL_ERROR;
    }
    print_reports(I, out.lines_printed > 0);
    return EXIT_OK;
}

/* ---- run in JSON mode ------------------------------------------------------------- */

static void print_json(Interp *I, Value v, void *ctx)
{
    json_object_array_add((struct json_object *)ctx, value_to_json(I, v));
}

static struct json_object *warnings_json(Interp *I)
{
    struct json_object *a = json_object_new_array();
    for (size_t i = 0; i < interp_warning_count(I); i++)
        json_object_array_add(a, json_object_new_string(interp_warning_text(I, i)));
    return a;
}

static struct json_object *notes_json(Interp *I)
{
    struct json_object *a = json_object_new_array();
    for (size_t i = 0; i < interp_note_count(I); i++)
        json_object_array_add(a, json_object_new_string(interp_note_text(I, i)));
    return a;
}

/* One entry per module loaded by `use`: which library text made the report. */
static struct json_object *libraries_json(Interp *I)
{
    struct json_object *a = json_object_new_array();
    for (size_t i = 0; i < interp_library_count(I); i++) {
        const char *spec, *shown, *sha256;
        interp_library(I, i, &spec, &shown, &sha256);
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(spec));
        json_object_object_add(o, "path", json_object_new_string(shown));
        json_object_object_add(o, "sha256", json_object_new_string(sha256));
        const char *version = interp_library_version(I, i); /* left out when none is declared */
        if (version) json_object_object_add(o, "version", json_object_new_string(version));
        json_object_array_add(a, o);
    }
    return a;
}

static struct json_object *results_json(Interp *I)
{
    Value results[MAX_GLOBALS];
    size_t n = find_results(I, results, MAX_GLOBALS);
    struct json_object *a = json_object_new_array_ext((int)n);
    for (size_t i = 0; i < n; i++) json_object_array_add(a, value_to_json(I, results[i]));
    return a;
}

/* While the file runs, standard output is sent to standard error, so that
 * text a function writes itself (write_csv(T, "-")) cannot break the JSON:
 * standard output then holds the JSON object and nothing else.  Returns the
 * saved descriptor of standard output (-1 if it could not be saved). */
static int divert_stdout(void)
{
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    if (saved >= 0 && dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        close(saved);
        return -1;
    }
    return saved;
}

static void restore_stdout(int saved)
{
    if (saved < 0) return;
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
}

static int run_json(Interp *I, const char *path)
{
    struct json_object *printed = json_object_new_array();
    interp_set_print_sink(I, print_json, printed);
    int saved_stdout = divert_stdout();
    bool ok = run_source(I, path);
    restore_stdout(saved_stdout);
    interp_set_print_sink(I, NULL, NULL);
    if (!ok) {
        json_object_put(printed);
        if (interp_has_error(I)) interp_print_error(I, stderr);
        return EXIT_MODEL_ERROR;
    }
    struct json_object *result = json_object_new_object();
    json_object_object_add(result, "models", results_json(I));
    json_object_object_add(result, "printed", printed);
    json_object_object_add(result, "warnings", warnings_json(I));
    json_object_object_add(result, "libraries", libraries_json(I));
    if (interp_note_count(I)) /* e.g. an empty NIR column dropped while reading */
        json_object_object_add(result, "notes", notes_json(I));
    printf("%s\n", json_to_text(result));
    json_object_put(result);
    return EXIT_OK;
}

/* ---- the commands ------------------------------------------------------------------ */

static int command_run(Interp *I, const char *path)
{
    if (interp_settings(I)->format == FORMAT_JSON) return run_json(I, path);
    return run_text(I, path);
}

/* impact check shows this many problems of a file, then counts the rest:
 * the first ones are the ones to fix first (SPEC.md, "impact check"). */
enum { CHECK_ERRORS_SHOWN = 20 };

/* Every problem of the file, located with its hint; false when there is one. */
static bool check_report_problems(Interp *I, const char *path)
{
    Diagnostics found;
    if (!interp_check_all(I, path, NULL, 0, &found)) {
        interp_print_error(I, stderr);
        return false;
    }
    size_t shown = found.n < CHECK_ERRORS_SHOWN ? found.n : CHECK_ERRORS_SHOWN;
    for (size_t i = 0; i < shown; i++) interp_print_diagnostic(I, &found.items[i], stderr);
    if (found.n > shown) {
        size_t more = found.n - shown;
        fprintf(
            stderr,
            ngettext("%zu more error not shown: fix these first, then run impact check again\n",
                     "%zu more errors not shown: fix these first, then run impact check again\n",
                     more),
            more);
    }
    bool ok = found.n == 0;
    diagnostics_free(&found);
    return ok;
}

static int command_check(Interp *I, const char *path)
{
    if (is_stdin_name(path)) path = "/dev/stdin";
    if (!check_report_problems(I, path)) return EXIT_MODEL_ERROR;
    printf(_("%s: no problem found (the file was read and checked, not run)\n"), path);
    size_t refused = interp_check_list_files(I, path);
    if (refused) {
        fprintf(stderr,
                _("hint: a library reads only the files your model names and never writes; your "
                  "model reads and writes inside its folder, or in folders given with --read and "
                  "--write\n"));
        return EXIT_MODEL_ERROR;
    }
    return EXIT_OK;
}

/* ---- report: the report files of the file's models ------------------------------------ */

/* The format: the output file's ending, else --format, else text. */
static int report_format(const Options *o, ReportFormat *f)
{
    *f = REPORT_FORMAT_TEXT;
    if (o->output && !report_format_of_path(o->output, f))
        return cli_usage_error(
            _("impact report writes .html, .xlsx, .csv, .json or .txt files, not "
              "'%s'"),
            o->output);
    if (!o->output && o->format_name && !report_format_of_name(o->format_name, f))
        return cli_usage_error(_("--format must be text, json, csv, html or xlsx, not '%s'"),
                               o->format_name);
    return EXIT_OK;
}

/* The models to report: --model NAME, or every model the file defines. */
static size_t report_models(Interp *I, const Options *o, Value *models)
{
    if (!o->model_name) {
        size_t n = find_results(I, models, MAX_GLOBALS), kept = 0;
        for (size_t k = 0; k < n; k++)
            if (report_can_write(models[k])) models[kept++] = models[k];
        return kept;
    }
    Value v;
    if (interp_lookup(I, o->model_name, &v) && report_can_write(v)) {
        models[0] = v;
        return 1;
    }
    fprintf(stderr, _("error: %s defines no model named '%s'\n"), o->file, o->model_name);
    fprintf(stderr,
            _("hint: give the name after 'model' in the file, or leave --model out to "
              "report every model\n"));
    return 0;
}

/* Runs the file (its own printed output goes to standard error, so that
 * standard output holds the report alone), then writes the reports. */
static int command_report(Interp *I, const Options *o)
{
    ReportFormat format;
    int status = report_format(o, &format);
    if (status != EXIT_OK) return status;
    int saved_stdout = divert_stdout();
    bool ok = interp_run_file(I, o->file, NULL);
    restore_stdout(saved_stdout);
    if (!ok) {
        interp_print_error(I, stderr);
        return EXIT_MODEL_ERROR;
    }
    Value models[MAX_GLOBALS];
    size_t n = report_models(I, o, models);
    if (n == 0) {
        if (!o->model_name) {
            fprintf(stderr, _("error: %s defines no model: there is nothing to report\n"), o->file);
            fprintf(stderr, _("hint: declare one with model NAME \"Title\" { ... }\n"));
        }
        return EXIT_MODEL_ERROR;
    }
    if (!report_write(I, models, n, format, o->output)) {
        interp_print_error(I, stderr);
        return EXIT_MODEL_ERROR;
    }
    return EXIT_OK;
}

/* ---- import: a value map from a spreadsheet into a model file ---------------------------- */

static int command_import(Interp *I, const Options *o)
{
    StrBuf text;
    sb_init(&text);
    bool ok = report_import(I, o->file, o->output, &text);
    if (ok && !o->output) fwrite(text.data, 1, text.len, stdout);
    if (!ok) interp_print_error(I, stderr);
    sb_free(&text);
    return ok ? EXIT_OK : EXIT_MODEL_ERROR;
}

static int command_eval(Interp *I, const char *expr)
{
    Value v = value_nil();
    /* In JSON mode standard output is kept for the JSON of the value alone. */
    bool json = interp_settings(I)->format == FORMAT_JSON;
    int saved_stdout = json ? divert_stdout() : -1;
    /* TRANSLATORS: the file name of -e's statements in messages; keep the
     * angle brackets (a name starting with '<' is no file on disk) */
    bool ok = interp_run_string(I, _("<command line>"), expr, &v);
    restore_stdout(saved_stdout);
    if (!ok) {
        fflush(stdout);
        interp_print_error(I, stderr);
        return EXIT_MODEL_ERROR;
    }
    if (json) {
        struct json_object *j = value_to_json(I, v);
        printf("%s\n", json_to_text(j));
        json_object_put(j);
    } else if (v.kind != V_NIL) {
        StrBuf b;
        sb_init(&b);
        value_format(I, v, &b);
        printf("%s\n", b.data ? b.data : "");
        sb_free(&b);
    }
    value_release(v);
    return EXIT_OK;
}

/* The folders the model may use besides its own: --read, --write and
 * IMPACT_DATA (folders separated by ':'; one that is not a folder is said
 * and left out).  The REPL and standard input work in the current folder. */
static void allow_folders(Interp *I, const Options *o)
{
    for (size_t i = 0; i < o->n_read_dirs; i++) interp_allow_dir(I, o->read_dirs[i], false);
    for (size_t i = 0; i < o->n_write_dirs; i++) interp_allow_dir(I, o->write_dirs[i], true);
    const char *data = getenv("IMPACT_DATA");
    char *list = data ? strdup(data) : NULL;
    for (char *save = NULL, *dir = list ? strtok_r(list, ":", &save) : NULL; dir;
         dir = strtok_r(NULL, ":", &save))
        if (!interp_allow_dir(I, dir, false))
            fprintf(stderr,
                    _("impact: warning: IMPACT_DATA names '%s', which is not a folder: it is "
                      "left out\n"),
                    dir);
    free(list);
    if (o->command == CMD_REPL || o->command == CMD_STDIN) interp_set_project(I, ".");
}

/* A result that could not be written (a full disk, a closed pipe) is a
 * failure: status 1 with the reason, never a silent 0. */
static int finish_output(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, _("impact: error: cannot write the output: %s\n"),
                errno ? strerror(errno) : _("write error"));
        return EXIT_MODEL_ERROR;
    }
    return status;
}

static int run_command(const Options *o)
{
    /* Checked before the interpreter starts: nothing to set up for a typo. */
    if (o->file && !is_stdin_name(o->file) &&
        !file_is_readable(o->file,
                          o->command == CMD_CHECK            ? "check"
                              : o->command == CMD_CHECK_DATA ? "check-data"
                              : o->command == CMD_REPORT     ? "report"
                              : o->command == CMD_IMPORT     ? "import"
                                                             : "run"))
        return EXIT_MODEL_ERROR;
    Settings settings = o->settings;
    settings.reports_models = o->command == CMD_RUN; /* then reports the file's models */
    Interp *I = interp_new(&settings);
    if (!I) {
        fprintf(stderr, _("error: not enough memory to start impact\n"));
        return EXIT_MODEL_ERROR;
    }
    stdlib_open(I);
    allow_folders(I, o);
    int status = EXIT_OK;
    switch (o->command) {
    case CMD_RUN: status = command_run(I, o->file); break;
    case CMD_CHECK: status = command_check(I, o->file); break;
    case CMD_CHECK_DATA: status = command_check_data(I, o->file); break;
    case CMD_REPORT: status = command_report(I, o); break;
    case CMD_IMPORT: status = command_import(I, o); break;
    case CMD_EVAL: status = command_eval(I, o->expr); break;
    case CMD_STDIN: status = repl_piped(I, stdin, stdin_name()); break;
    case CMD_REPL:
        status = isatty(STDIN_FILENO) ? repl_interactive(I) : repl_piped(I, stdin, stdin_name());
        break;
    case CMD_HELP:
    case CMD_VERSION: break;
    }
    interp_free(I);
    return finish_output(status);
}

/* The language is chosen before the arguments are read, so that a mistake
 * in them is told in the language asked for: --lang wherever it stands
 * (the last one wins), else the environment's. */
static Language language_of(int argc, char **argv)
{
    Language lang = i18n_environment_language();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-e") == 0 || strcmp(argv[i], "--eval") == 0)
            i++; /* an expression */
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            i18n_parse_language(argv[++i], &lang);
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            i18n_parse_language(argv[i] + 7, &lang);
    }
    return lang;
}

static int impact_main(int argc, char **argv)
{
    Options o = { 0 };
    cli_default_settings(&o.settings);
    o.settings.language = language_of(argc, argv);
    i18n_use(o.settings.language);
    int status = cli_parse_arguments(argc, argv, &o);
    if (status != EXIT_OK) return status;
    if (o.command == CMD_HELP) {
        cli_print_help();
        return finish_output(EXIT_OK);
    }
    if (o.command == CMD_VERSION) {
        printf("impact %s\n", IMPACT_VERSION);
        return finish_output(EXIT_OK);
    }
    /* Line by line, so that printed results and warnings (on standard error)
     * keep their order when both go to one file or pipe (2>&1). */
    setvbuf(stdout, NULL, _IOLBF, 0);
    return run_command(&o);
}

int main(int argc, char **argv)
{
    /* impact fmt takes several files and runs no model: its own command line */
    if (argc >= 2 && strcmp(argv[1], "fmt") == 0) return fmt_main(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "lsp") == 0) return lsp_main(argc - 2, argv + 2);
    /* so does impact pseudonymise (-o, --key, --drop are its own options) */
    if (argc >= 2 && strcmp(argv[1], "pseudonymise") == 0)
        return pseudonymise_main(argc - 2, argv + 2);
    return impact_main(argc, argv);
}
