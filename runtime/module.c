/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* module.c — `use "PATH" as NAME`: finding a module on the library path,
 * loading it once, and refusing cycles.
 *
 * Contract: see module.h.  A module runs in its own scope (whose parent is
 * the builtins, not the main file), under a frame that names it, so its
 * errors point into its own file and its random streams are named
 * "NAME.x".  A module is cached by its resolved path; a failed load is not
 * cached, so the REPL can retry after the file is fixed.  A `use` written
 * in a library reaches only std/, models/ and modules inside the folder the
 * library was found in (SPEC.md "Libraries never choose a file").
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "runtime/internal.h"
#include "runtime/module.h"
#include "lang/check.h"
#include "runtime/mem.h"

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A library root has a stdlib/std/ folder holding .impact modules (a build
 * folder's stdlib/ holds only objects). */
static bool is_library_root(const char *dir)
{
    char probe[PATH_MAX + 16];
    snprintf(probe, sizeof probe, "%s/stdlib/std", dir);
    DIR *d = opendir(probe);
    if (!d) return false;
    bool found = false;
    struct dirent *ent;
    while (!found && (ent = readdir(d))) found = ends_with(ent->d_name, ".impact");
    closedir(d);
    return found;
}

/* $IMPACT_ROOT; else the executable's folder or one of its parents (a
 * build inside the source tree); else EXE_DIR/../share/impact (installed). */
char *module_find_root(void)
{
    const char *env = getenv("IMPACT_ROOT");
    if (env && *env) return strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return strdup(".");
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", exe);
    for (int up = 0; up < 3; up++) {
        if (is_library_root(dir)) return strdup(dir);
        char *cut = strrchr(dir, '/');
        if (!cut || cut == dir) break;
        *cut = '\0';
    }
    char share[PATH_MAX + 32];
    snprintf(share, sizeof share, "%s/../share/impact", exe);
    return strdup(share);
}

/* ---- resolution -------------------------------------------------------------------- */

typedef struct Looked {
    StrBuf where; /* "a, b, c" for the error message */
    char dirs[16][PATH_MAX];
    size_t n_dirs;
} Looked;

static void note_dir(Looked *lk, const char *dir)
{
    if (lk->n_dirs < 16) snprintf(lk->dirs[lk->n_dirs++], PATH_MAX, "%s", dir);
}

/* Tries BASE (when it ends in .impact), BASE.impact, BASE/main.impact. */
static bool try_base(const char *base, Looked *lk, char *found)
{
    char path[PATH_MAX + 32];
    if (strlen(base) + 16 > PATH_MAX) return false;
    if (lk->where.len) sb_append(&lk->where, ", ");
    if (ends_with(base, ".impact")) {
        sb_append(&lk->where, base);
        if (is_file(base)) {
            memcpy(found, base, strlen(base) + 1);
            return true;
        }
        return false;
    }
    snprintf(path, sizeof path, "%s.impact", base);
    sb_append(&lk->where, path);
    if (is_file(path)) {
        memcpy(found, path, strlen(path) + 1);
        return true;
    }
    snprintf(path, sizeof path, "%s/main.impact", base);
    if (is_file(path)) {
        memcpy(found, path, strlen(path) + 1);
        return true;
    }
    return false;
}

static bool try_in(const char *dir, const char *rel, Looked *lk, char *found)
{
    char base[PATH_MAX];
    /* "x.impact" rather than "./x.impact" in messages for the current folder */
    int n = strcmp(dir, ".") == 0 ? snprintf(base, sizeof base, "%s", rel)
                                  : snprintf(base, sizeof base, "%s/%s", dir, rel);
    if (n >= (int)sizeof base) return false;
    char *slash = strrchr(base, '/');
    if (slash) {
        *slash = '\0';
        note_dir(lk, base);
        *slash = '/';
    } else
        note_dir(lk, ".");
    return try_base(base, lk, found);
}

/* The user's own library folder: $XDG_DATA_HOME/impact, else
 * ~/.local/share/impact; "" when neither variable is set.  Searched only
 * when it exists, so a missing default folder does not lengthen the
 * "looked in" list of every error. */
static void user_library_dir(char *dir, size_t size)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(dir, size, "%s/impact", xdg);
    else if (home && *home)
        snprintf(dir, size, "%s/.local/share/impact", home);
    else
        dir[0] = '\0';
}

