/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* options.c — the words of the `impact` command line, read into Options.
 *
 * Contract: cli_parse_arguments() reads the command, its file and every
 * option into an Options, checking each value (a count, a folder, a format)
 * and refusing an option the command does not take; a wrong command line is
 * told on standard error with the usage line and gives EXIT_USAGE (2).
 * Nothing here runs a model.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/options.h"
#include "lang/i18n.h"
#include "stdlib/stdlib.h"

/* Translated where printed (_()); N_() only marks them for po/impact.pot. */
static const char usage_text[] =
    N_("usage: impact [run] FILE [--format text|json] [--lang fr|en] [--samples N] [--seed S] "
       "[--min-cell N]\n"
       "                         [--read DIR] [--write DIR] [--max-time SECONDS]\n"
       "       impact check FILE\n"
       "       impact check-data EXPORT\n"
       "       impact pseudonymise EXPORT -o COPY [--key FILE] [--drop TITLE]...\n"
       "       impact report FILE [-o OUT.html|.xlsx|.csv|.json] [--format F] [--model NAME]\n"
       "       impact import VALUEMAP.xlsx [-o MODEL.impact]\n"
       "       impact lsp [--max-time SECONDS]  (started by an editor)\n"
       "       impact [--format text|json] [--samples N] [--seed S] [--min-cell N] -e EXPR\n"
       "       impact            (interactive session; statements from standard input on a "
       "pipe)\n");

static const char help_text[] =
    N_("\n"
       "Runs social-impact (SROI) models written in the impact language.\n"
       "\n"
       "Commands:\n"
       "  run FILE        run a model file, then print the report of each model it defines\n"
       "  check FILE      read and check FILE without running it; list the files it would read\n"
       "                  and write\n"
       "  check-data EXPORT  which labels of an enDI export the CAE model's category\n"
       "                  lists map (models/cae/endi.impact), without running the model\n"
       "  pseudonymise EXPORT -o COPY  a copy of an export without direct identifiers,\n"
       "                  for an outside evaluator (--key FILE: the pseudonym key)\n"
       "  report FILE     write the report of each model of FILE: -o report.html, .xlsx, .csv or "
       ".json\n"
       "                  (or --format for standard output), --model NAME for one model\n"
       "  import VALUEMAP.xlsx  write a model file from a value map laid out as the SVI template\n"
       "                  (or as impact report writes it): -o MODEL.impact\n"
       "  fmt FILE...     lay model files out in the one canonical layout (--check: only list "
       "them)\n"
       "  lsp             the language server an editor starts: errors as you type, values on\n"
       "                  hover, completion, go to definition (SPEC.md: the editor's helper)\n"
       "  -e EXPR         evaluate EXPR and print its value\n"
       "  -               read statements from standard input\n"
       "  (nothing)       open the interactive session (type :help there)\n"
       "\n"
       "Options:\n"
       "  --format text|json  text (default) or one JSON object on standard output\n"
       "  --samples N         Monte Carlo samples per uncertain figure (default 10000)\n"
       "  --seed S            random seed, for reproducible runs (default 20240601)\n"
       "  --min-cell N        smallest group size shown in results (default 11)\n"
       "  --lang fr|en        language of messages and reports (default: from LC_ALL, LC_MESSAGES "
       "or LANG)\n"
       "  --read DIR          the model may also read files in DIR (the model's own folder\n"
       "                      always; IMPACT_DATA=DIR1:DIR2 does the same)\n"
       "  --write DIR         the model may also write files in DIR\n"
       "  --max-time SECONDS  stop a run that takes longer (default: no limit)\n"
       "  --differencing on|off  refuse figures that, with those already given about a\n"
       "                      data file, give back a small group (default: on; off\n"
       "                      only for internal work, never for a published report)\n"
       "  --scale k|M         money in reports in thousands or millions (default: the model's "
       "scale)\n"
       "  --help, --version\n"
       "\n"
       "Exit status: 0 success, 1 error in the model or data, 2 wrong command.\n");

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, _("impact: "));
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, _("\n%sRun 'impact --help' for details.\n"), _(usage_text));
    return EXIT_USAGE;
}

/* Parses a whole number in [min, max]; false if `text` is anything else. */
static bool parse_count(const char *text, unsigned long long min, unsigned long long max,
                        unsigned long long *out)
{
    if (!text || !*text || *text == '-' || *text == '+') return false;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    if (errno || *end || n < min || n > max) return false;
    *out = n;
    return true;
}

