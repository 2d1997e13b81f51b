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
bool module_use(Interp *I, const char *spec, const char *as_name, SrcLoc loc, Value *out);
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