/* SPEC "Modules and the library path": each folder of IMPACT_PATH in turn,
 * then the user folder; the first file found wins.  SPEC is looked for
 * as it is written (DIR/std/X, DIR/models/X, DIR/X). */
static bool resolve_on_path(const char *spec, Looked *lk, char *found)
{
    const char *path = getenv("IMPACT_PATH");
    bool ok = false;
    if (path) {
        char *dirs = strdup(path), *save = NULL;
        if (!dirs) rt_out_of_memory();
        for (char *d = strtok_r(dirs, ":", &save); d && !ok; d = strtok_r(NULL, ":", &save))
            if (*d) ok = try_in(d, spec, lk, found);
        free(dirs);
    }
    if (ok) return true;
    char user[PATH_MAX];
    user_library_dir(user, sizeof user);
    struct stat st;
    if (user[0] && stat(user, &st) == 0 && S_ISDIR(st.st_mode))
        return try_in(user, spec, lk, found);
    return false;
}

/* ---- what a library may use ------------------------------------------------------ */

/* SPEC.md "Libraries never choose a file": a `use` written in a library
 * reaches modules of std/ and models/, and modules inside the folder the
 * library was found in; never a file elsewhere, which it could otherwise
 * read into an error message (a syntax error quotes the line) or probe for
 * (found or not).  The path is judged on its text, before any file is
 * looked for, so the answer tells nothing of what exists outside; then the
 * file found is judged again resolved, for symbolic links. */