/* An option's value: "--samples=N" or "--samples N".  NULL if missing. */
static const char *option_value(int argc, char **argv, int *i, const char *inline_value)
{
    if (inline_value) return inline_value;
    if (*i + 1 < argc) return argv[++*i];
    return NULL;
}

/* --read DIR / --write DIR: the folder must exist (a typo would otherwise
 * show as a refused file much later). */
static int folder_option(Options *o, const char *name, const char *value)
{
    struct stat st;
    if (!value || stat(value, &st) != 0 || !S_ISDIR(st.st_mode))
        return cli_usage_error(_("%s needs an existing folder, and '%s' is not one"), name,
                               value ? value : "");
    bool write = strcmp(name, "--write") == 0;
    size_t *n = write ? &o->n_write_dirs : &o->n_read_dirs;
    if (*n == MAX_DIR_OPTIONS)
        return cli_usage_error(_("%s is given more than %d times"), name, MAX_DIR_OPTIONS);
    (write ? o->write_dirs : o->read_dirs)[(*n)++] = value;
    return EXIT_OK;
}

/* Applies one --name[=value] option; returns EXIT_OK or EXIT_USAGE. */
static int apply_option(Options *o, const char *name, const char *value)
{
    unsigned long long n;
    if (strcmp(name, "--format") == 0) {
        ReportFormat any;
        o->format_name = value;
        if (value && strcmp(value, "text") == 0)
            o->settings.format = FORMAT_TEXT;
        else if (value && strcmp(value, "json") == 0)
            o->settings.format = FORMAT_JSON;
        else if (!report_format_of_name(value, &any))
            return cli_usage_error(_("--format must be text or json, not '%s'"),
                                   value ? value : "");
    } else if (strcmp(name, "--output") == 0) {
        o->output = value;
    } else if (strcmp(name, "--model") == 0) {
        o->model_name = value;
    } else if (strcmp(name, "--lang") == 0) {
        if (!i18n_parse_language(value, &o->settings.language))
            return cli_usage_error(_("--lang must be fr or en, not '%s'"), value ? value : "");
        i18n_use(o->settings.language);
    } else if (strcmp(name, "--scale") == 0) {
        if (!value ||
            (strcmp(value, "k") != 0 && strcmp(value, "M") != 0 && strcmp(value, "1") != 0))
            return cli_usage_error(_("--scale must be k (thousands), M (millions) or 1, not '%s'"),
                                   value ? value : "");
        o->settings.scale = value[0];
    } else if (strcmp(name, "--samples") == 0) {
        if (!parse_count(value, 1, MAX_SAMPLES, &n))
            return cli_usage_error(
                _("--samples needs a whole number between 1 and 100000000, not '%s'"),
                value ? value : "");
        o->settings.samples = (size_t)n;
    } else if (strcmp(name, "--seed") == 0) {
        /* 0 is the default seed, as for interp_new() (SPEC §1, Settings) */
        if (!parse_count(value, 0, UINT64_MAX, &n))
            return cli_usage_error(_("--seed needs a whole number (0 means the default, 20240601), "
                                     "not '%s'"),
                                   value ? value : "");
        o->settings.seed = (uint64_t)n;
    } else if (strcmp(name, "--min-cell") == 0) {
        if (!parse_count(value, 1, 1000000, &n))
            return cli_usage_error(
                _("--min-cell needs a whole number between 1 and 1000000, not '%s'"),
                value ? value : "");
        o->settings.min_cell = (int)n;
    } else if (strcmp(name, "--read") == 0 || strcmp(name, "--write") == 0) {
        return folder_option(o, name, value);
    } else if (strcmp(name, "--max-time") == 0) {
        char *end;
        double t = value ? strtod(value, &end) : 0;
        if (!value || end == value || *end || !(t > 0) || t > 31536000)
            return cli_usage_error(_("--max-time needs a number of seconds greater than 0, for "
                                     "example --max-time 60, not '%s'"),
                                   value ? value : "");
        o->settings.max_time = t;
    } else if (strcmp(name, "--differencing") == 0) {
        if (!value || (strcmp(value, "on") != 0 && strcmp(value, "off") != 0))
            return cli_usage_error(_("--differencing needs on or off, not '%s'"),
                                   value ? value : "");
        o->settings.no_differencing = strcmp(value, "off") == 0;
    } else {
        return cli_usage_error(_("unknown option '%s'"), name);
    }
    return EXIT_OK;
}

