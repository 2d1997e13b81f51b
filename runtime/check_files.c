/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* check_files.c — what `impact check FILE` says about files: which files
 * the model would read and write, found in its text and in the modules it
 * uses (nothing is run), and which of those accesses would be refused
 * (runtime/files.c: outside the project, or by a library).
 *
 * Contract: interp_check_list_files() (interp.h) prints the list on standard output, each
 * refusal as a located error on standard error, and returns the number of
 * refusals.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/interp.h"
#include "runtime/module.h"
#include "lang/check.h"
#include "lang/i18n.h"

static const FileFunction file_functions[] = {
    { "csv", 0, false },
    { "write_csv", 1, true },
    { "survey_template", 1, true },
    { NULL, 0, false },
};

typedef struct Lister {
    Interp *I;
    const char *dir; /* folder of the file being walked */
    bool library;    /* the file is a module loaded by `use` */
    char **seen;     /* real paths of the files walked */
    size_t n_seen;
    SourceFile **kept; /* parsed modules, freed at the end */
    size_t n_kept;
    size_t listed, refused;
} Lister;

static void line(Lister *L, const char *verb, const char *what, SrcLoc loc)
{
    if (L->listed++ == 0)
        printf(_("Files it would read and write (found in its text; nothing was run):\n"));
    printf("  %-5s  %-40s  %s:%d:%d\n", verb, what, loc.file, loc.line, loc.col);
}

static void refuse(Lister *L, SrcLoc loc)
{
    L->refused++;
    /* the same words as every error's first line (runtime/error.c) */
    fprintf(stderr, _("%s:%d:%d: error: "), loc.file, loc.line, loc.col);
}

static void on_call(void *ctx, const FileFunction *f, const Node *path, SrcLoc loc)
{
    Lister *L = ctx;
    /* TRANSLATORS: one word each, at most 5 characters, in a list of files */
    const char *verb = f->write ? _("write") : _("read");
    bool literal = path && path->kind == N_STRING && path->str;
    bool passed = path && path->kind == N_NAME; /* a parameter, in a library */
    const char *shown = literal ? path->str
        : L->library && passed  ? _("(the path your model passes)")
        : L->library            ? _("(a path the library builds)")
                                : _("(a path computed when it runs)");
    if (literal && strcmp(path->str, "-") == 0) return; /* standard output, not a file */
    line(L, verb, shown, loc);
    if (L->library && f->write) {
        refuse(L, loc);
        fprintf(stderr,
                _("the library %s calls %s(): a library never writes files, so the call "
                  "will be refused\n"),
                loc.file, f->name);
    } else if (L->library && literal) {
        refuse(L, loc);
        fprintf(stderr,
                _("the library %s reads '%s', a path it writes itself: a library reads "
                  "only the files your model names, so the call will be refused\n"),
                loc.file, path->str);
    } else if (!L->library && literal &&
               !interp_path_allowed(L->I, L->dir, path->str, f->write ? FILE_WRITE : FILE_READ)) {
        refuse(L, loc);
        if (f->write)
            fprintf(stderr,
                    _("%s() would write '%s', outside the project folder and the folders "
                      "given with --write: the call will be refused\n"),
                    f->name, path->str);
        else
            fprintf(stderr,
                    _("%s() would read '%s', outside the project folder and the folders "
                      "given with --read (or IMPACT_DATA): the call will be refused\n"),
                    f->name, path->str);
    }
}

/* A text that names a data file by its extension (what csv() reads). */
static bool looks_like_data_file(const char *text)
{
    static const char *const extensions[] = { ".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods" };
    size_t n = strlen(text);
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        size_t k = strlen(extensions[i]);
        if (n > k && strcasecmp(text + n - k, extensions[i]) == 0) return true;
    }
    return false;
}

/* cae.read_endi("export.csv"): the user's code hands a file to a library,
 * which may read it; listed, and refused already when it is outside. */
