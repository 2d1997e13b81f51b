/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* use_paths.c — the paths that may complete `use "...` (see use_paths.h). */
#include "cli/use_paths.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

void use_paths_in(const char *dir, const char *shown, const char *skip, UsePathFn each, void *ctx)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        const char *name = ent->d_name;
        if (name[0] == '.') continue;
        char path[4096], entry[1024];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        struct stat st;
        if (stat(path, &st) != 0 || (skip && strcmp(path, skip) == 0)) continue;
        size_t len = strlen(name);
        bool folder = S_ISDIR(st.st_mode);
        if (folder)
            snprintf(entry, sizeof entry, "%s%s/", shown, name);
        else if (S_ISREG(st.st_mode) && len > 7 && strcmp(name + len - 7, ".impact") == 0)
            snprintf(entry, sizeof entry, "%s%.*s", shown, (int)(len - 7), name);
        else
            continue;
        each(ctx, entry, folder);
    }
    closedir(d);
}

bool use_paths_in_library(const char *root, const char *word, UsePathFn each, void *ctx)
{
    static const char *const libraries[][2] = { { "std/", "stdlib/std" }, { "models/", "models" } };
    for (size_t k = 0; k < sizeof libraries / sizeof libraries[0]; k++) {
        const char *prefix = libraries[k][0];
        size_t plen = strlen(prefix);
        if (strncmp(word, prefix, plen) != 0) {
            each(ctx, prefix, true); /* std/, models/ themselves */
            continue;
        }
        /* std/sub/na: list ROOT/stdlib/std/sub, shown as std/sub/ */
        const char *rest = word + plen, *slash = strrchr(rest, '/');
        int sub = slash ? (int)(slash - rest + 1) : 0;
        char dir[4096], shown[1024];
        snprintf(dir, sizeof dir, "%s/%s/%.*s", root, libraries[k][1], sub, rest);
        snprintf(shown, sizeof shown, "%s%.*s", prefix, sub, rest);
        use_paths_in(dir, shown, NULL, each, ctx);
        return true;
    }
    return false;
}