static const char *const value_options[] = {
    /* in the order of the OPT_* bits */ "--format",
    "--lang",
    "--samples",
    "--seed",
    "--min-cell",
    "--read",
    "--write",
    "--max-time",
    "--scale",
    "--output",
    "--model",
    "--differencing",
    NULL
};

static bool takes_value(const char *name)
{
    for (size_t i = 0; value_options[i]; i++)
        if (strcmp(name, value_options[i]) == 0) return true;
    return false;
}

/* An unknown option: name the closest known one when the user's word is a
 * prefix of it or the other way round ("--sample", "--seeds"). */
static int unknown_option(const char *arg, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; value_options[i] && len > 2; i++) {
        size_t known = strlen(value_options[i]);
        if (strncmp(name, value_options[i], len < known ? len : known) == 0)
            return cli_usage_error(_("unknown option '%s' — did you mean %s?"), arg,
                                   value_options[i]);
    }
    return cli_usage_error(_("unknown option '%s'"), arg);
}

/* The commands named by a word; each reads one file. */
static const struct {
    const char *word;
    Command command;
} file_commands[] = {
    { "run", CMD_RUN },       { "check", CMD_CHECK },   { "check-data", CMD_CHECK_DATA },
    { "report", CMD_REPORT }, { "import", CMD_IMPORT },
};
enum { N_FILE_COMMANDS = sizeof file_commands / sizeof file_commands[0] };

static bool reads_a_file(Command command)
{
    for (size_t k = 0; k < N_FILE_COMMANDS; k++)
        if (file_commands[k].command == command) return true;
    return false;
}

/* A word that is not an option: the command name or the file. */
static int take_word(Options *o, const char *word, bool *command_seen)
{
    if (!*command_seen && !o->file && o->command == CMD_REPL) {
        *command_seen = true;
        for (size_t k = 0; k < N_FILE_COMMANDS; k++)
            if (strcmp(word, file_commands[k].word) == 0) {
                o->command = file_commands[k].command;
                return EXIT_OK;
            }
        if (strcmp(word, "-") == 0 && !o->options_end) {
            o->command = CMD_STDIN;
            return EXIT_OK;
        }
        o->command = CMD_RUN; /* impact FILE */
    }
    if (reads_a_file(o->command) && !o->file) {
        /* after --, "-" is a file of that name, not standard input */
        o->file = (o->options_end && strcmp(word, "-") == 0) ? "./-" : word;
        return EXIT_OK;
    }
    return cli_usage_error(_("unexpected argument '%s': impact takes one file at a time"), word);
}

static int parse_option_word(Options *o, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
        o->command = CMD_HELP;
        return EXIT_OK;
    }
    if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
        o->command = CMD_VERSION;
        return EXIT_OK;
    }
    if (strcmp(arg, "-e") == 0 || strcmp(arg, "--eval") == 0 || strncmp(arg, "--eval=", 7) == 0) {
        if (o->command != CMD_REPL)
            return cli_usage_error(
                _("%s evaluates one expression and runs no file: give either -e or a file, once"),
                arg);
        const char *inline_value = strncmp(arg, "--eval=", 7) == 0 ? arg + 7 : NULL;
        o->expr = option_value(argc, argv, i, inline_value);
        if (!o->expr)
            return cli_usage_error(_("%s needs an expression, for example: impact -e '3 * 4 EUR'"),
                                   arg);
        o->command = CMD_EVAL;
        return EXIT_OK;
    }
    if (strcmp(arg, "-o") == 0) /* the usual short form of --output */
        arg = "--output";
    /* --name=value or --name value */
    char name[32];
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    if (len >= sizeof name) return cli_usage_error(_("unknown option '%s'"), arg);
    memcpy(name, arg, len);
    name[len] = '\0';
    if (!takes_value(name)) return unknown_option(arg, name);
    const char *value = option_value(argc, argv, i, eq ? eq + 1 : NULL);
    if (!value) return cli_usage_error(_("%s needs a value"), name);
    for (size_t k = 0; value_options[k]; k++)
        if (strcmp(name, value_options[k]) == 0) o->given |= 1u << k;
    return apply_option(o, name, value);
}

/* An option that would change nothing for the command is refused rather
 * than ignored: `impact check m.impact --samples 5000` would otherwise let
 * the user believe the check drew samples. */