/* `dir` is `path` or a folder above it. */
static bool within(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/') return path[0] == '/';
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* path with its "." and ".." parts taken out, without reading the disk; a
 * relative path keeps the ".." that climb above its start ("../x"). */
static void lexical_normal(const char *path, char *out, size_t size)
{
    char copy[PATH_MAX * 2];
    snprintf(copy, sizeof copy, "%s", path);
    const char *parts[PATH_MAX / 2];
    size_t n = 0, climbs = 0;
    char *save = NULL;
    for (char *p = strtok_r(copy, "/", &save); p && n < PATH_MAX / 2;
         p = strtok_r(NULL, "/", &save)) {
        if (!strcmp(p, ".")) continue;
        if (strcmp(p, ".."))
            parts[n++] = p;
        else if (n)
            n--;
        else if (path[0] != '/')
            climbs++;
    }
    size_t len = (size_t)snprintf(out, size, "%s", path[0] == '/' ? "/" : "");
    for (size_t i = 0; i < climbs && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "../");
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s", parts[i], i + 1 < n ? "/" : "");
}

/* The library folders, resolved: ROOT/stdlib/std, ROOT/models, each folder
 * of IMPACT_PATH, the user's library folder.  Returns how many (at most max). */
static size_t library_folders(Interp *I, char **out, size_t max)
{
    char dirs[PATH_MAX * 4] = "", user[PATH_MAX];
    const char *path = getenv("IMPACT_PATH");
    user_library_dir(user, sizeof user);
    const char *root = interp_library_root(I);
    snprintf(dirs, sizeof dirs, "%s/stdlib/std:%s/models:%s:%s", root, root, path ? path : "",
             user);
    size_t n = 0;
    char *save = NULL;
    for (char *d = strtok_r(dirs, ":", &save); d && n < max; d = strtok_r(NULL, ":", &save)) {
        char *real = *d ? realpath(d, NULL) : NULL;
        if (real) out[n++] = real;
    }
    return n;
}

/* Where a library in folder `dir_real` may reach with a plain path: the
 * deepest library folder holding it; else the project folder, when it
 * holds it; else its own folder.  A new string. */
static char *library_scope(Interp *I, const char *dir_real)
{
    char *folders[20];
    size_t n = library_folders(I, folders, 19);
    const char *project = interp_project_dir(I);
    if (project) folders[n++] = xstrdup(project);
    const char *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (within(dir_real, folders[i]) && (!best || strlen(folders[i]) > strlen(best)))
            best = folders[i];
    char *scope = xstrdup(best ? best : dir_real);
    for (size_t i = 0; i < n; i++) free(folders[i]);
    return scope;
}

/* The path as written may be looked for from a library in folder dir. */
static bool library_spec_allowed(Interp *I, const char *spec, const char *dir)
{
    char norm[PATH_MAX * 2];
    bool std = !strncmp(spec, "std/", 4), models = !strncmp(spec, "models/", 7);
    if (std || models) {
        lexical_normal(spec, norm, sizeof norm);
        return !strncmp(norm, std ? "std/" : "models/", std ? 4 : 7);
    }
    char *real_dir = spec[0] == '/' ? NULL : realpath(dir, NULL);
    if (!real_dir) return false;
    char *scope = library_scope(I, real_dir);
    char joined[PATH_MAX * 3];
    snprintf(joined, sizeof joined, "%s/%s", real_dir, spec);
    lexical_normal(joined, norm, sizeof norm);
    bool ok = within(norm, scope);
    free(scope);
    free(real_dir);
    return ok;
}

/* The file found (resolved) lies in a library folder or in the scope of the
 * library in folder dir. */
static bool library_found_allowed(Interp *I, const char *real, const char *dir)
{
    char *folders[20];
    size_t n = library_folders(I, folders, 20);
    bool ok = false;
    for (size_t i = 0; i < n; i++) {
        ok = ok || within(real, folders[i]);
        free(folders[i]);
    }
    char *real_dir = ok ? NULL : realpath(dir, NULL);
    if (real_dir) {
        char *scope = library_scope(I, real_dir);
        ok = within(real, scope);
        free(scope);
        free(real_dir);
    }
    return ok;
}

/* The refusal's words, for the run and for impact check. */
static const char *library_use_refusal(void)
{
    return _("the library %s may not use '%s': a library uses modules of std/ and models/, and "
             "modules inside the folder it was found in (the project folder, or its library "
             "folder), never a file elsewhere");
}

static bool refuse_library_use(Interp *I, const char *spec, SrcLoc loc)
{
    rt_raise(I, loc, library_use_refusal(), loc.file ? loc.file : "?", spec);
    return rt_hint(I,
                   _("if your model needs that module, use it from your model file; a module "
                     "that a library needs is installed beside it"));
}

char *module_library_use_refused(Interp *I, const char *spec, const char *dir, const char *file)
{
    if (library_spec_allowed(I, spec, dir)) return NULL;
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, library_use_refusal(), file ? file : "?", spec);
    return sb_take(&b);
}

/* A relative path that climbs above the folder it starts from ("../x"). */
static bool climbs(const char *spec)
{
    char norm[PATH_MAX * 2];
    lexical_normal(spec, norm, sizeof norm);
    return !strcmp(norm, "..") || !strncmp(norm, "../", 3);
}

/* from_library: the `use` is written in a library, whose path that climbs
 * is looked for from its own folder only (from a folder of IMPACT_PATH it
 * would lead out of that folder). */
static bool resolve(Interp *I, const char *spec, const char *from_dir, bool from_library,
                    Looked *lk, char *found)
{
    const char *root = interp_library_root(I);
    if (!strncmp(spec, "std/", 4) || !strncmp(spec, "models/", 7)) {
        if (resolve_on_path(spec, lk, found)) return true;
        bool std = !strncmp(spec, "std/", 4);
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s/%s", root, std ? "stdlib/std" : "models");
        return try_in(dir, spec + (std ? 4 : 7), lk, found);
    }
    if (spec[0] == '/') {
        char *copy = strdup(spec);
        char *slash = strrchr(copy, '/');
        if (slash && slash != copy) {
            *slash = '\0';
            note_dir(lk, copy);
        }
        free(copy);
        return try_base(spec, lk, found);
    }
    return try_in(from_dir, spec, lk, found) ||
        (!(from_library && climbs(spec)) && resolve_on_path(spec, lk, found));
}

bool module_resolve(Interp *I, const char *spec, const char *dir, char *found)
{
    Looked lk;
    memset(&lk, 0, sizeof lk);
    sb_init(&lk.where);
    bool ok = resolve(I, spec, dir, false, &lk, found);
    sb_free(&lk.where);
    return ok;
}

