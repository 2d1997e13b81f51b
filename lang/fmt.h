/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* fmt.h — the canonical layout of impact source text (`impact fmt`).
 *
 * Contract: fmt_source() returns a malloc'ed copy of text laid out by the
 * rules of fmt.c (indentation by brackets, spacing around tokens, aligned
 * `=` in blocks, one blank line at most), with the same line breaks, the
 * same tokens and the same comments, or NULL when memory runs out.  It does
 * not parse: the caller parses the text first (a file with a syntax error is
 * not formatted) and then checks with ast_equal() that the result parses to
 * the same tree.  Formatting a formatted text gives the same bytes.
 */
#ifndef IMPACT_FMT_H
#define IMPACT_FMT_H

#include <stddef.h>

char *fmt_source(const char *text, size_t len, size_t *out_len);

typedef enum FmtStatus {
    FMT_OK,              /* *out holds the formatted text */
    FMT_SYNTAX_ERROR,    /* the text does not parse: *err_line, *err_col, *err_message */
    FMT_CHANGED_MEANING, /* the layout would change the program: a bug of fmt.c, text kept */
    FMT_NO_MEMORY
} FmtStatus;

/* Parses text (named path in messages), formats it, parses the result and
 * compares the two trees.  On FMT_OK *out (malloc'ed) and *out_len hold the
 * formatted text; on FMT_SYNTAX_ERROR *err_message (malloc'ed) says what the
 * parser found at *err_line:*err_col. */
FmtStatus fmt_checked(const char *path, const char *text, size_t len, char **out, size_t *out_len,
                      int *err_line, int *err_col, char **err_message);

#endif
