/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* files.c — which code may read and write which files (SPEC.md "Files and
 * limits").
 *
 * Contract (see interp.h, file_access()): the user's own code — the file
 * named on the command line, -e, the REPL — reads and writes inside the
 * project folder and the folders added with --read/--write (IMPACT_DATA);
 * a library loaded by `use` never writes, reads only a path the user's code
 * wrote (a text carrying VF_USER_TEXT), and never outside those folders.
 * Every path is resolved with realpath() before the check, so `..`, absolute
 * paths and symbolic links lead nowhere else.  Built-ins that open a file by
 * name call file_access() first and open only the path it returns.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/internal.h"
#include "lang/i18n.h"

/* ---- folders -------------------------------------------------------------------- */

static char *real_folder(const char *dir)
{
    char *real = realpath(dir && *dir ? dir : ".", NULL);
    struct stat st;
    if (real && (stat(real, &st) != 0 || !S_ISDIR(st.st_mode))) {
        free(real);
        return NULL;
    }
    return real;
}

bool interp_set_project(Interp *I, const char *dir)
{
    char *real = real_folder(dir);
    if (!real) return false;
    free(I->project_dir);
    I->project_dir = real;
    return true;
}

void files_default_project(Interp *I, const char *file_path)
{
    if (I->project_dir) return;
    const char *slash = file_path ? strrchr(file_path, '/') : NULL;
    if (!slash) {
        interp_set_project(I, ".");
        return;
    }
    char *dir = slash == file_path ? strdup("/") : strndup(file_path, (size_t)(slash - file_path));
    if (!dir) rt_out_of_memory();
    interp_set_project(I, dir);
    free(dir);
}

bool interp_allow_dir(Interp *I, const char *dir, bool write)
{
    char *real = real_folder(dir);
    if (!real) return false;
    char ***list = write ? &I->write_dirs : &I->read_dirs;
    size_t *n = write ? &I->n_write_dirs : &I->n_read_dirs;
    char **grown = realloc(*list, (*n + 1) * sizeof **list);
    if (!grown) rt_out_of_memory();
    *list = grown;
    (*list)[(*n)++] = real;
    return true;
}

const char *interp_project_dir(Interp *I)
{
    return I->project_dir;
}

void files_free(Interp *I)
{
    for (size_t i = 0; i < I->n_read_dirs; i++) free(I->read_dirs[i]);
    for (size_t i = 0; i < I->n_write_dirs; i++) free(I->write_dirs[i]);
    free(I->read_dirs);
    free(I->write_dirs);
    free(I->project_dir);
}

/* `path` (resolved) is `dir` or lies below it. */
static bool inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/') return true;
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static bool allowed(Interp *I, const char *real, FileAccess mode)
{
    if (I->project_dir && inside(real, I->project_dir)) return true;
    for (size_t i = 0; i < I->n_write_dirs; i++)
        if (inside(real, I->write_dirs[i])) return true;
    for (size_t i = 0; mode == FILE_READ && i < I->n_read_dirs; i++)
        if (inside(real, I->read_dirs[i])) return true;
    return false;
}

/* ---- who is calling ---------------------------------------------------------------- */

bool interp_file_is_library(Interp *I, const char *file)
{
    if (!file) return false;
    if (file == I->lib_cache_file) return I->lib_cache_answer;
    bool answer = false;
    for (size_t i = 0; i < I->n_sources; i++)
        if (I->sources[i]->path == file) {
            answer = I->sources[i]->is_library;
            break;
        }
    I->lib_cache_file = file;
    I->lib_cache_answer = answer;
    return answer;
}

/* ---- the gate ------------------------------------------------------------------------ */

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) rt_out_of_memory();
    if (strcmp(dir, "/") == 0)
        snprintf(p, n, "/%s", name);
    else
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* The path as the code means it: relative paths from the folder of the file
 * whose code runs. */
