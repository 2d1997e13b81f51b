/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* fmt_command.c — `impact fmt [--check] FILE...` and `impact fmt -`.
 *
 *   impact fmt FILE...          rewrites each file in the canonical layout
 *   impact fmt --check FILE...  changes nothing; lists the files that are not
 *                               in the canonical layout, status 1 if any
 *   impact fmt -                standard input formatted to standard output
 *
 * The layout and its proof (the formatted text parses to the same tree) are
 * lang/fmt.c's; this file reads, writes and reports.  A file is replaced
 * the one safe way (interp_replace_file: temporary file beside it with the
 * file's mode, fsync, rename; a link or a read-only file refused), so an
 * interruption leaves the old file whole.
 * Exit status: 0 done (or, with --check, every file already formatted); 1 a
 * file that cannot be read, written or parsed, or (--check) not formatted;
 * 2 a wrong command.
 */
#include "cli/fmt_command.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/options.h"
#include "runtime/interp.h" /* fmt_checked (lang/fmt.h), source_read_text (lang/ast.h) */

static void report_syntax_error(const char *path, int line, int col, const char *message)
{
    fprintf(stderr, _("%s:%d:%d: error: %s\n"), path, line, col,
            message ? message : _("syntax error"));
    fprintf(stderr,
            _("hint: impact fmt only lays out files that parse: fix this error first "
              "(impact check %s shows it with its line)\n"),
            path);
}

/* Formats one text; 0 unchanged, 1 changed (*out set), -1 error reported. */
static int format_text(const char *path, const char *text, size_t len, char **out, size_t *out_len)
{
    int line = 0, col = 0;
    char *message = NULL;
    switch (fmt_checked(path, text, len, out, out_len, &line, &col, &message)) {
    case FMT_OK: return (*out_len == len && memcmp(*out, text, len) == 0) ? 0 : 1;
    case FMT_SYNTAX_ERROR:
        report_syntax_error(path, line, col, message);
        free(message);
        return -1;
    case FMT_CHANGED_MEANING:
        fprintf(stderr,
                _("%s: error: impact fmt could not lay this file out without changing what it "
                  "means, so the file is left as it is\n"
                  "hint: this is a bug of impact fmt: please report it with the file\n"),
                path);
        return -1;
    case FMT_NO_MEMORY: break;
    }
    fprintf(stderr, _("%s: error: not enough memory to format this file\n"), path);
    return -1;
}

static int format_stdin(void)
{
    size_t len = 0, out_len = 0;
    char *text = source_read_stream(stdin, &len);
    if (!text) {
        fprintf(stderr, _("impact fmt: error: cannot read standard input: %s\n"), strerror(errno));
        return 1;
    }
    char *out = NULL;
    int r = format_text(stdin_name(), text, len, &out, &out_len);
    int status = 0;
    if (r < 0)
        status = 1;
    else if (fwrite(r ? out : text, 1, r ? out_len : len, stdout) != (r ? out_len : len) ||
             fflush(stdout) != 0) {
        fprintf(stderr, _("impact fmt: error: cannot write the result: %s\n"), strerror(errno));
        status = 1;
    }
    free(out);
    free(text);
    return status;
}

static int format_file(Interp *I, const char *path, bool check_only)
{
    size_t len = 0, out_len = 0;
    char *text = source_read_text(path, &len);
    if (!text) {
        fprintf(stderr, _("%s: error: cannot read this file: %s\n"), path, strerror(errno));
        return 1;
    }
    char *out = NULL;
    int r = format_text(path, text, len, &out, &out_len);
    int status = r < 0 ? 1 : 0;
    if (r == 1 && check_only) {
        printf(_("%s: not in the canonical layout (impact fmt %s rewrites it)\n"), path, path);
        status = 1;
    } else if (r == 1 && !interp_replace_file(I, path, out, out_len)) {
        interp_print_error(I, stderr);
        interp_clear_error(I);
        status = 1;
    }
    free(out);
    free(text);
    return status;
}

static const char fmt_usage[] = N_("usage: impact fmt [--check] FILE...\n"
                                   "       impact fmt -     (standard input to standard output)\n");

int fmt_main(int argc, char **argv)
{
    bool check_only = false, options_done = false;
    int files = 0, status = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0)
            options_done = true;
        else if (!options_done && strcmp(a, "--check") == 0)
            check_only = true;
        else if (!options_done && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            printf("%s", _(fmt_usage));
            return 0;
        } else if (!options_done && a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, _("impact fmt: unknown option '%s'\n%s"), a, _(fmt_usage));
            return 2;
        } else
            files++;
    }
    if (files == 0) {
        fprintf(stderr, _("impact fmt: which files? for example: impact fmt model.impact\n%s"),
                _(fmt_usage));
        return 2;
    }
    /* an interpreter only for its safe way of replacing a file */
    Interp *I = interp_new(NULL);
    if (!I) {
        fprintf(stderr, _("error: not enough memory to start impact\n"));
        return 1;
    }
    options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        if (!options_done && a[0] == '-' && a[1] != '\0') continue;
        int r =
            strcmp(a, "-") == 0 && !options_done ? format_stdin() : format_file(I, a, check_only);
        if (r) status = 1;
    }
    interp_free(I);
    if (fflush(stdout) != 0) status = 1;
    return status;
}