static int refuse_inapplicable(const Options *o)
{
    unsigned everything = OPT_FORMAT | OPT_LANG | OPT_SAMPLES | OPT_SEED | OPT_MIN_CELL | OPT_READ |
        OPT_WRITE | OPT_MAX_TIME | OPT_SCALE | OPT_OUTPUT | OPT_MODEL | OPT_DIFFERENCING;
    unsigned allowed = everything & ~(OPT_OUTPUT | OPT_MODEL);
    const char *command = o->command == CMD_EVAL ? "-e" : "run";
    switch (o->command) {
    case CMD_REPORT:
        allowed = everything;
        command = "report";
        break;
    case CMD_IMPORT:
        allowed = OPT_LANG | OPT_OUTPUT;
        command = "import";
        break;
    case CMD_CHECK:
        allowed = OPT_LANG | OPT_READ | OPT_WRITE | OPT_MAX_TIME;
        command = "check";
        break;
    case CMD_CHECK_DATA:
        allowed = OPT_LANG | OPT_MIN_CELL | OPT_READ;
        command = "check-data";
        break;
    case CMD_STDIN:
    case CMD_REPL:
        /* statements read one by one print as text: there is no one JSON result */
        allowed = everything & ~(OPT_FORMAT | OPT_OUTPUT | OPT_MODEL);
        command = o->command == CMD_STDIN ? "-" : "the interactive session";
        break;
    default: break;
    }
    unsigned wrong = o->given & ~allowed;
    for (size_t k = 0; value_options[k]; k++)
        if (wrong & (1u << k)) {
            if ((1u << k) == OPT_FORMAT && (o->command == CMD_STDIN || o->command == CMD_REPL))
                return cli_usage_error(
                    _("--format does not apply to statements read one by one from "
                      "standard input: for JSON, run the file: impact run FILE "
                      "--format json (or impact run - --format json < FILE)"));
            return cli_usage_error(_("%s does not apply to %s: leave it out"), value_options[k],
                                   command);
        }
    return EXIT_OK;
}

int cli_parse_arguments(int argc, char **argv, Options *o)
{
    bool command_seen = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!o->options_end && strcmp(arg, "--") == 0) {
            o->options_end = true; /* what follows is a file, even if it starts with '-' */
            continue;
        }
        bool option = !o->options_end && arg[0] == '-' && arg[1] != '\0';
        int status =
            option ? parse_option_word(o, argc, argv, &i) : take_word(o, arg, &command_seen);
        if (status != EXIT_OK) return status;
        if (o->command == CMD_HELP || o->command == CMD_VERSION) return EXIT_OK;
    }
    if (o->command == CMD_CHECK_DATA && !o->file)
        return cli_usage_error(
            _("check-data needs an export, for example: impact check-data endi_export.csv"));
    int refused = refuse_inapplicable(o);
    if (refused != EXIT_OK) return refused;
    if (o->command == CMD_IMPORT && !o->file)
        return cli_usage_error(
            _("import needs a value map, for example: impact import valuemap.xlsx "
              "-o model.impact"));
    if ((o->command == CMD_RUN || o->command == CMD_CHECK || o->command == CMD_REPORT) &&
        !o->file) {
        const char *command = o->command == CMD_RUN ? "run"
            : o->command == CMD_CHECK               ? "check"
                                                    : "report";
        return cli_usage_error(
            _("%s needs the name of a model file, for example: impact %s model.impact"), command,
            command);
    }
    /* check runs nothing of the model, but what it may run of libraries is
     * bounded as in the editor (impact lsp) */
    if (o->command == CMD_CHECK && !(o->given & OPT_MAX_TIME))
        o->settings.max_time = interp_tool_max_time();
    return EXIT_OK;
}

/* Zero means "not given": interp_new() fills in its defaults (10000
 * samples, seed 20240601, min-cell 11, one thread per core), which is also
 * why --min-cell starts at 1 and --seed 0 means the default seed. */
void cli_default_settings(Settings *s)
{
    memset(s, 0, sizeof *s);
    s->format = FORMAT_TEXT;
}

void cli_print_help(void)
{
    printf("%s%s", _(usage_text), _(help_text));
}

/* The file name of what is read from standard input, in messages. */
const char *stdin_name(void)
{
    /* TRANSLATORS: the file name of a model or statements piped in, in
     * messages; keep the angle brackets (a name starting with '<' is no
     * file on disk) */
    return _("<stdin>");
}
