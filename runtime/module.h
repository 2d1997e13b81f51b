/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* module.h — `use "PATH" as NAME`: resolution on the library path, loading
 * once per resolved file, cycle detection (private to runtime/).
 *
 * Resolution: std/X → ROOT/stdlib/X.impact; models/X → ROOT/models/X.impact
 * or ROOT/models/X/main.impact; anything else relative to the directory of
 * the importing file (the current directory for -e and the REPL), then each
 * directory of $IMPACT_PATH.  ".impact" may be omitted.
 */
#ifndef IMPACT_MODULE_H
#define IMPACT_MODULE_H

#include "runtime/interp.h"

/* Loads (or finds in the cache) the module named by spec, as written in the
 * file `from_file` (NULL = current directory); *out = the V_MODULE value. */
bool module_use(Interp *I, const char *spec, const char *as_name, SrcLoc loc, const Node *want,
                Value *out);
/* `want`: the N_STRING of `use ... version "1.2"`, or NULL: the library
 * must declare a version that it accepts (module_version_refusal). */

/* The version a library declares at its top (`version "1.2.0"`), or NULL. */
const char *module_version_of(const Node *root);
/* Whether `use SPEC version WANT` refuses a library of version `have`
 * (NULL: none declared): then *message and *hint (malloc'ed) say why and
 * what to do.  The one rule, for the run and for impact check. */
bool module_version_refusal(const char *spec, const char *have, const char *want, char **message,
                            char **hint);
/* module_resolve() for a `use` written in a file of folder dir; when that
 * file is a library (library), false too for a path a library may not use
 * (SPEC.md "Libraries never choose a file"), judged as module_use() does:
 * for impact check, which lists the files of the modules a model uses. */
bool module_resolve_for(Interp *I, const char *spec, const char *dir, bool library, char *found);
/* The error a `use "spec"` written in the library `file` (in folder dir)
 * would stop the run with, judged on the path as written (malloc'ed), or
 * NULL when the path may be used: for impact check. */
char *module_library_use_refused(Interp *I, const char *spec, const char *dir, const char *file);
/* The path as the user wrote it for a loaded module ("std/wellbeing"). */
const char *module_spec_of(Interp *I, const ModuleObj *m);
void modules_free(Interp *I);
/* Computes the library root (interp_library_root). */
char *module_find_root(void);

/* impact check: the parsed tree of each module that the checked file uses,
 * for check_set_modules() (lang/check.h).  module_reader_root() finds the
 * module written `spec` as the run would from the checked file's folder,
 * parses it once, and returns its tree (NULL when it cannot be found or
 * parsed); the trees live until module_reader_free(). */
typedef struct ModuleReader ModuleReader;
ModuleReader *module_reader_new(Interp *I, const char *checked_file);
const Node *module_reader_root(void *reader, const char *spec);
void module_reader_free(ModuleReader *r);

#endif