bool module_resolve_for(Interp *I, const char *spec, const char *dir, bool library, char *found)
{
    if (library && !library_spec_allowed(I, spec, dir)) return false;
    Looked lk;
    memset(&lk, 0, sizeof lk);
    sb_init(&lk.where);
    bool ok = resolve(I, spec, dir, library, &lk, found);
    sb_free(&lk.where);
    char *real = ok && library ? realpath(found, NULL) : NULL;
    ok = ok && (!library || (real && library_found_allowed(I, real, dir)));
    free(real);
    return ok;
}

/* "did you mean 'std/wellbeing'?": the nearest .impact file in the
 * directories looked in, with the spec's directory prefix kept. */
static void hint_similar(Interp *I, const char *spec, Looked *lk)
{
    const char *slash = strrchr(spec, '/');
    const char *want = slash ? slash + 1 : spec;
    char stem[256];
    snprintf(stem, sizeof stem, "%s", want);
    if (ends_with(stem, ".impact")) stem[strlen(stem) - 7] = '\0';
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < lk->n_dirs; i++) {
        DIR *d = opendir(lk->dirs[i]);
        if (!d) continue;
        struct dirent *ent;
        while ((ent = readdir(d))) {
            if (!ends_with(ent->d_name, ".impact")) continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                names = xrealloc(names, cap * sizeof *names);
            }
            names[n++] = xstrndup(ent->d_name, strlen(ent->d_name) - 7);
        }
        closedir(d);
    }
    /* the one "did you mean" rule (lang/check.h) */
    const char *near = suggest_name(stem, (const char *const *)names, n);
    char best[256] = "";
    if (near) snprintf(best, sizeof best, "%s", near);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    if (best[0])
        rt_hint(I, _("did you mean '%.*s%s'?"), slash ? (int)(slash - spec + 1) : 0, spec, best);
    else
        rt_hint(
            I,
            _("check the path; std/ names the standard library, models/ the shared models, other "
              "paths are relative to this file; every path is also looked for in the folders of "
              "IMPACT_PATH and in your library folder ($XDG_DATA_HOME/impact)"));
}

/* ---- the cache ------------------------------------------------------------------------- */

static ModuleEntry *cache_find(Interp *I, const char *real)
{
    for (size_t i = 0; i < I->n_modules; i++)
        if (!strcmp(I->modules[i].path, real)) return &I->modules[i];
    return NULL;
}

/* The SHA-256 of the bytes read, so a report names the exact library text. */
static void hash_source(const SourceFile *src, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, src->len, (const uint8_t *)src->text);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) sprintf(hex + 2 * i, "%02x", digest[i]);
}

size_t interp_library_count(Interp *I)
{
    return I->n_modules;
}

const char *interp_library_version(Interp *I, size_t i)
{
    return i < I->n_modules ? module_version_of(I->modules[i].src->root) : NULL;
}

void interp_library(Interp *I, size_t i, const char **spec, const char **shown, const char **sha256)
{
    const ModuleEntry *e = &I->modules[i];
    *spec = e->spec;
    *shown = e->src->path;
    *sha256 = e->sha256;
}

static void cache_add(Interp *I, const char *real, const char *spec, const char *name, Value module,
                      const SourceFile *src)
{
    if (I->n_modules == I->cap_modules) {
        I->cap_modules = I->cap_modules ? I->cap_modules * 2 : 8;
        I->modules = xrealloc(I->modules, I->cap_modules * sizeof(ModuleEntry));
    }
    ModuleEntry *e = &I->modules[I->n_modules++];
    e->path = strdup(real);
    e->spec = strdup(spec);
    e->name = strdup(name);
    e->src = src;
    hash_source(src, e->sha256);
    e->module = module;
    value_retain(module);
    e->loading = false;
}

const char *module_spec_of(Interp *I, const ModuleObj *m)
{
    for (size_t i = 0; i < I->n_modules; i++)
        if (I->modules[i].module.as.obj == &m->hdr) return I->modules[i].spec;
    return m->path;
}

