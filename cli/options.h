/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* options.h — the command line read into Options (options.c), for main.c.
 */
#ifndef IMPACT_CLI_OPTIONS_H
#define IMPACT_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/interp.h"

enum { EXIT_OK = 0, EXIT_MODEL_ERROR = 1, EXIT_USAGE = 2 };

#define MAX_SAMPLES 100000000ul /* 10^8 samples: 800 MB per distribution */

typedef enum Command {
    CMD_REPL,
    CMD_STDIN,
    CMD_RUN,
    CMD_CHECK,
    CMD_CHECK_DATA,
    CMD_REPORT,
    CMD_IMPORT,
    CMD_EVAL,
    CMD_HELP,
    CMD_VERSION
} Command;

#define MAX_DIR_OPTIONS 64

/* The options given, to refuse those that do not apply to the command. */
enum {
    OPT_FORMAT = 1 << 0,
    OPT_LANG = 1 << 1,
    OPT_SAMPLES = 1 << 2,
    OPT_SEED = 1 << 3,
    OPT_MIN_CELL = 1 << 4,
    OPT_READ = 1 << 5,
    OPT_WRITE = 1 << 6,
    OPT_MAX_TIME = 1 << 7,
    OPT_SCALE = 1 << 8,
    OPT_OUTPUT = 1 << 9, /* report and import only */
    OPT_MODEL = 1 << 10, /* report only */
    OPT_DIFFERENCING = 1 << 11
};

typedef struct Options {
    Command command;
    unsigned given;          /* OPT_* */
    bool options_end;        /* after "--", every word is a file */
    const char *file;        /* run, check, report, import */
    const char *expr;        /* -e */
    const char *output;      /* report, import: -o */
    const char *model_name;  /* report --model */
    const char *format_name; /* --format as written (report takes more than text|json) */
    Settings settings;
    const char *read_dirs[MAX_DIR_OPTIONS], *write_dirs[MAX_DIR_OPTIONS]; /* --read, --write */
    size_t n_read_dirs, n_write_dirs;
} Options;

/* Reads argv into o; EXIT_OK, or EXIT_USAGE after telling what is wrong. */
int cli_parse_arguments(int argc, char **argv, Options *o);
/* The settings when no option is given (0: interp_new()'s defaults). */
void cli_default_settings(Settings *s);
/* "impact: " + the message + the usage line on standard error; EXIT_USAGE. */
__attribute__((format(printf, 1, 2))) int cli_usage_error(const char *fmt, ...);
/* impact --help: the usage line and the help text on standard output. */
void cli_print_help(void);

/* "<stdin>" in the user's language: the file name, in messages, of what
 * is read from standard input (impact run -, piped statements, impact fmt -). */
const char *stdin_name(void);

#endif
