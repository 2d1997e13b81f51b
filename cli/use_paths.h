/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* use_paths.h — what may complete the path of `use "...`, for the REPL
 * (repl.c) and the language server (lsp_complete.c), which offer the same.
 *
 * Contract: each candidate is given to `each` as the whole path to write
 * (`std/wellbeing`, `models/`, `sub/model`), a folder ending in '/' with
 * is_folder set, a module without its .impact; in the order the folder
 * lists them, unfiltered (the caller keeps those that match what is typed).
 * Nothing is read but folder listings.
 */
#ifndef IMPACT_USE_PATHS_H
#define IMPACT_USE_PATHS_H

#include <stdbool.h>

typedef void (*UsePathFn)(void *ctx, const char *path, bool is_folder);

/* When word starts with a library ("std/", "models/"): the contents of the
 * folder it names under the library root (ROOT/stdlib/std/..., as the run
 * finds them), and true.  Otherwise the libraries themselves ("std/",
 * "models/"), and false: the caller then lists, with use_paths_in(), the
 * folder its relative paths start from. */
bool use_paths_in_library(const char *root, const char *word, UsePathFn each, void *ctx);

/* The modules (.impact files) and subfolders of folder dir, each as shown +
 * its name; skip: a path not to offer (the document being edited), or NULL. */
void use_paths_in(const char *dir, const char *shown, const char *skip, UsePathFn each, void *ctx);

#endif