void modules_free(Interp *I)
{
    for (size_t i = 0; i < I->n_modules; i++) {
        ModuleEntry *e = &I->modules[i];
        value_release(e->module);
        free(e->path);
        free(e->spec);
        free(e->name);
    }
    free(I->modules);
    I->modules = NULL;
    I->n_modules = I->cap_modules = 0;
}

/* ---- loading ----------------------------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A file being run already (the main file or a module loading): a cycle. */
static bool check_cycle(Interp *I, const char *real, SrcLoc loc)
{
    size_t start = I->n_frames;
    for (size_t i = 0; i < I->n_frames; i++)
        if (I->frames[i].real_path && !strcmp(I->frames[i].real_path, real)) {
            start = i;
            break;
        }
    if (start == I->n_frames) return true;
    /* "a uses b, which uses c": each link a whole translated clause */
    StrBuf chain;
    sb_init(&chain);
    size_t links = 0;
    for (size_t i = start; i <= I->n_frames; i++) {
        const char *file = i < I->n_frames ? I->frames[i].real_path : real;
        if (!file) continue;
        if (links == 0) {
            sb_append(&chain, base_name(file));
        } else {
            StrBuf next;
            sb_init(&next);
            sb_printf(&next, links == 1 ? _("%s uses %s") : _("%s, which uses %s"), chain.data,
                      base_name(file));
            sb_free(&chain);
            chain = next;
        }
        links++;
    }
    rt_raise(I, loc, _("module cycle: %s"), chain.data);
    rt_hint(I, _("move what both files need into a third module that both use"));
    sb_free(&chain);
    return false;
}

/* "dir/sub" is under "dir": the rest after the slash, else NULL. */
static const char *under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && path[n] == '/' ? path + n + 1 : NULL;
}

/* Messages name library modules as they are used, std/wellbeing.impact and
 * models/cae.impact, not by the absolute path of the library root. */
static void display_name(Interp *I, SourceFile *src, const char *real)
{
    static const char *const dirs[][2] = { { "stdlib/std", "std" }, { "models", "models" } };
    char dir[PATH_MAX + 16];
    for (size_t i = 0; i < 2; i++) {
        snprintf(dir, sizeof dir, "%s/%s", interp_library_root(I), dirs[i][0]);
        char *real_dir = realpath(dir, NULL);
        const char *rest = real_dir ? under(real, real_dir) : NULL;
        if (rest) {
            char *name = xmalloc(strlen(dirs[i][1]) + strlen(rest) + 2);
            sprintf(name, "%s/%s", dirs[i][1], rest);
            free(src->path);
            src->path = name;
        }
        free(real_dir);
        if (rest) return;
    }
}

/* A module found in a folder of IMPACT_PATH or in the user's library
 * folder, named by its path from that folder (DIR/std/wellby.impact is
 * std/wellby.impact), as it is used; NULL for any other file. */
static char *path_library_name(const char *real)
{
    char dirs[PATH_MAX * 2 + 2] = "";
    const char *path = getenv("IMPACT_PATH");
    char user[PATH_MAX];
    user_library_dir(user, sizeof user);
    snprintf(dirs, sizeof dirs, "%s:%s", path ? path : "", user);
    char *save = NULL, *name = NULL;
    for (char *d = strtok_r(dirs, ":", &save); d && !name; d = strtok_r(NULL, ":", &save)) {
        char *real_dir = *d ? realpath(d, NULL) : NULL;
        const char *rest = real_dir ? under(real, real_dir) : NULL;
        if (rest) name = xstrdup(rest);
        free(real_dir);
    }
    return name;
}

/* The name a module's random streams are keyed by (SPEC §6): the file that
 * defines them, never the `as` alias, so `use "x" as s` and `use "x" as t`
 * draw the same samples.  A library module as it is used (std/wellby),
 * wherever the library is installed (the library root, a folder of
 * IMPACT_PATH, the user's folder); a file in the main file's folder or
 * below by its path from there; any other file by its resolved path;
 * ".impact" is dropped.  Machine-independent but for the last case. */