static char *as_written(Interp *I, const char *path)
{
    const char *dir = interp_current_dir(I);
    if (path[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0) {
        char *p = strdup(path);
        if (!p) rt_out_of_memory();
        return p;
    }
    return join_path(dir, path);
}

/* Splits `full` into its folder (realpath'ed, NULL if it does not exist) and
 * its last component (pointing into full). */
static char *real_parent(const char *full, const char **base)
{
    const char *slash = strrchr(full, '/');
    *base = slash ? slash + 1 : full;
    char *dir =
        slash ? (slash == full ? strdup("/") : strndup(full, (size_t)(slash - full))) : strdup(".");
    if (!dir) rt_out_of_memory();
    char *real = realpath(dir, NULL);
    free(dir);
    return real;
}

/* The editor's language server runs a model as it is typed: a write
 * would happen at every key stroke. */
static bool refuse_read_only(Interp *I, const CallArgs *a, const char *path)
{
    rt_raise(I, a->loc,
             _("%s() was not run for '%s': the editor checks the model without writing files"),
             a->reg->name, path);
    return rt_hint(I, _("run the model with impact run to write the file"));
}

static bool refuse_library_write(Interp *I, const CallArgs *a, const char *path)
{
    rt_raise(I, a->loc, _("the library %s may not write files: %s() was refused for '%s'"),
             a->loc.file, a->reg->name, path);
    return rt_hint(I,
                   _("only the model file named on the command line writes files; let the "
                     "library return the table, and write it from your model file"));
}

static bool refuse_library_path(Interp *I, const CallArgs *a, size_t i, const char *path)
{
    rt_raise(I, arg_loc(a, i),
             _("the library %s may read only a file that your model names: %s() was refused for "
               "'%s', a path the library wrote itself"),
             a->loc.file, a->reg->name, path);
    return rt_hint(I,
                   _("write the path in your model file and pass it to the library, for "
                     "example lib.read(\"data.csv\")"));
}

/* The project folder as messages show it: relative to the current folder
 * when it lies inside it ("./", "examples/cae/"), else absolute; with a
 * final slash, so that it reads as a folder.  Returns malloc'ed text. */
static char *shown_project(Interp *I)
{
    const char *project = I->project_dir ? I->project_dir : ".";
    char *cwd = realpath(".", NULL);
    const char *rest = NULL;
    if (cwd && strcmp(project, cwd) == 0)
        rest = ".";
    else if (cwd && inside(project, cwd))
        rest = project + strlen(cwd) + (strcmp(cwd, "/") != 0);
    char *text = join_path(rest ? rest : project, "");
    free(cwd);
    return text;
}

/* What to do about a path outside the project, by the access refused. */
static const char *const outside_hint[] = {
    [FILE_READ] = N_("move the file into the project folder, or allow its folder: "
                     "impact run --read FOLDER MODEL (or set IMPACT_DATA=FOLDER)"),
    [FILE_WRITE] = N_("write inside the project folder, or allow the folder: impact run --write "
                      "FOLDER MODEL"),
};

static bool refuse_outside(Interp *I, const CallArgs *a, size_t i, const char *path,
                           FileAccess mode, bool library)
{
    char *project = shown_project(I);
    if (library && mode == FILE_READ)
        rt_raise(I, arg_loc(a, i),
                 _("the library %s may not read '%s': it is outside the project folder %s and "
                   "the folders given with --read"),
                 a->loc.file, path, project);
    else if (mode == FILE_READ)
        rt_raise(I, arg_loc(a, i),
                 _("%s() may not read '%s': it is outside the project folder %s and the folders "
                   "given with --read"),
                 a->reg->name, path, project);
    else
        rt_raise(I, arg_loc(a, i),
                 _("%s() may not write '%s': it is outside the project folder %s and the folders "
                   "given with --write"),
                 a->reg->name, path, project);
    free(project);
    return rt_hint(I, "%s", _(outside_hint[mode]));
}

/* A read: the file itself resolved when it exists, else its folder (so a
 * missing file is reported as missing by the reader, not as refused). */
static bool check_read(Interp *I, const CallArgs *a, size_t i, const char *path, bool library,
                       char **full)
{
    char *wanted = as_written(I, path);
    char *real = realpath(wanted, NULL);
    const char *base;
    if (!real) real = real_parent(wanted, &base);
    bool ok = !real || allowed(I, real, FILE_READ);
    free(real);
    if (!ok) {
        free(wanted);
        return refuse_outside(I, a, i, path, FILE_READ, library);
    }
    *full = wanted;
    return true;
}

static bool check_write(Interp *I, const CallArgs *a, size_t i, const char *path, char **full)
{
    char *wanted = as_written(I, path);
    const char *base;
    char *dir = real_parent(wanted, &base);
    if (!dir || !*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        /* no such folder, or a name that is a folder: the writer says why */
        free(dir);
        *full = wanted;
        return true;
    }
    char *target = join_path(dir, base);
    free(dir);
    free(wanted);
    if (!allowed(I, target, FILE_WRITE)) {
        free(target);
        return refuse_outside(I, a, i, path, FILE_WRITE, false);
    }
    *full = target;
    return true;
}

bool interp_path_allowed(Interp *I, const char *dir, const char *path, FileAccess mode)
{
    if (!I->project_dir) files_default_project(I, NULL);
    char *wanted =
        path[0] == '/' || !dir || !strcmp(dir, ".") ? strdup(path) : join_path(dir, path);
    if (!wanted) rt_out_of_memory();
    const char *base;
    char *real = mode == FILE_READ ? realpath(wanted, NULL) : NULL;
    if (!real) real = real_parent(wanted, &base);
    bool ok = !real || allowed(I, real, mode);
    free(real);
    free(wanted);
    return ok;
}

bool file_access(Interp *I, const CallArgs *a, size_t path_arg, FileAccess mode, char **full)
{
    *full = NULL;
    const char *path;
    if (!arg_string(I, a, path_arg, "path", &path)) return false;
    bool library = interp_file_is_library(I, a->loc.file);
    if (library && mode == FILE_WRITE) return refuse_library_write(I, a, path);
    if (library && !(a->pos[path_arg].flags & VF_USER_TEXT))
        return refuse_library_path(I, a, path_arg, path);
    if (!I->project_dir) files_default_project(I, NULL);
    if (mode == FILE_READ) return check_read(I, a, path_arg, path, library, full);
    if (I->read_only) return refuse_read_only(I, a, path);
    return check_write(I, a, path_arg, path, full);
}

void interp_set_read_only(Interp *I)
{
    I->read_only = true;
}
