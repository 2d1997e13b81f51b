/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* data_commands.c — impact check-data EXPORT and impact pseudonymise
 * (see data_commands.h).
 *
 * The command is a short program in the language, run as a string: the
 * check itself is models/cae's check_data(), so the command line and a
 * model see exactly the same reading and the same category lists.
 */
#include "cli/data_commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/value.h"
#include "stdlib/stdlib.h"

/* The path as a string literal of the language: quotes and backslashes
 * escaped, control characters refused (no file name holds one). */
static bool quote_path(const char *path, StrBuf *out)
{
    sb_append(out, "\"");
    for (const char *p = path; *p; p++) {
        if ((unsigned char)*p < 0x20) return false;
        if (*p == '"' || *p == '\\') sb_append(out, "\\");
        sb_appendn(out, p, 1);
    }
    sb_append(out, "\"");
    return true;
}

int command_check_data(Interp *I, const char *path)
{
    StrBuf prog;
    sb_init(&prog);
    sb_append(&prog, "use \"models/cae\" as cae\ncae.check_data(");
    if (!quote_path(path, &prog)) {
        sb_free(&prog);
        fprintf(stderr,
                _("error: the file name '%s' holds a control character\n"
                  "hint: rename the file with letters, digits, '-', '_' and '.'\n"),
                path);
        return 1;
    }
    sb_append(&prog, ")\n");
    Value v = value_nil();
    bool ok = interp_run_string(I, "<check-data>", prog.data, &v);
    value_release(v);
    sb_free(&prog);
    if (!ok) {
        fflush(stdout);
        interp_print_error(I, stderr);
        return 1;
    }
    return 0;
}

/* ---- impact pseudonymise ------------------------------------------------------- */

static int pseudonymise_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, _("impact: "));
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s",
            _("usage: impact pseudonymise EXPORT -o COPY [--key FILE] [--drop TITLE]...\n"));
    return 2;
}

int pseudonymise_main(int argc, char **argv)
{
    Language lang = i18n_environment_language();
    for (int i = 0; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--lang")) i18n_parse_language(argv[i + 1], &lang);
    i18n_use(lang);
    PseudonymiseRequest req = { 0 };
    const char **drop = calloc((size_t)argc + 1, sizeof *drop);
    if (!drop) return 1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool takes = !strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--key") ||
            !strcmp(a, "--drop") || !strcmp(a, "--lang");
        if (takes && i + 1 >= argc) {
            free(drop);
            return pseudonymise_usage(_("%s needs a value"), a);
        }
        if (!strcmp(a, "-o") || !strcmp(a, "--output"))
            req.output = argv[++i];
        else if (!strcmp(a, "--key"))
            req.key_file = argv[++i];
        else if (!strcmp(a, "--drop"))
            drop[req.n_drop++] = argv[++i];
        else if (!strcmp(a, "--lang"))
            i++; /* read above */
        else if (a[0] == '-' && a[1]) {
            free(drop);
            return pseudonymise_usage(_("unknown option '%s'"), a);
        } else if (!req.input)
            req.input = a;
        else {
            free(drop);
            return pseudonymise_usage(_("unexpected argument '%s': pseudonymise takes one export"),
                                      a);
        }
    }
    req.drop = drop;
    if (!req.input || !req.output) {
        free(drop);
        return pseudonymise_usage("%s",
                                  _("pseudonymise needs an export and the copy to write, "
                                    "for example: impact pseudonymise export.csv -o "
                                    "copy.csv"));
    }
    Settings settings;
    memset(&settings, 0, sizeof settings);
    settings.language = lang;
    Interp *I = interp_new(&settings);
    if (!I) {
        free(drop);
        return 1;
    }
    stdlib_open(I);
    setvbuf(stdout, NULL, _IOLBF, 0);
    bool ok = pseudonymise_file(I, &req);
    if (!ok) {
        fflush(stdout);
        interp_print_error(I, stderr);
    }
    interp_free(I);
    free(drop);
    return ok ? 0 : 1;
}

bool is_data_file(const char *path)
{
    static const char *const exts[] = { ".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods", NULL };
    size_t len = strlen(path);
    for (size_t i = 0; exts[i]; i++) {
        size_t n = strlen(exts[i]);
        if (len > n && strcasecmp(path + len - n, exts[i]) == 0) return true;
    }
    return false;
}