static char *stream_key(Interp *I, const SourceFile *src, const char *real)
{
    const char *main_path = I->n_frames ? I->frames[0].real_path : NULL;
    char *main_dir = NULL;
    if (main_path) {
        const char *slash = strrchr(main_path, '/');
        main_dir = slash ? strndup(main_path, (size_t)(slash - main_path)) : NULL;
    } else {
        main_dir = realpath(".", NULL); /* -e, the REPL */
    }
    const char *rest = main_dir ? under(real, main_dir) : NULL;
    bool library = !strncmp(src->path, "std/", 4) || !strncmp(src->path, "models/", 7);
    char *on_path = library || rest ? NULL : path_library_name(real);
    const char *name = library ? src->path : rest ? rest : on_path ? on_path : real;
    size_t n = strlen(name);
    if (n > 7 && !strcmp(name + n - 7, ".impact")) n -= 7;
    char *key = strndup(name, n);
    free(on_path);
    free(main_dir);
    if (!key) rt_out_of_memory();
    return key;
}

static Value new_module(const char *path, Env *env)
{
    ModuleObj *m = xcalloc(1, sizeof *m);
    m->hdr.refcount = 1;
    m->hdr.kind = V_MODULE;
    m->path = strdup(path);
    m->env = env;
    env_retain(env);
    return value_obj(&m->hdr);
}

/* ---- versions ------------------------------------------------------------------------ */

const char *module_version_of(const Node *root)
{
    const Node *first = root && root->n_items ? root->items[0] : NULL;
    return first && first->kind == N_VERSION ? first->str : NULL;
}

/* "1.2.0" accepted by "1", "1.2" and "1.2.0": each number asked equals the
 * library's number at its place (SPEC.md, "Library versions"). */
static bool version_accepts(const char *have, const char *want)
{
    while (*want) {
        char *end_have, *end_want;
        unsigned long h = strtoul(have, &end_have, 10), w = strtoul(want, &end_want, 10);
        if (end_have == have || end_want == want || h != w) return false;
        have = *end_have == '.' ? end_have + 1 : end_have;
        want = *end_want == '.' ? end_want + 1 : end_want;
    }
    return true;
}

bool module_version_refusal(const char *spec, const char *have, const char *want, char **message,
                            char **hint)
{
    StrBuf m, h;
    if (have && version_accepts(have, want)) return false;
    sb_init(&m);
    sb_init(&h);
    if (!have) {
        sb_printf(&m,
                  _("library '%s' declares no version, so it cannot be checked that it is "
                    "version %s"),
                  spec, want);
        /* what the library would write: the version asked, made three numbers */
        size_t parts = 1;
        for (const char *w = want; *w; w++) parts += *w == '.';
        sb_printf(&h,
                  _("remove version \"%s\" from this line, or use a copy of the library "
                    "that starts with its version (version \"%s%s\" ...)"),
                  want, want,
                  parts == 1       ? ".0.0"
                      : parts == 2 ? ".0"
                                   : "");
    } else {
        /* the library's version cut to as many numbers as asked: "1" for 1.2.0 */
        size_t parts = 1, cut = 0;
        for (const char *w = want; *w; w++) parts += *w == '.';
        while (have[cut] && !(have[cut] == '.' && --parts == 0)) cut++;
        sb_printf(&m, _("library '%s' is version %s, and this file asks for version %s"), spec,
                  have, want);
        sb_printf(&h,
                  _("put a version %s of the library in a folder of IMPACT_PATH or in your "
                    "library folder (they are searched first), or write version \"%.*s\" if "
                    "this model suits version %s"),
                  want, (int)cut, have, have);
    }
    *message = sb_take(&m);
    *hint = sb_take(&h);
    return true;
}

/* The version `use ... version "W"` asks of a loaded library. */
static bool check_version(Interp *I, const char *spec, const char *have, const Node *want)
{
    char *message, *hint;
    if (!want || !module_version_refusal(spec, have, want->str, &message, &hint)) return true;
    rt_raise(I, want->loc, "%s", message);
    rt_hint(I, "%s", hint);
    free(message);
    free(hint);
    return false;
}

