/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_explain.h — what explain() (report_explain.c) shares with the
 * file that follows a computed field down to the data
 * (report_explain_sources.c) and with compare() (report_compare.c), which
 * registers both built-ins.
 */
#ifndef IMPACT_SROI_REPORT_EXPLAIN_H
#define IMPACT_SROI_REPORT_EXPLAIN_H

#include "stdlib/stdlib.h"
#include "stdlib/sroi/report.h"

/* The source files read again during one explain() call, each parsed once. */
typedef struct Sources {
    char **paths;
    SourceFile **files; /* NULL: could not be read or parsed */
    size_t n;
} Sources;
void sroi_sources_free(Sources *s);

/* Appends, indented, the top-level definitions that expr (at loc) uses and,
 * in turn, theirs, down to the csv() calls that read the data; appends
 * nothing when there is none to show. */
void sroi_explain_chain(Sources *srcs, const Node *expr, SrcLoc loc, StrBuf *b);

/* The length of the code on a source line s: up to a comment (a # outside
 * a string), without the blanks before it or at the end. */
size_t sroi_code_length(const char *s);

/* explain(x), registered in report_compare.c's table. */
bool sroi_explain_builtin(Interp *I, const CallArgs *a, Value *out);

#endif