static void on_text(void *ctx, const Node *callee, const Node *text)
{
    Lister *L = ctx;
    if (L->library || !looks_like_data_file(text->str)) return;
    line(L, _("read"), text->str, text->loc);
    if (!interp_path_allowed(L->I, L->dir, text->str, FILE_READ)) {
        refuse(L, text->loc);
        fprintf(stderr,
                _("%s.%s() would be given '%s', outside the project folder and the folders "
                  "given with --read (or IMPACT_DATA): reading it will be refused\n"),
                callee->a->name, callee->name, text->str);
    }
}

static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    return slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
}

static void walk_file(Lister *L, const Node *root, const char *dir, bool library);

/* Library modules are named as `use` writes them (models/cae.impact,
 * std/wellbeing.impact), as in the run's messages, not by their full path. */
static void library_name(Interp *I, SourceFile *src)
{
    static const char *const dirs[][2] = { { "stdlib/std/", "std/" }, { "models/", "models/" } };
    const char *root = interp_library_root(I);
    char *real_root = root ? realpath(root, NULL) : NULL;
    char *real = realpath(src->path, NULL);
    size_t n = real_root ? strlen(real_root) : 0;
    for (size_t i = 0; real && real_root && i < 2; i++) {
        size_t k = strlen(dirs[i][0]);
        if (strncmp(real, real_root, n) || real[n] != '/' || strncmp(real + n + 1, dirs[i][0], k))
            continue;
        const char *rest = real + n + 1 + k;
        char *name = malloc(strlen(dirs[i][1]) + strlen(rest) + 1);
        if (!name) break;
        sprintf(name, "%s%s", dirs[i][1], rest);
        free(src->path);
        src->path = name;
        break;
    }
    free(real);
    free(real_root);
}

/* Walks a module once: `use` of the same file twice lists it once. */
static void on_use(void *ctx, const Node *use)
{
    Lister *L = ctx;
    char found[PATH_MAX];
    char *refused = L->library && use->str
        ? module_library_use_refused(L->I, use->str, L->dir, use->loc.file)
        : NULL;
    if (refused) { /* the run stops there: an error here too, in its words */
        refuse(L, use->loc);
        fprintf(stderr, "%s\n", refused);
        free(refused);
        return;
    }
    if (!use->str || !module_resolve_for(L->I, use->str, L->dir, L->library, found)) return;
    char *real = realpath(found, NULL);
    if (!real) return;
    for (size_t i = 0; i < L->n_seen; i++)
        if (strcmp(L->seen[i], real) == 0) {
            free(real);
            return;
        }
    char **grown = realloc(L->seen, (L->n_seen + 1) * sizeof *grown);
    SourceFile **kept = realloc(L->kept, (L->n_kept + 1) * sizeof *kept);
    if (grown) L->seen = grown;
    if (kept) L->kept = kept;
    if (!grown || !kept) {
        free(real);
        return;
    }
    L->seen[L->n_seen++] = real;
    SourceFile *src = source_read(found);
    if (src) library_name(L->I, src); /* before parsing: locations point at src->path */
    SyntaxError err = { 0 };
    bool parsed = src && parse_source(src, &err);
    free(err.message);
    if (!parsed) {
        source_free(src);
        return;
    }
    L->kept[L->n_kept++] = src;
    char *dir = folder_of(found);
    walk_file(L, src->root, dir, true);
    free(dir);
}

static void walk_file(Lister *L, const Node *root, const char *dir, bool library)
{
    const char *saved_dir = L->dir;
    bool saved_library = L->library;
    L->dir = dir;
    L->library = library;
    FileUseVisitor v = { on_call, on_use, on_text, L };
    find_file_uses(root, file_functions, &v);
    L->dir = saved_dir;
    L->library = saved_library;
}

size_t interp_check_list_files(Interp *I, const char *path)
{
    SourceFile *src = source_read_parsed(path);
    if (!src) return 0; /* the check itself has said why */
    Lister L = { .I = I };
    char *dir = folder_of(path);
    walk_file(&L, src->root, dir, false);
    if (L.listed == 0) printf(_("It reads and writes no file by name.\n"));
    free(dir);
    for (size_t i = 0; i < L.n_seen; i++) free(L.seen[i]);
    for (size_t i = 0; i < L.n_kept; i++) source_free(L.kept[i]);
    free(L.seen);
    free(L.kept);
    source_free(src);
    return L.refused;
}