bool module_use(Interp *I, const char *spec, const char *as_name, SrcLoc loc, const Node *want,
                Value *out)
{
    Looked lk;
    memset(&lk, 0, sizeof lk);
    sb_init(&lk.where);
    char found[PATH_MAX];
    const char *dir = interp_current_dir(I);
    bool library = interp_file_is_library(I, loc.file);
    if (library && !library_spec_allowed(I, spec, dir)) {
        sb_free(&lk.where);
        return refuse_library_use(I, spec, loc);
    }
    if (!resolve(I, spec, dir, library, &lk, found)) {
        rt_raise(I, loc, _("cannot find module '%s' (looked in: %s)"), spec,
                 lk.where.data ? lk.where.data : "");
        hint_similar(I, spec, &lk);
        sb_free(&lk.where);
        return false;
    }
    sb_free(&lk.where);
    char *real = realpath(found, NULL);
    if (!real) return rt_raise(I, loc, _("cannot open module '%s': %s"), found, strerror(errno));
    if (library && !library_found_allowed(I, real, dir)) { /* a symbolic link out */
        free(real);
        return refuse_library_use(I, spec, loc);
    }
    bool ok = check_cycle(I, real, loc);
    ModuleEntry *cached = ok ? cache_find(I, real) : NULL;
    if (cached) {
        free(real);
        if (!check_version(I, spec, module_version_of(cached->src->root), want)) return false;
        value_retain(cached->module);
        *out = cached->module;
        return true;
    }
    SourceFile *src = ok ? source_read(found) : NULL;
    if (ok && !src) ok = rt_raise(I, loc, _("cannot open module '%s': %s"), found, strerror(errno));
    if (ok) {
        display_name(I, src, real);
        src->is_library = true; /* runtime/files.c: no writes, only the caller's paths */
        Env *env = env_new(I, I->builtins);
        char *key = stream_key(I, src, real);
        interp_push_frame(I, found, key, env);
        interp_push_site(I, loc, true);
        ok = interp_run_source(I, src, env, NULL);
        interp_pop_site(I);
        interp_pop_frame(I);
        free(key);
        if (ok) {
            *out = new_module(found, env);
            cache_add(I, real, spec, as_name, *out, src);
            if (!check_version(I, spec, module_version_of(src->root), want)) {
                value_release(*out);
                ok = false;
            }
        }
        env_release(env);
    }
    free(real);
    return ok;
}

/* ---- impact check: the modules a checked file uses ------------------------------------ */

/* Each module named by a `use` of the checked file, found by the rules of
 * the run (module_resolve, from the checked file's folder) and parsed once;
 * nothing is run. */
typedef struct CheckedModule {
    char *spec;
    SourceFile *src; /* NULL: not found or not parsed (the run says why) */
} CheckedModule;

struct ModuleReader {
    Interp *I;
    char *dir; /* folder of the checked file */
    CheckedModule *mods;
    size_t n;
};

ModuleReader *module_reader_new(Interp *I, const char *checked_file)
{
    ModuleReader *r = calloc(1, sizeof *r);
    if (!r) rt_out_of_memory();
    r->I = I;
    const char *slash = strrchr(checked_file, '/');
    r->dir = slash ? strndup(checked_file, (size_t)(slash - checked_file)) : strdup(".");
    if (!r->dir) rt_out_of_memory();
    if (!*r->dir) { /* "/x.impact" */
        free(r->dir);
        r->dir = strdup("/");
        if (!r->dir) rt_out_of_memory();
    }
    return r;
}

const Node *module_reader_root(void *reader, const char *spec)
{
    ModuleReader *r = reader;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->mods[i].spec, spec) == 0) return r->mods[i].src ? r->mods[i].src->root : NULL;
    CheckedModule *grown = realloc(r->mods, (r->n + 1) * sizeof *grown);
    if (!grown) rt_out_of_memory();
    r->mods = grown;
    CheckedModule *m = &r->mods[r->n++];
    m->spec = strdup(spec);
    if (!m->spec) rt_out_of_memory();
    char found[PATH_MAX];
    m->src = module_resolve(r->I, spec, r->dir, found) ? source_read_parsed(found) : NULL;
    return m->src ? m->src->root : NULL;
}

void module_reader_free(ModuleReader *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->mods[i].spec);
        source_free(r->mods[i].src);
    }
    free(r->mods);
    free(r->dir);
    free(r);
}
