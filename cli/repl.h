/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* repl.h — reading statements interactively (GNU readline) or from a pipe.
 *
 * Contract: both functions run statements in I's global scope, one complete
 * statement at a time (lines are joined while interp_text_is_incomplete() says the
 * statement is still open), print each non-nil result with value_format() on
 * stdout, and print each error with interp_print_error() on stderr without
 * stopping: later statements still run with the bindings made so far.
 */
#ifndef IMPACT_REPL_H
#define IMPACT_REPL_H

#include <stdio.h>

#include "runtime/interp.h"

#define IMPACT_VERSION "0.1.0"

/* The interactive session on a terminal: prompts, history, completion,
 * :commands, Ctrl-C.  Returns the exit status (0). */
int repl_interactive(Interp *I);

/* Statements read from a stream that is not a terminal, no prompts.  Errors
 * are located as `name:LINE:COL` with LINE counted from the start of the
 * stream.  A line starting with ':' outside a statement is a session
 * command (:load, :help, :env, :why, :quit stops reading).  Returns 0 if
 * every statement and command ran, 1 if any raised an error. */
int repl_piped(Interp *I, FILE *in, const char *name);

#endif
